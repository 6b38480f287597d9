"""Cablegate site pages (HTML) -> cable text, given ID and site metadata.

All the page layouts seen (the 2010-11 torrent, the 2010-12 mirrors, the
wikileaks.org pages of early 2011 and the 2011-08-30 full release) share one
template: a metadata table ``<table class='cable'>`` (reference ID, created,
released, classification, origin), then the cable in two ``<code><pre>``
blocks, header then body. In partial extracts the first block is the sentence
"This record is a partial extract of the original cable..."; it is kept, the
parser uses it. What differs between the layouts is the site navigation pane,
which tells which snapshot of the site the page is (see :func:`page_format`).
"""
from __future__ import annotations

import html
import re

from .common import Extracted, NotACable
from .site_markup import pre_markup_to_text, split_site_dateline

FULL_RELEASE_COUNT = 251287

_META_TABLE = re.compile(r"""<table\s+class=['"]cable['"]\s*>(.*?)</table>""", re.S | re.I)
_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S | re.I)
_CELL = re.compile(r"<t([hd])[^>]*>(.*?)</t[hd]>", re.S | re.I)
_PRE = re.compile(r"<pre(?:\s[^>]*)?>(.*?)</pre>", re.S | re.I)
_PRE_OPEN = re.compile(r"<pre[\s>]", re.I)
_ANY_TAG = re.compile(r"<[^<>]*>")
_RELEASED_COUNT = re.compile(r"Currently released so far\.\.\.\s*(\d+)\s*/")
_RELEASE_MONTH = re.compile(r"rdate_(\d{4})(\d{2})|/reldate/(\d{4})-(\d{2})")

_HEADER_KEYS = {
    "reference id": "reference_id",
    "created": "created",
    "released": "released",
    "classification": "classification",
    "origin": "origin",
}


def extract_page(page: str) -> Extracted:
    """Cable text, reference ID and metadata table of one site page.

    Raises NotACable for a page without ``<pre>`` blocks or with a ``<pre>``
    that is never closed (a truncated download).
    """
    opened = len(_PRE_OPEN.findall(page))
    blocks = _PRE.findall(page)
    if opened == 0:
        raise NotACable("HTML page without cable <pre> blocks")
    if len(blocks) < opened:
        raise NotACable("truncated HTML page: a <pre> block has no closing </pre>")

    texts = [pre_markup_to_text(block) for block in blocks]
    metadata = _metadata_table(page)
    dateline, texts[-1] = split_site_dateline(texts[-1])
    if dateline:
        metadata = {**(metadata or {}), "dateline": dateline}
    given_id = metadata.pop("reference_id", None) if metadata else None
    return Extracted("\n\n".join(texts), given_id or None, metadata)


def page_format(page: str) -> str:
    """Which site snapshot a page comes from, read off its navigation pane.

    * ``html-cablegate-2011``: the counter shows all 251,287 cables released,
      i.e. the site after the 2011-08-30 full release;
    * ``html-wikileaks-2011``: the wikileaks.org pages of January-August
      2011, with an "Articles" box and release links into 2011;
    * ``html-cablegate-2010``: the rest, the 2010-11 torrent pages (no
      "Articles" box) and the 2010-12 mirror pages.
    """
    table_at = page.find("<table class='cable'>")
    nav = page[:table_at] if table_at > 0 else page
    count = _RELEASED_COUNT.search(nav)
    if count and int(count.group(1)) >= FULL_RELEASE_COUNT:
        return "html-cablegate-2011"
    months = [a + b if a else c + d for a, b, c, d in _RELEASE_MONTH.findall(nav)]
    if "<h3>Articles</h3>" in nav and months and max(months) >= "201101":
        return "html-wikileaks-2011"
    return "html-cablegate-2010"


def _metadata_table(page: str) -> dict[str, str] | None:
    """The site's metadata table as {"reference_id", "created", ...}, or None."""
    table = _META_TABLE.search(page)
    if not table:
        return None
    headers: list[str] = []
    for row in _ROW.findall(table.group(1)):
        cells = _CELL.findall(row)
        if cells and all(kind.lower() == "h" for kind, _ in cells):
            headers = [_cell_text(text).lower() for _, text in cells]
        elif headers and len(cells) == len(headers):
            values = [_cell_text(text) for _, text in cells]
            return {
                _HEADER_KEYS.get(name, name.replace(" ", "_")): value
                for name, value in zip(headers, values)
            }
    return None


def _cell_text(cell: str) -> str:
    return " ".join(html.unescape(_ANY_TAG.sub("", cell)).split())
