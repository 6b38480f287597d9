"""Load cables into a store: the library API behind ``cablegraph load``.

paths -> readers (this process) -> parse and map (worker processes, all cores)
-> store (this process, one transaction per batch).

>>> summary = load_paths(["examples/"], "cablegraph-store")      # doctest: +SKIP
>>> summary.loaded, summary.replaced, len(summary.rejected)        # doctest: +SKIP

Workers return each cable as N-Quads bytes, which the store parses in Rust,
so the main process does little more than read files and commit batches.
Results come back in input order: when the same cable occurs twice, the later
one wins, as it would in a sequential load.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cablegraph.memory import release_free_memory
from cablegraph.store import DEFAULT_STORE_PATH, CableStore

# A batch (one bulk load) closes at this many cables or this many quads,
# whichever comes first. Fewer, larger bulk loads leave RocksDB less to
# compact, but the bulk loader holds about 0.8-1 GB a million quads of a batch
# (one bulk load alone: 586 MB at 600,000 quads, 1,249 MB at 1,200,000, 2.3 GB
# from 3,000,000 on), and two batches are written at once (see _BatchWriter). 50,000 cables
# without extraction, streamed one batch at a time: 5,000 cables a batch
# 87.6 s, 157 s of CPU, peak RSS of the load and its workers 1,159 MB; 10,000
# cables or 1,500,000 quads 93.4 s, 154 s, 1,895 MB (one run each, busy
# machine). Two at once, 5,000 a batch: 74.4 s, 146 s, 1,811 MB
# (bench/load.py). With extraction (274 quads a cable) the quads bound closes
# a batch at about 4,400 cables.
DEFAULT_BATCH_SIZE = 5000
DEFAULT_BATCH_QUADS = 1_200_000


@dataclass(frozen=True)
class Rejected:
    """An input that did not become a cable graph, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class MappedCable:
    reference_id: str
    nquads: bytes
    quads: int


@dataclass
class LoadSummary:
    loaded: int = 0  # cables new to the store
    replaced: int = 0  # cables whose earlier graph was replaced
    quads: int = 0  # quads written (cable graphs only)
    rejected: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0
    written: list[str] = field(default_factory=list)  # reference IDs committed, in order
    validation: object = None  # a ValidationReport of the loaded cables, with validate=True
    refused: list[str] = field(default_factory=list)  # cables removed again for violations (strict)
    phases: dict[str, float] = field(default_factory=dict)  # seconds: "write", "status", "validation"

    @property
    def cables(self) -> int:
        return self.loaded + self.replaced

    @property
    def processed(self) -> int:
        return self.cables + len(self.rejected)

    def as_dict(self) -> dict:
        return {
            "loaded": self.loaded,
            "replaced": self.replaced,
            "rejected": len(self.rejected),
            "quads": self.quads,
            "seconds": round(self.seconds, 2),
            "phases": {phase: round(seconds, 2) for phase, seconds in self.phases.items()},
            "rejections": [{"source": r.source, "reason": r.reason} for r in self.rejected],
            **({"validation": {"counts": self.validation.counts(), "failing": self.validation.failing_cables(),
                               "refused": self.refused}} if self.validation is not None else {}),
        }


ProgressCallback = Callable[[LoadSummary], None]


def cable_to_nquads(cable_text, extract: bool = True) -> MappedCable | Rejected:
    """Parse and map one cable text (with the entities of its body when
    ``extract``); never raises for a bad cable."""
    from cablegraph.loader.mapping import map_cable_nquads
    from cablegraph.loader.parser import parse_cable

    source = _describe(cable_text.source)
    try:
        record = parse_cable(cable_text)
        if not record.reference_id and record.source.given_id:
            record.reference_id = record.source.given_id
            record.warnings.append("reference ID taken from the input, not derived from the text")
        if not record.reference_id:
            return Rejected(source, "no reference ID in the text or the input")
        entities, entity_count = _entity_nquads(record) if extract else (b"", 0)  # first: a failure is a warning
        nquads, count = map_cable_nquads(record)  # N-Quads text, no Quad objects (see mapping)
        nquads += entities
        count += entity_count
    except Exception as error:  # a bad cable must not stop the load
        return Rejected(source, f"{type(error).__name__}: {error}")
    return MappedCable(record.reference_id, nquads, count)


def _entity_nquads(record) -> tuple[bytes, int]:
    """The quads of the entities of a cable's body (N-Quads, and how many); a
    failure of extraction keeps the cable, with a parser warning saying so."""
    from cablegraph.extract import extract_entities
    from cablegraph.loader.entity_mapping import entity_nquads

    try:
        return entity_nquads(record, extract_entities(record))
    except Exception as error:
        record.warnings.append(f"entity extraction failed: {type(error).__name__}: {error}")
        return b"", 0


def _map_chunk(chunk: list, extract: bool = True) -> list[MappedCable | Rejected]:
    return [cable_to_nquads(item, extract) for item in chunk]


