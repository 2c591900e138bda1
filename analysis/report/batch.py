"""Every responding pole's report at once: one PDF each, an index CSV, progress as it goes.

The index lists the pole, its region and sector and its file, written by
the one CSV writer (`analysis.export.delimited`), so a pole named `=HYPERLINK(...)` stays
text in a spreadsheet. File names are unique even when two names reduce to the same one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis.awards.view import WinnerLike
from analysis.core.i18n import Lang, t
from analysis.core.labels import sector_label
from analysis.core.model import SurveyRound
from analysis.export.delimited import to_delimited
from analysis.report.naming import unique
from analysis.report.pole import RoundFacts, pole_filename, pole_report, responding_poles

#: Called after each report: (done, total, pole).
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Written:
    """One report of a batch: the pole, its file name and its bytes."""

    pole: str
    filename: str
    pdf: bytes


def reports(
    survey: SurveyRound,
    lang: Lang,
    *,
    winners: Sequence[WinnerLike] = (),
    progress: Progress | None = None,
    today: date | None = None,
) -> Iterator[Written]:
    """Each responding pole's report, in the round's order, one at a time (memory stays flat)."""
    poles = responding_poles(survey)
    facts = RoundFacts.of(survey, lang)  # the round's own figures, once for every report
    taken: set[str] = set()
    for done, pole in enumerate(poles, start=1):
        stem = pole_filename(pole, survey.info.label, lang).removesuffix(".pdf")
        name = unique(stem, taken) + ".pdf"
        pdf = pole_report(survey, pole, lang, winners=winners, today=today, facts=facts)
        if progress is not None:
            progress(done, len(poles), pole)
        yield Written(pole, name, pdf)


def index_name(label: str, lang: Lang) -> str:
    """`index_2023_en.csv`: the index of a batch, beside the reports."""
    stem = pole_filename("x", label, lang).removesuffix("_x.pdf")
    return f"{t('report.index_name', lang)}_{stem.split('_', 1)[1]}.csv"


def index_csv(survey: SurveyRound, written: Sequence[Written], lang: Lang) -> bytes:
    """The index of a batch as CSV bytes in the reader's dialect, cells neutralised."""
    places = survey.responses.drop_duplicates("pole").set_index("pole")
    frame = pd.DataFrame(
        {
            t("report.index_pole", lang): [w.pole for w in written],
            t("report.index_region", lang): [_text(places.at[w.pole, "region"]) for w in written],
            t("report.index_sector", lang): [
                sector_label(places.at[w.pole, "sector"], lang)
                if not pd.isna(places.at[w.pole, "sector"])
                else "–"
                for w in written
            ],
            t("report.index_file", lang): [w.filename for w in written],
        }
    )
    return to_delimited(frame, lang)


def _text(value: object) -> str:
    return "–" if value is None or pd.isna(value) else str(value)


def reports_zip(
    survey: SurveyRound,
    lang: Lang,
    *,
    winners: Sequence[WinnerLike] = (),
    progress: Progress | None = None,
) -> bytes:
    """Every report and the index in one .zip (the Poles and peers page's download)."""
    out = io.BytesIO()
    written: list[Written] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in reports(survey, lang, winners=winners, progress=progress):
            archive.writestr(item.filename, item.pdf)
            written.append(Written(item.pole, item.filename, b""))  # the bytes are in the zip
        archive.writestr(index_name(survey.info.label, lang), index_csv(survey, written, lang))
    return out.getvalue()
