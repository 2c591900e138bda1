"""Imports run one way: nothing under `analysis/` may import Streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

ANALYSIS = Path(__file__).resolve().parents[2] / "analysis"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_analysis_never_imports_streamlit() -> None:
    offenders = [
        str(path.relative_to(ANALYSIS.parent))
        for path in ANALYSIS.rglob("*.py")
        if "streamlit" in _imported_modules(path)
    ]
    assert offenders == []


def test_the_check_sees_real_imports(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("import os\nfrom streamlit.testing import x\n", encoding="utf-8")
    assert "streamlit" in _imported_modules(sample)
