"""Validation on a real store loaded from ``examples/``: the sample's known
results, injected faults (each gives exactly the expected results), agreement
with pyshacl, every report format, and ``cablegraph validate`` through click."""
from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic
from click.testing import CliRunner

from cablegraph.cli import main
from cablegraph.namespaces import cable_iri
from cablegraph.pipeline import load_paths
from cablegraph.report_formats import FORMATS, render, write_report
from cablegraph.shacl_reference import neighbourhood_quads, run_pyshacl, store_graph
from cablegraph.store import CableStore
from cablegraph.validation import validate_store

EXAMPLES = Path(__file__).parents[1] / "examples" / "cables"
SEED = "06DUSHANBE870"
C = f"<{cable_iri(SEED).value}>"
PREFIXES = """PREFIX cg: <https://cablegraph.org/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX id: <https://cablegraph.org/id/> PREFIX cable: <https://cablegraph.org/id/cable/>
"""
SH = "https://cablegraph.org/shapes#"
CG = "https://cablegraph.org/ontology#"
DCT = "http://purl.org/dc/terms/"

# Cables of the sample with a real header fault (the parser found no date-time
# group, no classification, or read a malformed ID); see cablegraph/shapes/README.md.
NO_DATE = {"04BRASILIA1291", "98NEWDELHI2879"}
KNOWN_CABLE_VIOLATIONS = {(rid, "LoadedCable-created") for rid in NO_DATE}
FAULTY = "98NEWDELHI2879"  # no date in its text, one cable cited


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("validate") / "store"
    summary = load_paths([EXAMPLES], path, processes=1)
    assert summary.cables >= 36
    return path


@pytest.fixture(scope="module")
def store(store_path):
    cable_store = CableStore(store_path)
    yield cable_store
    cable_store.close()


@pytest.fixture(scope="module")
def full_report(store):
    return validate_store(store)


def row(result) -> tuple:
    return (result.severity, result.shape[len(SH):], result.focus.value, result.path,
            None if result.value is None else result.value.value)


@contextmanager
def mutated(store: CableStore, update: str, cable: str = SEED):
    """Apply a SPARQL update to a real store, then put the cable's graph back."""
    before = store.cable_quads(cable)
    store.store.update(PREFIXES + update)
    try:
        yield
    finally:
        store.store.update(f"DROP GRAPH {C}")
        store.store.extend(before)


def added_and_removed(store: CableStore, update: str) -> tuple[set, set]:
    baseline = {row(r) for r in validate_store(store, [SEED]).results}
    with mutated(store, update):
        after = {row(r) for r in validate_store(store, [SEED]).results}
    return after - baseline, baseline - after


# -- the shipped sample --------------------------------------------------------------

def test_sample_cables_give_only_their_known_violations(full_report):
    found = {(r.cable, r.shape[len(SH):]) for r in full_report.results if r.cable and r.severity == "violation"}
    assert found == KNOWN_CABLE_VIOLATIONS


def test_sample_cables_give_no_warning(full_report):
    assert [r for r in full_report.results if r.cable and r.severity == "warning"] == []


def test_sample_hints_are_unknown_addressees_cables_outside_the_dump_and_a_missing_subject(full_report):
    infos = {r.shape[len(SH):] for r in full_report.results if r.severity == "info"}
    assert infos == {"Addressing-recipientKnown", "Cable-outsideDump", "LoadedCable-title"}
    outside = {r.cable for r in full_report.results if r.shape == SH + "Cable-outsideDump"}
    assert "75STATE272523" in outside


def test_reference_data_results_are_the_known_kinds(full_report):
    """Flaws of the shipped tables, explained in cablegraph/shapes/README.md."""
    shapes = {r.shape[len(SH):] for r in full_report.results if r.cable is None}
    assert shapes <= {"Membership-organization", "Post-postIn", "OrgRole-prefLabel", "State-fips", "Instant-date",
                      "Membership-startDate", "Membership-endDate", "Membership-post", "Membership-role",
                      "Post-hostState"}
    quinto = [r for r in full_report.results if r.focus.value.endswith("/mission/QUINTO")]
    assert [r.shape[len(SH):] for r in quinto] == ["Post-hostState"] and quinto[0].severity == "warning"


