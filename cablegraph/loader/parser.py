"""Cable text -> :class:`CableRecord`. Pure: no I/O beyond the shipped reference tables.

The text is read in three parts: the transmission header (everything before
the classification banner), the banner itself, and the body (header fields
such as TAGS and SUBJECT, then numbered paragraphs).

The cable's date (``datetime``, with ``datetime_source`` saying where it came
from) is the header's date-time group, to the minute. A text without one (a
partial extract, a scraped or exported copy) is dated, in this order, by a
copy of its header in the body, a pasted database record naming it, or the
site's ``Cable dated`` line; failing those, by its ``E.O. 12958: DECL:``
date minus ten years (the order's default term from the classification
decision), a date without a time, kept only when ten years before falls in
the year of the cable's reference ID (see :func:`_date_from_declassification`).
Every date not read from the header's date-time group is named in a warning.
The reference-ID year of such a text may come from the list of Cablegate IDs;
the list never gives a date.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime

from cablegraph import refdata
from cablegraph.loader import fields, ids
from cablegraph.loader.banner import (BANNER, Banner, banner_block, banner_from_match, classification_marking,
                                      find_banner, find_caveats)
from cablegraph.loader.header import (LOOSE_DATE_TIME_GROUP, TransmissionHeader, full_year, parse_date_time_group,
                                      parse_header)
from cablegraph.loader.origin import resolve_origin, station_of
from cablegraph.loader.paragraphs import clean_body, split_paragraphs, strip_signature
from cablegraph.resolve import resolve_chief_of_mission
from cablegraph.loader.fieldtext import prepare
from cablegraph.record import (DATETIME_FROM_CABLE_DATED, DATETIME_FROM_DECLASSIFICATION, DATETIME_FROM_DTG,
                               DATETIME_FROM_HEADER_COPY, DATETIME_FROM_PASTED_RECORD, CableRecord, Source)

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
# Months at the start of a year in which REF items may omit the year of a
# cable of the year before.
YEAR_END_CITATION_MONTHS = 2
# The years of Cablegate's cables: a date inferred outside them is not one.
FIRST_YEAR, LAST_YEAR = 1966, 2010
# A date-time group with the FM line under it, in a body that holds a copy of
# the cable's own transmission header (partial extracts of older cables:
# ``P 121721Z MAY 03 \nFM AMEMBASSY ROME``).
DTG_AND_FROM = re.compile(
    LOOSE_DATE_TIME_GROUP.pattern
    + r"[ \t]*\n?[ \t]*FM[ \t]+(?:[A-Z]{4,8}/)?(?P<fm>[A-Z][A-Z .'&-]*?)[ \t]*(?:\n|[ \t]TO\b)")
# A Cablegate database record pasted into the text names a cable and the time
# WikiLeaks gave it: ``date: 4/29/2004 15:25`` over ``refid: 04BOGOTA4332``,
# or a cables.csv row ``19205,7/29/2004 5:59,04THEHAGUE1903,...``.
_STAMP = r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d)[ \t]+(?P<H>\d{1,2}):(?P<M>\d\d)"
# Two more layouts of the same records: a tab-separated row
# ``2005-11-14 10:58:00<TAB>05MANAMA1672<TAB>Embassy Manama``, and one field a
# paragraph, ``16331`` / ``2004-04-26`` / ``04THEHAGUE1049`` (a day, no time).
_ISO_STAMP = r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)"
PASTED_RECORDS = (
    re.compile(r"(?m)^date:[ \t]*" + _STAMP + r"[ \t]*\n[ \t]*refid:[ \t]*(?P<id>\d\d[A-Z][A-Z0-9]*?\d+)\b"),
    re.compile(r"(?m)^\"?\d{1,6}\"?,\"?" + _STAMP + r"\"?,\"?(?P<id>\d\d[A-Z][A-Z0-9]*?\d+)\b"),
    re.compile(r"(?m)^\"?" + _ISO_STAMP + r"[ \t](?P<H>\d\d):(?P<M>\d\d)(?::\d\d)?\t(?P<id>\d\d[A-Z][A-Z0-9]*?\d+)\t"),
    re.compile(r"(?m)^\d{1,6}[ \t]*\n[ \t]*\n?[ \t]*" + _ISO_STAMP
               + r"[ \t]*\n[ \t]*\n?[ \t]*(?P<id>\d\d[A-Z][A-Z0-9]*?\d+)[ \t]*$"),
)
# Paragraph markings, ``1. (S)``, ``2. (C/NF)``: the highest is the cable's
# level, for a text that lost its banner and header.
PORTION_MARKING = re.compile(r"(?m)^[ \t]*\d{1,2}\.[ \t]*\((TS|S|C|SBU|U)(?:/[A-Z]+)?\)")
PORTION_LEVELS = {"U": (0, "UNCLASSIFIED"), "SBU": (1, "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
                  "C": (2, "CONFIDENTIAL"), "S": (3, "SECRET"), "TS": (4, "TOP SECRET")}
# The site's own line before the banner: ``Cable dated:2009-11-23T14:44:00``.
CABLE_DATED = re.compile(r"Cable dated:[ \t]*(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)T(?P<H>\d\d):(?P<M>\d\d)")


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
    own_banner = banner
    if banner and header.de_serial and not _same_serial(banner.serial, header.de_serial):
        # a pasted record of another cable before this one's banner, or a page
        # that joined two cables: this cable's banner is the one with its serial;
        # failing that, a banner of the header's own station is its own (the DE
        # serial of Department cables is a channel count, not the cable's serial)
        own_banner = _banner_with_serial(text, banner.end, header.de_serial)
        if own_banner is None and _same_station(banner, header):
            own_banner = banner
        banner = own_banner or banner
    body = text[banner.end:] if banner else text[len(header_text):]

    record = CableRecord()
    record.is_partial = bool(PARTIAL_NOTICE.search(text[:2000]))
    record.transmission_id = header.transmission_id
    record.datetime = header.datetime
    record.datetime_source = DATETIME_FROM_DTG if header.datetime else None
    record.precedence = header.precedence
    record.recipients = header.recipients
    record.info_recipients = header.info_recipients
    banner_caveats = find_caveats(banner_block(text, banner), banner.lower_case) if banner else []
    record.caveats = list(dict.fromkeys(find_caveats(header_text) + banner_caveats))
    if own_banner or not header.security_level:
        record.classification = classification_marking(banner.level if banner else header.security_level,
                                                       banner_caveats)
    else:  # the banner is another cable's: the header's security line (ZNY CCCCC) tells this one's
        record.classification = classification_marking(header.security_level, [])
    if record.classification is None and not banner:
        marks = PORTION_MARKING.findall(text, 0, BANNER_SEARCH_LIMIT)
        if marks:
            record.classification = max(PORTION_LEVELS[m] for m in marks)[1]
            record.warnings.append("no classification banner: level of the highest paragraph marking")
    record.declassify_on = fields.parse_declassify_on(raw)

    station, serial = _station_and_serial(banner, header, record.warnings)
    cable_year = header.year
    if header.datetime is None and station and serial:
        dated = _dated_in_text(text, header_text, station, serial)
        if dated:
            record.datetime, cable_year, record.datetime_source = dated
            record.warnings.append(f"no date-time group in the header: date from a {record.datetime_source}"
                                   if record.datetime_source == DATETIME_FROM_PASTED_RECORD else
                                   f"no date-time group in the header: date from the {record.datetime_source}")
    cable_year = cable_year or year
    record.signers = fields.parse_signers(raw)
    if cable_year is None and station and serial:
        cable_year = _year_from_known_ids(station, serial, record.declassify_on, record.signers, text, raw)
        if cable_year is not None:
            record.warnings.append("no date-time group: year taken from the Cablegate ID list")
    if station and serial and cable_year:
        record.reference_id = ids.make_reference_id(cable_year, station, serial)
    if record.datetime is None and record.declassify_on:
        record.datetime, warning = _date_from_declassification(record.declassify_on, cable_year)
        record.datetime_source = DATETIME_FROM_DECLASSIFICATION if record.datetime else None
        record.warnings.append(warning)
    record.origin = resolve_origin(station, header.origin, header.origin_routing_indicator,
                                   banner.station if banner else None)

    record.tags = fields.parse_tags(raw)
    record.subject = fields.parse_subject(raw)
    record.references = fields.parse_references(raw, cable_year, record.reference_id)
    record.classified_by = fields.parse_classified_by(raw)
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
    if banner and (header.de_serial is None or _same_serial(banner.serial, header.de_serial)):
        return banner_station, banner.serial
    if header.origin and header.de_serial:
        station, serial = station_of(header.origin), header.de_serial
        if banner:
            warnings.append(f"the header names {station} {int(serial)}, "
                            f"the banner {banner_station} {int(banner.serial)}")
        return station, serial
    return (station_of(header.origin) if header.origin else None), None


def _same_serial(banner_serial: str, de_serial: str) -> bool:
    """The DE line repeats the last four digits of the banner's serial."""
    return int(banner_serial) % 10_000 == int(de_serial)


