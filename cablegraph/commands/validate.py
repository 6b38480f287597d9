"""``cablegraph validate``: check the store against the SHACL shapes."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from cablegraph.store import DEFAULT_STORE_PATH

FAIL_ON = ("violation", "warning", "never")


@click.command("validate")
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=DEFAULT_STORE_PATH, show_default=True)
@click.option("--cable", "cables", multiple=True, metavar="ID",
              help="Validate only this cable (its graph and the nodes it points to); repeatable.")
@click.option("--format", "output_format", type=click.Choice(["text", "turtle", "jsonld", "json", "html"]),
              default="text", show_default=True, help="turtle and jsonld give the standard sh:ValidationReport.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="violation", show_default=True,
              help="Exit 1 when the report has a result this severe (never: always exit 0).")
def validate_command(store_path, cables, output_format, output, fail_on):
    """Validate the store (or some cables) against cablegraph's SHACL shapes.

    Violations are wrong header or reference facts, warnings are doubtful facts
    read from cable bodies, infos are hints. The report leads with counts by
    severity, shape and path, then lists the results by cable.
    """
    from cablegraph.commands.common import open_existing_store
    from cablegraph.report_formats import write_report
    from cablegraph.validation import validate_store

    # validation only reads: read-only, so it can run beside a writer or other readers
    store = open_existing_store(store_path, read_only=True)
    try:
        missing = [rid for rid in cables if not store.has_cable(rid)]
        if missing:
            raise click.ClickException(f"not in the store: {', '.join(missing)}")
        report = validate_store(store, cables or None)
    finally:
        store.close()  # read-only: nothing to flush
    if output is None:
        write_report(report, output_format, click.get_binary_stream("stdout"))
    else:
        try:
            with open(output, "wb") as out:
                write_report(report, output_format, out)
        except OSError as error:
            raise click.ClickException(f"cannot write {output}: {error.strerror or error}") from error
        counts = report.counts()
        click.echo(f"{counts['violation']} violations, {counts['warning']} warnings, {counts['info']} infos "
                   f"written to {output}", err=True)
    if report.fails(fail_on):
        sys.exit(1)
