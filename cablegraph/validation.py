"""Validate a store against the shipped SHACL shapes: the library API behind
``cablegraph validate`` and ``cablegraph load --validate``.

>>> report = validate_store(CableStore("cablegraph-store"))          # doctest: +SKIP
>>> report.conforms, report.counts()                                  # doctest: +SKIP
(False, {'violation': 9, 'warning': 43, 'info': 31})

The shapes are compiled to SPARQL (:mod:`cablegraph.shacl`) and run in the
store, over the union of its graphs. ``conforms`` is true when there is no
violation: warnings and infos are reported but do not fail it (as pyshacl's
``allow_warnings``/``allow_infos``).
"""
from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice

from pyoxigraph import BlankNode, NamedNode

from cablegraph.namespaces import CABLE_PREFIX, PREFIXES, cable_iri
from cablegraph.shacl import Constraint, fill_subclasses, shipped_constraints

SEVERITY_ORDER = ("violation", "warning", "info")


@dataclass(frozen=True, slots=True)  # slots: a whole-dump validation holds about a million
class ValidationResult:
    """One sh:ValidationResult. Terms are pyoxigraph terms (``value`` may be None)."""

    cable: str | None  # the cable the focus node belongs to (its IRI or a part of it); None for shared nodes
    severity: str  # violation | warning | info
    shape: str
    focus: object
    path: str | None = None
    value: object = None
    message: str = ""
    component: str = ""
    source_constraint: str | None = None

    @classmethod
    def make(cls, constraint: Constraint, focus, value) -> "ValidationResult":
        return cls(
            cable=cable_of(focus), severity=constraint.severity, shape=constraint.shape, focus=focus,
            path=constraint.path, value=value, message=constraint.message, component=constraint.component,
            source_constraint=constraint.source_constraint,
        )

    @property
    def focus_key(self) -> str:
        """The focus node in N-Triples syntax."""
        return str(self.focus)

    @property
    def value_key(self) -> str:
        """The value in N-Triples syntax ("" for none)."""
        return "" if self.value is None else str(self.value)

    def key(self) -> tuple:
        """What identifies a result, in N-Triples syntax (for comparing validators)."""
        return (self.focus_key, self.path, self.value_key or None, self.shape, self.severity, self.component)


def cable_of(node) -> str | None:
    """The reference ID of the cable a node belongs to (``cable/X`` or ``cable/X#part``)."""
    if isinstance(node, NamedNode) and node.value.startswith(CABLE_PREFIX):
        return node.value[len(CABLE_PREFIX):].split("#", 1)[0] or None
    return None


@dataclass
class ValidationReport:
    results: list[ValidationResult]
    cables_checked: int | None = None  # None: the whole store
    seconds: float = 0.0
    queries: int = 0

    @property
    def conforms(self) -> bool:
        return not any(r.severity == "violation" for r in self.results)

    def counts(self) -> dict[str, int]:
        counter = Counter(r.severity for r in self.results)
        return {severity: counter.get(severity, 0) for severity in SEVERITY_ORDER}

    def by_shape(self) -> list[tuple[str, str, int]]:
        """(shape, severity, count), most frequent first."""
        counter = Counter((r.shape, r.severity) for r in self.results)
        return [(shape, severity, n) for (shape, severity), n in sorted(counter.items(), key=lambda i: (-i[1], i[0]))]

    def by_path(self) -> list[tuple[str, int]]:
        counter = Counter(r.path or "(node)" for r in self.results)
        return sorted(counter.items(), key=lambda i: (-i[1], i[0]))

    def by_cable(self) -> dict[str | None, list[ValidationResult]]:
        """Results grouped by cable, cables in order, shared nodes (None) last."""
        groups: dict[str | None, list[ValidationResult]] = defaultdict(list)
        for result in self.results:
            groups[result.cable].append(result)
        return dict(sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or "")))

    def failing_cables(self, severity: str = "violation") -> list[str]:
        """Cables with a result of ``severity`` or worse."""
        worst = SEVERITY_ORDER[: SEVERITY_ORDER.index(severity) + 1]
        return sorted({r.cable for r in self.results if r.cable and r.severity in worst})

    def fails(self, fail_on: str) -> bool:
        """Whether a report fails a run with ``--fail-on`` violation|warning|never."""
        if fail_on == "never":
            return False
        counts = self.counts()
        return counts["violation"] > 0 or (fail_on == "warning" and counts["warning"] > 0)


