"""Links of US missions: their city, its GeoNames place, a history.state.gov page.

Pure functions of the Office of the Historian's posts table (coordinates, city
and territory) and, when given, a GeoNames city table. A city is matched by
its name (or a GeoNames alternate name) in the host country and within
:data:`MAX_KM` of the post's coordinates; the nearest such place wins. No
city table, no GeoNames link: nothing is guessed.

history.state.gov has no page per post; an embassy gets its country's
chiefs-of-mission page (the list of the post's heads).
"""
from __future__ import annotations

from collections.abc import Iterable
from math import asin, cos, radians, sin, sqrt

from cablegraph.linking.model import TARGETS, Link
from cablegraph.linking.names import ascii_upper
from cablegraph.resolve import country_by_hsg, posts_by_key
from cablegraph.namespaces import RDFS, SCHEMA, XSD, mission_iri

MAX_KM = 30.0

CityIndex = dict[tuple[str, str], list[dict]]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(a))


def city_index(cities: Iterable[dict]) -> CityIndex:
    """(ISO2 country, upper-case ASCII name) -> GeoNames cities, by name and alternate names."""
    index: CityIndex = {}
    for city in cities:
        names = {ascii_upper(city["name"])} | {ascii_upper(n) for n in city.get("alternatenames", ())}
        for name in names - {""}:
            index.setdefault((city["countrycode"], name), []).append(city)
    return index


def match_city(name: str, iso2: str, lat: float, lon: float, index: CityIndex) -> tuple[dict, float] | None:
    """The GeoNames city named ``name`` in ``iso2`` nearest to (lat, lon), within MAX_KM."""
    found = [
        (distance_km(lat, lon, c["latitude"], c["longitude"]), c)
        for c in index.get((iso2, ascii_upper(name)), ())
    ]
    found = [(d, c) for d, c in found if d <= MAX_KM]
    if not found:
        return None
    d, city = min(found, key=lambda item: (item[0], -item[1].get("population", 0)))
    return city, d


def mission_links(key: str, post: dict[str, str], index: CityIndex | None) -> list[Link]:
    subject = mission_iri(key).value
    city = post["post_name"]
    links = [Link(subject, SCHEMA.addressLocality.value, city, "mission", "literal",
                  f"post '{post['post_id']}' of the Office of the Historian", literal=XSD.string.value)]
    country = country_by_hsg(post["territory_id"])
    if post["post_type"] == "embassy":
        links.append(Link(subject, RDFS.seeAlso.value,
                          f"{TARGETS['hsg']}departmenthistory/people/chiefsofmission/{post['territory_id']}",
                          "mission", "hsg", f"chiefs of mission to '{post['territory_id']}'"))
    if index is not None and country and country["iso2"] and post["latitude"] and post["longitude"]:
        found = match_city(city, country["iso2"], float(post["latitude"]), float(post["longitude"]), index)
        if found:
            place, km = found
            links.append(Link(subject, SCHEMA.location.value, f"{TARGETS['geonames']}{place['geonameid']}/",
                              "mission", "geonames",
                              f"GeoNames '{place['name']}' ({country['iso2']}) {km:.1f} km from the post"))
    return links


def all_mission_links(index: CityIndex | None) -> list[Link]:
    links = []
    for key, post in sorted(posts_by_key().items()):
        links.extend(mission_links(key, post, index))
    return links
