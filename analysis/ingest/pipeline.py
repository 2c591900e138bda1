"""From an uploaded file to a typed round and its report: reading, mapping, cleaning, checks.

`ingest` never raises for a bad file: whatever was sent, it returns an `IngestResult` whose
report says what is wrong, in one pass, and whose `survey` is built whenever there is
something to build (cells with errors become `<NA>`; the report's errors still block
storing). `survey` is `None` only for an unreadable file, a sheet with no pole column, or
one with no answer.

Filling in from the registry: pole names that match it become canonical; a blank or
unrecognised region takes the registry's region for a registry pole (a recognised one is
spelled officially); a blank sector takes the registry's thematic family.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core.labels import canonical_family
from analysis.core.model import YEARLY_COLUMNS, RoundInfo, SourceFile, SurveyRound, conform
from analysis.core.registry import Registry, canonical_region
from analysis.core.schema import POLE_FIELDS
from analysis.ingest.cleaning.cells import by_unique
from analysis.ingest.exclusions import ExcludedRow, Exclusions, exclude_rows
from analysis.ingest.mapping.columns import ColumnMapping, choose_sheet
from analysis.ingest.mapping.identify import ColumnIdentity, identify_mapping
from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.workbook import RawSheet, read_workbook
from analysis.ingest.report import Problem, Report, Severity
from analysis.ingest.sheets.initiatives import find_initiatives_sheet, read_initiatives
from analysis.ingest.sheets.projects import find_projects_sheet, read_projects
from analysis.ingest.sheets.responses import SheetTable, build_table
from analysis.ingest.sheets.round_info import find_round_sheet, read_round_sheet
from analysis.ingest.validation.bounds import pole_count_problem
from analysis.ingest.validation.identity import identity_problems
from analysis.ingest.validation.responses import (
    check_table,
    empty_sheet,
    empty_workbook,
    no_answers,
    no_pole_column,
)
from analysis.ingest.validation.submissions import (
    earlier_submissions,
    incomplete_rows,
    row_problems,
)

Progress = Callable[[float, str], None]
#: Share of the progress bar given to reading the file; the rest is mapping and checks.
_READING_SHARE = 0.6


@dataclass(frozen=True)
class UnreadableProblem(Problem):
    """The single problem of an unreadable file: its message is the reader's sentence."""

    error: UnreadableFile | None = field(default=None, compare=False, repr=False)

    def message(self, lang: Any) -> str:
        """The reader's own sentence, in `lang`."""
        return self.error.message(lang) if self.error is not None else super().message(lang)


@dataclass(frozen=True)
class IngestResult:
    """What became of one upload: its report, and the round when one could be built."""

    source: SourceFile
    report: Report
    survey: SurveyRound | None
    info: RoundInfo | None
    mapping: ColumnMapping | None
    sheet: str | None
    #: The responses sheet's cells as read (the upload page's preview), when one was chosen,
    #: without the rows an editor left out.
    raw: RawSheet | None = None
    #: Every column of the responses sheet as `identify` read it (the mapping step's table).
    columns: tuple[ColumnIdentity, ...] = ()
    #: The survey tool the file was exported from (`Profile.key`), when recognised.
    tool: str | None = None
    #: The answer rows left out by hand (`excluded_rows`), with their pole and reason.
    excluded: tuple[ExcludedRow, ...] = ()

    @property
    def personal_columns(self) -> tuple[str, ...]:
        """The columns of personal data left out of the round: `"D (Adresse e-mail)"`..."""
        return tuple(
            f"{c.letter} ({c.header})" if c.header else c.letter
            for c in self.columns
            if c.role == "personal"
        )

    @property
    def ok(self) -> bool:
        """Whether the round can be stored (a survey was built and no error was found)."""
        return self.report.ok and self.survey is not None


def _progress(progress: Progress | None, start: float, end: float) -> Progress | None:
    """`progress` rescaled so that reading's 0..1 fills `start..end` of the bar."""
    if progress is None:
        return None
    return lambda fraction, key: progress(start + (end - start) * fraction, key)


def _step(progress: Progress | None, fraction: float, key: str) -> None:
    if progress is not None:
        progress(fraction, key)


