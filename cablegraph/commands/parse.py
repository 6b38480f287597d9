"""``cablegraph parse``: print the parsed record of every cable in the inputs."""
from __future__ import annotations

import json
import sys

import click

from cablegraph.commands.common import ParsedInputs, input_paths


@click.command("parse")
@input_paths
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="json: one record per line (JSON Lines); text: one summary line per cable.")
@click.option("--paragraphs/--no-paragraphs", default=True, show_default=True,
              help="Include the body paragraphs in JSON records.")
def parse_command(paths: tuple[str, ...], output_format: str, paragraphs: bool) -> None:
    """Parse cables (raw text, Cablegate HTML, cables.csv, JSON, folders, .gz, .zip).

    Rejected inputs are reported on stderr, one line each; the exit code is 1
    when any input was rejected.
    """
    inputs = ParsedInputs(paths)
    for record in inputs:
        if output_format == "json":
            data = record.as_dict()
            if not paragraphs:
                del data["paragraphs"]
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            click.echo("\t".join(str(value or "") for value in (
                record.reference_id, record.datetime, record.origin.name, record.classification, record.subject)))
    inputs.finish()
