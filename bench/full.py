"""The full-dump benchmark: the whole Cablegate dump loaded, then a slice pushed to Virtuoso.

    python bench/full.py                                  # 251,287 cables, a 50,000-cable slice
    python bench/full.py --count 5000 --slice 2000 --workdir /tmp/full-5k
    python bench/full.py --store /tmp/bench50k/store --slice 50000   # push only, from a store

1. makes a corpus of ``--count`` cables in the ``cables.csv`` format with
   ``make_corpus.py`` (real reference IDs, resampled real texts), unless the
   workdir has it already;
2. runs ``cablegraph load --validate`` on it (extraction on) in a child
   process: wall time, cables per second, peak RSS of the process and its
   workers (sampled from /proc), store size on disk;
3. starts a private Virtuoso (``bench/virtuoso.py``) in the workdir and pushes
   the graphs of the first ``--slice`` cables (and the reference graphs) to it
   with ``cablegraph.push``, into a new database per protocol (SPARQL Update,
   Graph Store Protocol), twice with ``--again``: quads per second, checked
   against a count of the quads Virtuoso holds.

Targets on 2 cores (issue 9): the whole dump loaded, with extraction, in under
15 minutes, peak RSS under 4 GB.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import describe_cpu_split, directory_size, run_load  # noqa: E402
from virtuoso import Virtuoso  # noqa: E402

FULL_DUMP = 251_287
PROTOCOLS = ("update", "graph-store")


def make_corpus_file(count: int, path: Path) -> None:
    from make_corpus import make_corpus

    started = time.perf_counter()
    written = make_corpus(count, path)
    short = f" (of {count:,} asked: the other IDs are not of the usual form YYSTATIONSERIAL)" if written < count else ""
    print(f"corpus: {written:,} cables{short}, {path.stat().st_size / 1e6:,.0f} MB, made in "
          f"{time.perf_counter() - started:.0f} s", flush=True)


def load(corpus: Path, store: Path, validate: bool = True) -> None:
    shutil.rmtree(store, ignore_errors=True)
    summary, seconds, peak_rss = run_load(corpus, store, ["--validate"] if validate else [])
    cables = summary["loaded"] + summary["replaced"]
    counts = summary.get("validation", {}).get("counts", {})
    print(f"cablegraph load{' --validate' if validate else ''}: {cables:,} cables ({summary['rejected']:,} rejected), "
          f"{summary['quads']:,} quads in cable graphs, in {seconds:,.0f} s = {cables / seconds:,.0f} cables/s "
          f"({seconds / 60:.1f} min)")
    phases = summary.get("phases", {})
    print("phases: " + ", ".join(f"{phase} {taken:,.0f} s" for phase, taken in phases.items())
          + f"; CPU of the load and its workers {summary['cpu_seconds']:,.0f} s "
          f"= {1000 * summary['cpu_seconds'] / max(cables, 1):.2f} ms a cable ({describe_cpu_split(summary)})")
    if validate:
        print(f"validation: {counts.get('violation', 0):,} violations, {counts.get('warning', 0):,} warnings, "
              f"{len(summary.get('validation', {}).get('failing', [])):,} cables failing")
    print(f"peak RSS (load process and workers): {peak_rss / 2**20:,.0f} MB")
    print(f"store size on disk: {directory_size(store) / 2**20:,.0f} MB", flush=True)


def push_slice(store_path: Path, slice_size: int, workdir: Path, protocols: list[str], buffers: int,
               again: bool) -> None:
    from cablegraph.namespaces import BASE
    from cablegraph.push import PushTarget, graphs_of_cables, push_graphs
    from cablegraph.store import CableStore

    store = CableStore(store_path, read_only=True)
    cables = sorted(store.cable_ids())[:slice_size]
    graphs = graphs_of_cables(store, cables)
    directory = workdir / "virtuoso"
    shutil.rmtree(directory, ignore_errors=True)
    server = Virtuoso(directory, buffers=buffers)
    started = time.perf_counter()
    server.start()
    print(f"Virtuoso: started in {time.perf_counter() - started:.1f} s ({buffers:,} buffers of 8 KB)", flush=True)
    try:
        for protocol in protocols:
            target = PushTarget(server.sparql_auth, server.graph_store_auth if protocol == "graph-store" else None,
                                server.user, server.password)
            for run in ("first", "again") if again else ("first",):
                summary = push_graphs(store, target, graphs)
                held = sum(server.graph_counts(BASE).values())
                print(f"push ({protocol}, {run}): {len(cables):,} cables, {summary.graphs:,} graphs, "
                      f"{summary.quads:,} quads in {summary.seconds:,.1f} s = {summary.quads_per_second:,.0f} quads/s; "
                      f"{summary.requests:,} requests, {summary.retries} retries; Virtuoso holds {held:,} quads",
                      flush=True)
            if protocol != protocols[-1]:  # a new database for the next protocol: each first push starts empty
                server.stop()
                shutil.rmtree(directory, ignore_errors=True)
                server.start()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=FULL_DUMP, help="cables in the corpus")
    parser.add_argument("--slice", type=int, default=50_000, help="cables pushed to Virtuoso (0: no push)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/cablegraph-full"),
                        help="corpus, store and Virtuoso database go here")
    parser.add_argument("--store", type=Path, help="push from this store, without making a corpus or loading")
    parser.add_argument("--protocol", choices=[*PROTOCOLS, "both"], default="both")
    parser.add_argument("--no-validate", dest="validate", action="store_false",
                        help="load without the SHACL validation (the load alone)")
    parser.add_argument("--again", action="store_true", help="push each slice twice (the second replaces every graph)")
    parser.add_argument("--virtuoso-buffers", type=int, default=170_000,
                        help="Virtuoso's NumberOfBuffers (8 KB each; 170,000 is its advice for 2 GB)")
    args = parser.parse_args()

    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"cores: {os.cpu_count()}", flush=True)
    store = args.store
    if store is None:
        corpus = args.workdir / f"cables-{args.count}.csv"
        if not corpus.exists():
            make_corpus_file(args.count, corpus)
        store = args.workdir / "store"
        load(corpus, store, args.validate)
    if args.slice:
        protocols = list(PROTOCOLS) if args.protocol == "both" else [args.protocol]
        push_slice(store, args.slice, args.workdir, protocols, args.virtuoso_buffers, args.again)


if __name__ == "__main__":
    main()
