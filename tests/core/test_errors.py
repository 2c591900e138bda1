"""The translated error base class and the four families built on it keep their messages."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.core.errors import TranslatedError
from analysis.core.i18n import STRICT_ENV, MessageError
from analysis.deck.cli import DeckExportError
from analysis.deck.template import TemplateError
from analysis.ingest.reading.errors import UnreadableFile
from analysis.store.errors import RoundNotFound, StoreBusy, StoreError


class _ReadError(TranslatedError):
    prefix = "read"
    translated_params: ClassVar[Mapping[str, str]] = {"kind": "read.kind_"}


def test_the_message_is_the_catalogue_entry_under_the_prefix() -> None:
    error = _ReadError("empty", file="a.xlsx")
    assert error.key == "read.empty"
    assert error.message("en") == "The file “a.xlsx” is empty."
    assert error.message("fr") == "Le fichier « a.xlsx » est vide."
    assert str(error) == error.message("en")
    assert error.args == ("empty",)


def test_a_translated_parameter_is_itself_a_catalogue_key() -> None:
    error = _ReadError("wrong_type", file="a.xlsx", kind="pdf")
    assert "a PDF document" in error.message("en")
    assert "un document PDF" in error.message("fr")
    assert error.params == {"file": "a.xlsx", "kind": "pdf"}  # the raw value is kept


def test_without_a_prefix_the_code_is_the_key() -> None:
    assert TranslatedError("read.empty", file="x").message("en") == "The file “x” is empty."


def test_an_unknown_code_shows_its_key_to_a_visitor_and_fails_a_test() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(STRICT_ENV)
        assert _ReadError("no_such_message").message("fr") == "read.no_such_message"
    with pytest.raises(MessageError):
        _ReadError("no_such_message").message("fr")


@given(st.text(max_size=30), st.sampled_from(["en", "fr"]))
def test_any_parameter_value_renders_without_raising(value: str, lang: str) -> None:
    """A visitor's view (lenient messages): an unknown translated value shows its key."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(STRICT_ENV)
        error = _ReadError("wrong_type", file=value, kind=value)
        assert isinstance(error.message(lang), str)  # type: ignore[arg-type]
        assert isinstance(str(error), str)


def test_a_fixed_reason_subclass_is_raised_with_parameters_only() -> None:
    error = RoundNotFound(label="2023")
    assert (error.code, error.key) == ("round_not_found", "store.round_not_found")
    assert error.message("en") == 'No round is labelled "2023".'
    assert error.message("fr") == "Aucune enquête ne porte le libellé « 2023 »."
    assert isinstance(error, StoreError) and isinstance(error, TranslatedError)
    assert StoreBusy().code == "busy"


@pytest.mark.parametrize(
    "error",
    [
        UnreadableFile("wrong_type", file="f.xlsx", kind="pdf"),
        RoundNotFound(label="2023"),
        TemplateError("template_too_large", size=20),
        DeckExportError("cli_unknown_value", label="2023", what="region", value="X", known="A"),
    ],
)
def test_every_family_is_rebuilt_from_its_args(error: TranslatedError) -> None:
    # deepcopy rebuilds through __reduce__ (cls(*args) plus state), as pickling does.
    again = copy.deepcopy(error)
    assert type(again) is type(error)
    assert (again.code, again.params, again.message("fr")) == (
        error.code,
        error.params,
        error.message("fr"),
    )


def test_the_families_keep_their_sentences() -> None:
    assert (
        UnreadableFile("wrong_type", file="f", kind="pdf")
        .message("en")
        .startswith("The file “f” is actually a PDF document")
    )
    assert (
        TemplateError("template_too_large", size=20)
        .message("en")
        .startswith("The template is larger than 20 MB")
    )
    unknown = DeckExportError(
        "cli_unknown_value", label="2023", what="region", value="X", known="A"
    )
    assert unknown.key == "deck.cli_unknown_value"
    assert unknown.message("fr") == (
        "La campagne 2023 ne contient pas de région « X ». Valeurs connues : A."
    )
