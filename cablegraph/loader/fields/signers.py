"""Signers: the surnames on the closing line."""
from __future__ import annotations

import re

from cablegraph.loader.fieldtext import prepare


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
_CAPS_WORD_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ'-")
_TAIL_TRAILER = " \t\n\r\f\v.#\""
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
        # Both tail patterns end in an ALL-CAPS word of three letters or more
        # (then blanks, dots, # or quotes): a cheap test spares the searches.
        if _CAPS_WORD_END.issuperset(tail.rstrip(_TAIL_TRAILER)[-3:] or "x"):
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
