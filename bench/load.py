"""Load benchmark: N resampled cables into a fresh on-disk store, against rdflib.

    python bench/load.py                    # 50,000 cables
    python bench/load.py --count 10000 --corpus /tmp/cables-10k.csv
    python bench/load.py --no-extract       # header facts only
    python bench/load.py --no-extract --store-floor --no-rdflib

Prints cables per second, quads, peak RSS (the ``cablegraph load`` process and
its workers together, sampled from /proc), store size, and, in the same run,
the time rdflib takes to parse the same N-Quads (exported from the store) into
a ``Dataset``, as a ratio; with ``--store-floor``, the time oxigraph alone
takes to bulk-load those N-Quads (the store's share of the load). Targets:
50,000 cables in under 90 s on 2 cores, peak RSS under 2 GB, at least 3x
faster than the rdflib baseline.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def tree_rss(tree: list[int]) -> int:
    """Resident bytes of the processes of ``tree`` (see :func:`process_tree`)."""
    total = 0
    for current in tree:
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(stat_path: str) -> tuple[str, float]:
    """The name and user + system seconds of a process or thread (for a process,
    those of its finished threads included)."""
    with open(stat_path) as stat:
        raw = stat.read()
    fields = raw.rsplit(")", 1)[1].split()
    return raw[raw.index("(") + 1:raw.rindex(")")], (int(fields[11]) + int(fields[12])) / _TICKS


def cpu_split(pid: int, tree: list[int], cpu: dict[str, dict]) -> None:
    """Record (in ``cpu``) the CPU seconds so far of the load process ``pid``, of its
    RocksDB threads (compaction and flushes, named "rocksdb:...") and of each worker
    (the rest of its ``tree``). The bulk loader's own threads last one bulk load: they
    count in the process."""
    for current in tree:
        try:
            if current != pid:
                cpu["workers"][current] = _cpu_seconds(f"/proc/{current}/stat")[1]
                continue
            cpu["load process"][current] = _cpu_seconds(f"/proc/{current}/stat")[1]
            for thread in os.listdir(f"/proc/{current}/task"):
                name, seconds = _cpu_seconds(f"/proc/{current}/task/{thread}/stat")
                if name.startswith("rocksdb"):
                    cpu["RocksDB threads"][int(thread)] = seconds
        except (OSError, ValueError):
            continue


class PeakSampler(threading.Thread):
    """Samples the peak RSS of a load and its workers and, by part, their CPU seconds."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.cpu: dict[str, dict] = {"load process": {}, "RocksDB threads": {}, "workers": {}}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            tree = process_tree(self.pid)
            self.peak = max(self.peak, tree_rss(tree))
            cpu_split(self.pid, tree, self.cpu)
            time.sleep(self.interval)

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds of the load process less its RocksDB threads, of those threads,
        and of the workers (as last sampled: up to one interval short)."""
        parts = {part: sum(seen.values()) for part, seen in self.cpu.items()}
        parts["load process"] -= parts["RocksDB threads"]
        return parts


def directory_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_load(corpus: Path, store: Path, options: list[str]) -> tuple[dict, float, int]:
    """``cablegraph load`` of ``corpus`` into ``store`` in a child process: its
    JSON summary (with ``cpu_seconds``: user and system time of the load and
    its workers, steadier than wall time on a shared machine, and ``cpu_split``:
    those seconds by part, see :class:`PeakSampler`), the wall
    seconds and the peak RSS of it and its workers."""
    command = [sys.executable, "-c", "from cablegraph.cli import main; main()", "load", str(corpus),
               "--store", str(store), "--format", "json", "--no-progress", *options]
    cpu_before = cpu_of_children()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = PeakSampler(process.pid)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.stopped.set()
    if process.returncode != 0:
        raise SystemExit(f"load failed ({process.returncode}): {err.decode(errors='replace')[-2000:]}")
    summary = json.loads(out)
    summary["cpu_seconds"] = cpu_of_children() - cpu_before
    summary["cpu_split"] = sampler.cpu_seconds()
    return summary, seconds, sampler.peak


def describe_cpu_split(summary: dict) -> str:
    cables = max(summary["loaded"] + summary["replaced"], 1)
    return ", ".join(f"{part} {1000 * seconds / cables:.2f}" for part, seconds in summary["cpu_split"].items())


def store_floor(nquads: Path, store_path: Path, cables: int, quads: int, batch_size: int | None) -> None:
    """Time (wall and CPU, the store's own threads included) for oxigraph alone
    to bulk-load ``nquads`` in about as many loads as the load committed batches."""
    import pyoxigraph

    from cablegraph.pipeline import DEFAULT_BATCH_QUADS, DEFAULT_BATCH_SIZE

    batches = max(1, -(-cables // (batch_size or DEFAULT_BATCH_SIZE)), -(-quads // DEFAULT_BATCH_QUADS))
    part_size = nquads.stat().st_size // batches + 1
    store = pyoxigraph.Store(str(store_path))
    seconds = cpu = 0.0

    def timed(call, *args, **kwargs) -> None:  # the file's reading stays out of the figures
        nonlocal seconds, cpu
        started, cpu_before = time.perf_counter(), time.process_time()
        call(*args, **kwargs)
        seconds += time.perf_counter() - started
        cpu += time.process_time() - cpu_before

    with open(nquads, "rb") as source:
        while part := source.read(part_size) + source.readline():  # whole lines
            timed(store.bulk_load, part, format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
    timed(store.flush)
    del store
    shutil.rmtree(store_path, ignore_errors=True)
    print(f"store floor: the same N-Quads bulk-loaded into a fresh store in {batches} loads took {seconds:.1f} s, "
          f"{cpu:.1f} s of CPU = {1000 * cpu / max(cables, 1):.2f} ms a cable")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--corpus", type=Path, help="cables.csv to load (made with make_corpus.py if missing)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the corpus, store and N-Quads here (default: a temporary directory, removed at the end)")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline")
    parser.add_argument("--no-extract", action="store_true",
                        help="load header facts only (cablegraph load --no-extract), as the graph issue measures")
    parser.add_argument("--batch-size", type=int, help="cablegraph load --batch-size (default: the load's own)")
    parser.add_argument("--store-floor", action="store_true",
                        help="also bulk-load the exported N-Quads into a fresh store, batch by batch as the load "
                             "does: the store's own share, with no reading, parsing or mapping")
    args = parser.parse_args()

    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        benchmark(args, args.workdir)
        return
    workdir = Path(tempfile.mkdtemp(prefix="cablegraph-bench-"))
    try:  # a 50,000-cable run leaves 3.4 GB (store and N-Quads): not on a shared disk
        benchmark(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def benchmark(args: argparse.Namespace, workdir: Path) -> None:
    corpus = args.corpus or workdir / f"cables-{args.count}.csv"
    if not corpus.exists():
        from make_corpus import make_corpus

        started = time.perf_counter()
        make_corpus(args.count, corpus)
        print(f"corpus: {args.count:,} cables, {corpus.stat().st_size / 1e6:,.0f} MB, made in "
              f"{time.perf_counter() - started:.1f} s")
    store = workdir / "store"
    shutil.rmtree(store, ignore_errors=True)

    options = ["--no-extract"] if args.no_extract else []
    if args.batch_size:
        options += ["--batch-size", str(args.batch_size)]
    summary, seconds, peak_rss = run_load(corpus, store, options)
    cables = summary["loaded"] + summary["replaced"]

    from cablegraph.store import CableStore

    cable_store = CableStore(store)
    stats = cable_store.stats()
    nquads = workdir / "store.nq"
    with open(nquads, "wb") as handle:
        cable_store.export(handle, "nquads")
    cable_store.close()

    print(f"cablegraph load: {cables:,} cables ({summary['rejected']:,} rejected) in {seconds:.1f} s "
          f"= {cables / seconds:,.0f} cables/s (load's own timer: {summary['seconds']:.1f} s)")
    print(f"CPU: {summary['cpu_seconds']:.1f} s user+system of the load and its workers = "
          f"{1000 * summary['cpu_seconds'] / max(cables, 1):.2f} ms a cable; load average at the end "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"CPU ms a cable by part: {describe_cpu_split(summary)}")
    print(f"quads: {stats['quads']:,} in the store ({summary['quads']:,} in cable graphs, "
          f"{summary['quads'] / max(cables, 1):.0f} a cable)")
    print(f"peak RSS (load process and workers): {peak_rss / 2**20:,.0f} MB")
    print(f"store size on disk: {directory_size(store) / 2**20:,.0f} MB")
    print(f"cores: {os.cpu_count()}")

    if args.store_floor:
        store_floor(nquads, workdir / "floor-store", cables, summary["quads"], args.batch_size)
    if args.no_rdflib:
        return
    import rdflib

    started = time.perf_counter()
    dataset = rdflib.Dataset()
    dataset.parse(nquads, format="nquads")
    rdflib_seconds = time.perf_counter() - started
    print(f"rdflib: parsing the same {stats['quads']:,} N-Quads into a Dataset took {rdflib_seconds:.1f} s "
          f"({len(dataset):,} quads in the default graph view)")
    print(f"ratio: cablegraph load (read, parse, map, store) is {rdflib_seconds / seconds:.2f}x the speed "
          f"of rdflib's parse alone")


if __name__ == "__main__":
    main()
