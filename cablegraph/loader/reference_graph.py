"""The reference graph: facts that hold beyond one cable, from the shipped tables.

TAGS as SKOS concept schemes (one per kind), the classification markings,
states (``countries.csv``), US missions (Office of the Historian posts, the
stations of the Cablegate reference IDs, routing indicators) and US chiefs of
mission (POCOM) as persons holding ORG posts in missions for dated terms.

:func:`reference_quads` is pure: tables in, quads out, all in
:data:`~cablegraph.namespaces.REFERENCE_GRAPH`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

from cablegraph import refdata
from cablegraph.loader.quads import GraphQuads
from cablegraph.resolve import (
    ORGANISATION_MISSIONS,
    country_by_hsg,
    host_state,
    posts_by_key,
    state_of_tag,
    tag_kind,
)
from cablegraph.namespaces import (
    CG,
    CLASSIFICATION_SCHEME,
    FOAF,
    ORG,
    OWL,
    RDF,
    RDFS,
    REFERENCE_GRAPH,
    SCHEMA,
    SKOS,
    TIME,
    XSD,
    classification_iri,
    membership_iri,
    mission_iri,
    mission_key,
    person_iri,
    post_iri,
    role_iri,
    state_iri,
    tag_iri,
    tag_scheme_iri,
)

# WikiLeaks' classification markings, lowest first (the rank orders them)
CLASSIFICATIONS = (
    ("UNCLASSIFIED", 0),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", 1),
    ("LIMITED OFFICIAL USE", 1),
    ("LIMITED OFFICIAL USE//NOFORN", 1),
    ("CONFIDENTIAL", 2),
    ("CONFIDENTIAL//NOFORN", 2),
    ("SECRET", 3),
    ("SECRET//NOFORN", 3),
)

POST_TYPES = {
    "embassy": CG.Embassy,
    "consulate": CG.Consulate,
    "consulate-general": CG.Consulate,
    "branch-office": CG.Consulate,
    "consular-agency": CG.ConsularAgency,
}

ROUTING_PREFIX_TYPES = {
    "AMEMBASSY": CG.Embassy,
    "AMCONSUL": CG.Consulate,
    "AMCONSULATE": CG.Consulate,
    "USMISSION": CG.MissionToOrganization,
}
# the first words of addressee names that name a post: an embassy, a consulate, a
# mission to an organisation, an interests section
POST_PREFIXES = frozenset(ROUTING_PREFIX_TYPES) | {"AMEMB", "USINT"}

# stations named in reference IDs that are not posts of the Office of the Historian
SPECIAL_MISSIONS = {
    "STATE": (CG.Department, "Secretary of State"),
    "AITTAIPEI": (CG.Mission, "American Institute Taiwan, Taipei"),
}

_STATION = re.compile(r"^\d{2}([A-Z]+)\d+$")


_DATE_FORMS = ((re.compile(r"^\d{4}$"), XSD.gYear), (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
               (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date))


def _date(value: str) -> Literal | None:
    """A typed date at the precision given, or None for what is no date ("?")."""
    for form, datatype in _DATE_FORMS:
        if form.match(value):
            return Literal(value, datatype=datatype)
    return None


def reference_quads() -> list[Quad]:
    g = GraphQuads(REFERENCE_GRAPH)
    _tags(g)
    _classifications(g)
    _states(g)
    missions = _missions(g)
    _chiefs_of_mission(g, missions)
    return g.quads


def _tags(g: GraphQuads) -> None:
    for kind in sorted({tag_kind(code) for code in refdata.tags()}):
        scheme = tag_scheme_iri(kind)
        g.add(scheme, RDF.type, SKOS.ConceptScheme)
        g.text(scheme, SKOS.prefLabel, f"TAGS: {kind}")
        g.text(scheme, SKOS.definition, f"The {kind} codes of the State Department TAGS/Terms handbook (5 FAH-3).")
    for code, entry in refdata.tags().items():
        tag = tag_iri(code)
        g.add(tag, RDF.type, CG.Tag)
        g.add(tag, RDF.type, SKOS.Concept)
        g.text(tag, SKOS.notation, code)
        g.text(tag, SKOS.prefLabel, entry["title"])
        g.add(tag, SKOS.inScheme, tag_scheme_iri(tag_kind(code)))
        state = state_of_tag(code)
        if state:
            g.add(tag, FOAF.focus, state_iri(state))


def _classifications(g: GraphQuads) -> None:
    g.add(CLASSIFICATION_SCHEME, RDF.type, SKOS.ConceptScheme)
    g.text(CLASSIFICATION_SCHEME, SKOS.prefLabel, "Classification markings")
    for marking, rank in CLASSIFICATIONS:
        concept = classification_iri(marking)
        g.add(concept, RDF.type, CG.Classification)
        g.add(concept, RDF.type, SKOS.Concept)
        g.text(concept, SKOS.notation, marking)
        g.text(concept, SKOS.prefLabel, marking)
        g.add(concept, SKOS.inScheme, CLASSIFICATION_SCHEME)
        g.add(concept, CG.rank, Literal(str(rank), datatype=XSD.integer))


def _states(g: GraphQuads) -> None:
    by_iso2 = {row["iso2"]: row["iso3"] for row in refdata.countries() if row["iso2"]}
    for row in refdata.countries():
        state = state_iri(row["iso3"])
        g.add(state, RDF.type, CG.State)
        g.text(state, SKOS.prefLabel, row["name"])
        g.text(state, CG.iso3Code, row["iso3"])
        g.text(state, CG.iso2Code, row["iso2"])
        g.text(state, CG.fipsCode, row["fips"])
        if row["wikidata"]:
            g.add(state, OWL.sameAs, NamedNode("http://www.wikidata.org/entity/" + row["wikidata"]))
        if row["geonames_id"]:
            g.add(state, OWL.sameAs, NamedNode(f"https://sws.geonames.org/{row['geonames_id']}/"))
        if row["hsg_country"]:
            g.add(state, RDFS.seeAlso, NamedNode("https://history.state.gov/countries/" + row["hsg_country"]))
        if row["historical"]:
            g.add(state, CG.historical, Literal("true", datatype=XSD.boolean))
        for successor in filter(None, row["successors"].split("|")):
            if successor in by_iso2:
                g.add(state, CG.successor, state_iri(by_iso2[successor]))


@lru_cache(maxsize=None)
def dump_stations() -> frozenset[str]:
    """Every station that begins a reference ID in the full dump."""
    return frozenset(m.group(1) for m in map(_STATION.match, refdata.cable_months()) if m)


@lru_cache(maxsize=None)
def _routing_names() -> dict[str, list[tuple[str, str]]]:
    """The (routing indicator, name) pairs of the routing tables, by mission key."""
    routing: dict[str, list[tuple[str, str]]] = {}
    for indicator, name in refdata.routing_indicators().items():
        routing.setdefault(mission_key(name), []).append((indicator, name))
    for name, indicator in refdata.station_routing_indicators().items():
        if (indicator, name) not in routing.setdefault(mission_key(name), []):
            routing[mission_key(name)].append((indicator, name))
    return routing


def _stations() -> frozenset[str]:
    return dump_stations() | frozenset(refdata.station_countries())


def _table_mission_keys() -> set[str]:
    return set(_stations()) | set(posts_by_key()) | set(_routing_names()) | set(ORGANISATION_MISSIONS.values())


@lru_cache(maxsize=None)
def mission_keys() -> frozenset[str]:
    """The key of every mission the reference graph declares: the tables' and the
    embassies that only chiefs of mission's terms name (see :func:`_chiefs_of_mission`)."""
    terms = {chief_mission_key(row["mission_id"], _term_start(row) or "9999") for row in refdata.chiefs_of_mission()}
    return frozenset(_table_mission_keys() | terms)


