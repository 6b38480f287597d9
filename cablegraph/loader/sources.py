"""Whatever file a user holds -> cable texts for the parser.

``iter_cable_texts(paths)`` walks files, directories (recursively, sorted),
``.gz`` and ``.zip`` archives (nested up to :data:`MAX_ARCHIVE_DEPTH`), sniffs
each input's format from its first bytes (:mod:`.sniff`) and yields one
:class:`CableText` per cable, or a :class:`Rejection` (with a one-line
reason) for input that is not usable: empty, binary, truncated, unknown,
oversized. It never raises for bad input.

This is the only module that opens files. The format readers are pure:
:mod:`.html_page`, :mod:`.scraped_text`, :mod:`.mongo_json`, :mod:`.cables_csv`.
Streamed formats (the CSV dump, JSON lines) are read line by line, so a
1.7 GB ``cables.csv`` (or its ``.gz``) never sits in memory.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..record import Source
from . import cables_csv, html_page, mongo_json, scraped_text
from .common import MAX_CABLE_CHARS, Extracted, NotACable
from .encoding import decode_text, normalise_newlines
from .site_markup import remove_pilcrows
from .sniff import SNIFF_BYTES, sniff

#: Largest single-cable file (site page, text, JSON record): the cable plus
#: up to 1 MB of page template (the biggest real page wrapper is ~195 KB).
MAX_FILE_BYTES = MAX_CABLE_CHARS + 1_000_000
#: A zip inside another archive is unpacked in memory, up to this size.
MAX_NESTED_ZIP_BYTES = 256 * 1024 * 1024
MAX_ARCHIVE_DEPTH = 4

# What reading a damaged file or archive raises (gzip.BadGzipFile is an OSError).
_READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile, zipfile.LargeZipFile)


@dataclass
class CableText:
    text: str
    source: Source


@dataclass
class Rejection:
    path: str
    reason: str
    line: int | None = None
    cable_id: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        who = f" {self.cable_id}:" if self.cable_id else ""
        return f"{where}:{who} {self.reason}"


def iter_cable_texts(paths: Iterable[str | os.PathLike]) -> Iterator[CableText | Rejection]:
    for path in paths:
        path = os.fspath(path)
        if os.path.isdir(path):
            yield from _iter_directory(path)
        elif os.path.exists(path):
            yield from _iter_file(path)
        else:
            yield Rejection(path, "no such file or directory")


def read_cable_texts_from_bytes(data: bytes, path: str) -> Iterator[CableText | Rejection]:
    """The cables in ``data``, read as if it were the file ``path`` (archive members, tests)."""
    return _read_stream(io.BytesIO(data), path, depth=0, seekable=True)


def _iter_directory(directory: str) -> Iterator[CableText | Rejection]:
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            yield from _iter_file(os.path.join(root, name))


def _iter_file(path: str) -> Iterator[CableText | Rejection]:
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield Rejection(path, f"cannot open: {exc.strerror or exc}")
        return
    with stream:
        yield from _read_stream(stream, path, depth=0, seekable=True)


def _read_stream(stream: BinaryIO, path: str, depth: int, seekable: bool = False) -> Iterator[CableText | Rejection]:
    """Sniff ``stream`` and read it by its format; ``seekable`` lets a zip be read in place."""
    lines: _LineReader | None = None
    try:
        head = stream.read(SNIFF_BYTES)
        kind, reason = sniff(head)
        if kind is None:
            yield Rejection(path, reason or "unusable input")
            return
        if kind in ("gzip", "zip") and depth >= MAX_ARCHIVE_DEPTH:
            yield Rejection(path, f"archives nested more than {MAX_ARCHIVE_DEPTH} deep")
            return
        if kind == "zip":
            yield from _read_zip(stream, head, path, depth, seekable)
            return
        rest = _rewound(head, stream)
        if kind == "gzip":
            yield from _read_stream(gzip.GzipFile(fileobj=rest, mode="rb"), path, depth + 1)
        elif kind == "cables-csv":
            lines = _LineReader(rest, max_line_bytes=2 * MAX_CABLE_CHARS)
            yield from _read_csv(lines, path)
        elif kind == "mongoexport-json":
            lines = _LineReader(rest, max_line_bytes=MAX_FILE_BYTES)
            yield from _read_json(lines, path)
        else:
            data = rest.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                yield Rejection(path, f"file larger than {MAX_FILE_BYTES:,} bytes, more than any real cable")
                return
            yield _read_single(kind, decode_text(data), path)
    except _READ_ERRORS as exc:
        line = lines.lineno if lines is not None and lines.lineno else None
        yield Rejection(path, f"truncated or unreadable data: {exc}", line=line)


def _read_single(kind: str, text: str, path: str) -> CableText | Rejection:
    try:
        if kind == "html":
            return _cable(html_page.extract_page(text), path, html_page.page_format(text))
        if kind == "scraped-text":
            return _cable(scraped_text.extract_scraped(text), path, kind)
        return _cable(Extracted(text), path, "raw-text")
    except NotACable as exc:
        return Rejection(path, str(exc))


def _read_csv(lines: _LineReader, path: str) -> Iterator[CableText | Rejection]:
    for item in cables_csv.iter_rows(lines):
        if isinstance(item, cables_csv.CsvRowError):
            yield Rejection(path, item.reason, line=item.line, cable_id=item.cable_id)
        else:
            yield _cable(cables_csv.row_to_cable(item), path, "cables-csv", line=item.line)


def _read_json(lines: _LineReader, path: str) -> Iterator[CableText | Rejection]:
    """JSON lines (mongoexport's default), or one JSON object or array spread over lines."""
    first = next(iter(lines), "")
    try:
        records: list[tuple[int | None, object]] = [(1, json.loads(first))]
        rest: Iterable[str] = lines
    except json.JSONDecodeError:
        whole = first + "".join(_capped(lines, MAX_FILE_BYTES - len(first)))
        try:
            value = json.loads(whole)
        except (json.JSONDecodeError, _TooLarge) as exc:
            yield Rejection(path, f"invalid or truncated JSON: {exc}")
            return
        records = [(None, item) for item in (value if isinstance(value, list) else [value])]
        rest = ()
    for line, record in records:
        yield _json_record(record, path, line)
    for line_text in rest:
        if not line_text.strip():
            continue
        try:
            record = json.loads(line_text)
        except json.JSONDecodeError as exc:
            yield Rejection(path, f"invalid or truncated JSON record: {exc.msg}", line=lines.lineno)
            continue
        yield _json_record(record, path, lines.lineno)


def _json_record(record: object, path: str, line: int | None) -> CableText | Rejection:
    try:
        return _cable(mongo_json.record_to_cable(record), path, "mongoexport-json", line=line)
    except NotACable as exc:
        return Rejection(path, str(exc), line=line)


def _read_zip(stream: BinaryIO, head: bytes, path: str, depth: int, seekable: bool) -> Iterator[CableText | Rejection]:
    if seekable:
        stream.seek(0)
        archive_file: BinaryIO = stream
    else:  # a zip inside an archive: zipfile needs random access
        data = head + stream.read(MAX_NESTED_ZIP_BYTES + 1 - len(head))
        if len(data) > MAX_NESTED_ZIP_BYTES:
            yield Rejection(path, f"nested zip archive larger than {MAX_NESTED_ZIP_BYTES:,} bytes")
            return
        archive_file = io.BytesIO(data)
    with zipfile.ZipFile(archive_file) as archive:
        members = sorted((info for info in archive.infolist() if not info.is_dir()), key=lambda info: info.filename)
        if not members:
            yield Rejection(path, "zip archive without files")
        for info in members:
            member_path = f"{path}!{info.filename}"
            try:
                with archive.open(info) as member:
                    yield from _read_stream(member, member_path, depth + 1)
            except (*_READ_ERRORS, RuntimeError, NotImplementedError) as exc:  # encrypted, odd compression
                yield Rejection(member_path, f"unreadable zip member: {exc}")


def _cable(extracted: Extracted, path: str, fmt: str, line: int | None = None) -> CableText | Rejection:
    text = remove_pilcrows(normalise_newlines(extracted.text))
    if len(text) > MAX_CABLE_CHARS:
        return Rejection(path, f"cable text longer than {MAX_CABLE_CHARS:,} characters, more than any real cable",
                         line=line, cable_id=extracted.given_id)
    if not text.strip():
        return Rejection(path, "no cable text", line=line, cable_id=extracted.given_id)
    source = Source(path=path, format=fmt, given_id=extracted.given_id or _id_in_file_name(path), line=line,
                    site_metadata=extracted.site_metadata)
    return CableText(text, source)


_FILE_NAME_ID = re.compile(r"^(\d{2}[A-Z][A-Z0-9-]*?\d+)(?:\.[a-z]+)+$")


def _id_in_file_name(path: str) -> str | None:
    """``.../06DUSHANBE870.txt`` names the cable 06DUSHANBE870 (as users save them)."""
    match = _FILE_NAME_ID.match(path.rsplit("/", 1)[-1].rsplit("!", 1)[-1])
    return match[1] if match else None


class _TooLarge(ValueError):
    pass


def _capped(lines: Iterable[str], budget: int) -> Iterator[str]:
    for line in lines:
        budget -= len(line)
        if budget < 0:
            raise _TooLarge(f"more than {MAX_FILE_BYTES:,} bytes")
        yield line


class _LineReader:
    """Decoded lines (``\\n``-terminated) of a binary stream, counting them.

    A physical line longer than ``max_line_bytes`` is cut there and the rest
    of it skipped, so memory stays bounded whatever the input.
    """

    def __init__(self, stream: BinaryIO, max_line_bytes: int):
        self._stream = stream
        self._max = max_line_bytes
        self.lineno = 0

    def __iter__(self) -> Iterator[str]:
        while True:
            raw = self._stream.readline(self._max + 1)
            if not raw:
                return
            if len(raw) > self._max and not raw.endswith(b"\n"):
                self._skip_rest_of_line()
            self.lineno += 1
            yield decode_text(raw)

    def _skip_rest_of_line(self) -> None:
        while True:
            chunk = self._stream.readline(1 << 20)
            if not chunk or chunk.endswith(b"\n"):
                return


class _Rewound(io.RawIOBase):
    """A stream whose first bytes were already read for sniffing, put back in front."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head = head
        self._offset = 0
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._offset < len(self._head):
            size = min(len(buffer), len(self._head) - self._offset)
            buffer[:size] = self._head[self._offset:self._offset + size]
            self._offset += size
            return size
        data = self._stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _rewound(head: bytes, stream: BinaryIO) -> io.BufferedReader:
    return io.BufferedReader(_Rewound(head, stream))
