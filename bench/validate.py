"""Time validation of a bench store: the compiled validator against its load,
and pyshacl in batches as the baseline, in the same run.

    python bench/validate.py --count 10000 --workdir /tmp/vbench
    python bench/validate.py --count 50000 --workdir /tmp/vbench --pyshacl-cables 10000
    python bench/validate.py --store-dir /tmp/q50/store --slowest 25 --skip-pyshacl
    python bench/validate.py --store-dir /tmp/q50/store --scoped 1000 --skip-pyshacl --keys /tmp/keys.txt

The corpus comes from ``bench/make_corpus.py`` (``cables-<N>.csv``, made when
missing) and is loaded into ``store-<N>`` (reused when it holds the cables).
Each phase runs in a child process of its own, so that its peak RSS is its own:

- load: ``load_paths`` on all cores (skipped when the store is reused);
- compiled: ``validate_store`` on the whole store (the shapes compiled to SPARQL);
- pyshacl: batches of ``--batch`` cables, each the batch's graphs plus the
  facts two steps out (:func:`cablegraph.shacl_reference.neighbourhood_quads`),
  validated by pyshacl on ``--processes`` processes; ``--pyshacl-cables`` limits
  it to the first N cables (the time for all is then extrapolated, and said so);
- slowest (``--slowest N``): each compiled query alone, on one thread, with its
  CPU time; the N slowest are printed with their share of the total;
- scoped (``--scoped N``): ``validate_cables`` on batches of N cables (as
  ``cablegraph load --validate`` runs it), CPU and wall time per batch.

``--store-dir`` validates an existing store, opened read-only (nothing is
loaded); ``--keys FILE`` writes the sorted result keys of the whole-store
report, to compare two versions of the validator.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_load(csv: Path, store: Path) -> dict:
    from cablegraph.pipeline import load_paths

    summary = load_paths([csv], store)
    return {"seconds": summary.seconds, "cables": summary.cables, "quads": summary.quads}


def phase_compiled(store: Path, keys: Path | None = None) -> dict:
    from cablegraph.store import CableStore
    from cablegraph.validation import validate_store

    cable_store = CableStore(store, read_only=True)
    cpu = time.process_time()
    report = validate_store(cable_store)
    cpu = time.process_time() - cpu
    on_cables = [r for r in report.results if r.cable]
    out = {"seconds": report.seconds, "cpu_seconds": cpu, "results": len(report.results), "counts": report.counts(),
           "cable_results": len(on_cables), "cable_counts": _counts(r.severity for r in on_cables),
           "queries": report.queries}
    if keys:
        keys.write_text("".join(f"{k!r}\n" for k in sorted(repr(r.key()) for r in report.results)))
    del cable_store
    return out


def phase_slowest(store: Path, top: int) -> dict:
    """Each compiled query alone, on this thread: CPU and wall seconds."""
    from cablegraph.shacl import shipped_constraints
    from cablegraph.store import CableStore
    from concurrent.futures import ThreadPoolExecutor

    from cablegraph.validation import _run, subclass_table, whole_store_plans

    oxigraph_store = CableStore(store, read_only=True).store
    constraints = list(shipped_constraints())
    subclasses = subclass_table(oxigraph_store, constraints)
    cpu = time.process_time()
    with ThreadPoolExecutor(1) as pool:
        probe = whole_store_plans(oxigraph_store, constraints, subclasses, pool)
    planning = time.process_time() - cpu
    timings = []
    for constraint in constraints:
        cpu, wall = time.process_time(), time.perf_counter()
        found = _run(oxigraph_store, constraint, None, subclasses, probe.get(constraint, False))
        timings.append((time.process_time() - cpu, time.perf_counter() - wall, len(found),
                        constraint.shape.rsplit("#", 1)[-1], constraint.component.rsplit("#", 1)[-1]))
    timings.sort(reverse=True)
    return {"queries": len(timings), "planning_cpu_seconds": planning, "cpu_seconds": sum(t[0] for t in timings),
            "wall_seconds": sum(t[1] for t in timings), "slowest": timings[:top]}


def phase_scoped(store: Path, size: int, batches: int) -> dict:
    """validate_cables on ``batches`` batches of ``size`` cables spread over the store."""
    from cablegraph.store import CableStore
    from cablegraph.validation import validate_cables

    cable_store = CableStore(store, read_only=True)
    ids = sorted(cable_store.cable_ids())
    step = max(1, len(ids) // batches)
    runs = []
    for start in range(0, step * batches, step):
        batch = ids[start:start + size]
        cpu, wall = time.process_time(), time.perf_counter()
        report = validate_cables(cable_store, batch, scoped_up_to=max(size, 2000))
        runs.append((time.process_time() - cpu, time.perf_counter() - wall, len(batch), len(report.results)))
    del cable_store
    return {"cables": len(ids), "runs": runs}


def _counts(severities) -> dict:
    counts = {"violation": 0, "warning": 0, "info": 0}
    for severity in severities:
        counts[severity] += 1
    return counts


def _pyshacl_batch(args: tuple[str, list[str]]) -> tuple[int, dict, float]:
    from cablegraph.shacl_reference import data_graph, neighbourhood_quads, run_pyshacl
    from cablegraph.store import CableStore
    from cablegraph.validation import cable_of
    from pyoxigraph import NamedNode

    store_path, ids = args
    store = CableStore(store_path, read_only=True)
    graph = data_graph(neighbourhood_quads(store, ids))
    keys = run_pyshacl(graph)
    wanted = set(ids)
    mine = [k for k in keys if k[0].startswith("<") and cable_of(NamedNode(k[0][1:-1])) in wanted]
    return len(mine), _counts(k[4] for k in mine), peak_rss_mb()


def phase_pyshacl(store: Path, batch: int, processes: int, limit: int | None) -> dict:
    from cablegraph.store import CableStore

    reader = CableStore(store, read_only=True)
    ids = sorted(reader.cable_ids())
    del reader
    total = len(ids)
    ids = ids[:limit] if limit else ids
    batches = [(str(store), ids[i:i + batch]) for i in range(0, len(ids), batch)]
    started = time.perf_counter()
    with get_context("fork").Pool(processes) as pool:
        done = pool.map(_pyshacl_batch, batches, chunksize=1)
    seconds = time.perf_counter() - started
    counts = {"violation": 0, "warning": 0, "info": 0}
    for _, batch_counts, _ in done:
        for key in counts:
            counts[key] += batch_counts[key]
    return {"seconds": seconds, "cables": len(ids), "of": total, "cable_results": sum(n for n, _, _ in done),
            "cable_counts": counts, "worker_peak_rss_mb": max(rss for _, _, rss in done),
            "extrapolated_seconds": seconds * total / len(ids)}


def child(args) -> None:
    if args.phase == "load":
        out = phase_load(args.csv, args.store)
    elif args.phase == "compiled":
        out = phase_compiled(args.store, args.keys)
    elif args.phase == "slowest":
        out = phase_slowest(args.store, args.slowest)
    elif args.phase == "scoped":
        out = phase_scoped(args.store, args.scoped, args.scoped_batches)
    else:
        out = phase_pyshacl(args.store, args.batch, args.processes, args.pyshacl_cables)
    out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out))


def run_phase(phase: str, args) -> dict:
    command = [sys.executable, __file__, "--phase", phase, "--csv", str(args.csv), "--store", str(args.store),
               "--batch", str(args.batch), "--processes", str(args.processes)]
    if args.pyshacl_cables:
        command += ["--pyshacl-cables", str(args.pyshacl_cables)]
    if args.keys:
        command += ["--keys", str(args.keys)]
    command += ["--slowest", str(args.slowest or 0), "--scoped", str(args.scoped or 0),
                "--scoped-batches", str(args.scoped_batches)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cablegraph-bench"))
    parser.add_argument("--batch", type=int, default=2000, help="cables per pyshacl batch")
    parser.add_argument("--processes", type=int, default=2, help="pyshacl processes")
    parser.add_argument("--pyshacl-cables", type=int, default=None, help="run pyshacl on the first N cables only")
    parser.add_argument("--skip-pyshacl", action="store_true")
    parser.add_argument("--store-dir", type=Path, help="validate this existing store (read-only; nothing loaded)")
    parser.add_argument("--slowest", type=int, default=0, help="time each compiled query alone; print the N slowest")
    parser.add_argument("--scoped", type=int, default=0, help="time validate_cables on batches of N cables")
    parser.add_argument("--scoped-batches", type=int, default=5, help="how many --scoped batches")
    parser.add_argument("--skip-compiled", action="store_true", help="no whole-store validate_store run")
    parser.add_argument("--keys", type=Path, help="write the sorted result keys of the whole-store report here")
    parser.add_argument("--phase", choices=["load", "compiled", "pyshacl", "slowest", "scoped"], help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        child(args)
        return
    if args.store_dir:
        args.csv, args.store = Path("-"), args.store_dir
    else:
        args.workdir.mkdir(parents=True, exist_ok=True)
        args.csv = args.workdir / f"cables-{args.count // 1000}k.csv"
        args.store = args.workdir / f"store-{args.count // 1000}k"
        if not args.csv.exists():
            subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--count", str(args.count),
                            "--output", str(args.csv)], check=True)
    if args.slowest:
        slow = run_phase("slowest", args)
        print(f"slowest   {slow['queries']} queries one at a time on one thread: {slow['cpu_seconds']:.1f} s CPU, "
              f"{slow['wall_seconds']:.1f} s wall (+ {slow['planning_cpu_seconds']:.1f} s CPU choosing scans or probes)")
        for cpu, wall, n, shape, component in slow["slowest"]:
            print(f"  {cpu:8.2f} s CPU {100 * cpu / slow['cpu_seconds']:5.1f} %  {wall:8.2f} s wall  {n:>7,} results  "
                  f"{shape} {component}")
    if args.scoped:
        scoped = run_phase("scoped", args)
        for cpu, wall, n, found in scoped["runs"]:
            print(f"scoped    validate_cables on {n:,} of {scoped['cables']:,} cables: {cpu:6.2f} s CPU "
                  f"({1000 * cpu / n:.2f} ms/cable) {wall:6.2f} s wall, {found:,} results")
        cpu = sum(r[0] for r in scoped["runs"]) / sum(r[2] for r in scoped["runs"]) * 1000
        wall = sum(r[1] for r in scoped["runs"]) / sum(r[2] for r in scoped["runs"]) * 1000
        print(f"scoped    per 1,000 cables: {cpu:.2f} s CPU, {wall:.2f} s wall")
    if args.skip_compiled:
        return
    if args.store_dir:
        load = None
    elif args.store.exists():
        print(f"store {args.store}: reused (load time not measured in this run)")
        load = None
    else:
        load = run_phase("load", args)
        print(f"load      {load['cables']:>7,} cables {load['quads']:>10,} quads  {load['seconds']:8.1f} s  "
              f"peak RSS {load['peak_rss_mb']:7.0f} MB")
    compiled = run_phase("compiled", args)
    print(f"compiled  {compiled['queries']} queries, {compiled['results']:,} results "
          f"({compiled['cable_results']:,} on cables {compiled['cable_counts']})  {compiled['seconds']:8.1f} s "
          f"({compiled['cpu_seconds']:.1f} s CPU)  "
          f"peak RSS {compiled['peak_rss_mb']:7.0f} MB")
    if load:
        print(f"validation / load = {compiled['seconds'] / load['seconds']:.2f}")
    if not args.skip_pyshacl:
        ref = run_phase("pyshacl", args)
        note = "" if ref["cables"] == ref["of"] else (
            f" (first {ref['cables']:,} of {ref['of']:,} cables; all: ~{ref['extrapolated_seconds']:.0f} s extrapolated)")
        print(f"pyshacl   batches of {args.batch} on {args.processes} processes, {ref['cable_results']:,} results on "
              f"cables {ref['cable_counts']}  {ref['seconds']:8.1f} s{note}  peak RSS {ref['worker_peak_rss_mb']:7.0f} MB "
              f"per worker")
        print(f"pyshacl / compiled = {ref['extrapolated_seconds'] / compiled['seconds']:.1f}x")


if __name__ == "__main__":
    main()
