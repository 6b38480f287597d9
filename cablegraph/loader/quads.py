"""A collector of the quads of one named graph, shared by the mappings."""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad


class GraphQuads:
    """Collects triples as quads of ``graph``; empty texts are left out."""

    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self.quads: list[Quad] = []

    def add(self, subject: NamedNode, predicate: NamedNode, obj: NamedNode | Literal) -> None:
        self.quads.append(Quad(subject, predicate, obj, self.graph))

    def text(self, subject: NamedNode, predicate: NamedNode, value: str | None) -> None:
        if value:
            self.add(subject, predicate, Literal(value))
