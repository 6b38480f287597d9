"""The Classified By statement: who classified the cable, as what, for which reasons."""
from __future__ import annotations

import re
from functools import lru_cache

from cablegraph.loader.fieldtext import prepare, squash, start_of_cue_line
from cablegraph.loader.fields.common import HEAD as _HEAD
from cablegraph.loader.ids import _distance
from cablegraph.record import ClassifiedBy


_CLASSIFIED_BY = re.compile(r"(?i)\bclassified\s+by\b\s*[:.]?")
_CLASSIFIED_BY_CUE = re.compile(r"(?i)classified")  # where every match starts, so on its line
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
    start = start_of_cue_line(_CLASSIFIED_BY_CUE, t, 0, _HEAD) if t else None
    if start is None:
        return []
    reasons = None
    for m in _CLASSIFIED_BY.finditer(t, start, _HEAD):
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