def _registry_column(names: pd.Series, registry: Registry, attribute: str) -> pd.Series:
    """The registry's `attribute` (region, family) of each pole, `<NA>` for unknown ones."""
    lookup = {name: getattr(pole, attribute) for name, pole in registry.poles.items()}
    return names.map(lookup).astype("string")


def _responses(table: SheetTable, registry: Registry) -> pd.DataFrame:
    """One row per answer row: the per-pole fields, region and sector filled as documented."""
    rows = table.answers
    frame = pd.DataFrame({"pole": table.pole_name.to_numpy()}, index=rows)
    for spec in POLE_FIELDS:
        column = table.field(spec.key)
        if spec.key != "pole" and column is not None:
            frame[spec.key] = table.at_answers(column.values)
    typed_region = frame.get("region", pd.Series(pd.NA, index=rows, dtype="string"))
    region = by_unique(typed_region, canonical_region).astype("string")
    from_registry = _registry_column(frame["pole"], registry, "region")
    frame["region"] = region.fillna(from_registry).fillna(typed_region)
    typed_sector = frame.get("sector", pd.Series(pd.NA, index=rows, dtype="string"))
    # A family named in French (a French export read back) is stored under its own name.
    family = by_unique(typed_sector, canonical_family)
    sector = typed_sector.mask(family.notna(), family)
    frame["sector"] = sector.fillna(_registry_column(frame["pole"], registry, "family"))
    frame["source_row"] = rows
    return frame


def _yearly(table: SheetTable, poles: pd.Series) -> pd.DataFrame:
    """One row per pole and per year having a column (a missing column gives `<NA>`)."""
    parts = []
    for year in table.mapping.years:
        part = pd.DataFrame({"pole": poles.to_numpy(), "year": year})
        for key in ("projects_submitted", "projects_funded"):
            column = table.yearly(key, year)
            part[key] = table.at_answers(column.values).to_numpy() if column is not None else pd.NA
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _extras(table: SheetTable, poles: pd.Series) -> pd.DataFrame:
    """`pole, column, value` for every non-blank answer in a column matching no field."""
    parts = []
    for match in table.extras:
        values = table.extra_values[match.position]
        part = pd.DataFrame(
            {"pole": poles.to_numpy(), "column": match.header or match.letter, "value": values}
        )
        parts.append(part.dropna(subset=["value"]))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _info(source: SourceFile, years: list[int], found: Mapping[str, Any]) -> RoundInfo:
    """The round's metadata: the metadata sheet's values over what the file itself says."""
    default = RoundInfo(
        label=Path(source.name).stem or source.name,
        period_start=min(years) if years else None,
        period_end=max(years) if years else None,
    )
    return default.with_overrides(**found)


def _result(
    source: SourceFile,
    problems: list[Problem],
    survey: SurveyRound | None = None,
    info: RoundInfo | None = None,
    mapping: ColumnMapping | None = None,
    sheet: str | None = None,
    raw: RawSheet | None = None,
    columns: tuple[ColumnIdentity, ...] = (),
    tool: str | None = None,
    excluded: tuple[ExcludedRow, ...] = (),
) -> IngestResult:
    report = Report(tuple(problems))
    return IngestResult(
        source, report, survey, info, mapping, sheet, raw, columns, tool, excluded=excluded
    )


