"""The import contracts of `pyproject.toml` hold, cover every module, and can break.

`lint-imports` (import-linter) is the one home of the layer rules: these tests run it, so
`pytest` alone catches a broken layer, and check the contract itself: every module of
`analysis/` sits in a layer (a new package cannot slip past unconstrained), and a planted
upward import or a Streamlit import in a copy of the tree is reported as broken.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
#: Packages whose modules are placed one by one in the layers (they span layers on purpose).
SPLIT_PACKAGES = {"analysis.awards", "analysis.export"}


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts of `cwd/pyproject.toml` over the packages found in `cwd`."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _contracts() -> list[dict[str, object]]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["importlinter"]["contracts"]


def _layer_modules(contract_id: str) -> set[str]:
    contract = next(c for c in _contracts() if c["id"] == contract_id)
    layers = contract["layers"]
    assert isinstance(layers, list)
    return {name.strip() for layer in layers for name in re.split(r"[|:]", layer)}


def _analysis_modules() -> set[str]:
    """Every module and package of `analysis/`, by dotted name."""
    names = set()
    for path in (ROOT / "analysis").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.add(".".join(parts))
    return names


def _covered(module: str, layered: set[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in layered)


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packages and the contract copied aside, so a test can plant a bad import."""
    copy = tmp_path_factory.mktemp("tree")
    for package in ("analysis", "ui", "pages"):
        shutil.copytree(
            ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def test_the_contracts_hold() -> None:
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_every_analysis_module_sits_in_a_layer() -> None:
    layered = _layer_modules("layers")
    # A split package's own `__init__` holds only its docstring; its modules are placed.
    loose = {
        module
        for module in _analysis_modules() - {"analysis", *SPLIT_PACKAGES}
        if not _covered(module, layered)
    }
    assert loose == set(), "place each in the layers of [tool.importlinter] in pyproject.toml"


def test_every_layer_names_a_real_module() -> None:
    """A renamed module must be renamed in the contract too, not silently dropped from it."""
    existing = _analysis_modules() | {"ui", "pages"}
    assert {name for name in _layer_modules("layers") if name not in existing} == set()
    assert {n for n in _layer_modules("ingest-stages") if n not in existing} == set()


def test_split_packages_hold_only_a_docstring() -> None:
    """`analysis.awards` and `analysis.export` are placed module by module, so their
    `__init__` must not import anything (it would sit in no layer)."""
    for package in SPLIT_PACKAGES:
        init = ROOT.joinpath(*package.split("."), "__init__.py")
        assert "import" not in init.read_text(encoding="utf-8"), package


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("analysis/core/text.py", "from analysis.deck import spec", "Layers"),
        ("analysis/ingest/report.py", "import streamlit", "never imports Streamlit"),
        ("analysis/ingest/reading/errors.py", "from analysis.ingest import report", "stages"),
        ("analysis/analytics/filters.py", "from analysis.store import records", "Layers"),
    ],
)
def test_a_planted_import_breaks_the_contract(
    tree_copy: Path, module: str, line: str, contract: str
) -> None:
    target = tree_copy / module
    original = target.read_text(encoding="utf-8")
    target.write_text(f"{line}  # noqa\n{original}", encoding="utf-8")
    try:
        run = _lint_imports(tree_copy)
    finally:
        target.write_text(original, encoding="utf-8")
    assert run.returncode != 0
    broken = [row for row in run.stdout.splitlines() if row.endswith("BROKEN")]
    assert any(contract in row for row in broken), run.stdout


# --- sizes: small modules with one job, test files by job -------------------------------------

ANALYSIS = ROOT / "analysis"
#: The most lines a module under `analysis/` or a test file may have.
MAX_LINES = 400
#: The most modules that may stand loose at the top of `analysis/` (besides `__init__.py`).
MAX_LOOSE = 12
#: Modules allowed over `MAX_LINES`, each with the reason it stays whole. Empty now: keep a
#: reason here rather than raising the bound.
LONG_MODULES: dict[str, str] = {}


def too_long(paths: list[Path], root: Path, allowed: dict[str, str]) -> dict[str, int]:
    """`path -> lines` for every file over `MAX_LINES` lines that `allowed` does not excuse."""
    counts = {
        path.relative_to(root).as_posix(): len(path.read_bytes().splitlines()) for path in paths
    }
    return {name: n for name, n in counts.items() if n > MAX_LINES and name not in allowed}


def loose_modules(package: Path) -> list[str]:
    """The modules directly in `package`, `__init__.py` aside."""
    return sorted(path.name for path in package.glob("*.py") if path.name != "__init__.py")


def _python(top: Path) -> list[Path]:
    return [path for path in top.rglob("*.py") if "__pycache__" not in path.parts]


def test_no_module_of_analysis_is_over_the_bound() -> None:
    assert too_long(_python(ANALYSIS), ROOT, LONG_MODULES) == {}


def test_the_listed_long_modules_are_still_long() -> None:
    """An exception that no longer applies is removed, so the list stays true."""
    for name in LONG_MODULES:
        assert len((ROOT / name).read_bytes().splitlines()) > MAX_LINES, name


def test_no_test_file_is_over_the_bound() -> None:
    assert too_long(_python(ROOT / "tests"), ROOT, {}) == {}


def test_few_modules_stand_loose_at_the_top_of_analysis() -> None:
    loose = loose_modules(ANALYSIS)
    assert "auth.py" in loose
    assert len(loose) <= MAX_LOOSE, loose


def test_the_size_checks_see_a_long_file_and_a_crowded_package(tmp_path: Path) -> None:
    long_file = tmp_path / "long.py"
    long_file.write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    short = tmp_path / "short.py"
    short.write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    assert too_long([long_file, short], tmp_path, {}) == {"long.py": MAX_LINES + 1}
    assert too_long([long_file, short], tmp_path, {"long.py": "a reason"}) == {}
    for i in range(MAX_LOOSE + 1):
        (tmp_path / f"m{i}.py").write_text("", encoding="utf-8")
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    assert len(loose_modules(tmp_path)) == MAX_LOOSE + 3  # long, short and the m*
