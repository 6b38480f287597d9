"""TAGS: the subject, program, organisation and country codes."""
from __future__ import annotations

import re
from functools import lru_cache

from cablegraph import refdata
from cablegraph.loader.fieldtext import prepare
from cablegraph.loader.fields.common import HEAD as _HEAD


# "TAGS:", "TAGS", "TAG", "TGS:", "TAGES:", "TAGS;" at a line start, or "Tags:" with a
# colon anywhere (one-line dumps: "DECL: 01/07/2014 Tags: prel, pgov ...").
_TAGS_START = re.compile(
    r"(?im)(?:^[ \t]*(?:TAGS?|TGS|TAGES|TAGGS)\b[ \t]*[:;]?|(?<![A-Z])TAGS?[ \t]*[:;])[ \t]*"
)
# Where a TAGS value stops on its line.
_TAGS_STOP = re.compile(
    r"(?i)(?:\bS?UBJ(?:ECT)?\s*:|\bSUBJECT\b|\bE\.?\s?O\.?\s*1\d{4}|\bREF(?:S|TEL)?\s*:"
    r"|\bCLASSIFIED\s+BY\b|[ \t]{6,})"
)
_NEXT_FIELD_LINE = re.compile(
    r"(?i)^\s*(?:S?UBJ(?:ECT)?\b|REF|E\.?\s?O\b|EO\b|CLASSIFIED|SIPDIS|\d+\s*\.|\(|[A-Z] ?[A-Z] ?[A-Z] ?[A-Z] [A-Z] )"
)
_TAG_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9&'/.\-]*")
_PAREN_GROUP = re.compile(r"\(([^()]*)\)")
_TAG_ALIASES = {"RU": "RS", "GOV": None}  # RU is not a FIPS code: Russia is RS
_TAG_DROP = frozenset({"SIPDIS", "SIPDIS.", "AND", "TAGS", "TAG"})


@lru_cache(maxsize=1)
def _tag_tables():
    table = refdata.tags()
    codes = {c.upper() for c in table}
    # Simple codes, the ones fused codes split into (PHUMBA -> PHUM BA).
    atoms = {c.upper() for c, v in table.items() if c.isalpha() and 2 <= len(c) <= 4 and "tag-fixes" not in v["kind"]}
    multi: dict[tuple[str, ...], str] = {}
    persons: dict[tuple[str, str], str] = {}
    for code, info in table.items():
        up = code.upper()
        if "person" in info["kind"] and ", " in up:
            surname, given = up.split(", ", 1)
            full = given
            # Complete the given names from the title (BUSH, GEORGE -> BUSH, GEORGE W.).
            title_given = info["title"].upper().rsplit(" ", 1)[0]
            if title_given.startswith(given) and len(title_given) > len(given):
                full = title_given
            persons[(surname, given.split()[0])] = f"{surname}, {full}"
        elif " " in up:
            multi[tuple(up.split())] = up
    max_multi = max((len(k) for k in multi), default=1)
    return codes, atoms, multi, persons, max_multi


@lru_cache(maxsize=1)
def _multi_heads() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    heads: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key in _tag_tables()[2]:
        heads.setdefault(key[:-1], []).append(key)
    return heads


def _split_fused(token: str, atoms: frozenset | set) -> list[str] | None:
    """KFRDKIRFCVIS -> [KFRD, KIRF, CVIS] when the token is made of known codes."""
    n = len(token)
    if n < 5 or not token.isalpha():
        return None
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for size in (4, 2, 3):
            j = i + size
            if j <= n and token[i:j] in atoms:
                cand = best[i] + [token[i:j]]
                if best[j] is None or len(cand) < len(best[j]):
                    best[j] = cand
    return best[n] if best[n] and len(best[n]) > 1 else None


