"""Map a parsed cable (:class:`~cablegraph.record.CableRecord`) to RDF quads.

A pure function: record in, quads out, every quad in the cable's own named
graph (the cable IRI), so that reloading a cable replaces exactly its facts.
Every field of the record becomes triples; nodes that outlive one cable
(missions, states, persons, TAGS) are shared IRIs described once in the
reference graph (:mod:`cablegraph.loader.reference_graph`).

:func:`map_cable_nquads` writes the quads as N-Quads text straight from
N-Triples term strings (:class:`~cablegraph.loader.quads.GraphNQuads`): this
runs once per cable, 251,287 times for the whole dump, and building
pyoxigraph ``Quad`` objects and serialising them cost 0.6 ms a cable, as much
as half the parse. Shared terms (predicates, classes, missions, states, TAGS,
markings, persons) are formatted once per process. :func:`map_cable` gives the
same quads as pyoxigraph objects. Every quad costs load time (about 9 us each
in the store), so the parts of a cable (paragraphs, addressings, references,
attributions, its source) are not typed: their class follows from the
property that links them (its ``rdfs:range``), and their position is in their
IRI (``#paragraph-3``, ``#info-2``) rather than in a triple.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pyoxigraph
from pyoxigraph import Quad, RdfFormat

from cablegraph import refdata
from cablegraph.loader.quads import GraphNQuads, nt, plain, typed
from cablegraph.loader.reference_graph import CLASSIFICATIONS, POST_PREFIXES, addressee_kind, mission_keys
from cablegraph.resolve import resolve_chief_of_mission, state_of_tag
from cablegraph.namespaces import (
    CG,
    DCTERMS,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
    addressee_name,
    cable_iri,
    classification_iri,
    membership_iri,
    mission_iri,
    mission_key,
    person_iri,
    state_iri,
    tag_iri,
)
from cablegraph.record import (DATETIME_FROM_CABLE_DATED, DATETIME_FROM_DECLASSIFICATION, DATETIME_FROM_DTG,
                               DATETIME_FROM_HEADER_COPY, DATETIME_FROM_PASTED_RECORD, CableRecord, Recipient)

KNOWN_MARKINGS = frozenset(marking for marking, _ in CLASSIFICATIONS)
TRUE = typed("true", XSD.boolean)
FALSE = typed("false", XSD.boolean)

# site metadata keys -> property; any other key is kept as "key: value" text
SITE_METADATA = {
    "created": nt(CG.siteCreated),
    "released": nt(CG.siteReleased),
    "classification": nt(CG.siteClassification),
    "origin": nt(CG.siteOrigin),
}
SITE_METADATA_OTHER = nt(CG.siteMetadata)

# predicates and classes in N-Triples form
A = nt(RDF.type)
CABLE = nt(CG.Cable)
MISSION = nt(CG.Mission)
CLASSIFICATION = nt(CG.Classification)
TAG = nt(CG.Tag)
CLASSIFIER_ROLE = nt(CG.ClassifierRole)
SIGNER_ROLE = nt(CG.SignerRole)
IDENTIFIER = nt(DCTERMS.identifier)
CREATED = nt(DCTERMS.created)
DATE_EVIDENCE = nt(CG.dateEvidence)
# record.datetime_source -> the ontology's cg:DateEvidence individual
DATE_EVIDENCE_OF_SOURCE = {
    DATETIME_FROM_DTG: nt(CG.DateTimeGroupEvidence),
    DATETIME_FROM_HEADER_COPY: nt(CG.HeaderCopyEvidence),
    DATETIME_FROM_PASTED_RECORD: nt(CG.PastedRecordEvidence),
    DATETIME_FROM_CABLE_DATED: nt(CG.CableDatedLineEvidence),
    DATETIME_FROM_DECLASSIFICATION: nt(CG.DeclassificationEvidence),
}
TITLE = nt(DCTERMS.title)
ABSTRACT = nt(DCTERMS.abstract)
SUBJECT = nt(DCTERMS.subject)
SPATIAL = nt(DCTERMS.spatial)
REFERENCES = nt(DCTERMS.references)
HAS_PART = nt(DCTERMS.hasPart)
LABEL = nt(RDFS.label)
NOTATION = nt(SKOS.notation)
NAME = nt(SCHEMA.name)
JOB_TITLE = nt(SCHEMA.jobTitle)
QUALIFIED_ATTRIBUTION = nt(PROV.qualifiedAttribution)
HAD_ROLE = nt(PROV.hadRole)
AGENT = nt(PROV.agent)
WAS_DERIVED_FROM = nt(PROV.wasDerivedFrom)
ORIGIN = nt(CG.origin)
STATION = nt(CG.station)
ROUTING_INDICATOR = nt(CG.routingIndicator)
PRECEDENCE = nt(CG.precedence)
TRANSMISSION_ID = nt(CG.transmissionId)
IS_PARTIAL = nt(CG.isPartial)
CLASSIFICATION_OF = nt(CG.classification)
CAVEAT = nt(CG.caveat)
ACTION_ADDRESSING = nt(CG.actionAddressing)
INFO_ADDRESSING = nt(CG.infoAddressing)
RECIPIENT = nt(CG.recipient)
DECLASSIFY_ON = nt(CG.declassifyOn)
HAS_REFERENCE = nt(CG.hasReference)
REFERENCE_LABEL = nt(CG.referenceLabel)
REFERENCE_TEXT = nt(CG.referenceText)
CITED_CABLE = nt(CG.citedCable)
IN_CABLEGATE_DUMP = nt(CG.inCablegateDump)
CLASSIFICATION_REASON = nt(CG.classificationReason)
IN_CAPACITY_OF = nt(CG.inCapacityOf)
CLASSIFIED_BY = nt(CG.classifiedBy)
SIGNED_BY = nt(CG.signedBy)
PARAGRAPH_NUMBER = nt(CG.paragraphNumber)
MARKING = nt(CG.marking)
TEXT = nt(CG.text)
SOURCE_PATH = nt(CG.sourcePath)
SOURCE_FORMAT = nt(CG.sourceFormat)
GIVEN_ID = nt(CG.givenId)
SOURCE_LINE = nt(CG.sourceLine)
PARSER_WARNING = nt(CG.parserWarning)


class MappingError(ValueError):
    """The record cannot become a graph (it has no reference ID)."""


def _boolean(value: bool) -> str:
    return TRUE if value else FALSE


@lru_cache(maxsize=4096)
def _integer(value: int) -> str:
    return typed(str(value), XSD.integer)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_MINUTES = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})$")


def _datetime(value: str) -> str:
    """xsd:dateTime or xsd:date when the value is one; otherwise the text as
    given (kept, and left for validation to report)."""
    if _ISO_DATETIME.match(value):
        return typed(value, XSD.dateTime)
    if _ISO_DATE.match(value):
        return typed(value, XSD.date)
    return plain(value)


def _timestamp(value: Any) -> str:
    """A site's "2006-05-11 16:54" as xsd:dateTime (seconds added)."""
    text = str(value)
    return _datetime(_MINUTES.sub(r"\1T\2:00", text))


