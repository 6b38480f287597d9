"""Time validation of a bench store: the compiled validator against its load,
and pyshacl in batches as the baseline, in the same run.

    python bench/validate.py --count 10000 --workdir /tmp/vbench
    python bench/validate.py --count 50000 --workdir /tmp/vbench --pyshacl-cables 10000

The corpus comes from ``bench/make_corpus.py`` (``cables-<N>.csv``, made when
missing) and is loaded into ``store-<N>`` (reused when it holds the cables).
Each phase runs in a child process of its own, so that its peak RSS is its own:

- load: ``load_paths`` on all cores (skipped when the store is reused);
- compiled: ``validate_store`` on the whole store (the shapes compiled to SPARQL);
- pyshacl: batches of ``--batch`` cables, each the batch's graphs plus the
  facts two steps out (:func:`cablegraph.shacl_reference.neighbourhood_quads`),
  validated by pyshacl on ``--processes`` processes; ``--pyshacl-cables`` limits
  it to the first N cables (the time for all is then extrapolated, and said so).
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


def phase_compiled(store: Path) -> dict:
    from cablegraph.store import CableStore
    from cablegraph.validation import validate_store

    cable_store = CableStore(store)
    report = validate_store(cable_store)
    on_cables = [r for r in report.results if r.cable]
    out = {"seconds": report.seconds, "results": len(report.results), "counts": report.counts(),
           "cable_results": len(on_cables), "cable_counts": _counts(r.severity for r in on_cables),
           "queries": report.queries}
    cable_store.close()
    return out


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
        out = phase_compiled(args.store)
    else:
        out = phase_pyshacl(args.store, args.batch, args.processes, args.pyshacl_cables)
    out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out))


def run_phase(phase: str, args) -> dict:
    command = [sys.executable, __file__, "--phase", phase, "--csv", str(args.csv), "--store", str(args.store),
               "--batch", str(args.batch), "--processes", str(args.processes)]
    if args.pyshacl_cables:
        command += ["--pyshacl-cables", str(args.pyshacl_cables)]
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
    parser.add_argument("--phase", choices=["load", "compiled", "pyshacl"], help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        child(args)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    args.csv = args.workdir / f"cables-{args.count // 1000}k.csv"
    args.store = args.workdir / f"store-{args.count // 1000}k"
    if not args.csv.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--count", str(args.count),
                        "--output", str(args.csv)], check=True)
    if args.store.exists():
        print(f"store {args.store}: reused (load time not measured in this run)")
        load = None
    else:
        load = run_phase("load", args)
        print(f"load      {load['cables']:>7,} cables {load['quads']:>10,} quads  {load['seconds']:8.1f} s  "
              f"peak RSS {load['peak_rss_mb']:7.0f} MB")
    compiled = run_phase("compiled", args)
    print(f"compiled  {compiled['queries']} queries, {compiled['results']:,} results "
          f"({compiled['cable_results']:,} on cables {compiled['cable_counts']})  {compiled['seconds']:8.1f} s  "
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
