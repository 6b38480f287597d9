"""Cost of entity extraction in a load: ``cablegraph load`` with and without it, same run.

    python bench/make_corpus.py --count 20000 --output /tmp/c20k.csv
    python bench/extract_load_speed.py --corpus /tmp/c20k.csv [--repeat 2]

On a few thousand cables the ratio mostly measures how soon the pipeline fills
(the reference data, the first batch, the last one written alone); from about
20,000 it measures the per-cable cost.

Each load goes into a fresh on-disk store with ``cablegraph load --format json``
(all cores unless ``--processes``); the runs alternate (--no-extract, then
--extract) and the fastest of ``--repeat`` counts. Prints cables per second,
quads per cable, CPU milliseconds per cable (the load and its workers: stable
when other jobs share the machine, unlike wall time), split into the load
process (reading, the bulk loader), its RocksDB threads and the workers
(parsing, mapping, extraction), and both ratios. Issue 4's bound: extraction
may at most double the time of a load (ratio <= 2.0).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import describe_cpu_split, run_load  # noqa: E402


def load_once(corpus: Path, extract: bool, processes: int | None) -> dict:
    store = Path(tempfile.mkdtemp(prefix="cablegraph-bench-")) / "store"
    options = ["--extract" if extract else "--no-extract"] + (["--processes", str(processes)] if processes else [])
    try:
        summary, wall, _ = run_load(corpus, store, options)
    finally:
        shutil.rmtree(store.parent, ignore_errors=True)
    summary["wall"], summary["cpu"] = wall, summary["cpu_seconds"]
    summary["cables"] = summary["loaded"] + summary["replaced"]
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True,
                        help="a cables.csv corpus (python bench/make_corpus.py --count 5000 --output F)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--processes", type=int, default=None)
    args = parser.parse_args()
    best: dict[bool, dict] = {}
    for _ in range(args.repeat):
        for extract in (False, True):
            run = load_once(args.corpus, extract, args.processes)
            if extract not in best or run["seconds"] < best[extract]["seconds"]:
                best[extract] = run
    print(f"corpus {args.corpus}, fastest of {args.repeat} runs each")
    print(f"{'load':<14}{'cables':>8}{'seconds':>10}{'cables/s':>10}{'quads/cable':>13}{'wall s':>9}"
          f"{'CPU ms/cable':>14}")
    for extract in (False, True):
        run = best[extract]
        label = "--extract" if extract else "--no-extract"
        print(f"{label:<14}{run['cables']:>8,}{run['seconds']:>10.1f}{run['cables'] / run['seconds']:>10.0f}"
              f"{run['quads'] / run['cables']:>13.0f}{run['wall']:>9.1f}{run['cpu'] / run['cables'] * 1e3:>14.1f}")
    for extract in (False, True):
        print(f"{'--extract' if extract else '--no-extract'} CPU ms a cable by part: {describe_cpu_split(best[extract])}")
    ratio = best[True]["seconds"] / best[False]["seconds"]
    cpu_ratio = best[True]["cpu"] / best[False]["cpu"]
    print(f"time with extraction / without: {ratio:.2f} (bound: 2.00) -> {'OK' if ratio <= 2.0 else 'OVER'}; "
          f"CPU time: {cpu_ratio:.2f} (the fairer figure on a shared machine)")


if __name__ == "__main__":
    main()
