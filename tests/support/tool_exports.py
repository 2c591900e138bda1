"""One survey, exported as each survey tool writes it (issue 13), built in code.

The same answers of the same poles go through Google Forms (French and English), Microsoft
Forms (anonymous and named), LimeSurvey (codes over question texts, or codes only),
KoboToolbox (group paths), SurveyMonkey (two header rows) and Framaforms (Drupal webform),
each with the columns that tool adds (timestamps, IDs, e-mails, names, IP addresses) laid out
as its documented export (sources in `tests/corpus/tools/SOURCES.md`). `ANSWERS` holds what
the poles answered, so a test compares the figures read from an export with sums computed
here, independently of ingestion. `PEOPLE` are the respondents: they must never be poles and
never be stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tests.support.files import csv_bytes, xlsx_bytes

__all__ = ["ANSWERS", "EXPORTS", "PEOPLE", "expected", "xlsx_bytes"]

YEARS = (2021, 2022)


@dataclass(frozen=True)
class Answer:
    """What one pole answered."""

    pole: str
    members: int
    coordinators: int
    submitted: tuple[int, int]
    funded: tuple[int, int]
    recruits: bool


ANSWERS: tuple[Answer, ...] = (
    Answer("Minalogic", 420, 11, (7, 9), (2, 3), True),
    Answer("Vitagora", 180, 4, (3, 5), (1, 2), False),
    Answer("Aerospace Valley", 850, 23, (15, 12), (6, 4), True),
)
#: The respondents (first name, last name, e-mail), one per answer.
PEOPLE: tuple[tuple[str, str, str], ...] = (
    ("Alice", "Martin", "alice.martin@example.org"),
    ("Bruno", "Durand", "bruno.durand@example.org"),
    ("Chloé", "Petit", "chloe.petit@example.org"),
)
#: Submission times, one per answer.
TIMES: tuple[datetime, ...] = tuple(datetime(2024, 3, day, 9, 30) for day in (4, 5, 6))
#: "Time to complete", as `[h]:mm:ss` durations.
DURATIONS: tuple[timedelta, ...] = tuple(timedelta(minutes=m, seconds=7) for m in (5, 12, 31))
COORDINATING_FR = "Combien de vos adhérents coordonnent un projet européen ?"
COORDINATING_EN = "How many of your members coordinate an EU project?"


def expected() -> dict[str, Any]:
    """The figures, summed here from `ANSWERS`: per-pole fields and each year's totals."""
    return {
        "poles": sorted(a.pole for a in ANSWERS),
        "members": sum(a.members for a in ANSWERS),
        "coordinator_members": sum(a.coordinators for a in ANSWERS),
        "submitted": {y: sum(a.submitted[i] for a in ANSWERS) for i, y in enumerate(YEARS)},
        "funded": {y: sum(a.funded[i] for a in ANSWERS) for i, y in enumerate(YEARS)},
    }


def _yearly(answer: Answer) -> list[int]:
    return [*answer.submitted, *answer.funded]


def google_forms_fr() -> tuple[str, bytes]:
    """Google Forms' French response sheet: `Horodateur`, then the e-mail, then the questions."""
    head = ["Horodateur", "Adresse e-mail", "Nom de votre pôle", "Nombre d'adhérents",
            COORDINATING_FR, "Projets européens déposés en 2021",
            "Projets européens déposés en 2022",
            "Projets européens retenus en 2021", "Projets européens retenus en 2022"]  # fmt: skip
    rows = [
        [TIMES[i], PEOPLE[i][2], a.pole, a.members, a.coordinators, *_yearly(a)]
        for i, a in enumerate(ANSWERS)
    ]
    return "Enquête Europe (réponses).xlsx", xlsx_bytes(
        [head, *rows], sheet="Réponses au formulaire 1"
    )


