"""Links of US chiefs of mission: their history.state.gov page (keyed by the
POCOM person id) and, through history.state.gov's people table, their VIAF
record and the pages that speak of them. Pure functions of the two tables."""
from __future__ import annotations

from cablegraph import refdata
from cablegraph.linking.model import TARGETS, Link
from cablegraph.namespaces import OWL, RDFS, person_iri


def chief_links(people_by_slug: dict[str, dict[str, str]] | None = None) -> list[Link]:
    links, seen = [], set()
    for row in refdata.chiefs_of_mission():
        person_id = row["person_id"]
        if person_id in seen:
            continue
        seen.add(person_id)
        subject = person_iri(person_id).value
        links.append(Link(subject, RDFS.seeAlso.value, f"{TARGETS['hsg']}departmenthistory/people/{person_id}",
                          "chief", "hsg", f"POCOM person '{person_id}'"))
        person = (people_by_slug or {}).get(person_id)
        if person and person["viaf"]:
            links.append(Link(subject, OWL.sameAs.value, f"{TARGETS['viaf']}{person['viaf']}", "chief", "viaf",
                              f"history.state.gov people record {person['id']} (pocom_slug '{person_id}')"))
    return links
