"""Scraped text: the body ``<pre>`` of a site page saved as a .txt file.

A third party saved the inner HTML of the body block: ``<code><pre>`` ...
``</pre></code>`` wrappers, paragraph anchors and TAGS links left in, wrapped
lines joined. Some files start with the site's date line
(``Tuesday, 03 July 2001, 12:03``): site metadata, moved to
``site_metadata["created"]``. Some files hold nothing but the site's
"Appears in these articles:" stub: they are rejected.
"""
from __future__ import annotations

import re

from .common import Extracted, NotACable
from .site_markup import pre_markup_to_text, split_site_dateline

_OPEN_WRAPPER = re.compile(r"\s*(?:<code>\s*)?<pre(?:\s[^>]*)?>", re.I)
_CLOSE_WRAPPER = re.compile(r"</pre>\s*(?:</code>)?\s*$", re.I)
_ARTICLES_STUB = "Appears in these articles:"


def extract_scraped(text: str) -> Extracted:
    opened = _OPEN_WRAPPER.match(text)
    if opened is None and text.lstrip().startswith(_ARTICLES_STUB):
        raise NotACable("site stub 'Appears in these articles:' without cable text")
    body = text
    if opened:
        body = body[opened.end():]
        closed = _CLOSE_WRAPPER.search(body)
        if closed is None:
            raise NotACable("truncated scraped text: <pre> has no closing </pre>")
        body = body[: closed.start()]
    created, body = split_site_dateline(pre_markup_to_text(body))
    if not body.strip():
        raise NotACable("scraped text without cable text")
    return Extracted(body, None, {"created": created} if created else None)
