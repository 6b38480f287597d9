"""``cablegraph push``: send the store's graphs to a remote triple store
(also run by ``cablegraph load --to URL`` for the cables just loaded)."""
from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import click

from cablegraph.commands.common import open_existing_store
from cablegraph.store import DEFAULT_STORE_PATH


def read_password(user: str | None, password_file: Path | None) -> str | None:
    if (user is None) != (password_file is None):
        raise click.UsageError("a user name goes with a password file (--user and --password-file, --to-user and --to-password-file)")
    if password_file is None:
        return None
    return password_file.read_text(encoding="utf-8").rstrip("\r\n")


def push_to_target(store_path: Path, target, *, reference_ids=None, restart: bool = False,
                   batch_triples: int | None = None, retries: int | None = None, progress: bool | None = None,
                   output_format: str = "text", summary_to_stderr: bool = False) -> None:
    """Push the store's graphs (or those of ``reference_ids`` and the shared
    graphs) to ``target`` with a journal next to the store; print the summary."""
    from cablegraph.push import (
        PushError,
        PushJournal,
        RetryPolicy,
        graphs_of_cables,
        journal_path,
        push_graphs,
    )
    from cablegraph.push.pieces import DEFAULT_MAX_TRIPLES
    from cablegraph.push.pusher import store_graphs

    store = open_existing_store(store_path, read_only=True)
    journal = PushJournal(journal_path(store_path, target.url), target.url)
    if restart:
        journal.finish()
    graphs = store_graphs(store) if reference_ids is None else graphs_of_cables(store, reference_ids)
    show_progress = sys.stderr.isatty() if progress is None else progress
    bar = (click.progressbar(length=len(graphs), label="Pushing graphs", file=sys.stderr) if show_progress
           else contextlib.nullcontext(None))
    policy = RetryPolicy() if retries is None else RetryPolicy(retries=retries)
    try:
        with bar as shown:
            summary = push_graphs(store, target, graphs, journal=journal, policy=policy,
                                  max_triples=batch_triples or DEFAULT_MAX_TRIPLES,
                                  progress=shown.update if shown is not None else None, on_retry=_report_retry)
    except PushError as error:
        resume = f"; {len(journal.done):,} graphs sent are noted in {journal.path}: run again to resume" \
            if journal.done else ""
        raise click.ClickException(f"push to {target.url} stopped: {error}{resume}") from None
    if output_format == "json":
        click.echo(json.dumps(summary.as_dict(), indent=2), err=summary_to_stderr)
    else:
        skipped = f", {summary.skipped:,} skipped (sent by the interrupted push)" if summary.skipped else ""
        click.echo(f"Pushed {summary.graphs:,} graphs, {summary.quads:,} quads to {target.url} in "
                   f"{summary.seconds:.1f} s ({summary.quads_per_second:,.0f} quads/s); {summary.requests:,} requests, "
                   f"{summary.retries:,} retries{skipped}.", err=summary_to_stderr)


def push_loaded(store_path: Path, summary, endpoint: str, user: str | None, password: str | None,
                progress: bool | None, summary_to_stderr: bool) -> None:
    """``cablegraph load --to``: push the cables a load wrote (those --strict
    removed again excepted) and the graphs that are no cable's."""
    from cablegraph.push import PushTarget

    target = PushTarget(endpoint, user=user, password=password)
    refused = set(summary.refused)
    push_to_target(store_path, target, reference_ids=[rid for rid in summary.written if rid not in refused],
                   progress=progress, summary_to_stderr=summary_to_stderr)


def _report_retry(reason: str, delay: float) -> None:
    click.echo(f"\n{reason}: retrying in {delay:g} s", err=True)


@click.command("push")
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL endpoint that takes updates (Virtuoso: http://HOST:8890/sparql-auth).")
@click.option("--graph-store", metavar="URL",
              help="Send the graphs with the Graph Store HTTP Protocol to this URL instead of SPARQL Update "
                   "(Virtuoso: http://HOST:8890/sparql-graph-crud-auth).")
@click.option("--user", help="User name for Basic or Digest authentication.")
@click.option("--password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File holding the password (its first line).")
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=DEFAULT_STORE_PATH, show_default=True)
@click.option("--restart", is_flag=True, help="Send every graph, even those an interrupted push has sent.")
@click.option("--batch-triples", type=click.IntRange(min=1), default=20_000, show_default=True,
              help="Most triples in one request.")
@click.option("--retries", type=click.IntRange(min=0), default=6, show_default=True,
              help="Retries of a request after a connection error or a 5xx answer (back-off 0.5 s, doubling).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300.0, show_default=True,
              help="Seconds a request may take.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Form of the summary on stdout.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
def push_command(endpoint, graph_store, user, password_file, store_path, restart, batch_triples, retries, timeout,
                 output_format, progress):
    """Send every graph of the store (cables, reference data) to a triple store.

    Each graph replaces its namesake on the target, so pushing twice changes
    nothing. A push stopped by a failure resumes, when run again, after the
    last graph the target acknowledged.
    """
    from cablegraph.push import PushTarget

    target = PushTarget(endpoint, graph_store, user, read_password(user, password_file), timeout)
    push_to_target(store_path, target, restart=restart, batch_triples=batch_triples, retries=retries,
                   progress=progress, output_format=output_format)
