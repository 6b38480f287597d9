"""Write a :class:`~cablegraph.validation.ValidationReport` as text, JSON,
Turtle or JSON-LD (the standard ``sh:ValidationReport``) or one self-contained
HTML page."""
from __future__ import annotations

import html
import json

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple

from cablegraph.namespaces import PREFIXES, RDF, XSD
from cablegraph.validation import SEVERITY_ORDER, ValidationReport, ValidationResult, compact

SH = "http://www.w3.org/ns/shacl#"
FORMATS = ("text", "json", "turtle", "jsonld", "html")
SHARED_NODES = "nodes of no single cable (reference data, missions, TAGS, people)"


def render(report: ValidationReport, fmt: str) -> str:
    return {"text": as_text, "json": as_json, "turtle": as_turtle, "jsonld": as_jsonld, "html": as_html}[fmt](report)


def term_text(term) -> str | None:
    """An IRI or a literal's lexical form."""
    return None if term is None else term.value


def result_dict(result: ValidationResult) -> dict:
    return {
        "cable": result.cable,
        "focus": term_text(result.focus),
        "path": result.path,
        "value": term_text(result.value),
        "message": result.message,
        "shape": result.shape,
        "severity": result.severity,
    }


def as_json(report: ValidationReport) -> str:
    return json.dumps({
        "conforms": report.conforms,
        "counts": report.counts(),
        "results": [result_dict(r) for r in report.results],
    }, indent=2, ensure_ascii=False)


# -- RDF ---------------------------------------------------------------------

def report_triples(report: ValidationReport) -> list[Triple]:
    sh = lambda name: NamedNode(SH + name)  # noqa: E731
    root = BlankNode()
    triples = [
        Triple(root, RDF.type, sh("ValidationReport")),
        Triple(root, sh("conforms"), Literal("true" if report.conforms else "false", datatype=XSD.boolean)),
    ]
    for result in report.results:
        node = BlankNode()
        triples += [
            Triple(root, sh("result"), node),
            Triple(node, RDF.type, sh("ValidationResult")),
            Triple(node, sh("focusNode"), result.focus),
            Triple(node, sh("resultSeverity"), sh(result.severity.capitalize())),
            Triple(node, sh("sourceShape"), NamedNode(result.shape)),
            Triple(node, sh("sourceConstraintComponent"), NamedNode(result.component)),
        ]
        if result.path:
            triples.append(Triple(node, sh("resultPath"), NamedNode(result.path)))
        if result.value is not None:
            triples.append(Triple(node, sh("value"), result.value))
        if result.message:
            triples.append(Triple(node, sh("resultMessage"), Literal(result.message)))
        if result.source_constraint:
            triples.append(Triple(node, sh("sourceConstraint"), NamedNode(result.source_constraint)))
    return triples


def _serialize(report: ValidationReport, rdf_format: RdfFormat) -> str:
    prefixes = {**PREFIXES, "sh": SH, "cgsh": "https://cablegraph.org/shapes#"}
    kwargs = {"prefixes": prefixes} if rdf_format == RdfFormat.TURTLE else {}
    return pyoxigraph.serialize(report_triples(report), format=rdf_format, **kwargs).decode("utf-8")


def as_turtle(report: ValidationReport) -> str:
    return _serialize(report, RdfFormat.TURTLE)


def as_jsonld(report: ValidationReport) -> str:
    return _serialize(report, RdfFormat.JSON_LD)


# -- text --------------------------------------------------------------------

def summary_lines(report: ValidationReport) -> list[str]:
    counts = report.counts()
    scope = "the whole store" if report.cables_checked is None else f"{report.cables_checked:,} cables"
    lines = [
        f"{'Conforms' if report.conforms else 'Does not conform'}: "
        + ", ".join(f"{counts[s]:,} {s}{'s' if counts[s] != 1 else ''}" for s in SEVERITY_ORDER)
        + f" ({scope}, {report.queries} constraints, {report.seconds:.1f} s)",
    ]
    if report.results:
        lines += ["", "By shape:"]
        lines += [f"  {n:>8,}  {severity:<9} {compact(shape)}" for shape, severity, n in report.by_shape()]
        lines += ["", "By path:"]
        lines += [f"  {n:>8,}  {compact(path) if path != '(node)' else path}" for path, n in report.by_path()]
    return lines


