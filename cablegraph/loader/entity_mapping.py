"""Map the entities read from a cable's body (:mod:`cablegraph.extract`) to RDF quads.

A pure function like :func:`cablegraph.loader.mapping.map_cable`: record and
entities in, quads out, every quad in the cable's own named graph, so that
reloading a cable replaces its entity facts with it.

Design
------
*Facts on the entities, evidence on mention nodes.* What a cable says about an
entity is stated on the entity itself, in the cable's graph: a person's
``schema:jobTitle`` and ``org:memberOf`` (state, organisation), an event's
class, ``schema:name``, ``schema:startDate``/``endDate``, ``schema:location``,
``schema:organizer`` and ``cg:followsEvent``. The evidence for them is one
``cg:Mention`` per entity and cable, ``cable cg:hasMention #mention-official-1``::

    #mention-official-1  schema:about        id/person/TJK/saidimir-zuhurov ;
                         prov:wasDerivedFrom #paragraph-2, #paragraph-3 ... ;
                         cg:confidence       0.90 ;
                         schema:name         "SAIDIMIR ZUHUROV", "ZUHUROV" .

and ``cable schema:mentions`` the entity. Participations (``cg:Participation``,
one node per cable, event, party and role, ``#participation-1-3``) are
evidence nodes themselves: they carry ``prov:wasDerivedFrom`` the paragraphs
where both the event and the party are named (else the event's) and
``cg:confidence``. The extractor gives one confidence and one paragraph list
per entity, so finer (per-triple) provenance would only repeat it.

*Identity.* A node is shared across cables only on evidence:

- an official who is a US chief of mission at the cable's station on its date
  (:func:`~cablegraph.resolve.resolve_chief_of_mission`) is that
  person of the reference graph (``id/person/hoagland-richard-eugene``);
- a US principal named by title and surname ("President Bush" in 2006,
  :func:`~cablegraph.extract.principals.us_principal`) takes the name of the
  holder of that office on the cable's date ("George W. Bush");
- another official with a full name (given name and surname, initials left
  out) and a known state is ``id/person/{ISO3}/{name}``: the same name serving
  the same state; never a surname alone, which stays a part of its cable
  (``#person-rahmonov``);
- an event is ``id/event/{name}/{start}--{end}`` (or ``/{YYYY-MM}``): the same
  name and dates; an undated event is a part of its cable;
- organisations are ``id/organisation/{ISO3}/{name}`` (an official's, with
  the state) or ``id/organisation/{name}``; missions are the station's
  (``id/mission/DUSHANBE``) for US posts, ``id/mission/{ISO3}-{CITY}`` for
  foreign ones.
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

import pyoxigraph
from pyoxigraph import Quad, RdfFormat

from cablegraph.extract.model import CableEntities, Event, Mission, Official
from cablegraph.extract.principals import namesakes, us_principal
from cablegraph.loader.mapping import A, MISSION, CableNQuads, MappingError
from cablegraph.loader.quads import nt, typed
from cablegraph.resolve import (
    host_state,
    normalise_name,
    posts_by_key,
    resolve_chief_of_mission,
    state_of_iso2,
)
from cablegraph.namespaces import (
    CG,
    FOAF,
    ORG,
    PROV,
    RDFS,
    SCHEMA,
    XSD,
    event_iri,
    extracted_person_iri,
    mission_iri,
    mission_key,
    organisation_iri,
    person_iri,
    slug,
    state_iri,
)
from cablegraph.record import CableRecord

# terms in N-Triples form, formatted once (see cablegraph.loader.mapping)
EVENT_CLASSES = {
    "conference": nt(CG.Conference),
    "summit": nt(CG.Summit),
    "meeting": nt(CG.Meeting),
    "negotiations": nt(CG.Negotiation),
}
EVENT = nt(SCHEMA.Event)
ROLES = {
    "member": nt(CG.MemberRole),
    "observer": nt(CG.ObserverRole),
    "organizer": nt(CG.OrganizerRole),
    "invited": nt(CG.InvitedRole),
    "declined": nt(CG.DeclinedRole),
    "opposed": nt(CG.OpposedRole),
}
OFFICIAL = nt(CG.Official)
ORGANISATION = nt(CG.Organisation)
FOREIGN_MISSION = nt(CG.ForeignMission)
HAS_MENTION = nt(CG.hasMention)
MENTIONS = nt(SCHEMA.mentions)
ABOUT = nt(SCHEMA.about)
NAME = nt(SCHEMA.name)
DERIVED_FROM = nt(PROV.wasDerivedFrom)
CONFIDENCE = nt(CG.confidence)
FOAF_NAME = nt(FOAF.name)
FAMILY_NAME = nt(FOAF.familyName)
JOB_TITLE = nt(SCHEMA.jobTitle)
MEMBER_OF = nt(ORG.memberOf)
LABEL = nt(RDFS.label)
LOCATION = nt(SCHEMA.location)
START_DATE = nt(SCHEMA.startDate)
END_DATE = nt(SCHEMA.endDate)
ORGANIZER = nt(SCHEMA.organizer)
FOLLOWS_EVENT = nt(CG.followsEvent)
PARTICIPATION = nt(CG.participation)
PARTICIPANT = nt(CG.participant)
PARTICIPATION_ROLE = nt(CG.participationRole)
SENDING_STATE = nt(CG.sendingState)
CHIEF_TITLES = re.compile(r"ambassador|charg|chief of mission", re.I)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")


@lru_cache(maxsize=1024)
def _state(iso3: str) -> str:
    return nt(state_iri(iso3))


@lru_cache(maxsize=128)
def _confidence(value: float) -> str:
    """An xsd:decimal in canonical form ("0.9", "1"), as the store keeps it: the
    quads mapped and the quads stored are then the same."""
    text = f"{min(max(value, 0.0), 1.0):.2f}".rstrip("0").rstrip(".")
    return typed(text, XSD.decimal)


class _Evidence:
    """Paragraph nodes by the cable's own paragraph numbers, and mention nodes."""

    def __init__(self, g: CableNQuads, record: CableRecord):
        self.g = g
        self.record = record
        self.paragraphs: dict[int, str] = {}
        for position, paragraph in enumerate(record.paragraphs, 1):
            if paragraph.number is not None:
                self.paragraphs.setdefault(paragraph.number, g.part(f"paragraph-{position}"))

    def sources(self, numbers: list[int], name: str | None = None) -> list[str]:
        """The paragraphs; for a name read from no paragraph (the closing line,
        the Classified By line), that part of the cable; else the cable."""
        found = [self.paragraphs[n] for n in sorted(set(numbers)) if n in self.paragraphs]
        if found:
            return found
        if name:
            words = normalise_name(name).split()
            classified_by = self.record.classified_by
            if classified_by and classified_by.name and words and words[-1] in normalise_name(classified_by.name).split():
                return [self.g.part("classified-by")]
            for position, signer in enumerate(self.record.signers, 1):
                if words and words[-1] in normalise_name(signer).split():
                    return [self.g.part(f"signer-{position}")]
        return [self.g.cable]

    def derived(self, node: str, numbers: list[int], confidence: float, name: str | None = None) -> None:
        for source in self.sources(numbers, name):
            self.g.add(node, DERIVED_FROM, source)
        self.g.add(node, CONFIDENCE, _confidence(confidence))

    def mention(self, part: str, entity: str, numbers: list[int], confidence: float,
                forms: list[str] = (), name: str | None = None) -> None:
        g = self.g
        node = g.part(f"mention-{part}")
        g.add(g.cable, HAS_MENTION, node)
        g.add(g.cable, MENTIONS, entity)
        g.add(node, ABOUT, entity)
        for form in forms:
            g.text(node, NAME, form)
        self.derived(node, numbers, confidence, name)


