"""``cablegraph push`` and ``load --to`` against a real Virtuoso (Debian's
virtuoso-opensource, started on loopback by ``virtuoso_server``): every quad
arrives, a second push changes nothing, a push cut off by a SIGKILL of the
store resumes, the stored queries give the same rows there as on the embedded
store, and bad credentials or endpoints give one-line errors.

Quads on Virtuoso are counted by SPARQL queries to its anonymous endpoint.
"""
from __future__ import annotations

import json
import re
import threading

import pytest
from click.testing import CliRunner
from query_store import CHAIN, CORPUS, EXAMPLES, build_query_store
from virtuoso_server import virtuoso  # noqa: F401  (the fixture)

from cablegraph.catalogue import load_catalogue
from cablegraph.cli import main
from cablegraph.namespaces import BASE, PENDING_GRAPH
from cablegraph.push import (
    PushError,
    PushJournal,
    PushTarget,
    RetryPolicy,
    journal_path,
    push_graphs,
)
from cablegraph.query_runner import term_from_json
from cablegraph.store import CableStore

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    """The shipped sample and six Tripoli cables that cite each other (so the
    citation queries have rows)."""
    return build_query_store(tmp_path_factory.mktemp("push") / "store")


@pytest.fixture(scope="module")
def password_file(tmp_path_factory, virtuoso):
    path = tmp_path_factory.mktemp("secrets") / "password"
    path.write_text(virtuoso.password + "\n")
    return path


