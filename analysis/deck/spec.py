"""What a slide says, independent of how it is drawn (PowerPoint shapes or a Streamlit page).

The deck and the presentation page both render these values, so a figure on screen and the
same figure in the .pptx come from one computation. Everything here is plain data: texts
already in the audience's language, numbers as plain floats (`None` when unknown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from analysis.analytics.filters import Filters
from analysis.core import policy
from analysis.core.i18n import Lang, t
from analysis.core.model import SurveyRound
from analysis.deck.wording import counted_key

ChartKind = Literal["column", "line", "bar"]
#: How a chart's values read: a count (`1,548`), a share (`60%`) or a change (`+15%`).
ValueKind = Literal["count", "percent", "signed_percent"]
SlideKind = Literal["title", "headline", "chart", "method"]
#: Decimals of the response rate, as the dashboard's overview states it (72.7%).
RATE_DIGITS = 1


@dataclass(frozen=True)
class ChartSpec:
    """One chart: categories and one series of values; `muted` points are drawn in grey."""

    kind: ChartKind
    title: str
    categories: tuple[str, ...]
    series_name: str
    values: tuple[float | None, ...]
    value_kind: ValueKind = "count"
    muted: tuple[bool, ...] = ()


@dataclass(frozen=True)
class SlideContent:
    """One slide: its texts, its charts, its source line and its speaker notes.

    `key` names the slide for tests and widgets (`headline_submitted`, `by_region` ...);
    `n` is the base the slide rests on; `big` and `meaning` are set on headline slides;
    `notice` is the synthetic-data warning of the title slide.
    """

    kind: SlideKind
    key: str
    title: str
    subtitle: str = ""
    big: str = ""
    meaning: str = ""
    lines: tuple[str, ...] = ()
    notice: str = ""
    charts: tuple[ChartSpec, ...] = ()
    source: str = ""
    footnote: str = ""
    notes: str = ""
    n: int = 0


@dataclass(frozen=True)
class DeckContent:
    """Every slide of a deck, in order, plus what it was built from."""

    lang: Lang
    label: str
    synthetic: bool
    filters: Filters
    slides: tuple[SlideContent, ...]
    omitted: tuple[str, ...] = field(default=())

    def slide(self, key: str) -> SlideContent | None:
        """The slide named `key`, or None when the deck leaves it out."""
        return next((s for s in self.slides if s.key == key), None)


@dataclass(frozen=True)
class Context:
    """What every slide builder needs: the round, the filtered view and the wording inputs."""

    survey: SurveyRound
    view: SurveyRound
    filters: Filters
    lang: Lang
    period: str
    filters_text: str

    @property
    def label(self) -> str:
        """The round's label."""
        return self.survey.info.label

    @property
    def single_pole(self) -> bool:
        """Whether exactly one pole was chosen on purpose (its own figures may then be shown)."""
        return len(self.filters.poles) == 1

    def may_show(self, n: int) -> bool:
        """Whether a figure resting on `n` poles may be shown without revealing a pole's answer.

        A sum of one or two poles' answers is as good as their own figures, so it is shown
        only from `policy.MIN_GROUP_POLES` poles, or when a single pole was chosen on purpose.
        """
        return policy.may_show_group(n, self.single_pole)

    def t(self, key: str, **params: object) -> str:
        """A message of the deck in the deck's language."""
        return t(key, self.lang, **params)

    def counted(self, key: str, n: int, **params: object) -> str:
        """The message `key` about `n` poles, singular or plural as `n` requires in the language."""
        return t(counted_key(key, n, self.lang), self.lang, n=n, **params)

    def source(self, n: int) -> str:
        """`Source: survey round 2023, n = 40 poles`, with the synthetic notice when relevant."""
        text = self.counted("charts.source", n, label=self.label)
        if self.survey.info.synthetic:
            text += " · " + t("charts.synthetic", self.lang)
        return text

    def notes(self, n: int, *lines: str) -> str:
        """Speaker notes: the slide's own lines, then base, round, filters (and synthetic)."""
        closing = [
            self.counted("deck.notes_base", n, label=self.label),
            self.t("deck.notes_filters", filters=self.filters_text),
        ]
        if self.survey.info.synthetic:
            closing.append(self.t("deck.notes_synthetic"))
        return "\n".join([*lines, *closing])
