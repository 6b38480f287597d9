"""Parsers for the fields in a cable's body: TAGS, SUBJECT, REF, Classified By,
DECL date, signers, summary.

Each is a pure function of the cable text (header then body, any case, with or
without newlines) plus the shipped tables in :mod:`cablegraph.refdata`.
Regular expressions are compiled once at import; every parser looks only at a
bounded window of the text, so the whole field set costs well under a
millisecond per cable.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from cablegraph import refdata
from cablegraph.loader.fieldtext import prepare, squash
from cablegraph.loader.ids import _distance
from cablegraph.loader.references import parse_references  # noqa: F401  (re-export)
from cablegraph.record import ClassifiedBy

__all__ = [
    "parse_tags",
    "parse_subject",
    "parse_references",
    "parse_classified_by",
    "parse_classified_by_all",
    "parse_declassify_on",
    "parse_signers",
    "parse_summary",
    "parse_media_urls",
    "tag_kind",
    "clean_content",
    "titlefy",
]

# Header fields (TAGS, SUBJECT, Classified By, the summary) are looked for in the
# first _HEAD characters only: they stand before the first paragraphs.
_HEAD = 20000

# --------------------------------------------------------------------------
# TAGS
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# SUBJECT
# --------------------------------------------------------------------------

_SUBJECT_START = re.compile(r"(?im)(?:^|(?<=\s))S?UBJ(?:ECT)?\s*:[ \t]*|^[ \t]*SUBJECT[ \t]+(?=\S)")
# Where a subject stops inside a line.
_SUBJECT_STOP = re.compile(
    r"(?:REF(?:S|TEL|TELS|ERENCES?|\(S\))?\s*:|(?i:\bRef\(s\)\s*:)"
    r"|(?i:\bclassified\s+by\b)|(?i:\bsensitive\s+but\s+unclassified\b)"
    r"|\s\d{1,2}\s?\.\s?\((?:U|C|S|SBU|S/NF|C/NF)\)"
    r"|\bC O N F I D E N T I A L\b|\bS E C R E T\b|\bU N C L A S"
    r"|\bE\.\s?O\.\s?1\d{4}|\bSIPDIS\b)"
)
_SUBJECT_NEXT_STOP = re.compile(
    r"(?i)^\s*(?:REF\b|REFS\b|REFTEL|REFERENCE|RE:|CLASSIFIED|SUMMARY|BEGIN SUMMARY|E\.?\s?O\.?\s|TAGS\b"
    r"|SIPDIS|SENSITIVE|\d{1,2}\s*\.(?:\s|\(|$)|\(\w{1,4}(?:/\w{1,4})?\)\s|[-=_]{3,}|[A-Z](?: [A-Z]){4,}"
    r"|THIS IS |PLEASE |ACTION REQUEST|DEPT FOR|FOR\s+[A-Z/]+\s*$)"
)
_CONNECTIVE_END = re.compile(
    r"(?i)(?:[,:;\-/&]|\b(?:AND|OR|OF|THE|A|AN|TO|IN|ON|FOR|WITH|UNDER|DURING|AT|BY|FROM|ABOUT|AS|ITS|HIS|HER|THEIR|OVER|INTO|VS\.?|'S))\s*$"
)
_MARKING = r"(?:U|C|S|TS|SBU|NF|LOU|S/NF|C/NF|S//NF|C//NF|S/REL|SBU/NF|U//FOUO|FOUO|CLASSIFIED|S-NF|C-NF)"
_LEADING_MARKING = re.compile(r"^\(\s*" + _MARKING + r"\s*\)\s*", re.I)
_TRAILING_MARKING = re.compile(r"\s*\(\s*" + _MARKING + r"\s*\)\s*$", re.I)


def parse_subject(text: str, clean: bool = True) -> str | None:
    """The SUBJECT line(s), continuation lines joined, whitespace normalised.

    With ``clean`` (the default) a classification marking in front of or behind
    the subject (``(C)``, ``(SBU)``, ``(S/NF)``) is removed.
    """
    t = prepare(text)
    m = _SUBJECT_START.search(t, 0, _HEAD)
    if not m:
        return None
    lines = t[m.end():m.end() + 2000].split("\n")
    parts: list[str] = []
    caps = None
    for k, line in enumerate(lines):
        if k > 0:
            if not line.strip() or _SUBJECT_NEXT_STOP.match(line):
                break
            prev = parts[-1].rstrip()
            stop_here = _SUBJECT_STOP.search(line)
            line_has_lower = any(c.islower() for c in (line[: stop_here.start()] if stop_here else line))
            if caps and line_has_lower:
                break  # an ALL-CAPS subject does not go on in mixed case
            if len(prev) + (len("SUBJECT: ") if k == 1 else 0) < 45 and not _CONNECTIVE_END.search(prev):
                break  # a short line was not wrapped
        stop = _SUBJECT_STOP.search(line)
        segment = line[: stop.start()] if stop else line
        parts.append(segment)
        if k == 0:
            letters = [c for c in segment if c.isalpha()]
            caps = bool(letters) and not any(c.islower() for c in letters)
        if stop:
            break
    subject = squash(" ".join(parts))
    if "&" in subject:
        subject = html.unescape(subject)
    if clean:
        subject = _LEADING_MARKING.sub("", subject)
        subject = _TRAILING_MARKING.sub("", subject)
    subject = subject.strip()
    return subject or None


# --------------------------------------------------------------------------
# E.O. 12958: DECL: 5/11/2031
# --------------------------------------------------------------------------

_DECL = re.compile(
    r"(?i)\bDECL(?:ASSIFY)?(?:\s+ON)?\s*[:.]?\s*"
    r"(?:(?P<m>\d{1,2})\s*[/.\-]\s*(?P<d>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4}|\d{2})(?!\d)"
    r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))"
)
_DECL_ANY = re.compile(r"(?i)\bDECL(?:ASSIFY)?\b")


def parse_declassify_on(text: str) -> str | None:
    """ISO date of the ``DECL:`` line; None for OADR, X1, 1.6X6 and other non-dates."""
    if not text:
        return None
    head = text[:6000]
    m = _DECL.search(head)
    if not m:
        return None
    if m.group("iso"):
        return m.group("iso")
    month, day, year = int(m.group("m")), int(m.group("d")), m.group("y")
    y = int(year)
    if len(year) == 2:
        y += 2000 if y < 70 else 1900
    if month > 12 and day <= 12:
        month, day = day, month
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{y:04d}-{month:02d}-{day:02d}"


# --------------------------------------------------------------------------
# Classified By
# --------------------------------------------------------------------------

_CLASSIFIED_BY = re.compile(r"(?i)\bclassified\s+by\b\s*[:.]?")
# What ends the "who" part: the reasons, a sentence end, a blank line, a paragraph.
_CB_END = re.compile(
    r"(?i)(?:\bfor\s+(?:re|1\.|12958|e\.?o\b)|\bre(?:a\s*)?s?o?ns?\b\s*[:.]?\s*(?:1\.|para|\(|e\.o|$|s\b)"
    r"|\breasons?\b|\breaons\b|\bresons\b|\brea\s*sons\b|\bE\.?\s?O\.?\s*1\d{4}|\bEO\s+1\d{4}|\bper\s+(?:1\.|e\.?o)"
    r"|\bbased\s+(?:up)?[o0]n\b|\bunder\s+(?:section\s+)?1\.|\bunder\s+1\b|(?<![\d.])1\.[2-6]\b"
    r"|\bf[o0]r\s+r\b|\bf[o0]r\s+reQ|\bf[o0]r\s+reasons?\b|\bline\s+added\b|\.\s*\n|\.\s{2,}|\n\s*\n|\n\s*\d{1,2}\s*\.|\s-\s+1\.|[:;]\s*1\.)"
)
_REASONS = re.compile(r"(?i)(?<![\d.])(1\.[2-6]\s*(?:\(?[a-h]\b.*|[a-h]\b.*|\(.*)?)")
_TITLE_WORDS = frozenset(
    """
    ACTING AMBASSADOR AMB AMBASSADORS CHARGE CHARGE' D'AFFAIRES AFFAIRES D'AFFAIRES, A.I. AI A.I DCM CDA
    DEPUTY CHIEF OF MISSION POLITICAL POL POLITICAL-MILITARY POLMIL ECONOMIC ECON ECONOFF POLOFF POL/ECON
    POL/ECONOFF COUNSELOR COUNSELLOR COUNS COUNS. COUNSEL COUNSELOR, MINISTER MINISTER-COUNSELOR MIN
    MCOUNSELOR POLMINCONS ECMIN EMIN A/EMIN PRINCIPAL OFFICER OFFICE CONSUL CONSULGENERAL GENERAL CONGEN
    DIRECTOR DIRECTOR, ASSISTANT SECRETARY SECRETARY, UNDER SPECIAL ENVOY REPRESENTATIVE ENVOY HEAD
    SECTION UNIT CHIEF CHIEF, FOR AND THE TO OF A/DCM A/POL ATTACHE LABOR LEGAL ADVISER ADVISOR
    COORDINATOR DELEGATE DELEGATION ARMS CONTROL INTERAGENCY PROVINCIAL AFFAIRS GOVERNANCE INSTITUTIONAL
    PRT DPO RSO TDY AF ISN NEA SCA EUR IO WHA EAP INR AIT USUN USEU USNATO USOSCE US U.S. STATE DEPARTMENT
    DEPT EMBASSY MISSION CONSULATE DAS A/S P/E E/P POL/C POL-MIL DEFENSE ATTACHE COMMANDER CHAIRMAN
    CHAIRMAN, ECONOMICAL POLITICAL/ECONOMIC POLITICAL-ECONOMIC ECON/POL MGMT MANAGEMENT PUBLIC
    DIPLOMACY PAO CONS COMMERCIAL SENIOR ADVISOR, S/CT CT EXEC EXECUTIVE OFFICE, ADMIN TEMPORARY INTERIM
    BUREAU ACTING, DCM, CHARGE, AMBASSADOR, CDA, E/MIN MIN. AMBASSADOR. DCM. ECONOMIC/POLITICAL P/E
    REGIONAL AFFAIRS, CONSUL, GENERAL, LEGAT TO SUDAN KIRKUK GOVERNANCE PAKISTAN AFGHANISTAN CENTRAL
    ASIA SA/PAB INR/CCS VCI NSC COUN MINCOUNS PRINCIPAL DEP ASST SEC SECY OFF
    """.split()
)
_TITLE_FUZZY = ("AMBASSADOR", "COUNSELOR", "DIRECTOR", "AFFAIRES", "POLITICAL", "MINISTER", "SECRETARY",
                "ASSISTANT", "DEPUTY", "CHIEF", "CHARGE", "ECONOMIC", "OFFICER")
_TITLE_ABBREV = re.compile(
    r"^(?:A/)?(?:POL|ECON|POLECON|POLMIL|ECONPOL|MGMT|PUB|CONS|MIL|DEF|ADMIN|PA|E|P|RSO|PAS|ENV|SCI|LAB|COM)"
    r"(?:MIN|COUNS|COUN|MC|OFF|CHIEF|CONS|OFFICER|COUNSELOR|C|AFF|ATT|DIR)+\.?$"
)
_NAME_SUFFIX = re.compile(r"^(?:JR\.?|SR\.?|II|III|IV)$", re.I)
_INITIALS = re.compile(r"^(?:[A-Z0]\.)+[A-Z]?\.?$|^[A-Z]$", re.I)


def _edit1or2(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 2:
        return False
    return _distance(a, b, 2) <= (2 if len(b) >= 8 else 1)


@lru_cache(maxsize=4096)
def _is_title_word(word: str) -> bool:
    w = word.upper().strip(",;:")
    if not w:
        return True
    if w in _TITLE_WORDS or w.rstrip(".") in _TITLE_WORDS:
        return True
    if "/" in w or w.startswith("(") or w.endswith(")"):
        return True
    if _TITLE_ABBREV.match(w):
        return True  # PolCouns, PolMinCouns, EconOff, PolMC
    if "-" in w and any(_is_title_word(p) for p in w.split("-") if p):
        return True
    if len(w) >= 4 and any(_edit1or2(w.rstrip("."), t) for t in _TITLE_FUZZY):
        return True
    return False


def _looks_like_name_token(tok: str, mixed_case: bool) -> bool:
    core = tok.strip(",;:")
    if not core:
        return False
    if _INITIALS.match(core) or _NAME_SUFFIX.match(core):
        return True
    if not (core[0].isupper() or core[0] == "0"):
        return False
    return bool(re.fullmatch(r"[A-Za-z0'\-.]+", core))


def _join_wrapped(s: str) -> str:
    """Undo the site's fixed-width wrapping inside words ("Hoyt Y \\nee" -> "Hoyt Yee")."""
    lines = s.split("\n")
    out = lines[0]
    for line in lines[1:]:
        prev = out.rsplit("\n", 1)[-1]
        if len(prev.rstrip()) >= 71 and line[:1].isalpha() and prev.rstrip()[-1:].isalpha():
            out = out.rstrip() + line
        else:
            out = out + "\n" + line
    return out


