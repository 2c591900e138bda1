"""What Streamlit's own configuration allows visitors, and that the proxy sample agrees with it
(issue 15, findings 2 and 9). The upload bound's match with the code is
`tests/ingest/test_reading_limits.py`; the proxy's behaviour is `test_nginx_replicas.py`.
"""

from __future__ import annotations

import re
import tomllib

from analysis.core.limits import MAX_FILE_BYTES
from tests.support.store_fixtures import REPO_ROOT

CONFIG = REPO_ROOT / ".streamlit" / "config.toml"
NGINX = REPO_ROOT / "deploy" / "nginx.conf"


def _config() -> dict[str, dict[str, object]]:
    with CONFIG.open("rb") as handle:
        return tomllib.load(handle)


def test_visitors_get_no_developer_menu_and_no_clear_cache_shortcut() -> None:
    # In Streamlit 1.67 "viewer" and "minimal" both hide Rerun / Clear cache from the menu and
    # turn off the "c" shortcut (the frontend's `handleKeyDown` checks the toolbar mode).
    assert _config()["client"]["toolbarMode"] in ("viewer", "minimal")


def test_errors_show_no_details_to_visitors() -> None:
    assert _config()["client"]["showErrorDetails"] in ("none", False)


def test_every_body_bound_of_the_proxy_is_the_dashboards_upload_bound() -> None:
    sizes = re.findall(r"client_max_body_size\s+(\d+)m;", NGINX.read_text())
    assert sizes and {int(size) * 1024 * 1024 for size in sizes} == {MAX_FILE_BYTES}


def test_the_proxy_rate_limits_uploads_and_hides_metrics() -> None:
    text = NGINX.read_text()
    upload = re.search(r"location \^~ /_stcore/upload_file/ \{(.*?)\n        \}", text, re.S)
    assert upload and "limit_req zone=uploads" in upload[1]
    assert re.search(r"location \^~ /_stcore/metrics \{\s*return 404;", text)
