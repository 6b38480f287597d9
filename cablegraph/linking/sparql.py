"""A SPARQL client for lookups: disk cache, rate limit, retries (the network edge).

Every SELECT answer is cached on disk under the hash of endpoint and query;
a cached answer is never fetched again. Requests to the endpoint are spaced by
at least ``min_interval`` seconds and retried with exponential back-off (or
the server's ``Retry-After``) on connection errors, timeouts, HTTP 429 and
5xx. ``offline=True`` answers from the cache only (``None`` on a miss).
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import tempfile
import time
import urllib.error
from collections import Counter
from pathlib import Path

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
AGENT = "cablegraph-linker/0.1 (https://cablegraph.org; offline-first reconciliation of US cable officials)"


class LookupFailed(Exception):
    """The endpoint could not answer after all retries."""


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cablegraph" / "sparql"


def _retryable(error: BaseException) -> tuple[bool, float | None]:
    from SPARQLWrapper.SPARQLExceptions import EndPointInternalError

    if isinstance(error, urllib.error.HTTPError):
        retry_after = error.headers.get("Retry-After") if error.headers else None
        delay = float(retry_after) if retry_after and retry_after.isdigit() else None
        return error.code == 429 or error.code >= 500, delay
    if isinstance(error, (EndPointInternalError, urllib.error.URLError, socket.timeout, ConnectionError, TimeoutError)):
        return True, None
    return False, None


class SparqlClient:
    def __init__(
        self,
        endpoint: str = DEFAULT_ENDPOINT,
        cache_dir: str | Path | None = None,
        *,
        offline: bool = False,
        min_interval: float = 1.0,
        retries: int = 3,
        backoff: float = 2.0,
        timeout: float = 60.0,
        agent: str = AGENT,
    ):
        self.endpoint = endpoint
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        self.offline = offline
        self.min_interval = min_interval
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.agent = agent
        self.counts: Counter[str] = Counter()
        self._last_request = float("-inf")

    def _path(self, query: str) -> Path:
        digest = hashlib.sha256(f"{self.endpoint}\n{query}".encode()).hexdigest()
        return self.cache_dir / digest[:2] / f"{digest}.json"

    def cached(self, query: str) -> list[dict[str, str]] | None:
        path = self._path(query)
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))["rows"]
        return None

    def _store(self, query: str, rows: list[dict[str, str]]) -> None:
        path = self._path(query)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"endpoint": self.endpoint, "query": query, "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "rows": rows}
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(temporary, path)  # readers see the whole answer or none

    def select(self, query: str) -> list[dict[str, str]] | None:
        """Rows of a SELECT as ``{variable: value}`` (IRIs and literals as strings)."""
        rows = self.cached(query)
        if rows is not None:
            self.counts["cache hits"] += 1
            return rows
        if self.offline:
            self.counts["offline misses"] += 1
            return None
        rows = self._fetch(query)
        self._store(query, rows)
        return rows

    def _fetch(self, query: str) -> list[dict[str, str]]:
        from SPARQLWrapper import JSON, POST, SPARQLWrapper

        for attempt in range(self.retries + 1):
            wait = self._last_request + self.min_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last_request = time.monotonic()
            client = SPARQLWrapper(self.endpoint, agent=self.agent)
            client.setQuery(query)
            client.setMethod(POST)  # long VALUES lists do not fit in a URL
            client.setReturnFormat(JSON)
            client.setTimeout(int(self.timeout))
            self.counts["requests"] += 1
            try:
                answer = client.queryAndConvert()
            except Exception as error:  # noqa: BLE001 - sorted by _retryable
                retry, delay = _retryable(error)
                if not retry or attempt == self.retries:
                    self.counts["failures"] += 1
                    raise LookupFailed(f"{self.endpoint}: {error}") from error
                self.counts["retries"] += 1
                time.sleep(delay if delay is not None else self.backoff * 2**attempt)
                continue
            return [
                {name: cell["value"] for name, cell in binding.items()}
                for binding in answer["results"]["bindings"]
            ]
        raise AssertionError("unreachable")