def addressee_kind(name: str) -> NamedNode:
    """The class of a mission known only by a name (a routing table's, an addressee
    line's): a post by the word it begins with, a collective address, or else an
    agency, command or office."""
    words = name.upper().split()
    if words and words[0] in ROUTING_PREFIX_TYPES:
        return ROUTING_PREFIX_TYPES[words[0]]
    return CG.Collective if "COLLECTIVE" in words else CG.Agency


def _missions(g: GraphQuads) -> set[str]:
    """The US missions of the tables; returns their keys."""
    routing = _routing_names()
    posts = posts_by_key()
    organisation_keys = set(ORGANISATION_MISSIONS.values())
    stations = _stations()
    keys = _table_mission_keys()
    for key in sorted(keys):
        mission = mission_iri(key)
        post = posts.get(key)
        names = sorted(routing.get(key, ()))
        kind, label = _mission_kind_and_label(key, post, names, organisation_keys)
        g.add(mission, RDF.type, kind)
        g.text(mission, RDFS.label, label)
        if key in stations:
            g.text(mission, CG.station, key)
        for indicator, name in names:
            g.text(mission, CG.routingIndicator, indicator)
            g.text(mission, SKOS.altLabel, name)
        state = host_state(key)
        if state:
            g.add(mission, CG.hostState, state_iri(state))
        if post:
            g.text(mission, CG.hsgPostId, post["post_id"])
            g.text(mission, CG.postType, post["post_type"])
            if post["latitude"] and post["longitude"]:
                g.add(mission, SCHEMA.latitude, Literal(post["latitude"], datatype=XSD.decimal))
                g.add(mission, SCHEMA.longitude, Literal(post["longitude"], datatype=XSD.decimal))
            founded = _date(post["valid_since"])
            if founded is not None:
                g.add(mission, SCHEMA.foundingDate, founded)
            dissolved = _date(post["valid_until"]) if post["valid_until"] != "9999" else None
            if dissolved is not None:
                g.add(mission, SCHEMA.dissolutionDate, dissolved)
    return keys


