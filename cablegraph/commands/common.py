"""Options and output helpers shared by several commands."""
from __future__ import annotations

import click

input_paths = click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))


def report_rejection(rejection) -> None:
    """One line on stderr naming the file (and line or cable ID) and the reason."""
    click.echo(f"rejected: {rejection}", err=True)