def entity_nquads(record: CableRecord, entities: CableEntities) -> tuple[bytes, int]:
    """The quads of the entities of one cable, in its named graph, as an N-Quads
    document (UTF-8) and the number of quads (each quad once)."""
    return _map_entities(record, entities).nquads()


def entity_quads(record: CableRecord, entities: CableEntities) -> list[Quad]:
    """The quads of :func:`entity_nquads` as pyoxigraph quads."""
    data, _ = entity_nquads(record, entities)
    return list(pyoxigraph.parse(data, format=RdfFormat.N_QUADS))


def _map_entities(record: CableRecord, entities: CableEntities) -> CableNQuads:
    if not record.reference_id:
        raise MappingError("the cable has no reference ID")
    g = CableNQuads(record.reference_id)
    evidence = _Evidence(g, record)
    station = record.origin.station if record.origin else None
    state_paragraphs: dict[str, list[int]] = {}
    for state in entities.states:
        iso3 = state_of_iso2(state.code)
        if iso3:
            state_paragraphs[iso3] = state.paragraphs
            evidence.mention(f"state-{iso3}", _state(iso3), state.paragraphs, state.confidence, state.forms)
    for position, official in enumerate(entities.officials, 1):
        _map_official(g, evidence, official, position, station, record.datetime)
    event_nodes = [_event_node(g, event) for event in entities.events]
    for position, (event, node) in enumerate(zip(entities.events, event_nodes), 1):
        _map_event(g, evidence, event, node, position, state_paragraphs)
        if event.follows is not None and 0 <= event.follows < len(event_nodes):
            g.add(node, FOLLOWS_EVENT, event_nodes[event.follows])
    for position, mission in enumerate(entities.missions, 1):
        _map_mission(g, evidence, mission, position)
    return g