def _mission_kind_and_label(
    key: str, post: dict[str, str] | None, names: list[tuple[str, str]], organisation_keys: set[str]
) -> tuple[NamedNode, str]:
    if key in SPECIAL_MISSIONS:
        return SPECIAL_MISSIONS[key]
    if key in organisation_keys:
        return CG.MissionToOrganization, f"Mission {key}"
    if post:
        kind = POST_TYPES.get(post["post_type"], CG.Mission)
        word = "Embassy" if kind == CG.Embassy else "Consulate" if kind == CG.Consulate else "Consular Agency"
        place = post["post_name"] or post["post_id"].replace("-", " ").title()  # 42 posts lack a name
        return kind, f"{word} {place}"
    if names:
        return addressee_kind(names[0][1]), names[0][1]
    return CG.Mission, key


def _embassy_of_territory(g: GraphQuads, mission: NamedNode, territory: str) -> None:
    country = country_by_hsg(territory)
    g.add(mission, RDF.type, CG.Embassy)
    g.text(mission, RDFS.label, f"Embassy {country['name'] if country else territory}")
    if country:
        g.add(mission, CG.hostState, state_iri(country["iso3"]))


@lru_cache(maxsize=None)
def _embassies_by_territory() -> dict[str, list[dict[str, str]]]:
    table: dict[str, list[dict[str, str]]] = {}
    for post in refdata.posts():
        if post["post_type"] == "embassy":
            table.setdefault(post["territory_id"], []).append(post)
    return table


def chief_mission_key(mission_id: str, start: str) -> str:
    """The mission a POCOM term belongs to: an organisation mission, or the
    embassy in that territory open in the year the term began."""
    if mission_id in ORGANISATION_MISSIONS:
        return ORGANISATION_MISSIONS[mission_id]
    embassies = _embassies_by_territory().get(mission_id, [])
    year = start[:4]
    for post in embassies:
        if post["valid_since"] <= year <= (post["valid_until"] or "9999"):
            return mission_key(post["post_id"])
    if embassies:
        return mission_key(embassies[-1]["post_id"])
    return mission_key(mission_id)


