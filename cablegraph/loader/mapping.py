"""Map a parsed cable (:class:`~cablegraph.record.CableRecord`) to RDF quads.

A pure function: record in, quads out, every quad in the cable's own named
graph (the cable IRI), so that reloading a cable replaces exactly its facts.
Every field of the record becomes triples; nodes that outlive one cable
(missions, states, persons, TAGS) are shared IRIs described once in the
reference graph (:mod:`cablegraph.loader.reference_graph`).

Terms are built directly as pyoxigraph terms: this runs once per cable,
251,287 times for the whole dump, and every quad costs load time (about
10 us each in the store). So the parts of a cable (paragraphs, addressings,
references, attributions, its source) are not typed: their class follows
from the property that links them (its ``rdfs:range``), and their position is
in their IRI (``#paragraph-3``, ``#info-2``) rather than in a triple.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from cablegraph import refdata
from cablegraph.loader.quads import GraphQuads
from cablegraph.loader.reference_graph import CLASSIFICATIONS
from cablegraph.loader.resolve import resolve_chief_of_mission, state_of_tag
from cablegraph.namespaces import (
    CG,
    DCTERMS,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    cable_iri,
    cable_part_iri,
    classification_iri,
    membership_iri,
    mission_iri,
    mission_key,
    person_iri,
    state_iri,
    tag_iri,
)
from cablegraph.record import CableRecord, Recipient

KNOWN_MARKINGS = frozenset(marking for marking, _ in CLASSIFICATIONS)
TRUE = Literal("true", datatype=XSD.boolean)
FALSE = Literal("false", datatype=XSD.boolean)

# site metadata keys -> property; any other key is kept as "key: value" text
SITE_METADATA = {
    "created": CG.siteCreated,
    "released": CG.siteReleased,
    "classification": CG.siteClassification,
    "origin": CG.siteOrigin,
}


class MappingError(ValueError):
    """The record cannot become a graph (it has no reference ID)."""


def _boolean(value: bool) -> Literal:
    return TRUE if value else FALSE


@lru_cache(maxsize=4096)
def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_MINUTES = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})$")


def _datetime(value: str) -> Literal:
    """xsd:dateTime or xsd:date when the value is one; otherwise the text as
    given (kept, and left for validation to report)."""
    if _ISO_DATETIME.match(value):
        return Literal(value, datatype=XSD.dateTime)
    if _ISO_DATE.match(value):
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def _timestamp(value: Any) -> Literal:
    """A site's "2006-05-11 16:54" as xsd:dateTime (seconds added)."""
    text = str(value)
    return _datetime(_MINUTES.sub(r"\1T\2:00", text))


class _CableGraph(GraphQuads):
    """The quads of one cable, in its named graph (the cable's IRI)."""

    def __init__(self, reference_id: str):
        super().__init__(cable_iri(reference_id))
        self.reference_id = reference_id
        self.cable = self.graph

    def part(self, name: str) -> NamedNode:
        return cable_part_iri(self.reference_id, name)


def map_cable(record: CableRecord) -> list[Quad]:
    """All quads of one cable, in its named graph (the cable IRI)."""
    if not record.reference_id:
        raise MappingError("the cable has no reference ID")
    g = _CableGraph(record.reference_id)
    cable = g.cable
    g.add(cable, RDF.type, CG.Cable)
    g.text(cable, DCTERMS.identifier, record.reference_id)
    date = record.datetime
    origin_key = _map_origin(g, record)
    if date:
        g.add(cable, DCTERMS.created, _datetime(date))
    g.text(cable, CG.precedence, record.precedence)
    g.text(cable, CG.transmissionId, record.transmission_id)
    g.add(cable, CG.isPartial, _boolean(record.is_partial))
    _map_classification(g, record)
    for position, recipient in enumerate(record.recipients, 1):
        _map_recipient(g, recipient, position, "recipient", CG.actionAddressing)
    for position, recipient in enumerate(record.info_recipients, 1):
        _map_recipient(g, recipient, position, "info", CG.infoAddressing)
    if record.declassify_on:
        g.add(cable, CG.declassifyOn, _datetime(record.declassify_on))
    _map_tags(g, record.tags)
    g.text(cable, DCTERMS.title, record.subject)
    _map_references(g, record)
    _map_attributions(g, record, origin_key, date)
    g.text(cable, DCTERMS.abstract, record.summary)
    _map_paragraphs(g, record)
    _map_source(g, record)
    for warning in record.warnings:
        g.text(cable, CG.parserWarning, warning)
    return list(dict.fromkeys(g.quads))  # a mission named twice is typed once


def _map_origin(g: _CableGraph, record: CableRecord) -> str | None:
    origin = record.origin
    name = origin.station or origin.name
    if not name:
        return None
    key = mission_key(name)
    mission = mission_iri(key)
    g.add(g.cable, CG.origin, mission)
    g.add(mission, RDF.type, CG.Mission)
    g.text(mission, RDFS.label, origin.name)
    g.text(mission, CG.station, origin.station)
    g.text(mission, CG.routingIndicator, origin.routing_indicator)
    return key


