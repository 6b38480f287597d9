"""The principals of the US government a cable names by title and surname alone.

"President Bush", "Secretary Rice", "Former President Clinton": a US cable
gives no nationality for its own government's principals, and the rule for a
head of state or government without one (the host state's, see
:func:`~cablegraph.extract.titles.describe_person`) would make President Obama
an official of Egypt in a cable from Cairo. The holders of these offices and
their terms (``data/us_principals.csv``) settle it: a title of the office and
the surname (and given name, when written) of its holder on the cable's date,
or of an earlier holder for "former", make the person a US official.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from cablegraph import refdata

# A title as the extractor writes it (lower case, "former"/"acting" removed) ->
# the offices it can stand for.
_SECRETARIES = ("secretary-of-state", "secretary-of-defense", "secretary-of-the-treasury")
OFFICES_OF_TITLE: dict[str, tuple[str, ...]] = {
    "president": ("president",),
    "vice president": ("vice-president",),
    "secretary": _SECRETARIES,
    "secretary of state": ("secretary-of-state",),
    "secretary of defense": ("secretary-of-defense",),
    "defense secretary": ("secretary-of-defense",),
    "secretary of the treasury": ("secretary-of-the-treasury",),
    "treasury secretary": ("secretary-of-the-treasury",),
}
# A cable written days after a change of office may still give the old title.
GRACE = timedelta(days=31)


@dataclass(frozen=True)
class Term:
    name: str
    forenames: tuple[str, ...]  # alternatives, each in lower case ("william jefferson", "bill")
    start: date
    end: date


@lru_cache(maxsize=None)
def _terms() -> dict[tuple[str, str], list[Term]]:
    """(office, surname in lower case) -> the terms of its holders of that surname."""
    table: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for row in refdata.us_principals():
        forenames = tuple(f.strip().lower() for f in row["forenames"].split("|"))
        table[row["office"], row["surname"].lower()].append(
            Term(row["name"], forenames, date.fromisoformat(row["start"]), date.fromisoformat(row["end"])))
    return dict(table)


def us_principals(name: str, titles: list[str], on: date | None) -> list[Term]:
    """The terms of the US principals a person of ``name`` with ``titles`` may be, in
    a cable of date ``on``: none, one, or more for "former President Bush"."""
    if on is None or not name:
        return []
    words = name.replace(".", " ").split()
    surname, given = words[-1].lower(), words[:-1]
    found: list[Term] = []
    for title in titles:
        plain = title.lower()
        former = plain.startswith("former ")
        plain = plain.removeprefix("former ").removeprefix("acting ")
        for office in OFFICES_OF_TITLE.get(plain, ()):
            for term in _terms().get((office, surname), ()):
                held = term.start < on if former else term.start - GRACE <= on <= term.end + GRACE
                if held and (not given or _forename_agrees(given[0], term.forenames)):
                    found.append(term)
    return found


def us_principal(name: str, titles: list[str], on: date | None) -> Term | None:
    """The one US principal a person of ``name`` with ``titles`` is on ``on``; None when
    there is none, or more than one person ("former President Bush")."""
    persons = {term.name: term for term in us_principals(name, titles, on)}
    return next(iter(persons.values())) if len(persons) == 1 else None


@lru_cache(maxsize=None)
def namesakes() -> frozenset[str]:
    """The names of principals who share given name and surname with another one
    ("George H. W. Bush", "George W. Bush"): only their initials tell them apart."""
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in refdata.us_principals():
        by_name[row["forenames"].split()[0].lower(), row["surname"].lower()].add(row["name"])
    return frozenset(name for names in by_name.values() if len(names) > 1 for name in names)


def _forename_agrees(written: str, forenames: tuple[str, ...]) -> bool:
    """"George" or "G" agrees with "George Walker"; "Bill" with "William Jefferson|Bill"."""
    written = written.lower()
    firsts = [f.split()[0] for f in forenames]
    if len(written) == 1:
        return any(first.startswith(written) for first in firsts)
    return written in firsts
