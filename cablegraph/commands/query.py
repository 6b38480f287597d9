"""``cablegraph query``: run a stored query, or a query file, on the store or an endpoint."""
from __future__ import annotations

from pathlib import Path

import click

from cablegraph.store import DEFAULT_STORE_PATH


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise click.BadParameter(f"expected key=value, got {pair!r}", param_hint="--param")
        if name.strip() in params:
            raise click.BadParameter(f"parameter {name.strip()!r} given twice", param_hint="--param")
        params[name.strip()] = value
    return params


@click.command("query")
@click.argument("name", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Run the query in this .rq file instead of a stored one.")
@click.option("--param", "-p", "pairs", multiple=True, metavar="KEY=VALUE", help="A parameter value (repeatable).")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=1000, show_default=True, help="Most rows returned.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Seconds before the query is given up.")
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=DEFAULT_STORE_PATH, show_default=True)
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL endpoint instead of the local store.")
def query_command(name, query_file, pairs, output_format, limit, timeout, store_path, endpoint):
    """Run the stored query NAME (see 'cablegraph queries') or --file FILE."""
    from cablegraph.catalogue import CatalogueError, load_catalogue, read_query_file
    from cablegraph.query_runner import QueryError, run_query
    from cablegraph.results import format_result

    if (name is None) == (query_file is None):
        raise click.UsageError("give a stored query NAME or --file FILE (one of them)")
    try:
        if query_file is not None:
            query = read_query_file(query_file)
        else:
            catalogue = load_catalogue()
            if name not in catalogue:
                raise click.ClickException(f"no stored query {name!r}: 'cablegraph queries' lists them")
            query = catalogue[name]
    except CatalogueError as error:
        raise click.ClickException(str(error)) from None
    params = _params(pairs)
    store = None
    if endpoint is None:
        from cablegraph.commands.common import open_existing_store
        store = open_existing_store(store_path, read_only=True)
    try:
        result = run_query(query, params, store=store, endpoint=endpoint, limit=limit, timeout=timeout)
    except QueryError as error:
        raise click.ClickException(str(error)) from None
    click.echo(format_result(result, output_format), nl=output_format in ("table", "json"))
    if result.truncated:
        click.echo(f"(first {limit} rows only: --limit to see more)", err=True)
