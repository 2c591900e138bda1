"""The survey's questions: each field's key, kind, labels in both languages and header aliases.

Everything that needs to know what a column of the responses means (mapping, cleaning,
validation, the store, the template, the pages) reads it from here, so adding a question
is one edit. Import through `analysis.core.schema`, which gathers this module with the
side sheets' and the regions' vocabularies.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """How a field's cells are read and checked."""

    TEXT = "text"
    COUNT = "count"  # whole number >= 0
    DECIMAL = "decimal"  # number >= 0, decimals allowed
    YESNO = "yesno"


@dataclass(frozen=True)
class Field:
    """One question of the survey.

    `aliases` are header spellings in French and English, written naturally; they are
    compared after `mapping.normalise_header`, so case, accents and punctuation do not
    matter. Per-year fields are recognised from a year plus a project word instead.
    """

    key: str
    kind: Kind
    label_en: str
    label_fr: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    per_year: bool = False
    help_en: str = ""
    help_fr: str = ""

    def label(self, lang: str) -> str:
        """The field's label in `lang` ("fr" or "en")."""
        return self.label_fr if lang == "fr" else self.label_en

    def help(self, lang: str) -> str:
        """A one-sentence explanation of the field in `lang`, for the template's notes."""
        return self.help_fr if lang == "fr" else self.help_en


POLE = Field(
    "pole",
    Kind.TEXT,
    "Pole",
    "Pôle",
    aliases=(
        "pôle",
        "pole",
        "nom du pôle",
        "pôle de compétitivité",
        "nom",
        "pole name",
        "cluster",
        "cluster name",
        "name",
        "nom du pole de competitivite",
        "competitiveness cluster",
    ),
    required=True,
    help_en="The pole's name, as in the registry (full or short name).",
    help_fr="Le nom du pôle, tel qu'au registre (nom complet ou court).",
)
REGION = Field(
    "region",
    Kind.TEXT,
    "Region",
    "Région",
    aliases=("région", "region", "région du siège", "head office region"),
    help_en="The region of the pole's head office.",
    help_fr="La région du siège du pôle.",
)
SECTOR = Field(
    "sector",
    Kind.TEXT,
    "Sector",
    "Thématique",
    aliases=(
        "thématique",
        "secteur",
        "domaine",
        "filière",
        "sector",
        "theme",
        "field",
        "domain",
        "thematic",
        "thematique principale",
    ),
    help_en="The pole's main theme.",
    help_fr="La thématique principale du pôle.",
)
PROJECTS_SUBMITTED = Field(
    "projects_submitted",
    Kind.COUNT,
    "EU proposals submitted",
    "Projets européens déposés",
    per_year=True,
    help_en="Number of EU project proposals submitted that year (one column per year).",
    help_fr="Nombre de projets européens déposés cette année-là (une colonne par année).",
)
PROJECTS_FUNDED = Field(
    "projects_funded",
    Kind.COUNT,
    "EU projects funded",
    "Projets européens retenus",
    per_year=True,
    help_en="Number of those proposals that were funded (at most the number submitted).",
    help_fr="Nombre de ces projets retenus pour financement (au plus le nombre déposé).",
)
EUROPE_TEAM_RECRUITMENTS = Field(
    "europe_team_recruitments",
    Kind.COUNT,
    "Europe team recruitments",
    "Recrutements équipe Europe",
    aliases=(
        "recrutements équipe europe",
        "recrutements dans l'équipe europe",
        "recrutements",
        "nombre de recrutements équipe europe",
        "europe team recruitments",
        "recruitments",
        "recruitments in the europe team",
        "hires in the europe team",
        "europe team hires",
    ),
    help_en="People recruited into the pole's Europe team over the period.",
    help_fr="Personnes recrutées dans l'équipe Europe du pôle sur la période.",
)
COORDINATOR_MEMBERS = Field(
    "coordinator_members",
    Kind.COUNT,
    "Members coordinating EU projects",
    "Adhérents coordinateurs de projets",
    aliases=(
        "adhérents coordinateurs de projets",
        "membres coordinateurs",
        "adhérents coordinateurs",
        "nombre d'adhérents coordinateurs",
        "members coordinating projects",
        "project coordinators",
        "coordinator members",
        "members coordinating eu projects",
        "coordinators",
    ),
    help_en="Member organisations that coordinate at least one EU project.",
    help_fr="Adhérents coordinateurs d'au moins un projet européen.",
)
PLANS_TO_RECRUIT = Field(
    "plans_to_recruit",
    Kind.YESNO,
    "Plans to recruit",
    "Prévoit de recruter",
    aliases=(
        "prévoit de recruter",
        "prévoit de recruter en 2023",
        "recrutement prévu",
        "recrutement prévu en 2023",
        "projet de recrutement",
        "plans to recruit",
        "plans to recruit in 2023",
        "planned recruitment",
        "recruitment planned",
        "intends to recruit",
    ),
    help_en="Does the pole plan to recruit into its Europe team next year? (yes/no)",
    help_fr="Le pôle prévoit-il de recruter dans son équipe Europe l'an prochain ? (oui/non)",
)
EUROPE_TEAM_FTE = Field(
    "europe_team_fte",
    Kind.DECIMAL,
    "Europe team FTE",
    "ETP équipe Europe",
    aliases=(
        "etp équipe europe",
        "etp europe",
        "etp",
        "équivalents temps plein équipe europe",
        "europe team fte",
        "fte",
        "europe fte",
        "full time equivalents europe team",
    ),
    help_en="Full-time equivalents working on Europe (decimals allowed).",
    help_fr="Équivalents temps plein consacrés à l'Europe (décimales acceptées).",
)
MEMBERS = Field(
    "members",
    Kind.COUNT,
    "Members",
    "Adhérents",
    aliases=(
        "nombre d'adhérents",
        "adhérents",
        "nombre de membres",
        "membres",
        "number of members",
        "members",
        "member organisations",
    ),
    help_en="Number of member organisations of the pole.",
    help_fr="Nombre d'adhérents du pôle.",
)

FIELDS: tuple[Field, ...] = (
    POLE,
    REGION,
    SECTOR,
    PROJECTS_SUBMITTED,
    PROJECTS_FUNDED,
    EUROPE_TEAM_RECRUITMENTS,
    COORDINATOR_MEMBERS,
    PLANS_TO_RECRUIT,
    EUROPE_TEAM_FTE,
    MEMBERS,
)
FIELDS_BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}

#: Fields stored one row per pole in the `responses` frame (per-year ones go to `yearly`).
POLE_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if not f.per_year)
#: Numeric per-pole fields, in display order.
NUMERIC_POLE_FIELDS: tuple[Field, ...] = tuple(
    f for f in POLE_FIELDS if f.kind in (Kind.COUNT, Kind.DECIMAL)
)
YEARLY_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.per_year)

#: Years a per-year header may name.
YEAR_MIN, YEAR_MAX = 1990, 2100
