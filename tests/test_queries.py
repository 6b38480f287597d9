"""Stored queries (issue 6): every query of the catalogue on a real store built
from the shipped sample and a citation chain of Tripoli cables, with the rows the
cable texts call for; parameter binding (types, injection, missing values); the
same rows from a real SPARQL endpoint on loopback."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from cablegraph.catalogue import CatalogueError, load_catalogue, parse_query, parameter_of_variable
from cablegraph.namespaces import BASE, mission_key
from cablegraph.query_runner import (
    ParameterError,
    QueryError,
    QueryTimeout,
    bind,
    bound_text,
    run_query,
)
from cablegraph.sparql_text import code_only
from cablegraph.store import CableStore

from query_store import EXAMPLES, build_query_store
from sparql_server import SparqlEndpoint

SEED_TEXT = (EXAMPLES / "raw-text" / "06DUSHANBE870.txt").read_text(encoding="utf-8")
CATALOGUE = load_catalogue()


def iri(path: str) -> str:
    return BASE + path


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = build_query_store(tmp_path_factory.mktemp("queries") / "store")
    store = CableStore(path, read_only=True)
    yield store
    del store


def run(store, name, **params):
    return run_query(CATALOGUE[name], params, store=store)


def values(store, name, **params):
    return run(store, name, **params).values()


def column(rows, index):
    return [row[index] for row in rows]


# -- the catalogue ----------------------------------------------------------------------

def test_catalogue_has_the_queries_with_headers():
    assert len(CATALOGUE) >= 15
    for query in CATALOGUE.values():
        assert query.summary and query.description and query.tags, query.name
        assert "PREFIX" in query.text  # self-contained for any endpoint
        for parameter in query.parameters:
            if parameter.required:
                assert parameter.example is not None, (query.name, parameter.name)


def test_parameter_names_and_types_follow_basil():
    assert parameter_of_variable("_state_iri") == ("state", "iri", True)
    assert parameter_of_variable("__from_date") == ("from", "date", False)
    assert parameter_of_variable("_year_integer") == ("year", "integer", True)
    assert parameter_of_variable("_cable_id") == ("cable_id", "string", True)
    assert parameter_of_variable("state") is None
    query = CATALOGUE["missions_reporting_on_state"]
    assert [(p.name, p.type, p.required) for p in query.parameters] == [
        ("state", "iri", True), ("from", "date", False), ("to", "date", False)]
    assert query.parameter("state").example == iri("state/IRN")
    assert CATALOGUE["official_cooccurrence"].parameter("min").default == 1


def test_header_naming_an_unused_parameter_is_refused():
    with pytest.raises(CatalogueError, match="does not use"):
        parse_query("#+ summary: x\n#+ defaults:\n#+   - year: 1\nSELECT * WHERE { ?s ?p ?o }", "bad")


# -- header facts and reference data ------------------------------------------------------

def test_volume_per_year_of_a_mission(store):
    # the Tehran cables of the sample: 72TEHRAN1164, 1381, 4789, 5055; 73TEHRAN2077, 7005, 8233; 75TEHRAN2069; 78TEHRAN389
    assert values(store, "volume_per_year", mission=iri("mission/TEHRAN")) == [
        ("1972", "4"), ("1973", "3"), ("1975", "1"), ("1978", "1")]


def test_volume_per_year_counts_every_cable_once(store):
    rows = values(store, "volume_per_year")
    loaded = sum(1 for _ in store.cable_ids())
    assert sum(int(n) for _, n in rows) == loaded
    assert ("2006", "3") in rows  # 06DUSHANBE870, 06LISBON2366, 06USUNNEWYORK1033
    secret_prel = values(store, "volume_per_year", tag=iri("tag/PREL"), classification=iri("classification/SECRET"))
    assert secret_prel == [("2006", "2"), ("2009", "1")]  # 06DUSHANBE870, 06LISBON2366, 09ULAANBAATAR234


def test_volume_per_year_by_classification(store):
    assert values(store, "volume_per_year_by_classification", mission=iri("mission/TEHRAN")) == [
        ("1972", iri("classification/UNCLASSIFIED"), "UNCLASSIFIED", "4"),
        ("1973", iri("classification/SECRET"), "SECRET", "2"),
        ("1973", iri("classification/UNCLASSIFIED"), "UNCLASSIFIED", "1"),
        ("1975", iri("classification/CONFIDENTIAL"), "CONFIDENTIAL", "1"),
        ("1978", iri("classification/CONFIDENTIAL"), "CONFIDENTIAL", "1")]


def test_volume_per_year_by_classification_of_the_whole_store(store):
    rows = values(store, "volume_per_year_by_classification")  # the plan with no mission
    assert sum(int(row[3]) for row in rows) == sum(1 for _ in store.cable_ids())
    assert ("2006", iri("classification/SECRET"), "SECRET", "2") in rows  # 06DUSHANBE870, 06LISBON2366
    assert (None, iri("classification/CONFIDENTIAL"), "CONFIDENTIAL", "2") in rows  # 98NEWDELHI2879, 04BRASILIA1291: no date in their text


def test_volume_by_mission_spans_only_the_dated_cables(store):
    rows = {row[0]: row for row in values(store, "volume_by_mission")}
    # 04NEWDELHI5734 (2004-09-09) and 98NEWDELHI2879, whose text holds no date
    assert rows[iri("mission/NEWDELHI")] == (iri("mission/NEWDELHI"), "Embassy New Delhi", "2", "2004-09-09", "2004-09-09")
    assert rows[iri("mission/BRASILIA")] == (iri("mission/BRASILIA"), "Embassy Brasilia", "1", None, None)  # 04BRASILIA1291


def test_volume_by_mission_in_a_period(store):
    rows = values(store, "volume_by_mission", **{"from": "2009-01-01", "to": "2009-12-31"})
    # 09TRIPOLI17, 09TRIPOLI475, 09TRIPOLI554, 09TRIPOLI941, 09TRIPOLI1025
    assert rows[0] == (iri("mission/TRIPOLI"), "Embassy Tripoli", "5", "2009-01-12", "2009-12-21")
    assert {row[0] for row in rows} == {iri(f"mission/{m}") for m in  # 09RPODUBAI57 dated by its DECL line
                                        ("TRIPOLI", "CAIRO", "LONDON", "MILAN", "PARIS", "STOCKHOLM", "ULAANBAATAR",
                                         "RPODUBAI")}


def test_missions_reporting_on_a_state_by_classification(store):
    rows = values(store, "missions_reporting_on_state", state=iri("state/IRN"))
    assert rows[:3] == [
        (iri("mission/TEHRAN"), "UNCLASSIFIED", "5", "1972-02-25", "1973-10-02"),
        (iri("mission/TEHRAN"), "CONFIDENTIAL", "2", "1975-03-04", "1978-01-11"),
        (iri("mission/TEHRAN"), "SECRET", "2", "1973-04-02", "1973-11-21")]
    in_1973 = values(store, "missions_reporting_on_state", state=iri("state/IRN"), **{"from": "1973-01-01", "to": "1973-12-31"})
    assert in_1973 == [(iri("mission/TEHRAN"), "SECRET", "2", "1973-04-02", "1973-11-21"),
                       (iri("mission/TEHRAN"), "UNCLASSIFIED", "1", "1973-10-02", "1973-10-02")]


def test_missions_reporting_on_a_tag(store):
    # SNAR: the seed (SECRET) and 09LONDON2816 (CONFIDENTIAL//NOFORN)
    assert values(store, "missions_reporting_on_tag", tag=iri("tag/SNAR")) == [
        (iri("mission/DUSHANBE"), "SECRET", "1", "2006-05-11", "2006-05-11"),
        (iri("mission/LONDON"), "CONFIDENTIAL//NOFORN", "1", "2009-12-15", "2009-12-15")]


def test_cables_citing_a_cable_directly(store):
    assert values(store, "cables_citing_cable", cable=iri("cable/07TRIPOLI1033")) == [
        (iri("cable/08TRIPOLI166"), "2008-03-03T08:08:00Z", iri("mission/TRIPOLI"), "B"),
        (iri("cable/09TRIPOLI475"), "2009-06-16T14:08:00Z", iri("mission/TRIPOLI"), None)]


def test_cables_citing_a_cable_transitively(store):
    rows = values(store, "cables_citing_cable_transitively", cable=iri("cable/07TRIPOLI1033"))
    assert [(c[len(BASE) + 6:], d[len(BASE) + 6:]) for c, d, _ in rows] == [
        ("08TRIPOLI166", "07TRIPOLI1033"), ("08TRIPOLI227", "08TRIPOLI166"),
        ("09TRIPOLI17", "08TRIPOLI227"), ("09TRIPOLI475", "07TRIPOLI1033")]
    assert values(store, "cables_citing_cable_transitively", cable=iri("cable/09TRIPOLI17")) == []


def test_cited_cables_missing_from_the_dump(store):
    rows = values(store, "cited_cables_missing_from_dump", mission=iri("mission/NEWDELHI"))
    # 04NEWDELHI5734 cites 04DHAKA3127, 04CALCUTTA350 and 04NEWDELHI5486, none in Cablegate
    assert {row[1] for row in rows} == {"04CALCUTTA350", "04DHAKA3127", "04NEWDELHI5486"}
    assert all(row[2] == "1" and row[3] == iri("cable/04NEWDELHI5734") for row in rows)
    everything = {row[1] for row in values(store, "cited_cables_missing_from_dump")}
    assert {"66STATE3400", "00ROME988", "09STATE70129"} <= everything
    assert "09TRIPOLI938" not in everything  # in the dump


def test_cited_cables_in_the_dump_but_not_loaded(store):
    rows = values(store, "cited_cables_not_loaded")
    assert rows[0] == (iri("cable/09TRIPOLI938"), "09TRIPOLI938", "2")  # cited by 09TRIPOLI941 and 09TRIPOLI1025
    ids = {row[1] for row in rows}
    assert {"08BAKU787", "10BERLIN128", "98ISLAMABAD2617"} <= ids
    assert not ids & {"07TRIPOLI1033", "08TRIPOLI166", "09TRIPOLI941"}  # loaded


def test_signer_of_the_seed_is_the_chief_of_mission_in_office(store):
    rows = values(store, "signers_of_mission_over_time", mission=iri("mission/DUSHANBE"))
    hoagland = iri("person/hoagland-richard-eugene")
    assert rows == [(iri("cable/06DUSHANBE870"), "2006-05-11", "HOAGLAND", hoagland, hoagland,
                     "Richard E. Hoagland", "2003-11-24", "2006-08-03")]


def test_signers_of_tehran_over_time_with_chiefs(store):
    rows = {row[0][len(BASE) + 6:]: row for row in values(store, "signers_of_mission_over_time", mission=iri("mission/TEHRAN"))}
    assert rows["72TEHRAN4789"][2:6] == ("FARLAND", iri("person/farland-joseph-simpson"),
                                        iri("person/farland-joseph-simpson"), "Joseph S. Farland")
    assert rows["78TEHRAN389"][5] == "William H. Sullivan"
    # 2 April 1973: Farland had left (10 March), Helms not yet arrived (5 April): no chief in office
    assert rows["73TEHRAN2077"][2] == "BLAKEMAN" and rows["73TEHRAN2077"][4] is None
    assert rows["75TEHRAN2069"][3] == rows["75TEHRAN2069"][4] == iri("person/helms-richard-mcgarrah")
    assert len(rows) == 9


def test_chiefs_of_mission_in_office_on_a_day(store):
    on_day = values(store, "chiefs_of_mission", mission=iri("mission/DUSHANBE"), day="2006-05-11")
    assert (iri("person/hoagland-richard-eugene"), "Richard E. Hoagland",
            "Ambassador Extraordinary and Plenipotentiary", "2003-11-24", "2006-08-03") in on_day
    everyone = values(store, "chiefs_of_mission", mission=iri("mission/DUSHANBE"))
    assert len(everyone) > len(on_day) and set(on_day) <= set(everyone)
    assert not [r for r in on_day if r[4] and r[4] < "2006-05-11"]


def test_cables_addressed_to_a_mission(store):
    rows = values(store, "cables_addressed_to_mission", mission=iri("mission/MOSCOW"))
    assert (iri("cable/06DUSHANBE870"), "2006-05-11", iri("mission/DUSHANBE"), "info") in rows
    assert (iri("cable/01STATE176819"), "2001-10-11", iri("mission/STATE"), "action") in rows
    seed_info = set(re.search(r"\nINFO (.*?)\nB T", SEED_TEXT, re.S).group(1).splitlines())
    for line in seed_info:
        name = line.split("/", 1)[1]
        found = values(store, "cables_addressed_to_mission", mission=iri("mission/" + mission_key(name)))
        assert (iri("cable/06DUSHANBE870"), "2006-05-11", iri("mission/DUSHANBE"), "info") in found, name


def test_tags_of_a_mission(store):
    rows = values(store, "tags_of_mission", mission=iri("mission/TEHRAN"))
    assert rows[0] == (iri("tag/IR"), "IR", "Iran", "9")
    assert ("PTER", "2") in {(r[1], r[3]) for r in rows}


def test_cable_card_of_the_seed(store):
    rows = values(store, "cable_card", cable=iri("cable/06DUSHANBE870"))
    fields: dict[str, set] = {}
    for field, value, label, detail in rows:
        fields.setdefault(field, set()).add((value, label, detail))
    tags = re.search(r"TAGS:\s*(.*)", SEED_TEXT).group(1).replace(",", " ").split()
    assert {v for v, _, _ in fields["tag"]} == {iri("tag/" + t) for t in tags}
    assert {v for v, _, _ in fields["state"]} == {iri("state/TJK"), iri("state/RUS")}
    info_lines = re.search(r"\nINFO (.*?)\nB T", SEED_TEXT, re.S).group(1).splitlines()
    assert {label for _, label, _ in fields["info"]} == {line.split("/", 1)[1] for line in info_lines}
    assert fields["to"] == {(iri("mission/STATE"), "SECSTATE WASHDC", "recipient-1")}
    assert fields["signer"] == {(iri("person/hoagland-richard-eugene"), "HOAGLAND", iri("membership/tj-2003-hoag-01"))}
    assert fields["classification"] == {(iri("classification/SECRET"), "SECRET", None)}
    assert fields["date"] == {("2006-05-11T16:47:00Z", None, None)}
    assert fields["origin"] == {(iri("mission/DUSHANBE"), "Embassy Dushanbe", None)}
    assert iri("person/RUS/sergey-lavrov") in {v for v, _, _ in fields["entity: Official"]}
    assert any("Counter-Narcotics" in (label or "") for _, label, _ in fields["entity: Conference"])


def test_cables_by_subject_words(store):
    assert column(values(store, "cables_by_subject_words", text="counter-NARCOTICS"), 0) == [iri("cable/06DUSHANBE870")]
    assert values(store, "cables_by_subject_words", text="counter-narcotics", mission=iri("mission/TEHRAN")) == []


# -- extracted entities -----------------------------------------------------------------------

EVENT = iri("event/central-and-south-asian-counter-narcotics-and-security-conference/2006-05-15--2006-05-17")


def test_conference_participants_by_role(store):
    rows = values(store, "conference_participants_by_role", event=EVENT)
    by_role: dict[str, set[str]] = {}
    for role, participant, label, cables, best in rows:
        assert cables == "1" and 0 < float(best) <= 1 and label
        by_role.setdefault(role, set()).add(participant.rsplit("/", 1)[-1])
    # the seed: India, China and Turkey observers; Uzbekistan and Turkmenistan declined; Russia opposed
    assert by_role["observer"] == {"IND", "CHN", "TUR"}
    assert {"UZB", "TKM"} <= by_role["declined"]
    assert "RUS" in by_role["opposed"]
    assert {"TJK", "KGZ", "KAZ", "AFG", "PAK", "USA"} <= by_role["member"]
    assert by_role["organiser"] == {"us-central-command", "george-c-marshall-center"}
    assert (iri("organisation/us-central-command"), "US Central Command") in {(r[1], r[2]) for r in rows}
    declined = values(store, "conference_participants_by_role", event=EVENT, role="cg:DeclinedRole")
    assert {row[1] for row in declined} == {iri("state/" + code) for code in by_role["declined"]}
    assert {row[0] for row in declined} == {"declined"} and ("declined", iri("state/UZB"), "Uzbekistan", "1") in \
        {row[:4] for row in declined}


def test_officials_mentioned_in_the_seed(store):
    rows = {row[0]: row for row in values(store, "officials_mentioned_in_cable", cable=iri("cable/06DUSHANBE870"))}
    hoagland = rows[iri("person/hoagland-richard-eugene")]
    assert hoagland[1:5] == ("Richard E. Hoagland", "Ambassador", iri("state/USA"),
                             "Ambassador Extraordinary and Plenipotentiary, Tajikistan")
    lavrov = rows[iri("person/RUS/sergey-lavrov")]
    assert lavrov[1:4] == ("Sergey Lavrov", "Foreign Minister", iri("state/RUS")) and lavrov[6] == "paragraph-2"
    zuhurov = rows[iri("person/TJK/saidimir-zuhurov")]
    assert "Chairman of the Tajik State Border Committee" in zuhurov[2].split("; ")
    assert rows[iri("cable/06DUSHANBE870#person-rahmonov")][2] == "President"


def test_officials_of_a_missions_cables_with_posts_over_time(store):
    rows = values(store, "officials_mentioned_by_mission", mission=iri("mission/TRIPOLI"))
    stevens = [(title, first, last) for person, _, title, first, last, _ in rows if person == iri("person/USA/chris-stevens")]
    # 07TRIPOLI1033 (December 2007): DCM; 08TRIPOLI166 (March 2008): charge
    assert sorted(stevens, key=lambda r: r[1]) == [("Deputy Chief of Mission", "2007-12-12", "2007-12-12"),
                                                   ("Charge d'Affaires", "2008-03-03", "2008-03-03")]
    # Ambassador Cretz (chief of mission, reference person) in the 2009 cables he classified or signed
    assert rows[0] == (iri("person/cretz-gene-allan"), "Gene Allan Cretz", "Ambassador", "2009-01-12", "2009-12-21", "4")
    assert rows[1][0::2] == (iri("person/LBY/muammar-al-qadhafi"), "Leader", "2009-11-30") and rows[1][5] == "2"
    in_2009 = values(store, "officials_mentioned_by_mission", mission=iri("mission/TRIPOLI"), **{"from": "2009-01-01"})
    assert all(first >= "2009-01-01" for *_, first, _, _ in in_2009)
    assert iri("person/USA/chris-stevens") not in column(in_2009, 0)


def test_official_cooccurrence(store):
    qadhafi = iri("person/LBY/muammar-al-qadhafi")
    rows = values(store, "official_cooccurrence", person=qadhafi)
    # 09TRIPOLI941: the charge, Joan Polaschik, reports on Qadhafi
    assert (iri("person/USA/joan-polaschik"), "Joan A. Polaschik", "1", iri("cable/09TRIPOLI941")) in rows
    assert qadhafi not in column(rows, 0) and len(set(column(rows, 0))) == len(rows)
    assert values(store, "official_cooccurrence", person=qadhafi, min=2) == []
    hoagland = values(store, "official_cooccurrence", person=iri("person/hoagland-richard-eugene"))
    assert {row[0] for row in hoagland} == {iri("person/RUS/sergey-lavrov"), iri("person/TJK/saidimir-zuhurov"),
                                            iri("cable/06DUSHANBE870#person-rahmonov")}


def test_state_relations(store):
    rows = values(store, "state_relations", state=iri("state/TJK"))
    relations = {(relation, node) for relation, node, *_ in rows}
    assert ("event: member", EVENT) in relations
    assert ("hosts US mission", iri("mission/DUSHANBE")) in relations
    assert ("mission reporting on it", iri("mission/DUSHANBE")) in relations
    assert ("official serving it", iri("person/TJK/saidimir-zuhurov")) in relations
    uzbekistan = {(r, n) for r, n, *_ in values(store, "state_relations", state=iri("state/UZB"))}
    assert ("event: declined", EVENT) in uzbekistan and ("hosts US mission", iri("mission/TASHKENT")) in uzbekistan


def test_every_stored_query_is_tested_here():
    text = Path(__file__).read_text(encoding="utf-8")
    untested = [name for name in CATALOGUE if f'"{name}"' not in text]
    assert not untested, untested


# -- binding ----------------------------------------------------------------------------------

INJECTIONS = ['"} ; DROP ALL ; SELECT * WHERE { ?s ?p ?o', "x' } UNION { ?s ?p ?o } #", '\\" } } # \n DROP ALL']


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_is_a_string_that_matches_nothing(store, value):
    before = len(store.store)
    assert values(store, "cables_by_subject_words", text=value) == []
    assert len(store.store) == before
    assert "DROP" not in code_only(bound_text(CATALOGUE["cables_by_subject_words"], {"text": value}))  # all in literals


def test_injection_into_an_iri_parameter_is_a_type_error(store):
    with pytest.raises(ParameterError, match="must be an IRI"):
        run(store, "cable_card", cable=iri("cable/X> } ; DROP ALL ; SELECT * WHERE { <a"))


def test_values_are_bound_as_typed_terms():
    bound = bind(CATALOGUE["official_cooccurrence"], {"person": "id:person/LBY/x", "min": "03"})
    assert bound == {"_person_iri": NamedNode(iri("person/LBY/x")),
                     "__min_integer": Literal("3", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))}
    assert bind(CATALOGUE["official_cooccurrence"], {"person": "id:person/x"})["__min_integer"].value == "1"  # default


def test_a_parameter_reaches_the_sub_selects_that_use_it(store):
    text = """#+ parameters:
