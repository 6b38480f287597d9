"""``cablegraph stats``: what the store holds, per class and per graph."""
from __future__ import annotations

import json
from pathlib import Path

import click

from cablegraph.commands.common import open_existing_store
from cablegraph.namespaces import PREFIXES
from cablegraph.store import DEFAULT_STORE_PATH


def compact_iri(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


@click.command("stats")
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=DEFAULT_STORE_PATH, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats_command(store_path, output_format):
    """Count the cables, quads, nodes per class and quads per graph in the store."""
    store = open_existing_store(store_path)
    try:
        stats = store.stats()
    finally:
        store.close()
    if output_format == "json":
        click.echo(json.dumps(stats, indent=2))
        return
    click.echo(f"{stats['cables']:,} cables, {stats['quads']:,} quads in {store_path}")
    click.echo("\nGraphs:")
    for name, graph in stats["graphs"].items():
        label = "cable graphs" if name == "cable" else name
        click.echo(f"  {graph['quads']:>12,} quads  {label} ({graph['graphs']:,})")
    click.echo("\nNodes per class:")
    for iri, count in sorted(stats["classes"].items(), key=lambda item: -item[1]):
        click.echo(f"  {count:>12,}  {compact_iri(iri)}")
