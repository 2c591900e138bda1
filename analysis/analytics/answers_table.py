"""The filtered answers as one wide table to read, search and export, with its base n.

One row per responding pole: pole, region, sector (its display name in the language),
the per-year submitted and funded columns, the per-pole answers, and the answers to
unmapped columns under their original headers. It is the canonical workbook's layout
(`analysis.export.canonical.responses_table`), so an export of it can be read back by ingestion;
blanks stay blank. The base n of each column is the number of non-blank cells, because a
figure read from a column rests on the poles that answered it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from analysis.core import policy
from analysis.core.i18n import Lang, t
from analysis.core.labels import sector_label
from analysis.core.model import SurveyRound
from analysis.core.schema import POLE, REGION, SECTOR
from analysis.core.text import normalise, normalise_series
from analysis.export.canonical import responses_table


@dataclass(frozen=True)
class DataTable:
    """A display table: translated headers, and the headers that the search looks into."""

    frame: pd.DataFrame
    search_columns: tuple[str, ...] = ()

    @property
    def base(self) -> pd.Series:
        """Header -> number of non-blank cells (the column's base n)."""
        return self.frame.notna().sum().astype("int64")

    @property
    def rows(self) -> int:
        """Number of rows (poles)."""
        return len(self.frame)


def data_table(view: SurveyRound, lang: Lang) -> DataTable:
    """The answers of `view` as a display table in `lang` (one row per pole)."""
    frame = responses_table(view, lang)
    sector = SECTOR.label(lang)
    labels = {
        value: sector_label(value, lang) for value in frame[sector].dropna().unique().tolist()
    }
    frame = frame.assign(**{sector: frame[sector].map(labels).astype("string")})
    return DataTable(
        frame=frame.reset_index(drop=True),
        search_columns=(POLE.label(lang), REGION.label(lang), sector),
    )


def search(table: DataTable, text: str | None) -> DataTable:
    """The rows whose pole, region or sector contains `text` (case and accents ignored)."""
    wanted = normalise(text or "")
    if not wanted:
        return table
    hit = pd.Series(False, index=table.frame.index)
    for column in table.search_columns:
        hit |= normalise_series(table.frame[column]).str.contains(wanted, regex=False)
    return replace(table, frame=table.frame.loc[hit.to_numpy()].reset_index(drop=True))


def base_frame(table: DataTable, lang: Lang) -> pd.DataFrame:
    """The base n as a one-row frame under the table's own headers, drawn under the table.

    Its first cell (under the pole column, whose count is the table's number of rows) holds
    the row's label `n` in place of an index, so with the table's widths every count sits
    under its own column.
    """
    base = table.base
    row: dict[str, object] = {str(column): int(base[column]) for column in table.frame.columns}
    if len(table.frame.columns):
        row[str(table.frame.columns[0])] = t("data_page.n_row", lang)
    frame = pd.DataFrame([row], columns=[str(c) for c in table.frame.columns])
    return frame.astype(dict.fromkeys(frame.columns[1:], "Int64"))


def small_base_columns(table: DataTable, threshold: int | None = None) -> list[str]:
    """Headers of the columns answered by fewer than `threshold` poles (flagged on screen).

    `threshold` defaults to the policy's `SMALL_BASE`, read when called.
    """
    base = table.base
    limit = policy.SMALL_BASE if threshold is None else threshold
    return base.index[base < limit].tolist()
