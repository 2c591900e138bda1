"""AppTest of the peers page: one pole's figures against quartiles computed with numpy."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.core.model import PROJECTS_COLUMNS, SurveyRound, empty_frame
from analysis.ingest.pipeline import ingest_path
from analysis.store import SurveyStore
from analysis.store.seed import SAMPLE_PATH
from tests.support.apptest import figures, open_app, texts, trace_values

pytestmark = pytest.mark.usefixtures("app_db")
PAGE = "pages/peers.py"
SUBMITTED = "EU proposals submitted (all years)"
_CELL = re.compile(r"^([\d.,]+)\s?%? \[([\d.,]+)\s?%?–([\d.,]+)\s?%?\] \(n = (\d+)\)( ⚠)?$")


@pytest.fixture(scope="module")
def sample() -> SurveyRound:
    """The shipped sample, read straight from the workbook (not through the page)."""
    survey = ingest_path(SAMPLE_PATH).survey
    assert survey is not None
    return survey


def table(at: AppTest) -> pd.DataFrame:
    """The comparison table, indexed by figure name."""
    frame = at.dataframe[0].value
    return frame.set_index(frame.columns[0])


def parse_cell(text: str, decimal: str = ".") -> tuple[float, float, float, int]:
    """`median [q1–q3] (n = k)` back to numbers."""
    match = _CELL.match(text)
    assert match, text
    numbers = [float(g.replace(decimal, ".")) for g in match.groups()[:3]]
    return numbers[0], numbers[1], numbers[2], int(match.group(4))


def submitted_totals(sample: SurveyRound, years: tuple[int, int] = (2019, 2022)) -> pd.Series:
    rows = sample.yearly[sample.yearly["year"].between(*years)]
    return rows.groupby("pole")["projects_submitted"].sum().astype(float)


def expected_stats(values: pd.Series) -> tuple[float, float, float, int]:
    array = values.dropna().to_numpy(dtype=float)
    q1, median, q3 = np.percentile(array, [25, 50, 75])
    return median, q1, q3, len(array)


def assert_cell(cell: str, values: pd.Series, decimal: str = ".") -> None:
    got = parse_cell(cell, decimal)
    want = expected_stats(values)
    assert got[:3] == pytest.approx(want[:3], abs=0.051)  # shown with one decimal at most
    assert got[3] == want[3]


def chart(at: AppTest, title_end: str) -> dict[str, Any]:
    """The one figure whose title (as read, line breaks as spaces) contains `title_end`."""
    found = [
        f for f in figures(at) if title_end in f["layout"]["title"]["text"].replace("<br>", " ")
    ]
    assert len(found) == 1
    return found[0]


def test_default_pole_against_all_its_region_and_its_sector(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    pole = at.selectbox(key="peers_pole").value
    assert pole == "Aerospace Valley"  # first in alphabetical order
    responses = sample.responses.set_index("pole")
    region, sector = responses.loc[pole, "region"], responses.loc[pole, "sector"]
    totals = submitted_totals(sample)
    row = table(at).loc[SUBMITTED]
    value = totals[pole]
    assert row["Pole's value"] == f"{value:.0f}"
    assert row["Rank (1 = highest)"] == f"{int((totals > value).sum()) + 1} of 40"
    percentile = float(row["At or above"].rstrip("%"))
    assert percentile == pytest.approx(100 * (totals <= value).mean(), abs=0.5)
    assert_cell(row["All poles: median [Q1–Q3] (n)"], totals)
    in_region = totals[responses.index[responses["region"] == region]]
    assert_cell(row[f"Region {region}: median [Q1–Q3] (n)"], in_region)
    in_sector = totals[responses.index[responses["sector"] == sector]]
    assert_cell(row[f"Sector {sector}: median [Q1–Q3] (n)"], in_sector)
    # Blank answers are left out of n.
    fte = table(at).loc["Europe team FTE", "All poles: median [Q1–Q3] (n)"]
    assert_cell(fte, sample.responses["europe_team_fte"].astype("Float64"))
    assert parse_cell(fte)[3] == int(sample.responses["europe_team_fte"].notna().sum()) < 40
    assert "Peers are all 40 poles of round 2023" in texts(at)


def test_charts_show_the_pole_and_its_years(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    at.selectbox(key="peers_pole").set_value("Cap Digital").run()
    bullets = chart(at, "next to all poles")
    own_points = [
        trace_values(bullets, i, "x")[0]
        for i, trace in enumerate(bullets["data"])
        if trace["legendgroup"] == "pole"
    ]
    assert own_points[0] == submitted_totals(sample)["Cap Digital"]
    years = chart(at, "its own years")
    rows = sample.yearly[sample.yearly["pole"] == "Cap Digital"].sort_values("year")
    assert trace_values(years, 0) == rows["projects_submitted"].astype(int).tolist()
    assert trace_values(years, 1) == rows["projects_funded"].astype(int).tolist()


def test_choosing_another_pole_changes_the_figures(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    first = table(at).loc[SUBMITTED, "Pole's value"]
    at.selectbox(key="peers_pole").set_value("Cap Digital").run()
    assert not at.exception
    value = table(at).loc[SUBMITTED, "Pole's value"]
    assert value == f"{submitted_totals(sample)['Cap Digital']:.0f}" != first


def test_one_pole_in_the_filters_is_the_one_shown_and_a_link_restores_it(
    sample: SurveyRound,
) -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_poles").set_value(["Cap Digital"]).run()
    assert at.selectbox(key="peers_pole").options == ["Cap Digital"]
    assert at.query_params["pole"] == "Cap Digital"
    shared = open_app(PAGE, lang="en", query={"pole": "Cap Digital", "from": "2021"})
    assert shared.selectbox(key="peers_pole").value == "Cap Digital"
    assert shared.select_slider(key="f_years").value == (2021, 2022)
    totals = submitted_totals(sample, (2021, 2022))
    row = table(shared).loc[SUBMITTED]
    assert row["Pole's value"] == f"{totals['Cap Digital']:.0f}"
    assert_cell(row["All poles: median [Q1–Q3] (n)"], totals)
    assert "over 2021–2022" in texts(shared)


def test_region_filter_limits_the_choice_not_the_peers(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_regions").set_value(["Occitanie"]).run()
    responses = sample.responses
    occitanie = responses.loc[responses["region"] == "Occitanie", "pole"]
    assert sorted(at.selectbox(key="peers_pole").options) == sorted(occitanie)
    cell = table(at).loc[SUBMITTED, "All poles: median [Q1–Q3] (n)"]
    assert_cell(cell, submitted_totals(sample))  # still all 40 poles


def test_a_region_of_one_pole_has_no_statistics(sample: SurveyRound) -> None:
    responses = sample.responses
    sizes = responses["region"].value_counts()
    lonely = responses.loc[responses["region"] == sizes.index[sizes == 1][0]]
    pole, region = lonely["pole"].iloc[0], lonely["region"].iloc[0]
    at = open_app(PAGE, lang="en")
    at.selectbox(key="peers_pole").set_value(pole).run()
    column = f"Region {region}: median [Q1–Q3] (n)"
    assert set(table(at)[column]) == {"too few poles (n = 1)"}


def test_french(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="fr")
    frame = table(at)
    assert frame.index.name == "Indicateur"
    assert "Valeur du pôle" in frame.columns
    row = frame.loc["Projets européens déposés (toutes années)"]
    assert row["Rang (1 = le plus élevé)"].endswith(" sur 40")
    assert_cell(row["Tous les pôles : médiane [Q1–Q3] (n)"], submitted_totals(sample), ",")
    assert frame.loc["Taux de succès", "Valeur du pôle"].endswith("\xa0%")
    assert "Les pairs sont les 40 pôles de la campagne 2023" in texts(at)


def test_filters_that_match_nothing_explain_themselves() -> None:
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_regions").set_value(["La Réunion"]).run()
    at.multiselect(key="f_sectors").set_value(["Health"]).run()
    assert not at.exception
    assert "No pole matches these filters" in texts(at)
    assert not figures(at)
    assert not at.dataframe


def test_a_round_without_funded_answers(app_db: str, sample: SurveyRound) -> None:
    bare = sample.with_frames(
        yearly=sample.yearly.assign(projects_funded=pd.Series(pd.NA, dtype="Int64")),
        projects=empty_frame(PROJECTS_COLUMNS),
    )
    store = SurveyStore(app_db)
    store.import_survey(bare, info=dataclasses.replace(sample.info, label="bare"))
    store.close()
    at = open_app(PAGE, lang="en")
    at.selectbox(key="f_round").set_value("bare").run()
    assert not at.exception
    frame = table(at)
    assert "EU projects funded (all years)" not in frame.index
    assert "Success rate" not in frame.index
    assert SUBMITTED in frame.index
    assert "Nobody answered these questions in this round: EU projects funded" in texts(at)
    years = chart(at, "its own years")
    assert [trace["name"] for trace in years["data"]] == ["Proposals submitted"]


def test_a_link_restores_the_pole_looked_at(sample: SurveyRound) -> None:
    at = open_app(PAGE, lang="en", query={"peers_pole": "Minalogic"})
    assert at.selectbox(key="peers_pole").value == "Minalogic"
    assert table(at).loc[SUBMITTED, "Pole's value"] == (
        f"{submitted_totals(sample)['Minalogic']:.0f}"
    )
    at.selectbox(key="peers_pole").set_value("Cap Digital").run()
    assert at.query_params["peers_pole"] == "Cap Digital"
    at.selectbox(key="peers_pole").set_value("Aerospace Valley").run()
    assert "peers_pole" not in at.query_params  # the first pole is the default


def test_a_linked_pole_outside_the_filters_gives_way_to_them() -> None:
    query = {"peers_pole": "Minalogic", "region": "Occitanie"}
    at = open_app(PAGE, lang="en", query=query)
    assert not at.exception
    assert at.selectbox(key="peers_pole").value != "Minalogic"
    assert "peers_pole" not in at.query_params


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_bullet_chart_is_not_described_by_its_axis_positions(lang: str) -> None:
    """Read off the figure, the bullet rows' text alternative listed x positions as
    categories ("2 valeurs ; la plus élevée : 24.0 (0)") and a table of 44 columns of
    zeros; the chart's numbers are the table's above, and a caption says so."""
    at = open_app(PAGE, lang=lang)
    shown = texts(at)
    assert not re.search(r"\d\.\d \(0\)", shown), shown
    titles = ("ensemble des pôles", "next to all poles")
    assert not [e.label for e in at.expander if any(title in e.label for title in titles)]
    assert ("tableau ci-dessus" if lang == "fr" else "table's above") in shown
