"""Every column of the responses sheet identified by its header *and* its values.

Headers alone mislead on real exports: Microsoft Forms' own "Nom" column holds the
respondent's name, not the pole; "Combien de vos adhérents coordonnent un projet européen ?"
shares "adhérents" with the members question. `identify` gives each column a field (a data
dictionary key, with a year for yearly fields), a role and a confidence:

- `personal`: e-mail, first/last name, respondent name (by header, by the survey tool's
  profile, or because its values are e-mail addresses). Never stored.
- `metadata`: the tool's bookkeeping (timestamps, IDs, durations, IP addresses, LimeSurvey's
  `submitdate`/`lastpage`/`seed`...), by header or because its values are durations, times or
  IP addresses. Never stored.
- `answer`: a field was recognised; the pole column is the one whose values match the
  registry best (a column named like the pole whose values are people's names is personal).
- `unknown`: nothing recognised (kept as an extra column), or *ambiguous*: two fields
  fit equally well (`reason` `identify.ambiguous`, `alternatives` lists them); ingestion
  then reports `ambiguous_column` and the user chooses, never a silent pick.
- `ignored`: the user said so (`--map "HEADER=ignore"`).

When several keyword rules match, the more specific one wins (coordinating members over
members, planned recruitment over recruitments); a numeric field wins over region, sector
or pole words ("Nombre d'adhérents du pôle"); two numeric fields left make the column ambiguous,
and so does a per-year project count whose header speaks of coordinating.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Literal, cast

import pandas as pd

from analysis.core.registry import Registry
from analysis.core.schema import EXCEL_ERRORS
from analysis.core.text import normalise
from analysis.ingest.mapping.columns import (
    DROP_TARGETS,
    ColumnMapping,
    ColumnMatch,
    chosen_targets,
    locate_header,
    map_columns,
    parse_target,
)
from analysis.ingest.mapping.content import told_by_values
from analysis.ingest.mapping.headers import guess, header_text, keyword_fields, normalise_header
from analysis.ingest.profiles.tools import Profile, detect, generic_role
from analysis.ingest.reading.workbook import RawSheet

__all__ = [
    "ColumnIdentity",
    "Identified",
    "Role",
    "identify",
    "identify_mapping",
    "with_identities",
]

Role = Literal["answer", "personal", "metadata", "unknown", "ignored"]

#: How many sample values each column shows.
SAMPLES = 3
#: Rows looked at to judge a column by its values.
_CONTENT_ROWS = 200
#: Share of a column's values that must match the registry for it to be the pole column.
POLE_SHARE = 0.5

_COORDINATING = re.compile(r"\bcoord(in|on)")
#: Fields that qualify a question more than they answer it ("du pôle", "de la région").
_WEAK = frozenset({"pole", "region", "sector"})
#: Keyword field -> the fields it is a special case of (its match wins over theirs).
_MORE_SPECIFIC: dict[str, frozenset[str]] = {
    "coordinator_members": frozenset({"members"}),
    "plans_to_recruit": frozenset({"europe_team_recruitments"}),
}
#: Headers that name a person when their values are not poles.
_NAME_HEADERS = frozenset({"nom", "name"})


@dataclass(frozen=True)
class ColumnIdentity:
    """What one column is, how sure we are, and why.

    `reason` is a catalogue key (`identify.<...>`), `alternatives` the targets
    (`"members"`, `"projects_funded@2021"`) an ambiguous column could be, `samples` up to
    three of its values as text.
    """

    position: int
    letter: str
    header: str
    field: str | None
    year: int | None
    role: Role
    confidence: float
    reason: str
    alternatives: tuple[str, ...] = ()
    samples: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        """Whether two fields fit and the user must choose."""
        return self.reason == "identify.ambiguous"

    @property
    def target(self) -> str | None:
        """The manual-mapping spelling of the field (`"projects_funded@2020"`), if any."""
        if self.field is None:
            return None
        return f"{self.field}@{self.year}" if self.year is not None else self.field

    def as_dict(self) -> dict[str, Any]:
        """The CLI's JSON view of one column."""
        return {
            "letter": self.letter,
            "header": self.header,
            "field": self.field,
            "year": self.year,
            "role": self.role,
            "confidence": round(self.confidence, 2),
            "samples": list(self.samples),
        }


def _sample_text(value: object) -> str:
    text = header_text(value)
    if isinstance(value, timedelta):
        text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _values(column: pd.Series) -> pd.Series:
    return column.dropna().iloc[:_CONTENT_ROWS]


def _pole_share(values: pd.Series, registry: Registry) -> float:
    """Share of a column's text values that name a registry pole (with or without "Pôle")."""
    texts = pd.Series([v for v in values if isinstance(v, str) and v.strip()], dtype="string")
    if texts.empty:
        return 0.0
    matched = registry.match(texts.str.strip()).notna()
    bare = texts.str.replace(r"(?i)^(?:p[oô]le|cluster)[ :-]+", "", regex=True).str.strip()
    matched = matched | registry.match(bare).notna().to_numpy()
    return float(matched.mean())


