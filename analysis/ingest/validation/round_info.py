"""What a round's description must satisfy before it is stored.

The description (label aside) comes from a `round` sheet, the command line or the upload
form, typed by people: a number of poles surveyed below the number that answered would
publish a response rate above 100 %, a period running backwards or in another century
would label every chart wrongly. These are refused wherever a round is stored from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.core.i18n import Lang, t
from analysis.core.model import RoundInfo
from analysis.core.schema import YEAR_MAX, YEAR_MIN


@dataclass(frozen=True)
class InfoProblem:
    """One thing wrong with a round's description (a catalogue key and its values)."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: Lang) -> str:
        """The sentence in `lang`."""
        return t(f"round_checks.{self.key}", lang, **self.params)


def info_problems(info: RoundInfo, respondents: int) -> list[InfoProblem]:
    """Everything wrong with `info` for a round that `respondents` poles answered."""
    problems = []
    surveyed = info.poles_surveyed
    if surveyed is not None and surveyed < max(respondents, 1):
        problems.append(
            InfoProblem("surveyed_below_respondents", {"surveyed": surveyed, "n": respondents})
        )
    years = [year for year in (info.period_start, info.period_end) if year is not None]
    outside = [year for year in years if not YEAR_MIN <= year <= YEAR_MAX]
    if outside:
        problems.append(
            InfoProblem(
                "period_out_of_range",
                {"year": str(outside[0]), "low": str(YEAR_MIN), "high": str(YEAR_MAX)},
            )
        )
    start, end = info.period_start, info.period_end
    if start is not None and end is not None and start > end:
        problems.append(InfoProblem("period_reversed", {"start": str(start), "end": str(end)}))
    return problems