# shared nodes in N-Triples form, formatted once per process
@lru_cache(maxsize=65536)
def _mission(key: str) -> str:
    return nt(mission_iri(key))


@lru_cache(maxsize=65536)
def _addressee(name: str) -> tuple[str, tuple[str, str] | None]:
    """An addressee's mission node, and its class and name to declare it by in the
    cable's graph when no reference table lists it (a command, an agency, a
    collective: its name says which). None when a table lists it, and for a
    post's name (AMEMBASSY ...) that none lists: more likely misspelt than new,
    it stays untyped for validation to point out."""
    key = mission_key(name)
    words = name.upper().split()
    if key in mission_keys() or (words and words[0] in POST_PREFIXES):
        return _mission(key), None
    return _mission(key), (nt(addressee_kind(name)), addressee_name(name))


@lru_cache(maxsize=1024)
def _state(iso3: str) -> str:
    return nt(state_iri(iso3))


@lru_cache(maxsize=65536)
def _tag(code: str) -> tuple[str, str | None, bool]:
    """A TAG's node, the node of the state it denotes (or None), and whether
    the reference graph declares it."""
    state = state_of_tag(code)
    return nt(tag_iri(code)), (_state(state) if state else None), code in refdata.tags()


@lru_cache(maxsize=1024)
def _classification(marking: str) -> str:
    return nt(classification_iri(marking))


@lru_cache(maxsize=65536)
def _cited(reference_id: str) -> tuple[str, str, str]:
    """A cited cable's node, its identifier literal and its in-the-dump flag."""
    return nt(cable_iri(reference_id)), plain(reference_id), _boolean(reference_id in refdata.cable_months())


