"""Content negotiation: which media type answers a request.

A result set (SELECT, ASK) is written as SPARQL JSON, XML, CSV or TSV; a graph
(CONSTRUCT, DESCRIBE, a resource's description) as Turtle, N-Triples, JSON-LD or
RDF/XML. The client's ``Accept`` header decides, with q-values; a ``format``
(or ``output``) request parameter naming a format of the right kind overrides
it (download links, SPARQLWrapper's ``format=json``). Pure functions.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    aliases: tuple[str, ...] = ()  # other media types and ``format=`` names


RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", "srj", ("application/json", "text/javascript", "application/javascript")),
    Format("xml", "application/sparql-results+xml", "srx", ("application/xml", "text/xml")),
    Format("csv", "text/csv", "csv"),
    Format("tsv", "text/tab-separated-values", "tsv", ("tab-separated-values",)),
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", "ttl", ("application/turtle", "application/x-turtle", "ttl", "n3", "text/n3")),
    Format("ntriples", "application/n-triples", "nt", ("nt", "n-triples", "text/plain")),
    Format("jsonld", "application/ld+json", "jsonld", ("json-ld", "application/x-json+ld", "application/json")),
    Format("rdfxml", "application/rdf+xml", "rdf", ("rdf+xml", "rdf", "xml", "application/xml")),
)
HTML = Format("html", "text/html", "html", ("application/xhtml+xml",))


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``text/turtle;q=0.9, */*;q=0.1`` -> ``[("text/turtle", 0.9), ("*/*", 0.1)]``, best first."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for position, part in enumerate(header.split(",")):
        fields = [field.strip() for field in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for field in fields[1:]:
            key, _, value = field.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        # more specific ranges win ties: type/subtype over type/* over */*
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append((media, quality, specificity, -position))
    ranges.sort(key=lambda item: (item[1], item[2], item[3]), reverse=True)
    return [(media, quality) for media, quality, _, _ in ranges]


def _matches(media_range: str, fmt: Format) -> bool:
    if media_range == "*/*":
        return True
    types = (fmt.media_type,) + tuple(alias for alias in fmt.aliases if "/" in alias)
    if media_range.endswith("/*"):
        return any(t.startswith(media_range[:-1]) for t in types)
    return media_range in types


def by_name(name: str | None, offered: tuple[Format, ...]) -> Format | None:
    """The format a ``format=`` parameter names (``json``, ``text/csv``, ``rdf+xml`` ...)."""
    if not name:
        return None
    key = name.strip().lower()
    for fmt in offered:
        if key in (fmt.name, fmt.media_type, fmt.extension) or key in fmt.aliases:
            return fmt
    return None


def negotiate(accept: str | None, offered: tuple[Format, ...], requested: str | None = None) -> Format | None:
    """The best of ``offered`` for this request, the first offered on ``*/*``; None when
    the client accepts none of them (the caller answers 406)."""
    named = by_name(requested, offered)
    if named is not None:
        return named
    for media_range, quality in parse_accept(accept):
        if quality <= 0:
            continue
        for fmt in offered:
            if _matches(media_range, fmt):
                return fmt
    return None
