"""Writing a query's answer, capped at a number of rows or triples.

The rows are collected first (at most ``limit`` + 1) so that an answer over the
cap becomes a clear error instead of a silently cut one. Result sets go through
:mod:`cablegraph.results` (the W3C JSON, CSV and TSV formats) plus the XML
format written here; graphs are written by pyoxigraph.
"""
from __future__ import annotations

from itertools import islice
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph
from pyoxigraph import BlankNode, NamedNode, QueryBoolean, QuerySolutions, RdfFormat

from cablegraph.namespaces import BASE, PREFIXES, XSD
from cablegraph.query_runner import QueryResult
from cablegraph.results import to_csv, to_json, to_tsv
from cablegraph.server.formats import GRAPH_FORMATS, RESULT_FORMATS, Format

RDF_FORMATS = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES,
               "jsonld": RdfFormat.JSON_LD, "rdfxml": RdfFormat.RDF_XML}
TURTLE_PREFIXES = {**PREFIXES, "id": BASE}


class TooManyRows(Exception):
    """The answer has more rows (or triples) than the server's cap."""


def _xml_term(term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype != XSD.string:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def to_xml(result: QueryResult) -> str:
    """The SPARQL Query Results XML Format."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    lines += [f"<variable name={quoteattr(name)}/>" for name in result.variables]
    lines.append("</head>")
    if result.boolean is not None:
        lines.append(f"<boolean>{str(result.boolean).lower()}</boolean>")
    else:
        lines.append("<results>")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                            for name, term in zip(result.variables, row) if term is not None)
            lines.append(f"<result>{cells}</result>")
        lines.append("</results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


RESULT_WRITERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}


def capped(iterable, limit: int, what: str) -> list:
    items = list(islice(iterable, limit + 1))
    if len(items) > limit:
        raise TooManyRows(f"the answer has more than {limit:,} {what} (the server's cap): "
                          f"add a LIMIT, or ask the operator for a higher --max-rows")
    return items


def is_graph(answer) -> bool:
    return not isinstance(answer, (QuerySolutions, QueryBoolean))


def collect(answer, limit: int) -> QueryResult | list:
    """A result set as :class:`QueryResult`, a graph as a list of triples (both capped)."""
    if isinstance(answer, QueryBoolean):
        return QueryResult([], boolean=bool(answer))
    if isinstance(answer, QuerySolutions):
        names = [variable.value for variable in answer.variables]
        rows = capped((tuple(solution[name] for name in names) for solution in answer), limit, "rows")
        return QueryResult(names, rows)
    return capped(iter(answer), limit, "triples")


def write(collected: QueryResult | list, fmt: Format) -> bytes:
    if isinstance(collected, QueryResult):
        assert fmt in RESULT_FORMATS
        return RESULT_WRITERS[fmt.name](collected).encode("utf-8")
    assert fmt in GRAPH_FORMATS
    prefixes = TURTLE_PREFIXES if fmt.name == "turtle" else None
    return pyoxigraph.serialize(collected, format=RDF_FORMATS[fmt.name], prefixes=prefixes) or b""
