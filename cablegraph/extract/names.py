"""Normalised forms of personal names and titles as the gold schema writes them."""
from __future__ import annotations

import re

from cablegraph.extract import wordlists

_WORD_PART = re.compile(r"([A-Za-z]+)")
_SMALL_TITLE_WORDS = frozenset({"of", "the", "for", "and", "at", "in", "on", "to", "de"})
_APOSTROPHE_COMMA = re.compile(r"(?<=\b[A-Z]),(?=[A-Z])")


def _title_case_word(word: str) -> str:
    """``MCKEE`` -> ``McKee``, ``HANNA-MARTIN`` -> ``Hanna-Martin``, ``YAR'ADUA`` -> ``Yar'Adua``."""
    def fix(match: re.Match[str]) -> str:
        part = match.group(1)
        if len(part) > 3 and part.upper().startswith("MC"):
            return "Mc" + part[2:].capitalize()
        return part.capitalize()

    return _WORD_PART.sub(fix, word.lower())


def normalise_name(surface: str, all_caps: bool) -> str:
    """The schema's ``name``: honorifics already gone; ALL-CAPS text title-cased with
    particles in lower case; a comma used as an apostrophe becomes one."""
    surface = _APOSTROPHE_COMMA.sub("'", " ".join(surface.split()))
    if not all_caps:
        return surface
    particles = wordlists.word_set("name_particles.txt")
    words = surface.split()
    out = []
    for index, word in enumerate(words):
        if 0 < index < len(words) - 1 and word.lower() in particles:
            out.append(word.lower())
        elif len(word) == 2 and word.endswith("."):
            out.append(word.upper())
        else:
            out.append(_title_case_word(word))
    return " ".join(out)


def title_case(phrase: str, all_caps: bool | None = None) -> str:
    """``CHAIRMAN OF THE TAJIK STATE BORDER COMMITTEE`` -> ``Chairman of the Tajik ...``;
    acronyms written in capitals inside mixed-case text (``MFA``) are kept."""
    words = phrase.split()
    if all_caps is None:
        all_caps = phrase.upper() == phrase
    out = []
    for index, word in enumerate(words):
        lower = word.lower()
        if index and lower in _SMALL_TITLE_WORDS:
            out.append(lower)
        elif lower == "d'affaires":
            out.append("d'Affaires")
        elif not all_caps and word.isupper() and len(word) > 1:
            out.append(word)
        elif not all_caps and any(c.isupper() for c in word[1:]):
            out.append(word)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def name_key(name: str) -> str:
    """Comparison key: lower case, letters only, single spaces."""
    return " ".join(re.sub(r"[^a-z ]+", " ", name.lower().replace("'", "")).split())
