"""``cablegraph serve``: the SPARQL endpoint, stored-query API, IRI pages and query page."""
from __future__ import annotations

import logging
import os
import signal
from pathlib import Path

import click

from cablegraph.store import DEFAULT_STORE_PATH


@click.command("serve")
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=DEFAULT_STORE_PATH, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds a query may run before it is stopped (its worker process is killed).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(1),
              help="Most rows (or triples) an answer may have; more is an error.")
@click.option("--threads", default=16, show_default=True, type=click.IntRange(1),
              help="HTTP threads (concurrent requests).")
@click.option("--workers", default=max(2, min(4, os.cpu_count() or 2)), show_default=True, type=click.IntRange(1),
              help="Query worker processes (queries run at once).")
@click.option("--max-body", default=1_000_000, show_default=True, type=click.IntRange(1024),
              help="Largest request body in bytes.")
@click.option("--cache-mb", default=64, show_default=True, type=click.IntRange(0),
              help="Memory for answers of repeated queries (the store is read-only); 0 turns it off.")
def serve_command(store_path, host, port, timeout, max_rows, threads, workers, max_body, cache_mb):
    """Serve the store read-only over HTTP: /sparql, /api/<name>, /id/... and a query page at /."""
    import waitress

    from cablegraph.commands.common import require_store
    from cablegraph.server import CablegraphApp, Settings

    require_store(store_path)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    settings = Settings(store=store_path, timeout=timeout, max_rows=max_rows, max_body=max_body, workers=workers,
                        cache_bytes=cache_mb * 1_000_000)
    app = CablegraphApp(settings)

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    server = waitress.create_server(app, host=host, port=port, threads=threads, ident="cablegraph",
                                    max_request_body_size=max_body, connection_limit=1000,
                                    channel_timeout=max(120, int(timeout) + 30))
    click.echo(f"cablegraph serving {store_path} at http://{host}:{server.effective_port}/ "
               f"(timeout {timeout:g} s, max {max_rows:,} rows, {workers} query workers, {cache_mb} MB answer cache)", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        app.close()
