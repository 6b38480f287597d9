"""The OpenAPI 3 document of the stored-query API (``/api/openapi.json``)."""
from __future__ import annotations

from cablegraph.catalogue import Parameter, StoredQuery
from cablegraph.server.formats import RESULT_FORMATS

SCHEMAS = {
    "iri": {"type": "string", "format": "uri"},
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "dateTime": {"type": "string", "format": "date-time"},
}
ERRORS = {
    "400": "a parameter is missing, unknown or not of its type",
    "406": "none of the accepted media types is offered",
    "422": "the answer has more rows than the server's cap",
    "503": "the query ran longer than the server's timeout",
}


def _parameter(parameter: Parameter) -> dict:
    schema = dict(SCHEMAS.get(parameter.type, SCHEMAS["string"]))
    if parameter.default is not None:
        schema["default"] = parameter.default
    entry = {"name": parameter.name, "in": "query", "required": parameter.required,
             "description": parameter.description or f"{parameter.type} parameter", "schema": schema}
    if parameter.example is not None:
        entry["example"] = parameter.example
    return entry


def _format_parameter() -> dict:
    return {"name": "format", "in": "query", "required": False,
            "description": "answer format, overriding the Accept header",
            "schema": {"type": "string", "enum": [fmt.name for fmt in RESULT_FORMATS]}}


def openapi(queries: dict[str, StoredQuery], server_url: str) -> dict:
    paths = {}
    for name, query in queries.items():
        responses = {"200": {"description": "the query's results",
                             "content": {fmt.media_type: {} for fmt in RESULT_FORMATS}}}
        responses.update({code: {"description": text, "content": {"text/plain": {}}} for code, text in ERRORS.items()})
        paths[f"/api/{name}"] = {"get": {
            "operationId": name,
            "summary": query.summary or name,
            "description": query.description + "\n\n```sparql\n" + query.text.strip() + "\n```",
            "tags": query.tags,
            "parameters": [_parameter(p) for p in query.parameters] + [_format_parameter()],
            "responses": responses,
        }}
    return {
        "openapi": "3.0.3",
        "info": {"title": "cablegraph stored queries", "version": "1",
                 "description": "US diplomatic cables as RDF: the stored SPARQL queries of cablegraph as a REST API. "
                                "Parameters are bound as typed RDF terms; the full SPARQL endpoint is at /sparql."},
        "servers": [{"url": server_url}],
        "paths": paths,
    }
