"""``cablegraph link``: link states, missions, chiefs of mission and officials to other datasets."""
from __future__ import annotations

from pathlib import Path

import click

from cablegraph.store import DEFAULT_STORE_PATH


@click.command("link")
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=DEFAULT_STORE_PATH, show_default=True)
@click.option("--endpoint", default=None, help="SPARQL endpoint holding Wikidata's RDF  [default: Wikidata's]")
@click.option("--offline", is_flag=True, help="Use local data and the lookup cache only; no network.")
@click.option("--people", "people_path", type=click.Path(path_type=Path), default=None,
              help="history.state.gov people table  [default: ../shared/linkdata/hsg_people.csv]")
@click.option("--report-dir", type=click.Path(path_type=Path), default=Path("link-report"), show_default=True,
              help="Where links.csv and links.html are written.")
@click.option("--void", "void_path", type=click.Path(path_type=Path), default=None,
              help="Also write the VoID description to this Turtle file.")
@click.option("--cache-dir", type=click.Path(path_type=Path), default=None,
              help="Lookup cache  [default: $XDG_CACHE_HOME/cablegraph/sparql]")
@click.option("--accept", type=float, default=0.8, show_default=True, help="Score from which a person is owl:sameAs.")
@click.option("--review", type=float, default=0.6, show_default=True, help="Score from which a person is skos:closeMatch.")
@click.option("--min-interval", type=float, default=1.0, show_default=True, help="Seconds between two requests.")
@click.option("--retries", type=int, default=3, show_default=True)
def link_command(store_path, endpoint, offline, people_path, report_dir, void_path, cache_dir, accept, review,
                 min_interval, retries):
    """Link the store's states, US missions, chiefs of mission and officials to
    Wikidata, GeoNames, VIAF, DBpedia and history.state.gov.

    The links go into the graph <https://cablegraph.org/id/graph/links>, replaced
    as a whole in one transaction; a VoID description into .../graph/void; every
    candidate weighed, its score and why into REPORT_DIR/links.csv and links.html.
    """
    import pyoxigraph

    from cablegraph.commands.common import open_existing_store
    from cablegraph.linking.graph import VOID_GRAPH
    from cablegraph.linking.model import Thresholds
    from cablegraph.linking.run import link_store, summary_lines, write_run
    from cablegraph.linking.sources import DEFAULT_PEOPLE, read_geonames_cities, read_people
    from cablegraph.linking.sparql import DEFAULT_ENDPOINT, SparqlClient
    from cablegraph.linking.void import VOID
    from cablegraph.namespaces import PREFIXES

    if not 0 <= review <= accept <= 1:
        raise click.BadParameter("need 0 <= --review <= --accept <= 1")
    people_rows = read_people(people_path or DEFAULT_PEOPLE)
    if people_rows is None and people_path is not None:
        raise click.ClickException(f"no people table at {people_path}")
    client = SparqlClient(endpoint or DEFAULT_ENDPOINT, cache_dir, offline=offline,
                          min_interval=min_interval, retries=retries)
    store = open_existing_store(store_path)
    try:
        run = link_store(store.store, people_rows=people_rows, cities=read_geonames_cities(5000),
                         client=client, thresholds=Thresholds(accept=accept, review=review))
        written = write_run(store.store, run, report_dir)
        if void_path is not None:
            quads = store.store.quads_for_pattern(None, None, None, VOID_GRAPH)
            triples = sorted((pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads), key=str)
            with void_path.open("wb") as out:
                pyoxigraph.serialize(triples, out, format=pyoxigraph.RdfFormat.TURTLE,
                                     prefixes={**PREFIXES, "void": VOID.prefix})
    finally:
        store.close()
    for line in summary_lines(run):
        click.echo(line)
    lookups = ", ".join(f"{k} {v}" for k, v in sorted(client.counts.items())) or "none"
    click.echo(f"lookups at {client.endpoint}{' (offline)' if offline else ''}: {lookups}")
    click.echo(f"{written['links']:,} link quads, {written['void']:,} VoID quads; report in {report_dir}")
