"""The seed cable 06DUSHANBE870 as a graph, triple by triple."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat

import cablegraph
from cablegraph.loader.mapping import MappingError, map_cable, map_cable_nquads
from cablegraph.loader.reference_graph import mission_keys, reference_quads
from cablegraph.namespaces import (
    CG,
    DCTERMS,
    PROV,
    RDF,
    RDFS,
    REFERENCE_GRAPH,
    SCHEMA,
    XSD,
    cable_iri,
    cable_part_iri,
    classification_iri,
    membership_iri,
    mission_iri,
    person_iri,
    state_iri,
    tag_iri,
)
from cablegraph.record import CableRecord, Paragraph, Recipient, Source
from seed_record import INFO, REFERENCES, seed_record

EXAMPLES = Path(__file__).parents[1] / "examples" / "cables"
MISSIONS = "https://cablegraph.org/id/mission/"

CABLE = cable_iri("06DUSHANBE870")
HOAGLAND = person_iri("hoagland-richard-eugene")


def part(name: str) -> NamedNode:
    return cable_part_iri("06DUSHANBE870", name)


@pytest.fixture(scope="module")
def triples() -> set[tuple]:
    quads = map_cable(seed_record(references=REFERENCES))
    assert {q.graph_name for q in quads} == {CABLE}, "every quad is in the cable's own graph"
    return {(q.subject, q.predicate, q.object) for q in quads}


def objects(triples, subject, predicate) -> set:
    return {o for s, p, o in triples if s == subject and p == predicate}


def test_cable_identity_and_header(triples):
    assert (CABLE, RDF.type, CG.Cable) in triples
    assert objects(triples, CABLE, DCTERMS.identifier) == {Literal("06DUSHANBE870")}
    assert objects(triples, CABLE, DCTERMS.created) == {Literal("2006-05-11T16:47:00Z", datatype=XSD.dateTime)}
    assert objects(triples, CABLE, CG.dateEvidence) == {CG.DateTimeGroupEvidence}
    assert objects(triples, CABLE, CG.precedence) == {Literal("IMMEDIATE")}
    assert objects(triples, CABLE, CG.transmissionId) == {Literal("VZCZCXRO1750")}
    assert objects(triples, CABLE, CG.isPartial) == {Literal("false", datatype=XSD.boolean)}
    assert objects(triples, CABLE, CG.declassifyOn) == {Literal("2031-05-11", datatype=XSD.date)}
    assert objects(triples, CABLE, DCTERMS.title) == {
        Literal("URGENT REQUEST FOR DEMARCHE ON SOUTH AND CENTRAL ASIAN COUNTER-NARCOTICS AND SECURITY CONFERENCE")
    }


def test_classification_and_caveats(triples):
    assert objects(triples, CABLE, CG.classification) == {classification_iri("SECRET")}
    assert objects(triples, CABLE, CG.caveat) == {Literal("SIPDIS")}


def test_an_unknown_marking_is_declared_in_the_cable_graph():
    triples = {(q.subject, q.predicate, q.object) for q in map_cable(seed_record(classification="SECRET//ORCON"))}
    marking = classification_iri("SECRET//ORCON")
    assert objects(triples, CABLE, CG.classification) == {marking}
    assert (marking, RDF.type, CG.Classification) in triples


def test_origin_is_the_dushanbe_mission(triples):
    dushanbe = mission_iri("DUSHANBE")
    assert dushanbe == NamedNode("https://cablegraph.org/id/mission/DUSHANBE")
    assert objects(triples, CABLE, CG.origin) == {dushanbe}
    assert (dushanbe, RDF.type, CG.Mission) in triples
    assert objects(triples, dushanbe, RDFS.label) == {Literal("Embassy Dushanbe")}
    assert objects(triples, dushanbe, CG.routingIndicator) == {Literal("RUEHDBU")}


def test_action_recipient_is_the_department(triples):
    entry = part("recipient-1")
    assert objects(triples, CABLE, CG.actionAddressing) == {entry}
    assert objects(triples, entry, CG.recipient) == {mission_iri("STATE")}
    assert objects(triples, entry, RDFS.label) == {Literal("SECSTATE WASHDC")}
    assert objects(triples, entry, CG.routingIndicator) == {Literal("RUEHC")}
    assert objects(triples, entry, CG.precedence) == {Literal("IMMEDIATE")}


def test_info_recipients_resolve_to_missions_in_order(triples):
    keys = (
        "DUSHANBE", "NATIONALSECURITYCOUNCILWASHDC", "SECDEFWASHDC", "JOINTSTAFFWASHDC",
        "HQUSCENTCOMMACDILLAFBFL", "CIAWASHDC", "DIAWASHDC", "MOSCOW", "BISHKEK", "ALMATY",
        "TASHKENT", "ASHGABAT", "KABUL", "ISLAMABAD", "ANKARA", "BEIJING", "BERLIN", "LONDON",
    )
    assert objects(triples, CABLE, CG.infoAddressing) == {part(f"info-{i}") for i in range(1, len(INFO) + 1)}
    for position, ((indicator, name), key) in enumerate(zip(INFO, keys), 1):
        entry = part(f"info-{position}")
        assert objects(triples, entry, RDFS.label) == {Literal(name)}
        assert objects(triples, entry, CG.routingIndicator) == {Literal(indicator)}
        assert objects(triples, entry, CG.recipient) == {mission_iri(key)}
        assert objects(triples, entry, CG.precedence) == set()


def test_addressees_no_table_lists_are_declared_by_what_their_names_say(triples):
    """NSC, SECDEF, DIA and CENTCOM are in no routing table under these names: the cable
    declares them (as it does an unknown TAG); the posts and CIA WASHDC, listed, are not."""
    agencies = {mission_iri(key) for key in (
        "NATIONALSECURITYCOUNCILWASHDC", "SECDEFWASHDC", "HQUSCENTCOMMACDILLAFBFL", "DIAWASHDC")}
    declared = {s for s, p, o in triples if p == RDF.type and str(s.value).startswith(MISSIONS)}
    assert declared == agencies | {mission_iri("DUSHANBE")}  # the origin is declared by its own mapping
    for agency in agencies:
        assert objects(triples, agency, RDF.type) == {CG.Agency}
    assert objects(triples, mission_iri("SECDEFWASHDC"), RDFS.label) == {Literal("SECDEF WASHINGTON DC")}


def test_a_collective_an_office_symbol_and_a_misspelt_post():
    record = seed_record(info_recipients=[
        Recipient("RUEHZL", "EUROPEAN POLITICAL  COLLECTIVE"),
        Recipient("RUEKJCS", "JOINT STAFF WASHDC//J-3/J-5//"),
        Recipient("RHMFISS", "ODC ANKARA TU//TCH//"),
        Recipient("RUEHXX", "AMCONSUL XANADU"),
        Recipient("RUEHXY", "EUROPEAN POLITICAL COLLECTIVE"),
    ])
    triples = {(q.subject, q.predicate, q.object) for q in map_cable(record)}
    recipients = [next(iter(objects(triples, part(f"info-{i}"), CG.recipient))) for i in range(1, 6)]
    collective, joint_staff, odc, xanadu, collective_again = recipients
    assert collective == collective_again == mission_iri("EUROPEANPOLITICALCOLLECTIVE")
    assert objects(triples, collective, RDF.type) == {CG.Collective}
    assert objects(triples, collective, RDFS.label) == {Literal("EUROPEAN POLITICAL COLLECTIVE")}
    # the desk after "//" is part of the addressee line, not another addressee
    assert joint_staff == mission_iri("JOINTSTAFFWASHDC") and objects(triples, joint_staff, RDF.type) == set()
    assert objects(triples, part("info-2"), RDFS.label) == {Literal("JOINT STAFF WASHDC//J-3/J-5//")}
    assert odc == mission_iri("ODCANKARATU")
    assert objects(triples, odc, RDF.type) == {CG.Agency}
    assert objects(triples, odc, RDFS.label) == {Literal("ODC ANKARA TU")}
    # a post no list holds stays untyped: more likely misspelt than new (validation hints at it)
    assert xanadu == mission_iri("XANADU") and objects(triples, xanadu, RDF.type) == set()
    declarations = [q for q in map_cable(record) if q.subject == collective]
    assert len(declarations) == 2, "declared once, though addressed twice"


def test_the_reference_graph_declares_the_missions_the_mapping_takes_as_known():
    quads = reference_quads()
    declared = {q.subject for q in quads if q.predicate == RDF.type and q.subject.value.startswith(MISSIONS)}
    assert declared == {mission_iri(key) for key in mission_keys()}
    collective = mission_iri("ALLUSDOCDISTDIRCOLLECTIVEWASHDC")  # a routing table's
    assert Quad(collective, RDF.type, CG.Collective, REFERENCE_GRAPH) in quads


def test_tags_and_the_states_they_name(triples):
    assert objects(triples, CABLE, DCTERMS.subject) == {
        tag_iri(code) for code in ("PREL", "PGOV", "PINR", "SNAR", "RS", "TI")
    }
    # FIPS RS is Russia and TI Tajikistan (ISO would read RS as Serbia)
    assert objects(triples, CABLE, DCTERMS.spatial) == {state_iri("RUS"), state_iri("TJK")}


def test_signer_is_the_chief_of_mission_in_office(triples):
    signer = part("signer-1")
    assert (CABLE, PROV.qualifiedAttribution, signer) in triples
    assert objects(triples, signer, PROV.hadRole) == {CG.SignerRole}
    assert objects(triples, signer, SCHEMA.name) == {Literal("HOAGLAND")}
    assert objects(triples, signer, PROV.agent) == {HOAGLAND}
    assert objects(triples, signer, CG.inCapacityOf) == {membership_iri("tj-2003-hoag-01")}
    assert objects(triples, CABLE, CG.signedBy) == {HOAGLAND}


def test_classified_by_resolves_to_the_same_person(triples):
    entry = part("classified-by")
    assert objects(triples, entry, PROV.hadRole) == {CG.ClassifierRole}
    assert objects(triples, entry, SCHEMA.name) == {Literal("RICHARD E. HOAGLAND")}
    assert objects(triples, entry, SCHEMA.jobTitle) == {Literal("AMBASSADOR, EXEC, EMBASSY DUSHANBE")}
    assert objects(triples, entry, CG.classificationReason) == {Literal("1.4 (B), (D)")}
    assert objects(triples, CABLE, CG.classifiedBy) == {HOAGLAND}


def test_a_signer_out_of_office_is_not_resolved():
    later = map_cable(seed_record(datetime="2007-05-11T16:47:00Z"))
    predicates = {q.predicate for q in later}
    assert CG.signedBy not in predicates and PROV.agent not in predicates
    assert Quad(part("signer-1"), SCHEMA.name, Literal("HOAGLAND"), CABLE) in later


def test_references_link_cables_loaded_or_not(triples):
    in_dump, outside = cable_iri("06STATE73557"), cable_iri("06DUSHANBE99999")
    assert objects(triples, CABLE, DCTERMS.references) == {in_dump, outside}
    assert objects(triples, part("reference-1"), CG.citedCable) == {in_dump}
    assert objects(triples, part("reference-1"), CG.referenceLabel) == {Literal("A")}
    assert objects(triples, in_dump, CG.inCablegateDump) == {Literal("true", datatype=XSD.boolean)}
    assert objects(triples, outside, CG.inCablegateDump) == {Literal("false", datatype=XSD.boolean)}
    text_only = part("reference-3")
    assert objects(triples, text_only, CG.referenceText) == {Literal("DUSHANBE-DATT EMAIL OF MAY 11")}
    assert objects(triples, text_only, CG.citedCable) == set()


def test_paragraphs_keep_number_marking_and_text(triples):
    paragraphs = objects(triples, CABLE, DCTERMS.hasPart)
    assert objects(triples, part("paragraph-1"), CG.text) == {Literal("THIS IS AN ACTION REQUEST. SEE PARA NINE BELOW.")}
    assert paragraphs == {part("paragraph-1"), part("paragraph-2"), part("paragraph-3")}
    third = part("paragraph-3")
    assert objects(triples, third, CG.paragraphNumber) == {Literal("9", datatype=XSD.integer)}
    assert objects(triples, third, CG.marking) == set()  # unmarked in the cable
    assert objects(triples, part("paragraph-2"), CG.marking) == {Literal("S")}


def test_source_is_kept_apart(triples):
    source = part("source")
    assert objects(triples, CABLE, PROV.wasDerivedFrom) == {source}
    assert objects(triples, source, CG.sourcePath) == {Literal("06DUSHANBE870.txt")}
    assert objects(triples, source, CG.sourceFormat) == {Literal("raw-text")}


def test_site_metadata_and_warnings_are_not_dropped():
    record = seed_record(
        source=Source(path="p.html", format="html", given_id="06DUSHANBE870",
                      site_metadata={"created": "2006-05-11 16:54", "released": "2011-08-30 01:44",
                                     "classification": "SECRET", "origin": "Embassy Dushanbe", "tags": ["PREL"]}),
        warnings=["given ID differs"],
    )
    triples = {(q.subject, q.predicate, q.object) for q in map_cable(record)}
    source = part("source")
    assert objects(triples, source, CG.givenId) == {Literal("06DUSHANBE870")}
    assert objects(triples, source, CG.siteClassification) == {Literal("SECRET")}
    assert objects(triples, source, CG.siteOrigin) == {Literal("Embassy Dushanbe")}
    assert objects(triples, source, CG.siteCreated) == {Literal("2006-05-11T16:54:00", datatype=XSD.dateTime)}
    assert objects(triples, source, CG.siteMetadata) == {Literal("tags: PREL")}
    assert objects(triples, CABLE, CG.parserWarning) == {Literal("given ID differs")}


def test_unknown_tag_is_declared_in_the_cable_graph():
    triples = {(q.subject, q.predicate, q.object) for q in map_cable(seed_record(tags=["ZZZZ"]))}
    assert (tag_iri("ZZZZ"), RDF.type, CG.Tag) in triples


def test_a_date_that_is_no_date_stays_text():
    triples = {(q.subject, q.predicate, q.object) for q in map_cable(seed_record(declassify_on="X1"))}
    assert objects(triples, CABLE, CG.declassifyOn) == {Literal("X1")}


def test_mapping_is_deterministic():
    assert map_cable(seed_record(references=REFERENCES)) == map_cable(seed_record(references=REFERENCES))


def test_a_record_without_reference_id_is_refused():
    with pytest.raises(MappingError):
        map_cable(CableRecord())


def test_nquads_are_oxigraphs_own_serialisation():
    """The N-Quads written from term strings are byte for byte what pyoxigraph
    writes for the same quads (as built from pyoxigraph terms before)."""
    data, count = map_cable_nquads(seed_record(references=REFERENCES))
    quads = list(pyoxigraph.parse(data, format=RdfFormat.N_QUADS))
    assert count == len(quads) == len(set(quads))
    assert pyoxigraph.serialize(quads, format=RdfFormat.N_QUADS) == data


TRICKY = ['say "no"', "back\\slash \\n", "two\nlines\r\n", "tab\there", "nul\x00 bell\x07 ff\x0c del\x7f",
          "Chargé d’Affaires – 東京 \U0001F600", "line sep\u2028para sep\u2029", "trailing space ", "'quoted'"]


def test_texts_are_stored_exactly_as_given():
    record = seed_record(subject=TRICKY[0], paragraphs=[Paragraph(number=n, marking=None, text=t)
                                                         for n, t in enumerate(TRICKY, 1)])
    store = pyoxigraph.Store()
    store.bulk_load(map_cable_nquads(record)[0], format=RdfFormat.N_QUADS)
    stored = {(q.subject, q.predicate, q.object) for q in store}
    assert objects(stored, CABLE, DCTERMS.title) == {Literal(TRICKY[0])}
    for position, text in enumerate(TRICKY, 1):
        assert objects(stored, part(f"paragraph-{position}"), CG.text) == {Literal(text)}


def test_an_odd_reference_id_gives_the_same_iris():
    rid = "06DUSHANBE 870/É#1"
    triples = {(q.subject, q.predicate, q.object) for q in map_cable(seed_record(reference_id=rid))}
    assert (cable_iri(rid), RDF.type, CG.Cable) in triples
    assert (cable_iri(rid), PROV.wasDerivedFrom, cable_part_iri(rid, "source")) in triples


def test_a_text_that_is_no_unicode_is_refused():
    """A lone surrogate cannot be written as UTF-8: the cable fails to map
    (and is rejected by the load) rather than spoiling a batch."""
    with pytest.raises(UnicodeEncodeError):
        map_cable_nquads(seed_record(subject="bad \udc80 byte"))


def test_a_day_known_from_the_declassification_date_is_an_xsd_date():
    # the shipped 10BERLIN180 lost its header; its DECL date is 2020-02-11
    record = cablegraph.parse_text((EXAMPLES / "scraped-text" / "10BERLIN180.txt").read_text(encoding="utf-8"))
    quads = map_cable(record)
    cable = NamedNode("https://cablegraph.org/id/cable/10BERLIN180")
    assert {(q.predicate, q.object) for q in quads if q.subject == cable and q.predicate in (DCTERMS.created, CG.dateEvidence)} == {
        (DCTERMS.created, Literal("2010-02-11", datatype=XSD.date)), (CG.dateEvidence, CG.DeclassificationEvidence)}
