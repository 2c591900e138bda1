"""The charts' layout outside the plot area: title, legend and source line never collide.

These check the geometry `analysis.charts.theme.finish` writes into the figure, in
pixels: the source line hangs below the plot with the bottom margin reserved for all of
its lines, narrow charts break it, year axes carry no title under which the source line
could fall, and legends go under the title rather than over it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from analysis.analytics import comparison, peers, trends
from analysis.analytics.regions import FIGURES_BY_KEY, by_region
from analysis.charts.comparison import rounds_by_year_chart
from analysis.charts.map import region_map
from analysis.charts.overview import submissions_per_year
from analysis.charts.peers import bullet_chart, own_years_chart
from analysis.charts.theme import (
    MAIN_TITLE_WIDTH,
    NARROW_SOURCE_WIDTH,
    NARROW_TITLE_WIDTH,
    SOURCE_GAP,
    TEMPLATE_NAME,
    finish,
    source_text,
    wrap_source,
)
from analysis.charts.trends import group_totals_chart, programme_chart, yearly_chart
from analysis.core.model import RoundInfo
from tests.support.builders import make_round

SYNTHETIC = RoundInfo(label="2023", synthetic=True)
#: Height of one line of text in plotly: 1.3 times the font size.
LINE = 1.3


def lines_of(text: str) -> list[str]:
    return text.split("<br>")


def source(fig: go.Figure) -> Any:
    return fig.layout.annotations[-1]


def assert_source_below_plot_with_room(fig: go.Figure) -> None:
    """The source line starts under the plot area and all its lines fit in the margin."""
    note = source(fig)
    assert (note.xref, note.yref, note.y, note.yanchor) == ("paper", "paper", 0, "top")
    assert note.yshift < 0  # below the plot area's bottom edge, in pixels
    block = -note.yshift + LINE * note.font.size * len(lines_of(note.text))
    assert fig.layout.margin.b >= block


def assert_title_has_room(fig: go.Figure) -> None:
    """The title hangs from the container's top and the plot starts below its last line."""
    title = fig.layout.title
    assert (title.yref, title.yanchor) == ("container", "top")
    first_line_top = (1 - title.y) * fig.layout.height - (len(lines_of(title.text)) - 1) * 31 / 2
    assert first_line_top >= 0
    title_bottom = first_line_top + 31 * len(lines_of(title.text))
    legend = fig.layout.legend
    if legend.yref == "container":
        # The legend hangs under the title; plotly reserves the room down to its bottom.
        assert (1 - legend.y) * fig.layout.height >= title_bottom
        assert legend.yanchor == "top"
    else:
        assert fig.layout.margin.t >= title_bottom


def test_the_source_line_hangs_below_the_plot_in_pixels_with_its_margin_reserved() -> None:
    fig = finish(go.Figure(go.Bar(x=["a"], y=[1])), title="T", info=SYNTHETIC, n=40, lang="en")
    note = source(fig)
    assert note.text == "Source: survey round 2023, n = 40 poles · synthetic sample data"
    assert note.yshift == -SOURCE_GAP
    # It starts at the container's left edge, like the title: shifted left by the margin
    # (the template's, as the figure sets none of its own).
    left = pio.templates[TEMPLATE_NAME].layout.margin.l
    assert fig.layout.margin.l is None
    assert (note.x, note.xanchor, note.xshift) == (0, "left", -left)
    assert_source_below_plot_with_room(fig)
    assert_title_has_room(fig)


def test_a_narrow_chart_breaks_its_source_line_and_ends_it_at_the_right_edge() -> None:
    wide = finish(go.Figure(), title="T", info=SYNTHETIC, n=40, lang="en", height=400)
    narrow = finish(
        go.Figure(), title="T", info=SYNTHETIC, n=40, lang="en", height=400, narrow=True
    )
    assert lines_of(source(narrow).text) == [
        "Source: survey round 2023,",
        "n = 40 poles",
        "synthetic sample data",
    ]
    assert source(narrow).xanchor == "right" and source(narrow).x == 1
    assert source(narrow).xshift > 0  # towards the container's edge, past the plot's
    assert_source_below_plot_with_room(narrow)
    # The two extra lines add their own height: the plot area keeps its size.
    plot = [f.layout.height - f.layout.margin.t - f.layout.margin.b for f in (wide, narrow)]
    assert plot[0] == plot[1]
    assert narrow.layout.height > wide.layout.height


