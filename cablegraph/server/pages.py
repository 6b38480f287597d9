"""Dereferenceable IRIs and the query page.

``<root>/id/<rest>`` is the node ``https://cablegraph.org/id/<rest>``: an HTML page
for a browser, its description in RDF for an RDF client (by ``Accept``, or
``?format=turtle``). A cable's description is its named graph; any other node's
is oxigraph's DESCRIBE (its triples and those of its blank nodes).
"""
from __future__ import annotations

import json
import re
from html import escape
from string import Template
from urllib.parse import quote

from cablegraph.namespaces import BASE, CG, RDF
from cablegraph.query_runner import QueryError, bound_text
from cablegraph.server import page_data
from cablegraph.server.formats import GRAPH_FORMATS, HTML, negotiate
from cablegraph.server.svg import Edge, relation_svg
from cablegraph.server.templates import read_template
from cablegraph.server.terms import kind_of, short_iri, term_html
from cablegraph.server.web import HTTPError, Request, Response

MAX_PICTURE_EDGES = 16
HIDDEN_FACTS = {CG.hasMention.value, CG.actionAddressing.value, CG.infoAddressing.value,
                "http://purl.org/dc/terms/hasPart", "https://schema.org/mentions",
                "http://www.w3.org/ns/prov#qualifiedAttribution", "http://www.w3.org/ns/prov#wasDerivedFrom"}
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
          "http://xmlns.com/foaf/0.1/name", "http://purl.org/dc/terms/title", "https://schema.org/name")


def html_page(request: Request, title: str, body: str, head: str = "") -> Response:
    page = Template(read_template("base.html")).substitute(
        title=escape(title), body=body, head=head, root=escape(request.script_name))
    return Response(200, page.encode("utf-8"), "text/html", {"Vary": "Accept"})


# -- IRIs ---------------------------------------------------------------------------------

def resource(app, request: Request) -> Response:
    iri = BASE + quote(request.path[len("/id/"):], safe="/-._~%:@!$&'()*+,;=")
    fmt = negotiate(request.accept, (HTML,) + GRAPH_FORMATS, request.param("format"))
    if fmt is None:
        raise HTTPError(406, "offered: text/html, " + ", ".join(f.media_type for f in GRAPH_FORMATS))
    if not page_data.exists(app, iri):
        raise HTTPError(404, f"nothing is known about <{iri}>")
    is_cable = iri.startswith(BASE + "cable/")
    if fmt is not HTML:
        text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}" if is_cable else f"DESCRIBE <{iri}>"
        return app.answer(("answer", text, fmt.media_type, fmt.name, app.settings.max_rows, (), ()))
    out = page_data.outgoing(app, iri)
    if is_cable and any(p[1] == RDF.type.value and o[1] == CG.Cable.value for p, o, _ in out):
        return cable_page(app, request, iri, out)
    return node_page(app, request, iri, out)


def _title(iri: str, out: list[tuple]) -> str:
    for label_property in LABELS:
        for p, o, _ in out:
            if p[1] == label_property and o[0] == "literal":
                return o[1]
    return short_iri(iri)


def _facts(out: list[tuple], root: str) -> str:
    rows = []
    for p, o, label in out:
        if p[1] in HIDDEN_FACTS or (o[0] == "uri" and "#" in o[1] and o[1].split("#")[0] == p[1]):
            continue
        value = term_html(o, root, label[1] if label else None)
        rows.append(f"<tr><th>{term_html(p, root)}</th><td>{value}</td></tr>")
    return "\n".join(rows)


def _common(request: Request, iri: str, title: str) -> dict:
    root = request.script_name
    return {"root": escape(root), "iri": escape(iri), "title": escape(title),
            "rdf_link": escape(f"{root}/id/{iri[len(BASE):]}?format=turtle")}


