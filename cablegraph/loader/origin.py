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
    "USINT HAVANA": "US Interests Section Havana",
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
    """FM-line name for a reference-ID station: ``SANJOSE`` -> ``AMEMBASSY SAN JOSE``."""
    return STATION_NAMES.get(station) or _names_by_station().get(station)


def resolve_origin(station: str | None, fm_name: str | None, de_routing_indicator: str | None) -> Station:
    """Combine the banner's station and the header's FM line into an origin."""
    name = fm_name or (station_name(station) if station else None)
    if station is None and fm_name:
        station = _station_key(fm_name) or ids.canonical_station(fm_name)
    routing = None
    if name:
        routing = refdata.station_routing_indicators().get(_TRAILING_NUMBERS.sub("", name))
    return Station(
        station=station,
        name=origin_label(name) if name else None,
        routing_indicator=routing or de_routing_indicator,
    )
