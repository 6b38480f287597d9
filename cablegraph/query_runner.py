"""Run a stored (or any) query on the local store or on a remote SPARQL endpoint.

Parameters are bound as RDF terms, never pasted into the query: each value is
checked against its parameter's type and made a pyoxigraph term
(``NamedNode``, typed ``Literal``), and the terms go in a ``VALUES`` block
placed first in the query's WHERE group (and in each sub-select's that uses them), written in N-Triples term syntax by
pyoxigraph (quotes and backslashes escaped, IRIs validated). A value like
``"} ; DROP ...`` is a string literal that matches nothing.

The same text runs locally and remotely, so both give the same rows. (pyoxigraph's
``substitutions=`` would avoid the text altogether, but it does not reach
sub-selects and requires the variable in the projection, which aggregate
queries cannot offer.)

Queries read the default graph as the union of all graphs (each cable is a
named graph): locally ``use_default_graph_as_union``; remote endpoints must do
the same (Virtuoso does by default, ``oxigraph serve --union-default-graph``).
Rows may repeat a triple stated in several graphs, so the stored queries use
DISTINCT.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Mapping

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean

from cablegraph.catalogue import Parameter, StoredQuery, parse_query
from cablegraph.namespaces import BASE, PREFIXES, XSD
from cablegraph.sparql_text import QueryTextError, declared_prefixes, insert_in_where_groups, query_form

DEFAULT_LIMIT = 1000
DEFAULT_TIMEOUT = 30.0

# prefixes a parameter value may use for an IRI ("id:state/TJK")
VALUE_PREFIXES = {**PREFIXES, "id": BASE}

_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DATATYPES = {"integer": XSD.integer, "decimal": XSD.decimal, "boolean": XSD.boolean,
              "date": XSD.date, "dateTime": XSD.dateTime, "string": XSD.string}


class QueryError(Exception):
    """The query could not be run (syntax, endpoint, unsupported form)."""


class ParameterError(QueryError, ValueError):
    """A parameter is missing, unknown or not of its type."""


class QueryTimeout(QueryError):
    """The query ran longer than its timeout."""


@dataclass
class QueryResult:
    variables: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)  # pyoxigraph terms or None
    truncated: bool = False
    boolean: bool | None = None  # for ASK
    seconds: float = 0.0

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.variables, row)) for row in self.rows]

    def values(self) -> list[tuple[str | None, ...]]:
        """Rows as plain values (IRI or lexical form), for comparisons and tests."""
        return [tuple(None if term is None else term.value for term in row) for row in self.rows]


# -- binding --------------------------------------------------------------------------

def _iri(value: str, parameter: Parameter) -> NamedNode:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in VALUE_PREFIXES and not local.startswith("//"):
        text = VALUE_PREFIXES[prefix] + local
    if not _SCHEME.match(text):
        raise ParameterError(f"parameter '{parameter.name}' must be an IRI (https://... or id:...), got {value!r}")
    try:
        return NamedNode(text)
    except ValueError:
        raise ParameterError(f"parameter '{parameter.name}' must be an IRI, got {value!r}") from None


def _checked(parameter: Parameter, text: str, pattern: re.Pattern, what: str) -> str:
    if not pattern.match(text):
        raise ParameterError(f"parameter '{parameter.name}' must be {what}, got {text!r}")
    return text


def to_term(parameter: Parameter, value: Any) -> NamedNode | Literal:
    """``value`` (text, a Python value or an RDF term) as a term of the parameter's type."""
    kind = parameter.type
    if isinstance(value, NamedNode | Literal):
        expected = _DATATYPES.get(kind)
        if (kind == "iri") != isinstance(value, NamedNode) or (expected and value.datatype != expected):
            raise ParameterError(f"parameter '{parameter.name}' must be of type {kind}, got {value}")
        return value
    if kind == "iri":
        return _iri(str(value), parameter)
    if kind == "string":
        return Literal(str(value))
    if kind == "boolean":
        text = str(value).strip().lower() if not isinstance(value, bool) else str(value).lower()
        if text not in ("true", "false", "1", "0"):
            raise ParameterError(f"parameter '{parameter.name}' must be true or false, got {value!r}")
        return Literal("true" if text in ("true", "1") else "false", datatype=XSD.boolean)
    if kind == "integer":
        if isinstance(value, bool) or isinstance(value, float):
            raise ParameterError(f"parameter '{parameter.name}' must be an integer, got {value!r}")
        text = _checked(parameter, str(value).strip(), _INTEGER, "an integer")
        return Literal(str(int(text)), datatype=XSD.integer)
    if kind == "decimal":
        text = _checked(parameter, str(value).strip(), _DECIMAL, "a decimal number")
        return Literal(text, datatype=XSD.decimal)
    if kind == "date":
        text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
        _checked(parameter, text, _DATE, "a date (YYYY-MM-DD)")
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise ParameterError(f"parameter '{parameter.name}' is no real date: {text!r}") from None
        return Literal(text, datatype=XSD.date)
    if kind == "dateTime":
        text = value.isoformat() if isinstance(value, dt.datetime) else str(value).strip()
        _checked(parameter, text, _DATETIME, "a date-time (YYYY-MM-DDThh:mm:ssZ)")
        try:
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ParameterError(f"parameter '{parameter.name}' is no real date-time: {text!r}") from None
        return Literal(text, datatype=XSD.dateTime)
    raise ParameterError(f"parameter '{parameter.name}' has an unknown type {kind!r}")


