"""The on-disk store: reloading replaces, twice is the same as once, a new version replaces."""
from __future__ import annotations

from itertools import accumulate
from pathlib import Path

import pyoxigraph
import pytest
from pyoxigraph import Literal, Quad, RdfFormat

from cablegraph.loader.mapping import map_cable
from cablegraph.namespaces import CG, DCTERMS, RDF, REFERENCE_GRAPH, STATUS_GRAPH, cable_iri, mission_iri
from cablegraph.store import CableStore
from seed_record import REFERENCES, seed_record

SEED = "06DUSHANBE870"
SHARED = Path(__file__).parents[1] / ".." / "shared"


def nquads(record) -> tuple[str, bytes]:
    return record.reference_id, pyoxigraph.serialize(map_cable(record), format=RdfFormat.N_QUADS)


def all_quads(store: CableStore) -> set[Quad]:
    return set(store.store)


@pytest.fixture(scope="module")
def reference_store(tmp_path_factory) -> Path:
    """A store holding only the reference data (loading it takes a few seconds)."""
    path = tmp_path_factory.mktemp("reference") / "store"
    store = CableStore(path)
    assert store.ensure_reference_data() is True
    store.close()
    return path


@pytest.fixture
def store(reference_store, tmp_path) -> CableStore:
    copy = tmp_path / "store"
    source = CableStore(reference_store)
    source.store.backup(str(copy))
    source.close()
    opened = CableStore(copy)
    yield opened
    opened.close()


def test_reference_data_is_loaded_once(store):
    assert store.ensure_reference_data() is False
    dushanbe = mission_iri("DUSHANBE")
    assert Quad(dushanbe, RDF.type, CG.Embassy, REFERENCE_GRAPH) in all_quads(store)


def test_a_cable_lands_in_its_own_graph(store):
    assert store.write_cables([nquads(seed_record())]) == []
    assert list(store.cable_ids()) == [SEED]
    assert store.cable_quads(SEED) == {
        Quad(q.subject, q.predicate, q.object, cable_iri(SEED)) for q in map_cable(seed_record())
    }


def test_loading_twice_gives_the_same_quads(store):
    store.write_cables([nquads(seed_record(references=REFERENCES))])
    store.refresh_status()
    first = all_quads(store)
    assert store.write_cables([nquads(seed_record(references=REFERENCES))]) == [SEED]
    store.refresh_status()
    assert all_quads(store) == first


def test_a_changed_version_replaces_the_old_one(store):
    store.write_cables([nquads(seed_record())])
    store.write_cables([nquads(seed_record(subject="A NEW SUBJECT", tags=["PREL"]))])
    titles = {q.object for q in store.cable_quads(SEED) if q.predicate == DCTERMS.title}
    assert titles == {Literal("A NEW SUBJECT")}
    assert len({q for q in store.cable_quads(SEED) if q.predicate == DCTERMS.subject}) == 1


def test_last_version_in_a_batch_wins(store):
    replaced = store.write_cables([nquads(seed_record(subject="FIRST")), nquads(seed_record(subject="SECOND"))])
    assert replaced == []
    titles = {q.object for q in store.cable_quads(SEED) if q.predicate == DCTERMS.title}
    assert titles == {Literal("SECOND")}


def test_cited_cables_not_loaded_are_flagged_until_loaded(store):
    store.write_cables([nquads(seed_record(references=REFERENCES))])
    store.refresh_status()
    unloaded = {q.subject for q in store.store.quads_for_pattern(None, RDF.type, CG.UnloadedCable, STATUS_GRAPH)}
    assert unloaded == {cable_iri("06STATE73557"), cable_iri("06DUSHANBE99999")}
    # each stated once there with its ID and whether the dump holds it (06DUSHANBE99999 is made up)
    facts = {(q.subject.value.rsplit("/", 1)[1], q.predicate, q.object.value)
             for q in store.store.quads_for_pattern(None, None, None, STATUS_GRAPH) if q.predicate != RDF.type}
    assert facts == {("06STATE73557", DCTERMS.identifier, "06STATE73557"), ("06STATE73557", CG.inCablegateDump, "true"),
                     ("06DUSHANBE99999", DCTERMS.identifier, "06DUSHANBE99999"),
                     ("06DUSHANBE99999", CG.inCablegateDump, "false")}
    cited = seed_record(reference_id="06STATE73557", references=[])
    store.write_cables([nquads(cited)])
    store.refresh_status()
    unloaded = {q.subject for q in store.store.quads_for_pattern(None, RDF.type, CG.UnloadedCable, STATUS_GRAPH)}
    assert unloaded == {cable_iri("06DUSHANBE99999")}


def test_the_store_survives_reopening(store, tmp_path):
    store.write_cables([nquads(seed_record())])
    before = all_quads(store)
    path = store.path
    store.close()
    reopened = CableStore(path)
    assert all_quads(reopened) == before
    store.store = reopened.store  # let the fixture close it