def google_forms_en(duration: bool = True) -> tuple[str, bytes]:
    """Google Forms in English, downloaded as CSV (`,`, UTF-8), with a "Time to complete"."""
    head = ["Timestamp", "Email Address", "Cluster name", "Number of members", COORDINATING_EN,
            "EU proposals submitted in 2021", "EU proposals submitted in 2022",
            "EU projects funded in 2021", "EU projects funded in 2022"]  # fmt: skip
    rows = [
        [TIMES[i].strftime("%Y/%m/%d %H:%M:%S"), PEOPLE[i][2], a.pole, a.members, a.coordinators,
         *_yearly(a)]
        for i, a in enumerate(ANSWERS)
    ]  # fmt: skip
    if duration:
        head.append("Time to complete")
        rows = [[*row, str(DURATIONS[i])] for i, row in enumerate(rows)]
    return "Europe survey (Responses).csv", csv_bytes(
        [head, *rows], delimiter=",", encoding="utf-8"
    )


def microsoft_forms(named: bool) -> tuple[str, bytes]:
    """Microsoft Forms' Excel download: ID, start and completion times, e-mail, name, questions.

    Anonymous: the e-mail reads "anonymous" and the name is empty. Named: both are filled.
    """
    head = ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
            "Heure de la dernière modification", "Pôle", "Nombre d'adhérents", COORDINATING_FR,
            "Projets déposés 2021", "Projets déposés 2022", "Projets retenus 2021",
            "Projets retenus 2022"]  # fmt: skip
    rows = []
    for i, a in enumerate(ANSWERS):
        first, last, email = PEOPLE[i]
        who = [email, f"{first} {last}"] if named else ["anonymous", None]
        rows.append([i + 1, TIMES[i] - DURATIONS[i], TIMES[i], *who, None, a.pole, a.members,
                     a.coordinators, *_yearly(a)])  # fmt: skip
    return "Enquête Europe(1-3).xlsx", xlsx_bytes([head, *rows], sheet="Sheet1")


_LIME_CODES = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
               "POLE", "ADH", "COORD", "DEP[2021]", "DEP[2022]", "RET[2021]", "RET[2022]",
               "RECRUT"]  # fmt: skip
_LIME_TEXTS = ["ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ",
               "Tête de série", "Date de début", "Date de la dernière action", "Nom du pôle",
               "Nombre d'adhérents", COORDINATING_FR, "Projets déposés [2021]",
               "Projets déposés [2022]", "Projets retenus [2021]", "Projets retenus [2022]",
               "Prévoyez-vous de recruter dans l'équipe Europe ?"]  # fmt: skip
#: A response started and never submitted (LimeSurvey leaves `submitdate` blank).
INCOMPLETE = Answer("Cap Digital", 900, 30, (40, 50), (10, 12), False)


def _lime_number(value: int) -> str:
    return f"{value}.0000000000"  # numerical questions as LimeSurvey writes them


def _lime_rows(answers: tuple[Answer, ...], incomplete: bool) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i, a in enumerate((*answers, INCOMPLETE) if incomplete else answers):
        done = a is not INCOMPLETE
        when = TIMES[i].strftime("%Y-%m-%d %H:%M:%S") if done else None
        numbers = [_lime_number(v) for v in (a.members, a.coordinators, *_yearly(a))]
        rows.append([i + 1, when, 3 if done else 1, "fr", 1_234_567 + i, when, when, a.pole,
                     *numbers, "Y" if a.recruits else "N"])  # fmt: skip
    return rows


def limesurvey(codes_only: bool = False, incomplete: bool = True) -> tuple[str, bytes]:
    """LimeSurvey's Excel export: a row of question codes over the question texts, or codes only.

    Subquestions are `[2021]`, numbers `15.0000000000`, yes/no `Y`/`N`; with `incomplete`, one
    more response was never submitted (blank `submitdate`, `lastpage` 1).
    """
    body = _lime_rows(ANSWERS, incomplete)
    if codes_only:
        codes = [c.replace("[", "_").replace("]", "") for c in _LIME_CODES]
        return "results-survey123456.xlsx", xlsx_bytes([codes, *body], sheet="results")
    return "results-survey123456.xlsx", xlsx_bytes(
        [_LIME_CODES, _LIME_TEXTS, *body], sheet="results"
    )


