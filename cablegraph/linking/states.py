"""Links of states, from ``countries.csv`` (pure functions of its rows).

Country TAGS are FIPS 10-4 codes: they reach a state through the table's
``fips`` column (:func:`cablegraph.resolve.state_of_tag`), never
through an ISO converter (``RS`` is Russia, not Serbia).

- Wikidata: ``owl:sameAs`` when both sources of the table gave the same QID,
  ``skos:exactMatch`` when only one did (identity vouched for more loosely);
- GeoNames: ``owl:sameAs`` to the country feature;
- history.state.gov: ``rdfs:seeAlso`` the country page (a document, not the state);
- DBpedia: ``owl:sameAs`` from the English Wikipedia sitelink, when an online
  run fetched it (:func:`dbpedia_links`).
"""
from __future__ import annotations

from urllib.parse import quote

from cablegraph import refdata
from cablegraph.linking.model import TARGETS, Link
from cablegraph.resolve import state_of_tag
from cablegraph.namespaces import OWL, RDFS, SKOS, state_iri

TWO_SOURCES = "country-codes+rigour"


def state_links(row: dict[str, str]) -> list[Link]:
    subject = state_iri(row["iso3"]).value
    links = []
    if row["wikidata"]:
        agreed = row["wikidata_src"] == TWO_SOURCES
        links.append(Link(
            subject, (OWL.sameAs if agreed else SKOS.exactMatch).value, TARGETS["wikidata"] + row["wikidata"],
            "state", "wikidata",
            f"QID {row['wikidata']} from {row['wikidata_src']}" + ("" if agreed else " only"),
        ))
    if row["geonames_id"]:
        links.append(Link(subject, OWL.sameAs.value, f"{TARGETS['geonames']}{row['geonames_id']}/", "state",
                          "geonames", f"GeoNames country {row['geonames_id']}"))
    if row["hsg_country"]:
        links.append(Link(subject, RDFS.seeAlso.value, f"{TARGETS['hsg']}countries/{row['hsg_country']}", "state",
                          "hsg", f"history.state.gov country '{row['hsg_country']}'"))
    return links


def all_state_links(rows: list[dict[str, str]] | None = None) -> list[Link]:
    return [link for row in (rows if rows is not None else refdata.countries()) for link in state_links(row)]


def state_row_of_tag(code: str) -> dict[str, str] | None:
    """The ``countries.csv`` row a country TAG denotes (through FIPS), or ``None``."""
    iso3 = state_of_tag(code)
    if iso3 is None:
        return None
    return next((row for row in refdata.countries() if row["iso3"] == iso3), None)


def dbpedia_iri(article: str) -> str | None:
    """English Wikipedia article IRI -> DBpedia resource IRI (same title)."""
    prefix = "https://en.wikipedia.org/wiki/"
    if not article.startswith(prefix):
        return None
    return TARGETS["dbpedia"] + quote(article[len(prefix):], safe="()_,'-.%")


def dbpedia_links(sitelinks: dict[str, str], rows: list[dict[str, str]] | None = None) -> list[Link]:
    """``{QID: enwiki article IRI}`` -> DBpedia links of the states with those QIDs."""
    links = []
    for row in rows if rows is not None else refdata.countries():
        article = sitelinks.get(row["wikidata"])
        iri = dbpedia_iri(article) if article else None
        if iri:
            links.append(Link(state_iri(row["iso3"]).value, OWL.sameAs.value, iri, "state", "dbpedia",
                              f"English Wikipedia sitelink of {row['wikidata']}"))
    return links