# -- officials -----------------------------------------------------------------

def _name_key(name: str) -> str:
    """Words of a normalised name without initials: ``Richard E. Hoagland`` -> ``richard-hoagland``."""
    return "-".join(w for w in normalise_name(name).lower().split() if len(w) > 1)


def _person(g: CableNQuads, official: Official, iso3: str | None, station: str | None,
            date: str | None) -> tuple[str, str, bool]:
    """The person node, its name and whether it is a reference-graph person."""
    name = official.name
    if iso3 == "USA" or (iso3 is None and any(CHIEF_TITLES.search(t) for t in official.titles)):
        term = resolve_chief_of_mission(official.name, station, date)
        if term:
            return nt(person_iri(term.person_id)), name, True
    if iso3 == "USA" and date and _ISO_DATE.match(date[:10]):
        # "President Bush" in 2006: the holder of the office then, named as in the table
        principal = us_principal(official.name, official.titles, datetime.date.fromisoformat(date[:10]))
        name = principal.name if principal else name
    # two Presidents Bush: their initials stay in the key
    key = slug(name) if iso3 == "USA" and name in namesakes() else _name_key(name)
    if iso3 and key.count("-") >= 1:
        return nt(extracted_person_iri(iso3, key)), name, False
    return g.part(f"person-{slug(official.name)}"), name, False


def _map_official(g: CableNQuads, evidence: _Evidence, official: Official, position: int,
                  station: str | None, date: str | None) -> None:
    iso3 = state_of_iso2(official.state)
    person, name, in_reference = _person(g, official, iso3, station, date)
    if not in_reference:
        g.add(person, A, OFFICIAL)
        g.text(person, FOAF_NAME, name)
        g.text(person, FAMILY_NAME, name.split()[-1] if name.split() else None)
    for title in official.titles:
        g.text(person, JOB_TITLE, title)
    if iso3:
        g.add(person, MEMBER_OF, _state(iso3))
    if official.organization:
        organisation = nt(organisation_iri(slug(official.organization), iso3))
        g.add(organisation, A, ORGANISATION)
        g.text(organisation, NAME, official.organization)
        g.add(person, MEMBER_OF, organisation)
    evidence.mention(f"official-{position}", person, official.paragraphs, official.confidence,
                     official.surface, official.name)


