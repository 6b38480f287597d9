"""Entities of cable bodies in the store: the seed cable's expectations (issue 4)
fact by fact by SPARQL on a real store, identity of people and events across
cables, provenance and confidence of every fact, reloads, ``--no-extract``."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner
from importlib import resources
from rdflib.namespace import OWL, RDF

import cablegraph
from cablegraph.cli import main
from cablegraph.extract import extract_entities
from cablegraph.loader.entity_mapping import entity_quads
from cablegraph.namespaces import CG, cable_iri, person_iri
from cablegraph.pipeline import load_paths
from cablegraph.record import CableRecord, Paragraph, Station
from cablegraph.store import CableStore

EXAMPLES = Path(__file__).parents[1] / "examples" / "cables"
SEED_FILE = EXAMPLES / "raw-text" / "06DUSHANBE870.txt"
SEED = "06DUSHANBE870"
C = f"<{cable_iri(SEED).value}>"
ID = "https://cablegraph.org/id/"
HOAGLAND = person_iri("hoagland-richard-eugene")
FOAF_FAMILY_NAME = pyoxigraph.NamedNode("http://xmlns.com/foaf/0.1/familyName")

# The stored query the issue asks for: participants of a conference by role,
# over every cable that speaks of it, with the cables and the best confidence.
PARTICIPANTS_BY_ROLE = """
SELECT ?role ?participant (SAMPLE(?label) AS ?name) (COUNT(DISTINCT ?cable) AS ?cables)
       (MAX(?confidence) AS ?best)
WHERE {
  GRAPH ?cable {
    ?event cg:participation ?participation .
    ?participation cg:participant ?participant ;
                   cg:participationRole ?roleNode ;
                   cg:confidence ?confidence .
  }
  ?roleNode rdfs:label ?role .
  OPTIONAL { ?participant skos:prefLabel|schema:name ?label }
}
GROUP BY ?role ?participant
ORDER BY ?role ?participant
"""


def variant(serial: int, body: str) -> str:
    """A cable with the seed's real header (ID serial changed) and another body."""
    seed = SEED_FILE.read_text(encoding="utf-8")
    header = seed[: seed.index("¶1.")]
    return re.sub(r"0870\b", f"{serial:04d}", header) + body + "\n\nHOAGLAND\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("entities") / "store"
    summary = load_paths([SEED_FILE], path, processes=1)
    assert summary.cables == 1 and not summary.rejected
    cable_store = CableStore(path)
    yield cable_store
    cable_store.close()


def rows(store: CableStore, sparql: str) -> list[tuple]:
    return [tuple(None if v is None else v.value for v in solution) for solution in store.query(sparql, use_default_graph_as_union=True)]


def values(store: CableStore, sparql: str) -> set:
    return {row[0] for row in rows(store, sparql)}


def official(store: CableStore, name: str) -> str:
    """The person node the seed cable's graph names ``name``."""
    found = values(store, f"SELECT ?p WHERE {{ GRAPH {C} {{ ?m schema:about ?p ; schema:name ?form . "
                          f"FILTER(?form = {rdflib.Literal(name).n3()}) }} }}")
    assert len(found) == 1, (name, found)
    return found.pop()


def event_with(store: CableStore, place: str) -> str:
    found = values(store, f"SELECT ?e WHERE {{ GRAPH {C} {{ ?e schema:location '{place}' ; a ?class }} "
                          "?class rdfs:subClassOf* schema:Event }")
    assert len(found) == 1, found
    return found.pop()


# -- officials ----------------------------------------------------------------------

@pytest.mark.parametrize("form, name, titles, state", [
    ("SAIDIMIR ZUHUROV", "Saidimir Zuhurov", {"General-Colonel", "Chairman of the Tajik State Border Committee"}, "TJK"),
    ("SERGEY LAVROV", "Sergey Lavrov", {"Foreign Minister"}, "RUS"),
    ("RAHMONOV", "Rahmonov", {"President"}, "TJK"),
])
def test_officials_with_titles_and_state(store, form, name, titles, state):
    person = official(store, form)
    graph = f"GRAPH {C} {{ <{person}> "
    assert values(store, f"SELECT ?n WHERE {{ {graph} a cg:Official ; foaf:name ?n }} }}") == {name}
    assert values(store, f"SELECT ?t WHERE {{ {graph} schema:jobTitle ?t }} }}") == titles
    assert values(store, f"SELECT ?s WHERE {{ {graph} org:memberOf ?s }} ?s a cg:State }}") == {ID + "state/" + state}