def _describe(source) -> str:
    where = source.path or "<input>"
    if source.line is not None:
        where += f":{source.line}"
    return where


def _chunks(items: Iterable, size: int, summary: LoadSummary) -> Iterator[list]:
    from cablegraph.loader.sources import Rejection

    chunk: list = []
    for item in items:
        if isinstance(item, Rejection):
            where = item.path if item.line is None else f"{item.path}:{item.line}"
            summary.rejected.append(Rejected(where, item.reason))
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _worker_pool(processes: int):
    """A pool of ``processes`` workers, or None to map in this process.

    Created before the store is opened, so that forked workers inherit no
    store handles or threads."""
    if processes <= 1:
        return contextlib.nullcontext(None)
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    return context.Pool(processes)


def _mapped_in_order(chunks: Iterator[list], pool, processes: int,
                     extract: bool = True) -> Iterator[list[MappedCable | Rejected]]:
    """Map chunks on the pool, in input order, holding a bounded number of
    chunks in flight (``Pool.imap`` would read the whole input ahead)."""
    if pool is None:
        yield from (_map_chunk(chunk, extract) for chunk in chunks)
        return
    pending: deque = deque()
    for chunk in chunks:
        pending.append(pool.apply_async(_map_chunk, (chunk, extract)))
        if len(pending) >= processes * 3:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def load_paths(
    paths: Iterable[str | os.PathLike],
    store: CableStore | str | Path = DEFAULT_STORE_PATH,
    *,
    processes: int | None = None,
    chunk_size: int = 100,
    batch_size: int = DEFAULT_BATCH_SIZE,
    batch_quads: int = DEFAULT_BATCH_QUADS,
    progress: ProgressCallback | None = None,
    validate: bool = False,
    strict: bool = False,
    extract: bool = True,
) -> LoadSummary:
    """Read, parse, map and store every cable in ``paths``.

    Cables are committed in whole batches of at most ``batch_size`` cables
    and (but for a single cable) ``batch_quads`` quads (one bulk load each, see
    :class:`_BatchWriter`); a cable already in the store is
    replaced. Bad inputs are listed in ``summary.rejected`` and the load goes
    on.

    With ``validate`` (or ``strict``), the cables loaded are validated against
    the SHACL shapes once the status graph is current (so that citations of
    cables loaded later in the same run resolve), into ``summary.validation``;
    with ``strict``, cables with a violation are removed again and listed in
    ``summary.refused``.

    With ``extract`` (the default), the officials, states, events and
    missions of each cable's body are extracted in the workers and stored in
    its graph (:mod:`cablegraph.loader.entity_mapping`).
    """
    from cablegraph.loader.sources import iter_cable_texts

    started = time.perf_counter()
    summary = LoadSummary()
    processes = processes or os.cpu_count() or 1
    chunks = _chunks(iter_cable_texts(paths), chunk_size, summary)
    owns_store = not isinstance(store, CableStore)
    with _worker_pool(processes) as pool:  # forked before the store is opened
        cable_store = CableStore(store) if owns_store else store
        try:
            _write_mapped(_mapped_in_order(chunks, pool, processes, extract), cable_store, summary,
                          batch_size, batch_quads, progress)
        except BaseException:
            summary.seconds = time.perf_counter() - started
            _release(cable_store, owns_store)
            raise
    # the workers have exited: the status graph and the validation run without them
    try:
        summary.phases["write"] = time.perf_counter() - started
        release_free_memory()
        cable_store.refresh_status()
        summary.phases["status"] = time.perf_counter() - started - summary.phases["write"]
        if validate or strict:
            release_free_memory()
            _validate_loaded(cable_store, summary, strict)
            summary.phases["validation"] = time.perf_counter() - started - sum(summary.phases.values())
        if progress:
            progress(summary)
    finally:
        summary.seconds = time.perf_counter() - started
        _release(cable_store, owns_store)
    return summary


def _write_mapped(mapped: Iterator[list[MappedCable | Rejected]], cable_store: CableStore, summary: LoadSummary,
                  batch_size: int, batch_quads: int, progress: ProgressCallback | None) -> None:
    """Hand the mapped cables to the writer as they come; list the rejected ones in ``summary``."""
    writer = _BatchWriter(cable_store, summary, batch_size, batch_quads)
    try:
        for results_of_chunk in mapped:
            summary.rejected.extend(r for r in results_of_chunk if isinstance(r, Rejected))
            writer.submit([r for r in results_of_chunk if isinstance(r, MappedCable)])
            if progress:
                progress(summary)
    finally:
        writer.finish()  # the batch being written completes with the cables already handed over


def _release(cable_store: CableStore, owns_store: bool) -> None:
    if owns_store:
        cable_store.close()
    else:
        cable_store.flush()


