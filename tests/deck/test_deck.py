"""The event deck opened back with python-pptx: slides, native charts, texts, notes, filters.

Expected numbers come from the sample round's published totals and from `analysis.analytics.metrics`
(or plain pandas on the round's frames), never from the deck code itself.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu, Inches

from analysis.analytics import metrics
from analysis.analytics.filters import Filters
from analysis.core.model import SurveyRound
from analysis.deck import build_deck, deck_content, deck_filename
from analysis.sample.round import generate

NNBSP = "\u202f"
NBSP = "\xa0"
ALL = Filters()
KEYS = [
    "title",
    "headline_submitted",
    "headline_recruitments",
    "headline_coordinators",
    "headline_plans",
    "submissions",
    "by_region",
    "by_sector",
    "top_poles",
    "method",
]


@cache
def sample() -> SurveyRound:
    """The shipped synthetic round (40 poles, published totals)."""
    return generate()


@cache
def deck(lang: str, filters: Filters = ALL) -> Any:
    """The sample's deck, opened back with python-pptx."""
    return Presentation(io.BytesIO(build_deck(sample(), filters, lang)))  # type: ignore[arg-type]


def texts(slide: Any) -> str:
    """Every text on the slide (shapes and placeholders), one per line; a line break within
    a paragraph (the balanced title's `\v`) reads as a space."""
    return "\n".join(
        shape.text_frame.text.replace("\v", " ") for shape in slide.shapes if shape.has_text_frame
    )


def charts(slide: Any) -> list[Any]:
    """The native charts of a slide, in drawing order."""
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def notes(slide: Any) -> str:
    return slide.notes_slide.notes_text_frame.text


def series(chart: Any) -> tuple[list[str], list[float | None]]:
    """A one-series chart's categories and values."""
    plot = chart.plots[0]
    return list(plot.categories), list(plot.series[0].values)


def by_key(prs: Any, lang: str = "en", filters: Filters = ALL) -> dict[str, Any]:
    """Slides by their content key (the order is asserted separately)."""
    keys = [s.key for s in deck_content(sample(), filters, lang).slides]  # type: ignore[arg-type]
    assert len(keys) == len(prs.slides)
    return dict(zip(keys, prs.slides, strict=True))


def submitted_per_group(survey: SurveyRound, column: str) -> pd.Series:
    """Proposals submitted over all years per region or sector, with plain pandas."""
    per_pole = survey.yearly.groupby("pole")["projects_submitted"].sum()
    groups = survey.responses.set_index("pole")[column]
    return per_pole.groupby(groups).sum()


def test_slides_come_in_the_published_order_on_a_16_9_page() -> None:
    prs = deck("en")
    assert [s.key for s in deck_content(sample(), Filters(), "en").slides] == KEYS
    assert len(prs.slides) == len(KEYS)
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01


def test_title_slide_states_round_base_and_synthetic_notice() -> None:
    title = texts(deck("en").slides[0])
    assert "The competitiveness poles in Europe" in title
    assert "Survey round 2023 · 2019–2022" in title
    # 40 of 55 to a tenth of a percent, as the dashboard's overview states it.
    assert "40 responding poles of 55 surveyed (72.7% response rate)" in title
    assert "Synthetic sample data" in title
    assert "synthetic" in notes(deck("en").slides[0]).lower()


def test_headline_slides_speak_like_the_event_slides_in_english() -> None:
    slides = by_key(deck("en"))
    submitted = texts(slides["headline_submitted"])
    assert "1,500+" in submitted
    assert "projects submitted since 2019, with an increase of around 15% per year" in submitted
    said = notes(slides["headline_submitted"])
    assert "“1,500+ projects submitted since 2019, with an increase of around 15% per year”" in said
    assert "Exact figure: 1,548." in said
    assert "14.96%" in said
    assert "120+" in texts(slides["headline_recruitments"])
    assert "recruitments in the poles' Europe teams" in texts(slides["headline_recruitments"])
    assert "Exact figure: 124." in notes(slides["headline_recruitments"])
    coordinators = texts(slides["headline_coordinators"])
    assert "116" in coordinators
    assert "member organisations coordinating EU projects" in coordinators
    plans = texts(slides["headline_plans"])
    assert "60%" in plans
    assert "of poles plan to recruit in their Europe team" in plans
    assert "24 of 40 poles answered yes (60.0%)." in notes(slides["headline_plans"])


