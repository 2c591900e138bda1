"""What a synthetic round's notice may claim: the shipped sample reproduces the published
figures; any other round flagged synthetic is only said to be synthetic.

The claim "the totals reproduce the published figures" is checked against the round itself
(respondents, submissions per year, recruitments, coordinators, poles planning to recruit),
so a synthetic round someone stored, or the sample after an edit, never borrows it.
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.analytics import metrics
from analysis.core.i18n import Lang, fmt_int, fmt_percent, fmt_signed_percent, t
from analysis.core.model import SurveyRound
from analysis.sample.round import (
    COORDINATOR_MEMBERS,
    PLANNING_TO_RECRUIT,
    RECRUITMENTS,
    RESPONDENTS,
    SUBMITTED_BY_YEAR,
)


def reproduces_published(survey: SurveyRound) -> bool:
    """Whether the whole round's totals are the published Phase 4 figures."""
    if metrics.respondents(survey) != RESPONDENTS:  # cheap first: most rounds stop here
        return False
    by_year = metrics.by_year(survey, "projects_submitted")
    per_year = {int(y): v for y, v in zip(by_year["year"], by_year["total"], strict=True)}
    return (
        per_year == SUBMITTED_BY_YEAR
        and metrics.total(survey, "europe_team_recruitments").value == RECRUITMENTS
        and metrics.total(survey, "coordinator_members").value == COORDINATOR_MEMBERS
        and metrics.count_yes(survey, "plans_to_recruit").value == PLANNING_TO_RECRUIT
    )


def synthetic_notice(
    survey: SurveyRound, lang: Lang, *, escape: Callable[[str], str] | None = None
) -> str | None:
    """The notice a synthetic round carries wherever it is shown; None for real data.

    Give the whole round (not a filtered view): whether it is the shipped sample is a fact
    of the round. `escape` is applied to the round's label, user text, where the notice is
    shown as Markdown (the page banner); the catalogue's own wording is left as it is.
    """
    info = survey.info
    label = escape(info.label) if escape else info.label
    if not info.synthetic:
        return None
    if not reproduces_published(survey):
        return t("sample.notice_synthetic", lang, label=label)
    h = metrics.headline(survey)
    return t(
        "sample.notice_sample",
        lang,
        label=label,
        respondents=h.respondents,
        submitted=fmt_int(h.projects_submitted.value, lang),
        period=info.period_label,
        growth=fmt_signed_percent(h.projects_submitted_cagr.value, lang),
        recruitments=fmt_int(h.europe_team_recruitments.value, lang),
        coordinators=fmt_int(h.coordinator_members.value, lang),
        plans=fmt_percent(h.plans_to_recruit.value, lang),
    )
