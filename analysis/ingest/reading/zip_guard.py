"""Guarding zip-based workbooks (.xlsx, .xlsm, .ods) against decompression bombs.

The sizes a ZIP declares can lie, so they only serve for a cheap first refusal; then every
part is inflated here in chunks, counting the bytes that really come out and stopping as
soon as a limit is passed. Parts that need scanning (sheet XML) receive the same chunks,
so the guard and the scan cost one pass.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from typing import Protocol

from analysis.core import limits
from analysis.ingest.reading.errors import UnreadableFile

CHUNK = 1 << 20
#: Parts smaller than this are not held to the compression ratio: tiny repetitive XML
#: (styles, empty sheets) compresses very well and can cost nothing.
RATIO_FLOOR = 1 << 20
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_STORED, _DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED


class ChunkConsumer(Protocol):
    """Receives a part's inflated bytes in order (see `reading_xlsx.XlsxSheetScanner`)."""

    def feed(self, chunk: bytes) -> None:
        """Take the next chunk."""

    def close(self) -> None:
        """The part is complete."""


def check_declared_sizes(archive: zipfile.ZipFile, *, file: str) -> None:
    """Refuse at once what the central directory itself admits is too big."""
    infos = archive.infolist()
    names = [info.filename.replace("\\", "/") for info in infos]
    if len(set(names)) != len(names):
        # Two parts of one name: which one a reader takes is its own choice, so the part
        # we scan might not be the part calamine reads.
        raise UnreadableFile("corrupt", file=file)
    if sum(info.file_size for info in infos) > limits.MAX_UNCOMPRESSED_BYTES:
        raise UnreadableFile("bomb", file=file)
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableFile("encrypted", file=file)
        if _too_compressed(info.file_size, info.compress_size):
            raise UnreadableFile("bomb", file=file)


def inflate_all(
    content: bytes,
    archive: zipfile.ZipFile,
    consumers: Mapping[str, ChunkConsumer],
    *,
    file: str,
) -> int:
    """Inflate every part, feeding `consumers[part]`; return the real uncompressed total.

    Raises `UnreadableFile("bomb")` as soon as a part gives more bytes than it declared,
    passes the compression ratio, or the total passes `MAX_UNCOMPRESSED_BYTES`.
    """
    total = 0
    view = memoryview(content)
    for info in archive.infolist():
        consumer = consumers.get(info.filename)
        produced = 0
        for chunk in _chunks(view, info, file=file):
            produced += len(chunk)
            total += len(chunk)
            if (
                produced > info.file_size
                or total > limits.MAX_UNCOMPRESSED_BYTES
                or _too_compressed(produced, info.compress_size)
            ):
                raise UnreadableFile("bomb", file=file)
            if consumer is not None:
                consumer.feed(chunk)
        if produced != info.file_size:
            raise UnreadableFile("corrupt", file=file)
        if consumer is not None:
            consumer.close()
    return total


def _too_compressed(size: int, compressed: int) -> bool:
    return size > RATIO_FLOOR and size > limits.MAX_COMPRESSION_RATIO * max(compressed, 1)


def _chunks(view: memoryview, info: zipfile.ZipInfo, *, file: str) -> Iterator[bytes]:
    """The part's uncompressed bytes, CHUNK at a time, whatever its header claims."""
    start = info.header_offset
    header = bytes(view[start : start + _LOCAL_HEADER.size])
    if len(header) < _LOCAL_HEADER.size:
        raise UnreadableFile("truncated", file=file)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise UnreadableFile("corrupt", file=file)
    data_start = start + _LOCAL_HEADER.size + name_length + extra_length
    raw = view[data_start : data_start + info.compress_size]
    if len(raw) < info.compress_size:
        raise UnreadableFile("truncated", file=file)
    if info.compress_type == _STORED:
        for offset in range(0, len(raw), CHUNK):
            yield bytes(raw[offset : offset + CHUNK])
    elif info.compress_type == _DEFLATED:
        yield from _inflate(raw, file=file)
    else:
        # Office and LibreOffice only ever store or deflate; calamine reads nothing else.
        raise UnreadableFile("corrupt", file=file)


def _inflate(raw: memoryview, *, file: str) -> Iterator[bytes]:
    decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
    position = 0
    pending: bytes | memoryview = b""
    try:
        while not decompressor.eof:
            if not pending:
                if position >= len(raw):
                    raise UnreadableFile("truncated", file=file)
                pending = raw[position : position + CHUNK]
                position += len(pending)
            chunk = decompressor.decompress(pending, CHUNK)
            pending = decompressor.unconsumed_tail
            if chunk:
                yield chunk
    except zlib.error as error:
        raise UnreadableFile("corrupt", file=file) from error
