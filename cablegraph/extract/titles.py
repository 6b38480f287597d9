"""Title phrases ("RUSSIAN FOREIGN MINISTER", "Chairman of the Tajik State Border
Committee") and what they say about the person holding them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from cablegraph.extract import gazetteer, wordlists
from cablegraph.extract.context import CableContext, Passage
from cablegraph.extract.names import title_case
from cablegraph.extract.principals import us_principals
from cablegraph.extract.text import Token, tokenize

COMPLEMENT_STARTS = frozenset({"of", "for", "at"})
COMPLEMENT_LINKS = frozenset({"of", "the", "and", "for", "at", "on", "&"})
MAX_COMPLEMENT_WORDS = 8
DROPPED_MODIFIERS = frozenset({"then", "late", "current", "incoming", "outgoing", "newly-appointed"})
APPOSITION_STOPS = frozenset({"and", "or", "of", "to", "with", "by", "for", "in", "on", "at", "met", "said",
                              "told", "called", "as", "that", "which", "from"})
APPOSITION_FILLERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "now", "also", "who", "is", "was"})
US_ASSISTANT_SECRETARIES = frozenset({"assistant secretary", "deputy assistant secretary",
                                      "principal deputy assistant secretary"})
US_DEPUTY_SECRETARIES = frozenset({"deputy secretary", "under secretary", "undersecretary"})
US_DEPARTMENTS = frozenset({"state", "defense", "the treasury", "energy", "homeland security", "commerce"})
# Titles only the US government gives (no nationality needed to place the holder);
# with a complement, see _is_us_title_with_complement ("assistant secretary of state").
US_TITLES = US_ASSISTANT_SECRETARIES | US_DEPUTY_SECRETARIES | {
    "secretary of state", "secretary of defense", "senator", "congressman", "congresswoman"}
# Titles of a government's own officials: with no nationality given, in a cable
# from an embassy they are the host government's.
HOST_TITLES = frozenset({
    "president", "vice president", "prime minister", "deputy prime minister", "premier",
    "foreign minister", "deputy foreign minister", "vice foreign minister", "minister",
    "defense minister", "finance minister", "interior minister", "justice minister",
    "health minister", "trade minister", "energy minister", "oil minister",
    "state secretary", "permanent secretary", "minister of state", "chancellor",
    "king", "queen", "emir", "amir", "sultan", "crown prince", "speaker", "chief of protocol",
})
# Those a state gives one person at a time: two persons a cable calls "President"
# without a nationality cannot both be the host state's.
SINGLE_HOLDER_TITLES = HOST_TITLES - {"minister", "deputy foreign minister", "vice foreign minister",
                                      "deputy prime minister", "vice president", "state secretary",
                                      "permanent secretary", "minister of state"}
_ACRONYM = re.compile(r"^[A-Z][A-Z/&-]{1,5}$")
# heads whose complement names a portfolio ("Minister of Justice")
PORTFOLIO_HEADS = frozenset({"minister", "ministers", "ministry", "secretary", "undersecretary"})
_MINISTER_OF = re.compile(r"\bminister (?:of|for) ")
_LEADING_PREPOSITION = re.compile(r"^(?:of|for|at)\s+(?:the\s+)?", re.I)


@lru_cache(maxsize=None)
def _organization_words() -> frozenset[str]:
    return wordlists.word_set("organization_words.txt")


@dataclass
class TitleMatch:
    start_token: int  # first token of the phrase (modifiers included)
    head_end: int  # last token of the head: a name may follow it
    end_token: int  # last token of the phrase (complement included)
    text: str  # normalised title
    state: str | None = None  # nationality given in front of the title
    organization: str | None = None
    lowercase_head: bool = False
    plural: bool = False
    classified_by: bool = False
    embassy_city: str | None = None
    complement_states: list[str] = field(default_factory=list)
    # what ``text``, ``organization``, ``complement_states`` and ``embassy_city`` are made
    # from, until :meth:`resolve` makes them (most titles found cue no name: a third is used)
    pending: tuple | None = field(default=None, repr=False, compare=False)

    def resolve(self) -> TitleMatch:
        """Fill in the normalised title and what its complement says (once)."""
        if self.pending is None:
            return self
        modifiers, head, complement, all_caps, classified_norm = self.pending
        self.pending = None
        words = modifiers + [head] + ([complement] if complement else [])
        self.text = title_case(" ".join(words), all_caps or None)
        if complement and not complement.lower().startswith("for "):
            # "President of Afghanistan" serves it; "Special Representative for Afghanistan" not
            states = gazetteer.states()
            self.complement_states = [c for _, _, _, c in states.find(tokenize(complement), all_caps) if c]
            if any(w.lower().strip("()") in _organization_words() for w in complement.split()):
                org = _LEADING_PREPOSITION.sub("", complement)
                self.organization = title_case(org, True) if all_caps else org
        if classified_norm is not None:
            embassy = re.search(r"\bEMBASSY\s+([A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?)", classified_norm, re.I)
            if embassy:
                self.embassy_city = embassy.group(1).title()
        return self

    def is_lowercase_in_mixed(self, all_caps: bool) -> bool:
        return not all_caps and self.lowercase_head

    def apposition_anchor(self, tokens: list[Token], all_caps: bool = False) -> int | None:
        """Index of the last name token in "NAME, [a|the ...] [Org words] TITLE", or None."""
        index = self.start_token - 1
        skipped = 0
        while index >= 0 and skipped < 4 and (
                tokens[index].lower in APPOSITION_FILLERS
                or tokens[index].kind in {"word", "abbr"} and tokens[index].lower not in APPOSITION_STOPS
                and (all_caps or tokens[index].text[0].isupper())):
            index -= 1
            skipped += 1
        if index >= 1 and tokens[index].text == ",":
            return index - 1
        return None


class TitleFinder:
    def __init__(self, context: CableContext):
        self.context = context
        self.lexicon: gazetteer.TitleLexicon = gazetteer.titles()
        self.states = gazetteer.states()
        self.org_words = wordlists.word_set("organization_words.txt")
        self.common = gazetteer.common_words()
        self.verbs = wordlists.word_set("person_verbs.txt")
        self.given = gazetteer.given_names()
        self.portfolios = wordlists.word_set("portfolio_words.txt")

    def find(self, passage: Passage) -> list[TitleMatch]:
        tokens = passage.tokens
        matches: list[TitleMatch] = []
        index = 0
        for index_ in self._candidates(passage.lowers):
            if index_ < index:
                continue  # inside the title found last
            index = index_
            token = tokens[index]
            if token.kind == "punct" or token.kind == "num":
                continue
            abbreviation = self.lexicon.abbreviations.longest_at(tokens, index)
            head = self.lexicon.heads.longest_at(tokens, index)
            if abbreviation and (not head or abbreviation[0] >= head[0]):
                last, text, plural, expanded = abbreviation[0], abbreviation[1], False, True
            elif head:
                last, plural, expanded = head[0], head[2], False
                text = " ".join(t.text for t in tokens[index:last]) + " " + head[1].split()[-1] \
                    if plural else " ".join(t.text for t in tokens[index : last + 1])
                text = text.strip()
            else:
                continue
            match = self._phrase(passage, index, last, text, expanded)
            match.plural = plural
            matches.append(match)
            index = last + 1
        return matches

    def _names_a_portfolio(self, form: str, code: str) -> bool:
        """A state's name before a title is the holder's portfolio ("Iraq Desk Officer",
        "Afghanistan Coordinator"), its adjective the holder's nationality ("Afghan
        Foreign Minister"); the US, whatever the form, is the nationality."""
        return code != "US" and form.upper() == self.states.names.get(code, "").upper()

    def _candidates(self, lowers: list[str]) -> list[int]:
        """Tokens that may start a head or an abbreviation, in order."""
        heads = self.lexicon.heads.candidates(lowers)
        abbreviations = self.lexicon.abbreviations.candidates(lowers)
        if not abbreviations:
            return heads
        return sorted(set(heads).union(abbreviations))

    def _phrase(self, passage: Passage, first: int, last: int, head: str, expanded: bool) -> TitleMatch:
        tokens = passage.tokens
        all_caps = self.context.all_caps
        modifiers: list[str] = []
        state = None
        start = first
        index = first - 1
        while index >= 0 and first - index <= 3:
            token = tokens[index]
            if token.lower in self.lexicon.modifiers:
                if token.lower not in DROPPED_MODIFIERS:
                    modifiers.insert(0, token.text)
                start = index
            elif token.kind in {"word", "abbr"} and (code := self.states.code(token.text)) and not token.possessive:
                if self._names_a_portfolio(token.text, code):
                    modifiers.insert(0, token.text)  # "Afghanistan Coordinator": part of the title
                else:
                    state = state or code
                start = index
            elif not all_caps and _ACRONYM.match(token.text) and token.kind in {"word", "abbr"}:
                modifiers.insert(0, token.text)
                start = index
            else:
                break
            index -= 1
        complement, end = self._complement(tokens, last, head)
        match = TitleMatch(start, last, end, "", state=state,
                           lowercase_head=head[:1].islower(),
                           classified_by=passage.classified_by)
        match.pending = (modifiers, head, complement, all_caps, passage.norm if passage.classified_by else None)
        return match

    def _complement(self, tokens: list[Token], last: int, head: str) -> tuple[str | None, int]:
        """"of the Tajik State Border Committee" after a head; (text, last index)."""
        index = last + 1
        if index >= len(tokens) or tokens[index].lower not in COMPLEMENT_STARTS or tokens[last].possessive:
            return None, last
        words: list[str] = [tokens[index].text]
        ends: list[int] = [index]  # the last token of each word
        contents: list[int] = []  # the content words' positions in ``words``
        index += 1
        while index < len(tokens) and len(contents) < MAX_COMPLEMENT_WORDS:
            token = tokens[index]
            if token.lower in COMPLEMENT_LINKS:
                words.append(token.text)
                ends.append(index)
            elif token.text == "(" and index + 2 < len(tokens) and tokens[index + 2].text == ")" \
                    and _ACRONYM.match(tokens[index + 1].text):
                words.append(f"({tokens[index + 1].text})")
                ends.append(index + 2)
                index += 3
                continue
            elif self._complement_word(token):
                contents.append(len(words))
                words.append(token.text)
                ends.append(index)
                if token.possessive:
                    break
            else:
                break
            index += 1
        if not contents:
            return None, last
        words = words[: self._portfolio_end(words, contents, head)]
        while words[-1].lower() in COMPLEMENT_LINKS:
            words.pop()
        return " ".join(words), ends[len(words) - 1]

    def _portfolio_end(self, words: list[str], contents: list[int], head: str) -> int:
        """How many of ``words`` a complement keeps: a minister's, a ministry's or a
        secretary's complement that names a portfolio ends at its last portfolio word,
        or common word after it ("Minister of Emergency Situations"), when the
        capitalised words after those read as a name, or as a title and a name
        ("Minister of Defense Major General ..."), no organisation's word among
        them. Any other complement keeps all its words."""
        if head.split()[-1].lower() not in PORTFOLIO_HEADS:
            return len(words)
        lowers = [word.lower() for word in words]
        if lowers[contents[0]] not in self.portfolios:
            return len(words)
        last = max(p for p in contents if lowers[p] in self.portfolios)
        rest = [p for p in contents if p > last]
        while rest and lowers[rest[0]] in self.common and lowers[rest[0]] not in self.lexicon.head_words:
            last = rest.pop(0)
        if last + 1 < len(words) and words[last + 1].startswith("("):
            last += 1  # "Minister of Public Security (MPS)"
        if not rest or any(lowers[p] in self.org_words for p in rest):
            return len(words)
        return last + 1

    def _complement_word(self, token: Token) -> bool:
        if token.kind not in {"word", "abbr"}:
            return False
        if self.context.all_caps:
            return token.lower not in self.verbs and (token.lower not in self.common or
                                                      token.lower in self.org_words or
                                                      len(token.text) > 3)
        return token.text[0].isupper() and token.lower not in self.given


