"""Which copy of the data is read, and where the default store goes: checkout or installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.core import paths


def _checkout(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    return root


def test_this_tree_is_a_checkout() -> None:
    assert paths.in_repository()
    assert paths.data_dir() == paths.REPO_ROOT / "data"
    assert paths.data_file("poles.csv").is_file()


@pytest.mark.parametrize(
    ("has_pyproject", "has_data", "checkout"),
    [(True, True, True), (True, False, False), (False, True, False), (False, False, False)],
)
def test_a_checkout_needs_both_pyproject_and_data(
    tmp_path: Path, has_pyproject: bool, has_data: bool, checkout: bool
) -> None:
    if has_pyproject:
        (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    if has_data:
        (tmp_path / "data").mkdir()
    installed = tmp_path / "analysis" / "_data"
    assert paths.in_repository(tmp_path) is checkout
    expected = tmp_path / "data" if checkout else installed
    assert paths.data_dir(tmp_path, installed) == expected


def test_the_store_stays_in_a_checkout(tmp_path: Path) -> None:
    root = _checkout(tmp_path / "repo")
    assert paths.default_store_path(root) == root / "data" / "survey.db"


def test_an_installed_copy_stores_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site-packages"
    site.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.default_store_path(site) == tmp_path / "xdg" / "poles-europe" / "survey.db"


@pytest.mark.parametrize("value", ["", "   "])
def test_without_xdg_the_user_folder_is_under_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", value)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.user_data_dir() == tmp_path / ".local" / "share" / "poles-europe"
