"""Plain data of linking: links, person mentions, candidates and decisions."""
from __future__ import annotations

from dataclasses import dataclass, field

# Where a link came from: the report and the VoID link sets group by it.
TARGETS = {
    "wikidata": "http://www.wikidata.org/entity/",
    "geonames": "https://sws.geonames.org/",
    "viaf": "http://viaf.org/viaf/",
    "dbpedia": "http://dbpedia.org/resource/",
    "hsg": "https://history.state.gov/",
    "cablegraph": "https://cablegraph.org/id/",
}


@dataclass(frozen=True)
class Link:
    """One triple of the links graph and why it is there."""

    subject: str  # IRI in the cable graph
    predicate: str  # full IRI (owl:sameAs, skos:exactMatch, ...)
    object: str  # IRI, or a literal value when ``literal`` is set
    kind: str  # state | mission | chief | official
    target: str  # a key of TARGETS, or "literal"
    why: str = ""
    score: float | None = None
    literal: str | None = None  # datatype IRI of a literal object ("" for a plain string)


@dataclass(frozen=True)
class Mention:
    """A person as a cable names them: what reconciliation works from."""

    node: str  # IRI of the person node in the cable graph
    name: str
    titles: tuple[str, ...] = ()
    state: str | None = None  # ISO 3166-1 alpha-3
    date: str | None = None  # ISO date of the cable
    cable: str | None = None  # reference ID


@dataclass(frozen=True)
class Position:
    """A post a candidate held: its label, the state it belongs to, its dates."""

    label: str
    state: str | None = None  # ISO alpha-3
    start: str | None = None  # ISO date or year
    end: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A person in another dataset that a mention may be."""

    source: str  # hsg | wikidata
    id: str  # hsg person id or QID
    label: str
    names: tuple[str, ...] = ()  # every name and variant, label included
    states: tuple[str, ...] = ()  # ISO alpha-3 of citizenship and of the posts
    positions: tuple[Position, ...] = ()
    roles: tuple[str, ...] = ()  # free-text roles (history.state.gov)
    birth: str | None = None  # year or date
    death: str | None = None
    active: tuple[str, str] | None = None  # years the source knows the person active
    targets: tuple[tuple[str, str], ...] = ()  # (target key, IRI) the person is the same as
    pages: tuple[str, ...] = ()  # documents about the person (rdfs:seeAlso)


@dataclass(frozen=True)
class Thresholds:
    accept: float = 0.8
    review: float = 0.6
    margin: float = 0.05  # a rival this close to the best turns an accept into a review


@dataclass
class Decision:
    mention: Mention
    candidate: Candidate
    score: float
    reasons: list[str] = field(default_factory=list)
    verdict: str = "reject"  # accept | review | reject
