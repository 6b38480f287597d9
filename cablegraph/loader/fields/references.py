"""REF blocks: the cables (and other documents) a cable cites.

``REF: A. TBILISI 1605  B. 06 STATE 80908  C. LEE-GOLDSTEIN EMAIL 05/11/07``
gives three :class:`~cablegraph.record.Reference` items; cited cables get a
canonical reference ID (the year defaults to the citing cable's year), other
documents keep their text with ``id=None``.
"""
from __future__ import annotations

import re

from cablegraph.loader.fieldtext import prepare, squash
from cablegraph.loader.ids import canonical_id, canonical_station, is_known_station
from cablegraph.record import Reference

# A REF block starts with REF:, REFS:, REFTEL:, REFERENCE:, Ref(s): anywhere, or with
# REF / REFS / A. REF at a line start followed by an item.
_REF_INLINE = re.compile(
    r"(?i)(?:(?<![A-Z])(?:REF(?:S|TEL|TELS|ERENCES?)?|Ref\(s\))\s*[:.](?!\w)|(?<=[A-Z])REF:(?=\s))"
)
_REF_LINE = re.compile(r"(?im)^[ \t]*(?:[A-Z][.)][ \t]*)?(?:REF(?:S|TEL|TELS)?)\b[ \t]*[:.]?")
# Lines that carry on a REF block: a label, a year or number, or "STATION 123".
_ITEM_LINE = re.compile(
    r"(?i)^\s*(?:[-*]\s*)?(?:\(?[A-Z][.):\]](?!\w\.)|\[[A-Z]\]|\([A-Z]\)|REF\b|'?\d"
    r"|[A-Z][A-Za-z]*(?:[ \-][A-Z][A-Za-z]*){0,3}\s*(?:,\s*)?(?:#|\([A-Z]\))?\s*[O0]?\d)"
)
_BLOCK_STOP = re.compile(
    r"(?i)\bclassified\s+by\b|\bsensitive\s+but\s+unclassified\b|(?<![A-Z])(?:BEGIN\s+)?SUMMARY\b"
    r"|\bSUBJECT\s*:|\bTAGS\s*:|\bE\.\s?O\.\s?1\d{4}|\bC\s?O\s?R\s?R\s?E\s?C\s?T\s?E\s?D\b"
    r"|(?:^|\n)\s*\d{1,2}\s*\.\s+(?=\(|[A-Z])|(?:^|\n)\s*\d{1,2}\s*\.\(|\bTHIS MESSAGE\b|\bPLEASE\s+HANDLE\b"
)
# Item labels: A. A) (A) [A] A: A.) A -   (the letter in sequence).
_LABEL = re.compile(
    r"(?:(?<=^)|(?<=[\s,;]))(?:\(([A-Z])\)|\[([A-Z])\]|([A-Z])\.?\)|([A-Z])[.:](?=\s|$|\()|([A-Z])\s+-\s"
    r"|REF\s+([A-Z])(?=\s))"
)
_BARE_LABEL = re.compile(r"(?:(?<=^)|(?<=\s))([A-Z])\s+(?=(?:'?\d{2}\s+)?[A-Z]{3,}[A-Z ]*\s+\d)")
_PAREN_NOISE = re.compile(r"\((?!\s*[A-Z]\s*\)|\s*\d{2}\s*\)|\s*C\s*\))[^()]{2,}\)")
_CITE = re.compile(
    r"""
    (?:(?P<y1>\d{4}|'?\d{2}|\(\d{2}\))[\s\-]+)?                 # 06 / 2006 / '06 / (06)
    (?P<st>[A-Z0][A-Z]*(?:[ \t\-]+[A-Z][A-Z]*){0,3}?)            # station words
    [ \t]*(?:,[ \t]*)?(?:\((?P<y4>\d{2})\)[ \t]*)?               # STATE (01) 201265
    (?:\#|\((?:C|U|SBU|LOU)\))?[ \t]*-?[ \t]*                    # BAGHDAD #3565, KUWAIT (C)02293
    (?P<num>[O0]?\d{1,7})
    (?:[ \t]*(?:/|-)[ \t]*(?P<y2>\d{2})(?![\d/])|[ \t]*\((?P<y3>\d{2})\))?   # /08, -91, (08)
    (?![A-Z0-9/:]|\.\d)
    """,
    re.X,
)
_MORE = re.compile(r"[ \t]*(?:,|&|\bAND\b)[ \t\n]*(?P<num>\d{1,7})(?![A-Z0-9/:]|\.\d|[ \t]+[A-Z]{3,}[ \t]+\d)")
_BARE_NUM = re.compile(r"^\s*(?P<num>\d{2,7})\s*$")
_SEPARATOR = re.compile(r"[;,&]|\bAND\b|\n")
_LEAD_NOISE = re.compile(
    r"^(?:REF(?:ERENCE|TEL)?S?\s*[:.]?\s*|UNCLASS(?:IFIED)?\s+|CONFIDENTIAL\s+|SECRET\s+|[A-Z][.)]\s+)+"
)
_TRAIL_NOISE = re.compile(r"[\s;,\-]+$")


