"""The parsed-cable record: what the parser produces and the mapping consumes.

Field names are part of the public contract (``cablegraph parse --format json``
prints ``CableRecord.as_dict()``), so change them only with a version bump.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Station:
    """Where a cable came from: the reference-ID station and its WikiLeaks label."""

    station: str | None = None  # e.g. "DUSHANBE", as it stands in reference IDs
    name: str | None = None  # e.g. "Embassy Dushanbe", WikiLeaks' origin label
    routing_indicator: str | None = None  # e.g. "RUEHDBU"


@dataclass
class Recipient:
    routing_indicator: str | None
    name: str
    precedence: str | None = None


@dataclass
class Reference:
    """A REF item: ``id`` is a canonical cable ID when the item cites a cable."""

    id: str | None
    label: str | None = None  # "A", "B", ... for lettered REF blocks
    text: str | None = None  # the item as written, kept for non-cable references


@dataclass
class ClassifiedBy:
    name: str | None
    title: str | None = None
    reasons: str | None = None


@dataclass
class Paragraph:
    number: int | None  # None for unnumbered text (headings, summary lead-in)
    marking: str | None  # "(C)" -> "C", "(S/NF)" -> "S/NF"
    text: str


@dataclass
class Source:
    path: str | None = None
    format: str | None = None
    given_id: str | None = None  # an ID the input named besides the text
    line: int | None = None  # first line of the cable in its file (CSV rows)
    site_metadata: dict[str, Any] | None = None  # created, released, ... (HTML, CSV)


# How ``CableRecord.datetime`` was obtained: the values of ``datetime_source``.
DATETIME_FROM_DTG = "date-time group"  # the header's: the time of transmission, to the minute
DATETIME_FROM_HEADER_COPY = "date-time group of a copy of the header in the body"  # partial extracts
DATETIME_FROM_PASTED_RECORD = "pasted database record"  # WikiLeaks' created time (or day) in a record naming the cable
DATETIME_FROM_CABLE_DATED = "site's Cable dated line"  # WikiLeaks' created time on the line before the banner
# E.O. 12958 (and 13292): "declassification 10 years from the date of the
# original decision" unless the classifier sets another date; the date is the
# day the cable was classified (drafted), a date only, on or a few days before
# its transmission.
DATETIME_FROM_DECLASSIFICATION = "declassification date minus ten years"
DATETIME_SOURCES = (DATETIME_FROM_DTG, DATETIME_FROM_HEADER_COPY, DATETIME_FROM_PASTED_RECORD,
                    DATETIME_FROM_CABLE_DATED, DATETIME_FROM_DECLASSIFICATION)


@dataclass
class CableRecord:
    reference_id: str | None = None
    origin: Station = field(default_factory=Station)
    # The cable's best known moment: ISO 8601 UTC to the minute
    # ("2006-05-11T16:47:00Z") when the text gives a time, or an ISO date only
    # ("2006-05-11") when it gives only the day (a date inferred from the
    # declassification date, a pasted record with no time); None when the text
    # holds no date evidence. ``datetime_source`` says where it came from.
    datetime: str | None = None
    datetime_source: str | None = None  # one of DATETIME_SOURCES, None when datetime is None
    precedence: str | None = None
    transmission_id: str | None = None
    is_partial: bool = False
    classification: str | None = None
    caveats: list[str] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    info_recipients: list[Recipient] = field(default_factory=list)
    declassify_on: str | None = None
    tags: list[str] = field(default_factory=list)
    subject: str | None = None
    references: list[Reference] = field(default_factory=list)
    classified_by: ClassifiedBy | None = None
    signers: list[str] = field(default_factory=list)
    summary: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    # Problems the parser noticed but could work around (e.g. the given ID
    # disagrees with the one derived from the text).
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CableRecord":
        """Inverse of :meth:`as_dict` (for records read back from JSON Lines)."""
        data = dict(data)
        data["origin"] = Station(**(data.get("origin") or {}))
        for key in ("recipients", "info_recipients"):
            data[key] = [Recipient(**r) for r in data.get(key) or []]
        data["references"] = [Reference(**r) for r in data.get("references") or []]
        if data.get("classified_by"):
            data["classified_by"] = ClassifiedBy(**data["classified_by"])
        data["paragraphs"] = [Paragraph(**p) for p in data.get("paragraphs") or []]
        data["source"] = Source(**(data.get("source") or {}))
        return cls(**data)
