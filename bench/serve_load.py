"""Load on ``cablegraph serve``: N concurrent clients on loopback for a while,
each sending stored-query API calls (``/api/<name>``) in turn, with several
parameter sets per query drawn from the store (``--variants``; the queries'
examples with ``--url``); throughput, p50 and p99 latency and errors.

    python bench/serve_load.py --store /tmp/bench/store [--clients 16] [--seconds 30]
    python bench/serve_load.py --store S --serve-option=--cache-mb --serve-option=0  # no answer cache
    python bench/serve_load.py --url http://127.0.0.1:8000   # a server already running

Build a bench store with ``python bench/make_corpus.py --count 50000 --output F``
and ``cablegraph load F --store S``. Every call is timed from request to the
last byte; a status other than 200 or a failed connection is an error.
"""
from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cablegraph.catalogue import load_catalogue  # noqa: E402
from cablegraph.store import CableStore  # noqa: E402

from queries import parameters, picks  # noqa: E402  (bench/queries.py)


ACCEPT = "application/sparql-results+json"


def api_paths(names: list[str] | None, parameter_sets: list[dict] | None) -> list[str]:
    """One API path per stored query and parameter set: the sets picked from
    the store (``bench/queries.py``'s picks), or else each query's example."""
    paths = []
    for name, query in load_catalogue().items():
        if names and name not in names:
            continue
        if parameter_sets is None:
            candidates = [{p.name: p.example for p in query.parameters if p.example is not None}]
        else:
            candidates = [parameters(query, picked) for picked in parameter_sets]
        for params in {tuple(sorted(c.items())): c for c in candidates}.values():
            if any(p.required and p.name not in params for p in query.parameters):
                continue
            paths.append(f"/api/{name}?" + urllib.parse.urlencode({**params, "format": "json"}))
    return paths


def parameter_sets(store_path: str, variants: int) -> list[dict]:
    """The most frequent ``variants`` missions, states, TAGS, cables, persons, events."""
    store = CableStore(store_path, read_only=True)
    try:
        return [picks(store, rank) for rank in range(variants)]
    finally:
        store.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def client(host: str, port: int, paths: list[str], offset: int, stop_at: float, results: list, lock) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    index = offset
    mine = []
    while time.monotonic() < stop_at:
        path = paths[index % len(paths)]
        index += 1
        started = time.monotonic()
        try:
            connection.request("GET", path, headers={"Accept": ACCEPT})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            status = f"{type(error).__name__}"
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=60)
        mine.append((path.split("?")[0], time.monotonic() - started, status))
    connection.close()
    with lock:
        results.extend(mine)


def start_server(store: str, port: int, extra: list[str]) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", "from cablegraph.cli import main; main()", "serve",
                                "--store", store, "--port", str(port), *extra])
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/style.css", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="serve this store (started and stopped by the bench)")
    parser.add_argument("--url", help="or load a server already running at this URL")
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--query", action="append", help="only these stored queries (repeatable)")
    parser.add_argument("--variants", type=int, default=5,
                        help="parameter sets per query, the most frequent values in the store (with --store)")
    parser.add_argument("--serve-option", action="append", default=[], help="extra option for cablegraph serve")
    parser.add_argument("--no-warm-up", dest="warm_up", action="store_false",
                        help="start the clients at once (by default each call is made once first, which "
                             "fills the server's answer cache: the figures are then of a warm server)")
    args = parser.parse_args()
    if bool(args.store) == bool(args.url):
        parser.error("give --store or --url")
    process = start_server(args.store, args.port, args.serve_option) if args.store else None
    url = urllib.parse.urlsplit(args.url or f"http://127.0.0.1:{args.port}")
    try:
        paths = api_paths(args.query, parameter_sets(args.store, args.variants) if args.store else None)
        for path in paths if args.warm_up else ():  # one call each, also a per-query baseline
            started = time.monotonic()
            request = urllib.request.Request(url.geturl().rstrip("/") + path, headers={"Accept": ACCEPT})
            try:
                status = urllib.request.urlopen(request, timeout=120).status
            except OSError as error:
                status = error
            print(f"warm-up {path.split('?')[0]:<45} {time.monotonic() - started:6.3f} s  {status}")
        results: list = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(url.hostname, url.port, paths, i, stop_at, results, lock))
                   for i in range(args.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        if process:
            process.terminate()
            process.wait(30)
    latencies = [seconds for _, seconds, _ in results]
    errors = [(path, status) for path, _, status in results if status != 200]
    print(f"\n{args.clients} clients, {elapsed:.1f} s, {len(paths)} stored-query calls in turn")
    print(f"requests {len(results):,}  throughput {len(results) / elapsed:.1f}/s  "
          f"p50 {percentile(latencies, 0.5) * 1000:.0f} ms  p99 {percentile(latencies, 0.99) * 1000:.0f} ms  "
          f"max {max(latencies) * 1000:.0f} ms  errors {len(errors)}")
    by_path: dict[str, list[float]] = {}
    for path, seconds, _ in results:
        by_path.setdefault(path, []).append(seconds)
    for path, values in sorted(by_path.items()):
        print(f"  {path:<45} n={len(values):<6} p50 {statistics.median(values) * 1000:7.0f} ms  "
              f"p99 {percentile(values, 0.99) * 1000:7.0f} ms")
    for path, status in sorted(set(errors))[:20]:
        print(f"  error {status} on {path}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