def test_zuhurov_serves_the_border_committee(store):
    person = official(store, "SAIDIMIR ZUHUROV")
    assert person == ID + "person/TJK/saidimir-zuhurov"
    assert values(store, f"SELECT ?n WHERE {{ GRAPH {C} {{ <{person}> org:memberOf ?o . ?o a cg:Organisation ; "
                         "schema:name ?n } }") == {"Tajik State Border Committee"}


def test_a_surname_alone_stays_in_its_cable(store):
    assert official(store, "RAHMONOV") == cable_iri(SEED).value + "#person-rahmonov"


def test_hoagland_is_the_chief_of_mission_of_the_reference_graph(store):
    person = official(store, "RICHARD E. HOAGLAND")
    assert person == HOAGLAND.value
    assert bool(store.query(f"ASK {{ GRAPH <{ID}graph/reference> {{ <{person}> a cg:Official ; org:holds ?post }} }}"))
    assert values(store, f"SELECT ?t WHERE {{ GRAPH {C} {{ <{person}> schema:jobTitle ?t }} }}") == {"Ambassador"}
    assert values(store, f"SELECT ?s WHERE {{ GRAPH {C} {{ <{person}> org:memberOf ?s }} }}") == {ID + "state/USA"}
    # read from the Classified By line, the cable part the header mapping made for it
    assert values(store, f"SELECT ?src WHERE {{ GRAPH {C} {{ ?m schema:about <{person}> ; prov:wasDerivedFrom ?src . "
                         f"{C} prov:qualifiedAttribution ?src . ?src prov:hadRole cg:ClassifierRole }} }}") \
        == {cable_iri(SEED).value + "#classified-by"}


# -- states ---------------------------------------------------------------------------

def test_states_mentioned(store):
    mentioned = values(store, f"SELECT ?code WHERE {{ GRAPH {C} {{ {C} schema:mentions ?s }} ?s cg:iso3Code ?code }}")
    assert mentioned >= {"TJK", "RUS", "USA", "GBR", "KGZ", "KAZ", "UZB", "TKM", "AFG", "PAK", "IND", "CHN", "TUR"}


# -- the conference -------------------------------------------------------------------

def test_the_dushanbe_conference(store):
    event = event_with(store, "Dushanbe")
    (name, start, end, kind), = rows(store, f"SELECT ?n ?s ?e ?k WHERE {{ GRAPH {C} {{ <{event}> schema:name ?n ; "
                                           "schema:startDate ?s ; schema:endDate ?e ; a ?k } }")
    assert (start, end, kind) == ("2006-05-15", "2006-05-17", CG.Conference.value)
    assert "Central and South Asian Counter-Narcotics and Security" in name
    assert values(store, f"SELECT ?n WHERE {{ GRAPH {C} {{ <{event}> schema:organizer ?o . ?o schema:name ?n }} }}") \
        == {"US Central Command", "George C. Marshall Center"}


