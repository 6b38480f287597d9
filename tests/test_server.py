"""The real server (``cablegraph serve``) on loopback over a store of the example
cables: the SPARQL 1.1 Protocol through SPARQLWrapper in every format, errors,
limits, CORS, the stored-query API and dereferenceable IRIs."""
from __future__ import annotations

import csv
import io
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from served_store import Server, load_examples

CABLES = """PREFIX cg: <https://cablegraph.org/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?cable ?id WHERE { ?cable a cg:Cable ; dcterms:identifier ?id } ORDER BY ?id"""
TITLES = """PREFIX cg: <https://cablegraph.org/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
CONSTRUCT { ?cable dcterms:title ?title } WHERE { ?cable a cg:Cable ; dcterms:title ?title }"""
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SEED = "https://cablegraph.org/id/cable/06DUSHANBE870"
SEED_TITLE = "URGENT REQUEST FOR DEMARCHE ON SOUTH AND CENTRAL ASIAN COUNTER-NARCOTICS AND SECURITY CONFERENCE"
TIMEOUT = 3
MAX_ROWS = 2000
MAX_BODY = 20_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("served") / "store"
    load_examples(store)
    running = Server(store, "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), "--max-body", str(MAX_BODY),
                     "--workers", "2")
    yield running
    running.stop()


