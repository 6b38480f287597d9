"""Resolve names in a cable to reference nodes: TAGS to states, stations to
missions and host states, signers to the chief of mission then in office.

Pure functions over the shipped reference tables (``cablegraph.refdata``);
each index is built once per process. The loader's mappings, the extractor
and the linkers all read them, so the module sits beside ``refdata``, not in
any of them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cablegraph import refdata
from cablegraph.namespaces import mission_key

# POCOM missions to international organisations -> the station of the US
# mission in reference IDs (or, where the dump has none, a key of the same form).
ORGANISATION_MISSIONS = {
    "representative-to-nato": "USNATO",
    "representative-to-un": "USUNNEWYORK",
    "representative-to-eu": "USEUBRUSSELS",
    "representative-to-osce": "USOSCE",
    "representative-to-iaea": "UNVIEVIENNA",
    "representative-to-unido": "UNVIEVIENNA",
    "representative-unvo": "UNVIEVIENNA",
    "representative-to-unafa": "UNROME",
    "representative-to-unesco": "UNESCOPARISFR",
    "representative-uneo": "GENEVA",
    "representative-to-oecd": "USOECD",
    "representative-to-oas": "USOAS",
    "representative-to-asean": "USASEAN",
    "representative-to-au": "USAU",
    "representative-to-icao": "USICAO",
    "representative-to-usoarn": "USOARN",
}


def normalise_name(name: str) -> str:
    """Upper-case ASCII letters and single spaces: ``Chargé d’Affaires`` -> ``CHARGE D AFFAIRES``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^A-Za-z]+", " ", ascii_name).upper().split())


@lru_cache(maxsize=None)
def _countries_by(column: str) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for row in refdata.countries():
        key = row[column].strip()
        if column == "name":
            key = normalise_name(key)
        if not key:
            continue
        # FIPS NL is both the Netherlands and Caribbean Netherlands: the state
        # history.state.gov knows wins.
        if key not in table or (row["hsg_country"] and not table[key]["hsg_country"]):
            table[key] = row
    return table


def country_by_fips(code: str) -> dict[str, str] | None:
    return _countries_by("fips").get(code)


def country_by_iso3(code: str) -> dict[str, str] | None:
    return _countries_by("iso3").get(code)


def country_by_hsg(territory: str) -> dict[str, str] | None:
    return _countries_by("hsg_country").get(territory)


def country_by_name(name: str) -> dict[str, str] | None:
    return _countries_by("name").get(normalise_name(name))


def state_of_iso2(code: str | None) -> str | None:
    """ISO alpha-3 of an ISO alpha-2 code (``RU`` -> ``RUS``), or ``None``."""
    row = _countries_by("iso2").get((code or "").upper()) if code else None
    return row["iso3"] if row else None


def tag_kind(code: str) -> str | None:
    """The TAGS kind without the source's ``(tag-fixes)`` note, or ``None`` if unknown."""
    entry = refdata.tags().get(code)
    return entry["kind"].split(" (")[0] if entry else None


@lru_cache(maxsize=None)
def state_of_tag(code: str) -> str | None:
    """ISO alpha-3 of the state a geo-country TAG denotes (FIPS, never ISO)."""
    entry = refdata.tags().get(code)
    if entry is None or tag_kind(code) != "geo-country":
        return None
    row = country_by_fips(code) or country_by_name(entry["title"])
    return row["iso3"] if row else None


@lru_cache(maxsize=None)
def posts_by_key() -> dict[str, dict[str, str]]:
    """Mission key -> Office of the Historian post; embassies win, then the most recent."""
    rank = {"embassy": 0, "consulate-general": 1, "consulate": 2, "branch-office": 3}
    table: dict[str, dict[str, str]] = {}
    for post in refdata.posts():
        for key in {mission_key(post["post_id"]), mission_key(post["post_name"] or post["post_id"])}:
            old = table.get(key)
            if old is None or (rank.get(post["post_type"], 9), -int(post["valid_until"] or 0)) < (
                rank.get(old["post_type"], 9),
                -int(old["valid_until"] or 0),
            ):
                table[key] = post
    return table


@lru_cache(maxsize=None)
def host_state(key: str) -> str | None:
    """ISO alpha-3 of the state a station is in (``DUSHANBE`` -> ``TJK``)."""
    post = posts_by_key().get(key)
    row = country_by_hsg(post["territory_id"]) if post else None
    if row is None and key in refdata.station_countries():
        row = country_by_name(refdata.station_countries()[key])
    return row["iso3"] if row else None


@lru_cache(maxsize=None)
def station_territories(key: str) -> tuple[str, ...]:
    """POCOM mission ids whose chief of mission serves at this station."""
    found = [mission for mission, station in ORGANISATION_MISSIONS.items() if station == key]
    post = posts_by_key().get(key)
    if post and post["post_type"] == "embassy":
        found.append(post["territory_id"])
    elif post is None and key in refdata.station_countries():
        row = country_by_name(refdata.station_countries()[key])
        if row and row["hsg_country"]:
            found.append(row["hsg_country"])
    return tuple(found)


def _start(row: dict[str, str]) -> str:
    return row["started"] or row["arrived"] or row["appointed"]


def _end(row: dict[str, str]) -> str:
    # "2008-07" ends in July: pad so that string order is date order
    return (row["ended"] + "-99")[:10] if row["ended"] else "9999-99-99"


@dataclass(frozen=True)
class Term:
    person_id: str
    chief_id: str
    mission_id: str
    role_id: str
    surname: str
    forenames: str
    start: str
    end: str


@lru_cache(maxsize=None)
def _terms_by_mission_and_surname() -> dict[tuple[str, str], list[Term]]:
    index: dict[tuple[str, str], list[Term]] = {}
    for row in refdata.chiefs_of_mission():
        if not _start(row):
            continue  # nominated, never served
        term = Term(
            person_id=row["person_id"],
            chief_id=row["chief_id"],
            mission_id=row["mission_id"],
            role_id=row["role_title_id"],
            surname=normalise_name(row["surname"]),
            forenames=normalise_name(row["forename"]),
            start=_start(row),
            end=_end(row),
        )
        index.setdefault((row["mission_id"], term.surname), []).append(term)
    return index


def _surname_candidates(name: str) -> list[str]:
    """Trailing word groups of a name: ``RICHARD E. HOAGLAND`` -> HOAGLAND, E HOAGLAND, ..."""
    words = normalise_name(name).split()
    return [" ".join(words[i:]) for i in range(len(words) - 1, -1, -1)]


def _forenames_agree(name: str, surname: str, term: Term) -> bool:
    given = normalise_name(name).split()[: -len(surname.split())]
    if not given or not term.forenames:
        return True
    return given[0][0] == term.forenames[0]


def resolve_chief_of_mission(name: str | None, station: str | None, date: str | None) -> Term | None:
    """The chief of mission in office at ``station`` on ``date`` whose name agrees.

    ``("HOAGLAND", "DUSHANBE", "2006-05-11")`` -> Richard E. Hoagland's term as
    Ambassador to Tajikistan. A surname must match exactly; forenames, when the
    name has any, must agree on the first initial.
    """
    if not name or not station or not date:
        return None
    day = date[:10]
    index = _terms_by_mission_and_surname()
    for mission_id in station_territories(mission_key(station)):
        for surname in _surname_candidates(name):
            for term in index.get((mission_id, surname), ()):
                if term.start <= day <= term.end and _forenames_agree(name, surname, term):
                    return term
    return None
