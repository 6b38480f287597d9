"""Reference-ID canonicalisation.

A Cablegate reference ID is ``YY`` + station + serial (``06DUSHANBE870``).  IDs as
written in cables (REF lines, banners) and even some WikiLeaks IDs are damaged:
``08ECTION01OF02MANAMA492``, ``05RIO123``, ``07PORT-AU-PRINCE12``,
``09USUNNEYORK234``.  :func:`canonical_id` repairs them to the form WikiLeaks uses.

The set of valid stations is derived from the 251,287 real IDs
(:func:`cablegraph.refdata.cable_months`): every station seen at least three
times, or listed in the station-country table.  A station outside that set is
repaired through an alias table (abbreviations such as ``RIO``, ``PAP``, ``BA``,
``USEU``, ``UNVIE``), by stripping office prefixes and country suffixes, or by a
small edit distance to exactly one valid station.  A valid station is never
turned into another one, and a station that is not close to any valid one
(``SECDEF``, ``USDOC``, ...) is kept as written.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from cablegraph import refdata

# Minimal number of real IDs a station needs to count as valid (the rarer ones
# are typos such as BRAILIA, HONGKOG, EFTOCAIRO in WikiLeaks' own IDs).
_MIN_STATION_COUNT = 3

_ID_PARTS = re.compile(r"^(\d\d)([A-Z]+?)(\d+)$")
_RAW_ID = re.compile(r"^(\d\d)(.+?)(\d+)$")
_NON_ALNUM = re.compile(r"[^A-Z0-9]+")
_NON_ALPHA = re.compile(r"[^A-Z]+")
_DIGIT = re.compile(r"\d")
_TAIL_ALPHA = re.compile(r"([A-Z]+)$")
_HEAD_ALPHA = re.compile(r"^([A-Z]+)")

# Abbreviations and spellings as cables write them -> canonical station.
_ALIASES: dict[str, str] = {
    "RIO": "RIODEJANEIRO",
    "RIODEJAN": "RIODEJANEIRO",
    "RIODEJANIERO": "RIODEJANEIRO",
    "PAP": "PORTAUPRINCE",
    "PORTA": "PORTAUPRINCE",
    "PORTAU": "PORTAUPRINCE",
    "PORTAUPR": "PORTAUPRINCE",
    "BA": "BUENOSAIRES",
    "USEU": "USEUBRUSSELS",
    "UNVIE": "UNVIEVIENNA",
    "USUN": "USUNNEWYORK",
    "USUNNY": "USUNNEWYORK",
    "USUNNEWYORKNY": "USUNNEWYORK",
    "NEWYORK": "USUNNEWYORK",
    "SECSTATE": "STATE",
    "SECTSTATE": "STATE",
    "SECTATE": "STATE",
    "SECSTAT": "STATE",
    "DEPT": "STATE",
    "DEPARTMENT": "STATE",
    "DEPTSTATE": "STATE",
    "HK": "HONGKONG",
    "HCMC": "HOCHIMINHCITY",
    "HOCHIMINH": "HOCHIMINHCITY",
    "HAGUE": "THEHAGUE",
    "MEXICOCITY": "MEXICO",
    "BRAZIL": "BRASILIA",
    "UNESCOPARIS": "UNESCOPARISFR",
    "UNESCO": "UNESCOPARISFR",
    "USNATOBRUSSELS": "USNATO",
    "NATO": "USNATO",
    "USOSCEVIENNA": "USOSCE",
    "CDCATLANTA": "CDCATLANTAGA",
    "USDOCWASHDC": "USDOC",
    "AIT": "AITTAIPEI",
    "MISSIONGENEVA": "GENEVA",
    "USMISSIONGENEVA": "GENEVA",
    "USMISSIONUSUNNEWYORK": "USUNNEWYORK",
    "TELAVIVISRAEL": "TELAVIV",
    "RPO": "RPODUBAI",
    "DUBAIRPO": "RPODUBAI",
    "IRPO": "RPODUBAI",
}
# Aliases whose key is itself a (rarer) station spelling in WikiLeaks' IDs:
# applied by canonical_id only when the ID as written is not a real one.
_SOFT_ALIASES: dict[str, str] = {
    "PARISFR": "UNESCOPARISFR",
}
# Stations WikiLeaks spelt two ways over the years: an ID not in the dump under
# one spelling is looked up under the other (CALCUTTA 350 -> 04KOLKATA350 if that
# is the cable WikiLeaks published).
_SYNONYMS: dict[str, tuple[str, ...]] = {}
for _group in (("RPODUBAI", "IRANRPODUBAI"), ("KIEV", "KYIV"), ("CALCUTTA", "KOLKATA"),
               ("MADRAS", "CHENNAI"), ("PARISFR", "UNESCOPARISFR"), ("BOMBAY", "MUMBAI"),
               ("BELIZE", "BELMOPAN")):
    for _s in _group:
        _SYNONYMS[_s] = tuple(x for x in _group if x != _s)


def synonyms(station: str) -> tuple[str, ...]:
    """Other spellings of a renamed or moved post: ``KIEV`` -> ``("KYIV",)``."""
    return _SYNONYMS.get(station, ())


# Senders outside the Cablegate dump that REF lines cite; kept as written.
_KNOWN_OTHER = frozenset(
    "SECDEF USDOC USDAFAS CDCATLANTAGA CIA DIA JCS NSC FBI DHS USAID TREASURY "
    "USCINCPAC CINCPAC USCINCSO USCINCEUR USCENTCOM CENTCOM EUCOM PACOM SOUTHCOM "
    "USEUCOM USPACOM USSOUTHCOM USTR USDA USINFO USIA OPIC".split()
)
# Office prefixes fused onto a station (05EMBASSYBLABLA1 -> 05BLABLA1).
_PREFIXES = ("AMEMBASSY", "AMCONSUL", "EMBASSY", "CONSULATE", "CONSUL", "USMISSION", "EFTO",
             "USDEL", "AMEMB")
# Suffixes appended to a station (country codes, WASHDC).
_SUFFIXES = ("WASHDC", "WASHINGTONDC", "WASHINGTON")


@lru_cache(maxsize=1)
def _station_counts() -> Counter:
    counts: Counter = Counter()
    for cable_id in refdata.cable_months():
        m = _ID_PARTS.match(cable_id)
        if m:
            counts[m.group(2)] += 1
    return counts


@lru_cache(maxsize=1)
def valid_stations() -> frozenset[str]:
    """Stations of real reference IDs (typo-only spellings left out)."""
    counts = _station_counts()
    stations = {s for s, n in counts.items() if n >= _MIN_STATION_COUNT and not s.startswith("EFTO")}
    stations.update(s for s in refdata.station_countries() if s in counts)
    return frozenset(stations)


@lru_cache(maxsize=1)
def _stations_by_length() -> dict[int, tuple[str, ...]]:
    by_len: dict[int, list[str]] = {}
    for s in valid_stations():
        by_len.setdefault(len(s), []).append(s)
    return {k: tuple(sorted(v)) for k, v in by_len.items()}


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance, giving up above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        row_min = cur[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            row_min = min(row_min, v)
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[len(b)]


def _nearest(station: str) -> str | None:
    """The one valid station within a small edit distance, if it is unique."""
    n = len(station)
    if n < 5:
        return None
    limit = 1 if n < 8 else 2
    best: list[str] = []
    best_d = limit + 1
    by_len = _stations_by_length()
    for length in range(n - limit, n + limit + 1):
        for cand in by_len.get(length, ()):
            d = _distance(station, cand, min(limit, best_d))
            if d < best_d:
                best, best_d = [cand], d
            elif d == best_d and d <= limit:
                best.append(cand)
    if len(best) == 1:
        return best[0]
    return None


def _unique_prefix_of(station: str) -> str | None:
    """HALIF -> HALIFAX: the station is the start of exactly one valid station."""
    if len(station) < 5:
        return None
    hits = [s for s in valid_stations() if s.startswith(station)]
    return hits[0] if len(hits) == 1 else None


@lru_cache(maxsize=4096)
def canonical_station(raw: str) -> str:
    """Canonical reference-ID station for a station as written (``NEW DELHI`` -> ``NEWDELHI``)."""
    s = _NON_ALPHA.sub("", raw.replace("¶", "").upper())
    if not s:
        return s
    valid = valid_stations()
    if s in valid or s in _KNOWN_OTHER:
        return s
    if s in _ALIASES:
        return _ALIASES[s]
    if s in _SOFT_ALIASES:
        return s
    for prefix in _PREFIXES:
        if s.startswith(prefix) and len(s) > len(prefix):
            return canonical_station(s[len(prefix):])
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            return canonical_station(s[: -len(suffix)])
    # A two-letter country code glued on (MADRIDSP, PANAMAPN).
    if len(s) > 5 and (s[:-2] in valid or s[:-2] in _ALIASES):
        return canonical_station(s[:-2])
    # SEC + STATE in damaged forms (SECSTATEWASHDC handled above).
    if s.startswith("SEC") and s.endswith("STATE"):
        return "STATE"
    repaired = _nearest(s) or _unique_prefix_of(s)
    if repaired:
        return repaired
    for key, value in _ALIASES.items():
        if len(key) >= 6 and _distance(s, key, 1) <= 1:
            return value
    return s


def is_known_station(station: str) -> bool:
    """True for a canonical station of the dump or a known sender outside it (SECDEF)."""
    return station in valid_stations() or station in _KNOWN_OTHER or station in _SOFT_ALIASES


@lru_cache(maxsize=1)
def _real_ids() -> frozenset[str]:
    return frozenset(refdata.cable_months())


def canonical_id(raw_id: str) -> str | None:
    """Repair a reference ID to WikiLeaks' canonical form; None if it is not one."""
    if not raw_id:
        return None
    s = _NON_ALNUM.sub("", raw_id.replace("¶", "").upper())
    m = _RAW_ID.match(s)
    if not m:
        return None
    year, middle, serial = m.groups()
    serial = str(int(serial))
    if _DIGIT.search(middle):
        # SECTION01OF02MANAMA, ECTION01OF02MANAMA: keep the letters after the junk.
        tail = _TAIL_ALPHA.search(middle)
        head = _HEAD_ALPHA.match(middle)
        if tail and (canonical_station(tail.group(1)) in valid_stations() or not head):
            middle = tail.group(1)
        elif head:
            # 90STATE255195TOSEC140301: the station's own serial follows it.
            middle = head.group(1)
            serial = str(int(re.match(r"\d+", m.group(2)[len(middle):]).group(0)))
        else:
            return None
    if not middle:
        return None
    written = f"{year}{middle}{serial}"
    station = canonical_station(middle)
    real = _real_ids()
    if f"{year}{station}{serial}" not in real and written not in real:
        for other in _SYNONYMS.get(station, ()):
            if f"{year}{other}{serial}" in real:
                return f"{year}{other}{serial}"
        if station in _SOFT_ALIASES:
            station = _SOFT_ALIASES[station]
    return f"{year}{station}{serial}"


