"""States referred to in a cable body: names, adjectives, demonyms, government acronyms."""
from __future__ import annotations

import re
from functools import lru_cache

from cablegraph.extract import gazetteer
from cablegraph.extract.context import CableContext, Passage
from cablegraph.extract.model import StateMention
from cablegraph.extract.text import Token

# Bare "US" in capitals is also the pronoun ("TOLD US"): in ALL-CAPS text it
# counts only next to words that make it the country.
_US_PRONOUN_CONTEXT = re.compile(
    r"(?:\bTHE\s+|-)US\b|\bUS(?:-|\s+(?:GOVERNMENT|EMBASSY|AMBASSADOR|OFFICIALS?|POLICY|SIDE|FORCES|"
    r"DELEGATION|MILITARY|TROOPS|ASSISTANCE|SUPPORT|INTERESTS?|CONGRESS|PRESIDENT|ARMY|NAVY|"
    r"CITIZENS?|COMPANIES|FIRMS|MISSION|CONSULATE|PARTICIPATION|CENTRAL|TREASURY|"
    r"DEPARTMENT|SECRETARY|ADMINISTRATION|EMBASSIES|AND|OR)\b)"
)
# "Development Research Center (DRC)": an acronym spelling out the words before it.
_PARENTHESISED = re.compile(r"\(\s*([A-Z]{2,6})\s*\)")


@lru_cache(maxsize=4096)
def government_state(acronym: str, station_state: str | None) -> str | None:
    """"GOM" in Ulaanbaatar is Mongolia's government; elsewhere the table's default."""
    states = gazetteer.states()
    default = states.acronyms.get(acronym)
    letters = acronym[2:] if acronym.startswith("GO") else None
    if letters and station_state:
        name = states.names.get(station_state, "")
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        if initials.upper().startswith(letters) or name.upper().startswith(letters):
            return station_state
    return default


class StateFinder:
    def __init__(self, context: CableContext, masked_spans: dict[int, list[tuple[int, int]]]):
        self.context = context
        self.gazetteer = gazetteer.states()
        # passage index -> start -> end of each token of a person's name: a state's form
        # starts where a token starts, so only the name token starting there can hold it
        self.name_token_ends = {p_index: dict(spans) for p_index, spans in masked_spans.items()}

    def _is_masked(self, p_index: int, start: int, end: int) -> bool:
        token_end = self.name_token_ends.get(p_index, {}).get(start)
        return token_end is not None and end <= token_end

    def _spelled_acronym(self, passage: Passage, start: int, form: str) -> bool:
        if start == 0 or passage.norm[start - 1] != "(":
            return False
        before = passage.norm[max(0, start - 120) : start - 1].split()
        initials = "".join(w[0] for w in before[-len(form) :] if w[:1].isalpha())
        return initials.upper() == form.upper()

    def find(self) -> list[StateMention]:
        found: dict[str, StateMention] = {}
        for p_index, passage in enumerate(self.context.passages):
            for _, _, code, form, start in passage_states(passage, self.context):
                if self._is_masked(p_index, start, start + len(form)) or self._spelled_acronym(passage, start, form):
                    continue
                mention = found.setdefault(code, StateMention(code))
                if form not in mention.forms:
                    mention.forms.append(form)
                if passage.number is not None and passage.number not in mention.paragraphs:
                    mention.paragraphs.append(passage.number)
        return sorted(found.values(), key=lambda m: m.code)


def codes_in(tokens: list[Token], text: str, context: CableContext, lowers: list[str] | None = None):
    """(ISO2, form as written, offset) of every state reference among ``tokens``
    (``lowers``: their ``lower``, when the caller has them)."""
    for _, _, code, form, start in _references(tokens, text, context, lowers):
        yield code, form, start


def _references(tokens: list[Token], text: str, context: CableContext, lowers: list[str] | None = None):
    """(first token, last token, ISO2, form as written, offset) of every state reference."""
    states = gazetteer.states()
    for first, last, form, code in states.find(tokens, context.all_caps, lowers):
        start, end = tokens[first].start, tokens[last].end
        if form.upper() in states.acronyms:
            code = government_state(form.upper(), context.station_state)
        elif form == "US" and context.all_caps:
            if not _US_PRONOUN_CONTEXT.search(text[max(0, start - 5) : end + 25]):
                continue
        if code:
            yield first, last, code, form, start


def passage_states(passage: Passage, context: CableContext) -> list[tuple[int, int, str, str, int]]:
    """The state references of a whole passage (read once per passage):
    (first token, last token, ISO2, form as written, offset)."""
    if passage.states is None:
        passage.states = list(_references(passage.tokens, passage.norm, context, passage.lowers))
    return passage.states


def codes_between(passage: Passage, context: CableContext, first: int, stop: int) -> list[str]:
    """ISO2 codes of the states named in tokens ``first`` to ``stop`` (excluded), each once,
    in order: as :func:`codes_in` reads them in that slice alone.  Taken from the passage's
    references unless one straddles an end of the slice (a longest match there could differ)."""
    references = passage_states(passage, context)
    if any(f < first <= l or f < stop <= l for f, l, _, _, _ in references):
        found = codes_in(passage.tokens[first:stop], passage.norm, context, passage.lowers[first:stop])
    else:
        found = ((code, None, None) for f, l, code, _, _ in references if first <= f and l < stop)
    codes: list[str] = []
    for code, _, _ in found:
        if code not in codes:
            codes.append(code)
    return codes


def extract_states(context: CableContext, masked_spans: dict[int, list[tuple[int, int]]]) -> list[StateMention]:
    return StateFinder(context, masked_spans).find()