def _tag_words(words: list[str], out: list[str]) -> None:
    codes, atoms, multi, persons, max_multi = _tag_tables()
    heads = _multi_heads()
    unknown: list[str] = []

    def flush() -> None:
        if unknown:
            # A run of unknown words is one tag (GOI EXTERNAL, NEW ZEALAND) unless all
            # are short code-like tokens (POL MIL, PAS DAO CONS).
            if all(len(u) <= 5 for u in unknown):
                out.extend(unknown)
            else:
                out.append(" ".join(unknown))
            unknown.clear()

    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        # Multi-word tags of the table (HUMAN RIGHTS, MEDIA REACTION REPORT).
        hit = None
        for size in range(min(max_multi, n - i), 1, -1):
            key = tuple(words[i:i + size])
            if key in multi:
                hit = (multi[key], size)
                break
            # Fused tail: HUMAN RIGHTSPOLMIL -> HUMAN RIGHTS + POLMIL
            last = words[i + size - 1]
            for mk in heads.get(tuple(words[i:i + size - 1]), ()):
                if last.startswith(mk[-1]) and last != mk[-1]:
                    hit = (multi[mk], size, last[len(mk[-1]):])
                    break
            if hit:
                break
        if hit:
            flush()
            out.append(hit[0])
            i += hit[1]
            if len(hit) == 3:
                words = words[:i] + [hit[2]] + words[i:]
                n = len(words)
            continue
        # Person tags written without the comma (STEINBERG JAMES, BUSH GEORGE).
        if i + 1 < n and (w, words[i + 1]) in persons:
            flush()
            out.append(persons[(w, words[i + 1])])
            i += 2
            if i < n and re.fullmatch(r"[A-Z]\.?", words[i]):
                i += 1
            continue
        if w in _TAG_DROP:
            flush()
            i += 1
            continue
        if w in codes:
            flush()
            out.append(w)
            i += 1
            continue
        if w in _TAG_ALIASES and _TAG_ALIASES[w]:
            flush()
            out.append(_TAG_ALIASES[w])
            i += 1
            continue
        parts = _split_fused(w, atoms)
        if parts:
            flush()
            out.extend(parts)
            i += 1
            continue
        unknown.append(w)
        i += 1
    flush()


def _tag_item(item: str, out: list[str]) -> None:
    item = item.strip().strip(".").strip()
    if not item:
        return
    codes, atoms, multi, persons, _ = _tag_tables()
    if item in codes:
        out.append(item)
        return
    if ", " in item or "," in item:
        surname, _, given = item.partition(",")
        given = given.strip()
        key = (surname.strip(), given.split()[0] if given else "")
        if key in persons:
            out.append(persons[key])
            return
        out.append(f"{surname.strip()}, {given}" if given else surname.strip())
        return
    words = _TAG_TOKEN.findall(item)
    _tag_words(words, out)


def _tags_value(t: str) -> str | None:
    m = _TAGS_START.search(t, 0, _HEAD)
    if not m:
        return None
    pos = m.end()
    lines = t[pos:pos + 1500].split("\n")
    parts: list[str] = []
    codes, atoms, *_ = _tag_tables()
    for k, line in enumerate(lines):
        stop = _TAGS_STOP.search(line)
        if k > 0:
            if not line.strip() or _NEXT_FIELD_LINE.match(line):
                break
            prev = parts[-1].rstrip() if parts else ""
            if not prev.endswith(","):
                # Continue only with a line of known codes (BL, IS / PINR, AMGT, TF, BR).
                seg = line[: stop.start()] if stop else line
                toks = _TAG_TOKEN.findall(seg.upper())
                known = sum(1 for x in toks if x in codes or _split_fused(x, atoms))
                if (not toks or any(c.islower() for c in seg) or any(len(x) > 5 and x not in codes for x in toks)
                        or known * 3 < len(toks) * 2):
                    break
        if stop:
            parts.append(line[: stop.start()])
            break
        parts.append(line)
    return " ".join(parts)


def parse_tags(text: str) -> list[str]:
    """TAGS codes in order, upper-cased, fused codes split, duplicates removed."""
    t = prepare(text)
    value = _tags_value(t)
    if value is None:
        return []
    value = value.upper()
    out: list[str] = []
    # Parenthesised person tags first: OVIP (CLINTON, HILLARY) / ovip (steinberg, james b.)
    pieces: list[str] = []
    last = 0
    for pm in _PAREN_GROUP.finditer(value):
        pieces.append(value[last:pm.start()])
        pieces.append("\x00" + pm.group(1))
        last = pm.end()
    pieces.append(value[last:])
    for piece in pieces:
        if piece.startswith("\x00"):
            _tag_item(piece[1:], out)
            continue
        if "," in piece or ";" in piece:
            for item in re.split(r"[,;]", piece):
                _tag_item(item, out)
        else:
            _tag_words(_TAG_TOKEN.findall(piece), out)
    seen: set[str] = set()
    result = []
    for tag in out:
        tag = tag.strip() if ", " in tag else tag.strip(" .")
        if tag and tag not in seen and tag not in _TAG_DROP:
            seen.add(tag)
            result.append(tag)
    return result
