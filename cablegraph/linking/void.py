"""A VoID description of the dataset: counts, classes, vocabularies, link sets.

:func:`void_quads` reads counts from the store (the graphs as they are, less
the VoID graph itself) and adds one ``void:Linkset`` per target dataset and
link predicate of the links graph.
"""
from __future__ import annotations

from collections import Counter

from pyoxigraph import Literal, NamedNode, Quad

from cablegraph.linking.graph import LINKS_GRAPH, VOID_GRAPH
from cablegraph.linking.model import TARGETS
from cablegraph.namespaces import BASE, DCTERMS, PREFIXES, RDF, XSD, Namespace

VOID = Namespace("http://rdfs.org/ns/void#")
DATASET = NamedNode(BASE + "dataset")
TARGET_TITLES = {
    "wikidata": "Wikidata", "geonames": "GeoNames", "viaf": "VIAF", "dbpedia": "DBpedia",
    "hsg": "history.state.gov (Office of the Historian)", "cablegraph": "cablegraph reference data",
}


def _count(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


def _local(iri: str) -> str:
    return iri.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


def void_quads(store, title: str = "cablegraph: US diplomatic cables as a knowledge graph") -> list[Quad]:
    g = VOID_GRAPH
    quads = [
        Quad(DATASET, RDF.type, VOID.Dataset, g),
        Quad(DATASET, DCTERMS.title, Literal(title), g),
        Quad(DATASET, VOID.uriSpace, Literal(BASE), g),
    ]
    not_void = f"FILTER(?g != {VOID_GRAPH})"
    total = next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_void} }}")))["n"]
    quads.append(Quad(DATASET, VOID.triples, _count(int(total.value)), g))
    entities = next(iter(store.query(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?c }} {not_void} FILTER(STRSTARTS(STR(?s), \"{BASE}\")) }}"
    )))["n"]
    quads.append(Quad(DATASET, VOID.entities, _count(int(entities.value)), g))
    for row in store.query(
        f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?c }} {not_void} }} GROUP BY ?c ORDER BY ?c"
    ):
        part = NamedNode(f"{BASE}dataset/class/{_local(row['c'].value)}")
        quads += [
            Quad(DATASET, VOID.classPartition, part, g),
            Quad(part, VOID["class"], row["c"], g),
            Quad(part, VOID.entities, _count(int(row["n"].value)), g),
        ]
    predicates = [row["p"].value for row in store.query(f"SELECT DISTINCT ?p WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_void} }}")]
    for namespace in sorted({ns for ns in PREFIXES.values() if any(p.startswith(ns) for p in predicates)}):
        quads.append(Quad(DATASET, VOID.vocabulary, NamedNode(namespace), g))
    quads += linkset_quads(store)
    return quads


def linkset_quads(store) -> list[Quad]:
    g = VOID_GRAPH
    counts: Counter[tuple[str, str]] = Counter()
    for row in store.query(f"SELECT ?p ?o WHERE {{ GRAPH {LINKS_GRAPH} {{ ?s ?p ?o FILTER(isIRI(?o)) }} }}"):
        obj = row["o"].value
        target = next((key for key, space in TARGETS.items() if obj.startswith(space)), None)
        if target:
            counts[(target, row["p"].value)] += 1
    quads = []
    for target in sorted({t for t, _ in counts}):
        other = NamedNode(f"{BASE}dataset/external/{target}")
        quads += [
            Quad(other, RDF.type, VOID.Dataset, g),
            Quad(other, DCTERMS.title, Literal(TARGET_TITLES[target]), g),
            Quad(other, VOID.uriSpace, Literal(TARGETS[target]), g),
        ]
    for (target, predicate), n in sorted(counts.items()):
        linkset = NamedNode(f"{BASE}dataset/linkset/{target}-{_local(predicate)}")
        quads += [
            Quad(linkset, RDF.type, VOID.Linkset, g),
            Quad(DATASET, VOID.subset, linkset, g),
            Quad(linkset, VOID.subjectsTarget, DATASET, g),
            Quad(linkset, VOID.objectsTarget, NamedNode(f"{BASE}dataset/external/{target}"), g),
            Quad(linkset, VOID.linkPredicate, NamedNode(predicate), g),
            Quad(linkset, VOID.triples, _count(n), g),
        ]
    return quads
