"""What each survey tool writes around the answers, so that its columns are never read as answers.

Every tool adds columns of its own (a timestamp, a response ID, an IP address, the
respondent's e-mail...) and some mark unfinished responses. A `Profile` lists, as
normalised headers (`analysis.core.text.normalise`: case, accents, punctuation ignored),
the columns that identify the tool (`signature`), those that are the tool's bookkeeping
(`metadata`) and those that name a person (`personal`), the column holding the time of
submission (used to offer keeping a pole's latest response) and how an incomplete
response is marked. The headers are those of each tool's documented export (see
`tests/corpus/tools/SOURCES.md`); a file is said to come from a tool when at least two of
its signature headers are there, so that one "Timestamp" column proves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from analysis.core.text import normalise

__all__ = ["PROFILES", "Profile", "detect", "generic_role", "profile"]


@dataclass(frozen=True)
class Profile:
    """One survey tool's export: its own columns and how it marks unfinished responses.

    `incomplete_when_blank`: a response whose cell in one of these columns is blank was not
    submitted (LimeSurvey's `submitdate`). `incomplete_when_value`: `(column, values)`, a
    response whose cell holds one of these (normalised) values is unfinished. `submitted_at`:
    columns holding the time of submission, first present wins. `group_paths`: headers may be
    `group/question` paths (KoboToolbox), read by their last part. `sub_header_words`: the
    words of a second header row that only say "the answer" (SurveyMonkey's `Response`).
    """

    key: str
    name: str
    signature: frozenset[str]
    metadata: frozenset[str] = frozenset()
    personal: frozenset[str] = frozenset()
    submitted_at: tuple[str, ...] = ()
    incomplete_when_blank: tuple[str, ...] = ()
    incomplete_when_value: tuple[str, frozenset[str]] | None = None
    group_paths: bool = False
    sub_header_words: frozenset[str] = frozenset()


def _keys(*headers: str) -> frozenset[str]:
    return frozenset(normalise(h) for h in headers)


GOOGLE_FORMS = Profile(
    "google_forms",
    "Google Forms",
    signature=_keys("Horodateur", "Timestamp", "Adresse e-mail", "Email Address", "Score"),
    metadata=_keys("Horodateur", "Timestamp", "Score", "Note"),
    personal=_keys("Adresse e-mail", "Email Address", "Adresse email", "E-mail"),
    submitted_at=tuple(_keys("Horodateur", "Timestamp")),
)
MICROSOFT_FORMS = Profile(
    "microsoft_forms",
    "Microsoft Forms",
    signature=_keys(
        "ID",
        "Heure de début",
        "Heure de fin",
        "Start time",
        "Completion time",
        "Adresse de messagerie",
        "Email",
        "Heure de la dernière modification",
        "Last modified time",
    ),
    metadata=_keys(
        "ID",
        "Heure de début",
        "Heure de fin",
        "Start time",
        "Completion time",
        "Heure de la dernière modification",
        "Last modified time",
        "Total points",
        "Points totaux",
        "Quiz feedback",
    ),
    # Microsoft Forms' own "Nom"/"Name" is the respondent's name, never the pole.
    personal=_keys("Adresse de messagerie", "Email", "Nom", "Name"),
    submitted_at=tuple(_keys("Heure de fin", "Completion time")),
)
LIMESURVEY = Profile(
    "limesurvey",
    "LimeSurvey",
    signature=_keys(
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "startdate",
        "datestamp",
        "ipaddr",
        "refurl",
        "Date de soumission",
        "Dernière page",
        "Langue de départ",
        "Date submitted",
        "Last page",
        "Start language",
    ),
    metadata=_keys(
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "startdate",
        "datestamp",
        "ipaddr",
        "refurl",
        "token",
        "interviewtime",
        "ID de la réponse",
        "Response ID",
        "Date de soumission",
        "Date submitted",
        "Dernière page",
        "Last page",
        "Langue de départ",
        "Start language",
        "Tête de série",
        "Seed",
        "Date de début",
        "Date started",
        "Date de la dernière action",
        "Date last action",
        "Adresse IP",
        "IP address",
        "URL de provenance",
        "Referrer URL",
        "Durée totale",
        "Total time",
    ),
    # Participants' attributes; a question titled "Nom" may well be the pole's name, so
    # only the codes and the unambiguous titles are personal here.
    personal=_keys(
        "firstname",
        "lastname",
        "email",
        "Prénom",
        "Nom de famille",
        "Courriel",
        "First name",
        "Last name",
    ),
    submitted_at=tuple(_keys("submitdate", "Date de soumission", "Date submitted")),
    incomplete_when_blank=tuple(_keys("submitdate", "Date de soumission", "Date submitted")),
)
KOBOTOOLBOX = Profile(
    "kobotoolbox",
    "KoboToolbox",
    signature=_keys(
        "_id", "_uuid", "_submission_time", "_index", "_validation_status", "__version__"
    ),
    metadata=_keys(
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "_id",
        "_uuid",
        "_submission_time",
        "_validation_status",
        "_notes",
        "_status",
        "_submitted_by",
        "__version__",
        "_tags",
        "_index",
        "meta/instanceID",
        "instanceID",
    ),
    submitted_at=tuple(_keys("_submission_time", "end")),
    group_paths=True,
)
SURVEYMONKEY = Profile(
    "surveymonkey",
    "SurveyMonkey",
    signature=_keys("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address"),
    metadata=_keys(
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Custom Data 1",
        "Custom Data",
    ),
    personal=_keys("Email Address", "First Name", "Last Name"),
    submitted_at=tuple(_keys("End Date")),
    sub_header_words=_keys("Response", "Open-Ended Response", "Réponse", "Réponse ouverte"),
)
FRAMAFORMS = Profile(
    "framaforms",
    "Framaforms",
    signature=_keys("Serial", "SID", "Submitted Time", "Completed Time", "Draft", "UID"),
    metadata=_keys(
        "Serial",
        "SID",
        "Time",
        "Submitted Time",
        "Completed Time",
        "Modified Time",
        "Draft",
        "IP Address",
        "UID",
    ),
    personal=_keys("Username", "Nom d'utilisateur"),
    submitted_at=tuple(_keys("Completed Time", "Submitted Time", "Time")),
    incomplete_when_value=(normalise("Draft"), _keys("1", "yes", "oui", "true")),
)

PROFILES: tuple[Profile, ...] = (
    LIMESURVEY,
    KOBOTOOLBOX,
    SURVEYMONKEY,
    FRAMAFORMS,
    MICROSOFT_FORMS,
    GOOGLE_FORMS,
)

#: Bookkeeping columns whatever the tool: times, identifiers, durations, addresses.
GENERIC_METADATA: frozenset[str] = _keys(
    "Horodatage",
    "Horodateur",
    "Timestamp",
    "Date de réponse",
    "Response date",
    "Submission date",
    "Date de soumission",
    "Durée",
    "Duration",
    "Temps de réponse",
    "Time to complete",
    "Temps pour terminer",
    "Response time",
    "IP",
    "Adresse IP",
    "IP Address",
    "Response ID",
    "Respondent ID",
    "ID de la réponse",
    "User agent",
)
#: Columns naming a person whatever the tool.
GENERIC_PERSONAL: frozenset[str] = _keys(
    "E-mail",
    "Email",
    "Courriel",
    "Adresse e-mail",
    "Adresse email",
    "Adresse électronique",
    "Email Address",
    "Votre e-mail",
    "Votre adresse e-mail",
    "Your email",
    "Prénom",
    "First name",
    "Nom de famille",
    "Last name",
    "Surname",
    "Votre nom",
    "Your name",
    "Nom du répondant",
    "Respondent name",
    "Nom et prénom",
    "Prénom et nom",
    "Full name",
    "Téléphone",
    "Phone",
    "Telephone",
)


def detect(headers: Iterable[str]) -> Profile | None:
    """The tool whose signature headers the row holds most (at least two), else `None`."""
    keys = {normalise(h) for h in headers}
    best, best_count = None, 1
    for candidate in PROFILES:
        count = len(keys & candidate.signature)
        if count > best_count:
            best, best_count = candidate, count
    return best


def profile(key: str) -> Profile | None:
    """The profile called `key` (`"limesurvey"`), if any."""
    return next((p for p in PROFILES if p.key == key), None)


def generic_role(key: str, tool: Profile | None) -> Literal["personal", "metadata"] | None:
    """`"metadata"` or `"personal"` for a normalised header the tool (or any tool) adds."""
    if tool is not None and key in tool.personal:
        return "personal"
    if tool is not None and key in tool.metadata:
        return "metadata"
    if key in GENERIC_PERSONAL:
        return "personal"
    if key in GENERIC_METADATA:
        return "metadata"
    return None
