"""Format detection from a file's first bytes (never from its name alone).

:func:`sniff` returns a :class:`Sniffed` whose ``kind`` is a container
(``"gzip"``, ``"zip"``), a record format (``"html"``, ``"scraped-text"``,
``"mongoexport-json"``, ``"cables-csv"``, ``"raw-text"``), or None with the
reason the input is unusable. HTML pages get their precise layout name from
:func:`cablegraph.loader.html_page.page_format` once the page is read.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .cables_csv import ROW_START
from .encoding import decode_text

#: How much of a file the sniffer looks at.
SNIFF_BYTES = 64 * 1024

_GZIP_MAGIC = b"\x1f\x8b"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")

_HTML_PAGE = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!DOCTYPE\s+html|<html)", re.I)
_SCRAPED = re.compile(r"\s*(?:<code>\s*<pre|<pre>|Appears in these articles:)", re.I)
_SITE_MARKUP = re.compile(r"""<a\s+(?:id=['"]par|href=['"][./]*tag/)""", re.I)
_JSON_RECORD = re.compile(r'\s*\[?\s*\{\s*"(?:_id|body|origin|date_time|classification)"\s*:')
_CLASSIFICATION = r"(?:UNCLAS|UNCLASSIFIED|CONFIDENTIAL|SECRET|C O N F I D E N T I A L|S E C R E T|LIMITED OFFICIAL USE)"
# Telegram landmarks, each counted once: a raw-text file shows at least two.
_TELEGRAM_MARKERS = [
    re.compile(r"^VZCZC", re.M),
    re.compile(r"\b\d{6}Z [A-Z]{3} \d{2}\b"),  # date-time group: 111647Z MAY 06
    re.compile(r"^FM [A-Z]", re.M),
    re.compile(r"^TO [A-Z]", re.M),
    re.compile(r"^\s*TAGS\b", re.M),
    re.compile(r"^\s*SUBJ(?:ECT)?\b", re.M),
    re.compile(r"^\s*E\.?\s?O\.? ?1[123]\d{3}", re.M),
    re.compile(rf"^\s*{_CLASSIFICATION}\b", re.M),
]


class Sniffed(NamedTuple):
    kind: str | None
    reason: str | None = None  # why the input is unusable, when kind is None


def sniff(head: bytes) -> Sniffed:
    if head.startswith(_GZIP_MAGIC):
        return Sniffed("gzip")
    if head.startswith(_ZIP_MAGICS):
        return Sniffed("zip")
    if not head.strip():
        return Sniffed(None, "empty file")
    if head.startswith(_UTF16_BOMS):
        return Sniffed(None, "UTF-16 text: save it as UTF-8 (or cp1252) first")
    if _looks_binary(head):
        return Sniffed(None, "binary file, not cable text")
    text = decode_text(head)
    if _HTML_PAGE.match(text):
        return Sniffed("html")
    if _SCRAPED.match(text):
        return Sniffed("scraped-text")
    if _JSON_RECORD.match(text):
        return Sniffed("mongoexport-json")
    if ROW_START.match(text):
        return Sniffed("cables-csv")
    if _SITE_MARKUP.search(text):
        return Sniffed("scraped-text")
    if sum(1 for marker in _TELEGRAM_MARKERS if marker.search(text)) >= 2:
        return Sniffed("raw-text")
    return Sniffed(None, "not a recognised cable format (no telegram header, site page, CSV row or JSON record)")


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    return controls > len(head) // 100
