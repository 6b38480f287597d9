"""Undo what the WikiLeaks Cablegate site added to the telegram text.

The site served each cable inside ``<pre>`` blocks and decorated the text:

* a paragraph anchor ``<a id='par1' href='#par1'>¶</a>`` before numbered
  (and some lettered) paragraphs: removed entirely, ``¶`` included;
* TAGS codes as links ``<a href='/tag/PREL_0.html'>PREL</a>``: reduced to text;
* a few other tags (``<br>``, leftover ``</td></tr></table>``): reduced to text;
* newlines as ``&#x000A;`` and other entities: decoded;
* in newspaper-sourced texts, a first line with the site's date
  (``Tuesday, 03 July 2001, 12:03``): split off by :func:`split_site_dateline`.

Only real HTML element names count as markup. Cables contain text such as
``<<Israel>>`` or ``<<220571>>`` that an HTML parser would swallow as
unknown tags; here it stays text. That is why this is a small tokenizer and
not ``html.parser``.
"""
from __future__ import annotations

import html
import re
from datetime import datetime

PILCROW = "\u00b6"

# Paragraph anchor, in both spellings the pages use: href='#par1' and
# href='05THEHAGUE2309.html#par1'.
_PARAGRAPH_ANCHOR = re.compile(
    r"""<a\s+id=['"]par[^'"]*['"][^>]*>\s*(?:\u00b6|&para;|&#182;|&#xb6;)?\s*</a>""",
    re.IGNORECASE,
)
# <br> followed by the newline it stands for: keep one newline, not two.
_BREAK = re.compile(r"<br\s*/?>(?:&#x0*a;|&#0*10;|\n)?", re.IGNORECASE)
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")
_HTML_ELEMENTS = frozenset(
    "a abbr b big blockquote body br center code dd div dl dt em font h1 h2 h3 h4 "
    "h5 h6 head hr html i img li ol p pre s small span strike strong sub sup table "
    "tbody td tfoot th thead title tr tt u ul".split()
)

_DATELINE = re.compile(
    r"[ \t]*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), "
    r"(\d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2})[ \t]*(?:\n|$)"
)


def pre_markup_to_text(fragment: str) -> str:
    """The telegram text of a ``<pre>`` block's inner HTML."""
    text = _PARAGRAPH_ANCHOR.sub("", fragment)
    text = _BREAK.sub("\n", text)
    text = _TAG.sub(_tag_replacement, text)
    return html.unescape(text)


def _tag_replacement(match: re.Match[str]) -> str:
    return "" if match.group(1).lower() in _HTML_ELEMENTS else match.group(0)


def remove_pilcrows(text: str) -> str:
    """Drop ``¶``: a site insertion (also baked into PDF/tika texts), never telegram text."""
    return text.replace(PILCROW, "")


def split_site_dateline(text: str) -> tuple[str | None, str]:
    """Split a leading ``Tuesday, 03 July 2001, 12:03`` line off ``text``.

    Returns (``"2001-07-03 12:03"`` or None, the rest of the text).
    """
    match = _DATELINE.match(text)
    if not match:
        return None, text
    try:
        when = datetime.strptime(match.group(1), "%d %B %Y, %H:%M")
    except ValueError:
        return None, text
    return when.strftime("%Y-%m-%d %H:%M"), text[match.end():]
