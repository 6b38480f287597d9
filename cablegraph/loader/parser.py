"""Cable text -> :class:`CableRecord`. Pure: no I/O beyond the shipped reference tables.

The text is read in three parts: the transmission header (everything before
the classification banner), the banner itself, and the body (header fields
such as TAGS and SUBJECT, then numbered paragraphs).
"""
from __future__ import annotations

import re

from cablegraph import refdata
from cablegraph.loader import fields, ids
from cablegraph.loader.banner import classification_marking, find_banner, find_caveats
from cablegraph.loader.header import TransmissionHeader, full_year, parse_header
from cablegraph.loader.origin import resolve_origin
from cablegraph.loader.paragraphs import clean_body, split_paragraphs
from cablegraph.loader.text import normalise
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
DECLASSIFY_YEAR_OFFSETS = (10, 25, 5, 20, 15, 30)
# The banner is looked for here, not deep in a body that quotes another cable.
BANNER_SEARCH_LIMIT = 20_000


def parse_text(text: str, year: int | None = None) -> CableRecord:
    """Parse a cable, or any fragment of one, into a record.

    ``year`` is the fallback for a text that carries no date-time group of its
    own; it also dates REF items written without a year.
    """
    text = normalise(text)
    banner = find_banner(text[:BANNER_SEARCH_LIMIT])
    header_text = text[: banner.start] if banner else _header_part(text)
    header = parse_header(header_text)
    body = text[banner.end:] if banner else text[len(header_text):]
    preamble = _preamble(text, banner)

    record = CableRecord()
    record.is_partial = bool(PARTIAL_NOTICE.search(text[:2000]))
    record.transmission_id = header.transmission_id
    record.datetime = header.datetime
    record.precedence = header.precedence
    record.recipients = header.recipients
    record.info_recipients = header.info_recipients
    record.caveats = find_caveats(header_text + preamble)
    record.classification = classification_marking(banner.level if banner else None, record.caveats, preamble)
    record.declassify_on = fields.parse_declassify_on(preamble or body)

    cable_year = header.year or year
    station = ids.canonical_station(banner.station) if banner else None
    serial = banner.serial if banner else header.de_serial
    if cable_year is None and station and serial:
        cable_year = _year_from_known_ids(station, serial, record.declassify_on)
        if cable_year is not None:
            record.warnings.append("no date-time group: year taken from the Cablegate ID list")
    if station and serial and cable_year:
        record.reference_id = ids.make_reference_id(cable_year, station, serial)
    record.origin = resolve_origin(station, header.origin, header.origin_routing_indicator)

    record.tags = fields.parse_tags(text)
    record.subject = fields.parse_subject(text)
    record.references = fields.parse_references(text, cable_year, record.reference_id)
    record.classified_by = fields.parse_classified_by(text)
    record.signers = fields.parse_signers(text)
    record.summary = fields.parse_summary(text)
    record.paragraphs = split_paragraphs(clean_body(_paragraph_part(body)))
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


def _year_from_known_ids(station: str, serial: str, declassify_on: str | None) -> int | None:
    """The year of a cable that carries no date-time group (partial extracts).

    Looks the station and serial up in the list of all Cablegate IDs; when
    several years have such a cable, the one that fits the usual
    declassification terms (10, 25, ... years after writing) wins.
    """
    known = refdata.cable_months()
    serial_number = int(serial)
    years = [y for y in range(1966, 2011) if f"{y % 100:02d}{station}{serial_number}" in known]
    if len(years) == 1:
        return years[0]
    if declassify_on:
        declassify_year = int(declassify_on[:4])
        for offset in DECLASSIFY_YEAR_OFFSETS:
            if not years or declassify_year - offset in years:
                return declassify_year - offset
    return None


def _header_part(text: str) -> str:
    """Without a banner, the header runs to the first blank line after the FM/TO block."""
    match = re.search(r"(?m)^[ \t]*(?:E\.?[ \t]?O\.?|TAGS|SUBJECT)\b", text)
    return text[: match.start()] if match else ""


def _preamble(text: str, banner) -> str:
    """The banner and the header fields after it, up to the first paragraph."""
    start = banner.start if banner else 0
    body = text[start:]
    end = _header_fields_end(body)
    return body[:end]


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
