"""The filtered answers as one wide table to read, search and export, with its base n.

One row per responding pole: pole, region, sector (its display name in the language),
the per-year submitted and funded columns, the per-pole answers, and the answers to
unmapped columns under their original headers. It is the canonical workbook's layout
(`analysis.export.canonical.responses_table`), so an export of it can be read back by ingestion;
blanks stay blank. The base n of each column is the number of non-blank cells, because a
figure read from a column rests on the poles that answered it.

That table is three times as wide as a 1280 px screen, so the page opens on a compact view
(`compact_columns`): the pole (pinned), its region and sector, the latest year's figures,
then as many other columns as still fit whole; a column picker adds the others
(`shown_columns`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from analysis.core import policy
from analysis.core.fields import YEARLY_FIELDS
from analysis.core.i18n import Lang, t
from analysis.core.labels import sector_label
from analysis.core.model import SurveyRound
from analysis.core.schema import POLE, REGION, SECTOR
from analysis.core.table_layout import columns_that_fit, shown_text
from analysis.core.text import normalise, normalise_series
from analysis.export.canonical import responses_table


@dataclass(frozen=True)
class DataTable:
    """A display table: translated headers, and the headers that the search looks into."""

    frame: pd.DataFrame
    search_columns: tuple[str, ...] = ()
    #: The columns a compact view shows first (who, and the latest year's figures).
    lead_columns: tuple[str, ...] = ()

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
    who = (POLE.label(lang), REGION.label(lang), sector)
    latest = tuple(
        f"{field.label(lang)} {max(view.years)}" for field in YEARLY_FIELDS if view.years
    )
    return DataTable(
        frame=frame.reset_index(drop=True),
        search_columns=who,
        lead_columns=tuple(c for c in who + latest if c in frame.columns),
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


#: The most text lines a row of the compact view takes: a long sector name ("Mobilité,
#: aéronautique et logistique") wraps onto three beside the latest year's two figures.
COMPACT_LINES = 3


def compact_columns(
    table: DataTable, lang: Lang, room: int, lines: int = COMPACT_LINES
) -> list[str]:
    """The columns of the compact view: as many as fit `room` pixels in rows of at most
    `lines` lines (`analysis.core.table_layout.columns_that_fit`).

    The pole comes first (pinned, always shown), then the lead columns, then the others in
    the table's order; a column joins when the table with it (and the n row under it) still
    fits, and is skipped otherwise, so a narrow column further on may still join. The
    widths are read on every row of `table`, so the default does not change with a search.
    """
    headers = [str(column) for column in table.frame.columns]
    if not headers:
        return []
    shown = shown_text(table.frame, lang)
    shown = pd.concat([shown, shown_text(base_frame(table, lang), lang)], ignore_index=True)
    order = [h for h in table.lead_columns if h in headers[1:]]
    order += [h for h in headers[1:] if h not in order]
    return columns_that_fit(shown, room, lines, order)


def shown_columns(table: DataTable, picked: Sequence[str]) -> DataTable:
    """`table` with the pole column and the `picked` ones, in the table's order (headers
    it does not hold are ignored: a year filtered out takes its columns along)."""
    headers = [str(column) for column in table.frame.columns]
    keep = headers[:1] + [h for h in headers[1:] if h in set(picked)]
    return replace(table, frame=table.frame[keep])
