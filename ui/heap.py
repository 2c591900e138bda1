"""The import-time heap, frozen out of the garbage collector's way.

A full garbage collection walks every object the process tracks: about 150,000 here, made
by importing pandas, plotly, SQLAlchemy and the analysis package, and they live as long as
the process. Streamlit ran one after every script run (`runner.postScriptGC`, now off in
`.streamlit/config.toml`); profiled with py-spy while 30 visitors opened the Overview at
once, that walk was most of the server's busy time (issue 17). Python's own collector
still makes full collections now and then, and any Streamlit that turns the option back
on would too. The import-time objects are frozen once per process (`gc.freeze`, after a
collection so no garbage is kept): later collections walk only what the runs made, and
still free every cycle a run leaves behind.
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_imports() -> None:
    """Move every object alive now out of the collector's reach, once per process.

    Called by `app.py` after its imports, before any session's objects exist. Two first
    runs at the same instant may both freeze: the second finds little new, which is harmless.
    """
    global _frozen
    if _frozen:
        return
    gc.collect()
    gc.freeze()
    _frozen = True


def frozen() -> bool:
    """Whether this process froze its import-time heap (for tests)."""
    return _frozen
