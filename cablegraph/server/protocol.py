"""The SPARQL 1.1 Protocol at ``/sparql``: query by GET, by POST form and by POST
direct; the service description when no query is given; updates refused (403).
"""
from __future__ import annotations

from string import Template

import pyoxigraph

from cablegraph.server.formats import GRAPH_FORMATS, negotiate
from cablegraph.server.sparql_kind import is_update
from cablegraph.server.templates import read_template
from cablegraph.server.web import HTTPError, Request, Response

READ_ONLY = "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, DROP, CLEAR ...) is refused"


def query_of(request: Request) -> str | None:
    """The query text of a protocol request, or None (service description)."""
    if request.method not in ("GET", "HEAD", "POST"):
        raise HTTPError(405, f"{request.method} is not a SPARQL query method: use GET or POST",
                        {"Allow": "GET, HEAD, POST, OPTIONS"})
    if request.method == "POST" and request.content_type == "application/sparql-update":
        raise HTTPError(403, READ_ONLY)
    if request.params("update"):
        raise HTTPError(403, READ_ONLY)
    if request.method == "POST" and request.content_type == "application/sparql-query":
        if request.form or request.query.get("query"):
            raise HTTPError(400, "a direct POST carries the query in its body only")
        text = request.text_body()
    elif request.method == "POST" and request.content_type not in ("application/x-www-form-urlencoded", ""):
        raise HTTPError(415, f"POST a query as application/x-www-form-urlencoded or application/sparql-query, "
                             f"not {request.content_type}")
    else:
        text = request.param("query")
        if text is None:
            return None
    if not text.strip():
        raise HTTPError(400, "the query is empty")
    if is_update(text):
        raise HTTPError(403, READ_ONLY)
    return text


def query_job(request: Request, text: str, limit: int) -> tuple:
    # SPARQLWrapper repeats its format= (and output=, results=) names: the first one counts
    requested = next(iter(request.params("format") + request.params("output")), None)
    return ("answer", text, request.accept, requested, limit,
            tuple(request.params("default-graph-uri")), tuple(request.params("named-graph-uri")))


def service_description(request: Request, settings, quads: int) -> Response:
    fmt = negotiate(request.accept, GRAPH_FORMATS, request.param("format"))
    if fmt is None:
        fmt = GRAPH_FORMATS[0]  # the description is for any client: Turtle
    turtle = Template(read_template("service.ttl")).substitute(
        endpoint=request.url("/sparql"), timeout=f"{settings.timeout:g}", max_rows=f"{settings.max_rows:,}",
        quads=quads)
    if fmt.name == "turtle":
        body = turtle.encode("utf-8")
    else:
        from cablegraph.server.serialize import RDF_FORMATS

        triples = pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE)
        body = pyoxigraph.serialize(list(triples), format=RDF_FORMATS[fmt.name])
    return Response(200, body, fmt.media_type, {"Vary": "Accept"})
