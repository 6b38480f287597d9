"""Generate the ontology's documentation page from its Turtle source.

    python -m cablegraph.ontology_doc --output docs/ontology.html

One self-contained HTML file: the ontology's description and IRI scheme, then
every class, property and individual with its label, IRI, definition,
super-terms, domain and range, cablegraph's own terms first, reused terms after.
"""
from __future__ import annotations

import argparse
import html
from importlib import resources
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from cablegraph.namespaces import CG, ONTOLOGY_IRI, PREFIXES

SECTIONS = (
    ("Classes", OWL.Class),
    ("Object properties", OWL.ObjectProperty),
    ("Datatype properties", OWL.DatatypeProperty),
    ("Annotation properties", OWL.AnnotationProperty),
    ("Other properties", RDF.Property),
    ("Individuals", OWL.NamedIndividual),
)

STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
code{background:#f3f3f3;padding:0 .2em}dt{font-weight:600;margin-top:1.2em}dd{margin-left:1.5em}
.iri{color:#555;font-size:.9em}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .6em;text-align:left}
pre{white-space:pre-wrap;background:#f7f7f7;padding:.6em}"""


def load_ontology() -> rdflib.Graph:
    data = resources.files("cablegraph").joinpath("ontology/cablegraph.ttl").read_bytes()
    return rdflib.Graph().parse(data=data, format="turtle")


def curie(term: rdflib.term.Node) -> str:
    text = str(term)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def anchor(term: rdflib.term.Node) -> str:
    return curie(term).replace(":", "-")


def link(term: rdflib.term.Node, documented: set) -> str:
    label = html.escape(curie(term))
    return f'<a href="#{anchor(term)}">{label}</a>' if term in documented else f"<code>{label}</code>"


def render(graph: rdflib.Graph) -> str:
    ontology = rdflib.URIRef(ONTOLOGY_IRI)
    documented = {s for _, kind in SECTIONS for s in graph.subjects(RDF.type, kind)}
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(str(graph.value(ontology, RDFS.label)))}</title><style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(str(graph.value(ontology, RDFS.label)))}</h1>",
        f"<p class='iri'>{ONTOLOGY_IRI} &middot; version {html.escape(str(graph.value(ontology, OWL.versionInfo)))}"
        " &middot; generated from <code>cablegraph/ontology/cablegraph.ttl</code> by"
        " <code>python -m cablegraph.ontology_doc</code></p>",
        f"<p>{html.escape(str(graph.value(ontology, SKOS.definition)))}</p>",
        f"<h2>IRI scheme</h2><pre>{html.escape(str(graph.value(ontology, RDFS.comment)))}</pre>",
        "<h2>Prefixes</h2><table><tr><th>prefix</th><th>namespace</th></tr>",
        *(f"<tr><td>{p}</td><td>{html.escape(n)}</td></tr>" for p, n in PREFIXES.items()),
        "</table>",
    ]
    for own in (True, False):
        parts.append(f"<h2>{'cablegraph terms' if own else 'Reused terms'}</h2>")
        for title, kind in SECTIONS:
            terms = sorted(
                (t for t in graph.subjects(RDF.type, kind) if str(t).startswith(CG.prefix) == own),
                key=curie,
            )
            if not terms:
                continue
            parts.append(f"<h3>{title}</h3><dl>")
            for term in terms:
                parts.append(_term(graph, term, documented))
            parts.append("</dl>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _term(graph: rdflib.Graph, term: rdflib.URIRef, documented: set) -> str:
    rows = [
        f"<dt id='{anchor(term)}'>{html.escape(str(graph.value(term, RDFS.label) or curie(term)))}"
        f" <span class='iri'>{html.escape(curie(term))}</span></dt>",
        f"<dd>{html.escape(str(graph.value(term, SKOS.definition) or ''))}</dd>",
    ]
    for predicate, name in (
        (RDFS.subClassOf, "subclass of"),
        (RDFS.subPropertyOf, "subproperty of"),
        (RDFS.domain, "domain"),
        (RDFS.range, "range"),
        (RDFS.isDefinedBy, "defined by"),
    ):
        values = sorted(graph.objects(term, predicate), key=curie)
        if values:
            rows.append(f"<dd><em>{name}</em>: {', '.join(link(v, documented) for v in values)}</dd>")
    kinds = [k for k in graph.objects(term, RDF.type) if str(k).startswith(CG.prefix)]
    if kinds:
        rows.append(f"<dd><em>instance of</em>: {', '.join(link(k, documented) for k in kinds)}</dd>")
    return "\n".join(rows)


def write_documentation(output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(load_ontology()), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("docs/ontology.html"))
    args = parser.parse_args()
    write_documentation(args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
