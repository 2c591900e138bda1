"""The French regions a pole may belong to: metropolitan ones with their INSEE codes, overseas.

One list for the registry, validation, the map and the sample, so a region is spelt the
same everywhere.
"""

from __future__ import annotations

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
