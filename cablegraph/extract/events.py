"""Conferences, summits, negotiations and meetings: names, dates, places, roles.

An event mention is a head noun from ``lexicons/event_heads.tsv`` with the words
in front of it ("CENTRAL AND SOUTH ASIAN COUNTER-NARCOTICS AND SECURITY
CONFERENCE", "the Six-Party Talks").  A mention with a distinctive word names
an event; "the conference" / "this summit" refers back to the latest event with
that head.  Dates and places are read next to the head; state roles from the
sentences around mentions ("invited as observer nations", "decided not to
participate", "were against").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from cablegraph.extract import gazetteer, wordlists
from cablegraph.extract.context import CableContext, Passage
from cablegraph.extract.dates import MONTH_YEAR, find_dates, month_number
from cablegraph.extract.model import Event
from cablegraph.extract.names import title_case
from cablegraph.extract.officials import _blocked_words
from cablegraph.extract.phrases import PhraseTable
from cablegraph.extract.states import codes_between, codes_in
from cablegraph.extract.text import Token, matches_at, occurrences

MAX_MODIFIERS = 7
DATE_WINDOW_AFTER = 60
DATE_WINDOW_BEFORE = 30
PLACE_WINDOW = 70
FUNCTION_WORDS = frozenset(
    "the a an this that these those its his her their our your my of to in on at for with by from as "
    "is are was were be been being will would should could can may might must has have had do does did "
    "not no any all some each every other another such which who whom whose what when where while if "
    "than then so but or nor also only even just about into onto over under after before during since "
    "until between among against without within upon via per he she it they we you i there here both "
    "either neither said says told".split())
DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "our"})
ORDINALS = {"first": "first", "initial": "first", "inaugural": "first", "previous": "first",
            "last": "first", "second": "second", "next": "second", "upcoming": "second",
            "third": "third", "fourth": "fourth"}
GENERIC_MODIFIERS = frozenset(
    "bilateral multilateral regional international high-level regular annual new future "
    "formal informal special extraordinary official planned proposed business working upcoming "
    "final preparatory urgent positive more most entire successful latter former recent other further "
    "many several few one-on-one working-level good useful productive fruitful long short brief private "
    "separate same similar such important key major big small large possible potential scheduled "
    "subsequent earlier later previous current ongoing weekly monthly daily frequent regular "
    "closed-door open public secret direct face-to-face follow-up follow-on".split())
WEEKDAYS_MONTHS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
EXCLUDED_BEFORE = frozenset({"press", "news", "video", "tele", "phone", "telephone", "donors"})
KEEP_ING_ED = frozenset({"working", "united", "planning", "proposed", "ministerial", "red"})
# A full stop not closing an initial or an abbreviation ("U.S.", "GEORGE C.").
SENTENCE_END = re.compile(r"(?<!\b[A-Za-z])[.!?;](?:\s|$)")
SUBJECT_SKIP = frozenset({"to", "like", "would", "will", "is", "are", "was", "were", "has", "have", "had",
                          "also", "already", "jointly", "currently", "be", "being", "been", "which", "who"})
NP_LINKS = frozenset({"and", "of", "the", "for", "on"})
ROLE_CUES = [
    ("observers", re.compile(r"\bobserver", re.I)),
    ("declined", re.compile(r"\b(?:declin\w*|refus\w*|boycott\w*|decided\s+not\s+to|will\s+not\s+(?:attend|participate)|"
                            r"planned\s+(?:to\s+not|not\s+to)\s+(?:attend|participate))", re.I)),
    ("opposed", re.compile(r"\b(?:against\s+(?:a|the|this)\b|oppos\w*|objected)", re.I)),
    ("organizers", re.compile(r"\b(?:co-?host\w*|host(?:s|ed|ing)?\b|sponsor\w*|organi[sz]\w*|conven\w*|chair(?:s|ed|ing)\b)", re.I)),
    ("participants", re.compile(r"\b(?:participa\w*|attend\w*|member\w*|invited|join\w*|delegations?\b)", re.I)),
]

# Words every match of a role cue contains (in lower case): a paragraph without one has no cue.
ROLE_STEMS = {
    "observers": ("observer",),
    "declined": ("declin", "refus", "boycott", "decided", "will", "planned"),
    "opposed": ("against", "oppos", "objected"),
    "organizers": ("host", "sponsor", "organi", "conven", "chair"),
    "participants": ("participa", "attend", "member", "invited", "join", "delegation"),
}
# The most characters a match of a role cue starts before the stem it holds ("co-host").
CUE_BEFORE_STEM = 3


def _cue_places(cue: re.Pattern[str], text: str, lowered: str | None, stems: tuple[str, ...]) -> list[int]:
    """Where a role cue matches in a paragraph, left to right without overlaps (as
    ``finditer`` finds them). In ASCII text (``lowered``: it in lower case; None for other
    text) every match holds one of the cue's stems: the cue is tried only just before them."""
    matches = cue.finditer(text) if lowered is None else matches_at(cue, text, _near_stems(lowered, stems))
    return [match.start() for match in matches]


