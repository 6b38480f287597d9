"""Terms (as the worker encodes them) for HTML: short names, labels and links.
Nodes of the graph (``https://cablegraph.org/id/...``) link to their page on
this server (``<root>/id/...``)."""
from __future__ import annotations

from html import escape

from cablegraph.namespaces import BASE
from cablegraph.results import short


def short_iri(iri: str) -> str:
    from pyoxigraph import NamedNode

    return short(NamedNode(iri))


def local_href(iri: str, root: str) -> str | None:
    if iri.startswith(BASE):
        return f"{root}/id/{iri[len(BASE):]}"
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def kind_of(iri: str) -> str:
    """``https://cablegraph.org/id/state/TJK`` -> ``state``."""
    return iri[len(BASE):].split("/", 1)[0] if iri.startswith(BASE) else "other"


def term_html(term: tuple | None, root: str, label: str | None = None) -> str:
    if term is None:
        return ""
    if term[0] == "uri":
        href = local_href(term[1], root)
        text = escape(label or short_iri(term[1]))
        return f'<a href="{escape(href)}" title="{escape(term[1])}">{text}</a>' if href else text
    if term[0] == "bnode":
        return f"_:{escape(term[1])}"
    return escape(term[1])
