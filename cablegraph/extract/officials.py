"""Named persons in a cable body: cues, name spans, titles, and one entry per person.

A person is found by a cue that only names take: a title or honorific in front
("GENERAL-COLONEL SAIDIMIR ZUHUROV", "Mr. Smith"), a title in apposition
("Saidimir Zuhurov, Chairman of ..."), a verb of saying after a name that is no
known word, place or state ("ZUHUROV SAID"), a known given name in front
("Gerry Adams"), or the Classified By line.  Every later occurrence of a
person's surname or full name in the cable is a mention of that person.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from cablegraph.extract import gazetteer, wordlists
from cablegraph.extract.context import CableContext, Passage
from cablegraph.extract.model import Official
from cablegraph.extract.names import normalise_name, title_case
from cablegraph.extract.phrases import indexes_of
from cablegraph.extract.text import Token
from cablegraph.extract.titles import TitleFinder, TitleMatch, describe_person

MAX_NAME_TOKENS = 6
CUE_CONFIDENCE = {"title": 0.9, "honorific": 0.9, "classified_by": 0.95, "relation": 0.8,
                  "apposition": 0.85, "verb": 0.7, "given_name": 0.7, "list": 0.8, "tenure": 0.7}
LIST_JOINERS = frozenset({",", "and", ";", "&"})


@dataclass
class Candidate:
    passage: Passage
    first: int  # token indexes of the name, inclusive
    last: int
    cue: str
    titles: list[TitleMatch] = field(default_factory=list)

    @property
    def tokens(self) -> list[Token]:
        return self.passage.tokens[self.first : self.last + 1]

    @property
    def surface(self) -> str:
        toks = self.tokens
        return " ".join(self.passage.text[toks[0].start : toks[-1].end].split())


@dataclass
class Person:
    words: list[str]  # name words, lower-cased, particles and initials included
    surfaces: list[str] = field(default_factory=list)
    fullest: str = ""
    titles: list[TitleMatch] = field(default_factory=list)
    paragraphs: set[int] = field(default_factory=set)
    confidence: float = 0.0
    last_seen: tuple[int, int] = (0, 0)

    def __post_init__(self) -> None:
        self.set_words(self.words)

    def set_words(self, words: list[str]) -> None:
        self.words = words
        # the words but initials: compared with every name read (once per person and change)
        self.content_words = {w for w in words if len(w) > 1}

    @property
    def surname(self) -> str:
        return self.words[-1]


@lru_cache(maxsize=None)
def _blocked_words() -> frozenset[str]:
    abbreviations = {a.lower() for a, _ in wordlists.table("title_abbreviations.tsv")}
    return (wordlists.word_set("non_name_words.txt") | wordlists.word_set("organization_words.txt")
            | wordlists.word_set("honorifics.txt") | abbreviations)


@lru_cache(maxsize=None)
def _cue_words(all_caps: bool) -> frozenset[str]:
    """The words that cue a name next to them (given names only in mixed-case text)."""
    words = (wordlists.word_set("honorifics.txt") | wordlists.word_set("relation_words.txt")
             | wordlists.word_set("person_verbs.txt") | wordlists.word_set("tenure_words.txt"))
    return words if all_caps else words | gazetteer.given_names()


# "ur-Rahman", "al-Assad": a lower-case particle joined to a capitalised name.
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ur|ul|ud|bin|ibn|abu|de|da|di|van|von)-[A-Z]")
SHAYKH_TITLES = frozenset({"shaykh", "sheikh", "sheik"})
PLACE_PREFIXES = frozenset({"san", "santa", "santo", "sao", "st", "saint", "ciudad", "puerto", "port", "fort"})
# Capitalised adjectives before a tenure word: "Federal", "Maoist", "Scottish", "AKP-led".
_ADJECTIVE_ENDING = re.compile(r"(?:ial|onal|eral|tral|ist|ish|-[a-z]+ed)$")


def _close_spelling(a: str, b: str) -> bool:
    """One letter added, dropped or changed ("LUNDSTEAD"/"LUNSTEAD"), in names of six letters or more."""
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1 or a[:2] != b[:2]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


# what closes a name set off after a title: "the Minister, Rehman Malik, said"
APPOSITION_CLOSERS = frozenset({",", ".", ";", ")", ":"})


# (all caps, strict) -> token text -> NameReader.is_word: the lexicons' answer for a word,
# the same in every cable of that casing
_word_answers: dict[tuple[bool, bool], dict[str, bool]] = {}
_KNOWN_WORDS = 1 << 16


class NameReader:
    """Decides which tokens can be part of a personal name in this cable."""

    def __init__(self, context: CableContext):
        self.all_caps = context.all_caps
        self.states = gazetteer.states()
        self.titles = gazetteer.titles()
        self.common = gazetteer.common_words()
        self.places = gazetteer.places()
        self.given = gazetteer.given_names()
        self.blocked = _blocked_words()
        self.particles = wordlists.word_set("name_particles.txt")
        self._loose = _word_answers.setdefault((self.all_caps, False), {})  # token text -> is_word(token)
        self._strict = _word_answers.setdefault((self.all_caps, True), {})  # ... is_word(token, strict=True)

    def is_state_word(self, word: str) -> bool:
        key = word.upper()
        return key in self.states.codes or key in self.states.acronyms or (
            key.endswith("S") and key[:-1] in self.states.codes)

    def is_word(self, token: Token, strict: bool = False) -> bool:
        """A token that may stand in a name (``strict``: and is no common word); a
        function of the token's text and the cable's casing, answered once per process
        for each (up to a bound)."""
        known = self._strict if strict else self._loose
        try:
            return known[token.text]
        except KeyError:
            if len(known) >= _KNOWN_WORDS:
                known.clear()
            answer = known[token.text] = self._is_word(token, strict)
            return answer

    def _is_word(self, token: Token, strict: bool) -> bool:
        if token.kind != "word" or len(token.text) < 2:
            return False
        lower = token.lower
        if any(part in self.blocked for part in lower.split("-")) or lower in self.titles.head_words \
                or lower[:-1] in self.titles.head_words and lower.endswith("s") or self.is_state_word(token.text):
            return False
        if lower in self.places:
            return False
        text = token.text
        if self.all_caps:
            if not text.isupper():
                return False
            return lower not in self.common
        if not (text[0].isupper() or _PARTICLE_PREFIX.match(text)) or (text.isupper() and len(text) > 1):
            return False
        return not (strict and lower in self.common)

    def is_initial(self, tokens: list[Token], index: int) -> bool:
        token = tokens[index]
        if token.kind == "abbr" and len(token.text) <= 4 and token.text.isupper():
            return True
        return (token.kind == "word" and len(token.text) == 1 and token.text.isupper()
                and index + 1 < len(tokens) and tokens[index + 1].text == ".")

    def is_particle(self, token: Token) -> bool:
        return token.kind == "word" and token.lower in self.particles and (
            self.all_caps or token.text.islower())

    def span_forward(self, tokens: list[Token], start: int, strict: bool = False) -> int | None:
        """Last index of a name starting at ``start``, or None."""
        index, last = start, None
        while index < len(tokens) and index - start < MAX_NAME_TOKENS:
            token = tokens[index]
            if self.is_initial(tokens, index):
                index += 2 if token.kind == "word" else 1
                continue
            if self.is_particle(token) and last is not None and index + 1 < len(tokens) \
                    and self.is_word(tokens[index + 1]):
                index += 1
                continue
            if not self.is_word(token, strict):
                break
            last = index
            if token.possessive:
                break
            index += 1
        return last

    def span_backward(self, tokens: list[Token], end: int, strict: bool = True,
                      state_last: bool = False) -> int | None:
        """First index of a name ending at ``end``, or None.  ``state_last``: the last
        word may look like a nationality when a name word precedes it ("Abdel Danish")."""
        if end < 0:
            return None
        if not self.is_word(tokens[end], strict):
            if not (state_last and end > 0 and self.is_state_word(tokens[end].text)
                    and self.is_word(tokens[end - 1], strict=True)):
                return None
        first, index = end, end - 1
        while index >= 0 and end - index < MAX_NAME_TOKENS:
            token = tokens[index]
            if token.possessive:
                break
            if token.text == "." and index > 0 and self.is_initial(tokens, index - 1):
                first, index = index - 1, index - 2
                continue
            if self.is_word(token, strict) or (self.is_particle(token) and index > 0
                                               and self.is_word(tokens[index - 1])):
                if self.is_word(token, strict):
                    first = index
                index -= 1
                continue
            break
        return first


class OfficialsExtractor:
    def __init__(self, context: CableContext):
        self.context = context
        self.reader = NameReader(context)
        self.verbs = wordlists.word_set("person_verbs.txt")
        self.honorifics = wordlists.word_set("honorifics.txt")
        self.relations = wordlists.word_set("relation_words.txt")
        self.tenures = wordlists.word_set("tenure_words.txt")
        self.org_words = wordlists.word_set("organization_words.txt")
        self.titles = TitleFinder(context)
        self.cue_words = _cue_words(context.all_caps)

    # -- cues ---------------------------------------------------------------
    def candidates(self, passage: Passage) -> list[Candidate]:
        found = self._title_candidates(passage)
        found += self._word_cue_candidates(passage, {c.first for c in found})
        return found

    def _name_after(self, tokens: list[Token], index: int, strict: bool) -> int | None:
        """A name right after a title: not itself followed by a title or organisation word
        ("Deputy Treasury Secretary ..." names no "Treasury")."""
        if index >= len(tokens):
            return None
        last = self.reader.span_forward(tokens, index, strict)
        if last is None or (last + 1 < len(tokens) and not tokens[last].possessive and (
                tokens[last + 1].lower in self.reader.titles.head_words
                or tokens[last + 1].lower in self.org_words)):
            return None
        return last

    def _title_candidates(self, passage: Passage) -> list[Candidate]:
        tokens = passage.tokens
        found: list[Candidate] = []
        cue = "classified_by" if passage.classified_by else "title"
        chain: list[TitleMatch] = []  # titles right before this one, naming no one themselves
        for title in self.titles.find(passage):
            if chain and chain[-1].end_token + 1 != title.start_token:
                chain = []
            strict = title.is_lowercase_in_mixed(self.context.all_caps)
            start = title.head_end + 1
            last = None if tokens[title.head_end].possessive else self._name_after(tokens, start, strict)
            if last is None and title.end_token > title.head_end and not tokens[title.end_token].possessive:
                start = title.end_token + 1
                last = self._name_after(tokens, start, strict)
            if last is not None:
                # "Assistant Minister of Defense Major General Fouad Abdel Halim": both titles
                found.append(Candidate(passage, start, last, cue, [t.resolve() for t in chain] + [title.resolve()]))
                chain = []
                if title.plural:
                    found += self._listed_names(passage, last + 1, title)
                continue
            name_end = title.apposition_anchor(tokens, self.context.all_caps)
            first = None if name_end is None else self.reader.span_backward(tokens, name_end, strict=False,
                                                                            state_last=True)
            span = (first, name_end) if first is not None else self._name_in_commas_after(tokens, title)
            if span is not None:
                found.append(Candidate(passage, span[0], span[1], "apposition", [title.resolve()]))
                chain = []
            else:
                chain.append(title)
        return found

    def _name_in_commas_after(self, tokens: list[Token], title: TitleMatch) -> tuple[int, int] | None:
        """"the Minister of Interior, Rehman Malik, said", "Pakistan's Foreign Minister,
        Shah Mahmood Qureshi.": a name set off by commas after a title that names one
        office (after "the" or a possessive), no common word in it."""
        before = tokens[title.start_token - 1] if title.start_token > 0 else None
        comma = title.end_token + 1
        if before is None or not (before.lower == "the" or before.possessive) or title.plural \
                or comma + 1 >= len(tokens) or tokens[comma].text != ",":
            return None
        last = self._name_after(tokens, comma + 1, strict=True)
        if last is None or (last + 1 < len(tokens) and tokens[last + 1].text not in APPOSITION_CLOSERS):
            return None
        return comma + 1, last

    def _listed_names(self, passage: Passage, index: int, title: TitleMatch) -> list[Candidate]:
        """"Secretaries Clinton, Geithner, and Lahood": each name shares the title."""
        tokens = passage.tokens
        found = []
        while index < len(tokens) and tokens[index].text in LIST_JOINERS:
            while index < len(tokens) and tokens[index].text in LIST_JOINERS:
                index += 1
            last = self._name_after(tokens, index, strict=True)
            if last is None:
                break
            found.append(Candidate(passage, index, last, "list", [title]))
            index = last + 1
        return found

    def _word_cue_candidates(self, passage: Passage, title_starts: set[int]) -> list[Candidate]:
        tokens = passage.tokens
        found: list[Candidate] = []
        for index in indexes_of(passage.lowers, self.cue_words):
            token = tokens[index]
            if token.kind != "word":
                continue
            lower = token.lower
            nxt = index + 1
            if lower in self.honorifics or lower in self.relations:
                start = nxt + (1 if nxt < len(tokens) and tokens[nxt].text == "." else 0)
                last = self.reader.span_forward(tokens, start) if start < len(tokens) else None
                if last is not None:
                    cue = "honorific" if lower in self.honorifics else "relation"
                    found.append(Candidate(passage, start, last, cue))
            elif lower in self.tenures:
                first = self.reader.span_backward(tokens, index - 1, strict=True) if index > 1 else None
                if first is not None and tokens[first - 1].lower == "the" and self._names_a_tenure(tokens, first, index):
                    found.append(Candidate(passage, first, index - 1, "tenure"))
            elif lower in self.verbs and index > 0 and index not in title_starts:
                first = self.reader.span_backward(tokens, index - 1)
                if first is not None and not self._after_determiner(tokens, first):
                    found.append(Candidate(passage, first, index - 1, "verb"))
            elif (not self.context.all_caps and lower in self.reader.given
                  and self.reader.is_word(token) and token.text[0].isupper()
                  and not self._inside_a_name(tokens, index)):
                last = self.reader.span_forward(tokens, index, strict=True)
                if last is not None and last > index:
                    found.append(Candidate(passage, index, last, "given_name"))
        return found

    def _names_a_tenure(self, tokens: list[Token], first: int, tenure: int) -> bool:
        """"the Rao government", not "the Costa Rican government", "the Federal government"
        or "the AKP-led government": no nationality and no adjective."""
        surface = " ".join(t.text for t in tokens[first:tenure])
        return (not tokens[tenure - 1].possessive and self.reader.states.code(surface) is None
                and not _ADJECTIVE_ENDING.search(tokens[tenure - 1].lower))

    @staticmethod
    def _inside_a_name(tokens: list[Token], index: int) -> bool:
        """A given name after "San", "Santa", "Sao" ... names a place: "San Pedro Sula"."""
        return index > 0 and tokens[index - 1].lower in PLACE_PREFIXES

    @staticmethod
    def _after_determiner(tokens: list[Token], first: int) -> bool:
        return first > 0 and tokens[first - 1].lower in {"the", "a", "an", "this", "that", "its"}

    # -- grouping -----------------------------------------------------------
    def extract(self) -> list[Official]:
        persons: list[Person] = []
        claimed: set[tuple[int, int]] = set()
        for p_index, passage in enumerate(self.context.passages):
            for cand in sorted(self.candidates(passage), key=lambda c: c.first):
                if any((p_index, i) in claimed for i in range(cand.first, cand.last + 1)):
                    self._attach_titles(persons, cand)
                    continue
                person = self._person_for(persons, cand, p_index)
                for i in range(cand.first, cand.last + 1):
                    claimed.add((p_index, i))
                self._add_mention(person, cand.surface, passage, (p_index, cand.first))
                person.titles.extend(cand.titles)
                person.confidence = max(person.confidence, CUE_CONFIDENCE[cand.cue])
        self._add_classifier(persons)
        self._propagate(persons, claimed)
        self.name_spans = self._spans(claimed)
        return _one_holder_per_office([self._official(p) for p in persons if p.confidence >= 0.5])

    def _add_classifier(self, persons: list[Person]) -> None:
        """The person of the Classified By statement (a US official), as the parser read it."""
        signer = self.context.classified_by
        if not signer or not signer.name:
            return
        words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", signer.name)]
        content = {w for w in words if len(w) > 1}
        if not content:
            return
        person = next((p for p in persons if content <= p.content_words or p.content_words <= content), None)
        if person is None:
            person = Person(words)
            persons.append(person)
        if len(words) >= len(person.words):
            person.set_words(words)
        surface = " ".join(signer.name.split())
        if surface not in person.surfaces:
            person.surfaces.insert(0, surface)
        if len(surface.split()) >= len(person.fullest.split()):
            person.fullest = surface
        if signer.title:
            all_caps = signer.title.isupper()
            title = self.titles.lexicon.abbreviations.entries.get((signer.title,), None)
            person.titles.insert(0, TitleMatch(0, 0, 0, title or title_case(signer.title, all_caps or None),
                                               classified_by=True))
        else:
            person.titles.insert(0, TitleMatch(0, 0, 0, "", classified_by=True))
        person.confidence = max(person.confidence, CUE_CONFIDENCE["classified_by"])

    def _spans(self, claimed: set[tuple[int, int]]) -> dict[int, list[tuple[int, int]]]:
        spans: dict[int, list[tuple[int, int]]] = {}
        for p_index, index in claimed:
            token = self.context.passages[p_index].tokens[index]
            spans.setdefault(p_index, []).append((token.start, token.end))
        return spans

    def _words(self, cand: Candidate) -> list[str]:
        return [t.lower for t in cand.tokens if t.text != "."]

    def _person_for(self, persons: list[Person], cand: Candidate, p_index: int) -> Person:
        """The person a name belongs to: one whose name words contain it or are
        contained in it; a lone word shared by several goes to the latest."""
        words = self._words(cand)
        content = {w for w in words if len(w) > 1}
        related = [p for p in persons if content <= p.content_words or p.content_words <= content]
        if not related and len(content) == 1:
            word = next(iter(content))
            related = [p for p in persons if _close_spelling(word, p.surname)]
        if len(related) > 1 and len(words) == 1:
            return max(related, key=lambda p: p.last_seen)
        for person in related:
            if len(words) > len(person.words):
                person.set_words(words)
            return person
        person = Person(words)
        persons.append(person)
        return person

    def _attach_titles(self, persons: list[Person], cand: Candidate) -> None:
        words = self._words(cand)
        for person in persons:
            if set(words) <= set(person.words):
                person.titles.extend(cand.titles)
                return

    def _add_mention(self, person: Person, surface: str, passage: Passage, where: tuple[int, int]) -> None:
        if surface not in person.surfaces:
            person.surfaces.append(surface)
        if len(surface.split()) > len(person.fullest.split()):
            person.fullest = surface
        if passage.number is not None and not passage.classified_by:
            person.paragraphs.add(passage.number)
        person.last_seen = max(person.last_seen, where)

    def _propagate(self, persons: list[Person], claimed: set[tuple[int, int]]) -> None:
        """Later mentions by surname (or by the full name) join the person."""
        by_surname: dict[str, list[Person]] = {}
        for person in persons:
            keys = {person.surname} | {s.lower() for s in person.surfaces if " " not in s}
            for key in keys:
                by_surname.setdefault(key, []).append(person)
        surnames = frozenset(by_surname)
        for p_index, passage in enumerate(self.context.passages):
            tokens = passage.tokens
            for index in indexes_of(passage.lowers, surnames):
                token = tokens[index]
                if (p_index, index) in claimed:
                    continue
                if not self.reader.is_word(token):
                    continue
                if index + 1 < len(tokens) and self.reader.is_word(tokens[index + 1]) \
                        and (p_index, index + 1) not in claimed:
                    continue  # a first name of someone else ("Kim Jong-Il")
                first = index
                while first > 0 and self.reader.is_word(tokens[first - 1]) and \
                        tokens[first - 1].lower in by_surname[token.lower][0].words:
                    first -= 1
                candidates = by_surname[token.lower]
                person = max(candidates, key=lambda p: (p.last_seen <= (p_index, index), p.last_seen))
                surface = " ".join(passage.text[tokens[first].start : token.end].split())
                claimed.update((p_index, i) for i in range(first, index + 1))
                self._add_mention(person, surface, passage, (p_index, index))

    # -- output -------------------------------------------------------------
    def _official(self, person: Person) -> tuple[Official, str | None]:
        """The official, and the single-holder title it was given the host state for."""
        name = normalise_name(person.fullest, self.context.all_caps or person.fullest.isupper())
        description = describe_person(person.titles, self.context, name)
        surfaces = list(person.surfaces)
        shaykh = next((t for t in description.titles if t.lower() in SHAYKH_TITLES), None)
        if shaykh and len(person.content_words) == 1:
            name = f"{shaykh} {name}"  # "Sheikh Sharif": the honorific is all the name there is
            description.titles.remove(shaykh)
        return Official(
            name=name,
            surface=surfaces,
            titles=description.titles,
            organization=description.organization,
            state=description.state,
            paragraphs=sorted(person.paragraphs),
            confidence=round(person.confidence, 2),
        ), description.host_office


def _one_holder_per_office(described: list[tuple[Official, str | None]]) -> list[Official]:
    """The officials, where several were given the host state for one single-holder
    title ("Prime Minister Reinfeldt" and "Prime Minister Putin" in a cable from
    Stockholm), with the host state left only to the one named in most paragraphs,
    whom an embassy's report is about; on a tie, to none of them."""
    by_office: dict[str, list[Official]] = defaultdict(list)
    for official, office in described:
        if office:
            by_office[office].append(official)
    for holders in by_office.values():
        holders.sort(key=lambda o: len(o.paragraphs), reverse=True)
        tied = len(holders) > 1 and len(holders[0].paragraphs) == len(holders[1].paragraphs)
        for official in holders if tied else holders[1:]:
            official.state = None
    return [official for official, _ in described]


def extract_officials(context: CableContext) -> tuple[list[Official], dict[int, list[tuple[int, int]]]]:
    """The persons named in the body, and where their names stand (passage -> spans)."""
    extractor = OfficialsExtractor(context)
    officials = extractor.extract()
    return officials, extractor.name_spans
