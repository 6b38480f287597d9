"""A store's graphs cut into pieces of bounded size, and pieces packed into
requests.

A request must stay small: Virtuoso took under a second for POSTs of 10k-45k
triples, while one of 393k triples had not finished after 15 minutes and held
locks that blocked later uploads (``shared/engineering-notes.md``). So a graph
larger than ``max_triples`` is sent in several pieces: the first replaces the
graph, the others add to it; and small graphs (a cable has a few hundred
triples) share a request, up to ``max_triples``.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph
from pyoxigraph import BlankNode, NamedNode, RdfFormat

DEFAULT_MAX_TRIPLES = 20_000


@dataclass(frozen=True)
class Piece:
    graph: str  # the graph's IRI
    ntriples: bytes  # N-Triples
    triples: int
    first: bool  # replaces the graph's earlier content
    last: bool  # the graph is complete once this piece is in
    digest: str  # of the whole graph, to tell a graph changed since an interrupted push


def graph_pieces(store: pyoxigraph.Store, graph: NamedNode, max_triples: int = DEFAULT_MAX_TRIPLES) -> list[Piece]:
    """The triples of ``graph`` in ``store`` in pieces of at most ``max_triples``
    (one piece, however large, when the graph has blank nodes: a blank node
    sent in two requests would become two nodes)."""
    triples = [quad.triple for quad in store.quads_for_pattern(None, None, None, graph)]
    if any(isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode) for t in triples):
        max_triples = max(len(triples), 1)
    chunks = [triples[start:start + max_triples] for start in range(0, len(triples), max_triples)] or [[]]
    texts = [pyoxigraph.serialize(chunk, format=RdfFormat.N_TRIPLES) for chunk in chunks]
    digest = hashlib.sha1(b"".join(texts)).hexdigest()
    return [Piece(graph.value, text, len(chunk), index == 0, index == len(chunks) - 1, digest)
            for index, (text, chunk) in enumerate(zip(texts, chunks))]


def pack(pieces: Iterable[Piece], max_triples: int, one_per_request: bool = False) -> Iterator[list[Piece]]:
    """Consecutive pieces grouped into requests of at most ``max_triples`` (a
    single piece may be larger: see :func:`graph_pieces`)."""
    batch: list[Piece] = []
    size = 0
    for piece in pieces:
        if batch and (one_per_request or size + piece.triples > max_triples):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += piece.triples
    if batch:
        yield batch