def _names_in(segment: str) -> list[tuple[str, str | None]]:
    """(name, title) pairs in the who-part of a Classified By line."""
    seg = re.sub(r"\((?:[A-Z]{1,3}(?:/[A-Z]{1,3})?|acting)\)", " ", segment, flags=re.I)
    seg = re.sub(r"^\s*(?:\d+\s*\.\s*)", "", seg)
    seg = re.sub(r"(?i)\bclassified\s+by\s*:?", " ", seg)
    seg = re.sub(r"(?<=[A-Za-z]):(?=[A-Za-z])", " ", seg)
    seg = re.sub(r"(?<=[A-Za-z])/(?=[A-Z][a-z])", "/ ", seg)
    seg = re.sub(r"(?<=[A-Za-z]):\s", " ", seg)
    seg = seg.replace("?", ",")
    seg = squash(seg).strip(" .,;:-")
    if not seg:
        return []
    mixed = any(c.islower() for c in seg)
    # Glue name suffixes to the name: "Richard L. Baltimore, III"
    chunks = [c.strip() for c in re.split(r",|;|\s-\s", seg)]
    merged: list[str] = []
    for c in chunks:
        if merged and _NAME_SUFFIX.match(c.strip(" .")):
            merged[-1] = f"{merged[-1]}, {c}"
        elif c:
            merged.append(c)
    results: list[tuple[str, str | None]] = []
    for idx, chunk in enumerate(merged):
        for sub in re.split(r"\s+(?:AND|and|&)\s+", chunk):
            tokens = sub.split()
            name_tokens: list[str] = []
            for tok in reversed(tokens):
                if _looks_like_name_token(tok, mixed) and not _is_title_word(tok):
                    name_tokens.insert(0, tok)
                else:
                    break
            title_tokens = tokens[: len(tokens) - len(name_tokens)]
            if not name_tokens:
                continue
            name = " ".join(name_tokens).strip(" ,")
            if name.endswith(".") and not _INITIALS.match(name_tokens[-1]) and not _NAME_SUFFIX.match(name_tokens[-1]):
                name = name[:-1]
            title = " ".join(title_tokens).strip(" ,.") or None
            if title is None and idx + 1 < len(merged):
                nxt = merged[idx + 1].strip(" .")
                if nxt and all(_is_title_word(w) for w in nxt.split()[:2]):
                    title = nxt
            if sum(1 for c in name if c.isalpha()) < 3:
                continue
            results.append((name, title))
        if results:
            # Further names come only as "X AND Y" or in another comma chunk after "AND".
            rest = merged[idx + 1:]
            for chunk2 in rest:
                if re.search(r"\s(?:AND|and|&)\s", chunk2):
                    for sub in re.split(r"\s+(?:AND|and|&)\s+", chunk2)[1:]:
                        toks = sub.split()
                        nt: list[str] = []
                        for tok in reversed(toks):
                            if _looks_like_name_token(tok, mixed) and not _is_title_word(tok):
                                nt.insert(0, tok)
                            else:
                                break
                        if len(nt) >= 2:
                            results.append((" ".join(nt).strip(" .,"), " ".join(toks[: len(toks) - len(nt)]) or None))
            break
    return results


