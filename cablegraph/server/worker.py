"""The query worker: a separate process holding the store open read-only.

pyoxigraph cannot interrupt a running query, so queries run here and the
server kills the process when its time is up (see :mod:`cablegraph.server.pool`).
Jobs come and go over a pipe as plain tuples:

* ``("answer", text, accept, requested_format, limit, default_graphs, named_graphs)``
  -> ``("ok", media_type, body_bytes)`` or ``("error", http_status, message)``
* ``("rows", text, limit)`` -> ``("ok", variables, rows)`` with each term as a
  plain tuple (:func:`encode_term`), for the HTML pages.
"""
from __future__ import annotations

from pyoxigraph import BlankNode, NamedNode

from cablegraph.namespaces import PREFIXES
from cablegraph.server import serialize
from cablegraph.server.formats import GRAPH_FORMATS, RESULT_FORMATS, negotiate
from cablegraph.server.sparql_kind import is_update


def encode_term(term) -> tuple | None:
    """``("uri", iri)``, ``("bnode", id)`` or ``("literal", text, datatype, language)``."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return ("uri", term.value)
    if isinstance(term, BlankNode):
        return ("bnode", term.value)
    return ("literal", term.value, term.datatype.value if term.datatype else None, term.language)


def _query(store, text: str, default_graphs=(), named_graphs=()):
    options = {"prefixes": PREFIXES}
    if default_graphs:
        options["default_graph"] = [NamedNode(iri) for iri in default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = [NamedNode(iri) for iri in named_graphs]
    return store.query(text, **options)


def answer(store, text, accept, requested, limit, default_graphs=(), named_graphs=()) -> tuple:
    try:
        result = _query(store, text, default_graphs, named_graphs)
        offered = GRAPH_FORMATS if serialize.is_graph(result) else RESULT_FORMATS
        fmt = negotiate(accept, offered, requested)
        if fmt is None:
            kinds = ", ".join(f.media_type for f in offered)
            return ("error", 406, f"none of the accepted media types can carry this answer (offered: {kinds})")
        body = serialize.write(serialize.collect(result, limit), fmt)
        return ("ok", fmt.media_type, body)
    except SyntaxError as error:
        if is_update(text):
            return ("error", 403, "this endpoint is read-only: SPARQL Update is refused")
        return ("error", 400, f"SPARQL syntax error: {error}")
    except serialize.TooManyRows as error:
        return ("error", 422, str(error))
    except (ValueError, OSError, RuntimeError) as error:
        return ("error", 400 if isinstance(error, ValueError) else 500, f"the query failed: {error}")


def rows(store, text, limit) -> tuple:
    try:
        result = _query(store, text)
        collected = serialize.collect(result, limit)
        return ("ok", collected.variables, [tuple(encode_term(t) for t in row) for row in collected.rows])
    except (SyntaxError, ValueError, OSError, RuntimeError, serialize.TooManyRows) as error:
        return ("error", 500, f"page query failed: {error}")


JOBS = {"answer": answer, "rows": rows}


def main(connection, store_path: str) -> None:
    """Process entry point: open the store, say ready, then answer jobs until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which ends us
    from cablegraph.store import CableStore

    try:
        store = CableStore(store_path, read_only=True).store
    except OSError as error:
        connection.send(("failed", str(error)))
        return
    connection.send(("ready",))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply = JOBS[job[0]](store, *job[1:])
        except Exception as error:  # noqa: BLE001 - a worker answers every job
            reply = ("error", 500, f"internal error: {type(error).__name__}: {error}")
        connection.send(reply)