def test_report_counts_agree_with_results(full_report):
    counts = full_report.counts()
    assert sum(counts.values()) == len(full_report.results)
    assert sum(n for _, _, n in full_report.by_shape()) == len(full_report.results)
    assert sum(n for _, n in full_report.by_path()) == len(full_report.results)
    assert full_report.conforms is (counts["violation"] == 0)


def test_scoped_validation_reports_only_what_the_cable_mentions(store, full_report):
    report = validate_store(store, [FAULTY])
    own = {row(r) for r in report.results if r.cable == FAULTY}
    assert own == {row(r) for r in full_report.results if r.cable == FAULTY}
    cited = {q.object.value.rsplit("/", 1)[1] for q in store.cable_quads(FAULTY)
             if q.predicate.value == DCT + "references"}
    assert cited and {r.cable for r in report.results} <= {FAULTY, None} | cited
    assert report.failing_cables() == [FAULTY]


# -- injected faults -----------------------------------------------------------------

CABLE = cable_iri(SEED).value
FAULTS = {
    "missing date": (
        f"DELETE WHERE {{ GRAPH {C} {{ {C} dcterms:created ?d }} }}",
        {("violation", "LoadedCable-created", CABLE, DCT + "created", None)},
    ),
    "date as a plain string": (
        f"DELETE {{ GRAPH {C} {{ {C} dcterms:created ?d }} }} INSERT {{ GRAPH {C} {{ {C} dcterms:created "
        f"'2006-05-11T16:47:00Z' }} }} WHERE {{ GRAPH {C} {{ {C} dcterms:created ?d }} }}",
        {("violation", "LoadedCable-created", CABLE, DCT + "created", "2006-05-11T16:47:00Z")},
    ),
    "declassified before sent": (
        f"DELETE {{ GRAPH {C} {{ {C} cg:declassifyOn ?d }} }} INSERT {{ GRAPH {C} {{ {C} cg:declassifyOn "
        f"'2001-01-01'^^xsd:date }} }} WHERE {{ GRAPH {C} {{ {C} cg:declassifyOn ?d }} }}",
        {("violation", "LoadedCable-declassifiedAfterSent", CABLE, CG + "declassifyOn", "2001-01-01")},
    ),
    "unknown classification": (
        f"DELETE {{ GRAPH {C} {{ {C} cg:classification ?c }} }} INSERT {{ GRAPH {C} {{ {C} cg:classification "
        f"id:classification\\/TOP-SECRET . id:classification\\/TOP-SECRET a cg:Classification ; "
        f"skos:notation 'TOP SECRET' }} }} WHERE {{ GRAPH {C} {{ {C} cg:classification ?c }} }}",
        {("violation", "LoadedCable-classification", CABLE, CG + "classification",
          "https://cablegraph.org/id/classification/TOP-SECRET")},
    ),
    "bad reference ID": (
        f"DELETE {{ GRAPH {C} {{ {C} dcterms:identifier ?i }} }} INSERT {{ GRAPH {C} {{ {C} dcterms:identifier "
        f"'06DUSHANBE-870' }} }} WHERE {{ GRAPH {C} {{ {C} dcterms:identifier ?i }} }}",
        {("violation", "Cable-identifier", CABLE, DCT + "identifier", "06DUSHANBE-870")},
    ),
    "missing reference ID": (
        f"DELETE WHERE {{ GRAPH {C} {{ {C} dcterms:identifier ?i }} }}",
        {("violation", "Cable-identifier", CABLE, DCT + "identifier", None)},
    ),
    "recipient not a mission": (
        f"DELETE {{ GRAPH {C} {{ cable:{SEED}\\#recipient-1 cg:recipient ?m }} }} INSERT {{ GRAPH {C} {{ "
        f"cable:{SEED}\\#recipient-1 cg:recipient id:state\\/TJK }} }} "
        f"WHERE {{ GRAPH {C} {{ cable:{SEED}\\#recipient-1 cg:recipient ?m }} }}",
        {("violation", "Addressing-recipientIsMission", CABLE + "#recipient-1", CG + "recipient",
          "https://cablegraph.org/id/state/TJK")},
    ),
    "dangling reference": (
        f"INSERT DATA {{ GRAPH {C} {{ {C} cg:hasReference cable:{SEED}\\#reference-9 ; "
        f"dcterms:references cable:99NOWHERE1 . cable:{SEED}\\#reference-9 cg:citedCable cable:99NOWHERE1 }} }}",
        {("violation", "LoadedCable-references", CABLE, DCT + "references", "https://cablegraph.org/id/cable/99NOWHERE1"),
         ("violation", "Reference-citedCable", CABLE + "#reference-9", CG + "citedCable",
          "https://cablegraph.org/id/cable/99NOWHERE1")},
    ),
    "TAGS code breaking the pattern": (
        f"INSERT DATA {{ GRAPH {C} {{ {C} dcterms:subject id:tag\\/PREL-PGOV%3B . "
        f"id:tag\\/PREL-PGOV%3B a cg:Tag ; skos:notation 'PREL PGOV;' }} }}",
        {("violation", "Tag-notation", "https://cablegraph.org/id/tag/PREL-PGOV%3B",
          "http://www.w3.org/2004/02/skos/core#notation", "PREL PGOV;")},
    ),
    "event ending before it starts": (
        f"INSERT DATA {{ GRAPH {C} {{ cable:{SEED}\\#event-1 a cg:Conference ; schema:name 'SCA conference' ; "
        f"schema:startDate '2006-05-20'^^xsd:date ; schema:endDate '2006-05-18'^^xsd:date }} }}",
        {("warning", "Event-endsAfterStart", CABLE + "#event-1", "https://schema.org/startDate", "2006-05-20")},
    ),
    "mission without host state": (
        f"DELETE {{ GRAPH {C} {{ {C} cg:origin ?m }} }} INSERT {{ GRAPH {C} {{ {C} cg:origin id:mission\\/NOWHERE . "
        f"id:mission\\/NOWHERE a cg:Embassy ; rdfs:label 'Embassy Nowhere' }} }} WHERE {{ GRAPH {C} {{ {C} cg:origin ?m }} }}",
        {("warning", "Post-hostState", "https://cablegraph.org/id/mission/NOWHERE", CG + "hostState", None)},
    ),
    "post held after its end": (
        f"DELETE {{ GRAPH {C} {{ {C} dcterms:created ?d }} }} INSERT {{ GRAPH {C} {{ {C} dcterms:created "
        f"'2007-03-01T10:00:00Z'^^xsd:dateTime }} }} WHERE {{ GRAPH {C} {{ {C} dcterms:created ?d }} }}",
        {("warning", "Attribution-heldWhenSent", CABLE + "#signer-1", CG + "inCapacityOf",
          "https://cablegraph.org/id/membership/tj-2003-hoag-01"),
         ("warning", "Attribution-heldWhenSent", CABLE + "#classified-by", CG + "inCapacityOf",
          "https://cablegraph.org/id/membership/tj-2003-hoag-01")},
    ),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_an_injected_fault_gives_exactly_its_results(store, fault):
    update, expected = FAULTS[fault]
    added, removed = added_and_removed(store, update)
    assert added == expected
    assert removed == set()


def test_the_message_of_a_fault_is_the_shape_message(store):
    with mutated(store, FAULTS["declassified before sent"][0]):
        report = validate_store(store, [SEED])
    [result] = [r for r in report.results if r.severity == "violation"]
    assert result.message == "A cable is not declassified before it was sent."
    assert result.cable == SEED and not report.conforms


# -- the reference implementation agrees -----------------------------------------------

def small_store(store) -> pyoxigraph.Store:
    small = pyoxigraph.Store()
    small.extend(neighbourhood_quads(store, list(store.cable_ids())))
    return small


def test_compiled_validator_agrees_with_pyshacl_on_the_sample(store):
    small = small_store(store)
    mine = {r.key() for r in validate_store(small).results}
    assert len(mine) > 50
    assert mine == run_pyshacl(store_graph(small))


def test_compiled_validator_agrees_with_pyshacl_on_injected_faults(store):
    updates = ";\n".join(FAULTS[f][0] for f in ("declassified before sent", "dangling reference",
                                                "event ending before it starts", "recipient not a mission",
                                                "TAGS code breaking the pattern", "post held after its end"))
    with mutated(store, updates):
        small = small_store(store)
    report = validate_store(small)
    mine = {r.key() for r in report.results}
    shapes = {r.shape[len(SH):] for r in report.results}
    assert {"LoadedCable-declassifiedAfterSent", "Reference-citedCable", "Event-endsAfterStart",
            "Addressing-recipientIsMission", "Tag-notation", "Attribution-heldWhenSent"} <= shapes
    assert mine == run_pyshacl(store_graph(small))


# -- the compiled plans agree with each other -------------------------------------------

def _pairs(store, query: str) -> set:
    return {(str(r["this"]), str(r["value"])) for r in store.store.query(query, use_default_graph_as_union=True)}


WHOLE_FAULTS = ("declassified before sent", "dangling reference", "event ending before it starts",
                "recipient not a mission", "TAGS code breaking the pattern", "post held after its end",
                "date as a plain string", "missing reference ID", "mission without host state")


def test_whole_store_bodies_give_the_results_of_probing_target_by_target(store):
    """Each constraint's scan-and-hash body (over all targets) finds what its
    body probed focus node by focus node finds, on the sample with faults."""
    from cablegraph.shacl import shipped_constraints
    from cablegraph.validation import subclass_table

    constraints = [c for c in shipped_constraints() if c.whole]
    assert len(constraints) > 150
    with mutated(store, ";\n".join(FAULTS[f][0] for f in WHOLE_FAULTS)):
        subclasses = subclass_table(store.store, constraints)
        found = 0
        for c in constraints:
            probed = _pairs(store, c.query(None, subclasses, probe=True))
            assert _pairs(store, c.query(None, subclasses)) == probed, (c.shape, c.component)
            found += len(probed)
    assert found > 50


def test_value_tests_run_alone_then_checked_for_targets_give_the_joined_results(store):
    """A constraint whose whole body binds ?this (a value test, the grouping of
    sh:maxCount) runs without the target set, its rows then checked to be
    targets: what the body joined to the target set finds, among faults and
    failing values on a node that is no target."""
    from cablegraph.shacl import shipped_constraints
    from cablegraph.validation import _run_whole_alone, subclass_table

    constraints = [c for c in shipped_constraints() if c.whole_binds_focus]
    assert len(constraints) > 80
    not_a_target = f"INSERT DATA {{ GRAPH {C} {{ <urn:x:not-a-mention> cg:confidence 'high', 'low' }} }}"
    confidence = next(c for c in constraints
                      if c.path == CG + "confidence" and c.component.endswith("#DatatypeConstraintComponent"))
    one_confidence = next(c for c in constraints
                          if c.path == CG + "confidence" and c.component.endswith("#MaxCountConstraintComponent"))
    with mutated(store, ";\n".join([FAULTS[f][0] for f in WHOLE_FAULTS] + [not_a_target])):
        subclasses = subclass_table(store.store, constraints)
        found = 0
        for c in constraints:
            alone = {(str(r.focus), str(r.value)) for r in _run_whole_alone(store.store, c, subclasses)}
            assert alone == _pairs(store, c.query(None, subclasses)), (c.shape, c.component)
            found += len(alone)
        candidates = _pairs(store, confidence.whole_alone_query(subclasses))
        grouped = {focus for focus, _ in _pairs(store, one_confidence.whole_alone_query(subclasses))}
    assert ("<urn:x:not-a-mention>", '"high"') in candidates  # a candidate, but no result
    assert "<urn:x:not-a-mention>" in grouped  # two values: a candidate of sh:maxCount 1, but no result
    assert found > 20


def test_constraints_that_hash_a_whole_path_run_one_at_a_time_and_all_run():
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from cablegraph.shacl import shipped_constraints
    from cablegraph.validation import _one_heavy_at_a_time

    constraints = list(shipped_constraints())
    heavy = [c for c in constraints if c.whole_hashes_path]
    assert len(heavy) > 60  # the sh:maxCount groupings and sh:minCount anti-joins
    running, most, lock = [0], [0], threading.Lock()

    def run(constraint):
        is_heavy = constraint.whole_hashes_path
        with lock:
            running[0] += is_heavy
            most[0] = max(most[0], running[0])
        time.sleep(0.002)
        with lock:
            running[0] -= is_heavy
        return [constraint.shape + constraint.component]

    with ThreadPoolExecutor(max_workers=3) as pool:
        done = _one_heavy_at_a_time(pool, 3, constraints, run, heavy=lambda c: c.whole_hashes_path)
    assert sorted(found[0] for found in done) == sorted(c.shape + c.component for c in constraints)
    assert most[0] == 1


def test_a_store_of_many_cables_is_validated_in_one_thread_with_the_same_results(store, full_report, monkeypatch):
    import cablegraph.validation as validation

    graphs = sum(1 for _ in store.store.named_graphs())
    assert validation._holds_more_graphs(store.store, graphs - 1)
    assert not validation._holds_more_graphs(store.store, graphs)
    lanes = []
    run_lanes = validation._one_heavy_at_a_time
    monkeypatch.setattr(validation, "_one_heavy_at_a_time",
                        lambda pool, n, *args: lanes.append(n) or run_lanes(pool, n, *args))
    monkeypatch.setattr(validation, "ONE_THREAD_ABOVE_CABLES", graphs - 1)
    assert validation.validate_store(store).results == full_report.results
    monkeypatch.setattr(validation, "ONE_THREAD_ABOVE_CABLES", graphs)
    assert validation.validate_store(store).results == full_report.results
    assert lanes == [1, 2]


def test_scoped_focus_gives_the_results_of_each_constraint_scoping_itself(store):
    from cablegraph.shacl import shipped_constraints
    from cablegraph.validation import _run, subclass_table

    ids = sorted(store.cable_ids())
    scoped = {r.key() for r in validate_store(store, ids).results}
    constraints = list(shipped_constraints())
    subclasses = subclass_table(store.store, constraints)
    scope = [cable_iri(rid).value for rid in ids]
    each = {r.key() for c in constraints for r in _run(store.store, c, scope, subclasses)}
    assert scoped == each and len(scoped) > 5


# -- formats and the command -----------------------------------------------------------

def test_every_format_parses(full_report):
    outputs = {fmt: render(full_report, fmt) for fmt in FORMATS}
    counts = full_report.counts()
    for fmt, rdf_format in (("turtle", "turtle"), ("jsonld", "json-ld")):
        graph = rdflib.Graph().parse(data=outputs[fmt], format=rdf_format)
        sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
        assert len(set(graph.subjects(rdflib.RDF.type, sh.ValidationResult))) == len(full_report.results)
        assert graph.value(predicate=rdflib.RDF.type, object=sh.ValidationReport) is not None
    data = json.loads(outputs["json"])
    assert set(data) == {"conforms", "counts", "results"}
    assert data["counts"] == counts and data["conforms"] is False
    assert set(data["results"][0]) == {"cable", "focus", "path", "value", "message", "shape", "severity"}
    page = outputs["html"]
    assert page.startswith("<!DOCTYPE html>") and "<script>" in page and "http" not in page.split("<script>")[1]
    for severity, n in counts.items():
        assert f'<td class="{severity}">{severity}</td><td>{n}</td>' in page
    text = outputs["text"]
    assert text.startswith(f"Does not conform: {counts['violation']:,} violations")
    assert f"{FAULTY}: 1 result" in text


class _Writes:
    """A binary stream noting the size of each write."""

    def __init__(self):
        self.sizes: list[int] = []
        self.data = bytearray()

    def write(self, data) -> int:
        self.sizes.append(len(data))
        self.data += data
        return len(data)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("fmt", FORMATS)
def test_reports_are_written_piece_by_piece(full_report, fmt):
    """The whole store's report (830,000 results at full size) is never built as one
    string: each format goes out in pieces, the same bytes as rendered whole."""
    out = _Writes()
    write_report(full_report, fmt, out)
    written, rendered = bytes(out.data).decode("utf-8"), render(full_report, fmt)
    if fmt in ("turtle", "jsonld"):  # blank nodes are named afresh each time
        rdf_format = {"turtle": "turtle", "jsonld": "json-ld"}[fmt]
        assert isomorphic(rdflib.Graph().parse(data=written, format=rdf_format),
                          rdflib.Graph().parse(data=rendered, format=rdf_format))
    else:
        assert written == rendered
    assert len(out.data) > 2 * 8192 and max(out.sizes) <= max(8192, len(out.data) // 10)


def test_cli_names_a_report_file_it_cannot_write(cli_store, tmp_path):
    result = cli("--store", cli_store, "--cable", SEED, "--output", tmp_path / "missing" / "report.json")
    assert result.exit_code == 1 and "cannot write" in result.output and "report.json" in result.output
    assert "Traceback" not in result.output


def cli(*args):
    return CliRunner().invoke(main, ["validate", *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory) -> Path:
    """A store of its own for the command (the module's store stays open)."""
    path = tmp_path_factory.mktemp("cli") / "store"
    load_paths([EXAMPLES], path, processes=1)
    return path


def test_cli_json_and_exit_codes(cli_store):
    clean = cli("--store", cli_store, "--cable", SEED, "--format", "json")
    assert clean.exit_code == 0, clean.output
    data = json.loads(clean.output)
    assert data["conforms"] is True and data["counts"]["violation"] == 0
    failing = cli("--store", cli_store, "--cable", FAULTY)
    assert failing.exit_code == 1 and "VIOLATION" in failing.output
    assert cli("--store", cli_store, "--cable", FAULTY, "--fail-on", "never").exit_code == 0
    missing = cli("--store", cli_store, "--cable", "99NOWHERE1")
    assert missing.exit_code != 0 and "99NOWHERE1" in missing.output


def test_cli_fail_on_warning(cli_store):
    store = CableStore(cli_store)
    before = store.cable_quads(SEED)
    store.store.update(PREFIXES + FAULTS["event ending before it starts"][0])
    store.close()
    try:
        assert cli("--store", cli_store, "--cable", SEED).exit_code == 0
        assert cli("--store", cli_store, "--cable", SEED, "--fail-on", "warning").exit_code == 1
    finally:
        store = CableStore(cli_store)
        store.store.update(f"DROP GRAPH {C}")
        store.store.extend(before)
        store.close()
    assert cli("--store", cli_store, "--cable", SEED, "--fail-on", "warning").exit_code == 0


def test_cli_writes_a_file(cli_store, tmp_path):
    out = tmp_path / "report.html"
    result = cli("--store", cli_store, "--format", "html", "--output", out, "--fail-on", "never")
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").count("<tr>") > 100


# -- cablegraph load --validate / --strict ----------------------------------------------

def load_json(*args) -> dict:
    result = CliRunner().invoke(main, ["load", "--processes", "1", "--format", "json", *map(str, args)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_load_validate_lists_failing_cables_and_keeps_them(tmp_path):
    data = load_json("--store", tmp_path / "s", "--validate", EXAMPLES)
    failing = {rid for rid, _ in KNOWN_CABLE_VIOLATIONS}
    assert set(data["validation"]["failing"]) == failing and data["validation"]["refused"] == []
    assert data["validation"]["counts"]["violation"] == len(KNOWN_CABLE_VIOLATIONS)
    assert list(data["phases"]) == ["write", "status", "validation"]
    assert sum(data["phases"].values()) <= data["seconds"] + 0.05  # each rounded to 0.01 s
    kept = CableStore(tmp_path / "s")
    assert all(kept.has_cable(rid) for rid in failing)
    kept.close()


def test_load_strict_refuses_the_failing_cables(tmp_path):
    data = load_json("--store", tmp_path / "s", "--strict", EXAMPLES)
    failing = {rid for rid, _ in KNOWN_CABLE_VIOLATIONS}
    assert set(data["validation"]["refused"]) == failing
    kept = CableStore(tmp_path / "s")
    assert not any(kept.has_cable(rid) for rid in failing) and kept.has_cable(SEED)
    assert validate_store(kept).failing_cables() == []
    kept.close()
