"""Collectors of the quads of one named graph, shared by the mappings.

:class:`GraphQuads` collects pyoxigraph :class:`~pyoxigraph.Quad` objects (the
reference graph, built once per store).

:class:`GraphNQuads` writes N-Quads text directly, from terms given in their
N-Triples form (``<iri>``, ``"text"``, ``"1"^^<datatype>``): no pyoxigraph
object is built and nothing is serialised afterwards. This is the path of the
mappings run once per cable (the cable's header, about 120 quads, and the
entities of its body, about 155): constructing a ``Quad`` costs about 1.6 us,
a line of text a tenth of that, and shared terms (predicates, classes,
missions, states, TAGS, markings) are formatted once per process
(:func:`nt`). The text goes to ``Store.bulk_load`` unchanged.
"""
from __future__ import annotations

from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

try:  # the C encoder of the json module: escapes \\, ", and control characters
    from _json import encode_basestring as _quoted
except ImportError:  # pragma: no cover - other Pythons
    from json.encoder import encode_basestring as _quoted


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


@lru_cache(maxsize=65536)
def nt(term: NamedNode | Literal) -> str:
    """The N-Triples form of a pyoxigraph term (``<iri>``, ``"1"^^<...#integer>``), cached."""
    return str(term)


def plain(value: str) -> str:
    """A plain (``xsd:string``) literal in N-Triples form. The JSON escapes of
    ``"``, ``\\``, control characters (``\\n``, ``\\u0001``) are N-Triples
    escapes too, so the store reads back exactly ``value``."""
    return _quoted(value)


def typed(value: str, datatype: NamedNode) -> str:
    """A typed literal in N-Triples form."""
    return f"{_quoted(value)}^^<{datatype.value}>"


class GraphNQuads:
    """Collects triples of ``graph`` as N-Quads lines; terms are N-Triples
    strings (see :func:`nt`); empty texts are left out."""

    __slots__ = ("_tail", "graph", "lines")

    def __init__(self, graph: NamedNode) -> None:
        self.graph = nt(graph) if isinstance(graph, NamedNode) else graph
        self.lines: list[str] = []
        self._tail = f" {self.graph} .\n"

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"{subject} {predicate} {obj}{self._tail}")

    def text(self, subject: str, predicate: str, value: str | None) -> None:
        if value:
            self.lines.append(f"{subject} {predicate} {_quoted(value)}{self._tail}")

    def unique_lines(self) -> list[str]:
        """The lines, each once (a triple stated twice is one quad), in order."""
        return list(dict.fromkeys(self.lines))

    def nquads(self) -> tuple[bytes, int]:
        """The N-Quads document (UTF-8) and its number of quads, duplicates removed."""
        lines = self.unique_lines()
        return "".join(lines).encode(), len(lines)
