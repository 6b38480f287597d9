"""A small picture of a node's relations, drawn as SVG on the server (no script).

The node sits in the middle, its neighbours on an ellipse around it, each edge
labelled with its property; outgoing edges point away from the node, incoming
ones towards it. Nodes are links.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 760, 480
MAX_LABEL = 26


@dataclass(frozen=True)
class Edge:
    outgoing: bool
    predicate: str  # short form, e.g. "dcterms:spatial"
    label: str
    href: str | None


def _short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _node(x: float, y: float, label: str, href: str | None, css: str) -> str:
    width = 8 + 6.6 * len(_short(label))
    shape = (f'<rect class="{css}" x="{x - width / 2:.1f}" y="{y - 13:.1f}" width="{width:.1f}" height="26" rx="13"/>'
             f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">{escape(_short(label))}</text>')
    title = f"<title>{escape(label)}</title>"
    if href:
        return f'<a href="{escape(href)}">{title}{shape}</a>'
    return f"<g>{title}{shape}</g>"


def relation_svg(center: str, edges: list[Edge]) -> str:
    cx, cy = WIDTH / 2, HEIGHT / 2
    rx, ry = WIDTH / 2 - 110, HEIGHT / 2 - 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="relations" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="relations of {escape(center)}">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>']
    nodes = []
    for index, edge in enumerate(edges):
        angle = 2 * math.pi * index / max(1, len(edges)) - math.pi / 2
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        # stop the line short of both nodes so the arrow head shows
        dx, dy = x - cx, y - cy
        length = math.hypot(dx, dy) or 1
        x1, y1 = cx + dx / length * 40, cy + dy / length * 18
        x2, y2 = x - dx / length * 40, y - dy / length * 16
        if not edge.outgoing:
            x1, y1, x2, y2 = x2, y2, x1, y1
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" marker-end="url(#arrow)"/>')
        mx, my = (cx + x) / 2, (cy + y) / 2
        parts.append(f'<text class="edge" x="{mx:.1f}" y="{my - 4:.1f}" text-anchor="middle">{escape(edge.predicate)}</text>')
        nodes.append(_node(x, y, edge.label, edge.href, "neighbour"))
    parts += nodes
    parts.append(_node(cx, cy, center, None, "center"))
    parts.append("</svg>")
    return "\n".join(parts)