def parse_classified_by_all(text: str) -> list[ClassifiedBy]:
    """Every classifying official named (usually one; ``X AND Y`` gives two)."""
    t = prepare(text)
    if not t:
        return []
    reasons = None
    for m in _CLASSIFIED_BY.finditer(t, 0, _HEAD):
        # Undo the site's wrapping from the start of the line on, so line widths are known.
        line_start = t.rfind("\n", 0, m.start()) + 1
        joined = _join_wrapped(t[line_start:m.end() + 400])
        window = joined[m.end() - line_start:]
        # "Classified By: Classified by DCM ..." -> the inner one.
        inner = _CLASSIFIED_BY.match(window.lstrip(" \t(U)1.:"))
        end = _CB_END.search(window)
        who = window[: end.start()] if end else window.split("\n\n", 1)[0]
        rm = _REASONS.search(window[end.start():] if end else "")
        if rm:
            reasons = squash(rm.group(1)).rstrip(" .")
            reasons = re.split(r"\s{2,}|\n", reasons)[0]
        if inner:
            continue
        names = _names_in(who)
        if names:
            return [ClassifiedBy(name=n, title=tl, reasons=reasons) for n, tl in names]
    return []


def parse_classified_by(text: str) -> ClassifiedBy | None:
    """The official who classified the cable, with title and reasons as written."""
    found = parse_classified_by_all(text)
    return found[0] if found else None