#+   mission: m
PREFIX cg: <https://cablegraph.org/ontology#>
SELECT ?cables WHERE {
  { SELECT (COUNT(?cable) AS ?cables) WHERE { ?cable cg:origin ?_mission_iri } }
  { SELECT ?other WHERE { ?other cg:station "TRIPOLI" } }
}"""
    query = parse_query(text, "nested")
    bound = bound_text(query, {"mission": iri("mission/TRIPOLI")})
    assert bound.count("VALUES (?_mission_iri)") == 1  # in the sub-select naming it, not the outer level
    tripoli = [c for c in store.cable_ids() if re.fullmatch(r"\d\dTRIPOLI\d+", c)]
    assert set(run_query(query, {"mission": iri("mission/TRIPOLI")}, store=store).values()) == {(str(len(tripoli)),)}


@pytest.mark.parametrize("name, params, message", [
    ("cable_card", {}, "needs parameter 'cable' \\(iri\\), e.g. cable=https://"),
    ("cable_card", {"cable": "06DUSHANBE870"}, "must be an IRI"),
    ("cable_card", {"cable": iri("cable/1"), "year": "2006"}, "has no parameter 'year'"),
    ("official_cooccurrence", {"person": iri("person/x"), "min": "two"}, "must be an integer"),
    ("official_cooccurrence", {"person": iri("person/x"), "min": 2.5}, "must be an integer"),
    ("chiefs_of_mission", {"mission": iri("mission/X"), "day": "11/05/2006"}, "must be a date"),
    ("chiefs_of_mission", {"mission": iri("mission/X"), "day": "2006-02-30"}, "no real date"),
    ("chiefs_of_mission", {"mission": Literal("x"), "day": "2006-02-01"}, "must be of type iri"),
])
def test_missing_unknown_and_mistyped_parameters(store, name, params, message):
    with pytest.raises(ParameterError, match=message):
        run_query(CATALOGUE[name], params, store=store)


def test_row_limit_and_timeout(store):
    limited = run_query(CATALOGUE["volume_per_year"], {}, store=store, limit=3)
    assert len(limited.rows) == 3 and limited.truncated
    assert not run_query(CATALOGUE["volume_per_year"], {}, store=store).truncated
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(QueryTimeout):
        run_query(heavy, store=store, timeout=0.2)


def test_user_query_text_with_parameters_and_errors(store):
    text = "SELECT ?title WHERE { ?cable dcterms:identifier ?_id ; dcterms:title ?title ; a cg:Cable }"
    rows = run_query(text, {"id": "73TEHRAN2077"}, store=store).values()
    assert rows == [("AUDIENCE WITH SHAH APRIL 5",)]
    with pytest.raises(QueryError, match="syntax"):
        run_query("SELECT ?x WHERE { ?x ", store=store)
    with pytest.raises(QueryError, match="only SELECT and ASK"):
        run_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?_x }", {"x": "1"}, store=store)
    assert run_query("ASK { ?c dcterms:identifier ?_id }", {"id": "06DUSHANBE870"}, store=store).boolean is True


# -- a real endpoint ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def endpoint(store):
    server = SparqlEndpoint(store.store)
    yield server
    server.close()


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_endpoint_gives_the_local_rows(store, endpoint, name):
    query = CATALOGUE[name]
    params = query.examples[0] if query.examples else {}
    local = run_query(query, params, store=store)
    remote = run_query(query, params, endpoint=endpoint.url)
    assert local.variables == remote.variables
    assert local.rows, name  # every example finds something in the sample
    assert remote.rows == local.rows  # same terms (datatypes included), same order
    assert endpoint.queries[-1] == bound_text(query, params)  # the parameters travel as VALUES, in the text


def test_endpoint_injection_and_user_prefixes(store, endpoint):
    assert run_query(CATALOGUE["cables_by_subject_words"], {"text": INJECTIONS[0]}, endpoint=endpoint.url).rows == []
    text = "SELECT ?t WHERE { ?c dcterms:identifier ?_id ; dcterms:title ?t ; a cg:Cable }"  # prefixes added
    assert run_query(text, {"id": "73TEHRAN2077"}, endpoint=endpoint.url).values() == [("AUDIENCE WITH SHAH APRIL 5",)]
    with pytest.raises(QueryError, match="refused|cannot reach"):
        run_query("SELECT ?x WHERE { ?x", endpoint=endpoint.url)
