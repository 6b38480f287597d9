"""Options and input handling shared by several commands."""
from __future__ import annotations

import sys
from typing import Iterator

import click

input_paths = click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))


def require_store(store_path) -> None:
    """A clear error, not a new empty store, when ``store_path`` holds none."""
    if not store_path.is_dir():
        raise click.ClickException(f"no store at {store_path}: run 'cablegraph load' first")


def open_existing_store(store_path, *, read_only: bool = False):
    """The :class:`~cablegraph.store.CableStore` at ``store_path`` (see :func:`require_store`)."""
    from cablegraph.store import CableStore

    require_store(store_path)
    return CableStore(store_path, read_only=read_only)


def report_rejection(rejection) -> None:
    """One line on stderr naming the file (and line or cable ID) and the reason."""
    click.echo(f"rejected: {rejection}", err=True)


class ParsedInputs:
    """The parsed records of every cable in ``paths``; rejected inputs are
    reported on stderr as they come and counted."""

    def __init__(self, paths) -> None:
        self.paths = paths
        self.parsed = 0
        self.rejected = 0

    def __iter__(self) -> Iterator:
        from cablegraph.loader.parser import parse_cable
        from cablegraph.loader.sources import CableText, iter_cable_texts

        for item in iter_cable_texts(self.paths):
            if not isinstance(item, CableText):
                self.rejected += 1
                report_rejection(item)
                continue
            self.parsed += 1
            yield parse_cable(item)

    def finish(self) -> None:
        """Print the counts on stderr; exit 1 when any input was rejected."""
        click.echo(f"{self.parsed} parsed, {self.rejected} rejected", err=True)
        if self.rejected:
            sys.exit(1)
