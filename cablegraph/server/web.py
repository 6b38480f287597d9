"""A small request/response layer over WSGI (no framework: the server has a
handful of routes and every byte of its answers is decided here)."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote


REASONS = {200: "OK", 204: "No Content", 303: "See Other", 400: "Bad Request", 403: "Forbidden",
           404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable", 413: "Content Too Large",
           414: "URI Too Long", 415: "Unsupported Media Type", 422: "Unprocessable Content",
           500: "Internal Server Error", 503: "Service Unavailable"}


class HTTPError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    media_type: str = "text/plain"
    headers: dict[str, str] = field(default_factory=dict)

    def wsgi_headers(self) -> list[tuple[str, str]]:
        media = self.media_type
        if media.startswith("text/") or media.endswith(("+xml", "json")) or media == "application/n-triples":
            media += "; charset=utf-8"
        headers = {"Content-Type": media, "Content-Length": str(len(self.body)), **self.headers}
        return list(headers.items())

    @property
    def status_line(self) -> str:
        return f"{self.status} {REASONS.get(self.status, 'Unknown')}"


def text_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(status, (message.rstrip("\n") + "\n").encode("utf-8"), "text/plain", dict(headers or {}))


class Request:
    def __init__(self, environ: dict, max_body: int, max_url: int):
        self.environ = environ
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        self.script_name = environ.get("SCRIPT_NAME", "").rstrip("/")
        self.path = environ.get("PATH_INFO", "") or "/"
        query_string = environ.get("QUERY_STRING", "")
        if len(query_string) > max_url:
            raise HTTPError(414, f"the request URL is longer than {max_url:,} bytes: send the query by POST")
        self.query = parse_qs(query_string, keep_blank_values=True)
        self.content_type = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        self._max_body = max_body
        self._body: bytes | None = None
        self._form: dict[str, list[str]] | None = None

    def header(self, name: str) -> str | None:
        return self.environ.get("HTTP_" + name.upper().replace("-", "_"))

    @property
    def accept(self) -> str | None:
        return self.header("Accept")

    @property
    def body(self) -> bytes:
        if self._body is None:
            try:
                length = int(self.environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                raise HTTPError(400, "bad Content-Length") from None
            if length > self._max_body:
                raise HTTPError(413, f"the request body is larger than the server's limit of {self._max_body:,} bytes")
            stream = self.environ["wsgi.input"]
            data = stream.read(length) if length else stream.read(self._max_body + 1)
            if len(data) > self._max_body:
                raise HTTPError(413, f"the request body is larger than the server's limit of {self._max_body:,} bytes")
            self._body = data
        return self._body

    def text_body(self) -> str:
        try:
            return self.body.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPError(400, "the request body is not UTF-8") from None

    @property
    def form(self) -> dict[str, list[str]]:
        if self._form is None:
            if self.method == "POST" and self.content_type == "application/x-www-form-urlencoded":
                self._form = parse_qs(self.text_body(), keep_blank_values=True)
            else:
                self._form = {}
        return self._form

    def params(self, name: str) -> list[str]:
        """Values of a parameter from the URL and a form body."""
        return self.query.get(name, []) + self.form.get(name, [])

    def param(self, name: str) -> str | None:
        values = self.params(name)
        if len(values) > 1:
            raise HTTPError(400, f"the parameter '{name}' is given {len(values)} times")
        return values[0] if values else None

    def url(self, path: str) -> str:
        """An absolute URL of a path of this server (for the service description)."""
        scheme = self.environ.get("wsgi.url_scheme", "http")
        host = self.environ.get("HTTP_HOST") or f"{self.environ.get('SERVER_NAME')}:{self.environ.get('SERVER_PORT')}"
        return f"{scheme}://{host}{self.script_name}{quote(path)}"