def _same_station(banner: Banner, header: TransmissionHeader) -> bool:
    return bool(header.origin) and ids.canonical_station(banner.station) == station_of(header.origin)


def _banner_with_serial(text: str, start: int, de_serial: str) -> Banner | None:
    """The first banner after ``start`` whose serial is the DE line's.

    The banner pattern is tried only on the two lines up to each number that
    ends in the DE serial's digits: run over a whole text it took 8 ms."""
    numbers = re.compile(rf"(?<!\d)\d*{int(de_serial) % 10_000}(?!\d)")
    for number in numbers.finditer(text, start, BANNER_SEARCH_LIMIT):
        line_start = text.rfind("\n", start, number.start())
        window_start = max(start, text.rfind("\n", start, line_start) if line_start > start else start)
        line_end = text.find("\n", number.end())
        for match in BANNER.finditer(text, window_start, line_end if line_end >= 0 else len(text)):
            if match.end("serial") == number.end() and _same_serial(match["serial"], de_serial):
                return banner_from_match(match)
    return None


def _dated_in_text(text: str, header_text: str, station: str, serial: str) -> tuple[str, int, str] | None:
    """(ISO date-time or date, year, ``datetime_source``) for a text whose header has no date-time group.

    A copy of the cable's own header further down (its date-time group over
    the FM line of the same station), a pasted database record naming this
    cable (its date is WikiLeaks' ``created``, not the date-time group; one
    layout gives the day only), or the site's ``Cable dated:`` line before
    the banner.
    """
    months = refdata.cable_months()
    serial_number = int(serial)

    def known(year: int) -> bool:  # the dump has this cable in that year, or in no year at all
        return (f"{year % 100:02d}{station}{serial_number}" in months
                or not any(f"{y % 100:02d}{station}{serial_number}" in months for y in range(1966, 2011)))

    for match in DTG_AND_FROM.finditer(text):
        if station_of(match["fm"]) == station and (parsed := parse_date_time_group(match)) and known(parsed[1]):
            return parsed[0], parsed[1], DATETIME_FROM_HEADER_COPY
    own = f"{station}{serial_number}"
    for pattern in PASTED_RECORDS:
        for match in pattern.finditer(text):
            cable_id = ids.canonical_id(match["id"])
            if (cable_id and cable_id[2:] == own and (stamp := _stamp(match))
                    and cable_id[:2] == stamp[2:4] and known(int(stamp[:4]))):
                return stamp, int(stamp[:4]), DATETIME_FROM_PASTED_RECORD
    if (match := CABLE_DATED.search(header_text)) and (stamp := _stamp(match)) and known(int(stamp[:4])):
        return stamp, int(stamp[:4]), DATETIME_FROM_CABLE_DATED
    return None