def test_source_text_narrow_is_the_wrapped_line() -> None:
    assert source_text(SYNTHETIC, 1, "fr", narrow=True) == (
        "Source : campagne 2023,<br>n = 1 pôle<br>données synthétiques d'exemple"
    )
    assert source_text(SYNTHETIC, 1, "fr") == (
        "Source : campagne 2023, n = 1 pôle · données synthétiques d'exemple"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Source: survey round 2023, n = 4 poles", ["Source: survey round 2023,", "n = 4 poles"]),
        ("Short, n = 4", ["Short, n = 4"]),
        # A part with no comma to break at falls back to spaces; a word is never split.
        (
            "Source: survey round Provence-Alpes-Côte-d'Azur-Méditerranée 2023 spring",
            ["Source: survey round", "Provence-Alpes-Côte-d'Azur-Méditerranée", "2023 spring"],
        ),
    ],
)
def test_wrap_source(text: str, expected: list[str]) -> None:
    got = lines_of(wrap_source(text))
    assert got == expected
    assert " ".join(got) == text


def test_long_titles_wrap_at_spaces_without_splitting_names_and_read_back() -> None:
    title = "Proposals submitted per year, by region: Provence-Alpes-Côte d'Azur and others"
    fig = finish(go.Figure(), title=title, info=SYNTHETIC, n=4, lang="en", title_width=30)
    shown = lines_of(fig.layout.title.text)
    assert len(shown) == 3
    assert all(len(line) <= 30 for line in shown if "-" not in line)
    assert "Provence-Alpes-Côte" in fig.layout.title.text  # hyphens are not break points
    assert fig.layout.title.text.replace("<br>", " ") == title
    assert_title_has_room(fig)
    # Each extra title line adds its height to the figure: the plot keeps its size.
    one = finish(go.Figure(), title="T", info=SYNTHETIC, n=4, lang="en")
    assert fig.layout.height - fig.layout.margin.t == one.layout.height - one.layout.margin.t


def test_a_legend_goes_under_the_title_and_the_plot_under_the_legend() -> None:
    fig = go.Figure([go.Bar(x=["a"], y=[1], name="one"), go.Bar(x=["a"], y=[2], name="two")])
    fig = finish(fig, title="A title<br>on two lines", info=SYNTHETIC, n=4, lang="en")
    legend = fig.layout.legend
    assert (legend.orientation, legend.xref, legend.yref) == ("h", "container", "container")
    assert_title_has_room(fig)
    # No top margin of its own: the legend reserves it (down to its lower edge), which
    # plotly adds up with any fixed top margin.
    assert fig.layout.margin.t == 0
    # A one-trace figure has no legend and keeps a top margin under its title.
    single = finish(go.Figure(go.Bar(x=["a"], y=[1])), title="T", info=SYNTHETIC, n=4, lang="en")
    assert single.layout.legend.yref is None
    assert single.layout.margin.t > 31


def eight_poles(projects: tuple[dict[str, Any], ...] = ()) -> Any:
    rows = [
        ("P1", "Île-de-France", {2019: 10, 2020: 12}, {2019: 2, 2020: 3}),
        ("P2", "Île-de-France", {2019: 5, 2020: 4}, {2019: 1}),
        ("P3", "Île-de-France", {2019: 4, 2020: 6}, {2020: 2}),
        ("P4", "Provence-Alpes-Côte d'Azur", {2019: 20, 2020: 25}, {2019: 5, 2020: 5}),
        ("P5", "Provence-Alpes-Côte d'Azur", {2019: 8, 2020: 8}, {2019: 2, 2020: 4}),
        ("P6", "Provence-Alpes-Côte d'Azur", {2019: 0, 2020: 3}, {2019: 0, 2020: 1}),
        ("P7", "Bretagne", {2019: 7, 2020: 9}, {2019: 3, 2020: 3}),
        ("P8", "Bretagne", {2019: 1, 2020: 2}, {}),
    ]
    return make_round(
        [
            {"pole": p, "region": r, "sector": "Health", "submitted": s, "funded": f}
            for p, r, s, f in rows
        ],
        years=(2019, 2020),
        synthetic=True,
        projects=projects,
    )