def test_a_read_only_store_reads_and_closes(store):
    store.write_cables([nquads(seed_record())])
    path = store.path
    store.close()
    reader = CableStore(path, read_only=True)
    assert set(reader.cable_ids()) == {"06DUSHANBE870"}
    reader.close()  # no flush: a read-only store has nothing to write
    store.store = CableStore(path).store  # let the fixture close it


def test_stats_count_cables_and_classes(store):
    store.write_cables([nquads(seed_record())])
    stats = store.stats()
    assert stats["cables"] == 1
    assert stats["classes"][CG.Cable.value] == 1
    assert stats["graphs"]["cable"]["quads"] == len(map_cable(seed_record()))
    assert stats["graphs"][REFERENCE_GRAPH.value]["quads"] > 100_000


def test_reopening_drops_the_cables_of_an_interrupted_batch(store):
    """What a kill between the journal and its clearing leaves: the journalled
    cables half written. Reopening drops them; other cables stay."""
    from cablegraph.namespaces import PENDING_GRAPH

    other = seed_record(reference_id="06DUSHANBE871")
    store.write_cables([nquads(other)])
    kept = store.cable_quads("06DUSHANBE871")
    store.store.update(f"INSERT DATA {{ GRAPH <{PENDING_GRAPH.value}> {{ <{cable_iri(SEED).value}> <{CG.loadPending.value}> true }} }}")
    half = map_cable(seed_record())[:50]
    store.store.bulk_load(pyoxigraph.serialize(half, format=RdfFormat.N_QUADS), format=RdfFormat.N_QUADS)
    assert len(store.cable_quads(SEED)) == 50
    path = store.path
    store.close()
    reopened = CableStore(path)
    store.store = reopened.store
    assert reopened.recovered == [SEED]
    assert store.cable_quads(SEED) == set()
    assert store.cable_quads("06DUSHANBE871") == kept
    assert list(store.store.quads_for_pattern(None, None, None, PENDING_GRAPH)) == []


def test_a_batch_of_many_cables_is_read_whole_by_the_bulk_loader(store):
    """The batch goes to bulk_load as one stream over the cables' N-Quads
    (never more than asked for in a read): every cable lands complete."""
    from cablegraph.loader.mapping import map_cable_nquads

    records = [seed_record(reference_id=f"06DUSHANBE{n}", subject="X" * (n * 37)) for n in range(1, 60)]
    batch = [(r.reference_id, map_cable_nquads(r)[0]) for r in records]
    assert store.write_cables(batch) == []
    for record in records:
        assert store.cable_quads(record.reference_id) == set(map_cable(record))


def test_the_stream_journals_each_cable_before_it_hands_over_its_quads_within_the_size_asked(store):
    """What ``bulk_load`` reads: the cables' N-Quads in order, never more bytes
    than asked for, and a cable's quads only once it is in the pending graph
    (and its old graph dropped)."""
    from cablegraph.loader.mapping import map_cable_nquads
    from cablegraph.namespaces import PENDING_GRAPH
    from cablegraph.store import _JournalledStream

    store.write_cables([nquads(seed_record())])
    records = [seed_record(reference_id=f"06DUSHANBE{n}", subject="X" * (n * 37)) for n in range(1, 250)]
    records.append(seed_record())
    batch = [(r.reference_id, map_cable_nquads(r)[0]) for r in records]
    starts = list(accumulate((len(data) for _, data in batch), initial=0))
    for size in (4096, 100_000, -1):
        stream, chunks, handed = _JournalledStream(store, batch), [], 0
        assert stream.start_load()
        while chunk := stream.read(size):
            assert size < 0 or len(chunk) <= size
            chunks.append(chunk)
            handed += len(chunk)
            pending = {q.subject for q in store.store.quads_for_pattern(None, None, None, PENDING_GRAPH)}
            assert {cable_iri(rid) for (rid, _), start in zip(batch, starts) if start < handed} <= pending
        assert b"".join(chunks) == b"".join(data for _, data in batch)
        assert not stream.start_load()
        assert stream.replaced == [SEED]
        assert store.cable_quads(SEED) == set()  # dropped before its new quads were read
        store.store.update(f"DROP SILENT GRAPH <{PENDING_GRAPH.value}>")
        store.write_cables([nquads(seed_record())])


def test_a_cable_twice_in_a_stream_ends_the_bulk_load_and_starts_the_next(store):
    from cablegraph.store import _JournalledStream

    batch = [nquads(seed_record(reference_id="06DUSHANBE871")), nquads(seed_record(subject="FIRST")),
             nquads(seed_record(reference_id="06DUSHANBE872")), nquads(seed_record(subject="SECOND"))]
    stream, loads = _JournalledStream(store, batch), []
    while stream.start_load():
        loads.append(b"".join(iter(lambda: stream.read(-1), b"")))
    assert loads == [batch[0][1] + batch[1][1] + batch[2][1], batch[3][1]]
    assert stream.replaced == []  # only cables in the store before the stream count


def test_a_cable_iri_gives_back_its_id():
    from cablegraph.namespaces import reference_id_of

    for rid in (SEED, "06DUSHANBE\n870", "10STATE 1/2"):
        assert reference_id_of(cable_iri(rid)) == rid
