"""The registry of real poles and regions, and matching what people type against it.

Uploads name poles every which way (`AEROSPACE VALLEY`, `Agri SOI`, `Mov'eo`); matching on
normalised full names, short names and former names turns them into one canonical name, so
that rounds can be compared pole by pole. An unmatched name is never silently a new pole:
validation warns and offers the closest registry names.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from analysis.core.paths import data_dir
from analysis.core.schema import METROPOLITAN_REGIONS, REGIONS
from analysis.core.text import normalise, normalise_series

DATA_DIR = data_dir()
POLES_CSV = DATA_DIR / "poles.csv"
ALIASES_CSV = DATA_DIR / "pole_aliases.csv"

#: Region spellings people use that normalise differently from the official name.
_REGION_ALIASES: dict[str, str] = {
    "idf": "Île-de-France",
    "paris region": "Île-de-France",
    "region sud": "Provence-Alpes-Côte d'Azur",
    "sud": "Provence-Alpes-Côte d'Azur",
    "paca": "Provence-Alpes-Côte d'Azur",
    "aura": "Auvergne-Rhône-Alpes",
    "bfc": "Bourgogne-Franche-Comté",
    "reunion": "La Réunion",
    "ile de la reunion": "La Réunion",
    "brittany": "Bretagne",
    "normandy": "Normandie",
    "corsica": "Corse",
    "french guiana": "Guyane",
}


@dataclass(frozen=True)
class Pole:
    """One pole of the registry."""

    name: str
    short_name: str
    region: str
    city: str
    sector: str
    family: str
    phase4: bool
    phase5: bool


class Registry:
    """Poles by canonical name, with a normalised-key index for matching."""

    def __init__(self, poles: list[Pole], aliases: dict[str, str] | None = None) -> None:
        self.poles: dict[str, Pole] = {p.name: p for p in poles}
        keys: dict[str, str] = {}
        # Former names first, so a full or short name always wins a clash.
        for alias, name in (aliases or {}).items():
            if name in self.poles:
                keys[normalise(alias)] = name
        for pole in poles:
            keys[normalise(pole.short_name)] = pole.name
            keys[normalise(pole.name)] = pole.name
        keys.pop("", None)
        self._keys = keys

    @classmethod
    def from_csv(cls, poles_csv: Path, aliases_csv: Path | None = None) -> Registry:
        """Load a registry from the project's CSV files."""
        with poles_csv.open(encoding="utf-8", newline="") as handle:
            poles = [
                Pole(
                    name=row["name"],
                    short_name=row["short_name"] or row["name"],
                    region=row["region"],
                    city=row["city"],
                    sector=row["sector"],
                    family=row["family"],
                    phase4=row.get("phase4", "") == "yes",
                    phase5=row.get("phase5", "") == "yes",
                )
                for row in csv.DictReader(handle)
            ]
        aliases: dict[str, str] = {}
        if aliases_csv is not None and aliases_csv.exists():
            with aliases_csv.open(encoding="utf-8", newline="") as handle:
                aliases = {row["alias"]: row["name"] for row in csv.DictReader(handle)}
        return cls(poles, aliases)

    @classmethod
    def default(cls) -> Registry:
        """The registry shipped in `data/` (loaded once per process)."""
        return _default_registry()

    def __contains__(self, name: object) -> bool:
        return name in self.poles

    def __len__(self) -> int:
        return len(self.poles)

    def get(self, name: str) -> Pole | None:
        """The pole with canonical `name`, or `None`."""
        return self.poles.get(name)

    def match_one(self, name: str) -> str | None:
        """The canonical name for one typed name, or `None` when unknown."""
        return self._keys.get(normalise(name))

    def match(self, names: pd.Series) -> pd.Series:
        """Canonical names for a column of typed names (`<NA>` where unknown), vectorised."""
        keys = normalise_series(names)
        return keys.map(self._keys).astype("string")

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        """The registry names closest to `name`, best first, for an unknown pole."""
        found = process.extract(
            normalise(name),
            self._keys.keys(),
            scorer=fuzz.WRatio,
            limit=limit * 4,
            score_cutoff=50,
        )
        names: list[str] = []
        for key, _score, _index in found:
            canonical = self._keys[key]
            if canonical not in names:
                names.append(canonical)
            if len(names) == limit:
                break
        return names

    def frame(self) -> pd.DataFrame:
        """The registry as a frame: one row per pole."""
        return pd.DataFrame([p.__dict__ for p in self.poles.values()]).astype(
            {"name": "string", "region": "string", "family": "string"}
        )

    @property
    def families(self) -> list[str]:
        """The thematic families, sorted."""
        return sorted({p.family for p in self.poles.values()})


@cache
def _default_registry() -> Registry:
    return Registry.from_csv(POLES_CSV, ALIASES_CSV)


_REGION_KEYS: dict[str, str] = {
    **{normalise(name): name for name in REGIONS},
    **_REGION_ALIASES,
}


def canonical_region(values: pd.Series) -> pd.Series:
    """Official region names for a column of typed ones (`<NA>` where unknown or blank)."""
    return normalise_series(values).map(_REGION_KEYS).astype("string")


def is_metropolitan(region: str) -> bool:
    """Whether `region` is one of the 13 regions drawn on the map."""
    return region in METROPOLITAN_REGIONS
