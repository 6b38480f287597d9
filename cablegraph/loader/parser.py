"""Cable text -> :class:`CableRecord`. Pure: no I/O beyond the shipped reference tables.

The text is read in three parts: the transmission header (everything before
the classification banner), the banner itself, and the body (header fields
such as TAGS and SUBJECT, then numbered paragraphs).
"""
from __future__ import annotations

import re
from collections import Counter

from cablegraph import refdata
from cablegraph.loader import fields, ids
from cablegraph.loader.banner import Banner, banner_block, classification_marking, find_banner, find_caveats
from cablegraph.loader.header import TransmissionHeader, full_year, parse_header
from cablegraph.loader.origin import resolve_origin, station_of
from cablegraph.loader.paragraphs import clean_body, split_paragraphs, strip_signature
from cablegraph.loader.fieldtext import prepare
from cablegraph.record import CableRecord, Source

PARTIAL_NOTICE = re.compile(r"partial extract of the original cable", re.IGNORECASE)
# Where the header fields end and the paragraphs begin: the blank line after
# the Classified By statement, else after SUBJECT (and a REF block under it).
CLASSIFIED_BY = re.compile(r"(?im)^[ \t]*CLASSIFIED[ \t]+BY\b")
SUBJECT = re.compile(r"(?m)^[ \t]*SUBJ(?:ECT)?\b")
# Blocks that may follow the anchor's block, each after a blank line.
TRAILING_BLOCKS = {
    "SUBJECT": re.compile(r"\A\s*(?:REFS?|REFTELS?)\b"),
    "CLASSIFIED BY": re.compile(r"\A\s*(?:REASONS?|DERIVED FROM|DECL)\b", re.IGNORECASE),
}
BLANK_LINE = re.compile(r"\n[ \t]*\n")
HEADER_END = re.compile(r"(?im)^[ \t]*(?:E\.?[ \t]?O\.?|TAGS|SUBJECT|SIPDIS)\b")
HEADER_SEARCH_LIMIT = 3000
MONTH_NAMES = ("JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER").split()
MONTH_NUMBERS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTH_AND_DAY = re.compile(r"\b(" + "|".join(MONTH_NAMES) + r")[ \t]+[0-3]?\d\b", re.IGNORECASE)
YEAR = re.compile(r"\b(19[6-9]\d|200\d|2010)\b")
# Classification terms (years from writing to declassification) and how
# unusual each is; a date a few months off a term costs a quarter a month.
DECLASSIFICATION_TERMS = {10: 0.0, 9: 1.0, 11: 1.0, 25: 1.0, 20: 2.0, 5: 2.5, 15: 3.0, 30: 3.0}
# The banner is looked for here, not deep in a body that quotes another cable.
BANNER_SEARCH_LIMIT = 20_000


def parse_text(text: str, year: int | None = None) -> CableRecord:
    """Parse a cable, or any fragment of one, into a record.

    ``year`` is the fallback for a text that carries no date-time group of its
    own; it also dates REF items written without a year.
    """
    raw = text
    text = prepare(raw)  # shared with the field parsers, which get ``raw`` and hit its cache
    banner = find_banner(text[:BANNER_SEARCH_LIMIT])
    header_text = text[: banner.start] if banner else _header_part(text)
    header = parse_header(header_text)
    body = text[banner.end:] if banner else text[len(header_text):]

    record = CableRecord()
    record.is_partial = bool(PARTIAL_NOTICE.search(text[:2000]))
    record.transmission_id = header.transmission_id
    record.datetime = header.datetime
    record.precedence = header.precedence
    record.recipients = header.recipients
    record.info_recipients = header.info_recipients
    banner_caveats = find_caveats(banner_block(text, banner)) if banner else []
    record.caveats = list(dict.fromkeys(find_caveats(header_text) + banner_caveats))
    record.classification = classification_marking(banner.level if banner else None, banner_caveats)
    record.declassify_on = fields.parse_declassify_on(raw)

    cable_year = header.year or year
    station, serial = _station_and_serial(banner, header, record.warnings)
    if cable_year is None and station and serial:
        cable_year = _year_from_known_ids(station, serial, record.declassify_on, text)
        if cable_year is not None:
            record.warnings.append("no date-time group: year taken from the Cablegate ID list")
    if station and serial and cable_year:
        record.reference_id = ids.make_reference_id(cable_year, station, serial)
    record.origin = resolve_origin(station, header.origin, header.origin_routing_indicator,
                                   banner.station if banner else None)

    record.tags = fields.parse_tags(raw)
    record.subject = fields.parse_subject(raw)
    record.references = fields.parse_references(raw, cable_year, record.reference_id)
    record.classified_by = fields.parse_classified_by(raw)
    record.signers = fields.parse_signers(raw)
    record.summary = fields.parse_summary(raw)
    record.paragraphs = split_paragraphs(clean_body(_paragraph_part(body), banner))
    strip_signature(record.paragraphs, record.signers)
    return record


