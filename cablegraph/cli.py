"""The ``cablegraph`` command line: a thin layer over the library API.

Each command lives in its own module under ``cablegraph.commands`` and is
registered here, so that ``cablegraph --help`` starts fast and a command's
imports (rdflib, pyshacl, ...) are paid only when that command runs.
"""
from __future__ import annotations

import importlib

import click

# command name -> "module:attribute" under cablegraph.commands
COMMANDS = {
    "parse": "parse:parse_command",
    "load": "load:load_command",
    "stats": "stats:stats_command",
    "export": "export:export_command",
    "extract": "extract:extract_command",
    "validate": "validate:validate_command",
    "link": "link:link_command",
    "serve": "serve:serve_command",
    "query": "query:query_command",
    "queries": "queries:queries_command",
    "push": "push:push_command",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        module = importlib.import_module(f"cablegraph.commands.{module_name}")
        return getattr(module, attribute)


@click.group(cls=LazyGroup)
@click.version_option(package_name="cablegraph")
def main() -> None:
    """Load US diplomatic cables into an RDF knowledge graph and query it."""