def _map_classification(g: _CableGraph, record: CableRecord) -> None:
    if record.classification:
        marking = classification_iri(record.classification)
        g.add(g.cable, CG.classification, marking)
        if record.classification not in KNOWN_MARKINGS:  # declared here, as the reference graph lacks it
            g.add(marking, RDF.type, CG.Classification)
            g.text(marking, SKOS.notation, record.classification)
    for caveat in record.caveats:
        g.text(g.cable, CG.caveat, caveat)


def _map_recipient(g: _CableGraph, recipient: Recipient, position: int, part: str, link: NamedNode) -> None:
    entry = g.part(f"{part}-{position}")
    g.add(g.cable, link, entry)
    g.text(entry, RDFS.label, recipient.name)
    g.text(entry, CG.routingIndicator, recipient.routing_indicator)
    g.text(entry, CG.precedence, recipient.precedence)
    name = recipient.name or recipient.routing_indicator
    if name:
        g.add(entry, CG.recipient, mission_iri(mission_key(name)))


def _map_tags(g: _CableGraph, tags: list[str]) -> None:
    known = refdata.tags()
    for code in tags:
        tag = tag_iri(code)
        g.add(g.cable, DCTERMS.subject, tag)
        if code not in known:  # declared here, since the reference graph lacks it
            g.add(tag, RDF.type, CG.Tag)
            g.text(tag, SKOS.notation, code)
        state = state_of_tag(code)
        if state:
            g.add(g.cable, DCTERMS.spatial, state_iri(state))


def _map_references(g: _CableGraph, record: CableRecord) -> None:
    in_dump = refdata.cable_months()
    for position, reference in enumerate(record.references, 1):
        entry = g.part(f"reference-{position}")
        g.add(g.cable, CG.hasReference, entry)
        g.text(entry, CG.referenceLabel, reference.label)
        g.text(entry, CG.referenceText, reference.text)
        if reference.id:
            cited = cable_iri(reference.id)
            g.add(entry, CG.citedCable, cited)
            g.add(g.cable, DCTERMS.references, cited)
            g.text(cited, DCTERMS.identifier, reference.id)
            g.add(cited, CG.inCablegateDump, _boolean(reference.id in in_dump))


def _map_attributions(g: _CableGraph, record: CableRecord, station: str | None, date: str | None) -> None:
    classified_by = record.classified_by
    if classified_by and (classified_by.name or classified_by.title or classified_by.reasons):
        entry = g.part("classified-by")
        g.add(g.cable, PROV.qualifiedAttribution, entry)
        g.add(entry, PROV.hadRole, CG.ClassifierRole)
        g.text(entry, SCHEMA.name, classified_by.name)
        g.text(entry, SCHEMA.jobTitle, classified_by.title)
        g.text(entry, CG.classificationReason, classified_by.reasons)
        term = resolve_chief_of_mission(classified_by.name, station, date)
        if term:
            person = person_iri(term.person_id)
            g.add(entry, PROV.agent, person)
            g.add(entry, CG.inCapacityOf, membership_iri(term.chief_id))
            g.add(g.cable, CG.classifiedBy, person)
    for position, signer in enumerate(record.signers, 1):
        entry = g.part(f"signer-{position}")
        g.add(g.cable, PROV.qualifiedAttribution, entry)
        g.add(entry, PROV.hadRole, CG.SignerRole)
        g.text(entry, SCHEMA.name, signer)
        term = resolve_chief_of_mission(signer, station, date)
        if term:
            person = person_iri(term.person_id)
            g.add(entry, PROV.agent, person)
            g.add(entry, CG.inCapacityOf, membership_iri(term.chief_id))
            g.add(g.cable, CG.signedBy, person)


def _map_paragraphs(g: _CableGraph, record: CableRecord) -> None:
    for position, paragraph in enumerate(record.paragraphs, 1):
        entry = g.part(f"paragraph-{position}")
        g.add(g.cable, DCTERMS.hasPart, entry)
        if paragraph.number is not None:
            g.add(entry, CG.paragraphNumber, _integer(paragraph.number))
        g.text(entry, CG.marking, paragraph.marking)
        g.text(entry, CG.text, paragraph.text)


def _map_source(g: _CableGraph, record: CableRecord) -> None:
    source = record.source
    entry = g.part("source")
    g.add(g.cable, PROV.wasDerivedFrom, entry)
    g.text(entry, CG.sourcePath, source.path)
    g.text(entry, CG.sourceFormat, source.format)
    g.text(entry, CG.givenId, source.given_id)
    if source.line is not None:
        g.add(entry, CG.sourceLine, _integer(source.line))
    for key, value in sorted((source.site_metadata or {}).items()):
        if value is None or value == "" or value == []:
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if key in SITE_METADATA:
                literal = _timestamp(item) if key in ("created", "released") else Literal(str(item))
                g.add(entry, SITE_METADATA[key], literal)
            else:
                g.add(entry, CG.siteMetadata, Literal(f"{key}: {item}"))

