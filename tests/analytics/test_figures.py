"""The figure registry: one declaration per figure, texts in both languages, values that agree
with the metrics and `summary --json`, and the display rules stated."""

from __future__ import annotations

import pytest

from analysis.analytics import figures as registry
from analysis.analytics.figures import by_id, figures_of
from analysis.analytics.filters import Filters
from analysis.analytics.metrics import Measure, summary_dict
from analysis.core.i18n import t
from analysis.sample.round import generate
from tests.support.builders import forty_poles_two_late, three_poles

#: The ids the issue names: they must be `summary --json` keys too.
SUMMARY_IDS = (
    "respondents",
    "response_rate",
    "projects_submitted_total",
    "projects_submitted_cagr",
    "projects_submitted_cagr_all",
    "europe_team_recruitments_total",
    "coordinator_members_total",
    "plans_to_recruit_share",
)


def test_every_headline_id_is_a_summary_key_and_declared_once() -> None:
    assert len(set(registry.IDS)) == len(registry.IDS)
    assert set(SUMMARY_IDS) <= set(registry.IDS)
    summary = summary_dict(generate())
    for figure_id in registry.IDS:
        if not registry.declaration(figure_id).chart:
            assert figure_id in summary, figure_id


@pytest.mark.parametrize("figure_id", registry.IDS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_figure_has_its_texts_in_both_languages(figure_id: str, lang: str) -> None:
    decl = registry.declaration(figure_id)
    for key in (
        decl.label_key,
        *(f"figures.{figure_id}_{part}" for part in ("definition", "formula", "base", "caveat")),
        f"figures.rule_{decl.rule}",
    ):
        text = t(key, lang, year="2019", first="2019", last="2022", n=3, total=4)  # type: ignore[arg-type]
        assert text and text != key, key


@pytest.mark.parametrize(
    "survey",
    [
        generate(),
        forty_poles_two_late(),
        three_poles(),
        Filters(regions=("Occitanie",)).apply(generate()),
    ],
    ids=["sample", "two late poles", "three poles", "sample, Occitanie"],
)
def test_the_values_are_the_summarys(survey) -> None:  # type: ignore[no-untyped-def]
    summary = summary_dict(survey)
    for figure in figures_of(survey, "en"):
        if figure.chart:
            continue
        assert figure.value == summary[figure.id], figure.id
        n_key = {
            "respondents": None,
            "response_rate": None,
            "projects_submitted_total": "projects_submitted_n",
        }.get(figure.id, figure.id.removesuffix("_total").removesuffix("_share") + "_n")
        if n_key is not None and n_key in summary:
            assert figure.n == summary[n_key], figure.id
        assert figure.coverage == summary["respondents"]


def test_the_sample_as_a_vice_president_says_it() -> None:
    shown = {f.id: f.display for f in figures_of(generate(), "en")}
    assert shown["respondents"] == "40"
    assert shown["projects_submitted_total"] == "1,500+"
    assert shown["projects_submitted_cagr"] == "+15%"
    assert shown["europe_team_recruitments_total"] == "120+"
    assert shown["coordinator_members_total"] == "116"
    assert shown["plans_to_recruit_share"] == "60%"
    french = {f.id: f.display for f in figures_of(generate(), "fr")}
    assert french["projects_submitted_total"] == "1\u202f500+"
    exact = by_id(figures_of(generate(), "en"))
    assert exact["projects_submitted_total"].exact == "1,548"
    assert exact["projects_submitted_cagr"].exact == "+14.96%"
    assert "1,548 → “1,500+”" in exact["projects_submitted_total"].rule


def test_the_panel_growth_states_its_base_and_the_totals_their_caveat() -> None:
    figures = by_id(figures_of(forty_poles_two_late(), "en"))
    growth = figures["projects_submitted_cagr"]
    assert (growth.display, growth.n, growth.coverage) == ("+16%", 38, 40)
    assert growth.base == "38 of 40 poles answered both 2019 and 2022 (the panel)."
    assert "poles that answered both 2019 and 2022" in growth.formula
    everyone = figures["projects_submitted_cagr_all"]
    assert everyone.display == "+19%"
    assert "Not the figure to quote" in everyone.caveats[0]
    yoy = figures["projects_submitted_yoy"]
    assert yoy.value["2020"] == pytest.approx(418 / 380 - 1)
    assert yoy.display.startswith("2020: +10%")


def test_a_small_base_and_an_unknown_rate_are_caveats() -> None:
    figures = by_id(figures_of(three_poles(), "en"))
    assert any("fewer than 5" in c for c in figures["respondents"].caveats)
    json_ready = figures["projects_submitted_cagr"].to_json()
    assert {"id", "label", "value", "display", "n", "coverage", "formula"} <= json_ready.keys()


def test_summary_json_reads_each_declared_figure_from_the_registry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The command line's summary takes its figures from the registry, not beside it: a
    declaration that read another value would change `summary --json` too."""
    planted = registry.Declaration(
        "coordinator_members_total",
        "overview.coordinators",
        "exact",
        lambda h, _: Measure(12345, h.respondents),
    )
    declarations = tuple(planted if d.id == planted.id else d for d in registry.DECLARATIONS)
    monkeypatch.setattr(registry, "DECLARATIONS", declarations)
    values = registry.summary_values(generate())
    assert values["coordinator_members_total"] == 12345
    assert values["period"] == summary_dict(generate())["period"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_view_of_one_year_has_no_growth_and_says_why(lang: str) -> None:
    view = Filters(year_from=2022, year_to=2022).apply(generate())
    found = by_id(figures_of(view, lang))  # type: ignore[arg-type]
    why = t("figures.growth_one_year", lang, year="2022")  # type: ignore[arg-type]
    for figure_id in sorted(registry.GROWTHS):
        figure = found[figure_id]
        assert figure.base == why, figure_id
        assert "2022 ÷" not in figure.formula and "2022 −" not in figure.formula, figure.formula
    assert found["projects_submitted_cagr"].value is None
    # A figure that is not a growth keeps its own base.
    assert found["projects_submitted_total"].base != why
    assert found["projects_submitted_total"].value is not None
