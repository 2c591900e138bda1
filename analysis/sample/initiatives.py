"""The invented applications to the 2023 award that the synthetic sample carries.

Kept apart from the sample's figures (`analysis.sample.round`): they use no random draw, so the
rest of the sample is the same with or without them, and their descriptions and contacts
say they are invented.
"""

from __future__ import annotations

import pandas as pd

from analysis.core.registry import Registry
from analysis.core.text import normalise

#: Invented applications to the 2023 award: (pole position in the selection or a registry
#: name, title, category, start, submitted, partner countries). Positions keep the rows on
#: sample poles whatever the seed; no random draw is used, so the rest of the sample is
#: unchanged by them.
INITIATIVES: tuple[tuple[int | str, str, str, str, str, str], ...] = (
    (
        0,
        "Réseau européen des living labs",
        "collaborative",
        "2022-03-01",
        "2023-09-04",
        "Allemagne, Espagne, Italie",
    ),
    (
        4,
        "Plateforme franco-allemande d'appels à projets",
        "collaborative",
        "2021-09-14",
        "2023-09-08",
        "Allemagne",
    ),
    (
        8,
        "Club Europe inter-pôles",
        "collaborative",
        "2020-05-01",
        "2023-09-11",
        "Belgique, Pays-Bas",
    ),
    (
        "France Water Team",
        "Alliance européenne de l'eau",
        "collaborative",
        "2022-04-04",
        "2023-09-12",
        "Espagne, Portugal",
    ),
    (
        12,
        "Accompagnement des PME vers Horizon Europe",
        "impact",
        "2019-10-01",
        "2023-09-01",
        "Belgique",
    ),
    (16, "Missions d'affaires Interreg", "impact", "2018-06-15", "2023-09-13", "Suisse, Italie"),
    (20, "Guichet Europe pour les adhérents", "impact", "2021-01-11", "2023-09-14", "–"),
    (
        24,
        "Formation au montage de projets européens",
        "impact",
        "2020-02-03",
        "2023-09-05",
        "Grèce, Irlande",
    ),
    (
        28,
        "Premier consortium coordonné par une PME adhérente",
        "success_story",
        "2022-11-07",
        "2023-09-06",
        "Finlande, Suède",
    ),
    (
        32,
        "Partenariat stratégique avec un cluster nordique",
        "success_story",
        "2021-09-13",
        "2023-09-07",
        "Danemark",
    ),
    (
        36,
        "Lauréat d'un projet Digital Europe",
        "success_story",
        "2023-02-01",
        "2023-09-20",
        "Estonie, Pologne",
    ),
)


def sample_initiatives(poles: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """The invented applications, on the selected poles; descriptions say they are invented."""
    rows = pd.DataFrame(
        INITIATIVES,
        columns=["pole", "title", "category", "start_date", "submitted_on", "partner_countries"],
    )
    names = poles["name"].tolist()
    pole = rows["pole"].map(
        lambda p: names[p % len(names)] if isinstance(p, int) else registry.match_one(p) or p
    )
    short = pole.map(lambda name: found.short_name if (found := registry.get(name)) else name)
    slug = short.map(normalise).str.replace(" ", "-", regex=False)
    return rows.assign(
        pole=pole,
        start_date=pd.to_datetime(rows["start_date"]),
        submitted_on=pd.to_datetime(rows["submitted_on"]),
        description="Exemple synthétique : " + rows["title"].str.lower() + ", initiative inventée.",
        contact="europe@" + slug + ".example",
    )
