"""The display table of the filtered answers: columns, translated headers, base n, search."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.analytics.answers_table import (
    base_frame,
    data_table,
    display_styler,
    search,
    small_base_columns,
)
from analysis.analytics.filters import Filters
from tests.support.builders import make_round


def _round():
    survey = make_round(
        [
            {
                "pole": "Aérospatiale Sud",
                "region": "Occitanie",
                "sector": "Health",
                "members": 100,
                "europe_team_fte": 1.5,
                "plans_to_recruit": True,
                "submitted": {2019: 10, 2020: 20},
                "funded": {2019: 2},
            },
            {
                "pole": "Mer Bretagne",
                "region": "Bretagne",
                "sector": "Sea and water",
                "members": None,
                "europe_team_fte": None,
                "plans_to_recruit": False,
                "submitted": {2020: 5},
            },
            {
                "pole": "Côte Énergie",
                "region": "Provence-Alpes-Côte d'Azur",
                "sector": "Energy and environment",
                "members": 30,
                "plans_to_recruit": None,
                "submitted": {2019: 1},
                "funded": {2019: 1},
            },
        ]
    )
    extras = pd.DataFrame(
        {"pole": ["Mer Bretagne"], "column": ["Commentaire"], "value": ["à revoir"]}
    ).astype("string")
    return survey.with_frames(extras=extras)


def test_english_table_has_one_row_per_pole_and_translated_headers() -> None:
    table = data_table(_round(), "en")
    assert list(table.frame.columns) == [
        "Pole",
        "Region",
        "Sector",
        "EU proposals submitted 2019",
        "EU proposals submitted 2020",
        "EU projects funded 2019",
        "EU projects funded 2020",
        "Europe team recruitments",
        "Members coordinating EU projects",
        "Plans to recruit",
        "Europe team FTE",
        "Members",
        "Commentaire",
    ]
    assert table.frame["Pole"].tolist() == ["Aérospatiale Sud", "Mer Bretagne", "Côte Énergie"]
    assert table.frame["EU proposals submitted 2020"].tolist() == [20, 5, pd.NA]
    assert table.frame["Plans to recruit"].tolist() == ["yes", "no", pd.NA]
    assert table.frame["Commentaire"].tolist() == [pd.NA, "à revoir", pd.NA]
    assert table.search_columns == ("Pole", "Region", "Sector")


def test_sectors_are_shown_by_their_name_in_the_language() -> None:
    table = data_table(_round(), "fr")
    assert table.frame["Thématique"].tolist() == ["Santé", "Mer et eau", "Énergie et environnement"]
    assert table.frame.columns[0] == "Pôle"
    assert table.frame["Prévoit de recruter"].tolist() == ["oui", "non", pd.NA]


def test_base_counts_non_blank_cells_per_column() -> None:
    base = data_table(_round(), "en").base
    assert base["Pole"] == 3
    assert base["EU proposals submitted 2019"] == 2
    assert base["EU projects funded 2020"] == 0
    assert base["Members"] == 2
    assert base["Europe team FTE"] == 1
    assert base["Plans to recruit"] == 2
    assert base["Commentaire"] == 1
    assert base.dtype == "int64"


def test_base_frame_is_one_row_under_the_same_headers() -> None:
    table = data_table(_round(), "fr")
    frame = base_frame(table, "fr")
    assert list(frame.columns) == list(table.frame.columns)
    assert frame.index.tolist() == ["n"]
    assert frame.loc["n", "Adhérents"] == 2


def test_columns_under_five_answers_are_flagged() -> None:
    flagged = small_base_columns(data_table(_round(), "en"))
    assert "Members" in flagged
    assert "Pole" in flagged  # only three poles answered anything at all
    assert small_base_columns(data_table(_round(), "en"), threshold=2) == [
        "EU projects funded 2020",
        "Europe team recruitments",
        "Members coordinating EU projects",
        "Europe team FTE",
        "Commentaire",
    ]


def test_search_ignores_case_and_accents_in_pole_region_and_sector() -> None:
    table = data_table(_round(), "fr")
    assert search(table, "aerospatiale").frame["Pôle"].tolist() == ["Aérospatiale Sud"]
    assert search(table, "COTE").frame["Pôle"].tolist() == ["Côte Énergie"]
    assert search(table, "cote d azur").frame["Pôle"].tolist() == ["Côte Énergie"]
    assert search(table, "santé").frame["Pôle"].tolist() == ["Aérospatiale Sud"]
    assert search(table, "bretagne").rows == 1


def test_search_recomputes_the_base_and_keeps_everything_when_empty() -> None:
    table = data_table(_round(), "en")
    found = search(table, "energy")
    assert found.rows == 1
    assert found.base["Members"] == 1
    assert found.base["EU proposals submitted 2020"] == 0
    assert search(table, "  ") is table
    assert search(table, "nowhere").rows == 0


def test_a_filtered_view_gives_the_filtered_years_and_poles() -> None:
    view = Filters(regions=("Occitanie", "Bretagne"), year_from=2020).apply(_round())
    table = data_table(view, "en")
    assert table.frame["Pole"].tolist() == ["Aérospatiale Sud", "Mer Bretagne"]
    assert [c for c in table.frame.columns if "2019" in c] == []
    assert table.base["EU proposals submitted 2020"] == 2


@pytest.mark.parametrize(
    ("lang", "fte", "total", "blank"),
    [("fr", "3,1", "1\u202f548", "–"), ("en", "3.1", "1,548", "–")],
)
def test_the_table_shows_numbers_for_the_language_and_blanks_as_dashes(
    lang: str, fte: str, total: str, blank: str
) -> None:
    frame = pd.DataFrame(
        {
            "Pôle": pd.array(["A", "B"], dtype="string"),
            "ETP": pd.array([3.1, None], dtype="Float64"),
            "Déposés": pd.array([1548, None], dtype="Int64"),
        }
    )
    styler = display_styler(frame, lang)  # type: ignore[arg-type]
    html = styler.to_html()
    for shown in ("A", fte, total):
        assert f">{shown}</td>" in html
    assert html.count(f">{blank}</td>") == 2
    assert styler.data["Déposés"].tolist() == [1548, pd.NA]  # still numbers underneath
