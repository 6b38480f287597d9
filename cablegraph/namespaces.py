"""Namespaces and the IRI scheme of cablegraph (pure functions, no I/O).

Every node the graph mints lives under one base, ``https://cablegraph.org/id/``,
and is derived from a stable key found in the data, so that two loads of the
same cable give the same IRIs:

===================  ==========================================================
node                 IRI (key)
===================  ==========================================================
cable                ``id/cable/06DUSHANBE870`` (canonical reference ID); the
                     cable's named graph has the same IRI
part of a cable      ``id/cable/06DUSHANBE870#paragraph-3``, ``#recipient-1``,
                     ``#info-2``, ``#reference-1``, ``#signer-1``,
                     ``#classified-by``, ``#source`` (position in the record)
mission              ``id/mission/DUSHANBE`` (the station as it stands in
                     reference IDs: ``STATE``, ``USUNNEWYORK``, ``AITTAIPEI``);
                     addressees that are no post get the upper-cased
                     alphanumerics of their name, ``WASHINGTON DC`` written
                     ``WASHDC`` (``id/mission/CIAWASHDC``)
state                ``id/state/TJK`` (ISO 3166-1 alpha-3, see below)
person               ``id/person/hoagland-richard-eugene`` (history.state.gov
                     person id)
post, membership     ``id/post/tajikistan/ambassador-e-p`` (mission id, role
                     id), ``id/membership/tj-2003-hoag-01`` (POCOM chief id)
role                 ``id/role/ambassador-e-p``
TAGS concept         ``id/tag/PREL``; schemes ``id/tags/subject`` ... by kind
classification       ``id/classification/SECRET--NOFORN`` (marking, ``//``
                     written ``--``, spaces ``-``)
extracted entities   read from cable bodies (:mod:`cablegraph.loader.entity_mapping`):
                     ``id/person/TJK/saidimir-zuhurov`` (state served + full
                     name), ``id/event/<name>/2006-05-15--2006-05-17`` or
                     ``id/event/<name>/2005-11``, ``id/organisation/<name>``
                     or ``id/organisation/TJK/<name>``, ``id/mission/CHN-DUSHANBE``
                     (sending state + city); with no such key, a part of the
                     cable (``#person-rahmonov``, ``#event-<name>``); mentions
                     ``#mention-official-1``, participations ``#participation-1-3``
graphs               ``id/graph/reference`` (reference data, loaded once),
                     ``id/graph/ontology``, ``id/graph/status`` (derived:
                     which cited cables are not loaded), ``id/graph/pending``
                     (the store's load journal, empty between loads)
===================  ==========================================================

States are keyed by ISO 3166-1 alpha-3, not by the FIPS codes the TAGS use:
``RS`` is Russia in FIPS but Serbia in ISO, so a two-letter key would be misread
by every reader who knows one system and not the other. Alpha-3 codes exist for
all 256 states of ``countries.csv`` (historical ones keep their own: ``SUN``,
``YUG``, ``CSK``, ``DDR``) and are not reused. The FIPS code is kept on the state
(``cg:fipsCode``) and a country TAG points to its state (``foaf:focus``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, unquote

from pyoxigraph import NamedNode

BASE = "https://cablegraph.org/id/"
ONTOLOGY_IRI = "https://cablegraph.org/ontology"


class Namespace:
    """A prefix that mints :class:`pyoxigraph.NamedNode` terms, cached per name."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self._terms: dict[str, NamedNode] = {}

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> NamedNode:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = NamedNode(self.prefix + name)
            if name.isidentifier() and name not in ("prefix",):
                self.__dict__[name] = term  # later attribute access skips __getattr__
        return term

    def __repr__(self) -> str:
        return f"Namespace({self.prefix!r})"