def _date_from_declassification(declassify_on: str, cable_year: int | None) -> tuple[str | None, str]:
    """(the cable's date, or None; a warning saying why) from its ``DECL:`` date.

    E.O. 12958 (amended by E.O. 13292, 2003) has information marked for
    declassification ten years from the date of the original classification
    decision, unless the classifier sets an earlier date or event, or a later
    date up to 25 years. A ten-year date therefore gives the day the cable
    was classified, usually the day it was sent (sometimes a few days
    before). Only a ten-year date is used, and one is told apart from the
    other terms only by the cable's year: the date is inferred when ten years
    before it falls in the year of the cable's reference ID (or, for a cable
    whose ID has no year, in the years of Cablegate, 1966-2010). A date five,
    twenty or 25 years on, before the cable's year or otherwise off is not
    used; non-dates (OADR, X1-X8, 25X1, 1.6X6, N/A) never reach here.
    """
    try:
        declassify = date.fromisoformat(declassify_on)
    except ValueError:  # "DECL: 02/30/2015"
        return None, (f"no date-time group, and the declassification date {declassify_on} is no calendar "
                      f"date: no date inferred from it")
    year = declassify.year - 10
    if cable_year is not None and year != cable_year:
        return None, (f"no date-time group, and the declassification date {declassify_on} is not ten years "
                      f"after the cable's year {cable_year}: no date inferred from it")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None, (f"no date-time group, and the declassification date {declassify_on} minus ten years "
                      f"falls outside {FIRST_YEAR}-{LAST_YEAR}: no date inferred from it")
    try:
        day = declassify.replace(year=year)
    except ValueError:  # 29 February of a leap year, ten years on
        day = declassify.replace(year=year, day=28)
    return day.isoformat(), (f"no date-time group: date {day.isoformat()} is the declassification date "
                             f"{declassify_on} minus ten years (E.O. 12958's default term), the day the "
                             f"cable was classified; a date, not a time of transmission")


