"""The on-disk cable store: a pyoxigraph store with one named graph per cable.

Writing cables: ``Store.bulk_load`` is two to three times faster than the
transactional ``Store.load``/``Store.extend`` (measured: 2 M quads in 25 s
against 57 s), but it is not transactional. So each batch (one bulk load)
is journalled:

1. ``bulk_load`` reads the batch's N-Quads as a stream; before the stream
   hands over the next cables, one transaction (``Store.update``) drops their
   old graphs and lists them in the pending graph;
2. once ``bulk_load`` returns, one transaction takes them out of the pending
   graph (two batches may be written at once: see :mod:`cablegraph.pipeline`).

Opening a store for writing first undoes an interrupted batch: the cables
still listed as pending are dropped (one transaction). Whenever a load is
interrupted (Ctrl-C, SIGKILL, power loss), each cable is therefore fully in
the store (old or new version) or fully out of it, once the store is opened
again through :class:`CableStore`.

Reference data (the ontology and :mod:`cablegraph.loader.reference_graph`) is
loaded once per store, and again only when it changes; its version marker is
written last, so an interrupted reference load is redone.
"""
from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple

from cablegraph.namespaces import (
    CABLE_PREFIX,
    CG,
    DCTERMS,
    ONTOLOGY_GRAPH,
    OWL,
    PENDING_GRAPH,
    PREFIXES,
    REFERENCE_GRAPH,
    STATUS_GRAPH,
    cable_iri,
    reference_id_of,
)

DEFAULT_STORE_PATH = Path("cablegraph-store")

EXPORT_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
}

# The files the reference graph is made of: when one changes, it is reloaded.
_REFERENCE_SOURCES = (
    ("cablegraph", "ontology/cablegraph.ttl"),
    ("cablegraph.loader", "reference_graph.py"),
    ("cablegraph", "resolve.py"),
    ("cablegraph", "namespaces.py"),
    ("cablegraph", "data/tags.csv"),
    ("cablegraph", "data/countries.csv"),
    ("cablegraph", "data/gsh_posts.csv"),
    ("cablegraph", "data/pocom_chiefs_of_mission.csv"),
    ("cablegraph", "data/routing_indicators.csv"),
    ("cablegraph", "data/station_country_cablemap.csv"),
    ("cablegraph", "data/cable2month.csv.gz"),
)


