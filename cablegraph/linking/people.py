"""Offline reconciliation of person mentions against history.state.gov's people table.

Pure functions of the table's rows (``../shared/linkdata/hsg_people.csv``):
:func:`hsg_candidate` turns a row into a :class:`Candidate`, :func:`PeopleIndex`
finds candidates by surname keys (transliteration-folded), and records that
share a VIAF ID (Rahmonov 111100 and Rakhmonov 111115) are merged into one
candidate so that two spellings of one man are not taken for two namesakes.
"""
from __future__ import annotations

from functools import lru_cache

from cablegraph import refdata
from cablegraph.linking.model import TARGETS, Candidate, Link, Mention
from cablegraph.linking.names import surname_keys
from cablegraph.namespaces import OWL, RDFS, SKOS, person_iri


@lru_cache(maxsize=None)
def iso3_of_iso2() -> dict[str, str]:
    return {row["iso2"]: row["iso3"] for row in refdata.countries() if row["iso2"]}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _years(row: dict[str, str]) -> tuple[str, str] | None:
    years = [row[c] for c in ("frus_first_year", "frus_last_year", "visit_first_year", "visit_last_year") if row[c]]
    return (min(years), max(years)) if years else None


def hsg_candidate(rows: list[dict[str, str]]) -> Candidate:
    """One candidate from the rows of one person (several when they share a VIAF ID)."""
    first = rows[0]
    names, states, roles, targets, pages = [], [], [], [], []
    for row in rows:
        names += [row["name"], row["preferred_name"]] + _split(row["variant_names"])
        for code in _split(row["countries_mentioned"].replace(" ", "|")) + _split(row["visit_countries"]):
            if code in iso3_of_iso2() and iso3_of_iso2()[code] not in states:
                states.append(iso3_of_iso2()[code])
        roles += _split(row["roles"])
        if row["viaf"] and ("viaf", TARGETS["viaf"] + row["viaf"]) not in targets:
            targets.append(("viaf", TARGETS["viaf"] + row["viaf"]))
        if row["pocom_slug"]:  # a US chief of mission: a US official, whatever country he served in
            targets.append(("cablegraph", person_iri(row["pocom_slug"]).value))
            if "USA" not in states:
                states.append("USA")
        pages += _split(row["source_urls"])[:1]
    years = [y for row in rows for y in (_years(row) or ())]
    births = [row["birth_year"] for row in rows if row["birth_year"]]
    deaths = [row["death_year"] for row in rows if row["death_year"]]
    return Candidate(
        source="hsg",
        id="+".join(row["id"] for row in rows),
        label=first["name"],
        names=tuple(dict.fromkeys(n for n in names if n)),
        states=tuple(states),
        roles=tuple(dict.fromkeys(roles)),
        birth=births[0] if births else None,
        death=deaths[0] if deaths else None,
        active=(min(years), max(years)) if years else None,
        targets=tuple(targets),
        pages=tuple(dict.fromkeys(pages)),
    )


class PeopleIndex:
    """Candidates of the people table by surname key."""

    def __init__(self, rows: list[dict[str, str]]):
        groups: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            groups.setdefault(f"viaf:{row['viaf']}" if row["viaf"] else f"id:{row['id']}", []).append(row)
        self.by_key: dict[str, list[Candidate]] = {}
        for group in groups.values():
            candidate = hsg_candidate(group)
            keys = set().union(*(surname_keys(name) for name in candidate.names))
            for key in keys:
                self.by_key.setdefault(key, []).append(candidate)
        self.size = len(groups)

    def candidates(self, mention: Mention) -> list[Candidate]:
        found: dict[str, Candidate] = {}
        for key in surname_keys(mention.name):
            for candidate in self.by_key.get(key, ()):
                found[candidate.id] = candidate
        return list(found.values())


def person_links(subject: str, candidate: Candidate, verdict: str, score: float, why: str) -> list[Link]:
    """Links of an accepted (``owl:sameAs``) or to-review (``skos:closeMatch``)
    candidate: to its entity IRIs (Wikidata, VIAF, DBpedia, a cablegraph person),
    and ``rdfs:seeAlso`` its pages when it is accepted."""
    predicate = (OWL.sameAs if verdict == "accept" else SKOS.closeMatch).value
    links = [Link(subject, predicate, iri, "official", target, why, score) for target, iri in candidate.targets]
    if verdict == "accept":
        links += [Link(subject, RDFS.seeAlso.value, page, "official", "hsg", why, score) for page in candidate.pages]
    return links
