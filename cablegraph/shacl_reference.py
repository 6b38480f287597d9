"""pyshacl, the reference SHACL implementation, run on the same shapes and the
same data as the compiled validator: the tests compare the two, and
``bench/validate.py`` times both.

The data graph is the union of the store's graphs, written by oxigraph as
N-Triples and parsed by rdflib: a plain literal is written without
``^^xsd:string``, so rdflib reads it as the same untyped literal the shapes
use (the ``sh:in`` pitfall of ``../shared/engineering-notes.md`` arises only
when oxigraph terms reach rdflib as explicitly typed ``xsd:string``).
"""
from __future__ import annotations

import io
from collections.abc import Iterable

import pyoxigraph
import rdflib
from pyoxigraph import RdfFormat, Triple
from rdflib.namespace import SH

from cablegraph.shacl import shapes_turtle

SEVERITY_NAMES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


def shapes_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path, data in shapes_turtle():
        graph.parse(data=data, format="turtle", publicID=path.as_uri())
    return graph


def data_graph(quads: Iterable) -> rdflib.Graph:
    """An rdflib graph of the union of ``quads`` (pyoxigraph quads or triples)."""
    triples = (Triple(q.subject, q.predicate, q.object) for q in quads)
    data = pyoxigraph.serialize(triples, format=RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data, format="nt")


def store_graph(store) -> rdflib.Graph:
    """The whole store (a CableStore or pyoxigraph.Store) as one rdflib graph."""
    return data_graph(getattr(store, "store", store))


def nt(term) -> str | None:
    """An rdflib term in N-Triples syntax, as oxigraph writes it (a plain
    literal without ``^^xsd:string``)."""
    if term is None:
        return None
    if isinstance(term, rdflib.Literal) and term.datatype == rdflib.XSD.string:
        term = rdflib.Literal(str(term))
    return term.n3()


def run_pyshacl(graph: rdflib.Graph, shapes: rdflib.Graph | None = None, focus_nodes=None) -> set[tuple]:
    """The results of pyshacl as keys comparable with
    :meth:`cablegraph.validation.ValidationResult.key`."""
    import pyshacl

    _, results, _ = pyshacl.validate(
        graph, shacl_graph=shapes if shapes is not None else shapes_graph(), inference="none",
        allow_warnings=True, allow_infos=True, focus_nodes=focus_nodes,
    )
    return results_keys(results)


def results_keys(results: rdflib.Graph) -> set[tuple]:
    keys = set()
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        path = results.value(result, SH.resultPath)
        keys.add((
            nt(results.value(result, SH.focusNode)),
            str(path) if path is not None else None,
            nt(results.value(result, SH.value)),
            str(results.value(result, SH.sourceShape)),
            SEVERITY_NAMES[results.value(result, SH.resultSeverity)],
            str(results.value(result, SH.sourceConstraintComponent)),
        ))
    return keys


def turtle_of(graph: rdflib.Graph) -> str:
    out = io.StringIO()
    out.write(graph.serialize(format="turtle"))
    return out.getvalue()


def neighbourhood_quads(store, cables: Iterable[str], graph_name: str = "urn:cablegraph:batch") -> list:
    """The cables' graphs, the ontology and status graphs, and the facts (in any
    graph) about what the cables point to, two steps out: a data graph small
    enough for pyshacl that holds the types of every node a batch points to
    (``../shared/engineering-notes.md``: without them pyshacl is not linear).
    All in one named graph ``graph_name``."""
    from pyoxigraph import NamedNode, Quad

    from cablegraph.namespaces import ONTOLOGY_GRAPH, STATUS_GRAPH, cable_iri

    graphs = " ".join(f"<{cable_iri(rid).value}>" for rid in cables)
    query = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}
        UNION {{ GRAPH <{ONTOLOGY_GRAPH.value}> {{ ?s ?p ?o }} }}
        UNION {{ GRAPH <{STATUS_GRAPH.value}> {{ ?s ?p ?o }} }}
        UNION {{ {{ SELECT DISTINCT ?s WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?x ?y ?s }} FILTER isIRI(?s) }} }}
                 GRAPH ?h {{ ?s ?p ?o }} }}
        UNION {{ {{ SELECT DISTINCT ?s WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?x ?y ?n }}
                                            GRAPH ?h {{ ?n ?q ?s }} FILTER isIRI(?s) }} }}
                 GRAPH ?k {{ ?s ?p ?o }} }}
    }}"""
    oxigraph_store = getattr(store, "store", store)
    name = NamedNode(graph_name)
    return list({Quad(t.subject, t.predicate, t.object, name) for t in oxigraph_store.query(query)})
