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
from dataclasses import dataclass, field

from cablegraph.extract import gazetteer, wordlists
from cablegraph.extract.context import CableContext, Passage
from cablegraph.extract.dates import find_dates
from cablegraph.extract.model import Event
from cablegraph.extract.names import title_case
from cablegraph.extract.phrases import PhraseTable
from cablegraph.extract.states import codes_in
from cablegraph.extract.text import Token

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
SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")
ROLE_CUES = [
    ("observers", re.compile(r"\bobserver", re.I)),
    ("declined", re.compile(r"\b(?:declin\w*|refus\w*|boycott\w*|decided\s+not\s+to|will\s+not\s+(?:attend|participate)|"
                            r"planned\s+(?:to\s+not|not\s+to)\s+(?:attend|participate))", re.I)),
    ("opposed", re.compile(r"\b(?:against\s+(?:a|the|this)\b|oppos\w*|objected)", re.I)),
    ("organizers", re.compile(r"\b(?:co-?host\w*|host(?:s|ed|ing)?\b|sponsor\w*|organi[sz]\w*|conven\w*|chair(?:s|ed|ing)\b)", re.I)),
    ("participants", re.compile(r"\b(?:participa\w*|attend\w*|member\w*|invited|join\w*|delegations?\b)", re.I)),
]


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


class EventExtractor:
    def __init__(self, context: CableContext):
        self.context = context
        heads = wordlists.table("event_heads.tsv")
        self.kinds = {h.lower(): k for h, k in heads}
        self.heads: PhraseTable[str] = PhraseTable(fold_case=True, plural=True)
        for head, _ in heads:
            self.heads.add(head, head.lower())
        self.states = gazetteer.states()
        self.places = gazetteer.places()
        self.common = gazetteer.common_words()

    # -- mentions -------------------------------------------------------------
    def mentions(self, p_index: int, passage: Passage) -> list[Mention]:
        tokens = passage.tokens
        found = []
        for first, last, head_key, _ in self.heads.find_all(tokens):
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
    def _place(self, passage: Passage, mention: Mention) -> str | None:
        for word in mention.words:
            if word.lower() in self.places:
                return title_case(word) if self.context.all_caps else word
        window = passage.norm[mention.end : mention.end + PLACE_WINDOW]
        match = re.search(r"\b(?:in|IN|at|AT)\s+([A-Z][A-Za-z'-]+(?:\s[A-Z][a-z]+)?)", window)
        while match:
            place = match.group(1)
            first = place.split()[0]
            if first.lower() in self.places or (not self.states.code(first) and first.lower() not in self.common
                                                 and first.upper() not in {"THE", "A"}):
                if first.lower() in self.places or not self.context.all_caps:
                    return title_case(first) if self.context.all_caps else place
            match = re.search(r"\b(?:in|IN|at|AT)\s+([A-Z][A-Za-z'-]+(?:\s[A-Z][a-z]+)?)", window[match.end():])
            window = window[match.start():] if match else window
        return None

    def _dates(self, passage: Passage, mention: Mention):
        best = None
        for span in find_dates(passage.norm, self.context.date):
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
    def _same_event(self, group: _Event, mention: Mention, place: str | None) -> bool:
        if mention.ordinal and group.ordinal and mention.ordinal != group.ordinal:
            return False
        if place and group.event.place and place.lower() != group.event.place.lower():
            return False
        if mention.anaphor:
            return mention.head in group.heads or bool(mention.ordinal and mention.ordinal == group.ordinal)
        shared = mention.distinctive & group.distinctive
        return len(shared) * 2 >= min(len(mention.distinctive), len(group.distinctive)) and bool(shared)

    def extract(self) -> list[Event]:
        groups: list[_Event] = []
        for p_index, passage in enumerate(self.context.passages):
            for mention in self.mentions(p_index, passage):
                place = self._place(passage, mention)
                group = next((g for g in reversed(groups) if self._same_event(g, mention, place)), None)
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
        for group in groups:
            self._roles(group)
        return [g.event for g in groups]

    def _update(self, group: _Event, passage: Passage, mention: Mention, place: str | None) -> None:
        event = group.event
        if passage.number is not None and passage.number not in event.paragraphs:
            event.paragraphs.append(passage.number)
        if not mention.anaphor and len(mention.distinctive) >= len(self._name_words(event.name)):
            event.name = self._name(mention)
            event.kind = mention.kind
        elif not event.name:
            event.name = self._name(mention)
        event.place = event.place or place
        if event.start is None:
            span = self._dates(passage, mention)
            if span:
                event.start, event.end = span.start.isoformat(), span.end.isoformat()
        if event.place and not group.distinctive:
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
    def _roles(self, group: _Event) -> None:
        event = group.event
        for mention in group.mentions:
            passage = self.context.passages[mention.passage_index]
            for begin, end in self._sentences_around(passage, mention):
                sentence = passage.norm[begin:end]
                for role, cue in ROLE_CUES:
                    if cue.search(sentence):
                        tokens = [t for t in passage.tokens if begin <= t.start < end]
                        self._assign(event, role, tokens, passage.norm)
                        break

    def _sentences_around(self, passage: Passage, mention: Mention):
        text = passage.norm
        bounds = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
        for begin, end in zip(bounds, bounds[1:]):
            if begin <= mention.start < end:
                yield begin, end
                if end < len(text):
                    nxt = next((b for b in bounds if b > end), len(text))
                    following = [t for t in passage.tokens if end <= t.start < nxt]
                    if not any(True for _ in self.heads.find_all(following)):
                        yield end, nxt
                return

    def _assign(self, event: Event, role: str, tokens: list[Token], text: str) -> None:
        codes = []
        for code, _, _ in codes_in(tokens, text, self.context):
            if code not in codes:
                codes.append(code)
        for code in codes:
            if role == "observers":
                if code not in event.observers:
                    event.observers.append(code)
            elif role == "organizers":
                if code not in event.organizers:
                    event.organizers.append(code)
            elif role == "participants":
                if code not in event.participants and code not in event.observers:
                    event.participants.append(code)
            else:
                event.roles.setdefault(code, [])
                if role not in event.roles[code]:
                    event.roles[code].append(role)


def extract_events(context: CableContext) -> list[Event]:
    return EventExtractor(context).extract()
