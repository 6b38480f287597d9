"""The ontology parses, documents every term, and declares every term the graph uses."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from cablegraph.loader.mapping import map_cable
from cablegraph.loader.reference_graph import reference_quads
from cablegraph.namespaces import CG, ONTOLOGY_IRI
from seed_record import REFERENCES, seed_record

RDF_TYPE = RDF.type.toPython()


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    data = resources.files("cablegraph").joinpath("ontology/cablegraph.ttl").read_bytes()
    return rdflib.Graph().parse(data=data, format="turtle")


def declared_terms(ontology: rdflib.Graph) -> set[str]:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
             OWL.NamedIndividual, RDF.Property}
    return {str(s) for s, _, o in ontology.triples((None, RDF.type, None)) if o in kinds or (o, RDF.type, OWL.Class) in ontology}


def used_terms(quads) -> set[str]:
    used = set()
    for quad in quads:
        used.add(quad.predicate.value)
        if quad.predicate.value == RDF_TYPE or quad.object.value.startswith(CG.prefix):
            used.add(quad.object.value)
    return used


def test_ontology_parses_with_its_header(ontology):
    assert (rdflib.URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in ontology


def test_every_term_the_mapping_uses_is_declared(ontology):
    record = seed_record(references=REFERENCES, tags=["PREL", "TI", "ZZZZ"])
    missing = used_terms(map_cable(record)) - declared_terms(ontology)
    assert not missing, f"used by the mapping but not declared: {sorted(missing)}"


def test_every_term_the_reference_graph_uses_is_declared(ontology):
    missing = used_terms(reference_quads()) - declared_terms(ontology)
    assert not missing, f"used by the reference graph but not declared: {sorted(missing)}"


def test_every_term_has_a_label_and_a_definition(ontology):
    for term in declared_terms(ontology):
        node = rdflib.URIRef(term)
        assert ontology.value(node, RDFS.label), f"{term} has no rdfs:label"
        assert ontology.value(node, SKOS.definition), f"{term} has no skos:definition"


def test_own_terms_are_few_and_in_one_namespace(ontology):
    own = {t for t in declared_terms(ontology) if t.startswith(CG.prefix)}
    assert CG.Cable.value in own and CG.Mission.value in own
    stray = {str(s) for s in ontology.subjects() if str(s).startswith("https://cablegraph.org/") and str(s) != ONTOLOGY_IRI} - own
    assert not stray, f"terms in the cablegraph domain outside the ontology namespace: {stray}"


def test_the_documentation_page_lists_every_term(ontology, tmp_path):
    from cablegraph.ontology_doc import anchor, write_documentation

    page = tmp_path / "ontology.html"
    write_documentation(page)
    text = page.read_text(encoding="utf-8")
    for term in declared_terms(ontology):
        assert f"id='{anchor(rdflib.URIRef(term))}'" in text, term


def test_the_committed_documentation_page_is_current(tmp_path):
    """docs/ontology.html, which the README links, is what the ontology gives now."""
    from cablegraph.ontology_doc import write_documentation

    page = tmp_path / "ontology.html"
    write_documentation(page)
    committed = Path(__file__).parents[1] / "docs" / "ontology.html"
    assert page.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), \
        "run: python -m cablegraph.ontology_doc"
