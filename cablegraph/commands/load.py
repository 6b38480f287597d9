"""``cablegraph load``: parse cables and load them into the store."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from cablegraph.pipeline import DEFAULT_BATCH_QUADS, DEFAULT_BATCH_SIZE, LoadSummary, load_paths
from cablegraph.store import DEFAULT_STORE_PATH

SHOWN_REJECTIONS = 20


class _ProgressLine:
    """One self-rewriting line on stderr: cables, rejects, rate."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.perf_counter()
        self.last = 0.0

    def __call__(self, summary: LoadSummary) -> None:
        now = time.perf_counter()
        if not self.enabled or now - self.last < 0.2:
            return
        self.last = now
        rate = summary.cables / max(now - self.started, 1e-9)
        click.echo(
            f"\r  {summary.cables:,} cables loaded, {len(summary.rejected):,} rejected  ({rate:,.0f} cables/s)",
            err=True,
            nl=False,
        )

    def done(self) -> None:
        if self.enabled and self.last:
            click.echo(err=True)


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=DEFAULT_STORE_PATH,
              show_default=True, help="Directory of the on-disk store (created if missing).")
@click.option("--processes", type=click.IntRange(min=1), default=None,
              help="Worker processes for parsing (default: all cores).")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Most cables one batch commits (a batch also closes at "
                   f"{DEFAULT_BATCH_QUADS:,} quads).")
@click.option("--rejections", "rejections_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every rejected input with its reason to this file (JSON Lines).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Form of the summary on stdout.")
@click.option("--progress/--no-progress", default=None, help="Progress line (default: when stderr is a terminal).")
@click.option("--validate", is_flag=True, help="Validate the cables loaded against the SHACL shapes and list those that fail.")
@click.option("--strict", is_flag=True, help="Validate, and remove again the cables that have a violation.")
@click.option("--extract/--no-extract", default=True, show_default=True,
              help="Extract officials, states, events and missions from the cable bodies into the graph.")
@click.option("--to", "push_endpoint", metavar="URL",
              help="Then push the loaded cables' graphs and the reference graphs to this SPARQL Update endpoint "
                   "(see 'cablegraph push').")
@click.option("--to-user", help="User name for --to.")
@click.option("--to-password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File holding the password for --to.")
def load_command(paths, store_path, processes, batch_size, rejections_file, output_format, progress, validate, strict,
                 extract, push_endpoint, to_user, to_password_file):
    """Load cables from PATHS (files, directories, .gz, .zip) into the store.

    Each cable gets its own named graph; loading a cable again replaces it.
    Interrupting a load leaves every cable fully in or fully out of the store.
    Exits non-zero only when no cable could be loaded.
    """
    if push_endpoint:  # bad credentials options fail before the load, not after
        from cablegraph.commands.push import push_loaded, read_password

        push_password = read_password(to_user, to_password_file)
    show_progress = sys.stderr.isatty() if progress is None else progress
    line = _ProgressLine(show_progress)
    try:
        summary = load_paths(paths, store_path, processes=processes, batch_size=batch_size, progress=line,
                             validate=validate, strict=strict, extract=extract)
    except KeyboardInterrupt:
        line.done()
        click.echo("Interrupted: every cable committed so far is in the store; load again to finish.", err=True)
        sys.exit(130)
    except OSError as error:  # a full disk, a store path that is no directory: no traceback
        line.done()
        raise click.ClickException(
            f"cannot write the store {store_path}: {error}. Every cable committed before is in the store; the "
            "batch being written is dropped when the store is next opened. Load again to finish.") from error
    line.done()
    if rejections_file:
        with open(rejections_file, "w", encoding="utf-8") as out:
            for rejected in summary.rejected:
                out.write(json.dumps({"source": rejected.source, "reason": rejected.reason}) + "\n")
    if output_format == "json":
        click.echo(json.dumps(summary.as_dict(), indent=2))
    else:
        _print_summary(summary, store_path)
    if summary.cables == 0:
        sys.exit(1)
    if push_endpoint:
        push_loaded(store_path, summary, push_endpoint, to_user, push_password, progress,
                    summary_to_stderr=output_format == "json")


def _print_summary(summary: LoadSummary, store_path: Path) -> None:
    rate = summary.cables / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"Loaded {summary.cables:,} cables into {store_path} ({summary.loaded:,} new, "
        f"{summary.replaced:,} replaced), {summary.quads:,} quads, in {summary.seconds:.1f} s "
        f"({rate:,.0f} cables/s)."
    )
    if summary.validation is not None:
        _print_validation(summary)
    if summary.rejected:
        click.echo(f"Rejected {len(summary.rejected):,} inputs:")
        for rejected in summary.rejected[:SHOWN_REJECTIONS]:
            click.echo(f"  {rejected}")
        hidden = len(summary.rejected) - SHOWN_REJECTIONS
        if hidden > 0:
            click.echo(f"  ... and {hidden:,} more (--rejections FILE lists them all)")


def _print_validation(summary: LoadSummary) -> None:
    report = summary.validation
    counts = report.counts()
    failing = report.failing_cables("violation")
    click.echo(f"Validated {report.cables_checked:,} cables in {report.seconds:.1f} s: {counts['violation']:,} violations, "
               f"{counts['warning']:,} warnings, {counts['info']:,} infos; {len(failing):,} cables fail.")
    by_cable = report.by_cable()
    for rid in failing[:SHOWN_REJECTIONS]:
        first = next(r for r in by_cable[rid] if r.severity == "violation")
        click.echo(f"  {rid}: {first.message}")
    if len(failing) > SHOWN_REJECTIONS:
        click.echo(f"  ... and {len(failing) - SHOWN_REJECTIONS:,} more (cablegraph validate lists them all)")
    if summary.refused:
        click.echo(f"Refused (removed again, --strict) {len(summary.refused):,} cables with violations.")
