"""The summary: between SUMMARY and END SUMMARY."""
from __future__ import annotations

import re

from cablegraph.loader.fieldtext import prepare, squash
from cablegraph.loader.fields.common import HEAD as _HEAD, MARKING as _MARKING


_SUMMARY_START = re.compile(
    r"(?i)(?:(?<!END\s)(?<!END\s\s)\bSUMMARY(?:\s+AND\s+(?:ACTION\s+REQUEST|COMMENT|INTRODUCTION))?(?:/COMMENT)?\s*[:.\-]"
    r"|^[ \t]*(?:BEGIN\s+)?SUMMARY(?:\s+AND\s+(?:TABLE\s+OF\s+CONTENTS|COMMENT))?[ \t]*$"
    r"|\bBEGIN\s+SUMMARY\b\s*[:.]?)",
    re.M,
)
_SUMMARY_AT = re.compile(
    r"(?i)SUMMARY(?:\s+AND\s+(?:ACTION\s+REQUEST|COMMENT|INTRODUCTION))?(?:/COMMENT)?\s*[:.\-]"
    r"|SUMMARY(?:\s+AND\s+(?:TABLE\s+OF\s+CONTENTS|COMMENT))?[ \t]*(?=\n|$)"
)


def _summary_start(t: str, low: str) -> re.Match | None:
    """The first summary marker (not "END SUMMARY") in the head of the text
    (``low``: the head in lower case)."""
    idx = low.find("summary")
    while idx >= 0:
        before = low[max(0, idx - 8):idx].rstrip()
        if not before.endswith("end") and not (idx and low[idx - 1].isalpha()):
            m = _SUMMARY_AT.match(t, idx)
            if m:
                if m.group(0).rstrip()[-1:] in ":.-":
                    return m
                # A heading line: "SUMMARY" (or "BEGIN SUMMARY") alone on its line.
                line_start = t.rfind("\n", 0, idx) + 1
                if re.fullmatch(r"[ \t\-]*(?:begin\s+)?", low[line_start:idx]):
                    return m
            if before.endswith("begin"):
                m2 = re.compile(r"(?i)SUMMARY\b\s*[:.]?").match(t, idx)
                if m2:
                    return m2
        idx = low.find("summary", idx + 7)
    return None


# "E(?<=\bE)" is "\bE" led by the letter: scanned twice as fast as a pattern led by \b
_SUMMARY_END = re.compile(
    r"(?i)E(?<=\bE)ND\s+(?:OF\s+)?SUMMARY(?:\s+AND\s+(?:ACTION\s+REQUEST|COMMENT|INTRODUCTION))?(?:/COMMENT)?\b\.?"
)
_PARA_NUM_LINE = re.compile(r"(?m)^\s*\d{1,2}\s*\.\s*(?:\(\w+(?:/\w+)?\)\s*)?")
_PARA_END = re.compile(r"\n[ \t]*\n|\s-{6,}\s")
_PARA_MARK = re.compile(r"^\s*\(\s*" + _MARKING + r"\s*\)\s*", re.I)
_DASH_HEADING = re.compile(r"^-+\s*SUMMARY\s*-+$", re.I)


def parse_summary(text: str) -> str | None:
    """The summary: from ``SUMMARY:`` to ``END SUMMARY`` (or the paragraph's end)."""
    t = prepare(text)
    low = t[:_HEAD].lower()
    if "summary" not in low:  # neither a start nor an end marker
        return None
    m = _summary_start(t, low)
    if not m:
        # "1. On 28 July 2008 ... End Summary." without a start marker.
        e = _SUMMARY_END.search(t, 0, _HEAD)
        if not e:
            return None
        pm = None
        for pm in _PARA_NUM_LINE.finditer(t, max(0, e.start() - 6000), e.start()):
            pass
        if pm is None:
            return None
        start = pm.end()
        body = t[start:e.start()]
    else:
        start = m.end()
        rest = t[start:start + 8000]
        e = _SUMMARY_END.search(rest)
        if e:
            body = rest[: e.start()]
        else:
            # No end marker: the summary is the rest of its paragraph.
            lead = len(rest) - len(rest.lstrip())
            p = _PARA_END.search(rest, lead)
            body = rest[: p.start()] if p else rest
    body = body.strip()
    body = re.sub(r"^[-\s]*\n", "", body)
    # Drop a paragraph number and marking that follow a "SUMMARY" heading.
    body = re.sub(r"^\s*\d{1,2}\s*\.\s*", "", body)
    body = _PARA_MARK.sub("", body)
    body = re.sub(r"(?i)^summary\s*[:.]\s*", "", body)
    body = _PARA_MARK.sub("", body)
    if "\n" not in text.strip():
        return squash(body) or None  # newline-stripped dumps: no line structure to keep
    # Lines trimmed, blanks collapsed, blank lines and paragraph numbers dropped;
    # the line breaks stay (as cablemap keeps them).
    lines = []
    for line in body.split("\n"):
        line = _PARA_NUM.sub("", _INNER_WS.sub(" ", line).strip())
        if line:
            lines.append(line)
    result = "\n".join(lines)
    return result or None


_PARA_NUM = re.compile(r"^\d{1,2}\s*\.\s*(?:\(\s*" + _MARKING + r"\s*\)\s*)?(?=\S)", re.I)
_INNER_WS = re.compile(r"[ \t]{2,}|\t")  # blank runs to one space: a single space stays as it is
