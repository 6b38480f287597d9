"""The online path's queries and the parsing of their answers (pure functions).

Queries use only what a plain SPARQL 1.1 endpoint holding Wikidata's RDF
(the dump format: ``wdt:``, ``p:``/``ps:``/``pq:`` statements, ``rdfs:label``,
``skos:altLabel``, ``schema:about`` sitelinks) can answer, so that Wikidata's
own service and a local copy behave alike; no ``wikibase:label`` or
``mwapi`` services.

- :func:`candidates_query`: humans (P31 Q5) whose English label or alias is
  one of the name forms, or whose family name (P734) is labelled with the surname;
- :func:`details_query`: labels, aliases, birth (P569), death (P570),
  citizenship (P27), positions held (P39 with P580/P582 and the position's
  P1001 jurisdiction or P17 country) and the English Wikipedia sitelink;
- :func:`sitelinks_query`: English Wikipedia articles of states (for DBpedia).
"""
from __future__ import annotations

import re
from functools import lru_cache

from cablegraph import refdata
from cablegraph.linking.model import TARGETS, Candidate, Mention, Position
from cablegraph.linking.names import name_words

ENTITY = TARGETS["wikidata"]
PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
"""
ENWIKI = "https://en.wikipedia.org/"
_QID = re.compile(r"^Q[1-9][0-9]*$")


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def _title(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def name_forms(mention: Mention, extra: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """(full names, surnames) to look up: the cable's name in title case, and
    the names of offline candidates (``extra``), surnames of all of them."""
    full, surnames = [], []
    for name in (mention.name, *extra):
        words = [_title(w) for w in name_words(name)]
        if not words:
            continue
        if len(words) > 1:
            full.append(" ".join(words))
        surnames.append(words[-1])
        for ending in ("ov", "ev"):  # Rahmonov also as Rahmon, the form he took in 2007
            if words[-1].endswith(ending) and len(words[-1]) - len(ending) >= 4:
                surnames.append(words[-1][: -len(ending)])
    return list(dict.fromkeys(full)), list(dict.fromkeys(surnames))


def candidates_query(full: list[str], surnames: list[str], limit: int = 50) -> str:
    parts = []
    if full:
        values = " ".join(_literal(n) for n in sorted(full))
        parts.append(f"{{ VALUES ?name {{ {values} }} ?item rdfs:label ?name }}")
        parts.append(f"{{ VALUES ?name {{ {values} }} ?item skos:altLabel ?name }}")
    if surnames:
        values = " ".join(_literal(n) for n in sorted(surnames))
        parts.append(f"{{ VALUES ?family {{ {values} }} ?familyName rdfs:label ?family . ?item wdt:P734 ?familyName }}")
    if not parts:
        raise ValueError("no name to look up")
    return (
        PREFIXES
        + "SELECT DISTINCT ?item WHERE {\n  "
        + "\n  UNION ".join(parts)
        + f"\n  ?item wdt:P31 wd:Q5 .\n}}\nORDER BY ?item\nLIMIT {limit}\n"
    )


def details_query(qids: list[str]) -> str:
    values = " ".join(f"wd:{q}" for q in sorted(set(qids)) if _QID.match(q))
    return PREFIXES + f"""SELECT ?item ?label ?alias ?birth ?death ?citizenship ?statement ?position ?positionLabel
       ?jurisdiction ?start ?end ?article WHERE {{
  VALUES ?item {{ {values} }}
  {{ ?item rdfs:label ?label FILTER(LANG(?label) = "en") }}
  UNION {{ ?item skos:altLabel ?alias FILTER(LANG(?alias) = "en") }}
  UNION {{ ?item wdt:P569 ?birth }}
  UNION {{ ?item wdt:P570 ?death }}
  UNION {{ ?item wdt:P27 ?citizenship }}
  UNION {{ ?item p:P39 ?statement . ?statement ps:P39 ?position .
          OPTIONAL {{ ?position rdfs:label ?positionLabel FILTER(LANG(?positionLabel) = "en") }}
          OPTIONAL {{ ?position wdt:P1001|wdt:P17 ?jurisdiction }}
          OPTIONAL {{ ?statement pq:P580 ?start }}
          OPTIONAL {{ ?statement pq:P582 ?end }} }}
  UNION {{ ?article schema:about ?item ; schema:isPartOf <{ENWIKI}> }}
}}
"""


def sitelinks_query(qids: list[str]) -> str:
    values = " ".join(f"wd:{q}" for q in sorted(set(qids)) if _QID.match(q))
    return PREFIXES + f"""SELECT ?item ?article WHERE {{
  VALUES ?item {{ {values} }}
  ?article schema:about ?item ; schema:isPartOf <{ENWIKI}> .
}}
"""


def qid(iri: str) -> str | None:
    if iri.startswith(ENTITY) and _QID.match(iri[len(ENTITY):]):
        return iri[len(ENTITY):]
    return None


@lru_cache(maxsize=None)
def iso3_of_qid() -> dict[str, str]:
    return {row["wikidata"]: row["iso3"] for row in refdata.countries() if row["wikidata"]}


def parse_sitelinks(rows: list[dict[str, str]]) -> dict[str, str]:
    return {qid(r["item"]): r["article"] for r in rows if qid(r.get("item", "")) and r.get("article")}


def parse_candidate_ids(rows: list[dict[str, str]]) -> list[str]:
    return [q for q in (qid(r.get("item", "")) for r in rows) if q]


def parse_details(rows: list[dict[str, str]]) -> list[Candidate]:
    """Rows of :func:`details_query` -> one :class:`Candidate` per item."""
    items: dict[str, dict] = {}
    for row in rows:
        q = qid(row.get("item", ""))
        if not q:
            continue
        item = items.setdefault(q, {"labels": [], "aliases": [], "births": [], "deaths": [], "states": [],
                                    "positions": {}, "article": None})
        if row.get("label"):
            item["labels"].append(row["label"])
        if row.get("alias"):
            item["aliases"].append(row["alias"])
        if row.get("birth"):
            item["births"].append(row["birth"])
        if row.get("death"):
            item["deaths"].append(row["death"])
        if row.get("citizenship") and qid(row["citizenship"]) in iso3_of_qid():
            item["states"].append(iso3_of_qid()[qid(row["citizenship"])])
        if row.get("article", "").startswith(ENWIKI):
            item["article"] = row["article"]
        if row.get("statement"):
            entry = item["positions"].setdefault(row["statement"], {})
            for key in ("position", "positionLabel", "jurisdiction", "start", "end"):
                if row.get(key) and not entry.get(key):
                    entry[key] = row[key]
    candidates = []
    for q, item in sorted(items.items()):
        positions = []
        for entry in item["positions"].values():
            state = iso3_of_qid().get(qid(entry.get("jurisdiction", "")) or "")
            label = entry.get("positionLabel") or qid(entry.get("position", "")) or "?"
            positions.append(Position(label, state, entry.get("start"), entry.get("end")))
        positions.sort(key=lambda p: (p.start or "", p.label))
        states = list(dict.fromkeys(item["states"] + [p.state for p in positions if p.state]))
        targets = [("wikidata", ENTITY + q)]
        if item["article"]:
            from cablegraph.linking.states import dbpedia_iri

            dbpedia = dbpedia_iri(item["article"])
            if dbpedia:
                targets.append(("dbpedia", dbpedia))
        label = item["labels"][0] if item["labels"] else q
        candidates.append(Candidate(
            source="wikidata", id=q, label=label,
            names=tuple(dict.fromkeys(item["labels"] + item["aliases"])),
            states=tuple(states), positions=tuple(positions),
            birth=min(item["births"]) if item["births"] else None,
            death=min(item["deaths"]) if item["deaths"] else None,
            targets=tuple(targets),
        ))
    return candidates
