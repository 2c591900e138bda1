"""The typed survey round: what ingestion produces, the store keeps and metrics read.

A round is five tidy frames with fixed columns and nullable dtypes, so that a blank
answer stays `<NA>` from the spreadsheet to the slide and is never mistaken for zero:

- `responses`: one row per responding pole (the per-pole questions);
- `yearly`: one row per pole and year (projects submitted and funded that year);
- `projects`: optional, one row per project or per pole, year and programme;
- `extras`: answers to columns that matched no field, kept as text (pole, column, value);
- `initiatives`: optional, one row per initiative a pole puts forward for the yearly award
  "Les pôles pour l'Europe" (see `analysis.awards.rules`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from analysis.core.schema import POLE_FIELDS, Kind

_DTYPE_BY_KIND = {
    Kind.TEXT: "string",
    Kind.COUNT: "Int64",
    Kind.DECIMAL: "Float64",
    Kind.YESNO: "boolean",
}

#: column -> dtype of each frame. `source_row` is the spreadsheet row the answer came from.
RESPONSES_COLUMNS: dict[str, str] = {
    **{f.key: _DTYPE_BY_KIND[f.kind] for f in POLE_FIELDS},
    "source_row": "Int64",
}
YEARLY_COLUMNS: dict[str, str] = {
    "pole": "string",
    "year": "int64",
    "projects_submitted": "Int64",
    "projects_funded": "Int64",
}
PROJECTS_COLUMNS: dict[str, str] = {
    "pole": "string",
    "year": "Int64",
    "programme": "string",
    "submitted": "Int64",
    "funded": "Int64",
    "role": "string",
    "title": "string",
    "source_row": "Int64",
}
EXTRAS_COLUMNS: dict[str, str] = {
    "pole": "string",
    "column": "string",
    "value": "string",
}
#: One row per initiative put forward for the award; `category` is a key of
#: `analysis.awards.categories.CATEGORY_KEYS`; `submitted_on` is `NaT` when the sheet gives no date.
INITIATIVES_COLUMNS: dict[str, str] = {
    "pole": "string",
    "title": "string",
    "category": "string",
    "start_date": "datetime64[us]",
    "description": "string",
    "partner_countries": "string",
    "contact": "string",
    "submitted_on": "datetime64[us]",
    "source_row": "Int64",
}


def conform(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Return `frame` with exactly `columns`, in order, cast to their dtypes.

    Missing columns are added as all-missing; surplus ones are dropped. Used at every
    boundary (ingestion, store loading) so the rest of the code can trust the shape.
    """
    out = pd.DataFrame(index=frame.index)
    for name, dtype in columns.items():
        if name in frame.columns:
            out[name] = frame[name].astype(dtype)
        else:
            out[name] = pd.Series(pd.NA, index=frame.index, dtype=dtype)
    return out.reset_index(drop=True)


def empty_frame(columns: dict[str, str]) -> pd.DataFrame:
    """An empty frame with `columns` and their dtypes."""
    return conform(pd.DataFrame(), columns)


@dataclass(frozen=True)
class RoundInfo:
    """What a round is: its label, the years it covers and its denominator."""

    label: str
    period_start: int | None = None
    period_end: int | None = None
    poles_surveyed: int | None = None
    collected_on: date | None = None
    synthetic: bool = False

    def with_overrides(self, **changes: object) -> RoundInfo:
        """A copy with the given fields replaced, ignoring `None` values."""
        kept = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **kept)  # type: ignore[arg-type]  # fields by name: no one type fits all

    @property
    def period_label(self) -> str:
        """`2019–2022`, a single year, or an empty string when unknown."""
        if self.period_start is None and self.period_end is None:
            return ""
        if self.period_start == self.period_end or self.period_end is None:
            return str(self.period_start)
        if self.period_start is None:
            return str(self.period_end)
        return f"{self.period_start}–{self.period_end}"


@dataclass(frozen=True)
class SourceFile:
    """An uploaded file exactly as received, kept so that nothing is ever lost."""

    name: str
    content: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the bytes: the identity used to spot the same file twice."""
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        """Size in bytes."""
        return len(self.content)


@dataclass(frozen=True)
class SurveyRound:
    """One survey round: metadata plus the five frames described in the module docstring.

    Frames are shared, never mutated: functions return new rounds (see `with_frames`).
    """

    info: RoundInfo
    responses: pd.DataFrame
    yearly: pd.DataFrame
    projects: pd.DataFrame = field(default_factory=lambda: empty_frame(PROJECTS_COLUMNS))
    extras: pd.DataFrame = field(default_factory=lambda: empty_frame(EXTRAS_COLUMNS))
    initiatives: pd.DataFrame = field(default_factory=lambda: empty_frame(INITIATIVES_COLUMNS))

    @classmethod
    def build(
        cls,
        info: RoundInfo,
        responses: pd.DataFrame,
        yearly: pd.DataFrame | None = None,
        projects: pd.DataFrame | None = None,
        extras: pd.DataFrame | None = None,
        initiatives: pd.DataFrame | None = None,
    ) -> SurveyRound:
        """Build a round, conforming every frame to its columns and dtypes."""
        return cls(
            info=info,
            responses=conform(responses, RESPONSES_COLUMNS),
            yearly=conform(yearly if yearly is not None else pd.DataFrame(), YEARLY_COLUMNS),
            projects=conform(
                projects if projects is not None else pd.DataFrame(), PROJECTS_COLUMNS
            ),
            extras=conform(extras if extras is not None else pd.DataFrame(), EXTRAS_COLUMNS),
            initiatives=conform(
                initiatives if initiatives is not None else pd.DataFrame(), INITIATIVES_COLUMNS
            ),
        )

    def with_frames(self, **frames: pd.DataFrame) -> SurveyRound:
        """A copy with some frames replaced (used by filters)."""
        return replace(self, **frames)

    @property
    def poles(self) -> list[str]:
        """Responding poles, in file order."""
        return self.responses["pole"].dropna().tolist()

    @property
    def years(self) -> list[int]:
        """Years that hold at least one per-year column, ascending."""
        return sorted(int(y) for y in self.yearly["year"].unique())

    @property
    def has_projects(self) -> bool:
        """Whether per-project rows were given (programme breakdowns need them)."""
        return not self.projects.empty

    @property
    def has_initiatives(self) -> bool:
        """Whether the round carries initiatives put forward for the award."""
        return not self.initiatives.empty
