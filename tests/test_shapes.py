"""The shapes: they parse, name only what the ontology declares, cover every
ontology class, describe every shape, and compile entirely to SPARQL."""
from __future__ import annotations

from importlib import resources

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, SH

from cablegraph.shacl import UnsupportedShape, compile_shapes, shape_files, shape_triples
from cablegraph.shacl_reference import shapes_graph

ID_BASE = "https://cablegraph.org/id/"
# keys of a shape that are constraints (each one compiles to one query)
CONSTRAINT_KEYS = {SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH.pattern, SH.nodeKind,
                   SH.hasValue, SH.lessThan, SH.lessThanOrEquals, SH.sparql}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    data = resources.files("cablegraph.ontology").joinpath("cablegraph.ttl").read_bytes()
    return rdflib.Graph().parse(data=data, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return shapes_graph()


def all_shapes(shapes: rdflib.Graph) -> set:
    found = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    return found | set(shapes.objects(None, SH.property))


def declared(ontology: rdflib.Graph, *kinds) -> set:
    return {s for kind in kinds for s in ontology.subjects(RDF.type, kind)}


def test_shapes_are_split_by_concern():
    assert {p.name for p in shape_files()} >= {"cable.ttl", "reference.ttl", "entities.ttl"}


def test_every_shape_has_an_iri_a_name_a_severity_and_a_message(shapes):
    for shape in all_shapes(shapes):
        assert isinstance(shape, rdflib.URIRef), f"a blank-node shape: {shape}"
        assert shapes.value(shape, SH.name), f"{shape} has no sh:name"
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), f"{shape} has no severity"
        has_constraints = any(shapes.value(shape, key) is not None for key in CONSTRAINT_KEYS)
        if has_constraints:
            assert shapes.value(shape, SH.message), f"{shape} has no sh:message"


def test_every_class_and_property_the_shapes_name_is_in_the_ontology(shapes, ontology):
    classes = declared(ontology, OWL.Class)
    properties = declared(ontology, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
    individuals = declared(ontology, OWL.NamedIndividual)
    named_classes = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH["class"]))
    named_properties = {o for key in (SH.path, SH.targetSubjectsOf, SH.targetObjectsOf, SH.lessThanOrEquals,
                                      SH.lessThan) for o in shapes.objects(None, key)}
    listed = {item for lst in shapes.objects(None, SH["in"]) for item in Collection(shapes, lst)}
    assert named_classes and named_properties
    assert not named_classes - classes, f"classes not in the ontology: {sorted(named_classes - classes)}"
    assert not named_properties - properties, f"properties not in the ontology: {sorted(named_properties - properties)}"
    listed_terms = {t for t in listed if isinstance(t, rdflib.URIRef) and not str(t).startswith(ID_BASE)}
    assert not listed_terms - individuals, f"sh:in members not in the ontology: {sorted(listed_terms - individuals)}"


def test_every_ontology_class_has_a_node_shape(shapes, ontology):
    targeted = {o for s in shapes.subjects(RDF.type, SH.NodeShape) for o in shapes.objects(s, SH.targetClass)}
    missing = declared(ontology, OWL.Class) - targeted
    assert not missing, f"classes without a node shape: {sorted(missing)}"


def test_severities_follow_the_source_of_the_fact(shapes):
    """Header facts are violations; entities read from bodies are warnings."""
    cg = rdflib.Namespace("https://cablegraph.org/shapes#")
    assert shapes.value(cg["LoadedCable-created"], SH.severity) == SH.Violation
    assert shapes.value(cg["LoadedCable-classification"], SH.severity) == SH.Violation
    assert shapes.value(cg["Event-endsAfterStart"], SH.severity) == SH.Warning
    entity_file = next(p for p in shape_files() if p.name == "entities.ttl")
    entity_shapes = rdflib.Graph().parse(entity_file)
    severities = set(entity_shapes.objects(None, SH.severity))
    assert severities == {SH.Warning}


def test_every_constraint_compiles_to_one_query(shapes):
    constraints = compile_shapes()
    expected = sum(1 for shape in all_shapes(shapes) for key in CONSTRAINT_KEYS
                   for _ in shapes.objects(shape, key))
    assert len(constraints) == expected
    assert all(c.message for c in constraints)
    assert {c.severity for c in constraints} == {"violation", "warning", "info"}


def test_a_constraint_the_compiler_does_not_know_is_refused():
    extra = b"""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:message "m" ;
        sh:or ( [ sh:datatype <http://www.w3.org/2001/XMLSchema#string> ] ) ."""
    import pyoxigraph

    triples = shape_triples() + list(pyoxigraph.parse(extra, format=pyoxigraph.RdfFormat.TURTLE))
    with pytest.raises(UnsupportedShape, match="or"):
        compile_shapes(triples)
