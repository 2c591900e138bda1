"""The Streamlit side uses Streamlit's public API only.

Private attributes and `streamlit.runtime` change without notice between releases (the
shell once patched `PagesManager.uses_pages_directory` and read the script-run context);
an upgrade should break nothing that the documentation does not announce. This test reads
`app.py`, `ui/` and `pages/` (their syntax, not their behaviour) and fails on:

- an import from `streamlit.runtime` or `streamlit.testing` (tests may use AppTest; the app
  may not), or of any private Streamlit module or name (`streamlit._x`, `from streamlit
  import _x`);
- a private attribute (a name starting with `_`, dunders aside) read or written on a
  Streamlit object: anything reached from a name bound to Streamlit, including names
  assigned from such an expression (`sidebar = st.sidebar; sidebar._x`), directly or
  through `getattr`/`setattr`/`hasattr`/`delattr` with a literal name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.apptest import REPO_ROOT

FORBIDDEN_MODULES = ("streamlit.runtime", "streamlit.testing")
_REFLECTION = frozenset({"getattr", "setattr", "hasattr", "delattr"})


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_problem(module: str) -> str | None:
    """Why importing `module` is not allowed, or None."""
    parts = module.split(".")
    if parts[0] != "streamlit":
        return None
    if any(module == bad or module.startswith(bad + ".") for bad in FORBIDDEN_MODULES):
        return f"imports {module}"
    if any(_is_private(part) for part in parts[1:]):
        return f"imports private module {module}"
    return None


def _root(node: ast.expr) -> str | None:
    """The name an expression hangs from (`st` in `st.sidebar.button(...)._x[0]`)."""
    while True:
        if isinstance(node, ast.Attribute | ast.Subscript | ast.Starred):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            return node.id
        else:
            return None


def _targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return list(node.targets)
    if isinstance(node, ast.AnnAssign | ast.AugAssign | ast.NamedExpr | ast.For):
        return [node.target]
    if isinstance(node, ast.withitem) and node.optional_vars is not None:
        return [node.optional_vars]
    return []


def _source_of(node: ast.AST) -> ast.expr | None:
    if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign | ast.NamedExpr):
        return node.value
    if isinstance(node, ast.For):
        return node.iter
    if isinstance(node, ast.withitem):
        return node.context_expr
    return None


def _bound_names(target: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def _streamlit_names(tree: ast.Module) -> set[str]:
    """Names bound to Streamlit: its imports, then whatever is assigned from them."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "streamlit":
                    names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "streamlit":
            names.update(alias.asname or alias.name for alias in node.names)
    bindings = [node for node in ast.walk(tree) if _targets(node)]
    grew = True
    while grew:
        grew = False
        for node in bindings:
            source = _source_of(node)
            if source is not None and _root(source) in names:
                new = set().union(*(_bound_names(t) for t in _targets(node))) - names
                names |= new
                grew = grew or bool(new)
    return names


def problems(source: str) -> list[str]:
    """Every use of Streamlit's private API in `source`, as `line: what`."""
    tree = ast.parse(source)
    names = _streamlit_names(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            found += [f"{line}: {p}" for a in node.names if (p := _module_problem(a.name))]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if problem := _module_problem(node.module):
                found.append(f"{line}: {problem}")
            elif node.module.split(".")[0] == "streamlit":
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    if problem := _module_problem(full) or (
                        f"imports private name {full}" if _is_private(alias.name) else None
                    ):
                        found.append(f"{line}: {problem}")
        elif isinstance(node, ast.Attribute) and _is_private(node.attr):
            if _root(node.value) in names:
                found.append(f"{line}: private attribute .{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _REFLECTION
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _is_private(node.args[1].value)
            and _root(node.args[0]) in names
        ):
            found.append(f"{line}: private attribute {node.args[1].value!r} via {node.func.id}")
    return sorted(found, key=lambda text: int(text.split(":")[0]))


def _app_files() -> list[Path]:
    files = [REPO_ROOT / "app.py"]
    for folder in ("ui", "pages"):
        files += sorted((REPO_ROOT / folder).rglob("*.py"))
    return files


@pytest.mark.parametrize("path", _app_files(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_the_streamlit_side_uses_public_api_only(path: Path) -> None:
    assert problems(path.read_text(encoding="utf-8")) == []


def test_the_scan_covers_the_app() -> None:
    names = {str(p.relative_to(REPO_ROOT)) for p in _app_files()}
    assert {"app.py", "ui/shell.py", "ui/auth.py", "pages/rounds.py"} <= names
    assert any(name.startswith("ui/upload/") for name in names)  # subpackages too


@pytest.mark.parametrize(
    "source",
    [
        "from streamlit.runtime.pages_manager import PagesManager",
        "from streamlit.runtime.scriptrunner import get_script_run_ctx",
        "import streamlit.runtime.scriptrunner",
        "from streamlit.testing.v1 import AppTest",
        "from streamlit import runtime",
        "from streamlit import _private",
        "import streamlit._internal as x",
        "import streamlit as st\nst._config",
        "import streamlit as st\nst.session_state._state",
        "import streamlit as st\nst.sidebar.container()._parent",
        "import streamlit as st\nsidebar = st.sidebar\nsidebar._active_dg",
        "import streamlit as st\na = st.sidebar\nb = a.container()\nb._cursor",
        "import streamlit as st\nwith st.container() as box:\n    box._block",
        "from streamlit import session_state as s\ns._new_widget_state",
        "import streamlit as st\ngetattr(st.session_state, '_state')",
        "import streamlit as st\nsetattr(st, '_x', 1)",
        "import streamlit as st\nst.navigation._pages = []",
    ],
)
def test_private_uses_are_found(source: str) -> None:
    assert problems(source), source


@pytest.mark.parametrize(
    "source",
    [
        "import streamlit as st\nst.session_state['_view'] = 1",
        "import streamlit as st\nst.get_option('global.appTest')",
        "import streamlit as st\nst.__version__",
        "import streamlit as st\nfrom streamlit.errors import StreamlitAPIException",
        "import streamlit as st\nimport pandas as pd\npd.DataFrame()._mgr",
        "from ui import shell\nshell._redraw('x')",
        "import streamlit as st\nclass A:\n    def f(self):\n        return self._x",
        "import streamlit as st\n_KEY = '_x'\nst.session_state.get(_KEY)",
    ],
)
def test_public_uses_pass(source: str) -> None:
    assert problems(source) == []
