"""A real Virtuoso for the push tests: ``bench/virtuoso.py`` (shared with the
benchmarks) started in a temporary directory and stopped at teardown. Where it
cannot start (``virtuoso-t`` missing, no answer), the tests fail: .ci/run
installs Debian's ``virtuoso-opensource``."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

# loaded by path: putting bench/ on sys.path would let its scripts (load.py,
# queries.py ...) shadow other modules for every test
_spec = importlib.util.spec_from_file_location("bench_virtuoso", Path(__file__).parents[1] / "bench" / "virtuoso.py")
bench_virtuoso = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench_virtuoso
_spec.loader.exec_module(bench_virtuoso)

Virtuoso = bench_virtuoso.Virtuoso
VirtuosoError = bench_virtuoso.VirtuosoError


def start_virtuoso(directory: Path) -> Virtuoso:
    server = Virtuoso(directory)
    try:
        return server.start()
    except VirtuosoError as error:
        pytest.fail(f"cannot start Virtuoso: {error}")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()