def _blocks(t: str) -> list[str]:
    """Text of every REF block."""
    starts: list[tuple[int, int]] = []
    line_hits = []
    # Look at each "ref" only (a str.find loop is much faster than scanning every
    # position with the full patterns).
    low = t.lower()
    idx = low.find("ref")
    while idx >= 0:
        m = _REF_INLINE.match(t, idx)
        if m:
            starts.append((m.start(), m.end()))
        line_start = t.rfind("\n", 0, idx) + 1
        if idx - line_start <= 8:
            lm = _REF_LINE.match(t, line_start)
            if lm and lm.end() > idx:
                line_hits.append(lm)
        idx = low.find("ref", idx + 3)
    for m in line_hits:
        rest = t[m.end():m.end() + 80].lstrip()
        if m.group(0).rstrip().endswith((":", ".")) or _ITEM_LINE.match(rest or "x"):
            if not any(s <= m.end() - 1 and m.start() <= e for s, e in starts):
                # Keep a leading label ("A. REF AMMAN 222").
                starts.append((m.start(), m.end()))
    starts.sort()
    blocks: list[str] = []
    last_end = -1
    for s, e in starts:
        if s < last_end:
            continue
        label = re.match(r"[ \t]*([A-Z][.)])", t[s:e])
        text = t[e:e + 3000]
        stop = _BLOCK_STOP.search(text)
        if stop:
            text = text[: stop.start()]
        lines = text.split("\n")
        kept = [lines[0]]
        blank = False
        for line in lines[1:]:
            if not line.strip():
                blank = True
                continue
            if not _ITEM_LINE.match(line):
                break
            if blank and not re.match(r"\s*(?:[-*]\s*)?(?:\(?[A-Z][.):\]]|\[[A-Z]\]|\d|[A-Z]+\s+\d)", line):
                break
            kept.append(line)
            blank = False
        block = "\n".join(kept)
        if label:
            block = label.group(1) + " " + block
        blocks.append(block)
        last_end = e + len("\n".join(kept))
    return blocks


def _items(block: str) -> list[tuple[str | None, str]]:
    """(label, text) items of a block; unlabelled blocks split at semicolons."""
    raw = block.upper()
    # Parenthesised titles and markings are blanked (same length) for the label search.
    up = _PAREN_NOISE.sub(lambda m: " " * len(m.group(0)), raw)
    found: list[tuple[int, int, str]] = []
    expected = "A"
    prev: str | None = None
    pos = 0
    while True:
        m = _LABEL.search(up, pos)
        b = _BARE_LABEL.search(up, pos) if prev is not None else None
        if b and (not m or b.start() < m.start()) and b.group(1) == chr(ord(prev) + 1):
            found.append((b.start(), b.end(), b.group(1)))
            prev = b.group(1)
            pos = b.end()
            continue
        if not m:
            break
        letter = next(g for g in m.groups() if g)
        ok = letter == "A" if prev is None else letter in (prev, chr(ord(prev) + 1))
        if ok:
            found.append((m.start(), m.end(), letter))
            prev = letter
        pos = m.end()
    if not found:
        return [(None, part) for part in raw.split(";")]
    items: list[tuple[str | None, str]] = []
    if found[0][0] > 0 and up[: found[0][0]].strip():
        items.append((None, raw[: found[0][0]]))
    for k, (s, e, letter) in enumerate(found):
        end = found[k + 1][0] if k + 1 < len(found) else len(up)
        items.append((letter, raw[e:end]))
    # "A. A) BRASILIA 236": a repeated label is one item.
    merged: list[tuple[str | None, str]] = []
    for label, text in items:
        if merged and merged[-1][0] == label and not merged[-1][1].strip(" .,;:-\n"):
            merged[-1] = (label, text)
        else:
            merged.append((label, text))
    return merged