def as_text(report: ValidationReport) -> str:
    lines = summary_lines(report)
    for cable, results in report.by_cable().items():
        lines += ["", f"{cable or SHARED_NODES}: {len(results)} result{'s' if len(results) != 1 else ''}"]
        for r in results:
            value = f" = {_short(term_text(r.value))}" if r.value is not None else ""
            lines.append(f"  {r.severity.upper():<9} {compact(term_text(r.focus))}  {compact(r.path) or '(node)'}{value}")
            lines.append(f"            {r.message}  [{compact(r.shape)}]")
    return "\n".join(lines) + "\n"


def _short(text: str | None, limit: int = 80) -> str:
    text = compact(text) if text else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- HTML --------------------------------------------------------------------

_STYLE = """body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}.violation{color:#a00;font-weight:600}.warning{color:#a60}.info{color:#06a}
input{font-size:1em;padding:4px 8px;width:30em}h2{margin-top:1.5em}code{font-size:.92em}"""

_SCRIPT = """function filterRows(){var q=document.getElementById('q').value.toLowerCase();var n=0;
document.querySelectorAll('#results tbody tr').forEach(function(tr){var show=tr.textContent.toLowerCase().indexOf(q)>=0;
tr.style.display=show?'':'none';if(show)n++;});document.getElementById('shown').textContent=n;}"""


def _cell(text) -> str:
    return f"<td>{html.escape(str(text)) if text is not None else ''}</td>"


def as_html(report: ValidationReport) -> str:
    counts = report.counts()
    head = summary_lines(report)[0]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>cablegraph validation report</title>',
        f"<style>{_STYLE}</style></head><body>",
        "<h1>cablegraph validation report</h1>",
        f"<p>{html.escape(head)}</p>",
        '<h2>Counts by severity</h2><table id="counts"><tr><th>severity</th><th>results</th></tr>',
    ]
    parts += [f'<tr><td class="{s}">{s}</td><td>{counts[s]}</td></tr>' for s in SEVERITY_ORDER]
    parts.append("</table><h2>By shape</h2><table><tr><th>shape</th><th>severity</th><th>results</th></tr>")
    parts += [f'<tr>{_cell(compact(shape))}<td class="{sev}">{sev}</td>{_cell(n)}</tr>'
              for shape, sev, n in report.by_shape()]
    parts.append("</table><h2>By path</h2><table><tr><th>path</th><th>results</th></tr>")
    parts += [f"<tr>{_cell(compact(path) if path != '(node)' else path)}{_cell(n)}</tr>" for path, n in report.by_path()]
    parts += [
        "</table><h2>Results by cable</h2>",
        '<p><input id="q" type="search" placeholder="Search cable, node, path, message, shape…" oninput="filterRows()"> '
        f'<span id="shown">{len(report.results)}</span> of {len(report.results)} shown</p>',
        '<table id="results"><thead><tr><th>cable</th><th>severity</th><th>focus node</th><th>path</th>'
        "<th>value</th><th>message</th><th>shape</th></tr></thead><tbody>",
    ]
    for cable, results in report.by_cable().items():
        for r in results:
            parts.append(
                f"<tr>{_cell(cable or 'shared')}<td class=\"{r.severity}\">{r.severity}</td>"
                f"{_cell(compact(term_text(r.focus)))}{_cell(compact(r.path) or '(node)')}"
                f"{_cell(_short(term_text(r.value), 200) if r.value is not None else None)}"
                f"{_cell(r.message)}{_cell(compact(r.shape))}</tr>"
            )
    parts += ["</tbody></table>", f"<script>{_SCRIPT}</script>", "</body></html>"]
    return "\n".join(parts) + "\n"