# --------------------------------------------------------------------------
# Signers
# --------------------------------------------------------------------------

_TRAILER_LINE = re.compile(
    r"(?i)^\s*(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|SENSITIVE(?: BUT UNCLASSIFIED)?|"
    r"NOFORN|SIPDIS|NNNN|BT|#+|=+.*|END\s+(?:OF\s+)?TEXT\.?|.*\bCABLE ENDS\b.*|\d{4}[A-Z]+\d+\s*-\s*[A-Z ]+|"
    r"GP-\d|DECL.*|C\s*O\s*N\s*F\s*I\s*D\s*E\s*N\s*T\s*I\s*A\s*L|S\s*E\s*C\s*R\s*E\s*T|"
    r"U\s*N\s*C\s*L\s*A\s*S\s*S\s*I\s*F\s*I\s*E\s*D|NOTE BY .*|XMT .*|DECLASSIFIED/RELEASED.*|SYSTEMATIC REVIEW.*|\s*)\s*$"
)
_SIGNER_LINE = re.compile(r"^\s*([A-Z][A-Z'\-]+(?:\s+[A-Z][A-Z'\-]+){0,2})[\s.#]*$")
_SIGNER_MIXED = re.compile(
    r"^\s*((?:(?:van|von|de|del|da|di|la|le)\s+)?(?:Mc|Mac|O')?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[\-'][A-Z]?[a-z]+)?)\s*$"
)
_SIGNER_MIXED_TAIL = re.compile(r"[.!?\"')]\s+((?:Mc|Mac|O')?[A-Z][a-z]+(?:[A-Z][a-z]+)?)\s*$")
_SIGNER_TAIL_MIXED = re.compile(
    r"([A-Za-z][^\n]{0,80}?(?:[.!?\"')\d]\s+|X{4,}\s*))((?!X{4})[A-Z][A-Z'\-]{2,})[\s.#\"]*$"
)
_TAIL_CHARS = 160
_SIGNER_TAIL = re.compile(r"[.!?\"')]\s{2,}([A-Z][A-Z'\-]{2,})[\s.#]*$")
_NOT_SIGNERS = frozenset(
    """REGARDS TEXT END THE AND MINIMIZE CONSIDERED SIPDIS CONFIDENTIAL SECRET UNCLASSIFIED NOFORN
    NNNN CITY COMMENT SUMMARY NOTE ACTION REQUEST PARA DEPT POST END""".split()
)
# One-word closing lines in mixed-case cables that are not names.
_NOT_SIGNERS_MIXED = frozenset(
    "THANKS THANK REGARDS BEST CHEERS SINCERELY END TEXT BEGIN NONE SIGNED COMMENT SUMMARY NOTE "
    "ENDS CLEARED DRAFTED APPROVED YES NO OK ASAP".split()
)