def mark_entities(text: str, names: dict[str, tuple[str, str]], root: str) -> str:
    """The paragraph as HTML with each surface name of an entity marked and linked.
    ``names``: surface name -> (entity IRI, entity label)."""
    if not names:
        return escape(text)
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)
    lookup = {name.upper(): value for name, value in names.items()}
    parts, position = [], 0
    for match in pattern.finditer(text):
        entity, label = lookup[match.group(0).upper()]
        parts.append(escape(text[position:match.start()]))
        parts.append(f'<a class="entity {kind_of(entity)}" href="{escape(root)}/id/{escape(entity[len(BASE):])}" '
                     f'title="{escape(label)}">{escape(match.group(0))}</a>')
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def cable_page(app, request: Request, iri: str, out: list[tuple]) -> Response:
    root = request.script_name
    mentions = page_data.mentions(app, iri)
    by_paragraph: dict[str, dict[str, tuple[str, str]]] = {}
    entities: dict[str, str] = {}
    for para, name, about, label in mentions:
        if about[0] != "uri" or not about[1].startswith(BASE):
            continue
        shown = label[1] if label else name[1].title()
        entities[about[1]] = shown
        if para:
            by_paragraph.setdefault(para[1], {})[name[1]] = (about[1], shown)
    paragraphs = []
    for para, number, marking, text in page_data.paragraphs(app, iri):
        mark = f'<span class="marking">({escape(marking[1])})</span> ' if marking else ""
        body = mark_entities(text[1], by_paragraph.get(para[1], {}), root)
        paragraphs.append(f'<p class="paragraph" id="p{escape(number[1])}"><span class="number">{escape(number[1])}.</span> '
                          f"{mark}{body}</p>")
    addressed = [f'<tr><th>{"to" if kind[1].endswith("actionAddressing") else "info"}</th>'
                 f"<td>{term_html(mission, root, label[1] if label else None)}</td></tr>"
                 for kind, mission, label in page_data.addressees(app, iri)]
    kinds = sorted({kind_of(e) for e in entities})
    entity_items = "\n".join(
        f'<li><a class="entity {kind_of(e)}" href="{escape(root)}/id/{escape(e[len(BASE):])}">{escape(label)}</a></li>'
        for e, label in sorted(entities.items(), key=lambda item: (kind_of(item[0]), item[1])))
    body = Template(read_template("cable.html")).substitute(
        **_common(request, iri, _title(iri, out)),
        facts=_facts(out, root) + "\n" + "\n".join(addressed),
        legend=" ".join(f'<span class="entity {k}">{escape(k)}</span>' for k in kinds) or "no entities extracted",
        entities=entity_items,
        paragraphs="\n".join(paragraphs) or "<p>(no text)</p>")
    return html_page(request, _title(iri, out), body)


def picture_edges(relations: list[tuple], root: str) -> list[Edge]:
    """At most MAX_PICTURE_EDGES edges, taken in turn from each (direction, property)."""
    groups: dict[tuple[str, str], list[Edge]] = {}
    for direction, p, node, label in relations:
        edge = Edge(direction[1] == "out", short_iri(p[1]), label[1] if label else short_iri(node[1]),
                    (f"{root}/id/{node[1][len(BASE):]}" if node[1].startswith(BASE) else None))
        groups.setdefault((direction[1], p[1]), []).append(edge)
    chosen: list[Edge] = []
    while len(chosen) < MAX_PICTURE_EDGES and any(groups.values()):
        for key in list(groups):
            if groups[key] and len(chosen) < MAX_PICTURE_EDGES:
                chosen.append(groups[key].pop(0))
    return chosen


def node_page(app, request: Request, iri: str, out: list[tuple]) -> Response:
    root = request.script_name
    title = _title(iri, out)
    incoming = "\n".join(f"<tr><td>{term_html(s, root, label[1] if label else None)}</td><th>{term_html(p, root)}</th></tr>"
                         for s, p, label in page_data.incoming(app, iri))
    edges = picture_edges(page_data.relations(app, iri), root)
    body = Template(read_template("resource.html")).substitute(
        **_common(request, iri, title), kind=escape(kind_of(iri).capitalize()),
        picture=relation_svg(title, edges) if edges else "<p>(no relations)</p>",
        facts=_facts(out, root), incoming=incoming or "<tr><td>(nothing)</td></tr>")
    return html_page(request, title, body)


# -- the query page -------------------------------------------------------------------------

def _example_text(query) -> str:
    """The stored query with its example values bound, else its text as written."""
    try:
        return bound_text(query, {p.name: p.example for p in query.parameters if p.example is not None})
    except QueryError:
        return query.text


def query_page(request: Request, catalogue: dict) -> Response:
    examples = [{"name": name, "summary": query.summary, "text": _example_text(query),
                 "api": f"/api/{name}?" + "&".join(f"{p.name}={quote(str(p.example), safe=':/')}"
                                                   for p in query.parameters if p.example is not None)}
                for name, query in catalogue.items()]
    data = json.dumps(examples).replace("</", "<\\/")
    body = Template(read_template("query.html")).substitute(
        root=escape(request.script_name), examples=data,
        options="\n".join(f'<option value="{escape(e["name"])}">{escape(e["summary"] or e["name"])}</option>'
                          for e in examples))
    return html_page(request, "Query", body, f'<script src="{escape(request.script_name)}/static/query.js" defer></script>')
