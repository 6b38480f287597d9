"""The cablegraph WSGI application: routes, CORS, limits and error answers.

WSGI (served by waitress) rather than ASGI: pyoxigraph is synchronous, the
queries run in worker processes anyway (:mod:`cablegraph.server.pool`), and a
thread per request waiting on a pipe is the simplest model that holds; waitress
buffers answers and absorbs slow and vanishing clients itself.
"""
from __future__ import annotations

import json
import logging
import mimetypes
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from cablegraph.server import api, openapi, pages, protocol
from cablegraph.server.cache import AnswerCache
from cablegraph.server.pool import PoolError, WorkerPool
from cablegraph.server.formats import GRAPH_FORMATS, RESULT_FORMATS
from cablegraph.server.web import HTTPError, Request, Response, text_response

log = logging.getLogger("cablegraph.server")

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Content-Type, Content-Disposition, Content-Length",
}
PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
}


@dataclass
class Settings:
    store: Path
    timeout: float = 30.0
    max_rows: int = 10_000
    max_body: int = 1_000_000  # bytes of a request body
    max_url: int = 64_000  # bytes of a query string
    workers: int = 2
    cache_bytes: int = 64_000_000  # answers kept (0: none)


class CablegraphApp:
    def __init__(self, settings: Settings, pool: WorkerPool | None = None):
        self.settings = settings
        self.pool = pool or WorkerPool(str(settings.store), settings.workers)
        self.cache = AnswerCache(settings.cache_bytes) if settings.cache_bytes else None
        self._quads: int | None = None
        self._lock = threading.Lock()

    # -- running queries ----------------------------------------------------------

    def run(self, job: tuple) -> tuple:
        """The worker's reply to a job; successful replies are cached (the store is read-only)."""
        def compute() -> tuple:
            return self.pool.run(job, self.settings.timeout)

        if self.cache is None:
            return compute()
        return self.cache.answer(job, compute, wait=self.settings.timeout + 5)

    def answer(self, job: tuple, download_name: str | None = None) -> Response:
        reply = self.run(job)
        if reply[0] == "error":
            raise HTTPError(reply[1], reply[2])
        _, media_type, body = reply
        headers = {"Vary": "Accept"}
        if download_name:
            extension = next(f.extension for f in RESULT_FORMATS + GRAPH_FORMATS if f.media_type == media_type)
            headers["Content-Disposition"] = f'attachment; filename="{download_name}.{extension}"'
        return Response(200, body, media_type, headers)

    def rows(self, text: str, limit: int = 1000) -> tuple[list[str], list[tuple]]:
        reply = self.run(("rows", text, limit))
        if reply[0] == "error":
            raise HTTPError(reply[1], reply[2])
        return reply[1], reply[2]

    def quads(self) -> int:
        with self._lock:
            if self._quads is None:
                _, rows = self.rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", 1)
                self._quads = int(rows[0][0][1])
            return self._quads

    # -- routes ---------------------------------------------------------------------

    def sparql(self, request: Request) -> Response:
        text = protocol.query_of(request)
        if text is None:
            return protocol.service_description(request, self.settings, self.quads())
        return self.answer(protocol.query_job(request, text, self.settings.max_rows),
                           _download(request, "results"))

    def stored(self, request: Request, name: str) -> Response:
        if name == "openapi.json":
            document = openapi.openapi(api.catalogue(), request.url("/"))
            return Response(200, json.dumps(document, indent=2).encode("utf-8"), "application/json")
        text = api.api_text(request, name)
        return self.answer(protocol.query_job(request, text, self.settings.max_rows), _download(request, name))

    def static(self, request: Request, name: str) -> Response:
        folder = resources.files("cablegraph.server").joinpath("static")
        entry = folder.joinpath(name)
        if "/" in name or name.startswith(".") or not entry.is_file():
            raise HTTPError(404, f"no static file {name}")
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return Response(200, entry.read_bytes(), media_type, {"Cache-Control": "public, max-age=3600"})

    def route(self, request: Request) -> Response:
        path = request.path
        if request.method == "OPTIONS":
            return Response(204, b"", "text/plain", dict(PREFLIGHT))
        if path == "/sparql":
            return self.sparql(request)
        if path == "/api" or path == "/api/":
            return Response(303, b"", "text/plain", {"Location": request.script_name + "/api/openapi.json"})
        if path.startswith("/api/"):
            return self.stored(request, path[len("/api/"):])
        if path.startswith("/static/"):
            return self.static(request, path[len("/static/"):])
        if request.method not in ("GET", "HEAD"):
            raise HTTPError(405, f"{request.method} is not allowed here", {"Allow": "GET, HEAD, OPTIONS"})
        if path == "/":
            return pages.query_page(request, api.catalogue())
        if path.startswith("/id/"):
            return pages.resource(self, request)
        raise HTTPError(404, f"nothing at {path}")

    # -- WSGI ------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        try:
            request = Request(environ, self.settings.max_body, self.settings.max_url)
            response = self.route(request)
        except HTTPError as error:
            response = text_response(error.status, error.message, error.headers)
        except PoolError as error:
            response = text_response(error.status, str(error))
        except Exception:  # noqa: BLE001 - one broken request never takes the server down
            log.exception("internal error on %s", environ.get("PATH_INFO"))
            response = text_response(500, "internal server error (logged)")
        response.headers.update(CORS)
        start_response(response.status_line, response.wsgi_headers())
        if environ.get("REQUEST_METHOD", "GET").upper() == "HEAD":
            return [b""]
        return [response.body]

    def close(self) -> None:
        self.pool.close()


def _download(request: Request, stem: str) -> str | None:
    """A file name stem when the client asked for a download (``download=1``, the page's buttons)."""
    return stem if request.params("download") else None