def test_headline_slides_speak_like_the_event_slides_in_french() -> None:
    slides = by_key(deck("fr"), "fr")
    submitted = texts(slides["headline_submitted"])
    assert f"1{NNBSP}500+" in submitted
    assert f"projets déposés depuis 2019, avec une hausse d'environ 15{NBSP}% par an" in submitted
    said = notes(slides["headline_submitted"])
    assert (
        f"« Plus de 1{NNBSP}500 projets déposés depuis 2019, avec une hausse d'environ "
        f"15{NBSP}% par an »"
    ) in said
    assert f"14,96{NBSP}%" in said
    assert "Plus de 120 recrutements dans les équipes Europe des pôles" in notes(
        slides["headline_recruitments"]
    )
    assert "116 adhérents coordinateurs de projets européens" in notes(
        slides["headline_coordinators"]
    )
    assert f"60{NBSP}%" in texts(slides["headline_plans"])
    assert "Méthode" in texts(slides["method"])
    assert "Filtres : tous les pôles de l'enquête" in notes(slides["method"])


def test_submissions_slide_holds_native_column_and_line_charts_of_the_metrics() -> None:
    slide = by_key(deck("en"))["submissions"]
    column, line = charts(slide)
    assert column.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert line.chart_type == XL_CHART_TYPE.LINE_MARKERS
    per_year = metrics.by_year(sample())
    assert series(column) == (["2019", "2020", "2021", "2022"], [310.0, 357.0, 410.0, 471.0])
    assert series(column)[1] == per_year["total"].astype(float).tolist()
    growth = metrics.year_over_year(per_year)["growth"].iloc[1:].astype(float).tolist()
    categories, values = series(line)
    assert categories == ["2020", "2021", "2022"]
    assert values == pytest.approx(growth)
    assert values == pytest.approx([357 / 310 - 1, 410 / 357 - 1, 471 / 410 - 1])
    assert "+15% per year on average, 2019–2022" in texts(slide)
    assert "2021: 410 (n = 40 poles), +14.8% on the previous year" in notes(slide)


def test_region_chart_merges_regions_of_fewer_than_three_poles_into_other() -> None:
    slide = by_key(deck("en"))["by_region"]
    (chart,) = charts(slide)
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    categories, values = series(chart)
    expected = submitted_per_group(sample(), "region")
    small = ["Centre-Val de Loire", "Normandie", "La Réunion"]  # 2, 2 and 1 poles
    assert categories[-1] == "Other"
    assert values[-1] == float(expected[small].sum())
    shown = {c.rstrip("*"): v for c, v in zip(categories[:-1], values[:-1], strict=True)}
    assert shown == {region: float(v) for region, v in expected.drop(small).items()}
    assert values[:-1] == sorted(values[:-1], reverse=True)
    assert "Île-de-France" in categories  # 5 poles: no small-base star
    assert "Occitanie*" in categories  # 3 poles: small base, flagged
    assert sum(values) == 1548
    said = notes(slide)
    assert "Under “Other” (5 poles answered): Centre-Val de Loire, Normandie, La Réunion." in said
    assert "“Other”: groups of fewer than 3 answering poles, merged" in texts(slide)


def test_sector_chart_translates_the_families() -> None:
    english = series(charts(by_key(deck("en"))["by_sector"])[0])
    french = series(charts(by_key(deck("fr"), "fr")["by_sector"])[0])
    expected = submitted_per_group(sample(), "sector")
    assert english[0][0] == "Digital and photonics"
    assert english[1][0] == float(expected["Digital and photonics"])
    assert french[0][0] == "Numérique et photonique"
    assert french[1] == english[1]
    assert "Sea and water*" in english[0]  # 3 poles


