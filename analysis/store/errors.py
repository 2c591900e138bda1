"""What can go wrong with the store, as exceptions that carry a catalogue key.

Each error names a message in `analysis/locales/store.toml` (`store.<code>`) with its
parameters, so the CLI and the pages print one sentence in the user's language and no
traceback ever reaches them.
"""

from __future__ import annotations

from analysis.core.errors import TranslatedError


class StoreError(TranslatedError):
    """Base of every store error; each subclass's `code` names the message `store.<code>`.

    Raised with parameters only (`RoundNotFound(label="2023")`): the class is the reason.
    """

    prefix = "store"
    code = "error"


class InvalidEmail(StoreError):  # noqa: N818 (named like its siblings)
    """An administrator typed something that cannot be an e-mail address."""

    code = "invalid_email"


class RoundNotFound(StoreError):  # noqa: N818 (names from the architecture contract)
    """No round has this label (never stored, or deleted)."""

    code = "round_not_found"


class VersionNotFound(StoreError):  # noqa: N818 (names from the architecture contract)
    """No stored version of a round has this id."""

    code = "version_not_found"


class RoundExists(StoreError):  # noqa: N818 (names from the architecture contract)
    """The label is taken and the caller did not ask to replace it."""

    code = "round_exists"


class SameFileStored(StoreError):  # noqa: N818 (named like its siblings)
    """The very same file (same SHA-256) is already the original of another round.

    Storing it again would count the same answers twice under two labels; the caller
    must say it means it (`allow_same_file`).
    """

    code = "same_file_stored"


class InvalidRound(StoreError):  # noqa: N818 (names from the architecture contract)
    """The ingest result has blocking errors, or nothing to store: nothing was written."""

    code = "invalid_round"


class InvalidLabel(StoreError):  # noqa: N818 (names from the architecture contract)
    """A label must hold at least one visible character."""

    code = "invalid_label"


class StoreBusy(StoreError):  # noqa: N818 (names from the architecture contract)
    """Another process held the write lock for too long: retrying later will work."""

    code = "busy"


class StoreTooNew(StoreError):  # noqa: N818 (names from the architecture contract)
    """The database was written by a newer version of this program."""

    code = "too_new"


class StoreUnavailable(StoreError):  # noqa: N818 (names from the architecture contract)
    """The database cannot be opened or reached (bad URL, missing driver, no server)."""

    code = "unavailable"