def _year2(raw: str | None, default: int | None) -> int | None:
    if raw:
        digits = raw.strip("'()")
        return int(digits[-2:])
    return None if default is None else default % 100


def _cite(item: str, year: int | None, own_station: str | None) -> tuple[list[str], bool]:
    """Cable IDs an item cites; second value: the item looked like a cable citation."""
    ids: list[str] = []
    text = _PAREN_NOISE.sub(" ", _LEAD_NOISE.sub("", item.strip()))
    text = text.replace("\n", " ")
    m_bare = _BARE_NUM.match(text)
    if m_bare and own_station and year is not None:
        return [f"{year % 100:02d}{own_station}{int(m_bare.group('num'))}"], True
    pos = 0
    n = len(text)
    while pos < n:
        m = _CITE.match(text, pos)
        ok = False
        if m:
            station_words = m.group("st").replace("0", "O", 1) if m.group("st").startswith("0") else m.group("st")
            station = canonical_station(station_words)
            y = _year2(m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4"), year)
            if is_known_station(station) and y is not None:
                num = int(m.group("num").replace("O", "0"))
                cid = canonical_id(f"{y:02d}{station}{num}")
                if cid:
                    ids.append(cid)
                    ok = True
                    pos = m.end()
                    while True:
                        more = _MORE.match(text, pos)
                        if not more:
                            break
                        ids.append(canonical_id(f"{y:02d}{station}{int(more.group('num'))}"))
                        pos = more.end()
        if not ok:
            sep = _SEPARATOR.search(text, pos)
            if not sep:
                break
            pos = sep.end()
        while pos < n and text[pos] in " \t;,&.":
            pos += 1
    return [i for i in ids if i], bool(ids)


def parse_references(text: str, year: int | None, reference_id: str | None = None) -> list[Reference]:
    """Every item of every REF block, cited cables with canonical IDs."""
    t = prepare(text)
    if not t or "REF" not in t.upper():
        return []
    own_station = None
    if reference_id:
        m = re.match(r"^\d\d([A-Z]+?)\d+$", reference_id)
        own_station = m.group(1) if m else None
    refs: list[Reference] = []
    seen: set[tuple[str | None, str | None, str | None]] = set()
    for block in _blocks(t):
        for label, item in _items(block):
            ids, _ = _cite(item, year, own_station)
            item_text = squash(_TRAIL_NOISE.sub("", _LEAD_NOISE.sub("", item.strip())))
            if ids:
                for cid in ids:
                    if cid == reference_id:
                        continue
                    key = (cid, label, None)
                    if key not in seen:
                        seen.add(key)
                        refs.append(Reference(id=cid, label=label, text=item_text or None))
            elif item_text and len(item_text) > 2 and re.search(r"[A-Z]{2}", item_text):
                key = (None, label, item_text)
                if key not in seen:
                    seen.add(key)
                    refs.append(Reference(id=None, label=label, text=_original_case(block, item_text)))
    return refs


def _original_case(block: str, upper_text: str) -> str:
    """The item text as written (the parser works on an upper-cased copy)."""
    words = upper_text.split()
    if not words:
        return upper_text
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, block, re.I)
    return squash(m.group(0)) if m else upper_text


def cited_ids(item: str, year: int) -> list[str]:
    """The cable IDs a REF item as written cites, the year it omits being ``year``."""
    return _cite(item.upper(), year, None)[0]
