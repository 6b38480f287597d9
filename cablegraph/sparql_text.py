"""Reading SPARQL text without parsing it: where its code is, outside strings,
IRIs and comments. Used to find a query's parameters and where a ``VALUES``
block goes; values themselves never pass through here."""
from __future__ import annotations

import re
from typing import Callable

# strings (long forms first), IRI references and comments: the spans that are not code
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*",
    re.DOTALL,
)
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_]+)")
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_PREFIX = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


class QueryTextError(ValueError):
    """The text is not a query this module can place parameters in."""


def code_only(text: str) -> str:
    """The text with strings, IRIs and comments blanked (same length, same offsets)."""
    return _NOT_CODE.sub(lambda m: " " * len(m.group()), text)


def variables(text: str) -> list[str]:
    """Names of the variables the query uses, in order of first use."""
    return list(dict.fromkeys(_VARIABLE.findall(code_only(text))))


def query_form(text: str) -> str:
    match = _FORM.search(code_only(text))
    if not match:
        raise QueryTextError("no SELECT, ASK, CONSTRUCT or DESCRIBE in the query")
    return match.group(1).upper()


def declared_prefixes(text: str) -> set[str]:
    return {name or "" for name in _PREFIX.findall(code_only(text))}


def _matching_brace(code: str, start: int, depth: int = 0) -> int:
    """The offset of the brace that closes the one at ``start`` (or, with
    ``depth=1``, the group ``start`` lies in)."""
    for position in range(start, len(code)):
        if code[position] == "{":
            depth += 1
        elif code[position] == "}":
            depth -= 1
            if depth == 0:
                return position
    raise QueryTextError("unbalanced braces in the query")


def where_group(text: str) -> tuple[int, int]:
    """Offsets of the opening and closing braces of the query's WHERE group."""
    code = code_only(text)
    form = _FORM.search(code)
    if not form:
        raise QueryTextError("no SELECT, ASK, CONSTRUCT or DESCRIBE in the query")
    start = code.find("{", form.end())
    if start < 0:
        raise QueryTextError("the query has no WHERE group")
    if form.group(1).upper() == "CONSTRUCT" and not re.match(r"\s*WHERE\b", code[form.end():], re.IGNORECASE):
        start = code.find("{", _matching_brace(code, start) + 1)  # skip the template
        if start < 0:
            raise QueryTextError("the query has no WHERE group")
    return start, _matching_brace(code, start)


_SUB_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)


def _where_groups(text: str) -> list[tuple[int, list[str]]]:
    """For the query's WHERE group and each sub-select's: the offset of its
    opening brace and the variables of its own level (its GROUP BY and HAVING
    included, its sub-selects' left out: those bind their own)."""
    code = code_only(text)
    outer_start, _ = where_group(text)
    spans = []
    for select in _SUB_SELECT.finditer(code, outer_start):
        brace = code.find("{", select.end())
        if brace < 0:
            raise QueryTextError("a sub-select has no WHERE group")
        spans.append((brace, select.start(), _matching_brace(code, select.start(), depth=1)))
    groups = []
    for start, scope_start, scope_end in [(outer_start, 0, len(text)), *spans]:
        own = list(text[scope_start:scope_end])
        for _, inner_start, inner_end in spans:
            if scope_start < inner_start and inner_end <= scope_end:  # a sub-select within this level
                own[inner_start - scope_start:inner_end - scope_start] = " " * (inner_end - inner_start)
        groups.append((start, variables("".join(own))))
    return groups


def insert_in_where_groups(text: str, block_for: Callable[[list[str]], str | None]) -> str:
    """The query with a block (a VALUES clause) first in its WHERE group and in the
    WHERE group of every sub-select that uses them, so that its bindings reach
    every pattern, FILTER and HAVING, as a grlc parameter does (a sub-select's
    variables are its own). ``block_for`` gets the names of the variables a
    level uses and returns its block, or None to leave the group alone. (A
    block only where its variables are used: Virtuoso 7.2 drops the rows of a
    sub-select using a variable that the outer level binds by VALUES.)"""
    for start, used in sorted(_where_groups(text), reverse=True):  # the last first: earlier offsets hold
        code = code_only(text)
        end = _matching_brace(code, start)
        block = block_for(used)
        if not block:
            continue
        if re.match(r"\s*SELECT\b", code[start + 1:end], re.IGNORECASE):  # the group is one sub-select: wrap it
            text = f"{text[:start + 1]} {block} {{{text[start + 1:end]}}} {text[end:]}"
        else:
            text = f"{text[:start + 1]} {block}\n{text[start + 1:]}"
    return text
