"""SUBJECT: the subject line, continuation lines joined."""
from __future__ import annotations

import html
import re

from cablegraph.loader.fieldtext import prepare, squash, start_of_cue_line
from cablegraph.loader.fields.common import HEAD as _HEAD, MARKING as _MARKING


_SUBJECT_START = re.compile(r"(?im)(?:^|(?<=\s))S?UBJ(?:ECT)?\s*:[ \t]*|^[ \t]*SUBJECT[ \t]+(?=\S)")
_SUBJECT_CUE = re.compile(r"(?i)ubj")  # in every subject start, on its line
# Where a subject stops inside a line.
_SUBJECT_STOP = re.compile(
    r"(?:REF(?:S|TEL|TELS|ERENCES?|\(S\))?\s*:|(?i:\bRef\(s\)\s*:)"
    r"|(?i:\bclassified\s+by\b)|(?i:\bsensitive\s+but\s+unclassified\b)"
    r"|\s\d{1,2}\s?\.\s?\((?:U|C|S|SBU|S/NF|C/NF)\)"
    r"|\bC O N F I D E N T I A L\b|\bS E C R E T\b|\bU N C L A S"
    r"|\bE\.\s?O\.\s?1\d{4}|\bSIPDIS\b)"
)
_SUBJECT_NEXT_STOP = re.compile(
    r"(?i)^\s*(?:REF\b|REFS\b|REFTEL|REFERENCE|RE:|CLASSIFIED|SUMMARY|BEGIN SUMMARY|E\.?\s?O\.?\s|TAGS\b"
    r"|SIPDIS|SENSITIVE|\d{1,2}\s*\.(?:\s|\(|$)|\(\w{1,4}(?:/\w{1,4})?\)\s|[-=_]{3,}|[A-Z](?: [A-Z]){4,}"
    r"|THIS IS |PLEASE |ACTION REQUEST|DEPT FOR|FOR\s+[A-Z/]+\s*$)"
)
_CONNECTIVE_END = re.compile(
    r"(?i)(?:[,:;\-/&]|\b(?:AND|OR|OF|THE|A|AN|TO|IN|ON|FOR|WITH|UNDER|DURING|AT|BY|FROM|ABOUT|AS|ITS|HIS|HER|THEIR|OVER|INTO|VS\.?|'S))\s*$"
)
_LEADING_MARKING = re.compile(r"^\(\s*" + _MARKING + r"\s*\)\s*", re.I)
_TRAILING_MARKING = re.compile(r"\s*\(\s*" + _MARKING + r"\s*\)\s*$", re.I)


def parse_subject(text: str, clean: bool = True) -> str | None:
    """The SUBJECT line(s), continuation lines joined, whitespace normalised.

    With ``clean`` (the default) a classification marking in front of or behind
    the subject (``(C)``, ``(SBU)``, ``(S/NF)``) is removed.
    """
    t = prepare(text)
    start = start_of_cue_line(_SUBJECT_CUE, t, 0, _HEAD)
    m = None if start is None else _SUBJECT_START.search(t, start, _HEAD)
    if not m:
        return None
    lines = t[m.end():m.end() + 2000].split("\n")
    parts: list[str] = []
    caps = None
    for k, line in enumerate(lines):
        if k > 0:
            if not line.strip() or _SUBJECT_NEXT_STOP.match(line):
                break
            prev = parts[-1].rstrip()
            stop_here = _SUBJECT_STOP.search(line)
            line_has_lower = any(c.islower() for c in (line[: stop_here.start()] if stop_here else line))
            if caps and line_has_lower:
                break  # an ALL-CAPS subject does not go on in mixed case
            if len(prev) + (len("SUBJECT: ") if k == 1 else 0) < 45 and not _CONNECTIVE_END.search(prev):
                break  # a short line was not wrapped
        stop = _SUBJECT_STOP.search(line)
        segment = line[: stop.start()] if stop else line
        parts.append(segment)
        if k == 0:
            letters = [c for c in segment if c.isalpha()]
            caps = bool(letters) and not any(c.islower() for c in letters)
        if stop:
            break
    subject = squash(" ".join(parts))
    if "&" in subject:
        subject = html.unescape(subject)
    if clean:
        subject = _LEADING_MARKING.sub("", subject)
        subject = _TRAILING_MARKING.sub("", subject)
    subject = subject.strip()
    return subject or None
