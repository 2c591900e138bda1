"""Browser tests: the running dashboard driven in Debian's headless Chromium (Playwright)."""

import pytest

# The harness asserts too; let pytest explain its failures as it does a test's.
pytest.register_assert_rewrite(
    "tests.browser.harness", "tests.browser.session", "tests.browser.charts"
)
