"""Which kind of file an upload really is, from its bytes rather than its name.

People rename files, browsers append extensions and exports lie, so the extension is only
used to word messages. A workbook is recognised by its container (ZIP or OLE2) and the
parts inside it; anything else that is text is taken as CSV.
"""

from __future__ import annotations

import io
import zipfile

import xlrd.compdoc

from analysis.ingest.reading.errors import UnreadableFile

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPES = (
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet-template",
)
_ODF_OTHER = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
_MACRO_CONTENT_TYPE = b"application/vnd.ms-excel.sheet.macroEnabled"

#: Leading bytes of files people mistake for spreadsheets, and the kind named to them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"%PDF-", "pdf"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"{\\rtf", "rtf"),
    (b"\x1f\x8b", "archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"Rar!\x1a\x07", "archive"),
    (b"\x7fELF", "program"),
)
#: Bytes below 0x20 that text files never hold (all but tab, newlines and form feed).
_BINARY_CONTROLS = bytes(byte for byte in range(0x20) if byte not in b"\t\n\r\x0c")
#: Two-letter signatures that ordinary text can start with ("BMW;...", "MZ..."): only
#: believed when the bytes are not text.
_WEAK_SIGNATURES: tuple[tuple[bytes, str], ...] = ((b"BM", "bmp"), (b"MZ", "program"))
_SAMPLE = 8192


def sniff(content: bytes, name: str) -> str:
    """The format of `content`: "xlsx", "xlsm", "xls", "ods" or "csv".

    Raises `UnreadableFile` naming what the file really is when it is no spreadsheet.
    """
    if not content:
        raise UnreadableFile("empty", file=name)
    head = content[:16]
    if head.startswith(ZIP_MAGIC):
        return _sniff_zip(content, name)
    if head.startswith(OLE2_MAGIC):
        return _sniff_ole2(content, name)
    if head[:12].startswith(b"RIFF") and head[8:12] == b"WEBP":
        raise UnreadableFile("wrong_type", file=name, kind="webp")
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            raise UnreadableFile("wrong_type", file=name, kind=kind)
    return _sniff_text(content, name)


def open_zip(content: bytes, name: str) -> zipfile.ZipFile:
    """`content` as a ZIP archive; a missing directory at the end means the file was cut off."""
    try:
        return zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        # The central directory sits at the end of a ZIP: without it the file was truncated.
        code = "truncated" if content.startswith(b"PK\x03\x04") else "corrupt"
        raise UnreadableFile(code, file=name) from error
    except (ValueError, OSError, EOFError) as error:
        raise UnreadableFile("corrupt", file=name) from error


def _sniff_zip(content: bytes, name: str) -> str:
    with open_zip(content, name) as archive:
        if any(info.flag_bits & 0x1 for info in archive.infolist()):
            raise UnreadableFile("encrypted", file=name)  # ZIP-level password
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            return "xlsm" if _has_macros(archive, names) else "xlsx"
        if "xl/workbook.bin" in names:
            raise UnreadableFile("xlsb", file=name)
        if "mimetype" in names:
            mimetype = _read_small(archive, "mimetype", name).decode("ascii", "replace").strip()
            if mimetype in ODS_MIMETYPES:
                manifest = "META-INF/manifest.xml"
                if manifest in names and b"encryption-data" in _read_small(archive, manifest, name):
                    raise UnreadableFile("encrypted", file=name)  # LibreOffice password
                return "ods"
            if mimetype in _ODF_OTHER:
                raise UnreadableFile("wrong_type", file=name, kind=_ODF_OTHER[mimetype])
        if "word/document.xml" in names:
            raise UnreadableFile("wrong_type", file=name, kind="docx")
        if "ppt/presentation.xml" in names:
            raise UnreadableFile("wrong_type", file=name, kind="pptx")
    raise UnreadableFile("zip_not_workbook", file=name)


def _has_macros(archive: zipfile.ZipFile, names: set[str]) -> bool:
    if "xl/vbaProject.bin" in names:
        return True
    if "[Content_Types].xml" not in names:
        return False
    return _MACRO_CONTENT_TYPE in _read_small(archive, "[Content_Types].xml", "")


def _read_small(archive: zipfile.ZipFile, member: str, name: str, limit: int = 1 << 20) -> bytes:
    """At most `limit` bytes of a small part (mimetype, content types), never more."""
    try:
        with archive.open(member) as handle:
            return handle.read(limit)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise UnreadableFile("corrupt", file=name) from error


def ole2_streams(content: bytes, name: str) -> set[str]:
    """Names in an OLE2 compound file's directory (`Workbook`, `EncryptedPackage`, ...)."""
    try:
        document = xlrd.compdoc.CompDoc(content, logfile=io.StringIO())
    except Exception as error:
        # xlrd raises bare CompDocError, IndexError or struct errors on damaged containers.
        code = "truncated" if len(content) % 512 else "corrupt"
        raise UnreadableFile(code, file=name) from error
    return {entry.name for entry in document.dirlist}


def _sniff_ole2(content: bytes, name: str) -> str:
    streams = ole2_streams(content, name)
    if {"EncryptionInfo", "EncryptedPackage"} & streams:
        # Office stores a password-protected .xlsx (or .docx) inside an OLE2 container.
        raise UnreadableFile("encrypted", file=name)
    if {"Workbook", "Book"} & streams:
        return "xls"
    if "WordDocument" in streams:
        raise UnreadableFile("wrong_type", file=name, kind="doc")
    if "PowerPoint Document" in streams:
        raise UnreadableFile("wrong_type", file=name, kind="ppt")
    if any(stream.startswith("__substg1.0_") for stream in streams):
        raise UnreadableFile("wrong_type", file=name, kind="msg")
    raise UnreadableFile("not_spreadsheet", file=name)


def _sniff_text(content: bytes, name: str) -> str:
    sample = content[:_SAMPLE]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"  # UTF-16 with a byte-order mark: NUL bytes are expected there
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    if b"\x00" in sample or controls > len(sample) // 100:
        for magic, kind in _WEAK_SIGNATURES:
            if sample.startswith(magic):
                raise UnreadableFile("wrong_type", file=name, kind=kind)
        raise UnreadableFile("not_spreadsheet", file=name)
    start = sample.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table")):
        raise UnreadableFile("wrong_type", file=name, kind="html")
    if start.startswith(b"<?xml"):
        kind = "html" if b"<html" in start[:2048] else "xml"
        raise UnreadableFile("wrong_type", file=name, kind=kind)
    return "csv"
