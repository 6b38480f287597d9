"""Median time of every stored query on a bench store (issue 6).

    python bench/make_corpus.py --count 50000 --output /tmp/cables-50k.csv
    cablegraph load /tmp/cables-50k.csv --store /tmp/store-50k
    python bench/queries.py --store /tmp/store-50k

or let it build the store: ``python bench/queries.py --count 50000 --store DIR``
(corpus and load skipped when DIR already holds a store).

Each query runs with parameters picked from the store itself (the mission,
state, TAG, cable, person and event with the most cables), once to warm up and
then ``--repeat`` times; the table gives the median, the rows returned and
whether the query met the targets (each under 1 s, most under 100 ms).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cablegraph.catalogue import load_catalogue  # noqa: E402
from cablegraph.query_runner import QueryTimeout, run_query  # noqa: E402
from cablegraph.store import CableStore  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# the values of each parameter kind by frequency, found by one query each
# (``OFFSET {rank}``: 0 is the most frequent)
PICKS = {
    "mission": "SELECT ?v WHERE { ?c cg:origin ?v ; a cg:Cable } GROUP BY ?v ORDER BY DESC(COUNT(?c)) LIMIT 1 OFFSET {rank}",
    "state": "SELECT ?v WHERE { ?c dcterms:spatial ?v } GROUP BY ?v ORDER BY DESC(COUNT(?c)) LIMIT 1 OFFSET {rank}",
    "tag": "SELECT ?v WHERE { ?c dcterms:subject ?v } GROUP BY ?v ORDER BY DESC(COUNT(?c)) LIMIT 1 OFFSET {rank}",
    "cable": "SELECT ?v WHERE { ?c dcterms:references ?v . ?v a cg:Cable } GROUP BY ?v ORDER BY DESC(COUNT(?c)) LIMIT 1 OFFSET {rank}",
    "person": "SELECT ?v WHERE { ?c schema:mentions ?v . ?v a cg:Official } GROUP BY ?v ORDER BY DESC(COUNT(?c)) LIMIT 1 OFFSET {rank}",
    "event": "SELECT ?v WHERE { ?v cg:participation ?p } GROUP BY ?v ORDER BY DESC(COUNT(?p)) LIMIT 1 OFFSET {rank}",
}
VALUES = {"from": "2006-01-01", "to": "2008-12-31", "day": "2006-05-11", "text": "visit", "min": "2",
          "role": "cg:DeclinedRole", "classification": None}


def build(store: Path, count: int) -> None:
    if store.is_dir():
        return
    corpus = Path(tempfile.mkdtemp()) / f"cables-{count}.csv"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "--count", str(count),
                    "--output", str(corpus)], check=True)
    subprocess.run(["cablegraph", "load", str(corpus), "--store", str(store)], check=True)


def picks(store: CableStore, rank: int = 0) -> dict[str, str]:
    """The ``rank``-th most frequent value of each parameter kind, and
    ``any_cable``: the ``rank``-th cable with extracted entities."""
    found = {}
    for name, sparql in PICKS.items():
        rows = list(store.query(sparql.replace("{rank}", str(rank)), use_default_graph_as_union=True))
        if rows:
            found[name] = rows[0]["v"].value
    rows = list(store.query(f"SELECT ?c WHERE {{ ?c cg:hasMention ?m ; a cg:Cable }} LIMIT 1 OFFSET {rank}",
                            use_default_graph_as_union=True))
    if rows:
        found["any_cable"] = rows[0]["c"].value
    return found


def parameters(query, picked: dict[str, str]) -> dict[str, str]:
    """Required parameters always; optional ones too, so the filters are timed."""
    params = {}
    for p in query.parameters:
        if p.name == "cable" and query.name in ("cable_card", "officials_mentioned_in_cable"):
            value = picked.get("any_cable")
        elif p.name == "person" or p.name == "event":
            value = picked.get(p.name) if p.required else None  # the unfiltered form is the harder one
        else:
            value = picked.get(p.name, VALUES.get(p.name))
        if value is not None and (p.required or p.name in ("from", "to", "day", "min")):
            params[p.name] = value
    return params


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--count", type=int, default=50000, help="cables in a store built here")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a query counts as failed")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="time only these stored queries")
    args = parser.parse_args()
    build(args.store, args.count)
    store = CableStore(args.store, read_only=True)
    cables = sum(1 for _ in store.cable_ids())
    picked = picks(store)
    print(f"{cables:,} cables, {len(store.store):,} quads in {args.store}")
    print(f"picked: {picked}\n")
    print(f"{'query':<36} {'median ms':>10} {'max ms':>8} {'rows':>6}  parameters")
    medians = []
    for name, query in load_catalogue().items():
        if args.only and name not in args.only:
            continue
        params = parameters(query, picked)
        shown = ", ".join(f"{k}={v.rsplit('/', 1)[-1]}" for k, v in params.items())
        try:
            run_query(query, params, store=store, limit=None, timeout=args.timeout)  # warm-up
        except QueryTimeout:
            medians.append(float("inf"))
            print(f"{name:<36} {'timeout':>10} {'':>8} {'':>6}  {shown}")
            continue
        times, rows = [], 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = run_query(query, params, store=store, limit=None, timeout=args.timeout)
            times.append(time.perf_counter() - started)
            rows = len(result.rows)
        median = statistics.median(times)
        medians.append(median)
        print(f"{name:<36} {median * 1000:>10.1f} {max(times) * 1000:>8.1f} {rows:>6}  {shown}")
    under_1s = sum(m < 1 for m in medians)
    under_100ms = sum(m < 0.1 for m in medians)
    print(f"\n{under_1s}/{len(medians)} under 1 s, {under_100ms}/{len(medians)} under 100 ms")
    return 0 if under_1s == len(medians) else 1


if __name__ == "__main__":
    sys.exit(main())
