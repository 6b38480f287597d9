"""Diplomatic missions named in the body, normalised as the gold schema writes them:
"US Embassy Dushanbe", "Chinese Embassy in Dushanbe", "US Consulate Lagos"."""
from __future__ import annotations

import re
import string
from functools import lru_cache

from cablegraph.extract import gazetteer, wordlists
from cablegraph.extract.context import CableContext
from cablegraph.extract.model import Mission

_CITY = r"([A-Z]{3,}(?: [A-Z]{3,})?(?![a-z])|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
# "AMEMBASSY MOSCOW", "Embassy Islamabad", "U.S. Embassy Tel Aviv", "AMCONSUL LAGOS"
US_MISSION = re.compile(
    rf"\b(?:(?:THE\s+|the\s+)?(?:U\.S\.|US|American|AMERICAN)\s+)?(?P<kind>AMEMBASSY|AMCONSUL|Embassy|EMBASSY|Consulate|CONSULATE)"
    rf"(?:\s+(?:General|GENERAL))?(?:\s+(?:in|IN))?\s+{_CITY}")
# "THE CHINESE EMBASSY", "the Eritrean Embassy in Washington", "British High Commission in Harare"
FOREIGN_MISSION = re.compile(
    rf"\b(?P<adjective>[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?)\s+(?P<kind>Embassy|EMBASSY|Consulate(?:\s+General)?|CONSULATE(?:\s+GENERAL)?|"
    rf"High\s+Commission|HIGH\s+COMMISSION|Mission\s+to\s+the\s+UN|MISSION\s+TO\s+THE\s+UN)"
    rf"(?:\s+(?:in|IN)\s+{_CITY})?")
# Every match of either pattern holds one of these words: passages without one are skipped.
_MISSION_WORD = re.compile(r"EMBASSY|Embassy|CONSUL|Consulate|High\s+Commission|HIGH\s+COMMISSION|"
                           r"Mission\s+to\s+the\s+UN|MISSION\s+TO\s+THE\s+UN")
KINDS = {"amembassy": "Embassy", "embassy": "Embassy", "amconsul": "Consulate", "consulate": "Consulate",
         "consulate general": "Consulate", "high commission": "High Commission",
         "mission to the un": "Mission to the UN"}


_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "ic", "i", "ch", "ss", "ek", "ik", "yz", "en", "ot")


def _last_word(text: str) -> str | None:
    """The ASCII letters ``text`` ends with, trailing blanks aside (what ``([A-Za-z]+)\\s*$``
    finds, without a regex search trying every position of the text before it)."""
    stripped = text.rstrip()
    letters = len(stripped) - len(stripped.rstrip(string.ascii_letters))
    return stripped[len(stripped) - letters :] if letters else None


@lru_cache(maxsize=None)
def state_adjectives() -> dict[str, str]:
    """ISO2 -> the first adjective ``state_forms.tsv`` lists for it ("GB" -> "British")."""
    names = gazetteer.states().names
    adjectives: dict[str, str] = {}
    for form, code in wordlists.table("state_forms.tsv"):
        if form.endswith(_ADJECTIVE_ENDINGS) and not form.isupper() and form != names.get(code):
            adjectives.setdefault(code, form)
    return adjectives


class MissionFinder:
    def __init__(self, context: CableContext, station: str | None):
        self.context = context
        self.states = gazetteer.states()
        self.places = gazetteer.places()
        self.common = gazetteer.common_words()
        self.org_words = wordlists.word_set("organization_words.txt")
        self.blocked = wordlists.word_set("non_name_words.txt")
        self.adjectives = state_adjectives()
        self.station_city = station.title() if station else None

    def _city(self, raw: str | None) -> str | None:
        if not raw:
            return None
        words = raw.split()
        first = words[0]
        if len(words) > 1 and raw.lower() not in self.places:
            second = words[1].lower()
            if second in self.common or second in self.org_words or self.states.code(words[1]) \
                    or second in self.blocked:
                raw = first
        if raw.lower() in self.places or first.lower() in self.places:
            return raw.title() if raw.isupper() else raw
        if first.lower() in self.common or first.lower() in self.org_words or self.states.code(first):
            return None
        return raw.title() if raw.isupper() else raw

    def find(self) -> list[Mission]:
        found: dict[str, Mission] = {}
        for passage in self.context.passages:
            text = passage.norm
            if not _MISSION_WORD.search(text):
                continue
            for match in FOREIGN_MISSION.finditer(text):
                adjective = match.group("adjective").split()[-1]
                code = self.states.code(adjective)
                if not code:
                    continue
                kind = KINDS[" ".join(match.group("kind").lower().split())]
                city = self._city(match.group(match.lastindex) if match.lastindex and match.lastindex > 2 else None)
                if code == "US":
                    name = f"US {kind} {city or self.station_city}" if (city or self.station_city) else None
                else:
                    city = city or self.station_city
                    adjective_text = self.adjectives.get(code) or (adjective.title() if adjective.isupper() else adjective)
                    name = f"{adjective_text} {kind}" + (f" in {city}" if city and kind != "Mission to the UN" else "")
                if name:
                    self._add(found, name, code, city, passage.number)
            for match in US_MISSION.finditer(text):
                before = _last_word(text[: match.start()])
                if before and (self.states.code(before) or "US") != "US":
                    continue  # "the Eritrean Embassy in ...": a foreign mission
                city = self._city(match.group(match.lastindex))
                if not city:
                    continue
                kind = KINDS[match.group("kind").lower()]
                self._add(found, f"US {kind} {city}", "US", city, passage.number)
        return list(found.values())

    @staticmethod
    def _add(found: dict[str, Mission], name: str, code: str, city: str | None, number: int | None) -> None:
        mission = found.setdefault(name, Mission(name, state=code, city=city, confidence=0.8))
        if number is not None and number not in mission.paragraphs:
            mission.paragraphs.append(number)


def extract_missions(context: CableContext, station: str | None = None) -> list[Mission]:
    return MissionFinder(context, station).find()
