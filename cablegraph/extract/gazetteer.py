"""Gazetteers compiled once per process from the reference tables and lexicons.

States come from ``refdata.countries()`` (names) plus ``lexicons/state_forms.tsv``
(adjectives, demonyms, acronyms); places from the US posts and the cable
stations; given names from the POCOM chiefs of mission and ``lexicons/given_names.txt``
(``bench/build_given_names.py``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from cablegraph import refdata
from cablegraph.extract import wordlists
from cablegraph.extract.phrases import PhraseTable
from cablegraph.extract.text import Token, Words, hyphenated_words
from cablegraph.resolve import ORGANISATION_MISSIONS, country_by_iso3, host_state
from cablegraph.namespaces import mission_key

_NOT_STATE = "NOT-A-STATE"
_KNOWN_FORMS = 1 << 16
_ORGANISATION_STATIONS = frozenset(ORGANISATION_MISSIONS.values())


@dataclass(frozen=True)
class StateGazetteer:
    table: PhraseTable[str]  # the same forms over tokens: form -> code or _NOT_STATE
    codes: dict[str, str]  # upper-cased form -> ISO2, or _NOT_STATE
    sovereign: frozenset[str]
    acronyms: dict[str, str]  # government acronym -> default ISO2
    names: dict[str, str]  # ISO2 -> English short name
    known: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)  # form -> code()

    def find(self, tokens: list[Token], all_caps: bool, lowers: list[str] | None = None):
        """State forms among tokens: (first, last, text as written, ISO2 or None).
        ``lowers``: the tokens' ``lower`` when the caller has them."""
        if lowers is None:
            lowers = [t.lower for t in tokens]
        # only tokens that start a form, and hyphenated words ("Russian-Chinese"), can yield one
        starts = self.table.candidates(lowers)
        hyphenated = lowers.hyphenated if isinstance(lowers, Words) else hyphenated_words(lowers)
        if hyphenated:
            starts = sorted(set(starts).union(hyphenated))
        index = 0
        for index_ in starts:
            if index_ < index:
                continue
            index = index_
            token = tokens[index]
            found = self.table.longest_at(tokens, index) if token.kind != "punct" else None
            if found and self._cased_as_name(tokens, index, found[0], found[1], all_caps):
                last, form, _ = found
                text = token.text if last == index else " ".join(t.text for t in tokens[index : last + 1])
                yield index, last, text, self.code(text) or self.code(form)
                index = last + 1
                continue
            if token.kind == "word" and "-" in token.text and (all_caps or token.text[0].isupper()):
                for part in token.text.split("-"):
                    if part[:1].isupper() and (len(part) > 3 or part.isupper()):
                        code = self.code(part)
                        if code:
                            yield index, index, part, code
            index += 1

    @staticmethod
    def _cased_as_name(tokens: list[Token], first: int, last: int, form: str, all_caps: bool) -> bool:
        text = tokens[first].text
        if form.isupper() or (len(form) <= 4 and form.replace(".", "").isupper()):
            return all(t.text.isupper() or t.kind == "punct" for t in tokens[first : last + 1])
        return all_caps or text[:1].isupper()

    def code(self, form: str) -> str | None:
        """ISO2 of a sovereign state's form (any case, any spacing), or None."""
        try:
            return self.known[form]  # some eighty look-ups a cable, mostly of a few hundred forms
        except KeyError:
            if len(self.known) >= _KNOWN_FORMS:
                self.known.clear()
            code = self.known[form] = self._code(form)
            return code

    def _code(self, form: str) -> str | None:
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
    table: PhraseTable[str] = PhraseTable(fold_case=True, plural=True)
    for form in forms:
        table.add(form, form)
    return StateGazetteer(table, codes, sovereign, acronyms, names)


@lru_cache(maxsize=None)
def station_state(station: str | None) -> str | None:
    """ISO2 of the state a reference-ID station (``DUSHANBE``) lies in, as the
    mapping places its mission (the Office of the Historian's posts, then
    cablemap's stations); None for a US mission to an international
    organisation (``GENEVA``, ``USNATO``): its cables report on no host government."""
    if not station:
        return None
    key = mission_key(station)
    if key in _ORGANISATION_STATIONS:
        return None
    iso3 = host_state(key)
    if iso3:
        return country_by_iso3(iso3)["iso2"] or None
    country = refdata.station_countries().get(station.upper())
    return states().code(country) if country else None


@dataclass(frozen=True)
class TitleLexicon:
    heads: PhraseTable[str]  # title heads, any case -> the head
    abbreviations: PhraseTable[str]  # abbreviated titles as written (and in capitals) -> expansion
    head_words: frozenset[str]  # every word of every head, lower-cased
    modifiers: frozenset[str]


@lru_cache(maxsize=None)
def titles() -> TitleLexicon:
    heads = list(wordlists.word_list("title_heads.txt"))
    abbreviations = wordlists.table("title_abbreviations.tsv")
    head_words = {w.lower() for h in heads for w in re.split(r"[\s/]+", h)}
    head_table: PhraseTable[str] = PhraseTable(fold_case=True, plural=True)
    for head in heads:
        head_table.add(head, head)
    abbreviation_table: PhraseTable[str] = PhraseTable(fold_case=False)
    for abbreviation, expansion in abbreviations:
        abbreviation_table.add(abbreviation, expansion)
        abbreviation_table.add(abbreviation.upper(), expansion)
    return TitleLexicon(
        heads=head_table,
        abbreviations=abbreviation_table,
        head_words=frozenset(head_words),
        modifiers=wordlists.word_set("title_modifiers.txt"),
    )


@lru_cache(maxsize=None)
def places() -> frozenset[str]:
    """Lower-cased names of the cable stations (DUSHANBE, MOSCOW): cities, never persons."""
    names = {station.lower() for station in refdata.station_countries()}
    return frozenset(names)


@lru_cache(maxsize=None)
def given_names() -> frozenset[str]:
    """Lower-cased first names: the forenames of the US chiefs of mission and
    ``lexicons/given_names.txt`` (others, read from the corpus)."""
    return us_given_names() | wordlists.word_set("given_names.txt")


@lru_cache(maxsize=None)
def us_given_names() -> frozenset[str]:
    """Lower-cased forenames of the US chiefs of mission."""
    names = set()
    for row in refdata.chiefs_of_mission():
        for part in row["forename"].split():
            if len(part) > 2 and part[0].isupper() and not part.endswith("."):
                names.add(part.lower())
    return frozenset(names)


@lru_cache(maxsize=None)
def common_words() -> frozenset[str]:
    return wordlists.word_set("common_words.txt")