class _BatchWriter:
    """Writes the mapped cables from a thread of its own, in order, so that
    writing the store (pyoxigraph releases the GIL) overlaps reading the input.

    Each batch is one bulk load, which reads its cables as the workers map
    them (:meth:`CableStore.write_cables` takes them as a stream): no batch is
    held in memory, and a batch closes at ``batch_size`` cables or (but for a
    single cable) ``batch_quads`` quads. Once a batch has taken its last cable,
    the next one starts in a thread of its own while the bulk loader still
    sorts and writes the first (it reads no input meanwhile: with one batch at
    a time the workers stood idle for seconds at each batch's end). A cable
    of the batch still being written waits for it, so that the later version
    wins.

    It first brings the store's reference data up to date (1.8 s into a new
    store), while the workers map the first cables instead of waiting for it."""

    QUEUE_DEPTH = 40  # chunks of mapped cables waiting for the writer

    def __init__(self, store: CableStore, summary: LoadSummary, batch_size: int, batch_quads: int):
        self.store = store
        self.summary = summary
        self.batch_size = batch_size
        self.batch_quads = batch_quads
        self.error: BaseException | None = None
        self.queue: queue.Queue = queue.Queue(maxsize=self.QUEUE_DEPTH)
        self.waiting: deque[MappedCable] = deque()  # taken from the queue, not yet in a batch
        self.input_ended = False
        self.thread = threading.Thread(target=self._run, name="cablegraph-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        batches: deque[_Batch] = deque()  # started and not yet counted: at most two
        try:
            self.store.ensure_reference_data()
            while self._more():
                batch = _Batch(batches[-1] if batches else None)
                batches.append(batch)
                threading.Thread(target=self._write, args=(batch,), name="cablegraph-batch", daemon=True).start()
                batch.streamed.wait()
                if batch.error is not None:  # failed while reading its cables: start no other
                    raise batch.error
                if len(batches) == 2:
                    self._count(batches.popleft())
            while batches:
                self._count(batches.popleft())
        except BaseException as error:  # reported to the reading thread
            self.error = error
            for batch in batches:
                batch.written.wait()
            while not self.input_ended:  # the reading thread must not block on a full queue
                self._take()
                self.waiting.clear()

    def _write(self, batch: _Batch) -> None:
        try:
            batch.replaced = self.store.write_cables(self._cables_of(batch))
        except BaseException as error:  # counted (and raised) in order by _run
            batch.error = error
        finally:
            batch.previous = None
            batch.streamed.set()
            batch.written.set()

    def _count(self, batch: _Batch) -> None:
        batch.written.wait()
        if batch.error is not None:
            raise batch.error
        _count_committed(batch.cables, batch.replaced, self.summary)

    def _more(self) -> bool:
        if not self.waiting and not self.input_ended:
            self._take()
        return bool(self.waiting)

    def _take(self) -> None:
        chunk = self.queue.get()
        if chunk is None:
            self.input_ended = True
        else:
            self.waiting.extend(chunk)

    def _cables_of(self, batch: _Batch) -> Iterator[tuple[str, bytes]]:
        """The next batch's cables, noted in ``batch`` as they are given."""
        quads = 0
        try:
            while self._more():
                cable = self.waiting[0]
                if batch.cables and (len(batch.cables) >= self.batch_size or quads + cable.quads > self.batch_quads):
                    return
                previous = batch.previous
                if previous is not None and cable.reference_id in previous.ids:
                    previous.written.wait()
                self.waiting.popleft()
                batch.cables.append((cable.reference_id, cable.quads))
                batch.ids.add(cable.reference_id)
                quads += cable.quads
                yield cable.reference_id, cable.nquads
        finally:
            batch.streamed.set()

    def submit(self, cables: list[MappedCable]) -> None:
        if self.error is not None:
            raise self.error
        if cables:
            self.queue.put(cables)

    def finish(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


class _Batch:
    """A batch being written: its cables (ID and quads) as they are handed over."""

    def __init__(self, previous: _Batch | None):
        self.previous = previous  # the batch before, until this one is written
        self.cables: list[tuple[str, int]] = []
        self.ids: set[str] = set()
        self.replaced: list[str] = []
        self.error: BaseException | None = None
        self.streamed = threading.Event()  # its last cable is handed over
        self.written = threading.Event()  # its bulk load returned (or failed)


def _count_committed(cables: list[tuple[str, int]], replaced: list[str], summary: LoadSummary) -> None:
    latest = dict(cables)
    summary.replaced += len(replaced)
    summary.loaded += len(latest) - len(replaced)
    # a cable twice in one batch: its first version was replaced too
    summary.replaced += len(cables) - len(latest)
    summary.quads += sum(latest.values())
    summary.written.extend(latest)


def _validate_loaded(store: CableStore, summary: LoadSummary, strict: bool) -> None:
    from cablegraph.validation import validate_cables

    summary.validation = validate_cables(store, summary.written)
    if strict:
        summary.refused = summary.validation.failing_cables("violation")
        store.remove_cables(summary.refused)
        store.refresh_status()
