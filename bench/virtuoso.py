"""A private OpenLink Virtuoso on loopback, for the push tests and benchmarks.

    python bench/virtuoso.py DIR        # run one in DIR until Ctrl-C, print its URLs

Debian's ``virtuoso-opensource`` package installs ``virtuoso-t`` but starts no
server: this module writes a ``virtuoso.ini`` of its own in DIR (database,
log and transaction files there, SQL and HTTP ports free on 127.0.0.1), runs
``virtuoso-t +foreground`` as a child process and waits until ``/sparql``
answers. A new database takes about 5 s to create, a restart about 3 s
(after a SIGKILL, Virtuoso replays its transaction log; the stale lock file
does not stop it).

Endpoints (user ``dba``, password ``dba`` in a new database):
``/sparql`` (anonymous, read only: the anonymous user may not update),
``/sparql-auth`` (SPARQL Update, Digest authentication),
``/sparql-graph-crud-auth`` (Graph Store Protocol, Digest authentication).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {dir}
; 8 KB pages: 20,000 buffers hold about 160 MB
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
MaxQueryMem = 1G
ThreadsPerQuery = 2
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10

[SPARQL]
; the Debian default (10,000) would cut a comparison of large answers short
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
"""

USER = "dba"
PASSWORD = "dba"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class VirtuosoError(RuntimeError):
    pass


class Virtuoso:
    """One Virtuoso server with its database in ``directory``; the ports are
    chosen once and kept across restarts."""

    def __init__(self, directory: Path, *, buffers: int = 20_000):
        self.directory = Path(directory).resolve()
        self.buffers = buffers
        self.http_port = free_port()
        self.sql_port = free_port()
        self.process: subprocess.Popen | None = None
        self.base = f"http://127.0.0.1:{self.http_port}"
        self.sparql = self.base + "/sparql"
        self.sparql_auth = self.base + "/sparql-auth"
        self.graph_store_auth = self.base + "/sparql-graph-crud-auth"
        self.user, self.password = USER, PASSWORD

    def start(self, timeout: float = 120.0) -> Virtuoso:
        binary = shutil.which("virtuoso-t")
        if binary is None:
            raise VirtuosoError("virtuoso-t not found: apt-get install virtuoso-opensource (.ci/run does)")
        self.directory.mkdir(parents=True, exist_ok=True)
        ini = self.directory / "virtuoso.ini"
        ini.write_text(INI.format(dir=self.directory, sql_port=self.sql_port, http_port=self.http_port,
                                  buffers=self.buffers, dirty_buffers=self.buffers * 3 // 4), encoding="utf-8")
        with open(self.directory / "stdout.log", "ab") as log:
            self.process = subprocess.Popen([binary, "+configfile", str(ini), "+foreground"], cwd=self.directory,
                                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise VirtuosoError(f"virtuoso-t exited ({self.process.returncode}): {self.log_tail()}")
            try:
                self.select("ASK {}")
                return self
            except (OSError, VirtuosoError):
                time.sleep(0.2)
        self.kill()
        raise VirtuosoError(f"Virtuoso did not answer on {self.sparql} within {timeout:.0f} s: {self.log_tail()}")

    def log_tail(self, lines: int = 15) -> str:
        log = self.directory / "stdout.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.is_file() else ""

    def kill(self) -> None:
        """SIGKILL: no checkpoint, no goodbye (what a crash or the OOM killer does)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self, timeout: float = 60.0) -> None:
        """SIGTERM: Virtuoso checkpoints and shuts down; SIGKILL if it takes too long."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> Virtuoso:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- reading, over the anonymous endpoint --------------------------------

    def select(self, query: str, timeout: float = 600.0) -> list[dict]:
        """The bindings of a SELECT (or ASK) as dicts of SPARQL JSON terms."""
        request = urllib.request.Request(self.sparql, data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return json.load(answer)["results"]["bindings"]
        except urllib.error.HTTPError as error:
            raise VirtuosoError(f"{error.code}: {error.read()[:500].decode(errors='replace')}") from None

    def graph_counts(self, prefix: str) -> dict[str, int]:
        """Triples per graph, for the graphs whose IRI starts with ``prefix``."""
        rows = self.select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                           f"FILTER (STRSTARTS(STR(?g), {json.dumps(prefix)})) }} GROUP BY ?g")
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__.splitlines()[2].strip())
    with Virtuoso(Path(sys.argv[1])) as server:
        print(f"Virtuoso (pid {server.process.pid}) in {server.directory}\n  SPARQL {server.sparql}\n"
              f"  SPARQL Update {server.sparql_auth} (Digest, {USER}/{PASSWORD})\n"
              f"  Graph Store {server.graph_store_auth}\nCtrl-C stops it.", flush=True)
        try:
            server.process.wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
