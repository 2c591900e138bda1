"""Every chart laid out again for a phone: the same data, the text wrapped by width.

`analysis.charts.phone.for_phone` is applied by `ui.components.chart` on a phone; here it
runs on each of the dashboard's builders (and on hostile text), and the layout rules of
`test_charts_layout.py` hold for the result too.
"""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.charts.phone import BAR_PX, SOURCE_WIDTH, TITLE_FONT, TITLE_WIDTH, for_phone
from analysis.charts.theme import SOURCE_NAME, finish
from analysis.core.model import RoundInfo
from tests.charts.test_charts_layout import (
    assert_source_below_plot_with_room,
    lines_of,
    sample_figures,
    source,
)

SYNTHETIC = RoundInfo(label="2023", synthetic=True)


def _plain(text: str) -> str:
    return " ".join(text.replace("<br>", " ").split())


@pytest.mark.parametrize("name", list(sample_figures()))
def test_title_and_source_are_wrapped_for_a_phone_and_keep_their_words(name: str) -> None:
    fig = sample_figures()[name]
    phone = for_phone(fig)
    assert _plain(phone.layout.title.text) == _plain(fig.layout.title.text)
    assert all(len(line) <= TITLE_WIDTH for line in lines_of(phone.layout.title.text))
    assert phone.layout.title.font.size == TITLE_FONT
    assert _plain(source(phone).text).replace(" · ", " ") == _plain(source(fig).text).replace(
        " · ", " "
    )
    assert all(len(line) <= SOURCE_WIDTH for line in lines_of(source(phone).text))
    assert [a.name for a in phone.layout.annotations].count(SOURCE_NAME) == 1
    assert_source_below_plot_with_room(phone)
    # The figure shown on a desktop is left as it was.
    assert fig.layout.title.font.size != TITLE_FONT


def test_horizontal_bars_get_height_and_upright_labels() -> None:
    names = [f"Pôle numéro {i}" for i in range(40)]
    bars = go.Figure(go.Bar(x=list(range(40)), y=names, orientation="h", text=names))
    fig = finish(bars, title="Forty poles", info=SYNTHETIC, n=40, lang="en", height=480)
    phone = for_phone(fig)
    plot = phone.layout.height - phone.layout.margin.t - phone.layout.margin.b
    assert plot >= 40 * BAR_PX - 200
    assert phone.data[0].textangle == 0


def test_a_legend_beside_the_plot_goes_under_the_title() -> None:
    fig = sample_figures()["programmes"]
    fig.update_layout(legend={"orientation": "v"})
    phone = for_phone(fig)
    assert phone.layout.legend.orientation == "h"
    assert phone.layout.legend.yref == "container"


@settings(max_examples=40, deadline=None)
@given(title=st.text(min_size=1, max_size=160).filter(lambda t: t.strip()))
def test_any_title_reads_back_whole(title: str) -> None:
    fig = finish(go.Figure(), title=title, info=SYNTHETIC, n=3, lang="fr")
    phone = for_phone(fig)
    assert _plain(phone.layout.title.text) == _plain(title)