def parse_cable(cable_text) -> CableRecord:
    """Parse a :class:`~cablegraph.loader.sources.CableText`, keeping where it came from.

    An ID the input names besides the text (file name, CSV column, page
    title) is kept in ``source.given_id``; when it disagrees with the ID
    derived from the text, the record says so in ``warnings``. The given ID's
    year dates a text that carries no year of its own.
    """
    source: Source = cable_text.source
    given_year = _year_of(source.given_id)
    record = parse_text(cable_text.text, year=given_year)
    record.source = source
    if source.given_id and record.reference_id and ids.canonical_id(source.given_id) != record.reference_id:
        record.warnings.append(
            f"reference ID {record.reference_id} derived from the text differs from the given {source.given_id}")
    return record


def _year_of(cable_id: str | None) -> int | None:
    if cable_id and len(cable_id) > 2 and cable_id[:2].isdigit():
        return full_year(cable_id[:2])
    return None


def _station_and_serial(banner: Banner | None, header: TransmissionHeader, warnings: list[str]):
    """The cable's station and serial, from its classification banner.

    The header's DE line repeats the serial (its last four digits). When the
    two disagree the page joined one cable's header to another's body, and
    the header (FM station, DE serial) names the cable, as WikiLeaks did.
    """
    banner_station = ids.canonical_station(banner.station) if banner else None
    if banner and (header.de_serial is None or int(banner.serial) % 10_000 == int(header.de_serial)):
        return banner_station, banner.serial
    if header.origin and header.de_serial:
        station, serial = station_of(header.origin), header.de_serial
        if banner:
            warnings.append(f"the header names {station} {int(serial)}, "
                            f"the banner {banner_station} {int(banner.serial)}")
        return station, serial
    return (station_of(header.origin) if header.origin else None), None


def _year_from_known_ids(station: str, serial: str, declassify_on: str | None, text: str) -> int | None:
    """The year of a cable that carries no date-time group (partial extracts).

    Looks the station and serial up in the list of all Cablegate IDs. When
    several years have such a cable, the declassification date decides:
    cables were mostly classified for 10 years, less often for 25, 5 or 20,
    from the month they were written.
    """
    months = refdata.cable_months()
    serial_number = int(serial)
    candidates = {y: months[key] for y in range(1966, 2011)
                  if (key := f"{y % 100:02d}{station}{serial_number}") in months}
    if len(candidates) == 1:
        return next(iter(candidates))
    if not declassify_on:
        return _year_by_months_mentioned(candidates, text)
    declassify_year, declassify_month = int(declassify_on[:4]), int(declassify_on[5:7])
    if not candidates:
        return declassify_year - 10

    def cost(year: int) -> float:
        months = declassify_year * 12 + declassify_month - (year * 12 + int(candidates[year]))
        return min(rarity + abs(months - 12 * term) / 4 for term, rarity in DECLASSIFICATION_TERMS.items())

    best = min(candidates, key=cost)
    return best if cost(best) < 6 else None


def _year_by_months_mentioned(candidates: dict[int, str], text: str) -> int | None:
    """The candidate written in the month the text names most (``ON APRIL 23``),
    then in the year it names most: cables mostly report on recent days."""
    months = Counter(MONTH_NUMBERS[m[1].upper()] for m in MONTH_AND_DAY.finditer(text))
    years = Counter(int(y) for y in YEAR.findall(text))
    ranked = sorted(((months[int(month)], years[year], year) for year, month in candidates.items()), reverse=True)
    if len(ranked) >= 2 and ranked[0][:2] > ranked[1][:2] and ranked[0][:2] > (0, 0):
        return ranked[0][2]
    return None


def _header_part(text: str) -> str:
    """Without a banner, the header runs to the first blank line after the FM/TO block."""
    match = HEADER_END.search(text)
    return text[: match.start()] if match else text[:HEADER_SEARCH_LIMIT]


def _header_fields_end(body: str) -> int:
    anchor = CLASSIFIED_BY.search(body) or SUBJECT.search(body)
    if not anchor:
        return 0
    blank = BLANK_LINE.search(body, anchor.end())
    if not blank:
        return 0
    end = blank.end()
    trailing = TRAILING_BLOCKS["SUBJECT" if anchor.re is SUBJECT else "CLASSIFIED BY"]
    if trailing.match(body[end:]) and (blank := BLANK_LINE.search(body, end)):
        end = blank.end()
    return end


def _paragraph_part(body: str) -> str:
    return body[_header_fields_end(body):]
