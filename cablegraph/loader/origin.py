"""A cable's origin: station, WikiLeaks' label for it, and its routing indicator.

WikiLeaks labels origins by the kind of post and its city, title-cased from
the header's FM line (``AMEMBASSY PORT AU PRINCE`` -> ``Embassy Port Au
Prince``); a few multilateral missions and offices have labels of their own.
"""
from __future__ import annotations

import re
from functools import lru_cache

from cablegraph import refdata
from cablegraph.loader import ids
from cablegraph.record import Station

# FM-line names whose WikiLeaks label follows no general rule.
SPECIAL_LABELS = {
    "SECSTATE WASHDC": "Secretary of State",
    "SECSTATE": "Secretary of State",
    "USMISSION USUN NEW YORK": "USUN New York",
    "USUN NEW YORK": "USUN New York",
    "USMISSION UNVIE VIENNA": "UNVIE",
    "UNVIE VIENNA": "UNVIE",
    "USMISSION USNATO": "Mission USNATO",
    "USNATO": "Mission USNATO",
    "USEU BRUSSELS": "USEU Brussels",
    "AIT TAIPEI": "American Institute Taiwan, Taipei",
    "IRAN RPO DUBAI": "Iran RPO Dubai",
    "RPO DUBAI": "Iran RPO Dubai",
}
# Reference-ID stations whose FM-line name the routing table spells otherwise.
STATION_NAMES = {
    "STATE": "SECSTATE WASHDC",
    "SECSTATE": "SECSTATE WASHDC",
    "USUNNEWYORK": "USMISSION USUN NEW YORK",
    "UNVIEVIENNA": "USMISSION UNVIE VIENNA",
    "USNATO": "USMISSION USNATO",
    "USEUBRUSSELS": "USEU BRUSSELS",
    "AITTAIPEI": "AIT TAIPEI",
    "RPODUBAI": "IRAN RPO DUBAI",
    "IRANRPODUBAI": "IRAN RPO DUBAI",
}
KIND_PREFIXES = (
    ("AMEMBASSY ", "Embassy "),
    ("AMEMB ", "Embassy "),
    ("AMCONSUL ", "Consulate "),
    ("AMCONGEN ", "Consulate "),
    ("USMISSION ", "US Mission "),
    ("USMISSIN ", "US Mission "),
    ("US MISSION ", "US Mission "),
    ("USOFFICE ", "US Office "),
    ("USLO ", "US Liaison Office "),
    ("USDEL ", "US Delegation "),
    ("USINT ", "US Interests Section "),
)
_TRAILING_NUMBERS = re.compile(r"(?:\s+\d+)+$")


def origin_label(fm_name: str) -> str:
    """WikiLeaks' label for an FM-line name: ``AMCONSUL JEDDAH`` -> ``Consulate Jeddah``."""
    name = _TRAILING_NUMBERS.sub("", " ".join(fm_name.upper().split()))
    if name in SPECIAL_LABELS:
        return SPECIAL_LABELS[name]
    for prefix, kind in KIND_PREFIXES:
        if name.startswith(prefix):
            return kind + name[len(prefix):].title()
    return name.title()


def _station_key(fm_name: str) -> str | None:
    name = fm_name.upper()
    for prefix, _ in KIND_PREFIXES:
        if name.startswith(prefix):
            return ids.canonical_station(name[len(prefix):])
    return None


@lru_cache(maxsize=None)
def _stations_by_special_name() -> dict[str, str]:
    return {name: station for station, name in STATION_NAMES.items() if station != "SECSTATE"}


def station_of(fm_name: str) -> str:
    """Reference-ID station of an FM-line name: ``AMEMBASSY TEL AVIV`` -> ``TELAVIV``."""
    name = _TRAILING_NUMBERS.sub("", " ".join(fm_name.upper().split()))
    return _stations_by_special_name().get(name) or _station_key(name) or ids.canonical_station(name)


@lru_cache(maxsize=None)
def _names_by_station() -> dict[str, str]:
    """Reference-ID station -> FM-line name, from the routing-indicator table.

    Embassies win over other posts of the same city (``AMEMBASSY`` sorts first).
    """
    table: dict[str, str] = {}
    for name in sorted(set(refdata.routing_indicators().values())):
        key = _station_key(name)
        if key:
            table.setdefault(key, name)
    return table


def station_name(station: str) -> str | None:
    """FM-line name for a reference-ID station: ``SANJOSE`` -> ``AMEMBASSY SAN JOSE``.

    A post the routing table lists only under its new name (``KIEV`` ->
    ``AMEMBASSY KYIV``) gets that one.
    """
    names = _names_by_station()
    found = STATION_NAMES.get(station) or names.get(station)
    if found is None:
        found = next((names[other] for other in ids.synonyms(station) if other in names), None)
    return found


def resolve_origin(station: str | None, fm_name: str | None, de_routing_indicator: str | None,
                   station_as_written: str | None = None) -> Station:
    """Combine the banner's station and the header's FM line into an origin.

    The FM line gives the label, unless it misspells the station the banner
    names (``AMEMBASSY QUINTO`` over ``QUITO 001978``): then the routing
    table's name for the banner's station does, and where the table's name
    misspells it too (the table has ``AMEMBASSY QUINTO``, ``AMEMBASSY
    COLUMBO``), the station as the banner writes it. A post named by a former
    name (``AMEMBASSY KIEV``) is labelled by the name its routing indicator
    has now (``RUEHKV``: ``AMEMBASSY KYIV``), as WikiLeaks labels it.
    """
    name = fm_name
    written = _written_key(fm_name) if fm_name else None
    if station and (not fm_name or (written and written != station and written not in ids.valid_stations())):
        name = station_name(station) or fm_name
    if station is None and fm_name:
        station = station_of(fm_name)
    if name and station and de_routing_indicator and ids.synonyms(station):
        current = refdata.routing_indicators().get(de_routing_indicator)
        if current and _station_key(current) in ids.synonyms(station):
            name = current
    routing = None
    if name:
        routing = refdata.station_routing_indicators().get(_TRAILING_NUMBERS.sub("", name))
        label = origin_label(_respelt(name, station, station_as_written))
    elif station_as_written:
        label = "Embassy " + station_as_written.title()  # most posts that name no kind are embassies
    else:
        label = None
    return Station(station=station, name=label, routing_indicator=routing or de_routing_indicator)


def _respelt(name: str, station: str | None, station_as_written: str | None) -> str:
    """A name whose city is not the station as spelt (``AMEMBASSY QUINTO`` for
    ``QUITO``) takes the city from the banner, when the banner spells the station."""
    written = _written_key(name)
    if (not written or not station or not station_as_written or written == station
            or written in ids.valid_stations() or written in _stations_by_special_name().values()
            or "".join(station_as_written.split()) != station):
        return name
    for prefix, _ in KIND_PREFIXES:
        if name.upper().startswith(prefix):
            return prefix + station_as_written
    return name


def _written_key(fm_name: str) -> str | None:
    """The station as the FM line spells it, unrepaired: ``AMEMBASSY QUINTO`` -> ``QUINTO``."""
    name = _TRAILING_NUMBERS.sub("", " ".join(fm_name.upper().split()))
    if name in _stations_by_special_name():
        return _stations_by_special_name()[name]
    for prefix, _ in KIND_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):].replace(" ", "")
    return None