def http(url, data=None, headers=None, method=None):
    """(status, headers, body) of a request; error statuses are returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def client(server, query, return_format, method=None):
    wrapper = SPARQLWrapper(server.url + "/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(return_format)
    if method:
        wrapper.setMethod(method)
    return wrapper


@pytest.fixture(scope="module")
def cable_ids(server):
    result = client(server, CABLES, JSON).queryAndConvert()
    ids = [row["id"]["value"] for row in result["results"]["bindings"]]
    assert "06DUSHANBE870" in ids and "73TEHRAN2077" in ids
    assert len(ids) == len(set(ids)) >= 30
    return ids


# -- result formats --------------------------------------------------------------------

def test_select_json_by_get_and_both_posts(server, cable_ids):
    for method in (None, POST, POSTDIRECTLY):
        wrapper = client(server, CABLES, JSON)
        if method == POSTDIRECTLY:
            wrapper.setMethod(POST)
            wrapper.setRequestMethod(POSTDIRECTLY)
        elif method:
            wrapper.setMethod(method)
        result = wrapper.query()
        assert result.response.headers["Content-Type"].startswith("application/sparql-results+json")
        ids = [row["id"]["value"] for row in result.convert()["results"]["bindings"]]
        assert ids == cable_ids


def test_select_xml(server, cable_ids):
    document = client(server, CABLES, XML).queryAndConvert()
    namespace = "http://www.w3.org/2005/sparql-results#"
    ids = [node.firstChild.data for node in document.getElementsByTagNameNS(namespace, "literal")]
    assert ids == cable_ids
    uris = [node.firstChild.data for node in document.getElementsByTagNameNS(namespace, "uri")]
    assert SEED in uris


def test_select_csv(server, cable_ids):
    text = client(server, CABLES, CSV).queryAndConvert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["cable", "id"]
    assert [row[1] for row in rows[1:]] == cable_ids


def test_select_tsv(server, cable_ids):
    text = client(server, CABLES, TSV).queryAndConvert().decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "?cable\t?id"
    assert f"<{SEED}>\t\"06DUSHANBE870\"" in lines
    assert len(lines) == len(cable_ids) + 1


def test_ask(server):
    assert client(server, f"ASK {{ <{SEED}> a <https://cablegraph.org/ontology#Cable> }}", JSON).queryAndConvert()["boolean"] is True
    assert client(server, "ASK { <https://cablegraph.org/id/cable/nope> ?p ?o }", JSON).queryAndConvert()["boolean"] is False


@pytest.fixture(scope="module")
def titled(server):
    query = TITLES.replace("CONSTRUCT { ?cable dcterms:title ?title }", "SELECT DISTINCT ?cable ?title")
    return len(client(server, query, JSON).queryAndConvert()["results"]["bindings"])


@pytest.mark.parametrize("return_format, rdflib_format", [(TURTLE, "turtle"), (JSONLD, "json-ld"), (RDFXML, "xml")])
def test_construct_formats(server, titled, return_format, rdflib_format):
    result = client(server, TITLES, return_format).query()
    graph = rdflib.Graph().parse(data=result.response.read(), format=rdflib_format)
    assert len(graph) == titled > 30
    assert graph.value(rdflib.URIRef(SEED), rdflib.DCTERMS.title) == rdflib.Literal(SEED_TITLE)


def test_construct_ntriples(server, titled):
    url = server.url + "/sparql?" + urllib.parse.urlencode({"query": TITLES})
    status, headers, body = http(url, headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    graph = rdflib.Graph().parse(data=body, format="nt")
    assert len(graph) == titled > 30


def test_describe_turtle(server):
    status, _, body = http(server.url + "/sparql?" + urllib.parse.urlencode(
        {"query": "DESCRIBE <https://cablegraph.org/id/state/TJK>"}), headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=body, format="turtle")
    assert status == 200
    assert (rdflib.URIRef("https://cablegraph.org/id/state/TJK"), rdflib.RDF.type,
            rdflib.URIRef("https://cablegraph.org/ontology#State")) in graph


def test_unacceptable_media_type_is_406(server):
    status, _, body = http(server.url + "/sparql?" + urllib.parse.urlencode({"query": CABLES}),
                           headers={"Accept": "image/png"})
    assert status == 406 and b"application/sparql-results+json" in body


def test_service_description(server):
    status, headers, body = http(server.url + "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef(server.url + "/sparql")
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph


# -- errors and limits ---------------------------------------------------------------------

def test_malformed_query_is_400(server, cable_ids):
    with pytest.raises(QueryBadFormed):
        client(server, "SELECT ?x WHERE { ?x ", JSON).query()
    status, _, body = http(server.url + "/sparql?query=SELEC%20nothing")
    assert status == 400 and b"syntax error" in body
    assert len(client(server, CABLES, JSON).queryAndConvert()["results"]["bindings"]) == len(cable_ids)


@pytest.mark.parametrize("data, content_type", [
    (b"update=" + urllib.parse.quote(f"DROP GRAPH <{SEED}>").encode(), "application/x-www-form-urlencoded"),
    (f"DROP GRAPH <{SEED}>".encode(), "application/sparql-update"),
    (b"query=" + urllib.parse.quote(f"PREFIX x: <http://x/> DELETE WHERE {{ <{SEED}> ?p ?o }}").encode(),
     "application/x-www-form-urlencoded"),
    (b"query=" + urllib.parse.quote("LOAD <http://example.org/data.ttl>").encode(), "application/x-www-form-urlencoded"),
])
def test_updates_are_refused_with_403(server, cable_ids, data, content_type):
    status, _, body = http(server.url + "/sparql", data=data, headers={"Content-Type": content_type})
    assert status == 403 and b"read-only" in body
    assert len(client(server, CABLES, JSON).queryAndConvert()["results"]["bindings"]) == len(cable_ids)


def test_update_through_sparqlwrapper_is_refused(server, cable_ids):
    wrapper = SPARQLWrapper(server.url + "/sparql", updateEndpoint=server.url + "/sparql")
    wrapper.setQuery(f"DELETE WHERE {{ GRAPH <{SEED}> {{ ?s ?p ?o }} }}")
    wrapper.setMethod(POST)
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)):
        wrapper.query()
    assert len(client(server, CABLES, JSON).queryAndConvert()["results"]["bindings"]) == len(cable_ids)


def test_runaway_query_times_out_and_server_still_answers(server, cable_ids):
    started = time.monotonic()
    status, _, body = http(server.url + "/sparql", data=urllib.parse.urlencode({"query": RUNAWAY}).encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    elapsed = time.monotonic() - started
    assert status == 503
    assert f"longer than the server's timeout of {TIMEOUT} s".encode() in body
    assert TIMEOUT - 0.5 < elapsed < TIMEOUT + 10
    for attempt in range(4):  # every worker still answers (the killed one was replaced); new texts miss the cache
        query = CABLES + f"\n# attempt {attempt} after a timeout"
        assert len(client(server, query, JSON).queryAndConvert()["results"]["bindings"]) == len(cable_ids)


def test_answer_over_the_row_cap_is_a_clear_error(server):
    status, _, body = http(server.url + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}))
    assert status == 422
    assert f"more than {MAX_ROWS:,} rows".encode() in body and b"LIMIT" in body
    status, _, body = http(server.url + "/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"}))
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5


def test_oversize_requests_are_refused(server, cable_ids):
    padding = "#" + "x" * (MAX_BODY + 10) + "\n"
    status, _, body = http(server.url + "/sparql", data=(padding + CABLES).encode(),
                           headers={"Content-Type": "application/sparql-query"})
    assert status == 413
    status, _, _ = http(server.url + "/sparql?query=" + "x" * 70_000)
    assert status in (414, 431)
    assert len(client(server, CABLES, JSON).queryAndConvert()["results"]["bindings"]) == len(cable_ids)


def test_clients_that_disconnect_do_not_hurt(server, cable_ids):
    for payload in ("POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\nquery=SEL",
                    "GET /sparql?query=" + urllib.parse.quote(RUNAWAY) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                    "garbage\r\n\r\n"):
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(payload.encode())
        time.sleep(0.2)
    assert len(client(server, CABLES, JSON).queryAndConvert()["results"]["bindings"]) == len(cable_ids)


def test_cors(server):
    status, headers, _ = http(server.url + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}),
                              headers={"Origin": "https://example.org"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = http(server.url + "/sparql", method="OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()
    status, headers, _ = http(server.url + "/sparql?query=SELEC")
    assert status == 400 and headers["Access-Control-Allow-Origin"] == "*"


def test_dataset_from_protocol_parameters(server):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    url = server.url + "/sparql?" + urllib.parse.urlencode({"query": query, "default-graph-uri": SEED})
    status, _, body = http(url, headers={"Accept": "application/sparql-results+json"})
    in_graph = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    url = server.url + "/sparql?" + urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SEED}> {{ ?s ?p ?o }} }}"})
    _, _, body = http(url)
    assert status == 200 and in_graph == int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 50


# -- stored queries as a REST API ---------------------------------------------------------

def test_openapi_lists_every_stored_query(server):
    from cablegraph.catalogue import load_catalogue

    status, headers, body = http(server.url + "/api/openapi.json")
    document = json.loads(body)
    assert status == 200 and document["openapi"].startswith("3.")
    assert set(document["paths"]) == {f"/api/{name}" for name in load_catalogue()}
    operation = document["paths"]["/api/cable_card"]["get"]
    cable = next(p for p in operation["parameters"] if p["name"] == "cable")
    assert cable["required"] is True and cable["schema"] == {"type": "string", "format": "uri"}


def test_api_runs_a_stored_query_in_every_format(server):
    url = server.url + "/api/officials_mentioned_in_cable?" + urllib.parse.urlencode({"cable": SEED})
    _, _, body = http(url, headers={"Accept": "application/sparql-results+json"})
    people = {row["person"]["value"] for row in json.loads(body)["results"]["bindings"]}
    assert "https://cablegraph.org/id/person/TJK/saidimir-zuhurov" in people
    for fmt, marker in (("csv", b"saidimir-zuhurov"), ("tsv", b"<https://cablegraph.org/id/person/TJK/saidimir-zuhurov>"),
                        ("xml", b"<uri>https://cablegraph.org/id/person/TJK/saidimir-zuhurov</uri>")):
        status, _, body = http(url + "&format=" + fmt)
        assert status == 200 and marker in body


def test_api_parameter_errors_are_400(server):
    status, _, body = http(server.url + "/api/cable_card")
    assert status == 400 and b"needs parameter 'cable'" in body
    status, _, body = http(server.url + "/api/cable_card?cable=" + urllib.parse.quote('"} ; DROP ALL'))
    assert status == 400 and b"must be an IRI" in body
    status, _, _ = http(server.url + "/api/no_such_query")
    assert status == 404


# -- dereferenceable IRIs -------------------------------------------------------------------

def test_cable_iri_html_for_browsers(server):
    status, headers, body = http(server.url + "/id/cable/06DUSHANBE870",
                                 headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert SEED_TITLE in page
    assert 'class="entity person" href="/id/person/TJK/saidimir-zuhurov"' in page  # entity marked in the text
    assert 'href="/id/mission/DUSHANBE"' in page  # origin linked on this server


def test_cable_iri_turtle_for_rdf_clients(server):
    status, headers, body = http(server.url + "/id/cable/06DUSHANBE870", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and "Accept" in headers["Vary"]
    graph = rdflib.Graph().parse(data=body, format="turtle")
    assert graph.value(rdflib.URIRef(SEED), rdflib.DCTERMS.title) == rdflib.Literal(SEED_TITLE)
    paragraph = rdflib.URIRef(SEED + "#paragraph-2")
    assert (paragraph, None, None) in graph


@pytest.mark.parametrize("path", ["/id/state/TJK", "/id/event/first-conference-in-garmisch/2005-11"])
def test_state_and_conference_pages_draw_their_relations(server, path):
    status, _, body = http(server.url + path, headers={"Accept": "text/html"})
    page = body.decode("utf-8")
    assert status == 200 and "<svg" in page and 'class="relations"' in page
    assert page.count('<a href="/id/') >= 3
    status, headers, body = http(server.url + path, headers={"Accept": "application/ld+json"})
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    graph = rdflib.Graph().parse(data=body, format="json-ld")
    assert (rdflib.URIRef("https://cablegraph.org" + path), rdflib.RDF.type, None) in graph


def test_unknown_iri_is_404(server):
    status, _, _ = http(server.url + "/id/cable/99NOWHERE1")
    assert status == 404


def test_query_page_is_self_contained(server):
    import re

    status, _, body = http(server.url + "/")
    page = body.decode("utf-8")
    assert status == 200 and 'id="query"' in page and "officials_mentioned_in_cable" in page
    assets = re.findall(r'<script[^>]* src="([^"]+)"', page) + re.findall(r'<link[^>]* href="([^"]+)"', page)
    assert sorted(assets) == ["/static/query.js", "/static/style.css"]  # nothing from a CDN
    for asset in assets:
        assert http(server.url + asset)[0] == 200


def test_clients_asking_the_same_question_at_once_share_one_answer():
    import threading

    from cablegraph.server.cache import AnswerCache

    cache, calls, replies = AnswerCache(1_000_000), [], []

    def compute():
        calls.append(1)
        time.sleep(0.3)  # a query still running when the others ask
        return ("ok", "application/json", b"{}")

    threads = [threading.Thread(target=lambda: replies.append(cache.answer(("q",), compute, wait=5)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and replies == [("ok", "application/json", b"{}")] * 8
    failing = AnswerCache(1_000_000)
    assert failing.answer(("bad",), lambda: ("error", 400, "no"), wait=1)[0] == "error"
    assert failing.get(("bad",)) is None  # errors are not kept