def reference_data_version() -> str:
    digest = hashlib.sha256()
    for package, name in _REFERENCE_SOURCES:
        digest.update(resources.files(package).joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def ontology_quads() -> list[Quad]:
    data = resources.files("cablegraph").joinpath("ontology/cablegraph.ttl").read_bytes()
    return [
        Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
        for t in pyoxigraph.parse(data, format=RdfFormat.TURTLE)
    ]


def _iri(node: NamedNode) -> str:
    return f"<{node.value}>"


class CableStore:
    """A cablegraph store on disk (``path``), or in memory when ``path`` is None."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE_PATH, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if self.path is None:
            self.store = pyoxigraph.Store()
        elif read_only:
            self.store = pyoxigraph.Store.read_only(str(self.path))
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self.store = pyoxigraph.Store(str(self.path))
            self.recovered = self.undo_interrupted_batch()

    def undo_interrupted_batch(self) -> list[str]:
        """Drop the cables of a batch whose load was interrupted; returns their IDs."""
        pending = [q.subject for q in self.store.quads_for_pattern(None, CG.loadPending, None, PENDING_GRAPH)]
        drops = [f"DROP SILENT GRAPH {_iri(cable)}" for cable in pending if isinstance(cable, NamedNode)]
        self.store.update(";\n".join(drops + [f"DROP SILENT GRAPH {_iri(PENDING_GRAPH)}"]))
        return [reference_id_of(cable) or cable.value for cable in pending]

    # -- reference data -------------------------------------------------

    def reference_version(self) -> str | None:
        for quad in self.store.quads_for_pattern(REFERENCE_GRAPH, OWL.versionInfo, None, REFERENCE_GRAPH):
            return quad.object.value
        return None

    def ensure_reference_data(self) -> bool:
        """Load the ontology and reference graph unless this version is there.

        Returns True when they were (re)loaded.
        """
        version = reference_data_version()
        if self.reference_version() == version:
            return False
        from cablegraph.loader.reference_graph import reference_quads

        quads = reference_quads() + ontology_quads()
        self.store.update(f"DROP SILENT GRAPH {_iri(REFERENCE_GRAPH)}; DROP SILENT GRAPH {_iri(ONTOLOGY_GRAPH)}")
        self.store.bulk_load(pyoxigraph.serialize(quads, format=RdfFormat.N_QUADS), format=RdfFormat.N_QUADS)
        # the version marker comes last: without it, the next open loads again
        self.store.add(Quad(REFERENCE_GRAPH, OWL.versionInfo, Literal(version), REFERENCE_GRAPH))
        return True

    # -- cables -----------------------------------------------------------

    def has_cable(self, reference_id: str) -> bool:
        return self.store.contains_named_graph(cable_iri(reference_id))

    def write_cables(self, cables: Iterable[tuple[str, bytes]]) -> list[str]:
        """Write cable graphs given as ``(reference_id, N-Quads)``, streamed into
        one bulk load as they come (see :class:`_JournalledStream`); the graph of
        a cable already in the store is replaced. Returns the IDs replaced.

        A cable given twice keeps its last version: the second one ends the bulk
        load and starts the next.
        """
        stream = _JournalledStream(self, cables)
        while stream.start_load():
            # lenient: no second check of IRIs the mappings built from validated NamedNode terms
            # (20,000 cables: the load 11 % faster)
            self.store.bulk_load(stream, format=RdfFormat.N_QUADS, lenient=True)
            # this load's entries only: another one may be writing at the same time
            self.store.update(f"DELETE DATA {{ GRAPH {_iri(PENDING_GRAPH)} {{ {_journal(stream.in_load)} }} }}")
        return stream.replaced

    def remove_cables(self, reference_ids: Iterable[str]) -> None:
        drops = _drops(reference_ids)
        if drops:
            self.store.update(";\n".join(drops))

    def cable_ids(self) -> Iterator[str]:
        for graph in self.store.named_graphs():
            if isinstance(graph, NamedNode):
                rid = reference_id_of(graph)
                if rid is not None:
                    yield rid

    def cable_quads(self, reference_id: str) -> set[Quad]:
        return set(self.store.quads_for_pattern(None, None, None, cable_iri(reference_id)))

    def refresh_status(self) -> None:
        """Recompute the status graph: cited cables whose graph is not loaded,
        each with its ID and whether the Cablegate dump holds it (stated once
        here, where every citing graph states them again)."""
        status, cited_cable = _iri(STATUS_GRAPH), _iri(CG.citedCable)
        # one-pattern sub-selects, which oxigraph joins by hash: at 50,000
        # cables the per-row probes of a plain join took minutes
        self.store.update(
            f"""DROP SILENT GRAPH {status} ;
            INSERT {{ GRAPH {status} {{
                ?cited a {_iri(CG.UnloadedCable)} ; {_iri(DCTERMS.identifier)} ?id ; {_iri(CG.inCablegateDump)} ?inDump }} }}
            WHERE {{
              {{ SELECT ?cited (SAMPLE(?anId) AS ?id) (SAMPLE(?flag) AS ?inDump) WHERE {{
                  {{ SELECT DISTINCT ?cited WHERE {{ GRAPH ?g {{ ?reference {cited_cable} ?cited }} }} }}
                  MINUS {{ SELECT ?cited WHERE {{ GRAPH ?cited {{ ?cited a {_iri(CG.Cable)} }} }} }}
                  OPTIONAL {{ SELECT DISTINCT ?cited ?anId WHERE {{ GRAPH ?g {{ ?cited {_iri(DCTERMS.identifier)} ?anId }} }} }}
                  OPTIONAL {{ SELECT DISTINCT ?cited ?flag WHERE {{ GRAPH ?g {{ ?cited {_iri(CG.inCablegateDump)} ?flag }} }} }}
              }} GROUP BY ?cited }}
            }}"""
        )

    # -- reading ----------------------------------------------------------

    def query(self, sparql: str, **kwargs):
        return self.store.query(sparql, prefixes=PREFIXES, **kwargs)

    def stats(self) -> dict:
        """Counts per class (distinct nodes typed so in any graph) and per graph kind."""
        classes = {
            row["class"].value: int(row["n"].value)
            for row in self.query(
                "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?class } } GROUP BY ?class"
            )
        }
        graphs = {"cable": {"graphs": 0, "quads": 0}}
        for row in self.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
            name, count = row["g"].value, int(row["n"].value)
            if name.startswith(CABLE_PREFIX):
                graphs["cable"]["graphs"] += 1
                graphs["cable"]["quads"] += count
            else:
                graphs[name] = {"graphs": 1, "quads": count}
        return {
            "cables": graphs["cable"]["graphs"],
            "quads": sum(g["quads"] for g in graphs.values()),
            "classes": dict(sorted(classes.items())),
            "graphs": graphs,
        }

    def export(self, output: BinaryIO, format: str = "nquads") -> None:
        """Stream the store in an RDF format. Triple formats (Turtle, N-Triples)
        get the union of all graphs; a triple stated in several graphs is
        written once per graph."""
        rdf_format = EXPORT_FORMATS[format]
        if rdf_format.supports_datasets:
            self.store.dump(output, format=rdf_format, prefixes=_export_prefixes(rdf_format))
        else:
            triples = (Triple(q.subject, q.predicate, q.object) for q in self.store)
            pyoxigraph.serialize(triples, output, format=rdf_format, prefixes=_export_prefixes(rdf_format))

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self.store.flush()

    def close(self) -> None:
        self.flush()
        del self.store


class _JournalledStream:
    """Cables' N-Quads as one binary stream for ``bulk_load``, journalled as it goes.

    Before it hands over the quads of the next cables (up to ``GROUP`` at a
    time, as they come), one transaction lists them in the pending graph and
    drops their old graphs; the caller takes them out of it once the bulk load
    returns. The cables of a batch are so never held together in memory,
    and a batch may be large: fewer, larger bulk loads leave RocksDB less to
    compact. ``read(n)`` never returns more than ``n`` bytes (pyoxigraph aborts
    the process when a reader does)."""

    GROUP = 100

    def __init__(self, store: CableStore, cables: Iterable[tuple[str, bytes]]):
        self._store = store
        self._cables = iter(cables)
        self._next: list[tuple[str, bytes]] = []  # taken from the input, not yet handed over
        self.in_load: set[str] = set()  # the cables of the current bulk load
        self._given: set[str] = set()  # every cable handed over by this stream
        self._load_ends = False
        self._parts: deque[bytes] = deque()
        self._current = memoryview(b"")
        self.replaced: list[str] = []  # cables that were in the store before this stream

    def start_load(self) -> bool:
        """Begin the next bulk load; False when every cable has been handed over."""
        self.in_load.clear()
        self._load_ends = False
        self._next = self._next_group()
        return bool(self._next)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while not self._current:
            if self._parts:
                self._current = memoryview(self._parts.popleft())
            elif self._load_ends:
                return b""
            else:
                self._hand_over(self._next_group())
        if size is None or size < 0:
            size = len(self._current)
        out = self._current[:size].tobytes()
        self._current = self._current[len(out):]
        return out

    def _next_group(self) -> list[tuple[str, bytes]]:
        """The cables kept back from the last load, or the next ones of the input."""
        return self._next or list(islice(self._cables, self.GROUP))

    def _hand_over(self, group: list[tuple[str, bytes]]) -> None:
        """Journal ``group`` up to its first cable already in this load (kept for
        the next one) and queue their quads; an empty group ends the load."""
        self._next = []
        for index, (reference_id, _) in enumerate(group):
            if reference_id in self.in_load:
                group, self._next = group[:index], group[index:]
                self._load_ends = True
                break
            self.in_load.add(reference_id)
        if not group:
            self._load_ends = True
            return
        ids = [reference_id for reference_id, _ in group]
        present = [rid for rid in ids if self._store.has_cable(rid)]
        self.replaced += [rid for rid in present if rid not in self._given]
        self._given.update(ids)
        self._store.store.update(";\n".join(_drops(present) + [f"INSERT DATA {{ GRAPH {_iri(PENDING_GRAPH)} {{ {_journal(ids)} }} }}"]))
        self._parts.extend(data for _, data in group)


def _drops(reference_ids: Iterable[str]) -> list[str]:
    """SPARQL Update operations dropping these cables' graphs."""
    return [f"DROP SILENT GRAPH {_iri(cable_iri(rid))}" for rid in reference_ids]


def _journal(reference_ids: Iterable[str]) -> str:
    """The pending graph's triples listing these cables."""
    return " ".join(f"{_iri(cable_iri(rid))} {_iri(CG.loadPending)} true ." for rid in reference_ids)


def _export_prefixes(rdf_format: RdfFormat) -> dict[str, str] | None:
    if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG):
        return {**PREFIXES, "cable": CABLE_PREFIX}
    return None
