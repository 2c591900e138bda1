"""What the jury deck says: a title slide and one slide per eligible application.

Slides are `deck.spec.SlideContent` values, drawn by the event deck's painter, so the jury
deck has the dashboard's look (or a branded template's) without a second drawing code.
Application slides use the deck's bulleted layout: the facts, the category and why the
application is eligible; the speaker notes hold the criteria the jury scores.
"""

from __future__ import annotations

import pandas as pd

from analysis.analytics.filters import Filters
from analysis.awards.rules import Edition
from analysis.core.i18n import Lang, fmt_date, fmt_int, t
from analysis.deck.spec import DeckContent, SlideContent


def _value(value: object) -> str:
    """A cell as slide text: `–` when blank."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return str(value)


def _title_slide(rows: pd.DataFrame, edition: Edition, lang: Lang, synthetic: bool) -> SlideContent:
    counts = rows["category"].value_counts()
    lines = [
        t("awards.jury_deadline_line", lang, deadline=fmt_date(edition.deadline, lang, "long")),
        *(
            t(
                "awards.jury_count_line",
                lang,
                category=category.label(lang),
                count=fmt_int(int(counts.get(category.key, 0)), lang),
            )
            for category in edition.categories
        ),
    ]
    return SlideContent(
        kind="title",
        key="title",
        title=t("awards.jury_title", lang, year=str(edition.year)),
        subtitle=t("awards.jury_subtitle", lang, count=len(rows)),
        lines=tuple(lines),
        notice=t("awards.jury_synthetic", lang) if synthetic else "",
        notes="\n".join(lines),
        n=len(rows),
    )


def _application_slide(
    row: pd.Series, number: int, edition: Edition, lang: Lang, synthetic: bool
) -> SlideContent:
    category = edition.category(str(row["category"]))
    label = category.label(lang) if category else _value(row["category"])
    start = row["start_date"]
    lines = (
        t("awards.jury_line_category", lang, category=label),
        t(
            "awards.jury_line_start",
            lang,
            start=start.date().isoformat() if pd.notna(start) else "–",
        ),
        t("awards.jury_line_partners", lang, partners=_value(row["partner_countries"])),
        t("awards.jury_line_contact", lang, contact=_value(row["contact"])),
        t("awards.jury_line_description", lang, description=_value(row["description"])),
        t("awards.jury_line_eligibility", lang, reason=_value(row["eligibility"])),
    )
    criteria = ", ".join(c.label(lang) for c in category.criteria) if category else "–"
    source = t("awards.jury_source", lang, year=str(edition.year))
    if synthetic:
        source += " · " + t("charts.synthetic", lang)
    return SlideContent(
        kind="method",
        key=f"application_{number}",
        title=_value(row["title"]) if pd.notna(row["title"]) else t("awards.untitled", lang),
        subtitle=" · ".join(
            part for part in (_value(row["pole"]), _value(row["region"]), label) if part != "–"
        ),
        lines=lines,
        footnote=t("awards.jury_rewards", lang, rewards=category.rewards(lang)) if category else "",
        source=source,
        notes="\n".join(
            [
                t("awards.jury_notes_criteria", lang, criteria=criteria),
                t("awards.jury_notes_scale_text", lang, low=0, high=5),
                _value(row["eligibility"]),
            ]
        ),
        n=1,
    )


def jury_content(
    rows: pd.DataFrame, edition: Edition, lang: Lang, *, synthetic: bool = False
) -> DeckContent:
    """The slides for `rows` (the eligible applications, with their `eligibility` text)."""
    slides = [_title_slide(rows, edition, lang, synthetic)]
    slides += [
        _application_slide(row, number, edition, lang, synthetic)
        for number, (_, row) in enumerate(rows.iterrows(), start=1)
    ]
    return DeckContent(
        lang=lang,
        label=str(edition.year),
        synthetic=synthetic,
        filters=Filters(),
        slides=tuple(slides),
    )
