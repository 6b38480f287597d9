"""The official ``cables.csv`` dump, read as a stream of lines.

No header row; 8 quoted columns: id, date (M/D/YYYY H:MM), reference id,
origin, classification, references (joined by ``|``), header, content.
Fields span lines; quotes inside fields are escaped MySQL-style with a
backslash (``\\"``), not doubled, so Python's ``csv`` module cannot read it.

The dump is 1.7 GB: :func:`iter_rows` holds one row at a time (and gives up
on a row larger than ``max_row_chars``). A row broken by a stray quote must
not swallow the rest of the file, so the reader resynchronises on the next
line that starts a row (``"123","1/2/2006 12:34","06XYZ123",``), reports the
broken row with its first line and cable ID, and goes on.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .common import MAX_CABLE_CHARS, Extracted, iso_from_us_datetime

N_FIELDS = 8
ROW_START = re.compile(r'"(\d+)","(\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2})","([^"\\\n]*)",')
# Field content up to the next unescaped quote (or the end of the line).
_QUOTED_CHUNK = re.compile(r'(?:[^"\\]|\\.)*', re.S)
# A whole row: 8 quoted fields, then only blanks to the next row.
# (The field pattern is the unrolled loop "[^"\\]*(?:\\.[^"\\]*)*": ten times faster
# than an alternation tried at every character.)
_WHOLE_ROW = re.compile(",".join([r'"([^"\\]*(?:\\.[^"\\]*)*)"'] * N_FIELDS) + r"\s*\Z", re.S)
_ESCAPE = re.compile(r"\\(.)", re.S)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "'": "'", "\\": "\\"}


@dataclass
class CsvRow:
    line: int  # 1-based line where the row starts
    fields: list[str]  # the 8 columns, unescaped


@dataclass
class CsvRowError:
    line: int
    cable_id: str | None
    reason: str


def iter_rows(lines: Iterable[str], max_row_chars: int = 2 * MAX_CABLE_CHARS) -> Iterator[CsvRow | CsvRowError]:
    """Rows and broken rows of a dump given as lines (each ending in ``\\n``).

    Lines are gathered from one row start to the next and each row is read
    with one regular expression; only a row that does not match is walked
    field by field, to say what is wrong with it.
    """
    chunk: list[str] = []
    first_line = 0
    size = 0
    skipping = False  # text outside any row, or a row grown too large: wait for a row start
    for number, line in enumerate(lines, 1):
        if line.startswith('"') and ROW_START.match(line):
            if chunk:
                yield _row(chunk, first_line, next_row_line=number)
            chunk, first_line, size, skipping = [line], number, len(line), False
            continue
        if skipping:
            continue
        if not chunk:
            if line.strip():
                yield CsvRowError(number, None, "text outside any row (expected a row starting \"id\",\"date\",...)")
                skipping = True
            continue
        chunk.append(line)
        size += len(line)
        if size > max_row_chars:
            yield CsvRowError(first_line, _chunk_id(chunk), f"row longer than {max_row_chars} characters")
            chunk, skipping = [], True
    if chunk:
        yield _row(chunk, first_line, next_row_line=None)


def _chunk_id(chunk: list[str]) -> str | None:
    match = ROW_START.match(chunk[0])
    return (match.group(3) or None) if match else None


def _row(chunk: list[str], line: int, next_row_line: int | None) -> CsvRow | CsvRowError:
    match = _WHOLE_ROW.match("".join(chunk))
    if match:
        return CsvRow(line, [_unescape(value) for value in match.groups()])
    return _diagnose(chunk, line, next_row_line)


def _diagnose(chunk: list[str], line: int, next_row_line: int | None) -> CsvRowError:
    """Why a row does not parse, found by walking it field by field."""
    parser = _RowParser(line, _chunk_id(chunk))
    for offset, text in enumerate(chunk):
        if parser.complete:
            if text.strip():
                return parser.error(f"unescaped quote ended the row early (text goes on at line {line + offset})")
            continue
        problem = parser.feed(text)
        if problem is not None:
            return parser.error(problem)
    if next_row_line is None:
        return parser.error("unterminated quoted field at end of input")
    return parser.error("unterminated quoted field: the next row starts at line %d" % next_row_line)


def row_to_cable(row: CsvRow) -> Extracted:
    _, date, reference_id, origin, classification, references, header, content = row.fields
    metadata = {
        "created": iso_from_us_datetime(date) or date,
        "classification": classification,
        "origin": origin,
        "references": [ref for ref in references.split("|") if ref],
    }
    return Extracted(header + "\n\n" + content, reference_id or None, metadata)


def _unescape(value: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), value)


@dataclass
class _RowParser:
    line: int
    cable_id: str | None
    fields: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # chunks of the open field
    in_quotes: bool = False
    complete: bool = False
    size: int = 0

    def feed(self, line: str) -> str | None:
        """Consume one line; return a reason if the row is broken."""
        self.size += len(line)
        pos = 0
        if not self.in_quotes:  # first line of the row
            if not line.startswith('"'):
                return "row does not start with a quoted field"
            pos, self.in_quotes = 1, True
        while True:
            chunk = _QUOTED_CHUNK.match(line, pos)
            self.pending.append(chunk.group())
            pos = chunk.end()
            if pos >= len(line):
                return None  # the field goes on in the next line
            if line[pos] == "\\":  # a lone backslash at the very end of input
                self.pending.append("\\")
                return None
            # line[pos] is the quote closing the field
            self.fields.append(_unescape("".join(self.pending)))
            self.pending, self.in_quotes = [], False
            pos += 1
            rest = line[pos:]
            if rest.strip() == "":
                if len(self.fields) != N_FIELDS:
                    return f"row ends after {len(self.fields)} fields, expected {N_FIELDS} (stray quote?)"
                self.complete = True
                return None
            if len(self.fields) >= N_FIELDS:
                return f"more than {N_FIELDS} fields (stray quote?)"
            if not rest.startswith(',"'):
                return f"unescaped quote inside field {len(self.fields)}"
            pos, self.in_quotes = pos + 2, True

    def result(self) -> CsvRow:
        return CsvRow(self.line, self.fields)

    def error(self, reason: str) -> CsvRowError:
        cable_id = self.fields[2] if len(self.fields) > 2 else self.cable_id
        return CsvRowError(self.line, cable_id or None, reason)
