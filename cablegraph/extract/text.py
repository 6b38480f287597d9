"""Paragraph text prepared for matching: masked boilerplate, tokens, casing mode."""
from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress, count, repeat
from operator import itemgetter
from typing import NamedTuple

# Lines a multi-section cable repeats inside its paragraphs: page breaks
# ("DUSHANBE 00000870 002.2 OF 002", "PAGE 02 ..."), routing blocks and the
# header lines that come with them.  They are blanked (offsets are kept).
_BOILERPLATE_LINE = re.compile(
    r"^[ \t]*(?:"
    r"[A-Z][A-Z .'-]* \d{5,} +\d{3}(?:\.\d)? +OF +\d{3}"
    r"|PAGE \d+ .*"
    r"|(?:FM|TO|INFO|BT|SUBJECT|TAGS|E\.O\.|SIPDIS|NNNN|VZCZC)\b.*"
    r"|(?:[A-Z]{4,7}/)?(?:AMEMBASSY|AMCONSUL|SECSTATE|USMISSION|SECDEF|CJCS|USCINC|CIA|DIA|NSC)\b[A-Z /]*(?:PRIORITY|IMMEDIATE|ROUTINE|\d{3,4})?[ \t]*"
    r"|[SCU] ?[OEN] ?[NCC] ?[FRL].*(?:SECTION \d+ OF \d+).*"
    r"|=+ ?CABLE (?:ENDS|BEGINS) ?=+.*"
    r")[ \t]*$",
    re.M,
)
# "L,Estrange" and "Mutlu,s": a comma standing for an apostrophe (same length, so
# offsets into the original text stay valid).
# The comma comes first so that the regex engine scans for it (not for the lookbehinds at
# every position: 25x faster).
_COMMA_APOSTROPHE = re.compile(r",(?:(?<=\b[A-Z],)(?=[A-Z][a-z])|(?<=[A-Za-z],)(?=[sS]\b))")

TOKEN = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,})"
    r"|(?P<word>[A-Za-z]+(?:[-'’][A-Za-z0-9]+)*)"
    r"|(?P<num>\d+(?:[-/.:]\d+)*(?:st|nd|rd|th|ST|ND|RD|TH)?)"
    r"|(?P<punct>[^\sA-Za-z\d])"
)
# The same tokens in one capturing group (``split`` returns blank, token, blank ...); an
# abbreviation and a word share their first letter (one attempt at each letter, not two).
_TOKEN_SPLIT = re.compile(
    r"([A-Za-z](?:\.(?:[A-Za-z]\.)+|[A-Za-z]*(?:[-'’][A-Za-z0-9]+)*)"
    r"|\d+(?:[-/.:]\d+)*(?:st|nd|rd|th|ST|ND|RD|TH)?"
    r"|[^\sA-Za-z\d])"
)
_POSSESSIVE_ENDING = re.compile("['\u2019][sS]")
_HYPHEN = re.compile("-")
_FIRST_CHARACTER_KIND = {**dict.fromkeys(string.ascii_letters, "word"), **dict.fromkeys(string.digits, "num")}
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))


class Token(NamedTuple):
    """A token; a named tuple, as hundreds of thousands are made per thousand cables."""

    text: str  # as matched, possessive ending removed
    start: int
    end: int  # end of ``text`` in the paragraph (before a possessive ending)
    kind: str  # "abbr" | "word" | "num" | "punct"
    possessive: bool = False
    lower: str = ""  # ``text`` in lower case (set by :func:`tokenize`)


class Words(list):
    """The tokens' ``lower`` of a passage, with the set of them (``distinct``): a lexicon
    intersected with it goes over the smaller of the two, not over every token; each
    one's last position (``last``), where a search for its places can stop; and the
    positions of those holding a hyphen (``hyphenated``: "russian-chinese", "-")."""

    __slots__ = ("distinct", "last", "hyphenated")

    def __init__(self, words: list[str], hyphenated: list[int] | None = None):
        super().__init__(words)
        self.last = dict(zip(self, count()))  # a later place overwrites an earlier one
        self.distinct = set(self.last)
        self.hyphenated = hyphenated if hyphenated is not None else hyphenated_words(self)


def hyphenated_words(words: list[str]) -> list[int]:
    """Positions of the words holding a hyphen."""
    return list(compress(count(), map(str.__contains__, words, repeat("-"))))


