"""The survey's fields: one source of truth for names, kinds, labels and header aliases.

Everything that needs to know what a column means (mapping, cleaning, validation, the
store, the template, the pages) reads it from here, so adding a question is one edit.
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
    "Cluster",
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
    help_en="The cluster's name, as in the registry (full or short name).",
    help_fr="Le nom du pôle, tel qu'au registre (nom complet ou court).",
)
REGION = Field(
    "region",
    Kind.TEXT,
    "Region",
    "Région",
    aliases=("région", "region", "région du siège", "head office region"),
    help_en="The region of the cluster's head office.",
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
    help_en="The cluster's main theme.",
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
    help_en="People recruited into the cluster's Europe team over the period.",
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
    help_en="Does the cluster plan to recruit into its Europe team next year? (yes/no)",
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
    help_en="Number of member organisations of the cluster.",
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

# --- The optional `projects` sheet: one row per project, or per pole, year and programme ---

PROGRAMMES: tuple[str, ...] = (
    "Horizon Europe",
    "Interreg",
    "Digital Europe",
    "LIFE",
    "Erasmus+",
    "Single Market Programme",
    "EU4Health",
    "Other",
)
ROLES: tuple[str, ...] = ("coordinator", "partner")

PROJECT_COLUMNS: dict[str, tuple[str, ...]] = {
    # canonical column -> header aliases (FR and EN)
    "pole": POLE.aliases,
    "year": ("année", "annee", "year", "an", "année de dépôt", "submission year"),
    "programme": (
        "programme",
        "program",
        "programme européen",
        "eu programme",
        "funding programme",
    ),
    "submitted": (
        "déposés",
        "deposes",
        "submitted",
        "nombre déposés",
        "proposals",
        "projets déposés",
    ),
    "funded": ("retenu", "retenus", "financé", "financés", "funded", "selected", "lauréat"),
    "role": ("rôle", "role", "rôle du pôle", "role of the cluster"),
    "title": ("titre", "title", "acronyme", "acronym", "projet", "project"),
}

#: The pole name of the template's example row, per language. A row that still holds it
#: is an error at ingestion (someone forgot to delete the example), never a pole.
EXAMPLE_POLE: dict[str, str] = {
    "fr": "EXEMPLE — supprimez cette ligne",
    "en": "EXAMPLE — delete this row",
}

#: Words that mark a pole cell as a totals row rather than an answer.
TOTAL_WORDS: tuple[str, ...] = (
    "total",
    "totaux",
    "ensemble",
    "sum",
    "grand total",
    "somme",
    "tous",
)

#: Cell texts that Excel writes for formula errors.
EXCEL_ERRORS: tuple[str, ...] = (
    "#DIV/0!",
    "#N/A",
    "#REF!",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
)

#: Metropolitan regions (2016 boundaries) with their INSEE codes, and the overseas regions.
METROPOLITAN_REGIONS: dict[str, str] = {
    "Île-de-France": "11",
    "Centre-Val de Loire": "24",
    "Bourgogne-Franche-Comté": "27",
    "Normandie": "28",
    "Hauts-de-France": "32",
    "Grand Est": "44",
    "Pays de la Loire": "52",
    "Bretagne": "53",
    "Nouvelle-Aquitaine": "75",
    "Occitanie": "76",
    "Auvergne-Rhône-Alpes": "84",
    "Provence-Alpes-Côte d'Azur": "93",
    "Corse": "94",
}
OVERSEAS_REGIONS: dict[str, str] = {
    "Guadeloupe": "01",
    "Martinique": "02",
    "Guyane": "03",
    "La Réunion": "04",
    "Mayotte": "06",
}
REGIONS: dict[str, str] = {**METROPOLITAN_REGIONS, **OVERSEAS_REGIONS}

# --- Sheets of a workbook besides the responses ---

#: Sheet names (normalised) that hold per-project rows.
PROJECTS_SHEET_NAMES: tuple[str, ...] = ("projects", "projets", "project", "projet")
#: Sheet names (normalised) that hold the round's metadata as key/value rows.
ROUND_SHEET_NAMES: tuple[str, ...] = ("round", "enquete", "campagne", "metadonnees", "metadata")
#: Metadata keys of the round sheet -> accepted spellings of the key cell (FR and EN).
ROUND_SHEET_KEYS: dict[str, tuple[str, ...]] = {
    "label": ("label", "libellé", "round", "campagne", "nom de la campagne"),
    "period_start": ("period start", "début de période", "debut", "first year", "première année"),
    "period_end": ("period end", "fin de période", "fin", "last year", "dernière année"),
    "poles_surveyed": (
        "poles surveyed",
        "pôles interrogés",
        "clusters surveyed",
        "pôles sollicités",
    ),
    "collected_on": ("collected on", "date de collecte", "collecté le", "date"),
    "synthetic": ("synthetic", "synthétique", "données synthétiques", "synthetic data"),
}

# --- The optional initiatives sheet: applications to the award "Les pôles pour l'Europe" ---

#: Sheet names (normalised) that hold the initiatives put forward for the award.
INITIATIVES_SHEET_NAMES: tuple[str, ...] = (
    "initiatives",
    "initiative",
    "initiatives europe",
    "initiatives europeennes",
    "initiatives europeennes des poles",
    "european initiatives",
    "candidatures",
    "candidatures trophees",
    "award applications",
    "applications",
)
#: Canonical column of the initiatives sheet -> header aliases (FR and EN), compared after
#: `mapping.normalise_header`. `submitted_on` is optional: the date the application came in.
INITIATIVE_COLUMNS: dict[str, tuple[str, ...]] = {
    "pole": POLE.aliases,
    "title": (
        "titre",
        "title",
        "intitulé",
        "initiative",
        "titre de l'initiative",
        "nom de l'initiative",
        "initiative title",
        "name of the initiative",
    ),
    "category": (
        "catégorie",
        "category",
        "catégorie visée",
        "catégorie du prix",
        "prix visé",
        "category applied for",
        "award category",
    ),
    "start_date": (
        "date de début",
        "début",
        "date de démarrage",
        "date de lancement",
        "lancée le",
        "démarrée le",
        "start date",
        "started on",
        "start",
        "launch date",
    ),
    "description": (
        "description",
        "description courte",
        "courte description",
        "résumé",
        "short description",
        "summary",
    ),
    "partner_countries": (
        "pays partenaires",
        "pays",
        "pays des partenaires",
        "partner countries",
        "countries",
        "partner country",
    ),
    "contact": (
        "contact",
        "personne à contacter",
        "courriel",
        "e-mail",
        "email",
        "contact person",
    ),
    "submitted_on": (
        "date de candidature",
        "date de dépôt",
        "déposée le",
        "reçue le",
        "submitted on",
        "submission date",
        "application date",
        "date of application",
    ),
}
