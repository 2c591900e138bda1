"""The award's categories: what each rewards, its eligibility window and the jury's criteria.

The 2023 edition's three categories, in French and English, and the spellings under which
people write them in a sheet (matched ignoring case, accents and punctuation). The keys
(`collaborative`, `impact`, `success_story`) are what the `initiatives` frame holds.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.core.i18n import Lang
from analysis.core.text import normalise, normalise_series


@dataclass(frozen=True)
class Criterion:
    """One thing the jury scores (0 to 5) in a category."""

    key: str
    label_fr: str
    label_en: str

    def label(self, lang: Lang) -> str:
        """The criterion's name in `lang`."""
        return self.label_fr if lang == "fr" else self.label_en


@dataclass(frozen=True)
class Category:
    """A category of the award: what it rewards and how recent an initiative must be."""

    key: str
    label_fr: str
    label_en: str
    window_years: int
    rewards_fr: str
    rewards_en: str
    criteria: tuple[Criterion, ...] = ()

    def label(self, lang: Lang) -> str:
        """The category's name in `lang`."""
        return self.label_fr if lang == "fr" else self.label_en

    def rewards(self, lang: Lang) -> str:
        """What the category rewards, in `lang`."""
        return self.rewards_fr if lang == "fr" else self.rewards_en


COLLABORATIVE = Category(
    "collaborative",
    "Meilleure initiative collaborative",
    "Best collaborative initiative",
    2,
    "une bonne pratique collaborative du pôle à portée européenne, notamment en innovation",
    "a good collaborative practice of the pole with European reach, notably in innovation",
    (
        Criterion("collaboration", "Qualité de la collaboration", "Quality of the collaboration"),
        Criterion("european_reach", "Portée européenne", "European reach"),
        Criterion("innovation", "Innovation", "Innovation"),
    ),
)
IMPACT = Category(
    "impact",
    "Impact",
    "Impact",
    4,
    "des actions européennes menées par le pôle ayant eu un impact positif pour ses adhérents"
    " sur le territoire",
    "European actions led by the pole that gave its members a positive impact on the territory",
    (
        Criterion("member_impact", "Impact pour les adhérents", "Impact on the members"),
        Criterion("territorial_impact", "Impact sur le territoire", "Impact on the territory"),
        Criterion("measurable_results", "Résultats mesurables", "Measurable results"),
    ),
)
SUCCESS_STORY = Category(
    "success_story",
    "Success story",
    "Success story",
    2,
    "un succès lié à la stratégie et aux pratiques européennes du pôle, au libre choix du pôle",
    "a success linked to the pole's European strategy and practices, freely chosen",
    (
        Criterion(
            "european_strategy",
            "Lien avec la stratégie européenne du pôle",
            "Link to the pole's European strategy",
        ),
        Criterion("results", "Résultats obtenus", "Results achieved"),
        Criterion("exemplarity", "Exemplarité", "Exemplarity"),
    ),
)
#: The award's categories; their keys are what the `initiatives` frame holds.
CATEGORIES: tuple[Category, ...] = (COLLABORATIVE, IMPACT, SUCCESS_STORY)
CATEGORY_KEYS: tuple[str, ...] = tuple(c.key for c in CATEGORIES)

#: More spellings of each category (FR and EN), compared normalised, beside key and labels.
CATEGORY_ALIASES: dict[str, tuple[str, ...]] = {
    "collaborative": (
        "collaborative",
        "collaboratif",
        "collaboration",
        "initiative collaborative",
        "meilleure initiative",
        "collaborative initiative",
        "best initiative",
    ),
    "impact": ("impacts", "impact territorial", "territorial impact"),
    "success_story": ("success", "success stories", "succes", "story", "reussite"),
}
_CATEGORY_LOOKUP: dict[str, str] = {
    normalise(spelling): category.key
    for category in CATEGORIES
    for spelling in (
        category.key,
        category.label_fr,
        category.label_en,
        *CATEGORY_ALIASES.get(category.key, ()),
    )
}


def match_categories(values: pd.Series) -> pd.Series:
    """Category keys for typed category names (FR or EN, any case or accents); `<NA>` else."""
    return normalise_series(values).map(_CATEGORY_LOOKUP).astype("string")
