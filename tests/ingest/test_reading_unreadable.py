"""Every way an upload can fail to be a readable spreadsheet, and the one sentence it gets."""

from __future__ import annotations

import io
import random
import struct
import warnings
import zipfile

import pytest

from analysis.core import limits
from analysis.core.model import SourceFile
from analysis.ingest.reading.errors import UnreadableFile
from analysis.ingest.reading.used_range import check_file_size
from analysis.ingest.reading.workbook import read_workbook
from tests.support.files import (
    csv_bytes,
    ods_content,
    ods_package,
    xls_bytes,
    xlsx_bytes,
    xlsx_with_sheet_xml,
    zip_bytes,
)
from tests.support.hostile import ole2_bytes

ROWS = [["Pôle", "Membres"], ["Aerospace Valley", 120], ["Pôle Mer", 80]]
JUNK = random.Random(7).randbytes(4000)


def refusal(content: bytes, name: str = "reponses.xlsx") -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        read_workbook(SourceFile(name, content))
    return caught.value


def assert_one_clear_sentence(error: UnreadableFile, name: str) -> None:
    for lang in ("fr", "en"):
        text = error.message(lang)
        assert name in text
        assert text.endswith(".")
        assert "{" not in text and "read." not in text
        assert "Traceback" not in text and "Error" not in text and "None" not in text