def roles(store: CableStore, event: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for role, code in rows(store, f"SELECT ?role ?code WHERE {{ GRAPH {C} {{ <{event}> cg:participation ?p . "
                                  "?p cg:participant ?s ; cg:participationRole ?r } ?r rdfs:label ?role . "
                                  "?s cg:iso3Code ?code }"):
        found.setdefault(role, set()).add(code)
    return found


def test_the_roles_of_the_states_in_the_conference(store):
    by_role = roles(store, event_with(store, "Dushanbe"))
    assert by_role["member"] >= {"KGZ", "KAZ", "UZB", "TKM", "RUS", "AFG", "PAK", "TJK", "USA", "GBR"}
    assert by_role["observer"] == {"IND", "CHN", "TUR"}
    assert by_role["declined"] >= {"UZB", "TKM"}
    assert "RUS" in by_role["opposed"]
    assert not by_role["observer"] & by_role["member"]


def test_garmisch_is_the_earlier_meeting_of_the_series(store):
    garmisch = event_with(store, "Garmisch")
    dushanbe = event_with(store, "Dushanbe")
    (start, datatype), = rows(store, f"SELECT ?s (DATATYPE(?s) AS ?t) WHERE {{ GRAPH {C} {{ <{garmisch}> schema:startDate ?s }} }}")
    assert (start, datatype) == ("2005-11", "http://www.w3.org/2001/XMLSchema#gYearMonth")
    assert bool(store.query(f"ASK {{ GRAPH {C} {{ <{dushanbe}> cg:followsEvent <{garmisch}> }} }}"))
    assert garmisch == ID + "event/first-conference-in-garmisch/2005-11"


def test_participants_by_role_query(store):
    result = rows(store, PARTICIPANTS_BY_ROLE)
    by_role: dict[str, set[str]] = {}
    for role, participant, name, cables, best in result:
        by_role.setdefault(role, set()).add(name)
        assert cables == "1" and 0 < float(best) <= 1
    assert {"US Central Command", "George C. Marshall Center"} == by_role["organiser"]
    by_iri = {(role, participant) for role, participant, *_ in result}
    assert {("observer", ID + "state/" + code) for code in ("IND", "CHN", "TUR")} <= by_iri
    assert {("declined", ID + "state/UZB"), ("declined", ID + "state/TKM"), ("opposed", ID + "state/RUS")} <= by_iri


# -- provenance and confidence ---------------------------------------------------------

def test_every_fact_is_derived_from_a_paragraph_with_a_confidence(store):
    """Every mention and participation names paragraphs of the cable (Hoagland's
    the Classified By line) and one confidence in (0, 1]."""
    evidence = rows(store, f"""SELECT ?node (COUNT(DISTINCT ?c) AS ?n) (SAMPLE(?c) AS ?conf) WHERE {{ GRAPH {C} {{
        {{ {C} cg:hasMention ?node }} UNION {{ ?e cg:participation ?node }}
        ?node cg:confidence ?c }} }} GROUP BY ?node""")
    assert len(evidence) > 40
    assert all(n == "1" and 0 < float(conf) <= 1 for _, n, conf in evidence)
    not_from_paragraph = values(store, f"""SELECT ?node WHERE {{ GRAPH {C} {{
        {{ {C} cg:hasMention ?node }} UNION {{ ?e cg:participation ?node }}
        FILTER NOT EXISTS {{ ?node prov:wasDerivedFrom ?p . {C} dcterms:hasPart ?p }} }} }}""")
    assert not_from_paragraph == {official_mention(store, HOAGLAND.value)}


def official_mention(store: CableStore, person: str) -> str:
    found = values(store, f"SELECT ?m WHERE {{ GRAPH {C} {{ ?m schema:about <{person}> }} }}")
    assert len(found) == 1
    return found.pop()


def test_the_declining_of_uzbekistan_is_read_from_paragraph_six(store):
    """A participation is derived from the paragraphs naming both the event and the state."""
    event = event_with(store, "Dushanbe")
    numbers = values(store, f"""SELECT ?n WHERE {{ GRAPH {C} {{ <{event}> cg:participation ?p .
        ?p cg:participant <{ID}state/UZB> ; cg:participationRole cg:DeclinedRole ; prov:wasDerivedFrom ?para .
        ?para cg:paragraphNumber ?n }} }}""")
    assert "6" in numbers and "1" not in numbers


def test_every_term_the_entity_mapping_uses_is_declared():
    data = resources.files("cablegraph").joinpath("ontology/cablegraph.ttl").read_bytes()
    ontology = rdflib.Graph().parse(data=data, format="turtle")
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual,
             RDF.Property}
    declared = {str(s) for s, o in ontology.subject_objects(RDF.type) if o in kinds}
    record = cablegraph.parse_text(SEED_FILE.read_text(encoding="utf-8"))
    used = set()
    for quad in entity_quads(record, extract_entities(record)):
        used.add(quad.predicate.value)
        if quad.predicate.value == str(RDF.type) or quad.object.value.startswith(CG.prefix):
            used.add(quad.object.value)
    assert not used - declared, f"not declared: {sorted(used - declared)}"


