"""Push a store's named graphs to a remote triple store: the library API
behind ``cablegraph push`` and ``cablegraph load --to``.

>>> target = PushTarget("http://localhost:8890/sparql-auth", user="dba", password="dba")  # doctest: +SKIP
>>> summary = push_graphs(CableStore("cablegraph-store", read_only=True), target)       # doctest: +SKIP

Graphs are read one at a time, cut into pieces and packed into requests of
bounded size (:mod:`cablegraph.push.pieces`); each graph is replaced on the
target, so pushing twice leaves the target as pushing once. With a journal
(:mod:`cablegraph.push.journal`), a push interrupted by a failure resumes
where it stopped.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from pyoxigraph import NamedNode

from cablegraph.namespaces import PENDING_GRAPH, cable_iri, reference_id_of
from cablegraph.push.http import HttpSender, PushError, RetryPolicy
from cablegraph.push.journal import PushJournal
from cablegraph.push.pieces import DEFAULT_MAX_TRIPLES, Piece, graph_pieces, pack
from cablegraph.push.protocols import GraphStore, SparqlUpdate
from cablegraph.store import CableStore

SMALL_REQUEST = 1_000  # triples: a request this small is not refused for its size


@dataclass
class PushTarget:
    """Where to push: a SPARQL Update endpoint, or a Graph Store Protocol
    service when ``graph_store`` is given; credentials for Basic or Digest."""

    endpoint: str
    graph_store: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 300.0  # seconds per request

    @property
    def url(self) -> str:
        """The URL the graphs are sent to."""
        return self.graph_store or self.endpoint

    def protocol(self) -> SparqlUpdate | GraphStore:
        return GraphStore(self.graph_store) if self.graph_store else SparqlUpdate(self.endpoint)


@dataclass
class PushSummary:
    graphs: int = 0  # graphs sent
    quads: int = 0  # quads sent
    skipped: int = 0  # graphs an interrupted push had sent already (journal)
    requests: int = 0  # HTTP requests, retries included (not the rounds of a Digest authentication)
    retries: int = 0
    seconds: float = 0.0

    @property
    def quads_per_second(self) -> float:
        return self.quads / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {"graphs": self.graphs, "quads": self.quads, "skipped": self.skipped, "requests": self.requests,
                "retries": self.retries, "seconds": round(self.seconds, 2),
                "quads_per_second": round(self.quads_per_second)}


def store_graphs(store: CableStore) -> list[NamedNode]:
    """Every named graph of the store but the load journal."""
    return [graph for graph in store.store.named_graphs() if isinstance(graph, NamedNode) and graph != PENDING_GRAPH]


def graphs_of_cables(store: CableStore, reference_ids: Iterable[str]) -> list[NamedNode]:
    """The graphs of these cables, and the store's graphs that are no cable's
    (reference data, ontology, status), which a load may have changed."""
    cables = {cable_iri(rid) for rid in reference_ids}
    others = [graph for graph in store_graphs(store) if reference_id_of(graph) is None]
    return others + [graph for graph in cables if store.store.contains_named_graph(graph)]


def push_graphs(store: CableStore, target: PushTarget, graphs: Iterable[NamedNode] | None = None, *,
                journal: PushJournal | None = None, max_triples: int = DEFAULT_MAX_TRIPLES,
                policy: RetryPolicy | None = None,
                progress: Callable[[int], None] | None = None,
                on_retry: Callable[[str, float], None] | None = None,
                sleep: Callable[[float], None] = time.sleep) -> PushSummary:
    """Replace each of ``graphs`` (default: all the store's) on ``target``.

    ``progress`` is called with the number of graphs each request completed
    (or skipped), ``on_retry`` with the reason and the delay of each retry.
    Raises :class:`PushError` when the target refuses the credentials or stays
    unreachable after the retries; the graphs sent until then are in the
    ``journal``, whose next push skips them.
    """
    started = time.perf_counter()
    summary = PushSummary()
    protocol = target.protocol()
    sender = HttpSender(target.user, target.password, timeout=target.timeout,
                        policy=policy, sleep=sleep, on_retry=on_retry)
    try:
        protocol.check(sender)
        piece_triples = min(max_triples, protocol.max_piece_triples or max_triples)
        pieces = _pieces_to_send(store, graphs, journal, piece_triples, summary, progress)
        for batch in pack(pieces, max_triples, protocol.one_piece_per_request):
            _send(protocol, sender, batch)
            completed = [(piece.graph, piece.digest) for piece in batch if piece.last]
            summary.graphs += len(completed)
            summary.quads += sum(piece.triples for piece in batch)
            if journal is not None and completed:
                journal.record(completed)
            if progress and completed:
                progress(len(completed))
        if journal is not None:
            journal.finish()
    finally:
        summary.requests, summary.retries = sender.requests, sender.retries
        summary.seconds = time.perf_counter() - started
    return summary


def _send(protocol: SparqlUpdate | GraphStore, sender: HttpSender, batch: list[Piece]) -> None:
    try:
        protocol.send(sender, batch)
    except PushError as error:
        triples = sum(piece.triples for piece in batch)
        if error.status in (400, 413, 500) and triples > SMALL_REQUEST:
            # Virtuoso, for one, refuses updates it finds too long to compile
            raise PushError(f"{error} (the request had {triples:,} triples: a smaller --batch-triples, or "
                            f"--graph-store, may pass)", error.status) from None
        raise


def _pieces_to_send(store: CableStore, graphs: Iterable[NamedNode] | None, journal: PushJournal | None,
                    max_triples: int, summary: PushSummary,
                    progress: Callable[[int], None] | None) -> Iterator[Piece]:
    for graph in store_graphs(store) if graphs is None else graphs:
        pieces = graph_pieces(store.store, graph, max_triples)
        if journal is not None and journal.is_done(pieces[0].graph, pieces[0].digest):
            summary.skipped += 1
            if progress:
                progress(1)
            continue
        yield from pieces