@pytest.mark.parametrize(
    ("content", "code", "kind"),
    [
        (b"", "empty", None),
        (JUNK, "not_spreadsheet", None),
        (b"\x89PNG\r\n\x1a\n" + JUNK, "wrong_type", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + JUNK, "wrong_type", "jpeg"),
        (b"GIF89a" + JUNK, "wrong_type", "gif"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj" + JUNK, "wrong_type", "pdf"),
        (b"MZ\x90\x00" + JUNK, "wrong_type", "program"),
        (b"\x1f\x8b\x08\x00" + JUNK, "wrong_type", "archive"),
        (zip_bytes({"notes.txt": "bonjour", "img/a.png": b"\x89PNG"}), "zip_not_workbook", None),
        (zip_bytes({"word/document.xml": "<w:document/>"}), "wrong_type", "docx"),
        (zip_bytes({"ppt/presentation.xml": "<p/>"}), "wrong_type", "pptx"),
        (
            ods_package(ods_content(""), "application/vnd.oasis.opendocument.text"),
            "wrong_type",
            "odt",
        ),
        (zip_bytes({"xl/workbook.bin": b"\x83\x01\x00"}), "xlsb", None),
        (xlsx_bytes(ROWS)[:2500], "truncated", None),
        (ole2_bytes({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": JUNK}), "encrypted", None),
        (ole2_bytes({"WordDocument": JUNK}), "wrong_type", "doc"),
        (ole2_bytes({"Something": JUNK}), "not_spreadsheet", None),
        (b"<!DOCTYPE html><html><table><tr><td>1</td></tr></table></html>", "wrong_type", "html"),
        (
            b'<?xml version="1.0"?>'
            b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
            "wrong_type",
            "xml",
        ),
        (b"Pole;Membres\r\nA\x00B;1\r\n", "not_spreadsheet", None),
    ],
    ids=[
        "empty",
        "random",
        "png",
        "jpeg",
        "gif",
        "pdf",
        "exe",
        "gzip",
        "zip",
        "docx",
        "pptx",
        "odt",
        "xlsb",
        "truncated",
        "password",
        "doc",
        "ole2-other",
        "html",
        "xml2003",
        "nul",
    ],
)
def test_unreadable_files_get_their_own_sentence(content: bytes, code: str, kind: str) -> None:
    error = refusal(content)
    assert error.code == code
    assert error.params.get("kind") == kind
    assert_one_clear_sentence(error, "reponses.xlsx")


def test_wrong_type_names_the_real_type_in_both_languages() -> None:
    error = refusal(b"\x89PNG\r\n\x1a\n" + JUNK, "chiffres.xlsx")
    assert error.message("en") == (
        "The file “chiffres.xlsx” is actually a PNG picture, not a spreadsheet: "
        "upload the Excel, OpenDocument or CSV file itself."
    )
    assert "une image PNG" in error.message("fr")
    assert "Word" in refusal(zip_bytes({"word/document.xml": "x"})).message("fr")


def test_a_truncated_xls_is_refused() -> None:
    content = xls_bytes(ROWS * 50)
    assert refusal(content[: len(content) // 2], "r.xls").code in {"truncated", "corrupt"}


def test_a_truncated_zip_that_still_has_its_directory_is_refused() -> None:
    # Cut inside the data but keep the end of file: the parts no longer match their headers.
    content = xlsx_bytes(ROWS)
    damaged = content[:600] + bytes(400) + content[1000:]
    assert refusal(damaged).code in {"corrupt", "truncated"}


def test_damaged_sheet_xml_is_corrupt() -> None:
    error = refusal(xlsx_with_sheet_xml(b"<worksheet><sheetData><row r='1'><c r='A1'><v>1"))
    assert error.code == "corrupt"
    assert_one_clear_sentence(error, "reponses.xlsx")


def test_an_encrypted_zip_entry_is_a_password_protected_file() -> None:
    content = bytearray(xlsx_bytes(ROWS))
    # Set the "encrypted" flag of every central directory entry.
    position = content.find(b"PK\x01\x02")
    while position >= 0:
        flags = struct.unpack_from("<H", content, position + 8)[0]
        struct.pack_into("<H", content, position + 8, flags | 1)
        position = content.find(b"PK\x01\x02", position + 4)
    assert refusal(bytes(content)).code == "encrypted"


def test_a_file_over_the_size_limit_is_refused_before_anything_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    error = refusal(csv_bytes(ROWS * 100), "gros.csv")
    assert error.code == "too_big"
    assert error.params["limit_mb"] == 0.001
    assert "Mo" in error.message("fr") and "MB" in error.message("en")


@pytest.mark.parametrize(
    ("extra", "en", "fr"),
    [
        (1, "52.428801 MB, more than the 52.4288 MB", "52,428801 Mo, plus que les 52,4288 Mo"),
        (1200, "52.43 MB, more than the 52.429 MB", "52,43 Mo, plus que les 52,429 Mo"),
        (10**7, "62.4 MB, more than the 52.4 MB", "62,4 Mo, plus que les 52,4 Mo"),
    ],
)
def test_the_size_refusal_tells_the_size_from_the_limit(extra: int, en: str, fr: str) -> None:
    # Issue 15: "52.4 MB, more than the 52.4 MB accepted" said nothing.
    with pytest.raises(UnreadableFile) as caught:
        check_file_size(limits.MAX_FILE_BYTES + extra, file="gros.csv")
    assert en in caught.value.message("en")
    assert fr in caught.value.message("fr")


def test_catalogue_sentences_differ_per_language() -> None:
    error = refusal(b"")
    assert error.message("fr") == "Le fichier « reponses.xlsx » est vide."
    assert error.message("en") == "The file “reponses.xlsx” is empty."
    assert str(error) == error.message("en")


def test_a_password_protected_ods_is_refused() -> None:
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry>'
        "</manifest:manifest>"
    )
    content = zip_bytes(
        {
            "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
            "META-INF/manifest.xml": manifest,
            "content.xml": JUNK,
        },
        stored=("mimetype",),
    )
    error = refusal(content, "r.ods")
    assert error.code == "encrypted"
    assert "mot de passe" in error.message("fr")


def test_text_starting_like_a_bitmap_or_a_program_is_still_a_csv() -> None:
    workbook = read_workbook(SourceFile("a.csv", b"BMW;MZ\r\nMZ;1\r\n"))
    assert workbook.format == "csv"
    assert workbook.sheets[0].cells.at[1, 0] == "BMW"
    assert refusal(b"BM\x36\x00\x00\x00\x00\x00" + JUNK).params["kind"] == "bmp"


def test_a_sheet_whose_xml_part_is_missing_is_corrupt() -> None:
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes(ROWS))) as archive:
        parts = {n: archive.read(n) for n in archive.namelist() if "worksheets/" not in n}
    assert refusal(zip_bytes(parts)).code == "corrupt"


def test_a_zip_with_two_parts_of_the_same_name_is_corrupt() -> None:
    content = xlsx_bytes(ROWS)
    buffer = io.BytesIO(content)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate, as it should
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row><c r="XFD9">')
    assert refusal(buffer.getvalue()).code == "corrupt"


@pytest.mark.parametrize(
    "content",
    [b"\n\n   \n", b"\xef\xbb\xbf\r\n\r\n", "\n \n".encode("utf-16")],
)
def test_a_csv_of_blank_lines_is_an_empty_file(content: bytes) -> None:
    error = refusal(content, "vide.csv")
    assert error.code == "empty"
    assert error.message("en") == "The file “vide.csv” is empty."
