"""Parse speed against reading the same files in the same run.

Prints cables per second for reading the bytes (the baseline), for the
readers, and for parsing on one core and on one process per core, and what
that projects for the 251,287-cable dump. Target: the whole dump parsed in
under 3 minutes on 2 cores. The dump is a CSV file, so the projection is
fairest on a corpus in that format made by ``bench/make_corpus.py``:

    python bench/parse_speed.py                       # the shared corpus, every format
    python bench/make_corpus.py --count 20000 --output /tmp/c20k.csv
    python bench/parse_speed.py --corpus /tmp/c20k.csv
"""
from __future__ import annotations

import os
import time
from multiprocessing import Pool
from pathlib import Path

import click

from cablegraph.loader.parser import parse_text
from cablegraph.loader.sources import CableText, iter_cable_texts

DUMP_SIZE = 251_287
DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def read_texts(paths: list[Path]) -> list[str]:
    return [item.text for item in iter_cable_texts(paths) if isinstance(item, CableText)]


def read_bytes(paths: list[Path]) -> int:
    return sum(len(path.read_bytes()) for path in paths)


def parse_all(texts: list[str]) -> int:
    for text in texts:
        parse_text(text)
    return len(texts)


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


@click.command()
@click.option("--corpus", type=click.Path(exists=True, path_type=Path), default=DEFAULT_SHARED / "corpus",
              show_default=True, help="A folder of cables or a cables.csv-format file.")
@click.option("--repeat", default=3, show_default=True)
def main(corpus: Path, repeat: int) -> None:
    if corpus.is_file():
        files = [corpus]
    else:
        files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.name != "manifest.csv")
    texts = read_texts(files)
    count = len(texts)
    parse_all(texts[:50])  # load the reference tables before timing

    raw_read = best_of(repeat, lambda: read_bytes(files))
    reader = best_of(repeat, lambda: read_texts(files))
    parse_one_core = best_of(repeat, lambda: parse_all(texts))
    cores = os.cpu_count() or 1
    chunks = [texts[i::cores] for i in range(cores)]
    with Pool(cores) as pool:
        pool.map(parse_all, [c[:20] for c in chunks])  # warm the workers' tables
        parse_all_cores = best_of(repeat, lambda: pool.map(parse_all, chunks))

    click.echo(f"{count} cables from {len(files)} files, best of {repeat}")
    click.echo(f"{'step':<34}{'seconds':>9}{'cables/s':>11}{'x read':>9}")
    for label, seconds in (("read bytes (baseline)", raw_read), ("readers: decode, unwrap", reader),
                           ("parse, 1 core", parse_one_core), (f"parse, {cores} processes", parse_all_cores)):
        click.echo(f"{label:<34}{seconds:>9.2f}{count / seconds:>11.0f}{seconds / raw_read:>9.1f}")
    projected = DUMP_SIZE / (count / (parse_all_cores + reader / cores))
    click.echo(f"projected for the {DUMP_SIZE:,}-cable dump on {cores} cores (read + parse): "
               f"{projected:.0f} s (target < 180 s)")


if __name__ == "__main__":
    main()