def test_the_store_keeps_the_entity_quads_as_mapped(store):
    """Literals in canonical form: what a load writes is what the mapping made
    (the kill test compares them), e.g. confidences "0.9", not "0.90"."""
    import pyoxigraph
    from cablegraph.loader.sources import iter_cable_texts
    from cablegraph.pipeline import cable_to_nquads

    mapped = cable_to_nquads(next(iter(iter_cable_texts([SEED_FILE]))))
    assert set(pyoxigraph.parse(mapped.nquads, format=pyoxigraph.RdfFormat.N_QUADS)) == store.cable_quads(SEED)


# -- identity across cables, reloads, --no-extract --------------------------------------------

def cli(*args) -> object:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def persons_named(store: CableStore, name: str) -> dict[str, set[str]]:
    """Person node -> the cables whose graphs name it ``name``."""
    found: dict[str, set[str]] = {}
    for person, cable in rows(store, f"SELECT ?p ?g WHERE {{ GRAPH ?g {{ ?p foaf:name|^schema:about/schema:name "
                                     f"{rdflib.Literal(name).n3()} }} }}"):
        found.setdefault(person, set()).add(cable.rsplit("/", 1)[1])
    return found


def test_a_person_is_one_node_across_cables_only_on_compatible_evidence(tmp_path):
    texts = {
        # the same Foreign Minister of Russia; Zuhurov by surname only
        "871": variant(871, "¶1. (C) ON MAY 10 RUSSIAN FOREIGN MINISTER SERGEY LAVROV RECEIVED THE AMBASSADORS OF "
                            "KYRGYZSTAN AND KAZAKHSTAN IN MOSCOW.\n\n¶2. (C) GENERAL ZUHUROV TOLD THE DATT THE "
                            "TAJIK BORDER WITH AFGHANISTAN WAS QUIET.\n"),
        # the same name serving another state
        "872": variant(872, "¶1. (C) ON MAY 10 UZBEK DEPUTY FOREIGN MINISTER SERGEY LAVROV CALLED ON THE "
                            "AMBASSADOR IN TASHKENT.\n"),
    }
    for serial, text in texts.items():
        (tmp_path / f"06DUSHANBE{serial}.txt").write_text(text, encoding="utf-8")
    store_path = tmp_path / "store"
    cli("load", "--store", store_path, "--processes", "1", SEED_FILE, tmp_path / "06DUSHANBE871.txt",
        tmp_path / "06DUSHANBE872.txt")
    store = CableStore(store_path)
    try:
        lavrov = persons_named(store, "Sergey Lavrov")
        assert lavrov == {ID + "person/RUS/sergey-lavrov": {"06DUSHANBE870", "06DUSHANBE871"},
                          ID + "person/UZB/sergey-lavrov": {"06DUSHANBE872"}}
        zuhurov = {p for p in persons_named(store, "ZUHUROV")}
        assert ID + "person/TJK/saidimir-zuhurov" in zuhurov
        assert cable_iri("06DUSHANBE871").value + "#person-zuhurov" in zuhurov  # not joined by surname
        hoagland = persons_named(store, "RICHARD E. HOAGLAND")
        assert hoagland == {HOAGLAND.value: {"06DUSHANBE870", "06DUSHANBE871", "06DUSHANBE872"}}
    finally:
        store.close()


def test_a_us_principal_by_title_and_surname_is_the_holder_of_the_office(tmp_path):
    texts = {
        "873": variant(873, "¶1. (C) PRESIDENT BUSH RECEIVED PRESIDENT RAHMONOV IN WASHINGTON ON MAY 5.\n"),
        "874": variant(874, "¶1. (C) PRESIDENT GEORGE W. BUSH WROTE TO THE TAJIK PRESIDENT.\n"),
        "875": variant(875, "¶1. (C) BUSH SAID NOTHING MORE.\n"),  # no title: nothing to resolve
    }
    for serial, text in texts.items():
        (tmp_path / f"06DUSHANBE{serial}.txt").write_text(text, encoding="utf-8")
    store_path = tmp_path / "store"
    cli("load", "--store", store_path, "--processes", "1", *sorted(tmp_path.glob("*.txt")))
    store = CableStore(store_path)
    try:
        assert persons_named(store, "George W. Bush") == {
            ID + "person/USA/george-w-bush": {"06DUSHANBE873", "06DUSHANBE874"}}
        assert rows(store, f"SELECT ?state WHERE {{ GRAPH ?g {{ <{ID}person/USA/george-w-bush> org:memberOf ?state }} }}"
                    ) == [(ID + "state/USA",)] * 2
        assert persons_named(store, "BUSH") == {ID + "person/USA/george-w-bush": {"06DUSHANBE873"},
                                                cable_iri("06DUSHANBE875").value + "#person-bush": {"06DUSHANBE875"}}
    finally:
        store.close()