def _field_guess(text: str, tool: Profile | None) -> tuple[list[tuple[str, int | None]], float]:
    """The fields a header may answer and the confidence of the first (several: ambiguous)."""
    if tool is not None and tool.group_paths and "/" in text:
        text = text.rsplit("/", 1)[1]
    if not normalise_header(text) or text.strip().upper() in EXCEL_ERRORS:
        return [], 0.0
    found = guess(text)
    key = normalise_header(text)
    if found.exact and found.field is not None:
        if found.year is not None and _COORDINATING.search(key):
            return [(found.field, found.year), ("coordinator_members", None)], 0.5
        return [(found.field, found.year)], (1.0 if found.year is None else 0.9)
    fields = keyword_fields(key)
    strong = [f for f in fields if f not in _WEAK]
    if strong:
        fields = strong
    dominated = {d for f in fields for d in _MORE_SPECIFIC.get(f, frozenset())}
    fields = [f for f in fields if f not in dominated]
    if strong and len(fields) > 1:
        return [(f, None) for f in fields], 0.5
    return ([(fields[0], None)], 0.7) if fields else ([], 0.0)


def _code_row(sheet: RawSheet, mapping: ColumnMapping) -> dict[int, str]:
    """The row above the headers when it holds a tool's codes (LimeSurvey: codes over texts)."""
    above = mapping.header_row - 1
    cells = sheet.cells
    if above not in cells.index:
        return {}
    codes = {int(pos): header_text(v) for pos, v in cells.loc[above].items()}
    return codes if detect(codes.values()) is not None else {}


@dataclass(frozen=True)
class Identified:
    """A sheet's columns identified: the mapping to read it with, each column, the tool."""

    mapping: ColumnMapping
    columns: tuple[ColumnIdentity, ...]
    tool: Profile | None
    #: Column position -> the tool's code written above its header (LimeSurvey), if any.
    codes: Mapping[int, str] = field(default_factory=dict)

    def column_named(self, keys: Iterable[str]) -> int | None:
        """The first column whose normalised header or code is one of `keys`, if any."""
        wanted = set(keys)
        for match in self.mapping.columns:
            code = normalise(self.codes.get(match.position, ""))
            if normalise(match.header) in wanted or (code and code in wanted):
                return match.position
        return None


def _sub_header(sheet: RawSheet, mapping: ColumnMapping, tool: Profile) -> ColumnMapping:
    """Two header rows (SurveyMonkey): question texts over `Response` or sub-question cells.

    The question text is written once over its sub-questions, so it is carried right; a
    lower cell that only says "Response" adds nothing. The answers start below the pair.
    """
    below = mapping.header_row + 1
    if below not in sheet.cells.index:
        return mapping
    lower = {int(p): header_text(v) for p, v in sheet.cells.loc[below].items()}
    if not any(normalise(v) in tool.sub_header_words for v in lower.values()):
        return mapping
    headers, upper = {}, ""
    for match in mapping.columns:
        upper = match.header or upper
        part = lower.get(match.position, "")
        plain = not part or normalise(part) in tool.sub_header_words
        headers[match.position] = upper if plain else f"{upper} {part}".strip()
    row = pd.Series(headers)
    return map_columns(row, sheet=mapping.sheet, header_row=below)


def identify_mapping(
    sheet: RawSheet,
    mapping: ColumnMapping,
    registry: Registry,
    overrides: Mapping[str, str] | None = None,
) -> Identified:
    """Identify every column of `mapping` (already located on `sheet`), and the tool.

    `overrides` (header text or column letter -> target, as `map_columns` takes them) win
    over everything: an overridden column is an answer (or ignored) with confidence 1.
    """
    codes = _code_row(sheet, mapping)
    tool = detect([*(m.header for m in mapping.columns), *codes.values()])
    if tool is not None and tool.sub_header_words:
        mapping = _sub_header(sheet, mapping, tool)
    texts = [(m.position, m.header) for m in mapping.columns]
    manual = chosen_targets(texts, overrides or {})
    body = sheet.cells.loc[sheet.cells.index > mapping.header_row]
    found: list[ColumnIdentity] = []
    pole_candidates: list[tuple[float, float, int]] = []  # (share, header confidence, index)
    for match in mapping.columns:
        column = body[match.position] if match.position in body.columns else pd.Series()
        values = _values(column)
        samples = tuple(_sample_text(v) for v in values.iloc[:SAMPLES])

        def add(
            field: str | None,
            year: int | None,
            role: Role,
            confidence: float,
            reason: str,
            alternatives: tuple[str, ...] = (),
            match: ColumnMatch = match,
            samples: tuple[str, ...] = samples,
        ) -> None:
            found.append(
                ColumnIdentity(
                    match.position, match.letter, match.header, field, year, role,
                    confidence, reason, alternatives, samples,
                )
            )  # fmt: skip

        if match.position in manual:
            target = manual[match.position]
            field, year = parse_target(target)
            role = cast(Role, DROP_TARGETS.get(target) or ("answer" if field else "unknown"))
            add(field, year, role, 1.0, "identify.override")
            continue
        key = normalise(match.header)
        code = normalise(codes.get(match.position, ""))
        told = generic_role(key, tool) or (generic_role(code, tool) if code else None)
        fields, confidence = _field_guess(match.header, tool)
        share = _pole_share(values, registry) if values.size else 0.0
        if told is not None and not (share >= POLE_SHARE and key not in _NAME_HEADERS):
            add(None, None, told, 0.95, f"identify.header_{told}")
            continue
        if len(fields) > 1:
            alternatives = tuple(f"{f}@{y}" if y is not None else f for f, y in fields)
            add(None, None, "unknown", 0.5, "identify.ambiguous", alternatives)
            continue
        if (fields and fields[0][0] == "pole") or share >= POLE_SHARE:
            pole_candidates.append((share, confidence, len(found)))
        by_values = told_by_values(values) if not fields or fields[0][0] == "pole" else None
        if by_values is not None and share < POLE_SHARE:
            add(None, None, by_values[0], 0.8, by_values[1])
            continue
        field, year = fields[0] if fields else (None, None)
        if field is None:
            add(None, None, "unknown", 0.0, "identify.unrecognised")
        else:
            add(field, year, "answer", confidence, "identify.header")
    _choose_pole(found, pole_candidates)
    identities = _settle_duplicates(found)
    return Identified(with_identities(mapping, identities), tuple(identities), tool, codes)