def test_top_poles_slide_ranks_the_ten_poles_that_submitted_most() -> None:
    (chart,) = charts(by_key(deck("en"))["top_poles"])
    categories, values = series(chart)
    per_pole = sample().yearly.groupby("pole")["projects_submitted"].sum()
    top = per_pole.sort_values(ascending=False, kind="stable").head(10)
    assert len(categories) == 10
    assert values == sorted(values, reverse=True)
    assert values == [float(v) for v in top.to_numpy()]
    assert categories[0] == top.index[0]


def test_method_slide_states_round_rate_period_n_and_synthetic() -> None:
    method = texts(by_key(deck("en"))["method"])
    assert "Survey round 2023, answers collected on 31 Mar 2023" in method
    assert "40 responding poles of 55 surveyed: 72.7% response rate" in method
    assert "Period covered: 2019–2022" in method
    assert "n is the number of poles that answered" in method
    assert "never counted as zero" in method
    assert "Synthetic sample data" in method


def test_every_slide_has_its_base_round_and_filters_in_the_notes() -> None:
    for slide in deck("en").slides:
        said = notes(slide)
        assert "Base: n = " in said
        assert "survey round 2023" in said
        assert "Filters: all poles of the round" in said


def test_every_content_slide_has_the_source_line() -> None:
    source = "Source: survey round 2023, n = 40 poles · synthetic sample data"
    for slide in list(deck("en").slides)[1:]:
        assert source in texts(slide)


def test_filters_change_the_deck() -> None:
    filters = Filters(regions=("Occitanie",), year_from=2020, year_to=2022)
    prs = deck("en", filters)
    view = filters.apply(sample())
    slides = by_key(prs, "en", filters)
    assert "by_region" not in slides  # a single region: nothing to compare
    assert "Scope: region Occitanie; years 2020–2022" in texts(slides["title"])
    assert "3 responding poles in this scope, of 40 in the round" in texts(slides["title"])
    column, _line = charts(slides["submissions"])
    per_year = metrics.by_year(view)
    # Three poles: every year rests on a small base and is starred, with the footnote.
    assert series(column) == (["2020*", "2021*", "2022*"], per_year["total"].astype(float).tolist())
    assert "* small base (fewer than 5 answers): read with care" in texts(slides["submissions"])
    assert "Small base (fewer than 5 answers)" in texts(slides["headline_submitted"])
    total = int(per_year["total"].sum())
    assert total < 1548
    assert f"Exact figure: {total:,}." in notes(slides["headline_submitted"])
    assert "projects submitted since 2020" in texts(slides["headline_submitted"])
    for slide in prs.slides:
        assert "Filters: region Occitanie; years 2020–2022" in notes(slide)
    assert "Not shown: the by region chart" in texts(slides["method"])
    assert "Source: survey round 2023, n = 3 poles" in texts(slides["submissions"])
    assert len(prs.slides) < len(deck("en").slides)


def test_numbers_in_chart_labels_are_written_for_the_language() -> None:
    english = charts(by_key(deck("en"))["submissions"])
    french = charts(by_key(deck("fr"), "fr")["submissions"])
    assert english[0].plots[0].data_labels.number_format == (
        '[>=1000000]#","###","##0;[>=1000]#","##0;0'
    )
    assert french[0].plots[0].data_labels.number_format == (
        f"[>=1000000]#{NBSP}###{NBSP}##0;[>=1000]#{NBSP}##0;0"
    )
    assert english[1].plots[0].data_labels.number_format == "+0%;\u22120%;0%"
    assert french[1].plots[0].data_labels.number_format == (f"+0{NBSP}%;\u22120{NBSP}%;0{NBSP}%")


def test_shapes_stay_on_the_slide() -> None:
    prs = deck("fr")
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width + Emu(10)
            assert shape.top + shape.height <= prs.slide_height + Emu(10)


def test_file_name_says_round_language_and_filtering() -> None:
    assert deck_filename("2023", "en", Filters()) == "poles_europe_2023_en.pptx"
    assert deck_filename("2023/../x", "fr", Filters(regions=("Bretagne",))) == (
        "poles_europe_2023-..-x_fr_filtre.pptx"
    )


def test_core_properties_name_the_deck_and_its_language() -> None:
    prs = deck("fr")
    assert prs.core_properties.title == "Les pôles de compétitivité en Europe – 2023"
    assert prs.core_properties.language == "fr-FR"