def parse_signers(text: str) -> list[str]:
    """Surnames on the closing line (``HOAGLAND``; ``BURNS/BRYS`` gives two)."""
    t = prepare(text)
    if not t:
        return []
    lines = t[-3000:].split("\n")
    checked = 0
    for line in reversed(lines):
        if _TRAILER_LINE.match(line):
            continue
        checked += 1
        stripped = line.strip().rstrip("#").strip()
        m = _SIGNER_LINE.match(stripped)
        if m:
            words = m.group(1).split()
            if not any(w in _NOT_SIGNERS for w in words) and len(m.group(1)) >= 3:
                return [" ".join(words)]
        mm = _SIGNER_MIXED.match(stripped)
        if mm and mm.group(1).upper() not in _NOT_SIGNERS and mm.group(1).upper() not in _NOT_SIGNERS_MIXED:
            return [mm.group(1).upper()]
        for sep in ("/", " AND "):
            if sep in stripped and stripped.replace(sep, "").replace(" ", "").isalpha() and stripped.isupper():
                names = [s.strip() for s in stripped.split(sep) if s.strip()]
                if 1 < len(names) <= 3 and all(len(n.split()) <= 2 for n in names):
                    return names
        # The tail patterns are anchored at the line end: searching only its
        # last characters keeps long joined lines from costing quadratic time.
        tail = line.rstrip()[-_TAIL_CHARS:]
        m = _SIGNER_TAIL.search(tail)
        if m and m.group(1) not in _NOT_SIGNERS:
            return [m.group(1)]
        # Lines joined by a dump: "... End Comment. CRETZ" (a mixed-case sentence, then
        # the ALL-CAPS name after one space).
        m = _SIGNER_TAIL_MIXED.search(tail)
        if m and m.group(2) not in _NOT_SIGNERS and any(c.islower() for c in m.group(1)):
            return [m.group(2)]
        if checked == 1:
            m = _SIGNER_MIXED_TAIL.search(tail)
            if m and m.group(1).upper() not in _NOT_SIGNERS | _NOT_SIGNERS_MIXED:
                return [m.group(1).upper()]
        # The closing name sits right after the text, possibly after a one-line
        # sign-off (REGARDS) or an address line (City): look at three lines at most.
        if checked >= 3:
            break
    return []


