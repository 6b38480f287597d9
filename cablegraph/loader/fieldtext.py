"""Text clean-up shared by the body-field parsers (``fields``, ``references``).

Pure functions, no I/O.  Kept apart from ``text.py`` (the header parser's
helpers) because the field parsers need page-break residue removed and
newline-stripped dumps re-split, which the header parser does not want.
"""
from __future__ import annotations

import re

_PILCROW = "\u00b6"
# Backslash line continuations some dumps carry ("... PALESTINE \\\n") and
# literal "\n" escapes left in text.
_BACKSLASH_NL = re.compile(r"[ \t]*\\+(?=\n)")
_ESCAPED_NL = re.compile(r"\\n(?![a-z])")
# Telegram page-break residue: "CONFIDENTIAL  PAGE 02  ROME 01196 01 OF 02 082030Z".
_PAGE_HEADER = re.compile(
    r"(?:(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\s*)?"
    r"\bPAGE\s+\d{2,3}\s+[A-Z][A-Z ]{1,24}?\s+\d{3,6}\s+(?:\d{2}\s+OF\s+\d{2}\s+)?\d{6}Z\b"
)
# Cable-system page markers: "DUSHANBE 00000870 001.2 OF 002", "PORT AU PR 00002230 001.2 OF 002".
_PAGE_MARKER = re.compile(r"\b[A-Z][A-Z ]{1,24}?\s+\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b")
_ONE_LINE_SPLIT = re.compile(r"[ \t]{2,}")
_WS = re.compile(r"\s+")


def prepare(text: str | None) -> str:
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
        t = _PAGE_HEADER.sub("\n", t)
    if " OF " in t:
        t = _PAGE_MARKER.sub("\n", t)
    if t.count("\n") < 3 and len(t) > 300 and "  " in t:
        t = _ONE_LINE_SPLIT.sub("\n", t)
    return t


def squash(text: str) -> str:
    """Collapse all whitespace runs to one space and trim."""
    return _WS.sub(" ", text).strip()
