"""A chart in words and as a table (`analysis.charts.describe`), read from real figures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.charts import describe
from analysis.charts.overview import submissions_per_year
from analysis.charts.theme import finish, inert
from analysis.core.model import RoundInfo

INFO = RoundInfo(label="2023")


def bars(names: list[str], values: list[float | None], *, percent: bool = False) -> go.Figure:
    """A horizontal bar chart of `names` (escaped as the builders do) and `values`."""
    fig = go.Figure(
        go.Bar(y=[inert(n) for n in names], x=values, orientation="h", name="Submitted")
    )
    if percent:
        fig.update_xaxes(tickformat=".0%")
    return finish(fig, title="Proposals <b>by</b> region", info=INFO, n=40, lang="en")


def test_yearly_series_reads_first_last_and_top() -> None:
    per_year = pd.DataFrame({"year": [2019, 2020, 2021], "total": [300, 1450, 402], "n": [40] * 3})
    fig = submissions_per_year(per_year, 0.15, info=INFO, n=40, lang="en")
    sentence = describe.summary(fig, "en")
    assert sentence.startswith("From 300 in 2019 to 402 in 2021; highest: 1,450 in 2020.")
    # Two series (bars and the growth line): the sentence names the one it describes.
    assert "one of 2 series" in sentence
    french = describe.summary(fig, "fr")
    assert french.startswith("De 300 en 2019 à 402 en 2021 ; maximum : 1\u202f450 en 2020.")


@pytest.mark.parametrize(
    ("values", "expected_en", "expected_fr"),
    [
        (
            [10, 30, 20],
            "3 values; highest: Bretagne (30); lowest: Corse (10).",
            "3 valeurs ; la plus élevée : Bretagne (30) ; la plus basse : Corse (10).",
        ),
        ([None, 7.5, None], "One value: Bretagne (7.5).", "Une seule valeur : Bretagne (7,5)."),
        ([None, None, None], "No value to show.", "Aucune valeur à afficher."),
    ],
)
def test_ranking_sentences(values: list[float | None], expected_en: str, expected_fr: str) -> None:
    fig = bars(["Corse", "Bretagne", "Normandie"], values)
    assert describe.summary(fig, "en") == expected_en
    assert describe.summary(fig, "fr") == expected_fr


def test_percent_axis_reads_as_percent() -> None:
    fig = bars(["A", "B"], [0.25, 0.6], percent=True)
    assert describe.summary(fig, "en") == "2 values; highest: B (60%); lowest: A (25%)."
    assert list(describe.table(fig, "en").columns) == ["Category", "Submitted (%)"]
    assert describe.table(fig, "en")["Submitted (%)"].tolist() == [25.0, 60.0]


def test_title_and_alt_text_are_plain() -> None:
    fig = bars(["A"], [1])
    assert describe.title(fig) == "Proposals <b>by</b> region"
    assert describe.alt_text("Title", "One value.") == "Title. One value."
    assert describe.alt_text("Title?", "One value.") == "Title? One value."
    assert describe.alt_text("", "One value.") == "One value."


def test_table_has_a_row_per_category_and_blank_for_unknown() -> None:
    fig = bars(["Corse", "Bretagne"], [3, None])
    frame = describe.table(fig, "fr")
    assert list(frame.columns) == ["Catégorie", "Submitted"]
    assert frame["Catégorie"].tolist() == ["Corse", "Bretagne"]
    assert frame["Submitted"].iloc[0] == 3
    assert pd.isna(frame["Submitted"].iloc[1])


def test_figure_without_data_has_a_sentence_and_an_empty_table() -> None:
    fig = finish(go.Figure(), title="Empty", info=INFO, n=0, lang="en")
    assert describe.summary(fig, "en") == "No value to show."
    assert describe.table(fig, "en").empty


names = st.lists(st.text(min_size=1, max_size=30).filter(str.strip), min_size=1, max_size=8)


@settings(deadline=None, max_examples=60)  # a figure costs tens of ms on a loaded machine
@given(names=names, data=st.data())
def test_any_names_come_back_unescaped(names: list[str], data: st.DataObject) -> None:
    """User text escaped for plotly (`inert`) reads as typed in the sentence and the table."""
    unique = list(dict.fromkeys(" ".join(n.split()) for n in names if " ".join(n.split())))
    values = data.draw(st.lists(st.integers(0, 10**6), min_size=len(unique), max_size=len(unique)))
    if not unique:
        return
    fig = bars(unique, [float(v) for v in values])
    assert describe.table(fig, "en")["Category"].tolist() == unique
    sentence = describe.summary(fig, "en")
    top = unique[max(range(len(values)), key=lambda i: (values[i], -i))]
    assert top in sentence


def test_shown_table_writes_numbers_in_the_language() -> None:
    fig = bars(["Corse", "Bretagne"], [1548, None])
    assert describe.shown_table(fig, "fr")["Submitted"].tolist() == ["1\u202f548", "—"]
    assert describe.shown_table(fig, "en")["Submitted"].tolist() == ["1,548", "—"]