def invoke(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    if ok:
        assert result.exit_code == 0, result.output
    return result


def push(virtuoso, store_path, password_file, *options, ok=True):
    return invoke("push", "--endpoint", virtuoso.sparql_auth, "--user", virtuoso.user, "--password-file",
                  password_file, "--store", store_path, "--no-progress", "--format", "json", *options, ok=ok)


def store_counts(store_path) -> dict[str, int]:
    store = CableStore(store_path, read_only=True)
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"].value: int(row["n"].value) for row in rows if row["g"] != PENDING_GRAPH}


def assert_virtuoso_holds(virtuoso, store_path) -> None:
    expected = store_counts(store_path)
    held = virtuoso.graph_counts(BASE)
    assert {graph: held.get(graph) for graph in expected} == expected
    assert set(held) <= set(expected), "graphs on Virtuoso that the store does not hold"


def test_push_sends_every_quad_and_a_second_push_changes_nothing(virtuoso, store_path, password_file):
    first = json.loads(push(virtuoso, store_path, password_file).stdout)
    expected = store_counts(store_path)
    assert first["graphs"] == len(expected) and first["quads"] == sum(expected.values())
    assert first["skipped"] == 0 and first["retries"] == 0
    assert_virtuoso_holds(virtuoso, store_path)
    second = json.loads(push(virtuoso, store_path, password_file).stdout)
    assert (second["graphs"], second["quads"]) == (first["graphs"], first["quads"])
    assert_virtuoso_holds(virtuoso, store_path)
    assert not journal_path(store_path, virtuoso.sparql_auth).exists()  # a finished push leaves no journal


def test_push_with_the_graph_store_protocol(virtuoso, store_path, password_file):
    summary = json.loads(push(virtuoso, store_path, password_file, "--graph-store", virtuoso.graph_store_auth).stdout)
    assert summary["graphs"] == len(store_counts(store_path))
    assert_virtuoso_holds(virtuoso, store_path)


def _kill_after_first_graphs(virtuoso, delay: float = 0.05):
    """A progress callback that SIGKILLs Virtuoso ``delay`` s after the first
    acknowledged request, while the push goes on (or at once, for no delay)."""
    fired = threading.Event()

    def progress(graphs: int) -> None:
        if not fired.is_set():
            fired.set()
            if delay:
                threading.Timer(delay, virtuoso.kill).start()
            else:
                virtuoso.kill()

    return progress


def test_a_push_cut_off_by_a_killed_store_resumes_where_it_stopped(virtuoso, store_path, password_file):
    store = CableStore(store_path, read_only=True)
    target = PushTarget(virtuoso.sparql_auth, user=virtuoso.user, password=virtuoso.password)
    journal = PushJournal(journal_path(store_path, target.url), target.url)
    with pytest.raises(PushError, match="cannot reach"):
        push_graphs(store, target, journal=journal, max_triples=2_000, policy=RetryPolicy(retries=1, first_delay=0.1),
                    progress=_kill_after_first_graphs(virtuoso))
    sent = len(PushJournal(journal.path, target.url).done)
    total = len(store_counts(store_path))
    assert 0 < sent < total
    virtuoso.start()  # replays its transaction log
    resumed = json.loads(push(virtuoso, store_path, password_file).stdout)
    assert (resumed["skipped"], resumed["graphs"]) == (sent, total - sent)
    assert_virtuoso_holds(virtuoso, store_path)
    assert not journal.path.exists()


def test_a_push_retries_until_a_killed_store_is_back(virtuoso, store_path):
    store = CableStore(store_path, read_only=True)
    target = PushTarget(virtuoso.sparql_auth, user=virtuoso.user, password=virtuoso.password)
    retries = []

    def restart_once(reason: str, delay: float) -> None:
        if not retries:
            virtuoso.start()  # takes about 3 s: the push waits, then retries
        retries.append(reason)

    summary = push_graphs(store, target, max_triples=2_000, policy=RetryPolicy(retries=3, first_delay=0.5),
                          progress=_kill_after_first_graphs(virtuoso, delay=0), on_retry=restart_once)
    assert summary.retries == len(retries) >= 1 and "cannot reach" in retries[0]
    assert summary.graphs == len(store_counts(store_path))
    assert_virtuoso_holds(virtuoso, store_path)


def test_load_to_pushes_the_loaded_cables(virtuoso, tmp_path, password_file):
    # the same inputs as the other tests' store, so the status graph pushed is the same too
    files = [CORPUS / f"{name}.html" for name in CHAIN]
    result = invoke("load", EXAMPLES, *files, "--store", tmp_path / "store", "--no-progress", "--to",
                    virtuoso.sparql_auth, "--to-user", virtuoso.user, "--to-password-file", password_file)
    assert re.search(r"^Pushed \d+ graphs, [\d,]+ quads to ", result.stdout, re.MULTILINE), result.stdout
    assert_virtuoso_holds(virtuoso, tmp_path / "store")


# -- the stored queries on Virtuoso --------------------------------------------------

_GROUP_CONCAT = re.compile(r'GROUP_CONCAT\(.*?;\s*separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)', re.DOTALL | re.IGNORECASE)


def _rows(answer: dict, group_concat: dict[str, str]) -> list[tuple]:
    """Rows as comparable values. Two differences are set aside, both allowed by
    the standards: SPARQL leaves the order of GROUP_CONCAT's parts, and its
    value over no values (oxigraph: unbound, Virtuoso: ""), to the engine; and
    Virtuoso writes xsd:boolean values as 0 and 1 (the same values as false
    and true)."""
    names = answer["head"]["vars"]
    rows = []
    for binding in answer["results"]["bindings"]:
        row = []
        for name in names:
            term = term_from_json(binding[name]) if name in binding else None
            if name in group_concat:
                text = term.value if term is not None else ""
                row.append(tuple(sorted(text.split(group_concat[name]))) if text else ())
            elif term is not None and getattr(term, "datatype", None) is not None \
                    and term.datatype.value == XSD_BOOLEAN:
                row.append(("boolean", term.value in ("true", "1")))
            else:
                row.append(str(term))
        rows.append(tuple(row))
    return sorted(rows, key=repr)


CASES = [pytest.param(name, example, id=name)
         for name, query in load_catalogue().items() for example in (query.examples or [{}])]


@pytest.fixture(scope="module")
def pushed_for_queries(virtuoso, store_path, password_file):
    push(virtuoso, store_path, password_file)
    return store_path


@pytest.mark.parametrize(("name", "example"), CASES)
def test_stored_queries_give_the_same_rows_on_virtuoso(virtuoso, pushed_for_queries, name, example):
    params = [arg for key, value in example.items() for arg in ("--param", f"{key}={value}")]
    local = json.loads(invoke("query", name, *params, "--store", pushed_for_queries, "--format", "json",
                              "--limit", 100_000).stdout)
    remote = json.loads(invoke("query", name, *params, "--endpoint", virtuoso.sparql, "--format", "json",
                               "--limit", 100_000).stdout)
    group_concat = {variable: separator for separator, variable in _GROUP_CONCAT.findall(load_catalogue()[name].text)}
    assert remote["head"]["vars"] == local["head"]["vars"]
    assert _rows(remote, group_concat) == _rows(local, group_concat)
    assert local["results"]["bindings"], "the example has no rows on the embedded store: it proves nothing"


# -- errors ---------------------------------------------------------------------------

def _one_line_error(result, exit_code=1) -> str:
    assert result.exit_code == exit_code
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: ") and "Traceback" not in result.output
    return lines[-1]


def test_a_wrong_password_is_a_one_line_error(virtuoso, store_path, tmp_path):
    wrong = tmp_path / "wrong"
    wrong.write_text("not-the-password\n")
    message = _one_line_error(push(virtuoso, store_path, wrong, ok=False))
    assert "answered 401 (wrong user or password" in message


def test_the_anonymous_endpoint_may_not_write(virtuoso, store_path):
    result = invoke("push", "--endpoint", virtuoso.sparql, "--store", store_path, ok=False)
    assert "No permission" in _one_line_error(result)


def test_an_unreachable_endpoint_is_a_one_line_error(store_path):
    from served_store import free_port

    result = invoke("push", "--endpoint", f"http://127.0.0.1:{free_port()}/sparql", "--store", store_path, ok=False)
    assert "Connection refused" in _one_line_error(result)


def test_a_missing_password_file_is_a_usage_error(virtuoso, store_path, tmp_path):
    result = invoke("push", "--endpoint", virtuoso.sparql_auth, "--user", "dba", "--password-file",
                    tmp_path / "missing", "--store", store_path, ok=False)
    assert "does not exist" in _one_line_error(result, exit_code=2)
