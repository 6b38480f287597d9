"""Telling a SPARQL Update from a query by its first keyword (outside strings,
IRIs and comments), before anything runs."""
from __future__ import annotations

import re

from cablegraph.sparql_text import code_only

_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s*)\s*)*", re.IGNORECASE)
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


def is_update(text: str) -> bool:
    """True when the text is a SPARQL Update request (``INSERT DATA``, ``LOAD``, ``DROP`` ...)."""
    code = code_only(text)
    # IRIs were blanked to spaces, so "PREFIX cg: <...>" is now "PREFIX cg:    "
    start = _PROLOGUE.match(code).end()
    return bool(_UPDATE.match(code, start))
