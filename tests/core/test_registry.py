"""The pole registry: matching typed names to canonical ones, suggestions, regions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_series_equal

from analysis.core.registry import Pole, Registry, canonical_region, is_metropolitan
from analysis.core.schema import REGIONS


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.default()


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        # full names, any case, accents or not, stray spaces and punctuation
        ("Aerospace Valley", "Aerospace Valley"),
        ("AEROSPACE VALLEY", "Aerospace Valley"),
        ("  aerospace   valley ", "Aerospace Valley"),
        ("Lyonbiopôle", "Lyonbiopôle"),
        ("LYONBIOPOLE", "Lyonbiopôle"),
        ("Pole Mer Mediterranee", "Pôle Mer Méditerranée"),
        ("Végépolys Valley", "Végépolys Valley"),
        ("Team²", "Team²"),
        # short names
        ("Agri SOI", "Agri Sud-Ouest Innovation"),
        ("agri soi", "Agri Sud-Ouest Innovation"),
        ("PMBA", "Pôle Mer Bretagne Atlantique"),
        ("Systematic", "Systematic Paris-Region"),
        ("NSL", "Clubster NSL"),
        ("Team2", "Team²"),
        # former names
        ("Mov'eo", "NextMove"),
        ("MOV’EO", "NextMove"),
        ("Plastipolis", "Polymeris"),
        ("Pôle Mondial du Végétal", "Végépolys Valley"),
        ("IAR", "Bioeconomy For Change"),
        ("ViaMéca", "CIMES"),
        ("Terralia", "Innov'Alliance"),
    ],
)
def test_match_one(registry: Registry, typed: str, canonical: str) -> None:
    assert registry.match_one(typed) == canonical


def test_match_is_vectorised_and_leaves_unknown_and_blank_missing(registry: Registry) -> None:
    typed = pd.Series(["cap digital", "Nowhere Cluster", None, "", "Qualitropic"])
    expected = pd.Series(["Cap Digital", None, None, None, "Qualitropic"], dtype="string")
    assert_series_equal(registry.match(typed), expected)


def test_every_pole_matches_itself_by_full_and_short_name(registry: Registry) -> None:
    frame = registry.frame()
    assert_series_equal(
        registry.match(frame["name"]), frame["name"].astype("string"), check_names=False
    )
    short = pd.Series([p.short_name for p in registry.poles.values()])
    assert registry.match(short).tolist() == frame["name"].tolist()


def test_a_full_or_short_name_wins_over_a_former_name() -> None:
    poles = [
        Pole("Alpha", "A", "Bretagne", "Brest", "s", "f", True, True),
        Pole("Beta", "B", "Bretagne", "Brest", "s", "f", True, True),
    ]
    registry = Registry(poles, aliases={"Alpha": "Beta", "Old Beta": "Beta"})
    assert registry.match_one("Alpha") == "Alpha"
    assert registry.match_one("old beta") == "Beta"


def test_aliases_to_unknown_poles_are_ignored() -> None:
    poles = [Pole("Alpha", "A", "Bretagne", "Brest", "s", "f", True, True)]
    registry = Registry(poles, aliases={"Gamma": "Not in registry"})
    assert registry.match_one("Gamma") is None


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Aerospace Vally", "Aerospace Valley"),
        ("Cap Digitale", "Cap Digital"),
        ("Lyon biopole santé", "Lyonbiopôle"),
        ("Minalogik", "Minalogic"),
    ],
)
def test_suggestions_put_the_closest_name_first(registry: Registry, typed: str, first: str) -> None:
    found = registry.suggestions(typed)
    assert found[0] == first
    assert len(found) <= 3
    assert len(found) == len(set(found))
    assert all(name in registry for name in found)


def test_suggestions_honour_the_limit_and_may_be_empty(registry: Registry) -> None:
    assert len(registry.suggestions("Pôle", limit=2)) <= 2
    assert registry.suggestions("zzzzzzzzzzzz") == []


def test_get_contains_len_and_families(registry: Registry) -> None:
    pole = registry.get("Qualitropic")
    assert pole is not None
    assert (pole.region, pole.family, pole.phase4, pole.phase5) == (
        "La Réunion",
        "Agri-food and bioeconomy",
        True,
        True,
    )
    assert registry.get("Mov'eo") is None  # get takes canonical names only
    assert "Cap Digital" in registry and "Mov'eo" not in registry
    assert len(registry) == len(registry.frame())
    assert registry.families == sorted(set(registry.frame()["family"]))
    assert "Health" in registry.families


def test_every_registry_region_is_an_official_region(registry: Registry) -> None:
    assert set(registry.frame()["region"]) <= set(REGIONS)


def test_from_csv_reads_a_small_registry(tmp_path: Path) -> None:
    poles = tmp_path / "poles.csv"
    poles.write_text(
        "name,short_name,region,city,sector,family,phase4,phase5,source\n"
        "Pôle Un,,Bretagne,Rennes,Sea,Sea and water,yes,no,x\n",
        encoding="utf-8",
    )
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,name\nAncien Un,Pôle Un\n", encoding="utf-8")
    registry = Registry.from_csv(poles, aliases)
    pole = registry.get("Pôle Un")
    assert pole is not None
    assert pole.short_name == "Pôle Un"  # a blank short name falls back to the name
    assert (pole.phase4, pole.phase5) == (True, False)
    assert registry.match_one("ancien un") == "Pôle Un"
    assert Registry.from_csv(poles, tmp_path / "missing.csv").match_one("Ancien Un") is None


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        ("Île-de-France", "Île-de-France"),
        ("ile de france", "Île-de-France"),
        ("IDF", "Île-de-France"),
        ("Paris Region", "Île-de-France"),
        ("PACA", "Provence-Alpes-Côte d'Azur"),
        ("Région Sud", "Provence-Alpes-Côte d'Azur"),
        ("provence alpes cote d’azur", "Provence-Alpes-Côte d'Azur"),
        ("AURA", "Auvergne-Rhône-Alpes"),
        ("BFC", "Bourgogne-Franche-Comté"),
        ("Brittany", "Bretagne"),
        ("Normandy", "Normandie"),
        ("Réunion", "La Réunion"),
        ("LA REUNION", "La Réunion"),
        ("French Guiana", "Guyane"),
        ("Corsica", "Corse"),
    ],
)
def test_canonical_region(typed: str, official: str) -> None:
    assert canonical_region(pd.Series([typed])).tolist() == [official]


def test_canonical_region_leaves_unknown_and_blank_missing() -> None:
    result = canonical_region(pd.Series(["Atlantis", None, "", "Occitanie"]))
    assert_series_equal(result, pd.Series([None, None, None, "Occitanie"], dtype="string"))


@pytest.mark.parametrize(
    ("region", "expected"),
    [("Occitanie", True), ("Corse", True), ("La Réunion", False), ("Guyane", False)],
)
def test_is_metropolitan(region: str, expected: bool) -> None:
    assert is_metropolitan(region) is expected
