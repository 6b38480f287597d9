"""Links as quads, and the atomic replacement of the links and VoID graphs."""
from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad

from cablegraph.linking.model import Link
from cablegraph.namespaces import BASE

LINKS_GRAPH = NamedNode(BASE + "graph/links")
VOID_GRAPH = NamedNode(BASE + "graph/void")


def link_quads(links: Iterable[Link], graph: NamedNode = LINKS_GRAPH) -> list[Quad]:
    quads, seen = [], set()
    for link in links:
        if link.literal is not None:
            obj = Literal(link.object, datatype=NamedNode(link.literal)) if link.literal else Literal(link.object)
        else:
            obj = NamedNode(link.object)
        quad = Quad(NamedNode(link.subject), NamedNode(link.predicate), obj, graph)
        if quad not in seen:
            seen.add(quad)
            quads.append(quad)
    return quads


def replace_graphs(store, graphs: dict[NamedNode, list[Quad]]) -> None:
    """Drop each graph and insert its new quads in ONE update (one transaction):
    readers see the old graphs or the new ones, never a mix or an empty one."""
    parts = []
    for graph, quads in graphs.items():
        parts.append(f"DROP SILENT GRAPH {graph}")
        if quads:
            body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
            parts.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
    store.update(" ;\n".join(parts))
