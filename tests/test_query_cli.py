"""``cablegraph queries`` and ``cablegraph query`` through CliRunner: the catalogue as
text and JSON, every output format (parsed back), --file, --limit, errors, --endpoint."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from cablegraph.catalogue import load_catalogue
from cablegraph.cli import main
from cablegraph.namespaces import BASE
from cablegraph.store import CableStore

from query_store import build_query_store
from sparql_server import SparqlEndpoint

SEED = BASE + "cable/07TRIPOLI1033"
CITING = [BASE + "cable/08TRIPOLI166", BASE + "cable/09TRIPOLI475"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build_query_store(tmp_path_factory.mktemp("query-cli") / "store")


def invoke(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


def citing(store_path, output_format):
    return invoke("query", "cables_citing_cable", "--param", "cable=id:cable/07TRIPOLI1033",
                  "--format", output_format, "--store", store_path).stdout


def test_queries_lists_the_catalogue_as_text_and_json():
    catalogue = load_catalogue()
    text = invoke("queries").stdout
    for name, query in catalogue.items():
        assert f"{name}\n    {query.summary}\n" in text
    assert "--param state=<iri>  (required, e.g. https://cablegraph.org/id/state/IRN)" in text
    listed = json.loads(invoke("queries", "--format", "json").stdout)
    assert [entry["name"] for entry in listed] == list(catalogue)
    card = next(entry for entry in listed if entry["name"] == "missions_reporting_on_state")
    assert [(p["name"], p["type"], p["required"], p["example"]) for p in card["parameters"]] == [
        ("state", "iri", True, BASE + "state/IRN"), ("from", "date", False, None), ("to", "date", False, None)]


def test_table(store_path):
    lines = citing(store_path, "table").splitlines()
    assert lines[0].split() == ["citing", "created", "origin", "label"]
    assert lines[2].split() == ["id:cable/08TRIPOLI166", "2008-03-03T08:08:00Z", "id:mission/TRIPOLI", "B"]
    assert lines[3].split() == ["id:cable/09TRIPOLI475", "2009-06-16T14:08:00Z", "id:mission/TRIPOLI"]


def test_csv(store_path):
    rows = list(csv.reader(io.StringIO(citing(store_path, "csv"))))
    assert rows == [["citing", "created", "origin", "label"],
                    [CITING[0], "2008-03-03T08:08:00Z", BASE + "mission/TRIPOLI", "B"],
                    [CITING[1], "2009-06-16T14:08:00Z", BASE + "mission/TRIPOLI", ""]]


def test_tsv(store_path):
    lines = citing(store_path, "tsv").split("\n")
    assert lines[0] == "?citing\t?created\t?origin\t?label"
    assert lines[1].split("\t") == [f"<{CITING[0]}>", '"2008-03-03T08:08:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>',
                                    f"<{BASE}mission/TRIPOLI>", '"B"']
    assert lines[2].endswith("\t") and lines[3] == ""


def test_json_is_sparql_results(store_path):
    answer = json.loads(citing(store_path, "json"))
    assert answer["head"]["vars"] == ["citing", "created", "origin", "label"]
    first, second = answer["results"]["bindings"]
    assert first["citing"] == {"type": "uri", "value": CITING[0]}
    assert first["created"] == {"type": "literal", "value": "2008-03-03T08:08:00Z",
                                "datatype": "http://www.w3.org/2001/XMLSchema#dateTime"}
    assert first["label"] == {"type": "literal", "value": "B"}
    assert "label" not in second


def test_file_query_with_parameters(store_path, tmp_path):
    path = tmp_path / "subject.rq"
    path.write_text("#+ summary: a cable's subject\n"
                    "SELECT ?subject WHERE { ?c dcterms:identifier ?_id ; dcterms:title ?subject ; a cg:Cable }\n")
    out = invoke("query", "--file", path, "-p", "id=06DUSHANBE870", "--format", "csv", "--store", store_path).stdout
    assert out.splitlines()[1] == "URGENT REQUEST FOR DEMARCHE ON SOUTH AND CENTRAL ASIAN COUNTER-NARCOTICS AND SECURITY CONFERENCE"
    missing = invoke("query", "--file", path, "--store", store_path, ok=False)
    assert missing.exit_code == 1 and "needs parameter 'id' (string)" in missing.output


def test_limit_says_when_rows_were_left_out(store_path):
    result = invoke("query", "volume_per_year", "--limit", "2", "--format", "csv", "--store", store_path)
    assert len(result.stdout.splitlines()) == 3
    assert "first 2 rows only" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["query", "no_such_query"], "no stored query 'no_such_query'"),
    (["query"], "give a stored query NAME or --file FILE"),
    (["query", "cable_card"], "needs parameter 'cable' (iri), e.g. cable=https://cablegraph.org/id/cable/06DUSHANBE870"),
    (["query", "cable_card", "-p", "cable"], "expected key=value"),
    (["query", "official_cooccurrence", "-p", "person=id:person/x", "-p", "min=lots"], "parameter 'min' must be an integer, got 'lots'"),
    (["query", "chiefs_of_mission", "-p", "mission=id:mission/DUSHANBE", "-p", "day=May 2006"], "must be a date"),
    (["query", "volume_per_year", "-p", "year=2006"], "has no parameter 'year'"),
])
def test_errors_are_clear(store_path, args, message):
    result = invoke(*args, "--store", store_path, ok=False)
    assert result.exit_code != 0
    assert message in result.output


def test_timeout_option(store_path, tmp_path):
    path = tmp_path / "heavy.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    result = invoke("query", "--file", path, "--timeout", "0.2", "--store", store_path, ok=False)
    assert result.exit_code == 1 and "longer than 0.2 s" in result.output


def test_no_store(tmp_path):
    result = invoke("query", "volume_per_year", "--store", tmp_path / "none", ok=False)
    assert "no store at" in result.output


@pytest.mark.parametrize("output_format", ["table", "csv", "tsv", "json"])
def test_endpoint_option_gives_the_local_output(store_path, output_format):
    store = CableStore(store_path, read_only=True)
    server = SparqlEndpoint(store.store)
    try:
        args = ["query", "signers_of_mission_over_time", "-p", "mission=id:mission/TEHRAN", "--format", output_format]
        local = invoke(*args, "--store", store_path).stdout
        remote = invoke(*args, "--endpoint", server.url).stdout
    finally:
        server.close()
        del store
    assert remote == local and "Richard Helms" in local