@lru_cache(maxsize=1)
def _dump_aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    real = _real_ids()
    for cable_id in real:
        if _ID_PARTS.match(cable_id) and _ID_PARTS.match(cable_id).group(2) in valid_stations():
            continue
        canon = canonical_id(cable_id)
        if canon and canon != cable_id and canon not in real:
            table.setdefault(canon, cable_id)
    return table


def dump_id(cable_id: str) -> str | None:
    """The ID WikiLeaks gave the cable a canonical ID names, if it is in the dump.

    Usually the ID itself; for the ~150 cables WikiLeaks published under a damaged
    ID (``06SECION01OF02HARARE628``) the damaged one, so REF links still resolve.
    """
    if cable_id in _real_ids():
        return cable_id
    return _dump_aliases().get(cable_id)


def split_id(cable_id: str) -> tuple[str, str, int] | None:
    """``06DUSHANBE870`` -> ``("06", "DUSHANBE", 870)``; None for another form."""
    m = _ID_PARTS.match(cable_id)
    return (m.group(1), m.group(2), int(m.group(3))) if m else None


def make_reference_id(year: int, station: str, serial: int | str) -> str:
    """Reference ID from its parts: (2006, "DUSHANBE", "000870") -> "06DUSHANBE870"."""
    y = int(year) % 100
    return f"{y:02d}{canonical_station(station)}{int(str(serial).strip() or 0)}"


@lru_cache(maxsize=1)
def _serial_months() -> dict[tuple[str, str], tuple[list[int], list[int]]]:
    """(``YY``, station) -> the serials of its IDs in the list, ascending, and their months."""
    groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for cable_id, month in refdata.cable_months().items():
        if parts := split_id(cable_id):
            groups.setdefault(parts[:2], []).append((parts[2], int(month)))
    return {key: ([s for s, _ in rows], [m for _, m in rows])
            for key, rows in ((key, sorted(rows)) for key, rows in groups.items())}


def earliest_month(year: int, station: str, serial: int) -> int | None:
    """The earliest month of ``year`` in which ``station`` can have sent its cable
    numbered ``serial``, from the Cablegate ID list: a post numbers its cables up
    through each year, so no earlier than the month of the cable it numbered
    nearest below (the list's months go down along its serials at 401 of
    249,065 steps). None when the list has no cable of it below."""
    serials, months = _serial_months().get((f"{year % 100:02d}", station), ((), ()))
    below = bisect_right(serials, serial)
    return months[below - 1] if below else None
