"""The ACP-127 transmission header: transmission ID, date-time group, FM, TO, INFO.

Everything here is a pure function of the header text (the part of a cable
before its classification banner).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from cablegraph.record import Recipient

MONTHS = {m: i for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}

# Precedence prosigns of the date-time group line (``O O 111647Z MAY 06``).
PRECEDENCE_PROSIGNS = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}
PRECEDENCE_WORDS = ("NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "ROUTINE", "FLASH")

TRANSMISSION_ID = re.compile(r"\b(VZCZC[A-Z]{0,4}\d{0,6})\b")
DATE_TIME_GROUP = re.compile(
    r"(?m)^[ \t]*(?P<prec>(?:[ZOPRY][ \t]?){0,2})[ \t]*"
    r"(?P<day>[0-3]\d)(?P<hour>[0-2]\d)(?P<minute>[0-5]\d)Z[ \t]*"
    r"(?P<month>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[ \t]*(?P<year>\d{2}|\d{4})\b")
# A date-time group anywhere (some headers put it after other groups).
LOOSE_DATE_TIME_GROUP = re.compile(
    r"\b(?P<day>[0-3]\d)(?P<hour>[0-2]\d)(?P<minute>[0-5]\d)Z[ \t]*"
    r"(?P<month>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[ \t]*(?P<year>\d{2}|\d{4})\b")
FROM_LINE = re.compile(r"(?m)^[ \t]*FM[ \t]+(?:[A-Z]{4,8}/)?(?P<name>[^\n]+?)[ \t]*$")
# The serial in the ``DE RUEHSO #0171/01 0941300`` line, a fallback for the banner's.
DE_LINE = re.compile(r"(?m)^[ \t]*DE[ \t]+(?P<ri>[A-Z]{4,8})[ \t]+#(?P<serial>\d{1,6})")
# Page breaks that land inside a header: ``TO PAGE 02 STATE 023763 071504Z``.
PAGE_BREAK = re.compile(r"\bPAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z ]*?[ \t]+\d{3,7}[ \t]+(?:\d{2}[ \t]+OF[ \t]+\d{2}[ \t]+)?\d{6}Z\b")
# The security line of an ACP-127 header (``ZNY CCCCC ZZH``) repeats the
# cable's classification in its letters.
SECURITY_LINE = re.compile(r"(?m)^[ \t]*ZN[YR][ \t]+(?P<letters>([CSTUE])\2{4})\b")
SECURITY_LEVELS = {"C": "CONFIDENTIAL", "S": "SECRET", "T": "TOP SECRET", "U": "UNCLASSIFIED",
                   "E": "UNCLASSIFIED"}  # EEEEE: unclassified EFTO
ADDRESS_END = re.compile(
    r"^(?:B[ \t]?T|ZEN|XMT|E\.?[ \t]?O\.?|SUBJECT|SUBJ|TAGS|SECTION|NNNN)\b")
RECIPIENT = re.compile(
    r"^(?:(?P<ri>[A-Z]{4,8})/)?(?P<name>.+?)"
    r"(?:[ \t]+(?P<prec>" + "|".join(PRECEDENCE_WORDS) + r"))?"
    r"(?:[ \t]+\d{1,5}(?:-\d{1,5})?)?[ \t]*$")  # a serial, or a range of them (a cable sent in sections)


@dataclass
class TransmissionHeader:
    transmission_id: str | None = None
    datetime: str | None = None
    year: int | None = None
    precedence: str | None = None
    origin: str | None = None  # the FM line's station name, e.g. "AMEMBASSY DUSHANBE"
    origin_routing_indicator: str | None = None
    de_serial: str | None = None
    security_level: str | None = None  # from the ``ZNY CCCCC`` line
    recipients: list[Recipient] = field(default_factory=list)
    info_recipients: list[Recipient] = field(default_factory=list)


def full_year(two_or_four_digits: str) -> int:
    """Cablegate spans 1966-2010: ``66`` is 1966, ``06`` is 2006."""
    year = int(two_or_four_digits)
    if year >= 100:
        return year
    return 1900 + year if year >= 50 else 2000 + year


def parse_date_time_group(match: re.Match) -> tuple[str, int] | None:
    """A date-time group match -> (ISO 8601 UTC string, year), or None if invalid."""
    year = full_year(match["year"])
    try:
        moment = datetime(year, MONTHS[match["month"]], int(match["day"]),
                          int(match["hour"]), int(match["minute"]), tzinfo=timezone.utc)
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ"), year


def parse_header(header: str) -> TransmissionHeader:
    result = TransmissionHeader()
    if match := TRANSMISSION_ID.search(header):
        result.transmission_id = match[1]
    dtg = DATE_TIME_GROUP.search(header) or LOOSE_DATE_TIME_GROUP.search(header)
    if dtg and (parsed := parse_date_time_group(dtg)):
        result.datetime, result.year = parsed
        prosigns = (dtg.groupdict().get("prec") or "").split()
        if prosigns:
            result.precedence = PRECEDENCE_PROSIGNS.get(prosigns[0][0])
    if match := FROM_LINE.search(header):
        result.origin = match["name"].strip()
    if match := DE_LINE.search(header):
        result.origin_routing_indicator = match["ri"]
        result.de_serial = match["serial"]
        if security := SECURITY_LINE.search(header, match.end()):
            result.security_level = SECURITY_LEVELS[security["letters"][0]]
    result.recipients, result.info_recipients = parse_addressees(header)
    return result


def parse_addressees(header: str) -> tuple[list[Recipient], list[Recipient]]:
    """The TO and INFO blocks, one recipient a line, continuation lines included."""
    lines = PAGE_BREAK.sub("", header).split("\n")
    blocks: dict[str, list[Recipient]] = {"TO": [], "INFO": []}
    current: list[Recipient] | None = None
    for raw in lines:
        line = raw.strip()
        keyword = line.split(" ", 1)[0] if line else ""
        if keyword in blocks:
            current = blocks[keyword]
            line = line[len(keyword):].strip()
            if not line:
                continue
        elif current is None:
            continue
        elif not line:
            if current:
                current = None  # a blank line ends the address block
            continue
        elif ADDRESS_END.match(line) or line.startswith("FM "):
            current = None
            continue
        if match := RECIPIENT.match(line):
            current.append(Recipient(routing_indicator=match["ri"], name=" ".join(match["name"].split()),
                                     precedence=match["prec"]))
    return blocks["TO"], blocks["INFO"]
