"""Day-and-month expressions ("MAY 15-17", "10 November", "January 28, 2010") resolved
against the cable's date; a month alone gives no day (the schema's null)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from cablegraph.extract.text import matches_at, occurrences

MONTHS = {m: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for m in names}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_RANGE = r"\s*(?:-|–|to|and|through|until)\s*"
DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:{_RANGE}(?:(?P<m1b>{_MONTH})\s+)?(?P<d2>{_DAY}))?"
    rf"|(?P<d3>{_DAY})(?:{_RANGE}(?P<d4>{_DAY}))?\s+(?P<m2>{_MONTH}))"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?(?![\w:])",
    re.I,
)
MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_MONTH_WORDS = frozenset(MONTHS)
_JOINERS = re.compile(r"[-'’]")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class DateSpan:
    start: date
    end: date
    offset: int  # where the expression starts in its passage
    stop: int


def month_number(name: str) -> int:
    """1-12 of a month's name as matched (casefold, not lower: under ``re.I`` "AUGUſT" matches)."""
    return MONTHS[name.casefold().rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def resolve_year(month: int, cable_date: date | None, explicit: str | None) -> int | None:
    """The cable's year, moved across a year boundary when the month lies more than
    half a year away ("January 28" in a December cable is next January)."""
    if explicit:
        return int(explicit)
    if cable_date is None:
        return None
    if month - cable_date.month <= -7:
        return cable_date.year + 1
    if month - cable_date.month >= 7:
        return cable_date.year - 1
    return cable_date.year


def find_dates(text: str, cable_date: date | None, words: Iterable[str] | None = None) -> list[DateSpan]:
    """The date expressions of ``text``; ``words``, its tokens' distinct lower-cased
    forms where the caller has them, spare the search of a text that names no month."""
    if words is not None and not _names_a_month(text, words):
        return []
    spans = []
    for match in _date_matches(text):
        if match.group("m1"):
            month = month_number(match.group("m1"))
            end_month = month_number(match.group("m1b")) if match.group("m1b") else month
            first, last = _day(match.group("d1")), _day(match.group("d2") or match.group("d1"))
        else:
            month = end_month = month_number(match.group("m2"))
            first, last = _day(match.group("d3")), _day(match.group("d4") or match.group("d3"))
        if (match.group("m1") or match.group("m2"))[0].islower():
            continue  # "may 15": a month is written capitalised; this is the verb
        year = resolve_year(month, cable_date, match.group("year"))
        if year is None:
            continue
        try:
            start = date(year, month, first)
            end = date(year + (1 if end_month < month else 0), end_month, last)
        except ValueError:
            continue
        if end < start:
            continue
        spans.append(DateSpan(start, end, match.start(), match.end()))
    return spans


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`DATE` in ``text``, left to right without overlaps (as
    ``finditer`` finds them). In ASCII text each one starts where a month's name or a
    run of digits does: DATE is tried only there, not at every character."""
    if not text.isascii():
        return DATE.finditer(text)
    return matches_at(DATE, text, _month_or_number_starts(text))


def _month_or_number_starts(text: str) -> list[int]:
    """Where, in ASCII ``text``, a run of digits or (in any case) a month's name starts."""
    starts = {match.start() for match in _DIGITS.finditer(text)}
    lowered = text.lower()
    for month in MONTHS:
        starts.update(occurrences(lowered, month))
    return sorted(starts)


def _names_a_month(text: str, words: Iterable[str]) -> bool:
    """False only where :data:`DATE` cannot match: each of its matches names a month
    between non-word characters, which is a token of its own or a part of one joined
    by a hyphen or an apostrophe ("mid-May"). A text beyond ASCII always counts (under
    ``re.I``, ``ſ`` matches ``s``)."""
    if not _MONTH_WORDS.isdisjoint(words) or not text.isascii():
        return True
    return any(not _MONTH_WORDS.isdisjoint(_JOINERS.split(word)) for word in words
               if "-" in word or "'" in word or "’" in word)
