"""A cable reduced to what the extractors read: passages with tokens, casing, date, station."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cablegraph.extract import gazetteer
from cablegraph.extract.text import Token, Words, is_all_caps, mask_boilerplate, normalise_apostrophes, tokens_and_lowers
from cablegraph.record import CableRecord, ClassifiedBy

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_REFERENCE_YEAR = re.compile(r"^(\d{2})[A-Z]")


@dataclass
class Passage:
    number: int | None  # the cable's paragraph number; None for unnumbered body text
    text: str  # original text, boilerplate lines blanked (offsets kept)
    norm: str  # same length, apostrophe commas normalised: what patterns read
    tokens: list[Token]
    classified_by: bool = False
    lowers: Words = field(default_factory=lambda: Words(()))  # each token's ``lower`` (and the set), for prefilters
    states: list | None = None  # its state references, once read (:func:`states.passage_states`)


@dataclass
class CableContext:
    cable_id: str | None
    passages: list[Passage]
    all_caps: bool
    station_state: str | None
    date: date | None
    classified_by: ClassifiedBy | None = None

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


def _passage(number: int | None, text: str, classified_by: bool = False) -> Passage:
    text = mask_boilerplate(text)
    norm = normalise_apostrophes(text)
    tokens, lowers = tokens_and_lowers(norm)
    return Passage(number, text, norm, tokens, classified_by, lowers)


def _cable_date(record: CableRecord) -> date | None:
    for value in (record.datetime, (record.source.site_metadata or {}).get("created")):
        match = _ISO_DATE.search(value or "")
        if match:
            year, month, day = map(int, match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                continue
    match = _REFERENCE_YEAR.match(record.reference_id or "")
    if match:
        short = int(match.group(1))
        return date(1900 + short if short > 50 else 2000 + short, 1, 1)
    return None


def _without_signature(text: str, signers: list[str]) -> str:
    """The last paragraph minus the signature the parser left at its end."""
    stripped = text.rstrip()
    for signer in signers:
        if signer and stripped.upper().endswith(signer.upper()):
            cut = len(stripped) - len(signer)
            return text[:cut] + " " * (len(text) - cut)
    return text


def build_context(record: CableRecord) -> CableContext:
    texts = [p.text for p in record.paragraphs]
    if texts and record.signers:
        texts[-1] = _without_signature(texts[-1], record.signers)
    passages = [_passage(p.number, text) for p, text in zip(record.paragraphs, texts) if text]
    for passage in passages:
        if re.match(r"\s*classified\s+by", passage.text, re.I):
            passage.classified_by = True
    station = record.origin.station if record.origin else None
    return CableContext(
        cable_id=record.reference_id,
        passages=passages,
        all_caps=is_all_caps([p.text for p in passages]),
        station_state=gazetteer.station_state(station),
        date=_cable_date(record),
        classified_by=record.classified_by,
    )
