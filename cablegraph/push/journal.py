"""The push journal: which graphs an unfinished push has already sent.

A file next to the store (``cablegraph-store.push-<key>.journal``, one per
target) lists, one JSON line each, the graphs whose last piece the target
acknowledged, with a digest of their content. A push that finds the journal
skips the graphs listed with the digest they still have (a graph reloaded
since is sent again), and deletes the journal once every graph is sent: the
next push sends everything again (which, each graph being replaced, changes
nothing on the target).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path


def journal_path(store_path: Path, target_url: str) -> Path:
    key = hashlib.sha256(target_url.encode()).hexdigest()[:12]
    return store_path.parent / f"{store_path.name}.push-{key}.journal"


class PushJournal:
    def __init__(self, path: Path, target_url: str):
        self.path = path
        self.target_url = target_url
        self.done: dict[str, str] = self._read()

    def _read(self) -> dict[str, str]:
        if not self.path.is_file():
            return {}
        done: dict[str, str] = {}
        with open(self.path, encoding="utf-8") as lines:
            for line in lines:
                try:
                    entry = json.loads(line)
                except ValueError:  # a line cut short by a crash
                    continue
                if "graph" in entry:  # the first line names the target, for people reading the file
                    done[entry["graph"]] = entry["digest"]
        return done

    def is_done(self, graph: str, digest: str) -> bool:
        return self.done.get(graph) == digest

    def record(self, graphs: list[tuple[str, str]]) -> None:
        """Note ``(graph IRI, digest)`` pairs as sent (written through at once:
        opening the file once per request costs nothing next to the request)."""
        lines = [] if self.path.is_file() else [{"target": self.target_url}]
        lines += [{"graph": graph, "digest": digest} for graph, digest in graphs]
        with open(self.path, "a", encoding="utf-8") as journal:
            journal.writelines(json.dumps(line) + "\n" for line in lines)
        self.done.update(graphs)

    def finish(self) -> None:
        """Every graph is sent: forget them."""
        self.path.unlink(missing_ok=True)
        self.done = {}

