"""AppTest of the round comparison page, against rounds whose figures the test works out itself.

The seeded store holds one round (the sample, 2023 over 2019-2022). The tests add a second
one built from it: the first three poles did not answer, every later pole submitted twice
as many proposals and recruited one more person, over 2021-2024. Expected values are sums
over the frames made here, never the page's own functions.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.core.i18n import fmt_int
from analysis.core.model import RoundInfo, SourceFile, SurveyRound
from analysis.store import SurveyStore
from tests.support.apptest import figures, open_app, texts, trace_values

pytestmark = pytest.mark.usefixtures("app_db")

PAGE = "pages/compare.py"
SECOND = "2025"
DROPPED = 3


def second_round(sample: SurveyRound, label: str = SECOND) -> SurveyRound:
    """The sample without its first poles, with doubled submissions, two years later."""
    kept = sample.responses.iloc[DROPPED:].reset_index(drop=True)
    poles = kept["pole"]
    responses = kept.assign(europe_team_recruitments=kept["europe_team_recruitments"] + 1)
    yearly = sample.yearly.loc[sample.yearly["pole"].isin(poles)]
    yearly = yearly.assign(
        year=yearly["year"] + 2, projects_submitted=yearly["projects_submitted"] * 2
    )
    projects = sample.projects.loc[sample.projects["pole"].isin(poles)]
    projects = projects.assign(year=projects["year"] + 2)
    info = RoundInfo(label=label, period_start=2021, period_end=2024, poles_surveyed=50)
    return SurveyRound.build(info, responses, yearly, projects)


def import_second_round(url: str, label: str = SECOND) -> tuple[SurveyRound, SurveyRound]:
    """Store a second round beside the sample; return (sample, second) as stored."""
    store = SurveyStore(url)
    try:
        sample = store.load_round("2023")
        second = second_round(sample, label)
        # Each round's own stand-in file: the store refuses one file under two labels.
        original = SourceFile(f"round_{label}.csv", f"pole;region\n# round {label}\n".encode())
        store.import_survey(second, original, actor="tester")
        return sample, store.load_round(label)
    finally:
        store.close()


def table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value.set_index(at.dataframe[0].value.columns[0])


def test_one_stored_round_is_explained() -> None:
    at = open_app(PAGE, lang="en")
    assert "Comparing needs at least two stored rounds, and 1 is stored." in texts(at)
    assert not at.dataframe
    french = open_app(PAGE, lang="fr")
    assert "La comparaison demande au moins deux campagnes enregistrées" in texts(french)


def test_all_respondents_side_by_side(app_db: str) -> None:
    sample, second = import_second_round(app_db)
    at = open_app(PAGE, lang="en")
    assert at.multiselect(key="compare_rounds").value == ["2023", SECOND]
    assert at.radio(key="compare_panel").value == "all"
    shown = table(at)
    assert list(shown.columns) == ["2023", "2023 · n", SECOND, f"{SECOND} · n"]
    # Every cell is text: the period row's n reads "–", never Python's "None" or a blank.
    assert shown.notna().all().all() and not shown.isin(["None", ""]).any().any()
    assert shown.iloc[0]["2023 · n"] == "–"
    assert shown.loc["Period covered", "2023"] == "2019–2022"
    assert shown.loc["Period covered", SECOND] == "2021–2024"
    assert shown.loc["Responding poles", "2023"] == "40"
    assert shown.loc["Responding poles", SECOND] == str(40 - DROPPED)
    submitted = "EU proposals submitted (all years of the round)"
    for label, survey in (("2023", sample), (SECOND, second)):
        answered = survey.yearly.dropna(subset=["projects_submitted"])
        assert shown.loc[submitted, label] == fmt_int(
            int(answered["projects_submitted"].sum()), "en"
        )
        assert shown.loc[submitted, f"{label} · n"] == str(answered["pole"].nunique())
        recruited = survey.responses["europe_team_recruitments"].dropna()
        assert shown.loc["Recruitments in Europe teams", label] == fmt_int(
            int(recruited.sum()), "en"
        )
        assert shown.loc["Recruitments in Europe teams", f"{label} · n"] == str(len(recruited))
    # The whole rounds are compared: the response rate is shown (40 of 55 surveyed).
    assert shown.loc["Response rate", "2023"] == "72.7%"
    assert shown.loc["Response rate", SECOND] == "74.0%"
    common = len(set(sample.responses["pole"]) & set(second.responses["pole"]))
    assert (
        f"Round 2023: n = 40 poles; Round {SECOND}: n = {40 - DROPPED} poles; "
        f"same panel: {common} poles"
    ) in texts(at)
    assert "Figures of all respondents of each round" in texts(at)


def test_each_round_keeps_its_own_yearly_series(app_db: str) -> None:
    sample, second = import_second_round(app_db)
    at = open_app(PAGE, lang="en")
    [figure] = figures(at)
    assert [trace["name"] for trace in figure["data"]] == [
        "Round 2023 (n = 40 poles)",
        f"Round {SECOND} (n = {40 - DROPPED} poles)",
    ]
    for trace, survey in enumerate((sample, second)):
        per_year = survey.yearly.groupby("year")["projects_submitted"].sum()
        assert trace_values(figure, trace, "x") == [str(year) for year in per_year.index]
        assert trace_values(figure, trace, "y") == [float(v) for v in per_year]
    # 2021 and 2022 are in both rounds, each with its own answers.
    assert trace_values(figure, 0, "x")[2:] == trace_values(figure, 1, "x")[:2] == ["2021", "2022"]
    assert "Years covered by more than one round (2021, 2022)" in texts(at)
    source = figure["layout"]["annotations"][-1]["text"]
    assert source.startswith(f"Source: survey rounds 2023 (n = 40 poles), {SECOND} (n = 37 poles)")


def test_same_panel_keeps_the_poles_of_every_round(app_db: str) -> None:
    sample, second = import_second_round(app_db)
    at = open_app(PAGE, lang="en")
    at.radio(key="compare_panel").set_value("panel").run()
    assert not at.exception
    panel = set(sample.responses["pole"]) & set(second.responses["pole"])
    assert len(panel) == 40 - DROPPED
    shown = table(at)
    assert shown.loc["Responding poles", "2023"] == str(len(panel))
    submitted = "EU proposals submitted (all years of the round)"
    in_panel = sample.yearly.loc[sample.yearly["pole"].isin(panel)]
    assert shown.loc[submitted, "2023"] == fmt_int(int(in_panel["projects_submitted"].sum()), "en")
    assert shown.loc[submitted, SECOND] == fmt_int(
        int(second.yearly["projects_submitted"].sum()), "en"
    )
    # A panel is not a whole round: no response rate.
    assert "Response rate" not in shown.index
    assert "The response rate is left out" in texts(at)
    assert f"the {len(panel)} poles that answered every compared round" in texts(at)
    [figure] = figures(at)
    per_year = in_panel.groupby("year")["projects_submitted"].sum()
    assert trace_values(figure, 0, "y") == [float(v) for v in per_year]
    assert figure["data"][0]["name"] == f"Round 2023 (n = {len(panel)} poles)"


def test_global_filters_apply_to_every_round(app_db: str) -> None:
    sample, second = import_second_round(app_db)
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_regions").set_value(["Île-de-France"]).run()
    assert not at.exception
    shown = table(at)
    for label, survey in (("2023", sample), (SECOND, second)):
        regional = survey.responses.loc[survey.responses["region"] == "Île-de-France", "pole"]
        assert shown.loc["Responding poles", label] == str(len(regional))
        yearly = survey.yearly.loc[survey.yearly["pole"].isin(regional)]
        assert shown.loc["EU proposals submitted (all years of the round)", label] == fmt_int(
            int(yearly["projects_submitted"].sum()), "en"
        )
    assert "The filters in the sidebar apply to every compared round." in texts(at)
    assert "Response rate" not in shown.index


def test_a_round_of_one_or_two_poles_in_the_view_is_withheld(app_db: str) -> None:
    _sample, second = import_second_round(app_db)
    at = open_app(PAGE, lang="en")
    at.multiselect(key="f_regions").set_value(["Occitanie"]).run()
    in_second = (second.responses["region"] == "Occitanie").sum()
    assert 0 < in_second < 3  # the second round lost some Occitan poles
    assert "A compared round holds only 1 or 2 poles in this view" in texts(at)
    assert not at.dataframe and not figures(at)


def test_fewer_than_two_chosen_rounds_asks_for_two(app_db: str) -> None:
    import_second_round(app_db)
    at = open_app(PAGE, lang="en")
    at.multiselect(key="compare_rounds").set_value(["2023"]).run()
    assert "Choose at least two rounds to compare." in texts(at)
    assert not at.dataframe and not figures(at)


def test_funded_series_and_french(app_db: str) -> None:
    sample, second = import_second_round(app_db)
    at = open_app(PAGE, lang="fr")
    at.segmented_control(key="compare_measure").set_value("projects_funded").run()
    assert not at.exception
    shown = table(at)
    assert shown.index[0] == "Période couverte"
    assert shown.loc["Pôles répondants", "2023"] == "40"
    assert (
        f"Campagne 2023 : n = 40 pôles ; Campagne {SECOND} : n = 37 pôles ; même panel : 37 pôles"
    ) in texts(at)
    [figure] = figures(at)
    assert figure["layout"]["title"]["text"] == "Projets européens retenus par an, par campagne"
    for trace, survey in enumerate((sample, second)):
        per_year = survey.yearly.groupby("year")["projects_funded"].sum()
        assert trace_values(figure, trace, "y") == [float(v) for v in per_year]


def test_a_link_restores_the_rounds_the_population_and_the_measure(app_db: str) -> None:
    import_second_round(app_db)
    import_second_round(app_db, "2027")
    query = {"compare_rounds": ["2023", "2027"], "compare_panel": "panel"}
    at = open_app(PAGE, lang="en", query=query)
    assert at.multiselect(key="compare_rounds").value == ["2023", "2027"]
    assert at.radio(key="compare_panel").value == "panel"
    assert list(table(at).columns) == ["2023", "2023 · n", "2027", "2027 · n"]
    at.segmented_control(key="compare_measure").set_value("projects_funded").run()
    assert at.query_params["compare_measure"] == "projects_funded"
    at.multiselect(key="compare_rounds").set_value(["2023", SECOND]).run()
    assert at.query_params["compare_rounds"] == ["2023", SECOND]
    at.multiselect(key="compare_rounds").set_value([SECOND, "2027"]).run()
    assert "compare_rounds" not in at.query_params  # the two newest are the default