def _stamp(match: re.Match) -> str | None:
    """ISO 8601 of a matched stamp: to the minute, or the day alone when the stamp has no time."""
    parts = match.groupdict()
    try:
        if parts.get("H") is None:
            return datetime(int(parts["y"]), int(parts["m"]), int(parts["d"])).strftime("%Y-%m-%d")
        moment = datetime(int(parts["y"]), int(parts["m"]), int(parts["d"]), int(parts["H"]), int(parts["M"]))
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _year_from_known_ids(station: str, serial: str, declassify_on: str | None, signers: list[str], text: str,
                         raw: str) -> int | None:
    """The year of a cable that carries no date-time group (partial extracts).

    Looks the station and serial up in the list of all Cablegate IDs. When
    several years have such a cable, what the text says decides: a cable is
    no older than the cables its REF block cites with their year
    (``09 CAIRO 477``), nor than those it cites without one (``STATE 184642``,
    dated by the serials and months of the ID list, see
    :func:`_cites_later_cable`), and older than its declassification date; it was
    mostly classified for 10 years, less often for 20, 25 or 5, from the
    month it was written; it names years up to its own more often than later
    ones; and it mostly reports on the months it names. Where those dates
    do not decide, a cable signed by the post's chief of mission was written
    in that chief's term (``SCOBEY``: Cairo 2008-2011, so 10CAIRO224, not
    06CAIRO224; US chiefs of mission from the Office of the Historian): a
    candidate is kept when a signer was the chief in its month, all of them
    when no signer was (a chargé who signed in a short absence is not in the
    table, so a signer who was not the chief does not rule a year out).
    """
    months = refdata.cable_months()
    serial_number = int(serial)
    candidates = {y: int(months[key]) for y in range(1966, 2011)
                  if (key := f"{y % 100:02d}{station}{serial_number}") in months}
    if len(candidates) == 1:
        return next(iter(candidates))
    declassify = (int(declassify_on[:4]), int(declassify_on[5:7])) if declassify_on else None
    if not candidates:
        return declassify[0] - 10 if declassify else None
    references = fields.parse_references(raw, None)
    cited = [full_year(r.id[:2]) for r in references if r.id and r.id[:2].isdigit()]
    if cited:
        candidates = _narrowed(candidates, lambda y: y >= max(cited))
    yearless = [r.text for r in references if r.id is None and r.text]
    if yearless and len(candidates) > 1:
        candidates = _narrowed(candidates, lambda y: not _cites_later_cable(yearless, y, candidates[y]))
    if declassify:
        candidates = _narrowed(candidates, lambda y: (y, candidates[y]) <= declassify)
    if len(candidates) == 1:
        return next(iter(candidates))
    if declassify:
        def cost(year: int) -> float:
            held = declassify[0] * 12 + declassify[1] - (year * 12 + candidates[year])
            return min(rarity + abs(held - 12 * term) / 4 for term, rarity in DECLASSIFICATION_TERMS.items())

        costs = {year: cost(year) for year in candidates}
        best = min(costs.values())
        if best < 6:
            candidates = {year: month for year, month in candidates.items() if costs[year] == best}
            if len(candidates) == 1:
                return next(iter(candidates))
    if signers:  # a chargé who signs in the head's short absence is not in the table: a match only counts
        candidates = _narrowed(candidates, lambda y: any(
            resolve_chief_of_mission(signer, station, f"{y}-{candidates[y]:02d}-15") for signer in signers))
        if len(candidates) == 1:
            return next(iter(candidates))
    return _year_by_dates_mentioned(candidates, text)


