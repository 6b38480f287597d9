"""Stored queries as a REST API, grlc-style: ``/api/<name>?param=value``.

Parameters are bound by :mod:`cablegraph.query_runner` (typed RDF terms in a
VALUES block), the bound text runs like any protocol query, with the same
formats, timeout and cap. ``format`` is the one reserved parameter name.
"""
from __future__ import annotations

from functools import lru_cache

from cablegraph.catalogue import StoredQuery, load_catalogue
from cablegraph.query_runner import ParameterError, QueryError, bound_text
from cablegraph.server.web import HTTPError, Request

RESERVED = ("format", "output")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, StoredQuery]:
    return load_catalogue()


def stored_query(name: str) -> StoredQuery:
    query = catalogue().get(name)
    if query is None:
        raise HTTPError(404, f"no stored query '{name}' (see /api/openapi.json)")
    return query


def api_text(request: Request, name: str) -> str:
    """The stored query ``name`` with the request's parameters bound."""
    if request.method not in ("GET", "HEAD", "POST"):
        raise HTTPError(405, "use GET (or POST a form)", {"Allow": "GET, HEAD, POST, OPTIONS"})
    query = stored_query(name)
    params = {}
    for key in set(request.query) | set(request.form):
        if key in RESERVED:
            continue
        value = request.param(key)
        if value != "":
            params[key] = value
    try:
        return bound_text(query, params)
    except ParameterError as error:
        raise HTTPError(400, str(error)) from None
    except QueryError as error:
        raise HTTPError(400, str(error)) from None
