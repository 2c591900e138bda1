"""Open-ended names (Hypothesis), the award lines, real rounds, and every pole of the sample."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.core.i18n import Lang
from analysis.core.model import SurveyRound
from analysis.report import pole_filename, pole_report, responding_poles
from analysis.report.batch import reports
from analysis.sample.round import generate
from tests.support.builders import make_round
from tests.support.pdf import page_texts, squeezed, text

TODAY = date(2026, 12, 6)
#: Printable ASCII without whitespace: every Typst, Markdown, HTML and formula character.
_MARKUP = st.text(
    alphabet=[c for c in string.printable if not c.isspace()], min_size=1, max_size=40
)


def _round_with(name: str) -> SurveyRound:
    others = [f"Other {i}" for i in range(3)]
    return make_round(
        [
            {
                "pole": p,
                "region": "Bretagne",
                "sector": "Health",
                "submitted": {2019: 2 + i, 2020: 3},
            }
            for i, p in enumerate([name, *others])
        ]
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKUP)
def test_any_markup_in_a_name_prints_as_spelt(name: str) -> None:
    body = squeezed(text(pole_report(_round_with(name), name, "en", today=TODAY)))
    assert squeezed(name) in body


@given(st.text(min_size=0, max_size=400))
def test_any_name_gives_a_safe_file_name(name: str) -> None:
    filename = pole_filename(name, "2023", "fr")
    assert re.fullmatch(r"rapport_2023_fr_[A-Za-z0-9-]{1,60}\.pdf", filename)


@dataclass(frozen=True)
class _Winner:
    edition_year: int
    category: str
    pole: str
    initiative_title: str | None


def test_applications_and_their_results() -> None:
    survey = generate()
    row = survey.initiatives.iloc[0]
    pole, category, title = str(row["pole"]), str(row["category"]), str(row["title"])
    winner = _Winner(2023, category, pole, title)
    body = text(pole_report(survey, pole, "en", winners=[winner], today=TODAY))
    assert squeezed(title) in squeezed(body) and "Winner (2023)" in body
    plain = text(pole_report(survey, pole, "fr", today=TODAY))
    assert "aucun prix enregistré" in plain
    without = next(p for p in responding_poles(survey) if p not in set(survey.initiatives["pole"]))
    assert "No application to the award" in text(pole_report(survey, without, "en", today=TODAY))


def test_a_real_round_carries_no_synthetic_notice() -> None:
    survey = _round_with("Alpha")
    body = text(pole_report(survey, "Alpha", "en", today=TODAY))
    assert "Synthetic" not in body and "synthetic" not in body


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_responding_pole_of_the_sample_gets_its_own_figures(lang: Lang) -> None:
    survey = generate()
    answered = survey.yearly.dropna(subset=["projects_submitted"])
    totals = answered.groupby("pole")["projects_submitted"].sum()
    of = "sur" if lang == "fr" else "of"
    written = list(reports(survey, lang, today=TODAY))
    assert [w.pole for w in written] == list(dict.fromkeys(survey.responses["pole"]))
    for item in written:
        own = int(totals[item.pole])
        rank = int((totals > own).sum()) + 1
        pages = page_texts(item.pdf)
        assert all("2023" in page and "6" in page for page in pages)
        assert f"{own} {rank} {of} {len(totals)}" in " ".join(pages), item.pole
