"""The side sheets' vocabulary: the projects, round and initiatives sheets of a workbook.

Which sheet names are recognised, each canonical column with its header aliases in French
and English (compared after `normalise_header`), the EU programmes and the pole's roles.
Kept apart from the questions of the responses sheet (`fields`) because each side sheet is
read by its own reader under `analysis/ingest/sheets/`; `analysis.core.schema` gathers both.
"""

from __future__ import annotations

from analysis.core.fields import POLE

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
