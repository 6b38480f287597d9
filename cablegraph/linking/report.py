"""The link report: one row per candidate weighed or link made, as CSV and as
a self-contained HTML page (inline style, no scripts, nothing fetched)."""
from __future__ import annotations

import csv
import html
from collections import Counter
from pathlib import Path

from cablegraph.linking.model import Decision, Link

COLUMNS = ("kind", "subject", "cable", "name", "titles", "state", "date", "source", "candidate", "label",
           "score", "decision", "predicate", "target", "why")


def decision_rows(decisions: list[Decision]) -> list[dict[str, str]]:
    rows = []
    for d in decisions:
        m, c = d.mention, d.candidate
        linked = d.verdict in ("accept", "review")
        rows.append({
            "kind": "official", "subject": m.node, "cable": m.cable or "", "name": m.name,
            "titles": "; ".join(m.titles), "state": m.state or "", "date": (m.date or "")[:10],
            "source": c.source, "candidate": c.id, "label": c.label, "score": f"{d.score:.3f}",
            "decision": d.verdict,
            "predicate": ("owl:sameAs" if d.verdict == "accept" else "skos:closeMatch") if linked else "",
            "target": " ".join(iri for _, iri in c.targets) if linked else "", "why": "; ".join(d.reasons),
        })
    return rows


def link_rows(links: list[Link]) -> list[dict[str, str]]:
    return [
        {"kind": l.kind, "subject": l.subject, "cable": "", "name": "", "titles": "", "state": "", "date": "",
         "source": l.target, "candidate": "", "label": "", "score": "", "decision": "table",
         "predicate": _short(l.predicate), "target": l.object, "why": l.why}
        for l in links
    ]


def _short(iri: str) -> str:
    from cablegraph.namespaces import PREFIXES

    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def write_csv(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


STYLE = """body{font:13px/1.4 system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:2px 5px;vertical-align:top;text-align:left}th{background:#eee;position:sticky;top:0}
tr.accept{background:#e6f6e6}tr.review{background:#fff6d6}tr.reject{color:#777}td.why{font-size:11px}"""


def write_html(rows: list[dict[str, str]], summary: list[str], path: Path) -> None:
    counts = Counter((r["kind"], r["decision"]) for r in rows)
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>cablegraph link report</title>",
        f"<style>{STYLE}</style></head><body><h1>cablegraph link report</h1><ul>",
        *(f"<li>{html.escape(line)}</li>" for line in summary),
        "</ul><p>Rows per kind and decision: "
        + ", ".join(f"{html.escape(k)} {html.escape(d)}: {n}" for (k, d), n in sorted(counts.items()))
        + "</p>",
    ]
    officials = [r for r in rows if r["kind"] == "official"]
    tables = [r for r in rows if r["kind"] != "official"]
    for heading, subset in (("Officials: every candidate weighed", officials), ("Links from the tables", tables)):
        parts.append(f"<h2>{heading} ({len(subset)})</h2><table><tr>")
        parts += [f"<th>{c}</th>" for c in COLUMNS]
        parts.append("</tr>")
        for row in subset:
            cells = "".join(
                f"<td class='{c}'>{html.escape(row[c])}</td>" for c in COLUMNS
            )
            parts.append(f"<tr class='{html.escape(row['decision'])}'>{cells}</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
