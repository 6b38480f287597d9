"""``cablegraph extract``: print the officials, states, events and missions of every cable."""
from __future__ import annotations

import json
import sys

import click

from cablegraph.commands.common import input_paths, report_rejection


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
    from cablegraph.loader.parser import parse_cable
    from cablegraph.loader.sources import CableText, iter_cable_texts

    done = rejected = 0
    for item in iter_cable_texts(paths):
        if not isinstance(item, CableText):
            rejected += 1
            report_rejection(item)
            continue
        entities = extract_entities(parse_cable(item))
        done += 1
        sys.stdout.write(json.dumps(entities.as_gold_dict(), ensure_ascii=False) + "\n")
    click.echo(f"{done} cables, {rejected} rejected", err=True)
    if rejected:
        sys.exit(1)