@lru_cache(maxsize=4096)
def _person(person_id: str) -> str:
    return nt(person_iri(person_id))


@lru_cache(maxsize=4096)
def _membership(chief_id: str) -> str:
    return nt(membership_iri(chief_id))


class CableNQuads(GraphNQuads):
    """The N-Quads lines of one cable, in its named graph (the cable's IRI);
    terms are N-Triples strings."""

    __slots__ = ("_part", "cable", "reference_id")

    def __init__(self, reference_id: str):
        iri = cable_iri(reference_id).value  # percent-encoded and checked once
        super().__init__(f"<{iri}>")
        self.reference_id = reference_id
        self.cable = self.graph
        self._part = f"<{iri}#"

    def part(self, name: str) -> str:
        return f"{self._part}{name}>"


def map_cable_nquads(record: CableRecord) -> tuple[bytes, int]:
    """All quads of one cable, in its named graph (the cable IRI), as an
    N-Quads document (UTF-8) and the number of quads (each quad once)."""
    return _map(record).nquads()


def map_cable(record: CableRecord) -> list[Quad]:
    """All quads of one cable as pyoxigraph quads (those of :func:`map_cable_nquads`)."""
    data, _ = map_cable_nquads(record)
    return list(pyoxigraph.parse(data, format=RdfFormat.N_QUADS))


def _map(record: CableRecord) -> CableNQuads:
    if not record.reference_id:
        raise MappingError("the cable has no reference ID")
    g = CableNQuads(record.reference_id)
    cable = g.cable
    g.add(cable, A, CABLE)
    g.text(cable, IDENTIFIER, record.reference_id)
    date = record.datetime
    origin_key = _map_origin(g, record)
    if date:
        g.add(cable, CREATED, _datetime(date))
        if record.datetime_source in DATE_EVIDENCE_OF_SOURCE:  # a record made by hand may not say
            g.add(cable, DATE_EVIDENCE, DATE_EVIDENCE_OF_SOURCE[record.datetime_source])
    g.text(cable, PRECEDENCE, record.precedence)
    g.text(cable, TRANSMISSION_ID, record.transmission_id)
    g.add(cable, IS_PARTIAL, _boolean(record.is_partial))
    _map_classification(g, record)
    declared: set[str] = set()
    for position, recipient in enumerate(record.recipients, 1):
        _map_recipient(g, recipient, position, "recipient", ACTION_ADDRESSING, declared)
    for position, recipient in enumerate(record.info_recipients, 1):
        _map_recipient(g, recipient, position, "info", INFO_ADDRESSING, declared)
    if record.declassify_on:
        g.add(cable, DECLASSIFY_ON, _datetime(record.declassify_on))
    _map_tags(g, record.tags)
    g.text(cable, TITLE, record.subject)
    _map_references(g, record)
    _map_attributions(g, record, origin_key, date)
    g.text(cable, ABSTRACT, record.summary)
    _map_paragraphs(g, record)
    _map_source(g, record)
    for warning in record.warnings:
        g.text(cable, PARSER_WARNING, warning)
    return g  # a mission named twice is typed once: nquads() keeps each line once


def _map_origin(g: CableNQuads, record: CableRecord) -> str | None:
    origin = record.origin
    name = origin.station or origin.name
    if not name:
        return None
    key = mission_key(name)
    mission = _mission(key)
    g.add(g.cable, ORIGIN, mission)
    g.add(mission, A, MISSION)
    g.text(mission, LABEL, origin.name)
    g.text(mission, STATION, origin.station)
    g.text(mission, ROUTING_INDICATOR, origin.routing_indicator)
    return key


def _map_classification(g: CableNQuads, record: CableRecord) -> None:
    if record.classification:
        marking = _classification(record.classification)
        g.add(g.cable, CLASSIFICATION_OF, marking)
        if record.classification not in KNOWN_MARKINGS:  # declared here, as the reference graph lacks it
            g.add(marking, A, CLASSIFICATION)
            g.text(marking, NOTATION, record.classification)
    for caveat in record.caveats:
        g.text(g.cable, CAVEAT, caveat)


