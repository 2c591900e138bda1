"""Header recognition: normalising, fields, per-year columns, header rows, sheet choice."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pytest

from analysis.ingest.mapping.columns import (
    EXTRA,
    choose_sheet,
    find_header_row,
    locate_header,
    map_columns,
    parse_target,
)
from analysis.ingest.mapping.headers import header_year, normalise_header


@dataclass(frozen=True)
class Sheet:
    """A stand-in for `reading.RawSheet`: a name, cells indexed by row number, hidden."""

    name: str
    cells: pd.DataFrame
    hidden: bool = False


def sheet(name: str, rows: list[list[object]], hidden: bool = False) -> Sheet:
    width = max((len(r) for r in rows), default=1)
    padded = [list(r) + [None] * (width - len(r)) for r in rows]
    cells = pd.DataFrame(padded, index=range(1, len(rows) + 1), dtype=object)
    return Sheet(name, cells, hidden)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Q3 - Projets déposés 2019 (nombre)", "projets deposes 2019"),
        ("Q3. Pôle", "pole"),
        ("3. Pôle", "pole"),
        ("3) Pôle", "pole"),
        ("Q12) Région", "region"),
        ("Q 3 : Secteur", "secteur"),
        ("Question 4 - Membres", "membres"),
        ("ETP équipe Europe (en ETP) [2023]", "etp equipe europe"),
        ("  Nombre  d’adhérents  ", "nombre d adherents"),
        ("«Pôle»", "pole"),
        ("2019 projets", "2019 projets"),  # a year is not a question number
        ("Projets (nombre) déposés", "projets nombre deposes"),  # only trailing notes go
        (None, ""),
        (2021, "2021"),
    ],
)
def test_normalise_header(header: object, expected: str) -> None:
    assert normalise_header(header) == expected


@pytest.mark.parametrize(
    ("header", "year"),
    [
        ("Projets déposés 2019", 2019),
        ("Projets déposés (2019)", 2019),
        ("Projets déposés [2020] (nombre)", 2020),
        ("Projets déposés (2019-2022)", None),
        ("Projets déposés 2019-2022", None),
        ("Projets déposés de 2019 à 2022", None),
        ("Projets déposés", None),
        ("Projets 1850", None),
        ("Q3 - Projets déposés 2021 (2019-2022)", 2021),
    ],
)
def test_header_year(header: str, year: int | None) -> None:
    assert header_year(header) == year


def _targets(headers: list[str], overrides: dict[str, str] | None = None) -> list[str]:
    return [c.target for c in map_columns(headers, overrides).columns]


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Q1 - Nom du pôle", "pole"),
        ("Cluster name", "pole"),
        ("Q2 - Region", "region"),
        ("Thématique", "sector"),
        ("Q3 - Projets deposes 2019 (nombre)", "projects_submitted@2019"),
        ("Nombre de projets européens déposés en 2020", "projects_submitted@2020"),
        ("EU proposals submitted in 2021", "projects_submitted@2021"),
        ("Candidatures 2022", "projects_submitted@2022"),
        ("Dossiers soumis 2022", "projects_submitted@2022"),
        ("Q4 - Projets retenus en 2019", "projects_funded@2019"),
        ("Projets financés 2020", "projects_funded@2020"),
        ("Projets lauréats 2021", "projects_funded@2021"),
        ("Projects selected 2021", "projects_funded@2021"),
        ("Proposals granted (2022)", "projects_funded@2022"),
        ("Projets acceptés 2022", "projects_funded@2022"),
        ("dont retenus 2020", "projects_funded@2020"),
        ("Projets déposés (2019-2022)", EXTRA),
        ("Taux de succès des projets 2021", EXTRA),
        ("Montant des projets retenus 2021 (k€)", EXTRA),
        ("Q5 - Recrutements equipe Europe (nombre)", "europe_team_recruitments"),
        ("Embauches dans l'équipe", "europe_team_recruitments"),
        ("Q6 - Adherents coordinateurs de projets", "coordinator_members"),
        ("Entreprises coordinatrices", "coordinator_members"),
        ("Q7 - Prevoit de recruter en 2023 ?", "plans_to_recruit"),
        ("Envisagez-vous de recruter en 2024 ?", "plans_to_recruit"),
        ("Projet de recrutement en 2024", "plans_to_recruit"),
        ("Nombre de recrutements prévus en 2024", EXTRA),
        ("ETP équipe Europe", "europe_team_fte"),
        ("Nb ETP Europe (2023)", "europe_team_fte"),
        ("Nombre d'adhérents", "members"),
        ("Membres (entreprises, labos)", "members"),
        ("Commentaires", EXTRA),
        ("", EXTRA),
    ],
)
def test_each_header_alone(header: str, target: str) -> None:
    assert _targets([header]) == [target]


def test_keyword_rules_never_give_one_field_twice() -> None:
    headers = ["Pôle", "Adhérents", "Nombre de membres actifs", "Membres du bureau"]
    assert _targets(headers) == ["pole", "members", EXTRA, EXTRA]


def test_keyword_rule_yields_to_an_exact_alias_later_in_the_sheet() -> None:
    headers = ["Pôle", "Membres du réseau", "Nombre d'adhérents"]
    assert _targets(headers) == ["pole", EXTRA, "members"]


def test_duplicate_exact_headers_mark_the_second_as_duplicate_of_the_first() -> None:
    mapping = map_columns(["Pôle", "Projets déposés 2021", "Région", "Projets deposes 2021"])
    second = mapping.columns[3]
    assert second.field is None
    assert second.duplicate_of == 1
    assert [c.letter for c in mapping.duplicates] == ["D"]
    assert mapping.yearly[("projects_submitted", 2021)].letter == "B"


def test_overrides_map_a_header_to_a_field_a_year_or_extra() -> None:
    headers = ["Structure", "Total 2021", "Pôle de rattachement", "Région"]
    overrides = {
        "Structure": "pole",
        "Total 2021": "projects_submitted@2021",
        "Région": "extra",
    }
    assert _targets(headers, overrides) == ["pole", "projects_submitted@2021", EXTRA, EXTRA]


def test_an_override_wins_over_an_automatic_match_of_the_same_field() -> None:
    headers = ["Nom", "Structure"]
    assert _targets(headers, {"Structure": "pole"}) == [EXTRA, "pole"]


@pytest.mark.parametrize("target", ["nonsense", "projects_submitted", "members@2021"])
def test_parse_target_refuses_what_names_no_column(target: str) -> None:
    with pytest.raises(ValueError, match="not a column target"):
        parse_target(target)


def test_mapping_properties() -> None:
    mapping = map_columns(
        pd.Series(
            [
                "Pôle",
                "Projets retenus 2022",
                "Projets déposés 2021",
                "Notes",
                "Projets déposés 2022",
            ],
            index=[2, 3, 4, 5, 6],
        ),
        sheet="S",
        header_row=7,
    )
    assert mapping.years == [2021, 2022]
    assert mapping.by_field["pole"].letter == "C"
    assert [c.header for c in mapping.extras] == ["Notes"]
    assert mapping.has_pole
    assert mapping.recognised == 4
    assert mapping.header_row == 7


def test_header_row_found_below_titles_merged_cells_and_blank_rows() -> None:
    rows: list[list[object]] = [
        ["Enquête Europe 2023", None, None],  # a merged title: value in A only
        ["Pôles de compétitivité"],
        [],
        [],
        ["Q1 - Pôle", "Q2 - Région", "Projets déposés 2021"],
        ["Aerospace Valley", "Occitanie", 3],
    ]
    assert find_header_row(sheet("S", rows)) == 5


def test_header_row_prefers_the_row_recognising_most_fields() -> None:
    rows: list[list[object]] = [
        ["Pôle", "Région"],  # a small lookup table above the real headers
        ["Pôle", "Région", "Projets déposés 2021", "Membres"],
        ["Aerospace Valley", "Occitanie", 3, 100],
    ]
    assert find_header_row(sheet("S", rows)) == 2


def test_header_row_beyond_twenty_non_blank_rows_is_not_found() -> None:
    rows: list[list[object]] = [[f"note {i}"] for i in range(20)]
    rows.append(["Pôle", "Région"])
    assert find_header_row(sheet("S", rows)) is None


def test_no_pole_header_gives_no_header_row_but_locates_the_headers_found() -> None:
    rows: list[list[object]] = [["Title"], ["Structure", "Région", "Membres"], ["X", "Y", 3]]
    s = sheet("S", rows)
    assert find_header_row(s) is None
    mapping = locate_header(s)
    assert mapping is not None
    assert mapping.header_row == 2
    assert not mapping.has_pole
    assert find_header_row(s, {"Structure": "pole"}) == 2


def test_choose_sheet_skips_notes_projects_and_round_sheets() -> None:
    notes = sheet("Notes", [["Read me"], ["Pôle", "Contact"], ["A", "B"]])
    responses = sheet("Réponses", [["Pôle", "Région", "Projets déposés 2021"], ["A", "B", 1]])
    projects = sheet("Projets", [["Pôle", "Région", "Projets déposés 2021", "Membres"]])
    round_sheet = sheet("Round", [["Pôle", "Région", "Membres", "Secteur"]])
    chosen = choose_sheet([notes, projects, responses, round_sheet])
    assert chosen is not None
    assert chosen[0].name == "Réponses"
    assert chosen[1].header_row == 1


def test_choose_sheet_prefers_a_visible_sheet_among_equals() -> None:
    rows: list[list[object]] = [["Pôle", "Région"], ["A", "B"]]
    chosen = choose_sheet([sheet("Old", rows, hidden=True), sheet("New", rows)])
    assert chosen is not None
    assert chosen[0].name == "New"


def test_choose_sheet_prefers_the_sheet_recognising_most_fields() -> None:
    small = sheet("Liste", [["Pôle", "Région"], ["A", "B"]])
    big = sheet("Data", [["Pôle", "Région", "Membres", "Secteur"], ["A", "B", 1, "C"]], True)
    chosen = choose_sheet([small, big])
    assert chosen is not None
    assert chosen[0].name == "Data"


def test_choose_sheet_of_empty_sheets_is_none() -> None:
    assert choose_sheet([sheet("Empty", [])]) is None


def test_headers_on_two_rows_with_years_under_merged_group_titles() -> None:
    rows: list[list[object]] = [
        ["Enquête 2023"],
        ["Pôle", "Région", "Projets déposés", None, None, "Projets retenus", None, None, "ETP"],
        [None, None, 2020, 2021, "2022", 2020, 2021, 2022, None],
        ["Aerospace Valley", "Occitanie", 1, 2, 3, 0, 1, 1, 2.5],
    ]
    mapping = locate_header(sheet("S", rows))
    assert mapping is not None
    assert mapping.header_row == 3
    assert [c.target for c in mapping.columns] == [
        "pole",
        "region",
        "projects_submitted@2020",
        "projects_submitted@2021",
        "projects_submitted@2022",
        "projects_funded@2020",
        "projects_funded@2021",
        "projects_funded@2022",
        "europe_team_fte",
    ]
    assert mapping.columns[3].header == "Projets déposés 2021"


def test_years_in_the_first_answer_row_do_not_make_a_two_row_header() -> None:
    rows: list[list[object]] = [
        ["Pôle", "Année de création", "Année de labellisation", "Projets déposés 2021"],
        ["Aerospace Valley", 2005, 2019, 3],
    ]
    mapping = locate_header(sheet("S", rows))
    assert mapping is not None
    assert mapping.header_row == 1