def kobotoolbox() -> tuple[str, bytes]:
    """KoboToolbox's XLS export with labels and groups (`group/question`), `_id`, `_uuid`..."""
    head = ["start", "end", "Identification/Nom du pôle", "Identification/Nombre d'adhérents",
            f"Projets/{COORDINATING_FR}", "Projets/Projets déposés en 2021",
            "Projets/Projets déposés en 2022", "Projets/Projets retenus en 2021",
            "Projets/Projets retenus en 2022", "_id", "_uuid", "_submission_time",
            "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags",
            "_index"]  # fmt: skip
    rows = [
        [TIMES[i] - DURATIONS[i], TIMES[i], a.pole, a.members, a.coordinators, *_yearly(a),
         1000 + i, f"5f1c0a2e-0000-4000-8000-00000000000{i}", TIMES[i].isoformat(), None, None,
         "submitted_via_web", None, "vXyZ", None, i + 1]
        for i, a in enumerate(ANSWERS)
    ]  # fmt: skip
    return "aBcD_Enquete_Europe_2024.xlsx", xlsx_bytes([head, *rows], sheet="Enquête Europe")


def surveymonkey() -> tuple[str, bytes]:
    """SurveyMonkey's "All responses data" export: question texts over a second header row
    (`Response`, or one cell per sub-question such as the year), respondent columns first."""
    top = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
           "Email Address", "First Name", "Last Name", "Custom Data 1", "Nom du pôle",
           "Nombre d'adhérents", COORDINATING_FR, "Projets déposés", None, "Projets retenus",
           None]  # fmt: skip
    second = [None] * 9 + ["Response", "Response", "Response", "2021", "2022", "2021", "2022"]
    rows = [
        [11_400_000_000 + i, 400_000_000, TIMES[i] - DURATIONS[i], TIMES[i], f"192.0.2.{10 + i}",
         PEOPLE[i][2], PEOPLE[i][0], PEOPLE[i][1], None, a.pole, a.members, a.coordinators,
         *_yearly(a)]
        for i, a in enumerate(ANSWERS)
    ]  # fmt: skip
    return "Data_All_240306.xlsx", xlsx_bytes([top, second, *rows], sheet="Sheet")


def framaforms() -> tuple[str, bytes]:
    """Framaforms (Drupal webform) CSV download: Serial, SID, times, Draft, IP, UID, Username."""
    head = ["Serial", "SID", "Submitted Time", "Completed Time", "Modified Time", "Draft",
            "IP Address", "UID", "Username", "Nom du pôle", "Nombre d'adhérents", COORDINATING_FR,
            "Projets déposés en 2021", "Projets déposés en 2022", "Projets retenus en 2021",
            "Projets retenus en 2022"]  # fmt: skip
    rows = [
        [i + 1, 5000 + i, *[TIMES[i].strftime("%d/%m/%Y - %H:%M")] * 3, 0, f"198.51.100.{i + 1}",
         0, "Anonymous", a.pole, a.members, a.coordinators, *_yearly(a)]
        for i, a in enumerate(ANSWERS)
    ]  # fmt: skip
    return "enquete_europe_export.csv", csv_bytes([head, *rows], delimiter=",", encoding="utf-8")


#: Tool key -> its export builder (the tool `ingest` should name).
EXPORTS: dict[str, tuple[str, Callable[[], tuple[str, bytes]]]] = {
    "google_forms_fr": ("google_forms", google_forms_fr),
    "google_forms_en": ("google_forms", google_forms_en),
    "microsoft_forms_anonymous": ("microsoft_forms", lambda: microsoft_forms(named=False)),
    "microsoft_forms_named": ("microsoft_forms", lambda: microsoft_forms(named=True)),
    "limesurvey": ("limesurvey", lambda: limesurvey(incomplete=False)),
    "kobotoolbox": ("kobotoolbox", kobotoolbox),
    "surveymonkey": ("surveymonkey", surveymonkey),
    "framaforms": ("framaforms", framaforms),
}