@dataclass
class PersonDescription:
    titles: list[str]
    organization: str | None
    state: str | None
    host_office: str | None = None  # the single-holder title the host state was given for


def _dedupe_titles(titles: list[str]) -> list[str]:
    def words(title: str) -> set[str]:
        return set(re.split(r"[\s\-/]+", title.lower())) - {"of", "the", "for", "and"}

    kept: list[str] = []
    for title in sorted(dict.fromkeys(titles), key=lambda t: -len(words(t))):
        if not any(words(title) <= words(other) for other in kept):
            kept.append(title)
    return [t for t in dict.fromkeys(titles) if t in kept]


def _is_us_title_with_complement(title: str) -> bool:
    """A US title followed by what its holder is in charge of (lower case): an assistant
    secretary of any bureau ("assistant secretary for east asian and pacific affairs",
    "assistant secretary of defense for ..."), a deputy or under secretary of a US
    executive department ("deputy secretary of the treasury"). Other governments
    have under secretaries "for political affairs" too (Brazil, Mexico): their
    titles are not read as US ones, nor any title at a ministry."""
    head, _, complement = title.partition(" of ") if " of " in title else title.partition(" for ")
    if not complement or "ministry" in title.split():
        return False
    if head in US_ASSISTANT_SECRETARIES:
        return True
    department = complement.partition(" for ")[0]  # "under secretary of state for political affairs"
    return head in US_DEPUTY_SECRETARIES and " of " in title and department in US_DEPARTMENTS


