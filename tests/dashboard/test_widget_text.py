"""Streamlit's own widget texts in the interface language: the style sheets that redraw the
uploader's and the date field's texts, and the pages that use them (AppTest). The rendered
result is checked in a real browser by `tests/browser/test_french_widgets.py`."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.store import SurveyStore
from tests.support import upload_page
from tests.support.upload_page import page
from ui.widget_text import (
    DATE_FORMAT,
    css_string,
    date_css,
    file_size,
    key_class,
    uploaded_css,
    uploader_css,
)

store = upload_page.store

#: What Streamlit writes itself, in English, in these widgets.
ENGLISH = ("Upload", "per file", "Drag and drop", "yyyy", "Browse")


def _contents(css: str) -> list[str]:
    return re.findall(r'content: "((?:[^"\\]|\\.)*)"', css)


def test_the_uploader_says_its_texts_in_french() -> None:
    css = uploader_css("upload_file", "fr", megabytes=50, types=["xlsx", "csv"])
    assert _contents(css) == [
        "Choisir un fichier",
        "50 Mo par fichier · XLSX, CSV",
        "Déposez le fichier ici",
    ]
    assert css.count(".st-key-upload_file ") == 6  # every rule scoped to that uploader
    assert not any(word in text for text in _contents(css) for word in ENGLISH)


def test_the_uploader_says_its_texts_in_english_through_the_same_path() -> None:
    css = uploader_css("deck_template", "en", megabytes=20, types=["pptx"])
    assert _contents(css) == ["Choose a file", "20 MB per file · PPTX", "Drop the file here"]


@pytest.mark.parametrize(
    ("size", "fr", "en"),
    [
        (512, "512 o", "512 B"),
        (2411, "2,4 Ko", "2.4 KB"),  # Streamlit: "2.4KB"
        (12_595, "12,3 Ko", "12.3 KB"),
        (5 * 1024 * 1024, "5 Mo", "5 MB"),
        (3 * 1024**3, "3 Go", "3 GB"),
    ],
)
def test_a_file_size_counts_as_streamlit_does_in_the_language(size: int, fr: str, en: str) -> None:
    assert (file_size(size, "fr"), file_size(size, "en")) == (fr, en)


def test_the_chosen_files_size_is_redrawn_in_french_for_that_uploader_only() -> None:
    css = uploaded_css("upload_file", "fr", 12_595)
    assert _contents(css) == ["12,3 Ko"]
    assert css.count('.st-key-upload_file [data-testid="stFileChipName"] + div') == 2
    assert "font-size: 0;" in css  # Streamlit's "12.3KB" shrunk out of sight


def test_the_date_placeholders_follow_the_language() -> None:
    assert _contents(date_css("fr")) == ["jj", "mm", "aaaa"]
    assert _contents(date_css("en")) == ["dd", "mm", "yyyy"]
    # A date part stays focusable: it is never `visibility: hidden` (which blocks focus).
    assert "visibility: hidden" not in date_css("fr")
    assert DATE_FORMAT["fr"] == "DD/MM/YYYY"


@pytest.mark.parametrize(
    ("key", "expected"),
    [("upload_file", "st-key-upload_file"), (" a b.c ", "st-key-a-b-c"), ("é", "st-key--")],
)
def test_the_key_class_is_the_one_streamlit_writes(key: str, expected: str) -> None:
    assert key_class(key) == expected


@given(st.text(max_size=40))
def test_no_text_can_leave_its_css_string(text: str) -> None:
    quoted = css_string(text)
    inner = quoted[1:-1]
    assert quoted.startswith('"') and quoted.endswith('"')
    for dangerous in ('"', "<", ">", "\n", "\r", "{", "}", ";\n"):
        assert dangerous not in inner
    # Every backslash starts a hexadecimal escape: nothing escapes the closing quote.
    assert re.fullmatch(r"(?:[^\\]|\\[0-9A-F]+ )*", inner)


def test_the_french_upload_page_redraws_its_uploader(store: SurveyStore) -> None:
    at = page("fr")
    sheets = [element.proto.body for element in at.get("html")]
    assert any('content: "Choisir un fichier"' in css for css in sheets)
    assert any('content: "50 Mo par fichier · XLSX, XLSM, XLS, ODS, CSV"' in css for css in sheets)
    assert all(".st-key-upload_file " in css for css in sheets if "Choisir" in css)


def test_no_multiselect_offers_streamlits_english_select_all(store: SurveyStore) -> None:
    at = page("fr")
    boxes = list(at.sidebar.multiselect) + list(at.main.multiselect)
    assert boxes and all(box.proto.select_all == 0 for box in boxes)