def test_the_two_presidents_bush_are_two_persons():
    def president_bush(reference_id: str, when: str, sentence: str = "President Bush will visit Tokyo.") -> set[str]:
        record = CableRecord(reference_id=reference_id, datetime=when, origin=Station(station="TOKYO"),
                             paragraphs=[Paragraph(1, None, sentence)])
        return {q.subject.value for q in entity_quads(record, extract_entities(record))
                if q.predicate == FOAF_FAMILY_NAME}

    assert president_bush("90TOKYO1", "1990-03-01T00:00:00Z") == {ID + "person/USA/george-h-w-bush"}
    assert president_bush("06TOKYO1", "2006-03-01T00:00:00Z") == {ID + "person/USA/george-w-bush"}
    # either of them: a US official, but no one's node
    assert president_bush("09TOKYO1", "2009-03-01T00:00:00Z", "Former President Bush will visit Tokyo.") == {
        cable_iri("09TOKYO1").value + "#person-bush"}


def test_an_event_is_one_node_across_cables_only_when_name_and_dates_agree(tmp_path):
    sentence = ("¶1. (C) TAJIK OFFICIALS CONFIRMED THE CENTRAL AND SOUTH ASIAN COUNTER-NARCOTICS AND SECURITY "
                "CONFERENCE SET FOR MAY {days} IN DUSHANBE.\n")
    (tmp_path / "a.txt").write_text(variant(873, sentence.format(days="15-17")), encoding="utf-8")
    (tmp_path / "b.txt").write_text(variant(874, sentence.format(days="22-24")), encoding="utf-8")
    store_path = tmp_path / "store"
    load_paths([SEED_FILE, tmp_path / "a.txt", tmp_path / "b.txt"], store_path, processes=1)
    store = CableStore(store_path)
    try:
        events = rows(store, "SELECT ?e (GROUP_CONCAT(DISTINCT STRAFTER(STR(?g), '/cable/'); separator=' ') AS ?in) "
                             "WHERE { GRAPH ?g { ?e a cg:Conference ; schema:location 'Dushanbe' } } GROUP BY ?e")
        by_cables = {frozenset(cables.split()) for _, cables in events}
        assert by_cables == {frozenset({"06DUSHANBE870", "06DUSHANBE873"}), frozenset({"06DUSHANBE874"})}
    finally:
        store.close()


# (schema:jobTitle is left out: the header mapping writes it on the Classified By line too)
ENTITY_FACTS = """SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
    FILTER(?p IN (cg:hasMention, schema:mentions, schema:about, cg:participation, cg:participant,
                  cg:participationRole, cg:confidence, org:memberOf, cg:followsEvent, schema:organizer)) }"""


def count(store_path: Path, sparql: str) -> int:
    store = CableStore(store_path)
    try:
        return int(next(iter(store.query(sparql, use_default_graph_as_union=True)))[0].value)
    finally:
        store.close()


def test_reloading_leaves_no_duplicate_entity_facts(tmp_path):
    store_path = tmp_path / "store"
    load_paths([SEED_FILE], store_path, processes=1)
    first = count(store_path, ENTITY_FACTS)
    summary = load_paths([SEED_FILE, SEED_FILE], store_path, processes=1)
    assert summary.replaced == 2
    assert first > 100 and count(store_path, ENTITY_FACTS) == first


def test_no_extract_gives_no_entity_facts_and_extract_restores_them(tmp_path):
    store_path = tmp_path / "store"
    cli("load", "--store", store_path, "--processes", "1", "--no-extract", SEED_FILE)
    assert count(store_path, ENTITY_FACTS) == 0
    assert count(store_path, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a cg:Cable } }") == 1
    cli("load", "--store", store_path, "--processes", "2", SEED_FILE)  # default: extract, in worker processes
    assert count(store_path, ENTITY_FACTS) > 100
