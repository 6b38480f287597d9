"""What the HTML pages show, read through the worker pool (timeout and cap apply).
Each function returns plain rows of encoded terms (see :mod:`cablegraph.server.worker`)."""
from __future__ import annotations

from cablegraph.namespaces import BASE

LABEL = "rdfs:label|skos:prefLabel|foaf:name|dcterms:title|schema:name"


def exists(app, iri: str) -> bool:
    _, rows = app.rows(f"SELECT ?p WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }} LIMIT 1", 1)
    return bool(rows)


def outgoing(app, iri: str, limit: int = 400) -> list[tuple]:
    """(predicate, object, object's label) of the node."""
    _, rows = app.rows(f"""SELECT ?p ?o (SAMPLE(?l) AS ?label) WHERE {{
        <{iri}> ?p ?o OPTIONAL {{ ?o {LABEL} ?l }} }} GROUP BY ?p ?o ORDER BY ?p ?o LIMIT {limit}""", limit)
    return rows


def incoming(app, iri: str, limit: int = 200) -> list[tuple]:
    """(subject, predicate, subject's label) pointing at the node."""
    _, rows = app.rows(f"""SELECT ?s ?p (SAMPLE(?l) AS ?label) WHERE {{
        ?s ?p <{iri}> OPTIONAL {{ ?s {LABEL} ?l }} FILTER(isIRI(?s)) }} GROUP BY ?s ?p ORDER BY ?p ?s LIMIT {limit}""",
                       limit)
    return rows


def paragraphs(app, cable: str) -> list[tuple]:
    """(paragraph node, number, marking, text) in order."""
    _, rows = app.rows(f"""SELECT ?para ?n ?marking ?text WHERE {{ GRAPH <{cable}> {{
        <{cable}> dcterms:hasPart ?para . ?para cg:paragraphNumber ?n ; cg:text ?text
        OPTIONAL {{ ?para cg:marking ?marking }} }} }} ORDER BY ?n""", 2000)
    return rows


def mentions(app, cable: str) -> list[tuple]:
    """(paragraph node, surface name, entity, entity's label) of the cable's extracted entities."""
    _, rows = app.rows(f"""SELECT DISTINCT ?para ?name ?about ?label WHERE {{
        GRAPH <{cable}> {{ <{cable}> cg:hasMention ?m . ?m schema:name ?name ; schema:about ?about .
                          OPTIONAL {{ ?m prov:wasDerivedFrom ?para }} }}
        OPTIONAL {{ ?about {LABEL} ?label }} }}""", 5000)
    return rows


def addressees(app, cable: str) -> list[tuple]:
    """(property, mission, label as addressed) of the TO and INFO blocks."""
    _, rows = app.rows(f"""SELECT ?kind ?mission ?label WHERE {{ GRAPH <{cable}> {{
        <{cable}> ?kind ?part . VALUES ?kind {{ cg:actionAddressing cg:infoAddressing }}
        ?part cg:recipient ?mission OPTIONAL {{ ?part rdfs:label ?label }} }} }}
        ORDER BY ?kind ?label""", 2000)
    return rows


def relations(app, iri: str, limit: int = 300) -> list[tuple]:
    """(direction, predicate, node, label) of the node's links to other nodes; a link
    through a part of a cable (``...#participation-1-2``) is followed to what it names."""
    _, rows = app.rows(f"""SELECT DISTINCT ?dir ?p ?n (SAMPLE(?l) AS ?label) WHERE {{
        {{ <{iri}> ?p ?n . BIND("out" AS ?dir) }}
        UNION {{ <{iri}> ?via ?mid . FILTER(isIRI(?mid) && STRSTARTS(STR(?mid), "{BASE}cable/") && CONTAINS(STR(?mid), "#"))
                 ?mid ?p ?n . FILTER(?n != <{iri}> && ?p != rdf:type) BIND("out" AS ?dir) }}
        UNION {{ ?n ?p <{iri}> . BIND("in" AS ?dir) }}
        FILTER(isIRI(?n) && !CONTAINS(STR(?n), "#"))
        OPTIONAL {{ ?n {LABEL} ?l }}
    }} GROUP BY ?dir ?p ?n LIMIT {limit}""", limit)
    return rows
