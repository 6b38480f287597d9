"""A real SPARQL 1.1 protocol endpoint on loopback for tests: a pyoxigraph store
behind a wsgiref handler (GET ?query=, form POST, application/sparql-query POST),
JSON results, the default graph read as the union of all graphs (as Virtuoso
and ``oxigraph serve --union-default-graph`` do)."""
from __future__ import annotations

import threading
import urllib.parse
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pyoxigraph


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


class SparqlEndpoint:
    def __init__(self, store: pyoxigraph.Store):
        self.store = store
        self.queries: list[str] = []
        self.requests = 0
        self.fail_next = 0  # answer this many requests with 503 first (to test retries)
        self.httpd = make_server("127.0.0.1", 0, self.app, server_class=WSGIServer, handler_class=_Quiet)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/sparql"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def app(self, environ, start_response):
        self.requests += 1
        if self.fail_next > 0:
            self.fail_next -= 1
            start_response("503 Service Unavailable", [("Content-Type", "text/plain"), ("Retry-After", "0")])
            return [b"busy"]
        query = urllib.parse.parse_qs(environ.get("QUERY_STRING", "")).get("query", [None])[0]
        if environ["REQUEST_METHOD"] == "POST":
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)).decode()
            if environ.get("CONTENT_TYPE", "").startswith("application/sparql-query"):
                query = body
            else:
                query = urllib.parse.parse_qs(body).get("query", [query])[0]
        if not query:
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"no query"]
        self.queries.append(query)
        try:
            results = self.store.query(query, use_default_graph_as_union=True)
        except SyntaxError as error:
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [str(error).encode()]
        payload = results.serialize(format=pyoxigraph.QueryResultsFormat.JSON)
        start_response("200 OK", [("Content-Type", "application/sparql-results+json")])
        return [payload]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