def _near_stems(lowered: str, stems: tuple[str, ...]) -> list[int]:
    """Each place where one of ``stems`` occurs in ``lowered``, and the CUE_BEFORE_STEM
    places before it, in order."""
    near: set[int] = set()
    for stem in stems:
        for at in occurrences(lowered, stem):
            near.update(range(max(0, at - CUE_BEFORE_STEM), at + 1))
    return sorted(near)


@dataclass
class Mention:
    passage_index: int
    head: str  # lower-cased head ("conference")
    kind: str
    words: list[str]  # the name's words as written
    distinctive: set[str]
    ordinal: str | None
    start: int  # character span of the name in the passage
    end: int
    anaphor: bool


@dataclass
class _Event:
    mentions: list[Mention] = field(default_factory=list)
    event: Event | None = None
    ordinal: str | None = None
    distinctive: set[str] = field(default_factory=set)
    heads: set[str] = field(default_factory=set)


_PLACE_AFTER = re.compile(r"\b(?:in|IN|at|AT)\s+([A-Z][A-Za-z'-]+)(?:\s[A-Z][a-z]+)?")


@lru_cache(maxsize=None)
def _event_heads() -> tuple[dict[str, str], PhraseTable[str]]:
    """Head (lower case) -> kind, and the heads as a phrase table (built once)."""
    heads = wordlists.table("event_heads.tsv")
    table: PhraseTable[str] = PhraseTable(fold_case=True, plural=True)
    for head, _ in heads:
        table.add(head, head.lower())
    return {h.lower(): k for h, k in heads}, table


