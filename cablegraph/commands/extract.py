"""``cablegraph extract``: print the officials, states, events and missions of every cable."""
from __future__ import annotations

import json
import sys

import click

from cablegraph.commands.common import ParsedInputs, input_paths


@click.command("extract")
@input_paths
@click.option("--format", "output_format", type=click.Choice(["json"]), default="json", show_default=True,
              help="json: one object per cable (JSON Lines) in the schema of the entity gold standard "
                   "(cable_id, path, officials, states, events, missions, notes).")
def extract_command(paths: tuple[str, ...], output_format: str) -> None:
    """Extract entities from cables (raw text, Cablegate HTML, cables.csv, JSON, folders, .gz, .zip).

    Rejected inputs are reported on stderr, one line each; the exit code is 1
    when any input was rejected.
    """
    from cablegraph.extract import extract_entities

    inputs = ParsedInputs(paths)
    for record in inputs:
        sys.stdout.write(json.dumps(extract_entities(record).as_gold_dict(), ensure_ascii=False) + "\n")
    inputs.finish()