def subclass_table(store, constraints: Iterable[Constraint]) -> dict[str, list[str]]:
    """Each class the constraints name -> itself and its subclasses in the data graph."""
    classes = sorted({cls for c in constraints for cls in c.classes()})
    table = {cls: [cls] for cls in classes}
    if classes:
        values = " ".join(f"<{cls}>" for cls in classes)
        query = (f"SELECT DISTINCT ?c ?sub WHERE {{ VALUES ?c {{ {values} }} "
                 f"?sub <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ ?c }}")
        for row in store.query(query, use_default_graph_as_union=True):
            if isinstance(row["sub"], NamedNode):
                table[row["c"].value].append(row["sub"].value)
    return table


# a scan of a path reads a triple for about what a probe of the store for one
# focus node costs divided by this (measured: ~0.3-0.5 us against ~5 us)
SCAN_PER_PROBE = 8


def _count(store, query: str) -> int:
    rows = store.query(query, use_default_graph_as_union=True)
    try:
        return int(next(iter(rows))["n"].value)
    finally:
        del rows


def whole_store_plans(store, constraints: list[Constraint], subclasses: dict, pool) -> dict[Constraint, bool]:
    """For each constraint with a :attr:`~Constraint.whole` body, whether to
    probe target by target (True) rather than scan its path: a scan pays when
    the path has at most ``SCAN_PER_PROBE`` triples a target. Targets are
    counted once per target set, triples once per path (up to where the answer
    is known)."""
    scanning = [c for c in constraints if c.whole and c.path]
    target_sets = sorted({c.targets for c in scanning})
    counts = dict(zip(target_sets, pool.map(lambda t: _count(store, fill_subclasses(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?this WHERE {{ {t} }} }}", subclasses)), target_sets)))
    limits: dict[str, int] = {}
    for c in scanning:
        limits[c.path] = max(limits.get(c.path, 0), SCAN_PER_PROBE * counts[c.targets] + 1)
    paths = sorted(limits)
    sizes = dict(zip(paths, pool.map(lambda p: _count(store, (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT ?_s WHERE {{ ?_s <{p}> ?_o }} LIMIT {limits[p]} }}")), paths)))
    return {c: sizes[c.path] > SCAN_PER_PROBE * counts[c.targets] for c in scanning}


def _rows(store, query: str) -> list:
    rows = store.query(query, use_default_graph_as_union=True)
    try:
        return [row[0] for row in rows]
    finally:
        del rows


def scoped_focus(store, scope: list[str], constraints: list[Constraint], subclasses: dict, pool) -> dict[str, list[str]] | None:
    """Each target set of ``constraints`` -> its focus nodes among the nodes
    the graphs ``scope`` mention (as subject or object), in N-Triples syntax,
    found once per target set instead of once per constraint (the scope and
    the targets joined by hash, as :meth:`Constraint.query` joins them). None
    when a focus node is a blank node (which a query cannot name): the
    constraints then scope themselves."""
    values = " ".join(f"<{g}>" for g in scope)
    mentioned = (f"{{ SELECT DISTINCT ?this WHERE {{ VALUES ?_g {{ {values} }} "
                 "{ GRAPH ?_g { ?this ?_sp ?_so } } UNION { GRAPH ?_g { ?_ss ?_sp ?this } } } }")
    target_sets = sorted({c.targets for c in constraints})
    found = list(pool.map(lambda t: _rows(store, fill_subclasses(
        f"SELECT ?this WHERE {{ {mentioned} {{ SELECT DISTINCT ?this WHERE {{ {t} }} }} }}", subclasses)), target_sets))
    if any(isinstance(n, BlankNode) for nodes in found for n in nodes):
        return None
    return {t: [str(n) for n in nodes] for t, nodes in zip(target_sets, found)}


# candidates checked to be targets per query (a VALUES block of this many nodes)
TARGET_CHECK_CHUNK = 5000


def _run(store, constraint: Constraint, scope: list[str] | None, subclasses: dict,
         probe: bool = False, focus: dict[str, list[str]] | None = None) -> list[ValidationResult]:
    if scope is None and focus is None and not probe and constraint.whole_binds_focus:
        return _run_whole_alone(store, constraint, subclasses)
    if focus is not None:
        nodes = focus[constraint.targets]
        if not nodes:
            return []
        query = constraint.query(None, subclasses, focus_nodes=nodes)
    else:
        query = constraint.query(scope, subclasses, probe=probe)
    return _results(store, constraint, query)


def _results(store, constraint: Constraint, query: str) -> list[ValidationResult]:
    rows = store.query(query, use_default_graph_as_union=True)
    try:
        return [ValidationResult.make(constraint, row["this"], row["value"]) for row in rows]
    finally:
        del rows  # pyoxigraph solutions must be dropped on the thread that made them


def _run_whole_alone(store, constraint: Constraint, subclasses: dict) -> list[ValidationResult]:
    """A whole-store constraint whose body binds ?this: the body alone, then
    the targets among its rows (usually none; the unknown addressees' hints
    are the most, 3.3 a cable). Joined to the enumerated target set
    instead, the same query cost about six times the CPU and held 150-300 MB
    more on a 48,192-cable store (``sh:datatype`` of ``cg:confidence``: 2.06 s
    and +178 MB joined, 0.29 s and +3 MB alone)."""
    rows = store.query(constraint.whole_alone_query(subclasses), use_default_graph_as_union=True)
    try:
        candidates = [(row["this"], row["value"]) for row in rows]
    finally:
        del rows
    if any(isinstance(node, BlankNode) for node, _ in candidates):  # a query cannot name them
        return _results(store, constraint, constraint.query(None, subclasses))
    nodes = list(dict.fromkeys(str(node) for node, _ in candidates))
    targets: set[str] = set()
    for start in range(0, len(nodes), TARGET_CHECK_CHUNK):
        query = constraint.targets_among(nodes[start:start + TARGET_CHECK_CHUNK], subclasses)
        targets.update(str(node) for node in _rows(store, query))
    return [ValidationResult.make(constraint, node, value) for node, value in candidates if str(node) in targets]


# Validating the whole store of the full dump (244,590 cable graphs, 68 M quads) in
# two threads took 6 min 20 s and peaked at 4,222 MB, in one 10 min 58 s and 2,603 MB:
# two queries side by side each hold their hash tables. Above this many cables, one.
ONE_THREAD_ABOVE_CABLES = 100_000


def validate_store(
    store,
    cables: Iterable[str] | None = None,
    *,
    constraints: Iterable[Constraint] | None = None,
    threads: int | None = None,
) -> ValidationReport:
    """Validate ``store`` (a :class:`~cablegraph.store.CableStore` or a
    ``pyoxigraph.Store``) against the shapes.

    With ``cables`` (reference IDs), only the nodes those cables' graphs
    mention are focus nodes: the cables, their parts and the missions, TAGS,
    states and people they point to. Values are read from the whole store.

    ``threads``: by default two, but one for the whole of a store of more
    than :data:`ONE_THREAD_ABOVE_CABLES` cables, to bound its memory.
    """
    started = time.perf_counter()
    oxigraph_store = getattr(store, "store", store)
    scope = None if cables is None else [cable_iri(rid).value for rid in dict.fromkeys(cables)]
    if threads is None:
        threads = 1 if scope is None and _holds_more_graphs(oxigraph_store, ONE_THREAD_ABOVE_CABLES) else 2
    compiled = list(shipped_constraints() if constraints is None else constraints)
    results: set[ValidationResult] = set()
    if scope == []:
        compiled = []
    subclasses = subclass_table(oxigraph_store, compiled)
    # pyoxigraph evaluates queries without the GIL: two threads use both cores
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        probe, focus = {}, None
        if scope is None:
            probe = whole_store_plans(oxigraph_store, compiled, subclasses, pool)
        elif compiled:
            focus = scoped_focus(oxigraph_store, scope, compiled, subclasses, pool)

        def run(constraint: Constraint) -> list[ValidationResult]:
            return _run(oxigraph_store, constraint, scope, subclasses, probe.get(constraint, False), focus)

        def heavy(constraint: Constraint) -> bool:  # its whole-store body hashes a path
            return scope is None and not probe.get(constraint, False) and constraint.whole_hashes_path

        for found in _one_heavy_at_a_time(pool, max(1, threads), compiled, run, heavy):
            results.update(found)
    return ValidationReport(
        results=sorted(results, key=_sort_key),
        cables_checked=None if scope is None else len(scope),
        seconds=time.perf_counter() - started,
        queries=len(compiled),
    )


def _holds_more_graphs(store, count: int) -> bool:
    return next(islice(store.named_graphs(), count, None), None) is not None


def _one_heavy_at_a_time(pool: ThreadPoolExecutor, lanes: int, constraints: list[Constraint],
                         run: Callable[[Constraint], list[ValidationResult]],
                         heavy: Callable[[Constraint], bool]) -> list[list[ValidationResult]]:
    """``run`` of every constraint in ``lanes`` threads of the pool, never two
    ``heavy`` ones at once: each holds a hash table over a whole path (up to a
    few GB on the full dump), and two of them side by side set the peak
    memory. A lane takes a heavy constraint when none is running, else a light
    one, else it waits for the running heavy one to end; so the heavy ones run
    one after another while the light ones fill the other lanes."""
    heavy_queue = deque(c for c in constraints if heavy(c))
    light_queue = deque(c for c in constraints if not heavy(c))
    queues = threading.Lock()
    heavy_slot = threading.Semaphore(1)

    def lane() -> list[list[ValidationResult]]:
        found = []
        while True:
            with queues:
                if heavy_queue and heavy_slot.acquire(blocking=False):
                    constraint, is_heavy = heavy_queue.popleft(), True
                elif light_queue:
                    constraint, is_heavy = light_queue.popleft(), False
                elif heavy_queue:
                    constraint, is_heavy = None, False
                else:
                    return found
            if constraint is None:  # only heavy ones left: wait for the slot, then look again
                heavy_slot.acquire()
                heavy_slot.release()
                continue
            try:
                found.append(run(constraint))
            finally:
                if is_heavy:
                    heavy_slot.release()

    running = [pool.submit(lane) for _ in range(lanes)]
    return [found for done in running for found in done.result()]


def _sort_key(result: ValidationResult) -> tuple:
    return (result.cable is None, result.cable or "", SEVERITY_ORDER.index(result.severity),
            result.focus_key, result.path or "", result.shape, result.value_key)


def compact(iri: str | None) -> str:
    """``cg:origin`` for an IRI in a known namespace."""
    if iri is None:
        return ""
    for prefix, namespace in {**PREFIXES, "cgsh": "https://cablegraph.org/shapes#", "sh": "http://www.w3.org/ns/shacl#",
                              "cable": CABLE_PREFIX}.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri



def validate_cables(store, cables: Iterable[str], scoped_up_to: int = 2000) -> ValidationReport:
    """Validate the cables ``cables`` (e.g. those a load just wrote).

    Up to ``scoped_up_to`` cables, the queries are scoped to their graphs (and
    the shared nodes they point to are checked too). Beyond, the whole store is
    validated once and the results on these cables are kept. Measured on a
    48,192-cable store (CPU, two threads): the whole store 107 s (2.2 ms a
    cable; 160 s before the value tests ran without the target set), 1,000
    cables scoped 37 s (37 ms a cable: each target set is still enumerated
    once per call, over the store), so scoping pays below about a fifteenth
    of the store; on a 5,000-cable store 1,000 scoped cables (30 s) cost
    more than the whole store (15 s).
    """
    ids = list(dict.fromkeys(cables))
    if len(ids) <= scoped_up_to:
        return validate_store(store, ids)
    full = validate_store(store)
    wanted = set(ids)
    return ValidationReport(results=[r for r in full.results if r.cable in wanted], cables_checked=len(ids),
                            seconds=full.seconds, queries=full.queries)
