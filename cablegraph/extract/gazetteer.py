"""Gazetteers compiled once per process from the reference tables and lexicons.

States come from ``refdata.countries()`` (names) plus ``lexicons/state_forms.tsv``
(adjectives, demonyms, acronyms); places from the US posts and the cable
stations; given names from the POCOM chiefs of mission.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cablegraph import refdata
from cablegraph.extract import wordlists

_NOT_STATE = "NOT-A-STATE"


def _alternation(forms: list[str]) -> str:
    unique = sorted(set(forms), key=lambda f: (-len(f), f))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in unique)


@dataclass(frozen=True)
class StateGazetteer:
    pattern: re.Pattern[str]  # group "form": a state form or a non-state look-alike
    codes: dict[str, str]  # upper-cased form -> ISO2, or _NOT_STATE
    sovereign: frozenset[str]
    acronyms: dict[str, str]  # government acronym -> default ISO2
    names: dict[str, str]  # ISO2 -> English short name

    def code(self, form: str) -> str | None:
        key = " ".join(form.upper().split())
        code = self.codes.get(key)
        if code is None and key.endswith("S"):
            code = self.codes.get(key[:-1])
        if code is None or code == _NOT_STATE or code not in self.sovereign:
            return None
        return code


@lru_cache(maxsize=None)
def states() -> StateGazetteer:
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    forms: list[str] = []
    for row in refdata.countries():
        if not row["iso2"] or row["historical"]:
            continue
        names.setdefault(row["iso2"], row["name"])
        for name in {row["name"], row["name"].replace("&", "and")}:
            codes.setdefault(name.upper(), row["iso2"])
            forms.append(name)
    for form, code in wordlists.table("state_forms.tsv"):
        codes[form.upper()] = code
        forms.append(form)
    for form in wordlists.word_list("non_states.tsv"):
        codes[form.upper()] = _NOT_STATE
        forms.append(form)
    acronyms = dict(wordlists.table("government_acronyms.tsv"))
    for form in acronyms:
        forms.append(form)
    territories = wordlists.tokens("non_sovereign.txt")
    sovereign = frozenset(c for c in set(codes.values()) | set(acronyms.values())
                          if c != _NOT_STATE and c not in territories)
    both_cases = forms + [f.upper() for f in forms]
    pattern = re.compile(
        r"(?<![A-Za-z.])(?P<form>" + _alternation(both_cases) + r")(?:s|S)?(?![A-Za-z])"
    )
    return StateGazetteer(pattern, codes, sovereign, acronyms, names)


@lru_cache(maxsize=None)
def station_state(station: str | None) -> str | None:
    """ISO2 of the state a reference-ID station (``DUSHANBE``) lies in."""
    if not station:
        return None
    country = refdata.station_countries().get(station.upper())
    if not country:
        return None
    return states().code(country)


@dataclass(frozen=True)
class TitleLexicon:
    heads: re.Pattern[str]  # title heads, any case
    abbreviations: re.Pattern[str]  # abbreviated titles, as written
    expansions: dict[str, str]  # abbreviation (upper) -> expanded title
    head_words: frozenset[str]  # every word of every head, lower-cased
    heads_lower: frozenset[str]  # the heads themselves, lower-cased
    modifiers: frozenset[str]


@lru_cache(maxsize=None)
def titles() -> TitleLexicon:
    heads = list(wordlists.word_list("title_heads.txt"))
    abbreviations = wordlists.table("title_abbreviations.tsv")
    head_words = {w.lower() for h in heads for w in re.split(r"[\s/]+", h)}
    return TitleLexicon(
        heads=re.compile(r"(?<![\w'-])(?:" + _alternation(heads) + r")(?:s)?(?![\w'-])", re.I),
        abbreviations=re.compile(
            r"(?<![\w/'-])(?:" + _alternation([a for a, _ in abbreviations]) + r")(?![\w/'-])"
        ),
        expansions={a.upper(): e for a, e in abbreviations},
        head_words=frozenset(head_words),
        heads_lower=frozenset(h.lower() for h in heads),
        modifiers=wordlists.word_set("title_modifiers.txt"),
    )


@lru_cache(maxsize=None)
def places() -> frozenset[str]:
    """Lower-cased names of the cable stations (DUSHANBE, MOSCOW): cities, never persons."""
    names = {station.lower() for station in refdata.station_countries()}
    return frozenset(names)


@lru_cache(maxsize=None)
def given_names() -> frozenset[str]:
    """Lower-cased forenames of the US chiefs of mission (a gazetteer of first names)."""
    names = set()
    for row in refdata.chiefs_of_mission():
        for part in row["forename"].split():
            if len(part) > 2 and part[0].isupper() and not part.endswith("."):
                names.add(part.lower())
    return frozenset(names)


@lru_cache(maxsize=None)
def common_words() -> frozenset[str]:
    return wordlists.word_set("common_words.txt")
