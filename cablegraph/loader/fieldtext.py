"""Text clean-up shared by the body-field parsers (``fields``, ``references``).

Pure functions, no I/O.  Kept apart from ``text.py`` (the header parser's
helpers) because the field parsers need page-break residue removed and
newline-stripped dumps re-split, which the header parser does not want.
"""
from __future__ import annotations

import re
from functools import lru_cache

_PILCROW = "\u00b6"
# Backslash line continuations some dumps carry ("... PALESTINE \\\n") and
# literal "\n" escapes left in text.
_BACKSLASH_NL = re.compile(r"[ \t]*\\+(?=\n)")
_ESCAPED_NL = re.compile(r"\\n(?![a-z])")
# Telegram page-break residue: "CONFIDENTIAL  PAGE 02  ROME 01196 01 OF 02 082030Z".
# The patterns start with a literal or a digit run so the regex engine can skip
# ahead quickly; the words before the match are removed by _cut_before.
_PAGE_HEADER = re.compile(r"PAGE\s+\d{2,3}\s+[A-Z][A-Z ]{1,24}?\s+\d{3,6}\s+(?:\d{2}\s+OF\s+\d{2}\s+)?\d{6}Z\b")
_PAGE_HEADER_BEFORE = re.compile(r"(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\s*$")
# Cable-system page markers: "DUSHANBE 00000870 001.2 OF 002", "PORT AU PR 00002230 001.2 OF 002".
# Found by their literal tail ("OF 002": regex engines search literals fast),
# then checked backwards, which is ten times faster than a scan for the digits.
_PAGE_MARKER = re.compile(r"OF\s+\d{3}\b")
_PAGE_MARKER_BEFORE = re.compile(r"(?:^|(?<=\s))[A-Z][A-Z ]{1,24}?\s+\d{8}\s+\d{3}(?:\.\d)?\s+$")


def _cut(text: str, pattern: re.Pattern, before: re.Pattern, lead_required: bool = False) -> str:
    out: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        start = m.start()
        lead = before.search(text, max(last, start - (60 if lead_required else 30)), start)
        if lead:
            start = lead.start()
        elif lead_required:
            continue
        out.append(text[last:start])
        out.append("\n")
        last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


_ONE_LINE_SPLIT = re.compile(r"[ \t]{2,}")


@lru_cache(maxsize=16)
def _prepare_cached(text: str) -> str:
    return _prepare(text)


def prepare(text: str | None) -> str:
    """Cached :func:`_prepare`: the parser calls every field parser on the same text."""
    if not text:
        return ""
    return _prepare_cached(text)


def _prepare(text: str) -> str:
    """Strip pilcrows and page-break residue; keep the line structure.

    Text whose newlines were stripped (mongoexport: one long line) gets its runs
    of two or more spaces turned back into line breaks, which is where they were.
    """
    if not text:
        return ""
    t = text
    if "\r" in t:
        t = t.replace("\r\n", "\n").replace("\r", "\n")
    if _PILCROW in t:
        t = t.replace(_PILCROW, "")
    if "\\" in t:
        t = _ESCAPED_NL.sub("\n", _BACKSLASH_NL.sub("", t))
    if "PAGE" in t:
        t = _cut(t, _PAGE_HEADER, _PAGE_HEADER_BEFORE)
    if " OF " in t:
        t = _cut(t, _PAGE_MARKER, _PAGE_MARKER_BEFORE, lead_required=True)
    if t.count("\n") < 3 and len(t) > 300 and "  " in t:
        t = _ONE_LINE_SPLIT.sub("\n", t)
    return t


def squash(text: str) -> str:
    """Collapse all whitespace runs to one space and trim."""
    return " ".join(text.split())  # str.split's whitespace is \s's; three times faster


def start_of_cue_line(cue: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> int | None:
    """The start of the line of the first hit of ``cue`` in ``text[pos:endpos]``
    (not before ``pos``), or None when there is none.

    For a pattern whose every match starts on the line of a hit of ``cue``, no
    match starts before this: searching from here finds the same matches. A
    pattern led by anchors, lookbehinds or an alternation is tried at every
    character (40-70 ns each in a cable's header); a short literal cue is
    scanned five to ten times faster.
    """
    hit = cue.search(text, pos, len(text) if endpos is None else endpos)
    return None if hit is None else max(pos, text.rfind("\n", 0, hit.start()) + 1)