def _is_host_title(title: str) -> bool:
    """A title of a government's own official (lower case): with no nationality given,
    in a cable from an embassy, the host government's. The ministers of any
    portfolio ("minister of trade and industry", "vice minister of justice") and
    the staff of the foreign ministry, which cables call the MFA, or of any
    ministry, with the titles of :data:`HOST_TITLES`."""
    return (title in HOST_TITLES or title.startswith("mfa ") or _MINISTER_OF.search(title) is not None
            or title.endswith(" minister") or "ministry" in title.split())


def describe_person(matches: list[TitleMatch], context: CableContext, name: str) -> PersonDescription:
    """Titles, organisation and state of the person ``name`` from the title phrases
    around its mentions; the state given in front of a title comes first, the
    host state (for a head of state or government, a minister) last."""
    for match in matches:
        match.resolve()
    titles = _dedupe_titles([m.text for m in matches if m.text])
    organization = next((m.organization for m in matches if m.organization), None)
    state = next((m.state for m in matches if m.state), None)
    state = state or next((m.complement_states[0] for m in matches if m.complement_states), None)
    if any(m.classified_by for m in matches):
        state = state or "US"
        city = next((m.embassy_city for m in matches if m.embassy_city), None)
        if city and not organization:
            organization = f"US Embassy {city}"
    plain = {t.lower().removeprefix("former ").removeprefix("acting ") for t in titles}
    if not state and (plain & US_TITLES or any(map(_is_us_title_with_complement, plain))
                      or us_principals(name, titles, context.date)):
        state = "US"
    if not state and any(_is_host_title(t) for t in plain) and context.station_state not in (None, "US"):
        current = {t.lower().removeprefix("acting ") for t in titles} & SINGLE_HOLDER_TITLES
        return PersonDescription(titles, organization, context.station_state, min(current, default=None))
    return PersonDescription(titles, organization, state)
