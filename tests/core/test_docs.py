"""The docs cannot drift from the code (as datasette's and sqlite-utils' `test_docs.py`).

Every package is named in `docs/ARCHITECTURE.md`, and every path it names exists; every
command of `python -m analysis` and each of its options, every environment variable the
code reads, every key of `.streamlit/config.toml`, every secret and every Makefile target
is in the README; the page shown in `docs/DASHBOARD.md` is a real page, verbatim. Each
check is a function over text, tried once on the real files and once on a made-up name
so that it is seen to fail.
"""

from __future__ import annotations

import argparse
import ast
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from analysis import auth
from analysis.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
DASHBOARD = (ROOT / "docs" / "DASHBOARD.md").read_text(encoding="utf-8")
#: Where the code that may read settings lives.
CODE = (ROOT / "analysis", ROOT / "ui", ROOT / "pages", ROOT / "app.py")


# --- packages in ARCHITECTURE.md ---------------------------------------------------------


def packages(root: Path = ROOT) -> list[str]:
    """Every package: a directory under `analysis/` or `ui/` with an `__init__.py`, and `pages`."""
    found = {
        init.parent.relative_to(root).as_posix()
        for top in ("analysis", "ui")
        for init in (root / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    return sorted(found | {"pages"})


def unnamed(names: Iterable[str], doc: str) -> list[str]:
    """The names that `doc` never writes in backquotes, exactly."""
    return [name for name in names if f"`{name}`" not in doc]


def named_paths(doc: str) -> list[str]:
    """Backquoted code paths in `doc` (placeholders such as `<area>` left out)."""
    tokens = re.findall(r"`((?:analysis|ui|pages|tests|docs)/[^`\s]*)`", doc)
    return sorted({token.rstrip("/") for token in tokens if "<" not in token and "*" not in token})


def test_every_package_is_named_in_the_architecture() -> None:
    assert len(packages()) > 15
    assert unnamed(packages(), ARCHITECTURE) == []


@pytest.mark.parametrize("doc", ["docs/ARCHITECTURE.md", "docs/DASHBOARD.md", "README.md"])
def test_every_code_path_a_doc_names_exists(doc: str) -> None:
    paths = named_paths((ROOT / doc).read_text(encoding="utf-8"))
    assert paths
    assert [path for path in paths if not (ROOT / path).exists()] == []


def test_a_new_package_or_a_stale_path_would_be_seen(tmp_path: Path) -> None:
    (tmp_path / "analysis" / "madeup").mkdir(parents=True)
    (tmp_path / "analysis" / "madeup" / "__init__.py").write_text("", encoding="utf-8")
    assert "analysis/madeup" in packages(tmp_path)
    assert unnamed(["analysis/madeup", "analysis/core"], ARCHITECTURE) == ["analysis/madeup"]
    assert named_paths("see `tests/fixtures/` and `analysis/<area>.toml`") == ["tests/fixtures"]


# --- CLI commands in the README ------------------------------------------------------------


def subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    """The subcommands' action: argparse offers no public way to list subcommands."""
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return action


def commands(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    """Each subcommand of `parser` with its long options."""
    action = subparsers(parser)
    return {
        name: sorted(
            option
            for sub_action in sub._actions
            for option in sub_action.option_strings
            if option.startswith("--") and option != "--help"
        )
        for name, sub in action.choices.items()
    }


def undocumented_commands(found: Mapping[str, list[str]], readme: str) -> list[str]:
    """`command` or `command --option` for each one the README does not show in use."""
    missing = []
    for name, options in found.items():
        lines = re.findall(rf"python -m analysis {re.escape(name)}\b.*", readme)
        if not lines:
            missing.append(name)
            continue
        missing += [f"{name} {opt}" for opt in options if not any(opt in line for line in lines)]
    return missing


def test_every_command_and_option_is_in_the_readme() -> None:
    found = commands(build_parser())
    assert {"validate", "summary", "import", "rounds", "export"} <= set(found)
    assert undocumented_commands(found, README) == []


def test_a_new_command_or_option_would_be_seen() -> None:
    parser = build_parser()
    action = subparsers(parser)
    action.add_parser("madeup")
    action.choices["rounds"].add_argument("--made-up-option")
    found = commands(parser)
    assert found["madeup"] == [] and "--made-up-option" in found["rounds"]
    readme = "python -m analysis rounds [--db URL] [--json] [--lang fr|en]\n"
    assert undocumented_commands({"rounds": found["rounds"], "madeup": []}, readme) == [
        "rounds --made-up-option",
        "madeup",
    ]


# --- settings in the README ------------------------------------------------------------------


def _python_files(places: Iterable[Path]) -> Iterator[Path]:
    for place in places:
        yield from sorted(place.rglob("*.py")) if place.is_dir() else [place]


def _constants(trees: Iterable[ast.Module]) -> dict[str, str]:
    """`NAME = "text"` at the top of any module (how the code names its variables)."""
    found: dict[str, str] = {}
    for tree in trees:
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                found.update(
                    {t.id: node.value.value for t in node.targets if isinstance(t, ast.Name)}
                )
    return found


def _is_environ(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "environ") or (
        isinstance(node, ast.Attribute) and node.attr == "environ"
    )


def _env_keys(tree: ast.Module) -> Iterator[ast.expr]:
    """The key expressions of `os.environ.get(k)`, `os.getenv(k)`, `environ[k]`, `k in environ`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            reads_environ = isinstance(func, ast.Attribute) and (
                func.attr == "getenv" or (func.attr in {"get", "pop"} and _is_environ(func.value))
            )
            if reads_environ or (isinstance(func, ast.Name) and func.id == "getenv"):
                yield node.args[0]
        elif isinstance(node, ast.Subscript) and _is_environ(node.value):
            yield node.slice
        elif isinstance(node, ast.Compare) and any(_is_environ(c) for c in node.comparators):
            yield node.left


def environment_variables(sources: Iterable[str]) -> list[str]:
    """Every environment variable the given sources read, constants resolved by name."""
    trees = [ast.parse(source) for source in sources]
    constants = _constants(trees)
    names = set()
    for tree in trees:
        for key in _env_keys(tree):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                names.add(key.value)
            elif isinstance(key, ast.Name | ast.Attribute):
                name = key.id if isinstance(key, ast.Name) else key.attr
                assert name in constants, f"environment variable named by {name}: not a constant"
                names.add(constants[name])
    return sorted(names)


def config_keys(config: dict[str, Any], prefix: str = "") -> list[str]:
    """`section.key` for every leaf of a Streamlit `config.toml`."""
    keys: list[str] = []
    for key, value in config.items():
        path = f"{prefix}{key}"
        keys += config_keys(value, f"{path}.") if isinstance(value, dict) else [path]
    return keys


class _Recording(dict):
    """A mapping that notes every key it is asked for."""

    def __init__(self, asked: set[str]) -> None:
        super().__init__()
        self.asked = asked

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.add(key)
        return default

    def __contains__(self, key: object) -> bool:
        self.asked.add(str(key))
        return False

    def __getitem__(self, key: str) -> Any:
        self.asked.add(key)
        raise KeyError(key)


def secret_keys(sources: Iterable[str]) -> list[str]:
    """The secrets the editor credential reads (asked of a recording mapping), and any key
    read straight from `st.secrets` in `sources`."""
    asked: set[str] = set()
    auth.editor_config(_Recording(asked), {})
    for tree in (ast.parse(source) for source in sources):
        for node in ast.walk(tree):
            target = node.value if isinstance(node, ast.Subscript) else None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                target = node.func.value if node.func.attr == "get" else None
            if isinstance(target, ast.Attribute) and target.attr == "secrets":
                key = node.slice if isinstance(node, ast.Subscript) else node.args[0]
                if isinstance(key, ast.Constant):
                    asked.add(str(key.value))
    return sorted(asked)


def _code_sources() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in _python_files(CODE)]


def test_every_environment_variable_is_in_the_readme() -> None:
    found = environment_variables(_code_sources())
    assert {"SURVEY_DB_URL", "POLES_DEFAULT_LANG", "POLES_LANG", "SURVEY_EDITOR_PASSWORD"} <= set(
        found
    )
    assert unnamed(found, README) == []


def test_every_streamlit_setting_is_in_the_readme() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    found = config_keys(config)
    assert "server.maxUploadSize" in found
    assert unnamed(found, README) == []


def test_every_secret_is_in_the_readme() -> None:
    found = secret_keys(_code_sources())
    assert {"editor_password", "editor_emails", "auth"} <= set(found)
    assert unnamed(found, README) == []


def test_a_new_setting_would_be_seen() -> None:
    source = (
        "import os\nfrom os import environ\nVAR = 'MADE_UP_ONE'\n"
        "a = os.environ.get(VAR)\nb = os.getenv('MADE_UP_TWO')\nc = environ['MADE_UP_THREE']\n"
        "d = 'MADE_UP_FOUR' in os.environ\nimport streamlit as st\ne = st.secrets['made_up']\n"
    )
    assert environment_variables([source]) == [
        f"MADE_UP_{n}" for n in ("FOUR", "ONE", "THREE", "TWO")
    ]
    assert unnamed(environment_variables([source]), README) == environment_variables([source])
    assert "made_up" in secret_keys([source])
    assert config_keys({"server": {"madeUp": 1}, "theme": {"base": "light"}}) == [
        "server.madeUp",
        "theme.base",
    ]


# --- Makefile targets in the README ------------------------------------------------------------


def make_targets(makefile: str) -> list[str]:
    """The Makefile's named targets (not pattern or variable rules)."""
    return sorted(set(re.findall(r"^([a-z][a-z0-9_-]*):(?!=)", makefile, flags=re.MULTILINE)))


def undocumented_targets(targets: Iterable[str], readme: str) -> list[str]:
    return [target for target in targets if not re.search(rf"\bmake {target}\b", readme)]


def test_every_make_target_is_in_the_readme() -> None:
    targets = make_targets((ROOT / "Makefile").read_text(encoding="utf-8"))
    assert {"run", "test", "unit", "browser"} <= set(targets)
    assert undocumented_targets(targets, README) == []


def test_a_new_make_target_would_be_seen() -> None:
    makefile = "X := 1\n$(STAMP): a\nrun: x\n\tcmd\nmadeup: run\n\tcmd\n"
    assert make_targets(makefile) == ["madeup", "run"]
    assert undocumented_targets(make_targets(makefile), README) == ["madeup"]


# --- DASHBOARD.md's page is a real page --------------------------------------------------------


def included_files(doc: str) -> dict[str, str]:
    """`<!-- include PATH -->` followed by a fenced block: PATH -> the block's text."""
    blocks = re.findall(r"<!-- include (\S+) -->\n```\w*\n(.*?)```", doc, flags=re.DOTALL)
    return dict(blocks)


def drifted(doc: str, root: Path = ROOT) -> list[str]:
    """The included files whose text in `doc` is not the file's, verbatim."""
    return [
        path
        for path, text in included_files(doc).items()
        if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != text
    ]


def test_the_dashboard_guide_shows_a_real_page_verbatim() -> None:
    included = included_files(DASHBOARD)
    assert any(path.startswith("pages/") for path in included)
    assert drifted(DASHBOARD) == []


def test_a_page_changed_after_the_guide_would_be_seen(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "x.py").write_text("a = 1\nb = 2\n", encoding="utf-8")
    doc = "Intro\n<!-- include pages/x.py -->\n```python\na = 1\nb = 2\n```\n"
    assert drifted(doc, tmp_path) == []
    (tmp_path / "pages" / "x.py").write_text("a = 1\nb = 3\n", encoding="utf-8")
    assert drifted(doc, tmp_path) == ["pages/x.py"]
    assert drifted(doc.replace("x.py", "gone.py"), tmp_path) == ["pages/gone.py"]