def sample_figures() -> dict[str, go.Figure]:
    """One figure of each builder with a year axis, on eight poles (`test_charts_phone`
    lays them out again for a phone)."""
    survey = eight_poles(
        (
            {"pole": "P1", "year": 2019, "programme": "Horizon Europe", "submitted": 2},
            {"pole": "P4", "year": 2020, "programme": "Interreg", "submitted": 1},
        )
    )
    grouping = trends.assign_groups(survey, "region")
    series = trends.yearly_series(survey, grouping, "submitted")
    per_year = pd.DataFrame({"year": [2019, 2020], "total": [55, 69], "n": [8, 8]})
    result = comparison.compare([survey, survey], panel=False)
    return {
        "overview": submissions_per_year(per_year, 0.2, info=survey.info, n=8, lang="fr"),
        "yearly": yearly_chart(
            series,
            split="region",
            measure="submitted",
            scale="absolute",
            info=survey.info,
            n=8,
            lang="fr",
        ),
        "programmes": programme_chart(
            trends.by_programme(survey, "submitted"),
            measure="submitted",
            info=survey.info,
            n=8,
            lang="en",
        ),
        "own_years": own_years_chart(
            peers.own_years(survey, "P4"), pole="P4", info=survey.info, lang="en"
        ),
        "comparison": rounds_by_year_chart(
            comparison.yearly_series(result.rounds),
            bases=result.bases,
            field="projects_submitted",
            synthetic=True,
            lang="en",
        ),
    }


def test_year_axes_carry_no_title_and_the_source_has_room_on_every_chart() -> None:
    for name, fig in sample_figures().items():
        assert fig.layout.xaxis.title.text is None, name
        assert_source_below_plot_with_room(fig)
        assert_title_has_room(fig)


def test_the_yearly_chart_wraps_its_title_for_the_main_column_and_grows_with_its_legend() -> None:
    survey = eight_poles()
    grouping = trends.assign_groups(survey, "region")
    fig = yearly_chart(
        trends.yearly_series(survey, grouping, "submitted"),
        split="region",
        measure="submitted",
        scale="absolute",
        info=survey.info,
        n=8,
        lang="fr",
    )
    title = fig.layout.title.text
    assert title.replace("<br>", " ") == "Projets européens déposés par an, par région"
    assert all(len(line) <= MAIN_TITLE_WIDTH for line in lines_of(title))
    assert len(lines_of(title)) == 2
    # Three groups: a legend above the plot, never a column that squeezes it sideways.
    assert fig.layout.legend.orientation == "h"
    alone = yearly_chart(
        trends.yearly_series(survey, trends.assign_groups(survey, "none"), "submitted"),
        split="none",
        measure="submitted",
        scale="absolute",
        info=survey.info,
        n=8,
        lang="fr",
    )
    assert alone.layout.showlegend is False
    assert fig.layout.height > alone.layout.height


def test_side_column_charts_wrap_title_and_source() -> None:
    survey = eight_poles()
    grouping = trends.assign_groups(survey, "region")
    totals = group_totals_chart(
        trends.summary(survey, grouping, "submitted"),
        split="region",
        measure="submitted",
        selected=(),
        info=survey.info,
        n=8,
        lang="fr",
    )
    own = own_years_chart(
        peers.own_years(survey, "P1"), pole="Pôle Mer Méditerranée", info=survey.info, lang="fr"
    )
    for fig in (totals, own):
        assert all(len(line) <= NARROW_TITLE_WIDTH for line in lines_of(fig.layout.title.text))
        assert all(len(line) <= NARROW_SOURCE_WIDTH for line in lines_of(source(fig).text))
        assert source(fig).xanchor == "right"
        assert_source_below_plot_with_room(fig)
        assert_title_has_room(fig)
    assert (
        own.layout.title.text.replace("<br>", " ") == "Pôle Mer Méditerranée : ses propres années"
    )
    # The peers page's two series get a legend under the title, not over it.
    assert own.layout.legend.yref == "container"


def test_bullet_chart_keeps_its_first_row_title_clear_of_the_legend() -> None:
    survey = eight_poles()
    fig = bullet_chart(peers.compare(survey, "P4"), pole="P4", info=survey.info, n=8, lang="en")
    first_title = fig.layout.annotations[0]
    assert first_title.text == "EU proposals submitted (all years)"
    top = fig.layout.yaxis.domain[1]
    assert first_title.y == pytest.approx(top)
    # Plot height: the figure less its margins and the legend (at most about 150 px).
    plot = fig.layout.height - fig.layout.margin.b - 60 - 150
    assert (1 - top) * plot >= 28  # room for one line of the row's title
    assert_source_below_plot_with_room(fig)
    assert_title_has_room(fig)


def test_map_source_sits_just_under_the_map() -> None:
    survey = eight_poles()
    figure = FIGURES_BY_KEY["submitted"]
    fig = region_map(by_region(survey, figure), figure, info=survey.info, n=8, lang="fr")
    assert len(fig.layout.annotations) == 1
    assert source(fig).yshift == -10
    assert_source_below_plot_with_room(fig)
    assert_title_has_room(fig)
