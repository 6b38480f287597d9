"""``cablegraph load``, ``stats`` and ``export`` through click's CliRunner, on the
real cables shipped in ``examples/``."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat

from cablegraph.cli import main
from cablegraph.namespaces import CG, PROV, cable_iri, person_iri
from cablegraph.store import CableStore

EXAMPLES = Path(__file__).parents[1] / "examples" / "cables"
SEED_FILE = EXAMPLES / "raw-text" / "06DUSHANBE870.txt"
TRIPOLI_NEW = EXAMPLES / "html-cablegate-2010" / "cable" / "2009" / "12" / "09TRIPOLI1025.html"
TRIPOLI_OLD = EXAMPLES / "html-cablegate-2010" / "2010-12-earlier" / "cable" / "2009" / "12" / "09TRIPOLI1025.html"


def run(*args: str) -> object:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


class _open:
    def __init__(self, path: Path):
        self.store = CableStore(path)

    def __enter__(self) -> CableStore:
        return self.store

    def __exit__(self, *exc) -> None:
        self.store.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> tuple[Path, object]:
    store = tmp_path_factory.mktemp("cli") / "store"
    result = run("load", "--store", store, "--processes", "2", EXAMPLES.parent)
    return store, result


def export(store: Path, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"export.{fmt}"
    result = run("export", "--store", store, "--format", fmt, "--output", out)
    assert result.exit_code == 0, result.output
    return out


def test_load_reports_cables_and_rejections(loaded):
    store, result = loaded
    assert result.exit_code == 0, result.output
    assert "Loaded " in result.output and "cables into" in result.output
    with _open(store) as cable_store:
        ids = set(cable_store.cable_ids())
    assert {"06DUSHANBE870", "09TRIPOLI1025", "73TEHRAN2077"} <= ids
    # README.md is no cable: listed with its reason
    assert "README.md" in result.output


def test_the_seed_cable_is_signed_by_its_ambassador(loaded):
    store, _ = loaded
    with _open(store) as cable_store:
        seed = cable_iri("06DUSHANBE870")
        assert cable_store.store.query(
            f"ASK {{ GRAPH <{seed.value}> {{ <{seed.value}> <{CG.signedBy.value}> <{person_iri('hoagland-richard-eugene').value}> }} }}"
        )
        assert cable_store.store.query(
            f"ASK {{ GRAPH <{seed.value}> {{ <{seed.value}> <{PROV.qualifiedAttribution.value}> ?a }} }}"
        )


def test_stats_json_counts_cables_and_classes(loaded):
    store, _ = loaded
    result = run("stats", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    with _open(store) as cable_store:
        cables = len(list(cable_store.cable_ids()))
    assert stats["cables"] == cables > 20
    assert stats["classes"][CG.Cable.value] == cables
    assert stats["graphs"]["cable"]["graphs"] == cables
    text = run("stats", "--store", store)
    assert f"{cables:,} cables" in text.output and "cg:Cable" in text.output


def test_export_every_format_parses_back(loaded, tmp_path):
    store, _ = loaded
    stats = json.loads(run("stats", "--store", store, "--format", "json").output)
    nquads = list(pyoxigraph.parse(path=str(export(store, "nquads", tmp_path)), format=RdfFormat.N_QUADS))
    assert len(nquads) == stats["quads"]
    for fmt, rdf_format in (("trig", RdfFormat.TRIG), ("jsonld", RdfFormat.JSON_LD)):
        quads = set(pyoxigraph.parse(path=str(export(store, fmt, tmp_path)), format=rdf_format))
        assert quads == set(nquads), fmt
    union = {(q.subject, q.predicate, q.object) for q in nquads}
    for fmt, rdf_format in (("turtle", RdfFormat.TURTLE), ("ntriples", RdfFormat.N_TRIPLES)):
        triples = {(t.subject, t.predicate, t.object) for t in pyoxigraph.parse(path=str(export(store, fmt, tmp_path)), format=rdf_format)}
        assert triples == union, fmt


def test_loading_the_same_input_twice_changes_nothing(tmp_path):
    store = tmp_path / "store"
    assert run("load", "--store", store, "--processes", "1", SEED_FILE, TRIPOLI_NEW).exit_code == 0
    first = export(store, "nquads", tmp_path).read_bytes()
    again = run("load", "--store", store, "--processes", "1", SEED_FILE, TRIPOLI_NEW)
    assert again.exit_code == 0
    assert "(0 new, 2 replaced)" in again.output
    second = export(store, "nquads", tmp_path).read_bytes()
    assert set(first.splitlines()) == set(second.splitlines())


def test_a_changed_version_replaces_the_old_one(tmp_path):
    store = tmp_path / "store"
    assert run("load", "--store", store, "--processes", "1", TRIPOLI_OLD).exit_code == 0
    with _open(store) as cable_store:
        old = cable_store.cable_quads("09TRIPOLI1025")
    assert run("load", "--store", store, "--processes", "1", TRIPOLI_NEW).exit_code == 0
    with _open(store) as cable_store:
        new = cable_store.cable_quads("09TRIPOLI1025")
    assert old != new
    fresh = tmp_path / "fresh"
    assert run("load", "--store", fresh, "--processes", "1", TRIPOLI_NEW).exit_code == 0
    with _open(fresh) as cable_store:
        assert cable_store.cable_quads("09TRIPOLI1025") == new  # nothing of the old version is left


def test_a_later_version_in_the_next_batch_wins_though_batches_are_written_at_once(tmp_path):
    """A batch starts while the one before is still being written: the new
    version of a cable in that one waits for it, and replaces it."""
    both = tmp_path / "both"
    for order, loaded_replaced in (([TRIPOLI_OLD, TRIPOLI_NEW], (1, 1)), ([TRIPOLI_OLD, SEED_FILE, TRIPOLI_NEW], (1, 2))):
        result = run("load", "--store", both, "--processes", "1", "--batch-size", "1", "--format", "json", *order)
        assert result.exit_code == 0, result.output
        summary = json.loads(result.output)
        assert (summary["loaded"], summary["replaced"]) == loaded_replaced
    fresh = tmp_path / "fresh"
    assert run("load", "--store", fresh, "--processes", "1", TRIPOLI_NEW).exit_code == 0
    with _open(both) as cable_store, _open(fresh) as fresh_store:
        assert cable_store.cable_quads("09TRIPOLI1025") == fresh_store.cable_quads("09TRIPOLI1025")


def test_nothing_loadable_exits_non_zero(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("load", "--store", tmp_path / "store", empty)
    assert result.exit_code == 1
    assert "Rejected 1 inputs" in result.output and "empty.txt" in result.output


def test_a_store_that_cannot_be_written_gives_a_clear_error(tmp_path):
    not_a_directory = tmp_path / "store"
    not_a_directory.write_text("a file where the store should be")
    result = run("load", "--store", not_a_directory, SEED_FILE)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot write the store {not_a_directory}: ")
    assert "Traceback" not in result.output


def test_stats_without_a_store_says_so(tmp_path):
    result = run("stats", "--store", tmp_path / "nowhere")
    assert result.exit_code != 0 and "no store at" in result.output


def test_every_example_maps_to_oxigraphs_own_nquads():
    """The mapping writes N-Quads from term strings: for every shipped cable they
    are byte for byte pyoxigraph's serialisation of the quads they hold, i.e.
    the quads the former Quad-object mapping gave."""
    from cablegraph.loader.sources import CableText, iter_cable_texts
    from cablegraph.pipeline import MappedCable, cable_to_nquads

    mapped = [cable_to_nquads(item, extract=False) for item in iter_cable_texts([EXAMPLES])
              if isinstance(item, CableText)]
    mapped = [m for m in mapped if isinstance(m, MappedCable)]
    assert len(mapped) >= 30
    for cable in mapped:
        quads = list(pyoxigraph.parse(cable.nquads, format=RdfFormat.N_QUADS))
        assert len(quads) == cable.quads == len(set(quads)), cable.reference_id
        assert {q.graph_name for q in quads} == {cable_iri(cable.reference_id)}
        assert pyoxigraph.serialize(quads, format=RdfFormat.N_QUADS) == cable.nquads, cable.reference_id


class _RecordingStore(CableStore):
    """A real store that notes the cables and quads of each batch it is given."""

    def __init__(self, path: Path):
        super().__init__(path)
        self.batches: list[tuple[int, int]] = []

    def write_cables(self, cables):
        batch = list(cables)
        self.batches.append((len(batch), sum(data.count(b"\n") for _, data in batch)))
        return super().write_cables(batch)


def test_batches_close_at_their_cables_or_their_quads(tmp_path):
    from cablegraph.pipeline import load_paths

    csv = EXAMPLES / "cables-csv" / "cables_rows_1-12.csv"
    by_cables = _RecordingStore(tmp_path / "by-cables")
    summary = load_paths([csv], by_cables, processes=1, batch_size=5, extract=False)
    by_cables.close()
    assert [cables for cables, _ in by_cables.batches] == [5, 5, 2]
    assert summary.cables == 12

    by_quads = _RecordingStore(tmp_path / "by-quads")
    budget = max(quads for _, quads in by_cables.batches) // 3
    load_paths([csv], by_quads, processes=1, batch_quads=budget, extract=False)
    by_quads.close()
    assert len(by_quads.batches) > 3
    assert all(quads <= budget or cables == 1 for cables, quads in by_quads.batches)
    assert sum(quads for _, quads in by_quads.batches) == sum(quads for _, quads in by_cables.batches)