def bind(query: StoredQuery, params: Mapping[str, Any] | None) -> dict[str, NamedNode | Literal]:
    """Terms for the query's variables: given values, else defaults; a missing
    required parameter, an unknown name or a value of the wrong type is an error."""
    params = dict(params or {})
    unknown = sorted(set(params) - {p.name for p in query.parameters})
    if unknown:
        takes = ", ".join(p.name for p in query.parameters) or "no parameters"
        raise ParameterError(f"query '{query.name}' has no parameter {', '.join(map(repr, unknown))} (takes: {takes})")
    bound: dict[str, NamedNode | Literal] = {}
    for parameter in query.parameters:
        value = params.get(parameter.name)
        if value is None:
            value = parameter.default
        if value is None:
            if parameter.required:
                example = f", e.g. {parameter.name}={parameter.example}" if parameter.example is not None else ""
                raise ParameterError(
                    f"query '{query.name}' needs parameter '{parameter.name}' ({parameter.type}){example}")
            continue
        bound[parameter.variable] = to_term(parameter, value)
    return bound


def values_block(bound: Mapping[str, NamedNode | Literal]) -> str:
    """One VALUES row with the terms in N-Triples syntax (serialised by pyoxigraph)."""
    names = " ".join(f"?{name}" for name in bound)
    terms = " ".join(str(term) for term in bound.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def _values_of(bound: Mapping[str, NamedNode | Literal], used: list[str]) -> str | None:
    terms = {name: bound[name] for name in used if name in bound}
    return values_block(terms) if terms else None


def bound_text(query: StoredQuery, params: Mapping[str, Any] | None = None) -> str:
    """The query text with its parameters' VALUES block in place."""
    bound = bind(query, params)
    try:
        form = query_form(query.text)
        if form not in ("SELECT", "ASK"):
            raise QueryError(f"query '{query.name}' is a {form} query: only SELECT and ASK are run")
        if not bound:
            return query.text
        return insert_in_where_groups(query.text, lambda used: _values_of(bound, used))
    except QueryTextError as error:
        raise QueryError(f"query '{query.name}': {error}") from None


# -- running ----------------------------------------------------------------------------

def run_query(query: StoredQuery | str, params: Mapping[str, Any] | None = None, *, store=None,
              endpoint: str | None = None, limit: int | None = DEFAULT_LIMIT,
              timeout: float | None = DEFAULT_TIMEOUT) -> QueryResult:
    """Run ``query`` (a stored query or SPARQL text) with ``params`` on ``store``
    (a :class:`~cablegraph.store.CableStore`) or on the SPARQL ``endpoint`` URL.
    At most ``limit`` rows are returned (``truncated`` says when more existed);
    ``timeout`` is in seconds (None: no limit)."""
    if isinstance(query, str):
        query = parse_query(query, "query")
    if (store is None) == (endpoint is None):
        raise QueryError("give either a store or an endpoint")
    if limit is not None and limit < 0:
        raise QueryError("the row limit must be 0 or more")
    text = bound_text(query, params)
    started = time.perf_counter()
    if endpoint is not None:
        result = _run_remote(endpoint, text, limit, timeout)
    else:
        result = _run_local(store, text, limit, timeout)
    result.seconds = time.perf_counter() - started
    return result


def _collect(rows_iter, variables: list[str], limit: int | None) -> QueryResult:
    result = QueryResult(variables)
    for row in rows_iter:
        if limit is not None and len(result.rows) >= limit:
            result.truncated = True
            break
        result.rows.append(row)
    return result


def _run_local(store, text: str, limit: int | None, timeout: float | None) -> QueryResult:
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            answer = store.store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
            if isinstance(answer, QueryBoolean):
                outcome["result"] = QueryResult([], boolean=bool(answer))
                return
            names = [variable.value for variable in answer.variables]
            rows = (tuple(solution[name] for name in names) for solution in answer)
            outcome["result"] = _collect(rows, names, limit)
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error

    # pyoxigraph cannot cancel a query: it runs in a daemon thread, abandoned on timeout
    worker = threading.Thread(target=work, name="cablegraph-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"the query ran longer than {timeout:g} s (--timeout to allow more)")
    error = outcome.get("error")
    if isinstance(error, SyntaxError):
        raise QueryError(f"SPARQL syntax error: {error}") from None
    if error is not None:
        raise QueryError(f"the query failed: {error}") from error
    return outcome["result"]


def _remote_text(text: str) -> str:
    """The text with PREFIX lines for the cablegraph prefixes it uses but does not declare."""
    missing = [name for name in PREFIXES if name not in declared_prefixes(text)
               and re.search(rf"(?<![\w:]){name}:", text)]
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in missing) + text


def term_from_json(binding: Mapping[str, str]) -> NamedNode | Literal | BlankNode:
    """A term of the SPARQL 1.1 JSON results format."""
    kind = binding["type"]
    if kind == "uri":
        return NamedNode(binding["value"])
    if kind == "bnode":
        return BlankNode(binding["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in binding:
            return Literal(binding["value"], language=binding["xml:lang"])
        if "datatype" in binding:
            return Literal(binding["value"], datatype=NamedNode(binding["datatype"]))
        return Literal(binding["value"])
    raise QueryError(f"unknown term type in the endpoint's answer: {kind!r}")


def _run_remote(endpoint: str, text: str, limit: int | None, timeout: float | None) -> QueryResult:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint)
    client.setQuery(_remote_text(text))
    # SPARQLWrapper guesses the form from keywords anywhere in the text, comments
    # included ("addressed" reads as ADD); the form is known, so say it
    client.queryType = query_form(text)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    if timeout is not None:
        client.setTimeout(max(1, round(timeout)))
    try:
        answer = client.query().convert()
    except SPARQLWrapperException as error:
        raise QueryError(f"the endpoint refused the query: {error}") from None
    except TimeoutError:
        raise QueryTimeout(f"the endpoint did not answer within {timeout:g} s") from None
    except OSError as error:  # URLError and socket errors
        if "timed out" in str(error):
            raise QueryTimeout(f"the endpoint did not answer within {timeout:g} s") from None
        raise QueryError(f"cannot reach {endpoint}: {error}") from None
    if isinstance(answer, (bytes, str)):
        answer = json.loads(answer)
    if "boolean" in answer:
        return QueryResult([], boolean=bool(answer["boolean"]))
    names = answer["head"].get("vars", [])
    rows = (tuple(term_from_json(b[name]) if name in b else None for name in names)
            for b in answer["results"]["bindings"])
    return _collect(rows, names, limit)