def _term_start(row: dict[str, str]) -> str:
    return row["started"] or row["arrived"] or row["appointed"]


def _chiefs_of_mission(g: GraphQuads, missions: set[str]) -> None:
    """US chiefs of mission as persons holding posts in missions for dated
    terms. A POCOM mission no table lists as a post (Antigua and Barbuda's
    embassy, say) becomes an embassy in its country here, so that every term
    points to a mission with a host state."""
    seen_people: set[str] = set()
    seen_posts: set[str] = set()
    seen_roles: set[str] = set()
    for row in refdata.chiefs_of_mission():
        person = person_iri(row["person_id"])
        if row["person_id"] not in seen_people:
            seen_people.add(row["person_id"])
            g.add(person, RDF.type, FOAF.Person)
            g.add(person, RDF.type, CG.Official)
            g.text(person, FOAF.name, row["altname"] or f"{row['forename']} {row['surname']}")
            g.text(person, FOAF.familyName, row["surname"])
            g.text(person, FOAF.givenName, row["forename"])
            g.text(person, CG.hsgPersonId, row["person_id"])
            g.add(person, RDFS.seeAlso, NamedNode("https://history.state.gov/departmenthistory/people/" + row["person_id"]))
        role = role_iri(row["role_title_id"])
        if row["role_title_id"] not in seen_roles:
            seen_roles.add(row["role_title_id"])
            g.add(role, RDF.type, ORG.Role)
            # a few POCOM rows have no title: the role's id is its name, spelt out
            g.text(role, SKOS.prefLabel, row["role_title"] or row["role_title_id"].replace("-", " ").capitalize())
        start = _term_start(row)
        mission_key_ = chief_mission_key(row["mission_id"], start or "9999")
        mission = mission_iri(mission_key_)
        if mission_key_ not in missions:
            missions.add(mission_key_)
            _embassy_of_territory(g, mission, row["mission_id"])
        post = post_iri(row["mission_id"], row["role_title_id"])
        if (row["mission_id"], row["role_title_id"]) not in seen_posts:
            seen_posts.add((row["mission_id"], row["role_title_id"]))
            country = country_by_hsg(row["mission_id"])
            where = country["name"] if country else row["mission_id"]
            g.add(post, RDF.type, ORG.Post)
            g.text(post, RDFS.label, f"{row['role_title']}, {where}")
            g.add(post, ORG.role, role)
            g.add(post, ORG.postIn, mission)
        if not start:
            continue  # nominated, never took up the post
        g.add(person, ORG.holds, post)
        membership = membership_iri(row["chief_id"])
        g.add(membership, RDF.type, ORG.Membership)
        g.add(membership, ORG.member, person)
        g.add(membership, ORG.organization, mission)
        g.add(membership, ORG.role, role)
        g.add(membership, CG.post, post)
        g.text(membership, CG.careerType, row["career_type"])
        g.text(membership, CG.endNote, row["ended_note"])
        appointed = _date(row["appointed"])
        if appointed is not None:
            g.add(membership, CG.appointed, appointed)
        interval = NamedNode(membership.value + "#term")
        g.add(membership, ORG.memberDuring, interval)
        g.add(interval, RDF.type, TIME.Interval)
        for edge, value, shortcut in (
            (TIME.hasBeginning, start, SCHEMA.startDate),
            (TIME.hasEnd, row["ended"], SCHEMA.endDate),
        ):
            literal = _date(value)
            if literal is None:
                continue
            instant = NamedNode(f"{membership.value}#{'start' if edge == TIME.hasBeginning else 'end'}")
            g.add(interval, edge, instant)
            g.add(instant, RDF.type, TIME.Instant)
            precision = {XSD.gYear.value: TIME.inXSDgYear, XSD.gYearMonth.value: TIME.inXSDgYearMonth}
            g.add(instant, precision.get(literal.datatype.value, TIME.inXSDDate), literal)
            g.add(membership, shortcut, literal)

