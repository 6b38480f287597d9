"""Person names: normal form, transliteration-tolerant keys, variants, similarity.

Pure functions. Cables write foreign names in capitals and in the State
Department's transliteration (RAHMONOV, RAKHMONOV, NAZARBAYEV); other
datasets write them in their own (Emomali Rahmon, Nursultan Nazarbaev). The
key folds the usual differences of Cyrillic and Persian romanisation so that
such forms compare equal; similarity is then measured on the keys.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

# words that may stand before or after a name in a cable or a dataset and are not part of it
HONORIFICS = frozenset(
    """MR MRS MS MISS DR PROF SIR DAME HE HIS HER EXCELLENCY HONORABLE HON AMB AMBASSADOR PRESIDENT
    PRIME MINISTER FM DFM DPM PM KING QUEEN PRINCE PRINCESS SHEIKH SHAIKH EMIR AMIR GENERAL GEN COL
    COLONEL MAJOR MAJ LTG LT MG BG ADM ADMIRAL SENATOR SEN REP DEPUTY VICE CHAIRMAN CHAIR SECRETARY
    SEC FOREIGN MINISTRY SPEAKER JR SR II III""".split()
)
# (pattern, replacement) applied in order to an upper-case ASCII name
_FOLDS = (
    (re.compile(r"DZH|DJ|ZH|J"), "J"),
    (re.compile(r"KH|CH(?=[AEIOU])"), "H"),
    (re.compile(r"TCH|CH|TSH"), "C"),
    (re.compile(r"SHCH|SH|SCH"), "S"),
    (re.compile(r"[YI]+"), "I"),
    (re.compile(r"OU|OO"), "U"),
    (re.compile(r"W|FF$|V"), "V"),
    (re.compile(r"Q|CK|C(?=[KOU])"), "K"),
    (re.compile(r"PH"), "F"),
    (re.compile(r"E"), "E"),
    (re.compile(r"(.)\1+"), r"\1"),
)


def ascii_upper(text: str) -> str:
    """``Émomalí Rahmon-ov`` -> ``EMOMALI RAHMON OV``: upper-case ASCII letters, single spaces."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^A-Za-z]+", " ", plain).upper().split())


def name_words(name: str) -> list[str]:
    """The words of a name without honorifics and titles: ``President RAHMONOV`` -> ``[RAHMONOV]``.

    A name written ``Surname, Given`` is turned round first.
    """
    if "," in name:  # "Surname, Given" and "Surname, Given, Jr."
        surname, given = name.split(",", 1)
        if given.strip():
            name = f"{given} {surname}"
    words = ascii_upper(name).split()
    kept = [w for w in words if w not in HONORIFICS]
    return kept or words


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Transliteration-tolerant key of one upper-case word (RAKHMONOV and RAHMONOV agree)."""
    key = word
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return key


def surname_keys(name: str) -> set[str]:
    """Keys under which a name is indexed: its last word, and the last word
    without a Slavic patronymic-style ending (RAHMONOV also as RAHMON, the form
    the Tajik president took in 2007)."""
    words = name_words(name)
    if not words:
        return set()
    last = fold(words[-1])
    keys = {last}
    for ending in ("OVA", "EVA", "OV", "EV", "IN"):
        if last.endswith(ending) and len(last) - len(ending) >= 4:
            keys.add(last[: -len(ending)])
    return keys


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def compare(mention: str, known: str) -> tuple[float, str]:
    """How well a mention's name fits a known name (0..1) and why.

    The surname must agree (keys equal, or one the other without its ending, or
    a string similarity of the keys); given names count when both have them: the
    same first letter keeps the score, a different one cuts it hard.
    """
    m_words, k_words = name_words(mention), name_words(known)
    if not m_words or not k_words:
        return 0.0, "no name"
    m_last, k_last = fold(m_words[-1]), fold(k_words[-1])
    if m_last == k_last:
        surname, why = 1.0, "surname agrees"
    elif surname_keys(mention) & surname_keys(known):
        surname, why = 0.9, "surname agrees without its ending"
    else:
        surname = _similar(m_last, k_last)
        why = f"surname {surname:.2f} similar"
        if surname < 0.8:
            return surname * 0.5, why
    m_given, k_given = m_words[:-1], k_words[:-1]
    if not m_given:
        return surname * 0.85, why + ", surname only in the cable"
    if not k_given:
        return surname * 0.85, why + ", no given name known"
    if fold(m_given[0]) == fold(k_given[0]):
        return surname, why + ", given name agrees"
    if m_given[0][0] == k_given[0][0]:
        return surname * 0.95, why + ", initial agrees"
    return surname * 0.4, why + ", given name differs"


def best_name(mention: str, names: tuple[str, ...] | list[str]) -> tuple[float, str, str]:
    """The best of :func:`compare` over a candidate's names: (score, name, why)."""
    best = (0.0, "", "no name")
    for known in names:
        score, why = compare(mention, known)
        if score > best[0]:
            best = (score, known, why)
    return best