CG = Namespace(ONTOLOGY_IRI + "#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
TIME = Namespace("http://www.w3.org/2006/time#")

PREFIXES = {
    "cg": CG.prefix,
    "rdf": RDF.prefix,
    "rdfs": RDFS.prefix,
    "owl": OWL.prefix,
    "xsd": XSD.prefix,
    "skos": SKOS.prefix,
    "dcterms": DCTERMS.prefix,
    "prov": PROV.prefix,
    "org": ORG.prefix,
    "schema": SCHEMA.prefix,
    "foaf": FOAF.prefix,
    "time": TIME.prefix,
}

REFERENCE_GRAPH = NamedNode(BASE + "graph/reference")
ONTOLOGY_GRAPH = NamedNode(BASE + "graph/ontology")
STATUS_GRAPH = NamedNode(BASE + "graph/status")
PENDING_GRAPH = NamedNode(BASE + "graph/pending")

CABLE_PREFIX = BASE + "cable/"

_NOT_ALNUM = re.compile(r"[^A-Z0-9]+")
_WASHINGTON = re.compile(r"\bWASHINGTON,?\s+D\.?\s*C\.?$|\bWASHINGTON$")


def _segment(key: str) -> str:
    """Percent-encode a key for use as one path segment."""
    return quote(key, safe="-._~")


def cable_iri(reference_id: str) -> NamedNode:
    return NamedNode(CABLE_PREFIX + _segment(reference_id))


def cable_part_iri(reference_id: str, part: str) -> NamedNode:
    """A node belonging to one cable, e.g. ``part="paragraph-3"``."""
    return NamedNode(f"{CABLE_PREFIX}{_segment(reference_id)}#{part}")


def reference_id_of(cable: NamedNode | str) -> str | None:
    """Inverse of :func:`cable_iri` (``None`` for any other IRI)."""
    value = cable.value if isinstance(cable, NamedNode) else cable
    if not value.startswith(CABLE_PREFIX) or "#" in value:
        return None
    return unquote(value[len(CABLE_PREFIX):])


def addressee_name(name: str) -> str:
    """An addressee as written, blanks collapsed, without an office symbol after ``//``."""
    return " ".join(name.split("//", 1)[0].split()) or " ".join(name.split())


@lru_cache(maxsize=65536)
def mission_key(name: str) -> str:
    """Key of a mission from a station or an addressee name.

    ``DUSHANBE`` -> ``DUSHANBE``; ``AMEMBASSY ADDIS ABABA`` -> ``ADDISABABA``;
    ``USMISSION USUN NEW YORK`` -> ``USUNNEWYORK``; ``SECSTATE WASHDC`` -> ``STATE``;
    ``SECDEF WASHINGTON DC`` -> ``SECDEFWASHDC``; an office symbol after ``//``
    names a desk of the addressee, not another one: ``JOINT STAFF WASHDC//J-3//``
    -> ``JOINTSTAFFWASHDC``.
    """
    text = addressee_name(name.upper())
    for prefix in ("AMEMBASSY ", "AMCONSUL ", "AMCONSULATE ", "USMISSION ", "AMEMB "):
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    text = _WASHINGTON.sub("WASHDC", text)
    key = _NOT_ALNUM.sub("", text)
    if key in ("SECSTATEWASHDC", "SECSTATE", "SECSTATEWASHINGTON"):
        return "STATE"
    return key


@lru_cache(maxsize=65536)
def mission_iri(key: str) -> NamedNode:
    return NamedNode(BASE + "mission/" + _segment(key))


@lru_cache(maxsize=1024)
def state_iri(iso3: str) -> NamedNode:
    return NamedNode(BASE + "state/" + _segment(iso3.upper()))


def person_iri(person_id: str) -> NamedNode:
    return NamedNode(BASE + "person/" + _segment(person_id))


def post_iri(mission_id: str, role_id: str) -> NamedNode:
    return NamedNode(f"{BASE}post/{_segment(mission_id)}/{_segment(role_id)}")


def membership_iri(chief_id: str) -> NamedNode:
    return NamedNode(BASE + "membership/" + _segment(chief_id))


def role_iri(role_id: str) -> NamedNode:
    return NamedNode(BASE + "role/" + _segment(role_id))


@lru_cache(maxsize=65536)
def tag_iri(code: str) -> NamedNode:
    return NamedNode(BASE + "tag/" + _segment(code))


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """``Central and South Asian Counter-Narcotics`` -> ``central-and-south-asian-counter-narcotics``."""
    return _NOT_SLUG.sub("-", name.lower()).strip("-")


def extracted_person_iri(state_iso3: str, name_slug: str) -> NamedNode:
    return NamedNode(f"{BASE}person/{_segment(state_iso3)}/{_segment(name_slug)}")


def event_iri(name_slug: str, when: str) -> NamedNode:
    return NamedNode(f"{BASE}event/{_segment(name_slug)}/{_segment(when)}")


def organisation_iri(name_slug: str, state_iso3: str | None = None) -> NamedNode:
    where = f"{_segment(state_iso3)}/" if state_iso3 else ""
    return NamedNode(f"{BASE}organisation/{where}{_segment(name_slug)}")


def tag_scheme_iri(kind: str) -> NamedNode:
    return NamedNode(BASE + "tags/" + _segment(kind))


CLASSIFICATION_SCHEME = NamedNode(BASE + "classifications")


def classification_iri(marking: str) -> NamedNode:
    parts = ("-".join(part.split()) for part in marking.upper().split("//"))
    return NamedNode(BASE + "classification/" + _segment("--".join(p for p in parts if p)))