def _hyphenated_tokens(text: str, ends: list[int]) -> list[int]:
    """Indexes of the tokens holding a hyphen, found from the few places ``text`` has one
    (every character but a blank or a possessive's "'s" is inside a token)."""
    return sorted({bisect_right(ends, match.start()) for match in _HYPHEN.finditer(text)})


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` beginning at ``starts`` (ascending), left to right without
    overlaps: what ``pattern.finditer(text)`` finds when every match begins at one of them."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)):
            yield match
            end = match.end()


def occurrences(text: str, needle: str) -> Iterator[int]:
    """Each place ``needle`` occurs in ``text`` (overlapping ones included)."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def mask_boilerplate(text: str) -> str:
    """Blank routing, page-break and banner lines, keeping every offset."""
    text = text.replace("¶", " ")
    return _BOILERPLATE_LINE.sub(lambda m: " " * len(m.group(0)), text)


def normalise_apostrophes(text: str) -> str:
    return _COMMA_APOSTROPHE.sub("'", text)


def tokenize(text: str) -> list[Token]:
    return tokens_and_lowers(text)[0]


def tokens_and_lowers(text: str) -> tuple[list[Token], Words]:
    """The tokens of ``text``, built column by column at C speed: one ``re.split`` gives
    the tokens and the blanks between them (offsets are their running lengths), a
    token's kind follows from its first character, and only the few tokens holding a
    full stop (abbreviations) or an apostrophe (possessives) are looked at one by one.
    Same tokens as :data:`TOKEN` finds with ``finditer``; with them, each one's ``lower``."""
    parts = _TOKEN_SPLIT.split(text)
    texts = parts[1::2]
    if not texts:
        return [], Words(())
    bounds = list(accumulate(map(len, parts)))
    starts = bounds[0:-1:2]
    ends = bounds[1::2]
    # each token's first character, picked from the text by offset (one C call)
    firsts = itemgetter(*starts)(text) if len(starts) > 1 else (text[starts[0]],)
    kinds = list(map(_FIRST_CHARACTER_KIND.get, firsts, repeat("punct")))
    if not text.isascii():  # \d also takes other scripts' digits
        for index in compress(count(), map(str.isdecimal, firsts)):
            kinds[index] = "num"
    if "." in text:  # a word never holds a full stop: a letter-first token with one is an abbreviation
        for index in compress(count(), map(str.__contains__, texts, repeat("."))):
            if kinds[index] == "word":
                kinds[index] = "abbr"
    lowers = list(map(str.lower, texts))
    possessive = repeat(False)
    marked = _possessive_indexes(text, texts, ends, kinds)
    if marked:
        possessive = [False] * len(texts)
        for index in marked:
            value = texts[index][:-2]
            texts[index], lowers[index], possessive[index] = value, value.lower(), True
            ends[index] -= 2
    # the named tuple's own __new__ is a Python function: tuple.__new__ skips it
    tokens = list(map(tuple.__new__, repeat(Token), zip(texts, starts, ends, kinds, possessive, lowers)))
    return tokens, Words(lowers, _hyphenated_tokens(text, ends))


def _possessive_indexes(text: str, texts: list[str], ends: list[int], kinds: list[str]) -> list[int]:
    """Indexes of the words of three characters or more ending in "'s" or "’s", found
    from where those two characters stand in ``text`` (the few places a regex finds)."""
    marked = []
    for match in _POSSESSIVE_ENDING.finditer(text):
        end = match.end()
        index = bisect_left(ends, end)
        if index < len(ends) and ends[index] == end and kinds[index] == "word" and len(texts[index]) > 2:
            marked.append(index)
    return marked


def tokenize_by_match(text: str) -> list[Token]:
    """:func:`tokenize` one match at a time (the reference it is tested against)."""
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group()
        start, end = match.span()
        if kind == "word" and len(value) > 2 and value[-2] in "'\u2019" and value[-1] in "sS":
            value = value[:-2]
            append(new(Token, (value, start, end - 2, kind, True, value.lower())))
        else:
            append(new(Token, (value, start, end, kind, False, value.lower())))
    return tokens


def is_all_caps(texts: list[str]) -> bool:
    """A cable written in capitals (as most were before about 2005)."""
    # ASCII letters counted by deleting them from the bytes (C speed; others never count)
    data = "".join(texts).encode("ascii", "ignore")
    lower = len(data) - len(data.translate(None, _ASCII_LOWER))
    upper = len(data) - len(data.translate(None, _ASCII_UPPER))
    return upper > 0 and lower / (upper + lower) < 0.1
