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
    """Rows and broken rows of a dump given as lines (each ending in ``\\n``)."""
    row: _RowParser | None = None
    finished: CsvRow | None = None  # held until the next line shows it really ended
    skipping = False  # after an error: drop lines until the next row start
    for number, line in enumerate(lines, 1):
        starts_row = ROW_START.match(line) is not None
        if finished is not None:
            if not line.strip():
                continue  # blank lines between rows: decide at the next text
            if starts_row:
                yield finished
            else:
                yield _error_for(finished, f"unescaped quote ended the row early (text goes on at line {number})")
                skipping = True
            finished = None
        if row is not None and starts_row:
            yield row.error("unterminated quoted field: the next row starts at line %d" % number)
            row = None
        if row is None:
            if starts_row:
                row, skipping = _RowParser(number, ROW_START.match(line).group(3)), False
            elif skipping or not line.strip():
                continue
            else:
                yield CsvRowError(number, None, "text outside any row (expected a row starting \"id\",\"date\",...)")
                skipping = True
                continue
        problem = row.feed(line)
        if problem is None and row.size > max_row_chars:
            problem = f"row longer than {max_row_chars} characters"
        if problem is not None:
            yield row.error(problem)
            row, skipping = None, True
        elif row.complete:
            finished, row = row.result(), None
    if finished is not None:
        yield finished
    if row is not None:
        yield row.error("unterminated quoted field at end of input")


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


def _error_for(row: CsvRow, reason: str) -> CsvRowError:
    return CsvRowError(row.line, row.fields[2] or None, reason)


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