def _choose_pole(found: list[ColumnIdentity], candidates: list[tuple[float, float, int]]) -> None:
    """Keep one pole column: the override's, else the best registry match, else the header's.

    A losing candidate named "Nom"/"Name" or holding e-mail addresses is personal; other
    losers answer nothing (kept as extras). A lone "Nom" column whose values match no pole
    stays the pole column (every pole new) unless the tool's profile said it is personal.
    """
    if not candidates:
        return
    manual = [i for i, c in enumerate(found) if c.field == "pole" and c.confidence >= 1.0 and
              c.reason == "identify.override"]  # fmt: skip
    winner = (2.0, 2.0, manual[0]) if manual else max(candidates, key=lambda c: (c[0], c[1]))
    for share, _confidence, index in candidates:
        item = found[index]
        if index == winner[2]:
            reason = "identify.values_poles" if share >= POLE_SHARE else item.reason
            confidence = max(item.confidence, share)
            found[index] = _replace(
                item, field="pole", year=None, role="answer", confidence=confidence, reason=reason
            )
        elif normalise(item.header) in _NAME_HEADERS:
            found[index] = _replace(item, field=None, year=None, role="personal",
                                    confidence=0.8, reason="identify.values_people")  # fmt: skip
        else:
            found[index] = _replace(item, field=None, year=None, role="unknown",
                                    confidence=0.5, reason="identify.pole_elsewhere")  # fmt: skip


def _replace(item: ColumnIdentity, **changes: Any) -> ColumnIdentity:
    return ColumnIdentity(**{**item.__dict__, **changes})


def _settle_duplicates(found: list[ColumnIdentity]) -> list[ColumnIdentity]:
    """A field and year answered twice: a guessed (not exact) second column answers nothing."""
    owners: dict[tuple[str, int | None], ColumnIdentity] = {}
    settled = []
    for item in found:
        if item.field is not None:
            owner = owners.setdefault((item.field, item.year), item)
            if owner is not item and item.confidence < 0.9:
                item = _replace(item, field=None, year=None, role="unknown",
                                reason="identify.duplicate")  # fmt: skip
        settled.append(item)
    return settled


def with_identities(mapping: ColumnMapping, identities: list[ColumnIdentity]) -> ColumnMapping:
    """`mapping` with each column's field, year and role as `identify` found them.

    Two columns answering the same field and year: the later one is `duplicate_of` the
    earlier (an error, as with exact header matches).
    """
    owner: dict[tuple[str, int | None], int] = {}
    matches = []
    for item in identities:
        field, year, duplicate_of = item.field, item.year, None
        if field is not None and item.role == "answer":
            first = owner.setdefault((field, year), item.position)
            if first != item.position:
                field, year, duplicate_of = None, None, first
        elif item.role != "answer":
            field, year = None, None
        role = "" if item.role in ("answer", "unknown") else item.role
        matches.append(
            ColumnMatch(item.position, item.letter, item.header, field, year, duplicate_of, role)
        )
    return ColumnMapping(mapping.sheet, mapping.header_row, tuple(matches))


def identify(
    sheet: RawSheet,
    header_row: int | None = None,
    registry: Registry | None = None,
    overrides: Mapping[str, str] | None = None,
) -> list[ColumnIdentity]:
    """Every column of `sheet`, identified. `header_row` (1-based) defaults to the best row.

    Never raises for any cell: headers and values of any type are read as text where needed.
    An empty sheet has no columns.
    """
    registry = registry if registry is not None else Registry.default()
    if header_row is None:
        located = locate_header(sheet, overrides)
        if located is None:
            return []
        mapping = located
    else:
        row = sheet.cells.loc[header_row] if header_row in sheet.cells.index else pd.Series()
        mapping = map_columns(row, overrides, sheet=sheet.name, header_row=header_row)
    return list(identify_mapping(sheet, mapping, registry, overrides).columns)
