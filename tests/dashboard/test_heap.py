"""The import-time heap is frozen out of the collector's way, and collections still work.

Run in a fresh interpreter: freezing is process-wide and once per process, so the
behaviour is checked where nothing else has frozen anything yet.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.support.apptest import open_app
from ui import heap

PROBE = textwrap.dedent(
    """
    import gc, weakref
    from ui import heap

    class Node:
        pass

    assert gc.get_freeze_count() == 0 and not heap.frozen()
    garbage = Node(); garbage.me = garbage; garbage_ref = weakref.ref(garbage); del garbage
    alive = Node(); alive.me = alive; alive_ref = weakref.ref(alive)

    heap.freeze_imports()
    frozen = gc.get_freeze_count()
    assert heap.frozen() and frozen > 1000, frozen
    assert garbage_ref() is None, "garbage made before the freeze was kept"

    heap.freeze_imports()
    assert gc.get_freeze_count() == frozen, "froze twice"

    del alive
    gc.collect()
    assert alive_ref() is not None, "a frozen cycle was walked"

    later = Node(); later.me = later; later_ref = weakref.ref(later); del later
    gc.collect()
    assert later_ref() is None, "a cycle made after the freeze was not freed"
    print("ok")
    """
)


def test_freeze_keeps_import_objects_out_and_still_frees_later_cycles() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@pytest.mark.usefixtures("app_db")
def test_the_app_freezes_its_imports_on_its_first_run() -> None:
    open_app(lang="en")
    assert heap.frozen()


def test_streamlit_makes_no_full_collection_after_every_run() -> None:
    """`.streamlit/config.toml` turns `runner.postScriptGC` off (a crowd's CPU, issue 17)."""
    import tomllib

    from tests.support.apptest import REPO_ROOT

    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["runner"]["postScriptGC"] is False
