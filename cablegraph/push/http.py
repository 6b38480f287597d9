"""HTTP for the push: one request at a time on a kept-alive connection, Basic
or Digest authentication, retries with exponential back-off on connection
errors and 5xx answers.

Built on ``requests`` rather than urllib for its Digest authentication:
Virtuoso's authenticated endpoints (``/sparql-auth``,
``/sparql-graph-crud-auth``) ask for Digest, and answer an unauthenticated
request with 401 and close the connection at once. urllib authenticates every
request after a 401, so a request of megabytes was cut off while it was being
sent ("Connection reset by peer"); ``requests`` answers the first challenge
and signs the following requests up front. Fuseki and GraphDB ask for Basic:
the scheme is the one the server's challenge names.
"""
from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth

USER_AGENT = "cablegraph-push"
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_ERRNO = re.compile(r"\[Errno -?\d+\] [^'\")]+|Read timed out|timed out")


class PushError(Exception):
    """The push cannot go on: one line that says why (no traceback needed)."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status  # the HTTP status that stopped it, if any


class _Transient(Exception):
    """A failure worth retrying: the server is down, restarting or busy."""

    def __init__(self, message: str, retry_after: float | None = None, status: int | None = None):
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status


@dataclass
class RetryPolicy:
    retries: int = 6  # attempts after the first
    first_delay: float = 0.5  # seconds; doubled at each retry
    max_delay: float = 30.0

    def delay(self, retry: int, retry_after: float | None = None) -> float:
        wanted = self.first_delay * 2 ** retry if retry_after is None else retry_after
        return min(wanted, self.max_delay)


def _gist(response: requests.Response, limit: int = 300) -> str:
    """The first words of an error answer (Virtuoso answers in plain text or HTML)."""
    text = response.content.decode("utf-8", "replace")
    if "html" in response.headers.get("Content-Type", ""):
        text = html.unescape(_TAGS.sub(" ", text))
    text = _SPACES.sub(" ", text).strip() or response.reason or ""
    return text[:limit] + ("..." if len(text) > limit else "")


class HttpSender:
    def __init__(self, user: str | None = None, password: str | None = None, *, timeout: float = 300.0,
                 policy: RetryPolicy | None = None, sleep: Callable[[float], None] = time.sleep,
                 on_retry: Callable[[str, float], None] | None = None):
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.credentials = (user, password or "") if user is not None else None
        self.timeout = timeout
        self.policy = policy or RetryPolicy()
        self.sleep = sleep
        self.on_retry = on_retry  # told (reason, seconds until the retry) before each retry
        self.requests = 0
        self.retries = 0

    def send(self, method: str, url: str, body: bytes = b"", content_type: str | None = None, *,
             retry: bool = True) -> bytes:
        """Send one request and return the answer's body; retry transient failures
        (unless ``retry`` is false), raise :class:`PushError` for the others."""
        attempt = 0
        while True:
            try:
                return self._send_once(method, url, body, content_type)
            except _Transient as error:
                if not retry or attempt >= self.policy.retries:
                    tries = f" (after {attempt + 1} attempts)" if attempt else ""
                    raise PushError(f"{error}{tries}", error.status) from None
                delay = self.policy.delay(attempt, error.retry_after)
                if self.on_retry:
                    self.on_retry(str(error), delay)
                self.sleep(delay)
                attempt += 1
                self.retries += 1

    def _send_once(self, method: str, url: str, body: bytes, content_type: str | None) -> bytes:
        response = self._request(method, url, body, content_type)
        if response.status_code == 401 and self.credentials and self.session.auth is None:
            # the first challenge names the scheme; later requests are signed up front
            digest = "digest" in response.headers.get("WWW-Authenticate", "").lower()
            self.session.auth = (HTTPDigestAuth if digest else HTTPBasicAuth)(*self.credentials)
            response = self._request(method, url, body, content_type)
        if response.ok:
            return response.content
        detail = _gist(response)
        status = f"{url} answered {response.status_code}"
        if response.status_code in (401, 403):
            advice = "wrong user or password, or the user may not write there" if self.credentials \
                else "it needs --user and --password-file"
            raise PushError(f"{status} ({advice}): {detail}", response.status_code)
        if response.status_code >= 500:
            retry_after = response.headers.get("Retry-After", "")
            raise _Transient(f"{status}: {detail}", float(retry_after) if retry_after.isdigit() else None,
                             response.status_code)
        raise PushError(f"{status}: {detail}", response.status_code)

    def _request(self, method: str, url: str, body: bytes, content_type: str | None) -> requests.Response:
        self.requests += 1
        headers = {"Content-Type": content_type} if content_type else {}
        try:
            return self.session.request(method, url, data=body or None, headers=headers, timeout=self.timeout)
        except (requests.ConnectionError, requests.Timeout) as error:  # refused, reset, cut short, timed out
            raise _Transient(f"cannot reach {url}: {_reason(error)}") from None
        except requests.RequestException as error:  # a malformed URL, an unknown scheme
            raise PushError(f"{url}: {error}") from None


def _reason(error: Exception) -> str:
    """The OS's words for a connection failure ("[Errno 111] Connection refused"),
    which requests wraps three exceptions deep."""
    text = str(error)
    found = _ERRNO.search(text)
    return found.group(0) if found else text