def _map_recipient(g: CableNQuads, recipient: Recipient, position: int, part: str, link: str,
                   declared: set[str]) -> None:
    entry = g.part(f"{part}-{position}")
    g.add(g.cable, link, entry)
    g.text(entry, LABEL, recipient.name)
    g.text(entry, ROUTING_INDICATOR, recipient.routing_indicator)
    g.text(entry, PRECEDENCE, recipient.precedence)
    if recipient.name:
        mission, declaration = _addressee(recipient.name)
        if declaration and mission not in declared:  # declared here, since the reference graph lacks it
            declared.add(mission)
            g.add(mission, A, declaration[0])
            g.text(mission, LABEL, declaration[1])
    elif recipient.routing_indicator:
        mission = _mission(mission_key(recipient.routing_indicator))
    else:
        return
    g.add(entry, RECIPIENT, mission)


def _map_tags(g: CableNQuads, tags: list[str]) -> None:
    cable = g.cable
    for code in tags:
        tag, state, known = _tag(code)
        g.add(cable, SUBJECT, tag)
        if not known:  # declared here, since the reference graph lacks it
            g.add(tag, A, TAG)
            g.text(tag, NOTATION, code)
        if state:
            g.add(cable, SPATIAL, state)


def _map_references(g: CableNQuads, record: CableRecord) -> None:
    for position, reference in enumerate(record.references, 1):
        entry = g.part(f"reference-{position}")
        g.add(g.cable, HAS_REFERENCE, entry)
        g.text(entry, REFERENCE_LABEL, reference.label)
        g.text(entry, REFERENCE_TEXT, reference.text)
        if reference.id:
            cited, identifier, in_dump = _cited(reference.id)
            g.add(entry, CITED_CABLE, cited)
            g.add(g.cable, REFERENCES, cited)
            g.add(cited, IDENTIFIER, identifier)
            g.add(cited, IN_CABLEGATE_DUMP, in_dump)


def _map_attributions(g: CableNQuads, record: CableRecord, station: str | None, date: str | None) -> None:
    classified_by = record.classified_by
    if classified_by and (classified_by.name or classified_by.title or classified_by.reasons):
        entry = g.part("classified-by")
        g.add(g.cable, QUALIFIED_ATTRIBUTION, entry)
        g.add(entry, HAD_ROLE, CLASSIFIER_ROLE)
        g.text(entry, NAME, classified_by.name)
        g.text(entry, JOB_TITLE, classified_by.title)
        g.text(entry, CLASSIFICATION_REASON, classified_by.reasons)
        term = resolve_chief_of_mission(classified_by.name, station, date)
        if term:
            person = _person(term.person_id)
            g.add(entry, AGENT, person)
            g.add(entry, IN_CAPACITY_OF, _membership(term.chief_id))
            g.add(g.cable, CLASSIFIED_BY, person)
    for position, signer in enumerate(record.signers, 1):
        entry = g.part(f"signer-{position}")
        g.add(g.cable, QUALIFIED_ATTRIBUTION, entry)
        g.add(entry, HAD_ROLE, SIGNER_ROLE)
        g.text(entry, NAME, signer)
        term = resolve_chief_of_mission(signer, station, date)
        if term:
            person = _person(term.person_id)
            g.add(entry, AGENT, person)
            g.add(entry, IN_CAPACITY_OF, _membership(term.chief_id))
            g.add(g.cable, SIGNED_BY, person)


def _map_paragraphs(g: CableNQuads, record: CableRecord) -> None:
    cable = g.cable
    for position, paragraph in enumerate(record.paragraphs, 1):
        entry = g.part(f"paragraph-{position}")
        g.add(cable, HAS_PART, entry)
        if paragraph.number is not None:
            g.add(entry, PARAGRAPH_NUMBER, _integer(paragraph.number))
        g.text(entry, MARKING, paragraph.marking)
        g.text(entry, TEXT, paragraph.text)


def _map_source(g: CableNQuads, record: CableRecord) -> None:
    source = record.source
    entry = g.part("source")
    g.add(g.cable, WAS_DERIVED_FROM, entry)
    g.text(entry, SOURCE_PATH, source.path)
    g.text(entry, SOURCE_FORMAT, source.format)
    g.text(entry, GIVEN_ID, source.given_id)
    if source.line is not None:
        g.add(entry, SOURCE_LINE, _integer(source.line))
    for key, value in sorted((source.site_metadata or {}).items()):
        if value is None or value == "" or value == []:
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if key in SITE_METADATA:
                literal = _timestamp(item) if key in ("created", "released") else plain(str(item))
                g.add(entry, SITE_METADATA[key], literal)
            else:
                g.add(entry, SITE_METADATA_OTHER, plain(f"{key}: {item}"))
