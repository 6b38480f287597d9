"""Longest-match lookup of multi-word phrases over tokens (faster than one huge regex)."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count
from typing import Generic, TypeVar

from cablegraph.extract.text import Token, Words, tokenize

V = TypeVar("V")
_ARTICLES = frozenset({"the", "a", "an"})  # first words found from the word after them


@dataclass
class PhraseTable(Generic[V]):
    """Phrases keyed by their token texts; ``fold_case`` compares in lower case."""

    fold_case: bool = True
    plural: bool = False  # also match the last word with a trailing "s"
    entries: dict[tuple[str, ...], V] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)
    starts: set[str] = field(default_factory=set)  # first words
    plural_starts: set[str] = field(default_factory=set)  # their plural forms ("conferences", "parties")
    max_len: int = 1
    # every first word (plural forms included) in lower case: a token whose ``lower`` is
    # not here starts no phrase, whatever ``fold_case`` says
    first_words: set[str] = field(default_factory=set)
    _seconds: tuple | None = field(default=None, repr=False)

    def _key(self, text: str) -> str:
        return text.lower() if self.fold_case else text

    def add(self, phrase: str, value: V) -> None:
        key = tuple(self._key(t.text) for t in tokenize(phrase))
        if key:
            self.entries.setdefault(key, value)
            self.max_len = max(self.max_len, len(key))
            self.prefixes.update(key[:n] for n in range(1, len(key)))
            self.starts.add(key[0])
            self.first_words.add(key[0].lower())
            if self.plural and len(key) == 1:
                word = key[0]
                plurals = {word + "s", word + "S"}
                if word[-1:] in "yY":
                    plurals.update({word[:-1] + "ies", word[:-1] + "IES"})
                self.plural_starts.update(plurals)
                self.first_words.update(w.lower() for w in plurals)

    def longest_at(self, tokens: list[Token], index: int) -> tuple[int, V, bool] | None:
        """(last token index, value, matched as plural) of the longest phrase at ``index``."""
        token = tokens[index]
        first = token.lower if self.fold_case else token.text
        if first not in self.starts and first not in self.plural_starts:
            return None
        words: list[str] = []
        best = None
        fold = self.fold_case
        for last in range(index, min(len(tokens), index + self.max_len)):
            token = tokens[last]
            words.append(token.lower if fold else token.text)
            key = tuple(words)
            value = self.entries.get(key)
            if value is not None:
                best = (last, value, False)
            elif self.plural and len(words[-1]) > 3 and words[-1][-1] in "sS":
                for singular in (words[-1][:-1], words[-1][:-3] + "y" if words[-1][-3:].lower() == "ies" else None):
                    value = self.entries.get(key[:-1] + (singular,)) if singular else None
                    if value is not None:
                        best = (last, value, True)
                        break
            if token.possessive or key not in self.prefixes:
                break
        return best

    def candidates(self, lowers: list[str]) -> list[int]:
        """Indexes of the tokens (given by their ``lower``) that may start a phrase, in order:
        a superset of the places where :meth:`longest_at` matches.  A first word that is no
        phrase by itself ("united" of "united kingdom") counts only before a word some
        phrase has after it; an article ("the" of "the Netherlands") is found from those
        words, far rarer than it."""
        firsts, after, articles = self._first_and_second_words()
        found = indexes_of(lowers, firsts)
        if found and after:
            last = len(lowers) - 1
            found = [i for i in found
                     if (follow := after.get(lowers[i])) is None or (i < last and lowers[i + 1] in follow)]
        if articles:
            seconds = indexes_of(lowers, self._seconds[4])
            if seconds:
                found = sorted(set(found).union(i - 1 for i in seconds if i and lowers[i - 1] in articles[lowers[i]]))
        return found

    def _first_and_second_words(self) -> tuple[frozenset[str], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        """Lower-cased first words but articles; for those that are no whole phrase (plural
        forms included), the lower-cased words that can follow them (plural forms included);
        for articles, each word that can follow one -> those articles."""
        if self._seconds is None or self._seconds[0] != len(self.entries):
            whole = {key[0].lower() for key in self.entries if len(key) == 1}
            whole.update(w.lower() for w in self.plural_starts)
            after: dict[str, set[str]] = {}
            articles: dict[str, set[str]] = {}
            for key in self.entries:
                first = key[0].lower()
                if len(key) == 1 or first in whole:
                    continue
                second = key[1].lower()
                followers = {second}
                if self.plural and len(key) == 2:
                    followers.add(second + "s")
                    if second.endswith("y"):
                        followers.add(second[:-1] + "ies")
                if first in _ARTICLES:
                    for word in followers:
                        articles.setdefault(word, set()).add(first)
                else:
                    after.setdefault(first, set()).update(followers)
            firsts = frozenset(self.first_words - (_ARTICLES - whole))
            self._seconds = (len(self.entries), firsts, {w: frozenset(f) for w, f in after.items()},
                             {w: frozenset(f) for w, f in articles.items()}, frozenset(articles))
        return self._seconds[1], self._seconds[2], self._seconds[3]

    def find_all(self, tokens: list[Token], lowers: list[str] | None = None):
        """Non-overlapping longest matches, left to right: (first, last, value, plural)."""
        if lowers is None:
            lowers = [t.lower for t in tokens]
        index = 0
        for start in self.candidates(lowers):
            if start < index:
                continue
            found = self.longest_at(tokens, start)
            if found:
                yield start, found[0], found[1], found[2]
                index = found[0] + 1


def indexes_of(words: list[str], vocabulary: set[str] | frozenset[str]) -> list[int]:
    """Positions of the words that are in ``vocabulary``, in order.  A set intersection
    finds the few distinct words present, ``list.index`` their places up to the last
    one (both at C speed: no Python step per word of the passage); with a passage's
    :class:`~text.Words`, the intersection goes over the smaller of its distinct words
    and ``vocabulary``, and each word's last place is known beforehand."""
    hits = vocabulary.intersection(getattr(words, "distinct", words))
    if not hits:
        return []
    last_places = words.last if isinstance(words, Words) else dict(zip(words, count()))
    found: list[int] = []
    for word in hits:
        index = words.index(word)
        found.append(index)
        last = last_places[word]
        while index < last:
            index = words.index(word, index + 1)
            found.append(index)
    if len(hits) > 1:
        found.sort()
    return found
