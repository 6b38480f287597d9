"""Write a :class:`~cablegraph.validation.ValidationReport` as text, JSON,
Turtle or JSON-LD (the standard ``sh:ValidationReport``) or one self-contained
HTML page.

Each format is written piece by piece to a binary stream (:func:`write_report`):
the whole store's report holds some 830,000 results, and its text, JSON or
RDF built whole in memory took gigabytes more than the validation itself.
"""
from __future__ import annotations

import html
import io
import json
from collections.abc import Iterator
from typing import BinaryIO

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple

from cablegraph.namespaces import PREFIXES, RDF, XSD
from cablegraph.validation import SEVERITY_ORDER, ValidationReport, ValidationResult, compact

SH = "http://www.w3.org/ns/shacl#"
FORMATS = ("text", "json", "turtle", "jsonld", "html")
SHARED_NODES = "nodes of no single cable (reference data, missions, TAGS, people)"


def write_report(report: ValidationReport, fmt: str, out: BinaryIO) -> None:
    """Write ``report`` in ``fmt`` (one of :data:`FORMATS`) to ``out``, UTF-8."""
    if fmt in _RDF_FORMATS:
        _serialize(report, _RDF_FORMATS[fmt], out)
        return
    pieces = {"text": text_pieces, "json": json_pieces, "html": html_pieces}[fmt](report)
    for piece in pieces:
        out.write(piece.encode("utf-8"))


def render(report: ValidationReport, fmt: str) -> str:
    """The report in ``fmt`` as one string (for small reports)."""
    out = io.BytesIO()
    write_report(report, fmt, out)
    return out.getvalue().decode("utf-8")


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


def json_pieces(report: ValidationReport) -> Iterator[str]:
    """``{"conforms": ..., "counts": {...}, "results": [...]}``, a result a line."""
    yield f'{{\n  "conforms": {json.dumps(report.conforms)},\n  "counts": {json.dumps(report.counts())},\n  "results": ['
    separator = "\n    "
    for result in report.results:
        yield separator + json.dumps(result_dict(result), ensure_ascii=False)
        separator = ",\n    "
    yield "\n  ]\n}\n"


# -- RDF ---------------------------------------------------------------------

_RDF_FORMATS = {"turtle": RdfFormat.TURTLE, "jsonld": RdfFormat.JSON_LD}


def report_triples(report: ValidationReport) -> Iterator[Triple]:
    sh = lambda name: NamedNode(SH + name)  # noqa: E731
    root = BlankNode()
    yield Triple(root, RDF.type, sh("ValidationReport"))
    yield Triple(root, sh("conforms"), Literal("true" if report.conforms else "false", datatype=XSD.boolean))
    for result in report.results:
        node = BlankNode()
        yield Triple(root, sh("result"), node)
        yield Triple(node, RDF.type, sh("ValidationResult"))
        yield Triple(node, sh("focusNode"), result.focus)
        yield Triple(node, sh("resultSeverity"), sh(result.severity.capitalize()))
        yield Triple(node, sh("sourceShape"), NamedNode(result.shape))
        yield Triple(node, sh("sourceConstraintComponent"), NamedNode(result.component))
        if result.path:
            yield Triple(node, sh("resultPath"), NamedNode(result.path))
        if result.value is not None:
            yield Triple(node, sh("value"), result.value)
        if result.message:
            yield Triple(node, sh("resultMessage"), Literal(result.message))
        if result.source_constraint:
            yield Triple(node, sh("sourceConstraint"), NamedNode(result.source_constraint))


def _serialize(report: ValidationReport, rdf_format: RdfFormat, out: BinaryIO) -> None:
    prefixes = {**PREFIXES, "sh": SH, "cgsh": "https://cablegraph.org/shapes#"}
    kwargs = {"prefixes": prefixes} if rdf_format == RdfFormat.TURTLE else {}
    pyoxigraph.serialize(report_triples(report), out, format=rdf_format, **kwargs)


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


def text_pieces(report: ValidationReport) -> Iterator[str]:
    yield "\n".join(summary_lines(report)) + "\n"
    for cable, results in report.by_cable().items():
        yield f"\n{cable or SHARED_NODES}: {len(results)} result{'s' if len(results) != 1 else ''}\n"
        for r in results:
            value = f" = {_short(term_text(r.value))}" if r.value is not None else ""
            yield (f"  {r.severity.upper():<9} {compact(term_text(r.focus))}  {compact(r.path) or '(node)'}{value}\n"
                   f"            {r.message}  [{compact(r.shape)}]\n")


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


def html_pieces(report: ValidationReport) -> Iterator[str]:
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
    yield "\n".join(parts) + "\n"
    for cable, results in report.by_cable().items():
        for r in results:
            yield (f"<tr>{_cell(cable or 'shared')}<td class=\"{r.severity}\">{r.severity}</td>"
                   f"{_cell(compact(term_text(r.focus)))}{_cell(compact(r.path) or '(node)')}"
                   f"{_cell(_short(term_text(r.value), 200) if r.value is not None else None)}"
                   f"{_cell(r.message)}{_cell(compact(r.shape))}</tr>\n")
    yield "\n".join(["</tbody></table>", f"<script>{_SCRIPT}</script>", "</body></html>"]) + "\n"
