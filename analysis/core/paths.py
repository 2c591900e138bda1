"""Where the files `analysis` reads at run time are, in a checkout and once installed.

The product keeps its data in the repository's top-level `data/` folder (the pole registry
`poles.csv` and `pole_aliases.csv`, the regions GeoJSON, the sample workbook), where people
edit it and where git tracks it once. An installed copy has no repository, and a wheel can
only ship files that are found again from inside a package (`data-files` land under
`sys.prefix`, where no import can find them). So the build maps `data/` onto the package
`analysis._data` (`[tool.setuptools.package-dir]` in `pyproject.toml`), shipping only the
files named in `package-data`, and this module is the one place that decides which copy to
read:

- in a checkout (the folder above `analysis/` holds `pyproject.toml` and `data/`): the
  repository's `data/`, so an edit is seen at once and nothing is duplicated in git;
- installed: `analysis/_data/`, the copy the wheel carries.

The store is written, never shipped: its default SQLite file is `data/survey.db` in a
checkout, and once installed the user's data folder (`$XDG_DATA_HOME/poles-europe`, by
default `~/.local/share/poles-europe`), never the package folder, which may be read-only.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The `analysis` package folder.
PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: The folder holding `analysis/`: the repository root in a checkout, site-packages once
#: installed.
REPO_ROOT = PACKAGE_DIR.parent
#: Where the wheel puts its copy of `data/`.
INSTALLED_DATA = PACKAGE_DIR / "_data"
#: The folder under the user's data directory that holds an installed copy's store.
APP_NAME = "poles-europe"


def in_repository(root: Path = REPO_ROOT) -> bool:
    """Whether `analysis` runs from a checkout rather than from an installed copy.

    Both files are checked: site-packages may hold a stray `data/` of another project, never
    a `pyproject.toml`.
    """
    return (root / "pyproject.toml").is_file() and (root / "data").is_dir()


def data_dir(root: Path = REPO_ROOT, installed: Path = INSTALLED_DATA) -> Path:
    """The folder the shipped data is read from (see the module docstring)."""
    return root / "data" if in_repository(root) else installed


def data_file(*parts: str) -> Path:
    """A shipped data file, e.g. `data_file("geo", "regions_fr.geojson")`."""
    return data_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """The per-user folder for files an installed copy writes (XDG base directories)."""
    base = os.environ.get("XDG_DATA_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".local" / "share") / APP_NAME


def default_store_path(root: Path = REPO_ROOT) -> Path:
    """The default SQLite store: `data/survey.db` in a checkout, else the user's folder."""
    if in_repository(root):
        return root / "data" / "survey.db"
    return user_data_dir() / "survey.db"
