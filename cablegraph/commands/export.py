"""``cablegraph export``: stream the store in an RDF format."""
from __future__ import annotations

from pathlib import Path

import click

from cablegraph.commands.common import open_existing_store
from cablegraph.store import DEFAULT_STORE_PATH, EXPORT_FORMATS


@click.command("export")
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=DEFAULT_STORE_PATH, show_default=True)
@click.option("--format", "output_format", type=click.Choice(sorted(EXPORT_FORMATS)), default="nquads",
              show_default=True, help="Dataset formats (nquads, trig, jsonld) keep the named graphs; "
              "turtle and ntriples give the union of all graphs.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
def export_command(store_path, output_format, output):
    """Write the whole store, streaming, in an RDF format."""
    store = open_existing_store(store_path)
    try:
        if output is None:
            store.export(click.get_binary_stream("stdout"), output_format)
        else:
            with open(output, "wb") as out:
                store.export(out, output_format)
    finally:
        store.close()
