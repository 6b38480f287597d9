"""SIGKILL a real ``cablegraph load`` mid-load: every cable is then fully in the
store or fully out of it, and loading again completes.

Needs ``../shared`` (the corpus the benchmark corpus is resampled from).
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest
from pyoxigraph import RdfFormat

from cablegraph.loader.sources import CableText, iter_cable_texts
from cablegraph.pipeline import MappedCable, cable_to_nquads
from cablegraph.store import CableStore

ROOT = Path(__file__).parents[1]
SHARED = ROOT / ".." / "shared"
CABLES = 2500
BATCH = 100
PROGRESS = re.compile(rb"([\d,]+) cables loaded")


def load_process(store: Path, corpus: Path) -> subprocess.Popen:
    command = [sys.executable, "-c", "from cablegraph.cli import main; main()", "load",
               "--store", str(store), "--batch-size", str(BATCH), "--processes", "2", "--progress", str(corpus)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_progress(process: subprocess.Popen, cables: int, timeout: float = 300) -> int:
    """Read the progress line until at least ``cables`` are committed."""
    os.set_blocking(process.stderr.fileno(), False)
    seen, deadline, buffer = 0, time.monotonic() + timeout, b""
    while time.monotonic() < deadline and process.poll() is None:
        buffer += process.stderr.read() or b""
        counts = PROGRESS.findall(buffer)
        if counts:
            seen = int(counts[-1].replace(b",", b""))
            if seen >= cables:
                return seen
        time.sleep(0.05)
    raise AssertionError(f"the load ended or stalled before {cables} cables (saw {seen}): {buffer[-500:]!r}")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    if not (SHARED / "corpus" / "cablegate-html").is_dir():
        pytest.fail(f"test_kill needs the shared corpus at {SHARED.resolve()} (../shared from the project root)")
    sys.path.insert(0, str(ROOT / "bench"))
    from make_corpus import make_corpus

    path = tmp_path_factory.mktemp("kill") / "cables.csv"
    assert make_corpus(CABLES, path, seed=7, shared=SHARED) == CABLES
    return path


@pytest.fixture(scope="module")
def expected(corpus) -> dict[str, list[set]]:
    """Each cable's graph in every version the input holds (rows whose text
    gives the same ID), in input order: a complete load keeps the last."""
    graphs: dict[str, list[set]] = {}
    for item in iter_cable_texts([corpus]):
        if isinstance(item, CableText):
            mapped = cable_to_nquads(item)
            if isinstance(mapped, MappedCable):
                quads = set(pyoxigraph.parse(mapped.nquads, format=RdfFormat.N_QUADS))
                graphs.setdefault(mapped.reference_id, []).append(quads)
    return graphs


def assert_every_cable_complete(store_path: Path, expected: dict[str, list[set]], finished: bool = False) -> set[str]:
    store = CableStore(store_path)  # opening undoes an interrupted batch
    try:
        loaded = set(store.cable_ids())
        for reference_id in loaded:
            versions = expected[reference_id][-1:] if finished else expected[reference_id]
            assert store.cable_quads(reference_id) in versions, f"{reference_id} is not one whole version"
        return loaded
    finally:
        store.close()


def test_sigkill_mid_load_leaves_whole_cables_and_a_reload_completes(tmp_path, corpus, expected):
    store = tmp_path / "store"
    for batches in (3, 8, 14):  # kill at several points, so some land inside a batch write
        process = load_process(store, corpus)
        try:
            wait_for_progress(process, batches * BATCH)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == -signal.SIGKILL
        loaded = assert_every_cable_complete(store, expected)
        assert 0 < len(loaded) < len(expected), "the kill should land mid-load"

    reload = load_process(store, corpus)
    out, err = reload.communicate(timeout=600)
    assert reload.returncode == 0, err.decode(errors="replace")[-2000:]
    assert assert_every_cable_complete(store, expected, finished=True) == set(expected)
