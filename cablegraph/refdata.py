"""Reference tables shipped in ``cablegraph/data`` (see its README for sources).

Each loader reads its file once per process and returns plain Python data, so
parsing and mapping stay pure functions of their input and these tables.
"""
from __future__ import annotations

import csv
import gzip
import io
from functools import lru_cache
from importlib import resources


def _open_text(name: str) -> io.TextIOBase:
    data = resources.files("cablegraph.data").joinpath(name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return io.StringIO(data.decode("utf-8"))


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(_open_text(name)))


@lru_cache(maxsize=None)
def routing_indicators() -> dict[str, str]:
    """Routing indicator -> station name (``RUEHDBU`` -> ``AMEMBASSY DUSHANBE``).

    Where the table lists several names for one indicator the first wins.
    """
    table: dict[str, str] = {}
    for row in _rows("routing_indicators.csv"):
        table.setdefault(row["routing_indicator"], row["name"])
    return table


@lru_cache(maxsize=None)
def station_routing_indicators() -> dict[str, str]:
    """Station name as written in headers (``AMEMBASSY DUSHANBE``) -> routing indicator."""
    table: dict[str, str] = {}
    for row in _rows("routing_indicators.csv"):
        table.setdefault(row["name"], row["routing_indicator"])
    return table


@lru_cache(maxsize=None)
def tags() -> dict[str, dict[str, str]]:
    """TAGS code -> ``{"kind", "title"}``; country codes are FIPS-style (``RS`` Russia)."""
    return {r["code"]: {"kind": r["kind"], "title": r["title"]} for r in _rows("tags.csv")}


@lru_cache(maxsize=None)
def station_countries() -> dict[str, str]:
    """Reference-ID station (``DUSHANBE``) -> country name."""
    return {r["station"]: r["country"] for r in _rows("station_country_cablemap.csv")}


@lru_cache(maxsize=None)
def posts() -> list[dict[str, str]]:
    """US diplomatic posts (Office of the Historian): name, type, territory, coordinates."""
    return _rows("gsh_posts.csv")


@lru_cache(maxsize=None)
def chiefs_of_mission() -> list[dict[str, str]]:
    """US chiefs of mission (Office of the Historian, POCOM) with their terms."""
    return _rows("pocom_chiefs_of_mission.csv")


@lru_cache(maxsize=None)
def us_principals() -> list[dict[str, str]]:
    """US Presidents, Vice Presidents and Secretaries of State, Defense and the
    Treasury with their terms (``forenames``: alternatives joined by ``|``)."""
    return _rows("us_principals.csv")


@lru_cache(maxsize=None)
def countries() -> list[dict[str, str]]:
    """States with FIPS, ISO 3166, GeoNames, Wikidata and history.state.gov IDs."""
    return _rows("countries.csv")


@lru_cache(maxsize=None)
def cable_months() -> dict[str, str]:
    """Every Cablegate reference ID -> its month index, as cablemap published it."""
    return {row[0]: row[1] for row in csv.reader(_open_text("cable2month.csv.gz")) if row}


@lru_cache(maxsize=None)
def acronyms() -> frozenset[str]:
    return frozenset(line.strip() for line in _open_text("acronyms.txt") if line.strip())