# --------------------------------------------------------------------------
# Summary
# --------------------------------------------------------------------------

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


def _summary_start(t: str) -> re.Match | None:
    """The first summary marker (not "END SUMMARY") in the head of the text."""
    low = t[:_HEAD].lower()
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


_SUMMARY_END = re.compile(
    r"(?i)\bEND\s+(?:OF\s+)?SUMMARY(?:\s+AND\s+(?:ACTION\s+REQUEST|COMMENT|INTRODUCTION))?(?:/COMMENT)?\b\.?"
)
_PARA_NUM_LINE = re.compile(r"(?m)^\s*\d{1,2}\s*\.\s*(?:\(\w+(?:/\w+)?\)\s*)?")
_PARA_END = re.compile(r"\n[ \t]*\n|\s-{6,}\s")
_PARA_MARK = re.compile(r"^\s*\(\s*" + _MARKING + r"\s*\)\s*", re.I)
_DASH_HEADING = re.compile(r"^-+\s*SUMMARY\s*-+$", re.I)


def parse_summary(text: str) -> str | None:
    """The summary: from ``SUMMARY:`` to ``END SUMMARY`` (or the paragraph's end)."""
    t = prepare(text)
    if not t:
        return None
    m = _summary_start(t)
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
_INNER_WS = re.compile(r"[ \t]+")


# --------------------------------------------------------------------------
# Site page extras and small utilities
# --------------------------------------------------------------------------

_MEDIA_BLOCK = re.compile(r"(?is)Appears in these articles:(.*?)</td>")
_HREF = re.compile(r"""(?i)href=['"]([^'"]+)['"]""")


def parse_media_urls(page_html: str) -> list[str]:
    """Articles a Cablegate site page lists under "Appears in these articles"."""
    if not page_html:
        return []
    m = _MEDIA_BLOCK.search(page_html)
    if not m:
        return []
    urls: list[str] = []
    for href in _HREF.findall(m.group(1)):
        url = html.unescape(href).strip()
        url = re.sub(r"^(https?://)+(?=https?://)", "", url)
        url = re.sub(r"^(https?://)(?:https?://)+", r"\1", url)
        url = re.sub(r"^http://http://", "http://", url)
        if url not in urls:
            urls.append(url)
    return urls