def ingest(
    source: SourceFile,
    *,
    column_overrides: Mapping[str, str] | None = None,
    pole_overrides: Mapping[str, str] | None = None,
    registry: Registry | None = None,
    progress: Progress | None = None,
    drop_incomplete: bool = False,
    keep_latest: bool = False,
    excluded_rows: Exclusions | None = None,
) -> IngestResult:
    """Read, map, clean and check one uploaded file; build its round when possible.

    `column_overrides` map an original header (or a column letter) to a target
    (`"members"`, `"projects_submitted@2021"`, `"extra"`, `"ignore"`); `pole_overrides` map
    an uploaded pole name to a registry name, or to itself to confirm a new pole.
    `drop_incomplete` leaves out the responses the survey tool marks as unfinished;
    `keep_latest` keeps only each pole's latest submission when the tool timed them (both
    are warnings naming the rows either way). `excluded_rows` map a row number of the
    responses sheet to the reason an editor left it out (`analysis.ingest.exclusions`).
    """
    registry = registry if registry is not None else Registry.default()
    try:
        workbook = read_workbook(source, progress=_progress(progress, 0.0, _READING_SHARE))
    except UnreadableFile as error:
        problem = UnreadableProblem(Severity.ERROR, "unreadable", error=error)
        return IngestResult(source, Report((problem,), unreadable=True), None, None, None, None)

    _step(progress, _READING_SHARE, "ingest.progress_mapping")
    chosen = choose_sheet(workbook.sheets, column_overrides)
    if chosen is None:  # no sheet to read answers from has anything in it
        if all(sheet.cells.empty or sheet.cells.isna().all().all() for sheet in workbook.sheets):
            return _result(source, [empty_workbook()])
        first = workbook.sheets[0].name
        return _result(source, [empty_sheet(first)], sheet=first)
    sheet, located = chosen
    name, raw = sheet.name, sheet
    identified = identify_mapping(sheet, located, registry, column_overrides)
    mapping = identified.mapping
    tool = identified.tool.key if identified.tool is not None else None
    identity: dict[str, Any] = {"columns": identified.columns, "tool": tool}
    column_problems = identity_problems(name, mapping.header_row, identified.columns)
    if not mapping.has_pole:
        problems = [no_pole_column(mapping), *column_problems]
        return _result(source, problems, mapping=mapping, sheet=name, raw=raw, **identity)
    kept, excluded, problems = exclude_rows(sheet, mapping, excluded_rows or {})
    raw, identity["excluded"] = kept, excluded
    cells = kept.cells
    pole_cells = cells.loc[cells.index > mapping.header_row, mapping.by_field["pole"].position]
    too_many = pole_count_problem(name, pole_cells)
    if too_many is not None:  # refused before a million names are matched and checked
        problems.append(too_many)
        return _result(source, problems, mapping=mapping, sheet=name, raw=raw, **identity)

    _step(progress, 0.7, "ingest.progress_cleaning")
    incomplete = incomplete_rows(cells, identified)
    if drop_incomplete and incomplete:
        cells = cells.drop(index=incomplete)
    table = build_table(name, cells, mapping, registry, pole_overrides)
    earlier = earlier_submissions(table, cells, identified)
    if keep_latest and earlier:
        cells = cells.drop(index=list(earlier))
        table = build_table(name, cells, mapping, registry, pole_overrides)
    _step(progress, 0.85, "ingest.progress_checking")
    column_problems += row_problems(
        name,
        incomplete,
        earlier,
        dropped_incomplete=drop_incomplete,
        kept_latest=keep_latest,
    )
    problems += [*column_problems, *check_table(table, registry)]
    if table.answers.empty:
        problems.append(no_answers(name, mapping.header_row))
        return _result(source, problems, mapping=mapping, sheet=name, raw=raw, **identity)

    responses = _responses(table, registry)
    poles = responses["pole"]
    yearly = _yearly(table, poles)
    round_sheet = find_round_sheet(workbook.sheets)
    found, round_problems = read_round_sheet(round_sheet) if round_sheet is not None else ({}, [])
    info = _info(source, mapping.years, found)
    projects = None
    projects_sheet = find_projects_sheet(workbook.sheets)
    if projects_sheet is not None and projects_sheet is not sheet:
        projects, project_problems = read_projects(
            projects_sheet,
            registry,
            pole_overrides=pole_overrides,
            responding=poles.tolist(),
            period=(info.period_start, info.period_end),
            yearly=conform(yearly, YEARLY_COLUMNS),  # typed as the round will hold it
        )
        problems += project_problems
    initiatives = None
    initiatives_sheet = find_initiatives_sheet(workbook.sheets)
    if initiatives_sheet is not None and initiatives_sheet is not sheet:
        initiatives, initiative_problems = read_initiatives(
            initiatives_sheet, registry, pole_overrides=pole_overrides
        )
        problems += initiative_problems
    survey = SurveyRound.build(
        info, responses, yearly, projects, _extras(table, poles), initiatives
    )
    _step(progress, 1.0, "ingest.progress_done")
    problems += round_problems
    return _result(source, problems, survey, info, mapping, name, raw, **identity)


def ingest_path(path: str | Path, **kwargs: Any) -> IngestResult:
    """`ingest` a file on disk (the CLI's entry); `kwargs` are `ingest`'s options."""
    file = Path(path)
    return ingest(SourceFile(file.name, file.read_bytes()), **kwargs)