def _cites_later_cable(items: list[str], year: int, month: int) -> bool:
    """A REF item without a year (``STATE 184642``), read as of ``year``, would
    cite a cable its station numbered after ``month``: a cable cites older ones,
    and cites those of earlier years with their year, except in the first
    months of a year, when last year's serials are often still written bare
    (``PARIS 8729`` in 05PARIS104, of January 2005)."""
    if month <= YEAR_END_CITATION_MONTHS:
        return False
    for item in items:
        for cited in fields.cited_ids(item, year):
            parts = ids.split_id(cited)
            if parts and (earliest := ids.earliest_month(year, parts[1], parts[2])) and earliest > month:
                return True
    return False


def _narrowed(candidates: dict[int, int], keep) -> dict[int, int]:
    """The candidates that pass ``keep``, or all of them if none does (a typo in the text)."""
    kept = {year: month for year, month in candidates.items() if keep(year)}
    return kept or candidates


def _year_by_dates_mentioned(candidates: dict[int, int], text: str) -> int | None:
    """The candidate written in the month the text names most (``ON APRIL 23``),
    or, when that ties, the one written in the month after the month it names
    most (a cable of early December reports on November); else the candidates
    not older than the latest year the text names (a cable names later years,
    as plans, less often than its own), the one of them whose year the text
    names most: cables mostly report on recent days."""
    months = Counter(MONTH_NUMBERS[m[1].upper()] for m in MONTH_AND_DAY.finditer(text))
    by_month = sorted(((months[month], months[month - 1 or 12], year) for year, month in candidates.items()),
                      reverse=True)
    if by_month[0][:2] > by_month[1][:2]:
        return by_month[0][2]
    years = Counter(int(y) for y in YEAR.findall(text))
    if years:
        latest = max(years)
        candidates = (_narrowed(candidates, lambda y: y >= latest) if any(y >= latest for y in candidates)
                      else {max(candidates): candidates[max(candidates)]})
        if len(candidates) == 1:
            return next(iter(candidates))
    ranked = sorted(((years[year], year) for year in candidates), reverse=True)
    if ranked[0][0] > ranked[1][0]:
        return ranked[0][1]
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
