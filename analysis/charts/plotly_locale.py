"""plotly.js's own texts (the toolbar's tooltips, its notices, hover words) in the language.

plotly.js writes its modebar's `data-title` and `aria-label` ("Download plot as a PNG",
"Reset axes", "Autoscale"), its download notices and a few hover words in English unless
the chart's config names a `locale` and gives its dictionary in `locales` (plotly.js's
supported way: https://github.com/plotly/plotly.js#translations). Streamlit 1.67 passes
`st.plotly_chart(config=...)` to plotly.js unchanged (its front end parses the JSON and
only adds its own keys), so `chart_config` is merged into every chart's config by
`ui.components.chart`, the one place charts are drawn.

The French dictionary is plotly.js's own `lib/locales/fr.js` (plotly.js is MIT-licensed,
Copyright (c) Plotly, Inc.; https://github.com/plotly/plotly.js/blob/master/lib/locales/fr.js),
reduced to what our charts can show (cartesian and map charts: no 3D, no Chart Studio) and
completed with the keys plotly.js 3.x (Streamlit 1.67's bundle) uses that the file has not
caught up with: the download notices were renamed ("Preparing image …", "Image download
succeeded", "… downloading your image!"). Those completions are this project's, as are
"Zoom avant"/"Zoom arrière" (the map's buttons; the file says "Zoom intérieur/extérieur").

The `format` entries (day and month names, date patterns, separators) are the fr locale's;
they only touch what a figure does not set itself: every figure sets `layout.separators`
per language (`analysis.charts.theme.finish`), which plotly.js prefers to the locale's, so
the numbers on our axes stay exactly as they were.
"""

from __future__ import annotations

from analysis.core.i18n import Lang

#: English key (as plotly.js looks it up) → French, for the texts our charts can show.
FRENCH_DICTIONARY: dict[str, str] = {
    "Autoscale": "Échelle automatique",
    "Box Select": "Sélection rectangulaire",
    "Compare data on hover": "Comparaison entre données en survol",
    "Double-click on legend to isolate one trace": (
        "Double-cliquer sur la légende pour isoler une série"
    ),
    "Double-click to zoom back out": "Double-cliquer pour dézoomer",
    "Download plot as a PNG": "Télécharger le graphique en fichier PNG",
    "Download plot": "Télécharger le graphique",
    "Download plot as JSON": "Télécharger le graphique en JSON",
    "Lasso Select": "Sélection lasso",
    "Pan": "Translation",
    "Produced with Plotly.js": "Généré avec Plotly.js",
    "Reset": "Réinitialiser",
    "Reset axes": "Réinitialiser les axes",
    "Reset view": "Réinitialiser",
    "Reset views": "Réinitialiser",
    "Show closest data on hover": "Données les plus proches en survol",
    "Toggle Spike Lines": "Activer/désactiver les pics",
    "Toggle show closest data on hover": "Activer/désactiver le survol",
    "Zoom": "Zoom",
    "Zoom in": "Zoom avant",
    "Zoom out": "Zoom arrière",
    # plotly.js 3.x's download notices (renamed since the fr locale was written).
    "Preparing image - this may take a few seconds": (
        "Préparation de l'image, cela peut prendre quelques secondes"
    ),
    "Image download succeeded": "Image téléchargée",
    "Sorry, there was a problem downloading your image!": (
        "Désolé, le téléchargement de l'image a échoué."
    ),
    # The fr locale's names of the earlier notices, kept for an older bundle.
    "Taking snapshot - this may take a few seconds": (
        "Conversion en cours, ceci peut prendre quelques secondes"
    ),
    "Snapshot succeeded": "Conversion réussie",
    "Sorry, there was a problem downloading your snapshot!": (
        "Désolé, un problème est survenu lors du téléchargement de votre graphique"
    ),
    # Hover words (a trace without a name; a map's coordinates).
    "trace": "série",
    "lat:": "lat. :",
    "lon:": "lon. :",
    "new text": "nouveau texte",
}

#: The fr locale's formats: names of days and months, date patterns and separators.
FRENCH_FORMAT: dict[str, object] = {
    "days": ["Dimanche", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi"],
    "shortDays": ["Dim", "Lun", "Mar", "Mer", "Jeu", "Ven", "Sam"],
    "months": [
        "Janvier",
        "Février",
        "Mars",
        "Avril",
        "Mai",
        "Juin",
        "Juillet",
        "Août",
        "Septembre",
        "Octobre",
        "Novembre",
        "Décembre",
    ],
    "shortMonths": [
        "Jan",
        "Fév",
        "Mar",
        "Avr",
        "Mai",
        "Jun",
        "Jul",
        "Aoû",
        "Sep",
        "Oct",
        "Nov",
        "Déc",
    ],
    "date": "%d/%m/%Y",
    "decimal": ",",
    "thousands": " ",
    "year": "%Y",
    "month": "%b %Y",
    "dayMonth": "%-d %b",
    "dayMonthYear": "%-d %b %Y",
}


#: Each interface language's plotly.js locale (English is plotly.js's own: none needed).
LOCALES: dict[Lang, dict[str, object]] = {
    "fr": {"dictionary": FRENCH_DICTIONARY, "format": FRENCH_FORMAT},
}


def chart_config(lang: Lang) -> dict[str, object]:
    """The config keys that make plotly.js speak `lang` (none for English)."""
    locale = LOCALES.get(lang)
    if locale is None:
        return {}
    return {"locale": lang, "locales": {lang: locale}}