class EventExtractor:
    def __init__(self, context: CableContext):
        self.context = context
        self.kinds, self.heads = _event_heads()
        self.states = gazetteer.states()
        self.places = gazetteer.places()
        self.common = gazetteer.common_words()
        self._passage_dates: dict[int, list] = {}  # passage index -> its date expressions

    # -- mentions -------------------------------------------------------------
    def mentions(self, p_index: int, passage: Passage) -> list[Mention]:
        tokens = passage.tokens
        found = []
        for first, last, head_key, _ in self.heads.find_all(tokens, passage.lowers):
            kind = self.kinds[head_key]
            head_start, head_end = tokens[first].start, tokens[last].end
            head_text = passage.norm[head_start:head_end]
            if self._excluded(tokens, first, head_end, passage, head_key):
                continue
            modifiers = self._modifiers(tokens, first)
            ordinal = next((ORDINALS[t.lower] for t in modifiers if t.lower in ORDINALS), None)
            words = [t.text for t in modifiers] + [head_text]
            words += self._complement(passage, head_end)
            distinctive = {w.lower() for t in modifiers for w in re.split(r"[-\s]+", t.text)
                           if w and w.lower() not in ORDINALS and w.lower() not in GENERIC_MODIFIERS
                           and w.lower() not in FUNCTION_WORDS}
            determiner = first > 0 and tokens[first - len(modifiers) - 1].lower in DETERMINERS \
                if first - len(modifiers) - 1 >= 0 else False
            anaphor = not distinctive
            if anaphor and head_key in {"conference", "summit", "meeting", "talks", "negotiations"}:
                place = self._place(passage, Mention(p_index, head_key, kind, words, set(), ordinal,
                                                     head_start, head_end, True))
                if place and not determiner:
                    distinctive, anaphor = {place.lower()}, False
            if anaphor and not determiner and ordinal is None:
                continue
            if head_key in {"process", "session", "dialogue", "meeting", "forum"} and not distinctive and ordinal is None \
                    and not determiner:
                continue
            start = tokens[first - len(modifiers)].start if modifiers else head_start
            found.append(Mention(p_index, head_key, kind, words, distinctive, ordinal,
                                 start, head_end, anaphor))
        return found

    def _excluded(self, tokens: list[Token], first: int, end: int, passage: Passage, head: str) -> bool:
        if first > 0 and tokens[first - 1].lower in EXCLUDED_BEFORE:
            return True
        after = passage.norm[end : end + 6].lower()
        if head in {"meeting", "talks", "consultations", "dialogue"} and after.strip().startswith("with"):
            return True  # a bilateral call ("a meeting with the Foreign Minister")
        return False

    def _is_modifier(self, token: Token) -> bool:
        lower = token.lower
        if token.kind == "punct" or lower in FUNCTION_WORDS - {"and"}:
            return False
        if token.kind == "num":
            return bool(re.fullmatch(r"(?:19|20)\d\d|\d+", token.text)) and len(token.text) == 4
        if token.possessive:
            return True
        if (lower.endswith("ed") or lower.endswith("ing")) and lower not in KEEP_ING_ED \
                and not (not self.context.all_caps and token.text[0].isupper()):
            return False
        if lower in {"month", "week", "year", "day", "time", "today", "tomorrow", "yesterday"} \
                or lower in WEEKDAYS_MONTHS:
            return False
        if self.context.all_caps:
            return True
        return token.text[0].isupper() or lower in ORDINALS or lower in GENERIC_MODIFIERS or lower not in self.common \
            or len(lower) > 3

    def _modifiers(self, tokens: list[Token], head_index: int) -> list[Token]:
        index = head_index - 1
        kept: list[Token] = []
        while index >= 0 and len(kept) < MAX_MODIFIERS:
            token = tokens[index]
            if token.lower == "and":
                if index > 0 and self._is_modifier(tokens[index - 1]) and kept:
                    kept.insert(0, token)
                    index -= 1
                    continue
                break
            if token.text == "-" or not self._is_modifier(token):
                break
            kept.insert(0, token)
            if token.possessive:
                break
            index -= 1
        while kept and kept[0].lower == "and":
            kept.pop(0)
        return kept

    def _complement(self, passage: Passage, end: int) -> list[str]:
        """"on Afghanistan" / "of EU Foreign Ministers" written with capitals."""
        if self.context.all_caps:
            return []
        match = re.match(r"\s+(on|of)\s+((?:the\s+)?(?:[A-Z][\w'-]*\s*){1,4})", passage.norm[end:])
        if not match:
            return []
        words = []
        for word in match.group(2).split():
            if word.lower() in WEEKDAYS_MONTHS:
                break
            words.append(word)
        return [match.group(1)] + words if words and words[-1].lower() != "the" else []

    # -- attributes -----------------------------------------------------------
    def _place(self, passage: Passage, mention: Mention, limit: int | None = None) -> str | None:
        for word in mention.words:
            if word.lower() in self.places:
                return title_case(word) if self.context.all_caps else word
        stop = mention.end + PLACE_WINDOW if limit is None else min(limit, mention.end + PLACE_WINDOW)
        window = passage.norm[mention.end : stop]
        for match in _PLACE_AFTER.finditer(window):
            if SENTENCE_END.search(window[: match.start()]):
                break
            first = match.group(1)
            lower = first.lower()
            if lower in self.places or (not self.states.code(first) and lower not in self.common
                                        and lower not in FUNCTION_WORDS and lower not in WEEKDAYS_MONTHS
                                        and lower not in _blocked_words()):
                if self.context.all_caps:
                    return title_case(first)
                place = match.group(0).split(None, 1)[1]
                return place if place.split()[-1].lower() not in _blocked_words() else first
        return None

    def _dates(self, passage: Passage, mention: Mention):
        best = None
        spans = self._passage_dates.get(mention.passage_index)
        if spans is None:
            spans = self._passage_dates[mention.passage_index] = find_dates(passage.norm, self.context.date,
                                                                            passage.lowers.distinct)
        for span in spans:
            if mention.end <= span.offset <= mention.end + DATE_WINDOW_AFTER:
                distance = span.offset - mention.end
            elif mention.start - DATE_WINDOW_BEFORE <= span.stop <= mention.start:
                distance = mention.start - span.stop
            else:
                continue
            between = passage.norm[min(span.stop, mention.end): max(span.offset, mention.start)]
            if SENTENCE_END.search(between):
                continue
            if best is None or distance < best[0]:
                best = (distance, span)
        return best[1] if best else None

    # -- grouping -------------------------------------------------------------
    def _same_event(self, group: _Event, mention: Mention, place: str | None, strict: bool = True) -> bool:
        if mention.ordinal and mention.ordinal != group.ordinal and not (
                place and group.event.place and place.lower() == group.event.place.lower()):
            return False
        if place and group.event.place and place.lower() != group.event.place.lower():
            return False
        if mention.anaphor:
            if strict and mention.ordinal is None and group.ordinal is not None:
                return False  # "the conference" is rarely an earlier one named "the first ..."
            return mention.head in group.heads or bool(mention.ordinal and mention.ordinal == group.ordinal)
        if place and group.event.place and place.lower() == group.event.place.lower() \
                and mention.distinctive <= {place.lower()}:
            return True
        shared = mention.distinctive & group.distinctive
        return len(shared) * 2 >= min(len(mention.distinctive), len(group.distinctive)) and bool(shared)

    def extract(self) -> list[Event]:
        groups: list[_Event] = []
        for p_index, passage in enumerate(self.context.passages):
            mentions = self.mentions(p_index, passage)
            for mention, following in zip(mentions, mentions[1:] + [None]):
                place = self._place(passage, mention, following.start if following else None)
                group = next((g for g in reversed(groups) if self._same_event(g, mention, place)), None) or \
                    next((g for g in reversed(groups) if self._same_event(g, mention, place, strict=False)), None)
                if group is None:
                    if mention.anaphor and mention.ordinal is None:
                        continue
                    group = _Event(event=Event(name="", kind=mention.kind), ordinal=mention.ordinal)
                    groups.append(group)
                group.mentions.append(mention)
                group.heads.add(mention.head)
                group.distinctive |= mention.distinctive
                group.ordinal = group.ordinal or mention.ordinal
                self._update(group, passage, mention, place)
        self._all_roles(groups)
        for group in groups:
            event = group.event
            if event.place and not self._name_words(event.name) - {event.place.lower()}:
                event.name = f"{event.name} in {event.place}"
            event.ordinal = group.ordinal
            if event.start is None:
                event.month = self._month(group)
        _link_series(groups)
        return [g.event for g in groups]

    def _month(self, group: _Event) -> str | None:
        """"IN GARMISCH IN NOVEMBER 2005": a month and year next to a mention, in its sentence."""
        for mention in group.mentions:
            text = self.context.passages[mention.passage_index].norm
            window = text[mention.end : mention.end + DATE_WINDOW_AFTER]
            match = MONTH_YEAR.search(window)
            if match and not SENTENCE_END.search(window[: match.start()]):
                return f"{match.group('year')}-{month_number(match.group('month')):02d}"
        return None

    def _update(self, group: _Event, passage: Passage, mention: Mention, place: str | None) -> None:
        event = group.event
        if passage.number is not None and passage.number not in event.paragraphs:
            event.paragraphs.append(passage.number)
        if not mention.anaphor and (not event.name or len(mention.distinctive) > len(self._name_words(event.name))):
            event.name = self._name(mention)
            event.kind = mention.kind
        elif not event.name:
            event.name = self._name(mention)
        event.place = event.place or place
        if event.start is None:
            span = self._dates(passage, mention)
            if span:
                event.start, event.end = span.start.isoformat(), span.end.isoformat()
        if event.place:
            group.distinctive.add(event.place.lower())
        event.confidence = max(event.confidence, 0.8 if not mention.anaphor else 0.6)

    def _name_words(self, name: str) -> set[str]:
        return {w.lower() for w in re.split(r"[-\s]+", name) if w} - FUNCTION_WORDS - set(self.kinds) - set(ORDINALS)

    def _name(self, mention: Mention) -> str:
        words = list(mention.words)
        while words and words[0].lower() in FUNCTION_WORDS:
            words.pop(0)
        name = " ".join(words)
        return title_case(name) if self.context.all_caps else name

    # -- roles ----------------------------------------------------------------
    def _all_roles(self, groups: list[_Event]) -> None:
        """Each sentence of a paragraph that mentions events gives its role cues to
        the event mentioned next after the cue in that sentence, else to the
        event mentioned last before it (in that paragraph)."""
        by_passage: dict[int, list[tuple[Mention, _Event]]] = {}
        for group in groups:
            for mention in group.mentions:
                by_passage.setdefault(mention.passage_index, []).append((mention, group))
        for p_index, mentions in by_passage.items():
            mentions.sort(key=lambda pair: pair[0].start)
            passage = self.context.passages[p_index]
            text = passage.norm
            # each cue read once over the paragraph (no cue spans a sentence end), then
            # taken sentence by sentence in the order of ROLE_CUES
            lowered = text.lower() if text.isascii() else None  # (re.I folds some non-ASCII letters too)
            cues = [(role, _cue_places(cue, text, lowered, ROLE_STEMS[role])) for role, cue in ROLE_CUES]
            if not any(found for _, found in cues):
                continue
            bounds = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
            starts = list(map(attrgetter("start"), passage.tokens))
            for begin, end in zip(bounds, bounds[1:]):
                first, stop = bisect_left(starts, begin), bisect_left(starts, end)
                tokens = passage.tokens[first:stop]
                codes: list[str] | None = None  # the sentence's states, read once
                for role, found in cues:
                    for at in found[bisect_left(found, begin) : bisect_left(found, end)]:
                        group = self._event_for(mentions, at, end)
                        if group is None:
                            continue
                        if role == "organizers":
                            self._add_organizers(group.event, tokens, text, at)
                            continue
                        if codes is None:
                            codes = codes_between(passage, self.context, first, stop)
                        self._assign(group.event, role, codes)

    @staticmethod
    def _event_for(mentions: list[tuple[Mention, _Event]], at: int, sentence_end: int) -> _Event | None:
        after = [g for m, g in mentions if at <= m.start < sentence_end]
        if after:
            return after[0]
        before = [g for m, g in mentions if m.start < at]
        return before[-1] if before else mentions[0][1]

    def _add_organizers(self, event: Event, tokens: list[Token], text: str, cue_at: int) -> None:
        for organizer in self._organizers(tokens, text, cue_at):
            if organizer not in event.organizers and not any(_similar(organizer, o) for o in event.organizers):
                event.organizers.append(organizer)

    @staticmethod
    def _assign(event: Event, role: str, codes: list[str]) -> None:
        """The states of a sentence (``codes``) take ``role`` in ``event``."""
        for code in codes:
            if role == "observers":
                if code not in event.observers:
                    event.observers.append(code)
                if code in event.participants:
                    event.participants.remove(code)
            elif role == "participants":
                if code not in event.participants and code not in event.observers:
                    event.participants.append(code)
            else:
                event.roles.setdefault(code, [])
                if role not in event.roles[code]:
                    event.roles[code].append(role)

    def _organizers(self, tokens: list[Token], text: str, cue_at: int) -> list[str]:
        """Hosts named before the cue ("X AND Y SPONSORED", "X ARE CO-HOSTING") or
        after "by" ("hosted by X")."""
        index = next((i for i, t in enumerate(tokens) if t.start >= cue_at), None)
        if index is None:
            return []
        phrase: list[Token] = []
        if index + 1 < len(tokens) and tokens[index + 1].lower == "by":
            cursor = index + 2
            while cursor < len(tokens) and self._np_token(tokens[cursor]):
                phrase.append(tokens[cursor])
                cursor += 1
        else:
            cursor = index - 1
            while cursor >= 0 and tokens[cursor].lower in SUBJECT_SKIP:
                cursor -= 1
            while cursor >= 0 and self._np_token(tokens[cursor]):
                phrase.insert(0, tokens[cursor])
                cursor -= 1
        return self._split_organizers(phrase, text)

    def _np_token(self, token: Token) -> bool:
        if token.lower in NP_LINKS or token.kind == "abbr" or token.text == ".":
            return True
        if token.kind != "word":
            return False
        if self.context.all_caps:
            return token.lower not in FUNCTION_WORDS
        return token.text[0].isupper()

    def _split_organizers(self, phrase: list[Token], text: str) -> list[str]:
        items: list[list[Token]] = [[]]
        for token in phrase:
            if token.lower == "and":
                items.append([])
            else:
                items[-1].append(token)
        organizers = []
        for item in items:
            while item and item[0].lower in {"the", "of", "for", "on", "."}:
                item = item[1:]
            if not item:
                continue
            codes = [c for c, _, _ in codes_in(item, text, self.context)]
            words = {t.lower for t in item}
            if len(item) == 1 and codes:
                organizers.append(codes[0])
            elif words & _organization_words():
                organizers.append(self._organization_name(item, text))
        return organizers

    def _organization_name(self, item: list[Token], text: str) -> str:
        raw = " ".join(text[item[0].start : item[-1].end].split())
        raw = re.sub(r"^(?:U\.S\.|UNITED STATES|United States)\s+", "US ", raw)
        return title_case(raw).replace("Us ", "US ", 1) if self.context.all_caps else raw


ORDINAL_RANK = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _link_series(groups: list[_Event]) -> None:
    """Events of one cable numbered in a series ("the first conference in Garmisch",
    "the second conference in Dushanbe") sharing a head noun: each follows the one
    ranked just before it."""
    for index, group in enumerate(groups):
        rank = ORDINAL_RANK.get(group.ordinal or "")
        if not rank or rank == 1:
            continue
        for other_index, other in enumerate(groups):
            if other is not group and ORDINAL_RANK.get(other.ordinal or "") == rank - 1 and group.heads & other.heads:
                group.event.follows = other_index
                break


def _similar(a: str, b: str) -> bool:
    """Spelling variants of one organisation ("Marshall Center" / "Marshal Center")."""
    wa, wb = a.lower().split(), b.lower().split()
    if len(wa) != len(wb):
        return False
    return sum(x != y for x, y in zip(wa, wb)) <= 1 and all(x[:4] == y[:4] for x, y in zip(wa, wb))


@lru_cache(maxsize=None)
def _organization_words() -> frozenset[str]:
    return wordlists.word_set("organization_words.txt")


def extract_events(context: CableContext) -> list[Event]:
    return EventExtractor(context).extract()