def tag_kind(tag: str) -> str | None:
    """Kind of a TAGS token: subject, program, organization, person, geo."""
    if not tag:
        return None
    table = refdata.tags()
    up = tag.strip().upper()
    info = table.get(up) or table.get(tag.strip())
    if info:
        kind = info["kind"].split(" ", 1)[0]
        return "geo" if kind.startswith("geo") else kind
    if re.fullmatch(r"[A-Z'\-]+, [A-Z][A-Z .'\-]*", up):
        return "person"
    return None


_REDACTION_GLUE = re.compile(r"(?<=[a-z])x{3,}\b|\bx{3,}(?=[a-z])")


def clean_content(text: str) -> str:
    """Remove site artefacts from body text: pilcrows, redaction marks glued to words."""
    if not text:
        return text
    t = text.replace("\u00b6", "")
    return _REDACTION_GLUE.sub("", t)


_SMALL_WORDS = frozenset("a an and as at but by for in nor of on or the to vs via".split())
_TITLE_TOKEN = re.compile(r"([A-Za-z0-9'\u2019.&]+)")


def titlefy(subject: str) -> str:
    """Title-case an ALL-CAPS subject, keeping known acronyms (``SPD in Driver's Seat``)."""
    if not subject:
        return subject
    s = subject.strip()
    if any(c.islower() for c in s):
        return s
    acronyms = refdata.acronyms()
    out: list[str] = []
    pieces = _TITLE_TOKEN.split(s)
    first_word = True
    after_break = True
    for piece in pieces:
        if not piece:
            continue
        if not _TITLE_TOKEN.fullmatch(piece):
            out.append(piece)
            if re.search(r"[:(\"]|--|\s-\s", piece):
                after_break = True
            continue
        word = piece
        low = word.lower()
        prev_sep = out[-1] if out else ""
        in_compound = prev_sep.endswith("-") and not prev_sep.endswith(" -") and not prev_sep.endswith("--")
        in_slash = prev_sep.endswith("/")
        if re.fullmatch(r"\d+(ST|ND|RD|TH)", word):
            out.append(low)
        elif word in acronyms and (len(word) > 1) and low not in _SMALL_WORDS and not _is_plain_word(word):
            out.append(word)
        elif len(word) > 1 and word.isalpha() and not _VOWEL.search(word) and word not in _NO_VOWEL_WORDS:
            out.append(word)  # CWS, BWC: no vowel, no word

        elif low in _SMALL_WORDS and not first_word and not after_break and not in_compound and not in_slash:
            out.append(low)
        else:
            out.append(_cap(low))
        first_word = False
        after_break = False
    return "".join(out)


_VOWEL = re.compile(r"[AEIOUY]")
_NO_VOWEL_WORDS = frozenset({"MR", "MRS", "MS", "DR", "ST", "VS", "TV"})


def _cap(word: str) -> str:
    parts = word.split("'")
    head = parts[0][:1].upper() + parts[0][1:]
    return "'".join([head] + parts[1:]) if len(parts) > 1 else head


@lru_cache(maxsize=1)
def _plain_words() -> frozenset[str]:
    # Acronym-list entries that are also everyday words in subjects.
    return frozenset(
        """OF IN ON IS IT AS AT BY TO UP WE NO SO DO GO ME MY OR AN BE HE IF AM ARE ALL AND CAN
        FOR HAS NEW NOT ONE OUT THE TWO WHO WHY HOW OUR ITS WAR AID ACT ART BAN BIG BID CUT END FEW
        KEY LAW LOW MAN MAY NOW OIL OLD OWN RUN SAY SET TAX TOP WAY WIN YES YET NET PER PRO TIP
        BACK FUTURE CALLS LOSE CUTS DAUGHTER FIRST HEALTH CLOSE MEETING ALLIES DIRECTED REVIEW
        TITLE ACT ACTS HAVE GOT WILL ALSO DOWN ARMS ONLY WITH BASED SENIOR HIM EX""".split()
    )


def _is_plain_word(word: str) -> bool:
    return word in _plain_words()