# -- events --------------------------------------------------------------------

def _event_node(g: CableNQuads, event: Event) -> str:
    key = slug(event.name) or event.kind
    if event.start and _ISO_DATE.match(event.start):
        return nt(event_iri(key, f"{event.start}--{event.end or event.start}"))
    if event.month and _YEAR_MONTH.match(event.month):
        return nt(event_iri(key, event.month))
    return g.part(f"event-{key}")


def _party(g: CableNQuads, party: str) -> tuple[str | None, str | None]:
    """A state (ISO alpha-2 code) with its alpha-3, or an organisation (its name)."""
    if len(party) == 2 and party.isupper():
        iso3 = state_of_iso2(party)
        return (_state(iso3) if iso3 else None), iso3
    organisation = nt(organisation_iri(slug(party)))
    g.add(organisation, A, ORGANISATION)
    g.text(organisation, NAME, party)
    return organisation, None


def _roles(event: Event) -> list[tuple[str, str]]:
    """(party, role) pairs in the extractor's order, each once."""
    pairs = [(p, "organizer") for p in event.organizers]
    pairs += [(p, "member") for p in event.participants]
    pairs += [(p, "observer") for p in event.observers]
    pairs += [(p, role) for p, roles in event.roles.items() for role in roles if role in ROLES]
    return list(dict.fromkeys(pairs))


def _map_event(g: CableNQuads, evidence: _Evidence, event: Event, node: str, position: int,
               state_paragraphs: dict[str, list[int]]) -> None:
    g.add(node, A, EVENT_CLASSES.get(event.kind, EVENT))
    g.text(node, NAME, event.name)
    if event.start and _ISO_DATE.match(event.start):
        g.add(node, START_DATE, typed(event.start, XSD.date))
        g.add(node, END_DATE, typed(event.end or event.start, XSD.date))
    elif event.month and _YEAR_MONTH.match(event.month):
        g.add(node, START_DATE, typed(event.month, XSD.gYearMonth))
    g.text(node, LOCATION, event.place)
    for number, (party, role) in enumerate(_roles(event), 1):
        party_node, iso3 = _party(g, party)
        if party_node is None:
            continue
        if role == "organizer":
            g.add(node, ORGANIZER, party_node)
        participation = g.part(f"participation-{position}-{number}")
        g.add(node, PARTICIPATION, participation)
        g.add(participation, PARTICIPANT, party_node)
        g.add(participation, PARTICIPATION_ROLE, ROLES[role])
        shared = set(event.paragraphs) & set(state_paragraphs.get(iso3, ()))
        evidence.derived(participation, sorted(shared) or event.paragraphs, event.confidence)
    evidence.mention(f"event-{position}", node, event.paragraphs, event.confidence)


# -- missions ------------------------------------------------------------------

def _map_mission(g: CableNQuads, evidence: _Evidence, mission: Mission, position: int) -> None:
    iso3 = state_of_iso2(mission.state)
    city_key = mission_key(mission.city) if mission.city else None
    if iso3 == "USA" and city_key and (city_key in posts_by_key() or host_state(city_key)):
        node = nt(mission_iri(city_key))  # a US post: the station's node of the reference graph
    else:
        node = nt(mission_iri(f"{iso3}-{city_key}")) if iso3 and city_key else g.part(f"mission-{slug(mission.name)}")
        if iso3 == "USA":
            g.add(node, A, MISSION)
            g.text(node, LABEL, mission.name)
        else:
            g.add(node, A, FOREIGN_MISSION)
            g.text(node, NAME, mission.name)
            if iso3:
                g.add(node, SENDING_STATE, _state(iso3))
            g.text(node, LOCATION, mission.city)
    evidence.mention(f"mission-{position}", node, mission.paragraphs, mission.confidence, [mission.name])
