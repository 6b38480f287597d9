"""Query results as a table, CSV, TSV or JSON.

``csv``, ``tsv`` and ``json`` are the W3C SPARQL 1.1 results formats (CSV: plain
values; TSV: terms in N-Triples syntax; JSON: typed bindings); ``table`` is for
reading, with IRIs shortened by the cablegraph prefixes (``id:`` for
``https://cablegraph.org/id/``).
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode

from cablegraph.namespaces import BASE, PREFIXES, XSD
from cablegraph.query_runner import QueryResult

FORMATS = ("table", "csv", "tsv", "json")
_SHORT = sorted({"id": BASE, **PREFIXES}.items(), key=lambda item: -len(item[1]))
MAX_CELL = 80


def short(term: Any) -> str:
    """A term for reading: prefixed IRI, literal's lexical form, '' when unbound."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        for prefix, namespace in _SHORT:
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return term.value


def json_term(term: Any) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    entry = {"type": "literal", "value": term.value}
    if term.language:
        entry["xml:lang"] = term.language
    elif term.datatype != XSD.string:
        entry["datatype"] = term.datatype.value
    return entry


def to_json(result: QueryResult) -> str:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
    bindings = [{name: json_term(term) for name, term in zip(result.variables, row) if term is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      indent=2, ensure_ascii=False)


def _delimited(result: QueryResult, delimiter: str, header: list[str], cell) -> str:
    output = io.StringIO()
    if delimiter == ",":
        writer = csv.writer(output, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([cell(term) for term in row] for row in result.rows)
    else:
        output.write("\t".join(header) + "\n")
        for row in result.rows:
            output.write("\t".join(cell(term) for term in row) + "\n")
    return output.getvalue()


def to_csv(result: QueryResult) -> str:
    if result.boolean is not None:
        return f"boolean\r\n{str(result.boolean).lower()}\r\n"
    return _delimited(result, ",", result.variables, lambda term: "" if term is None else term.value)


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype in (XSD.integer, XSD.decimal, XSD.boolean) and not term.language:
        return term.value  # the TSV format allows the Turtle abbreviations
    return str(term).replace("\t", "\\t")


def to_tsv(result: QueryResult) -> str:
    if result.boolean is not None:
        return f"?boolean\n{str(result.boolean).lower()}\n"
    return _delimited(result, "\t", [f"?{name}" for name in result.variables], _tsv_term)


def _cell(term: Any) -> str:
    text = " ".join(short(term).split())
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def to_table(result: QueryResult) -> str:
    if result.boolean is not None:
        return "yes" if result.boolean else "no"
    rows = [[_cell(term) for term in row] for row in result.rows]
    widths = [max([len(name)] + [len(row[i]) for row in rows]) for i, name in enumerate(result.variables)]
    lines = ["  ".join(name.ljust(width) for name, width in zip(result.variables, widths)).rstrip(),
             "  ".join("-" * width for width in widths)]
    lines += ["  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def format_result(result: QueryResult, output_format: str) -> str:
    formatters = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json}
    if output_format not in formatters:
        raise ValueError(f"unknown format {output_format!r} (one of {', '.join(FORMATS)})")
    return formatters[output_format](result)
