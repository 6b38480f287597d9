"""``cablegraph queries``: the stored query catalogue."""
from __future__ import annotations

import json

import click

from cablegraph.catalogue import load_catalogue


def _describe(query) -> dict:
    return {
        "name": query.name,
        "summary": query.summary,
        "tags": query.tags,
        "parameters": [
            {"name": p.name, "type": p.type, "required": p.required, "example": p.example,
             "default": p.default, "description": p.description}
            for p in query.parameters
        ],
    }


@click.command("queries")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def queries_command(output_format):
    """List the stored queries with their summaries and parameters."""
    catalogue = load_catalogue()
    if output_format == "json":
        click.echo(json.dumps([_describe(q) for q in catalogue.values()], indent=2, ensure_ascii=False))
        return
    for query in catalogue.values():
        click.echo(f"{query.name}\n    {query.summary}")
        for p in query.parameters:
            need = "required" if p.required else (f"default {p.default}" if p.default is not None else "optional")
            example = f", e.g. {p.example}" if p.example is not None else ""
            click.echo(f"    --param {p.name}=<{p.type}>  ({need}{example}) {p.description}".rstrip())
