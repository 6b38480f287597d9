"""Compile SHACL shapes into SPARQL queries that pyoxigraph runs on the store.

The shapes files (``cablegraph/shapes/*.ttl``) stay the single source of truth:
every node and property shape is read from them and each of its constraints
becomes one SELECT query returning the focus nodes (``?this``) and value nodes
(``?value``) that violate it. pyshacl is the reference implementation (the tests
check that both give the same results); this compiler exists because it runs
in the store, without copying the graph into rdflib (see
``../shared/engineering-notes.md``: 5x faster, linear, a fraction of the RAM).

Supported: targets ``sh:targetClass`` (with ``rdfs:subClassOf*`` from the data
graph), ``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``;
property shapes with a predicate path; the components ``sh:minCount``,
``sh:maxCount``, ``sh:datatype``, ``sh:class``, ``sh:in``,
``sh:pattern`` (+ ``sh:flags``), ``sh:nodeKind``, ``sh:hasValue``,
``sh:lessThan``, ``sh:lessThanOrEquals`` and SHACL-SPARQL ``sh:sparql`` (a
plain ``SELECT $this [?value] WHERE {...}``). Anything else in a shape raises
:class:`UnsupportedShape`, so no constraint is ever silently skipped.

Queries read the union of the store's graphs (``use_default_graph_as_union``).
Literals are compared with ``sameTerm`` on oxigraph terms, where a plain
literal and an ``xsd:string`` one are the same term (RDF 1.1): the pitfall of
rdflib-parsed shapes against oxigraph data does not arise.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat

SH = "http://www.w3.org/ns/shacl#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF_NS + "type"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
SEVERITIES = {SH + "Violation": "violation", SH + "Warning": "warning", SH + "Info": "info"}

NODE_KINDS = {
    SH + "IRI": "isIRI(?value)",
    SH + "BlankNode": "isBlank(?value)",
    SH + "Literal": "isLiteral(?value)",
    SH + "BlankNodeOrIRI": "(isBlank(?value) || isIRI(?value))",
    SH + "BlankNodeOrLiteral": "(isBlank(?value) || isLiteral(?value))",
    SH + "IRIOrLiteral": "(isIRI(?value) || isLiteral(?value))",
}

# shape keys that describe a shape rather than constrain it
DESCRIPTIVE = {
    RDF_TYPE, SH + "name", SH + "description", SH + "message", SH + "severity", SH + "property", SH + "path",
    SH + "targetClass", SH + "targetNode", SH + "targetSubjectsOf", SH + "targetObjectsOf", SH + "flags",
    SH + "deactivated", SH + "order", SH + "group", "http://www.w3.org/2000/01/rdf-schema#comment",
}

FOCUS = "%%FOCUS%%"  # where a body needs the focus nodes inside a group of its own


def subclasses_token(cls: str) -> str:
    """Stands in a query for the classes that are ``cls`` or its subclasses in
    the data graph; :meth:`Constraint.query` fills it in."""
    return f"%%SUBCLASSES <{cls}>%%"


SUBCLASSES = re.compile(r"%%SUBCLASSES <([^>]+)>%%")


def fill_subclasses(text: str, subclasses: dict[str, list[str]] | None) -> str:
    """``text`` with each :func:`subclasses_token` replaced by the classes."""
    subclasses = subclasses or {}
    return SUBCLASSES.sub(lambda m: " ".join(f"<{c}>" for c in subclasses.get(m.group(1), [m.group(1)])), text)


class UnsupportedShape(ValueError):
    """A shape uses SHACL the compiler does not translate."""


@dataclass(frozen=True)
class Constraint:
    """One constraint of one shape, compiled."""

    shape: str  # IRI of the shape that holds it (the result's sh:sourceShape)
    component: str  # IRI of its constraint component
    path: str | None  # predicate IRI of a property shape; None on a node shape
    severity: str  # violation | warning | info
    message: str
    name: str
    targets: str  # group pattern binding ?this to the focus nodes
    body: str  # group pattern: ?this violates it (with ?value when it has one)
    prefixes: str = ""
    source_constraint: str | None = None  # the sh:SPARQLConstraint node
    # the same test over every target at once ("" when it is ``body``): a group
    # pattern joined to the target set by hash or anti-join (MINUS), which reads
    # each value once in a scan instead of probing the store target by target
    whole: str = ""
    # the whole body binds ?this itself (a sub-select over the path): its rows
    # are the results once ?this is checked to be a target, so the target set
    # need not be enumerated (see :meth:`whole_alone_query`)
    whole_binds_focus: bool = False

    def query(self, scope_graphs: list[str] | None = None, subclasses: dict[str, list[str]] | None = None,
              focus_nodes: list[str] | None = None, probe: bool = False) -> str:
        """The SELECT over all targets; with ``scope_graphs``, only focus nodes
        that occur (as subject or object) in those named graphs; with
        ``focus_nodes`` (terms in N-Triples syntax, already known to be
        targets), only those. ``subclasses`` maps each class the constraint
        names to its subclasses in the data (itself included); see
        :meth:`classes`. Over all targets, the :attr:`whole` body is used
        unless ``probe`` (cheaper when the path has many more triples than the
        constraint has targets)."""
        body = self.body
        if focus_nodes is not None:
            # given focus nodes: the body probes the store node by node
            focus = f"VALUES ?this {{ {' '.join(focus_nodes)} }}"
        elif scope_graphs is not None:
            # a subquery of its own: joined with the targets by hash, not target by target
            values = " ".join(f"<{g}>" for g in scope_graphs)
            focus = (f"{{ SELECT DISTINCT ?this WHERE {{ VALUES ?_g {{ {values} }} "
                     "{ GRAPH ?_g { ?this ?_sp ?_so } } UNION { GRAPH ?_g { ?_ss ?_sp ?this } } } }\n  "
                     f"{{ SELECT DISTINCT ?this WHERE {{ {self.targets} }} }}")
        else:
            focus = f"{{ SELECT DISTINCT ?this WHERE {{ {self.targets} }} }}"
            body = body if probe else (self.whole or body)
        if FOCUS in body:
            text = f"{self.prefixes}SELECT DISTINCT ?this ?value WHERE {{\n  {body.replace(FOCUS, focus)}\n}}"
        else:
            text = f"{self.prefixes}SELECT DISTINCT ?this ?value WHERE {{\n  {focus}\n  {body}\n}}"
        return fill_subclasses(text, subclasses)

    @property
    def whole_hashes_path(self) -> bool:
        """Whether the whole body holds a hash table over a whole path while it
        runs (the grouping by node of ``sh:maxCount``, the anti-join of
        ``sh:minCount``): the queries whose memory grows with the store."""
        return self.whole.startswith((_GROUPED_SELECT, "MINUS"))

    def whole_alone_query(self, subclasses: dict[str, list[str]] | None = None) -> str:
        """The :attr:`whole` body alone, for a constraint whose body binds
        ?this (:attr:`whole_binds_focus`): the candidate results, some of whose
        ?this may not be targets (:meth:`targets_among` says which are)."""
        return fill_subclasses(f"{self.prefixes}SELECT DISTINCT ?this ?value WHERE {{\n  {self.whole}\n}}", subclasses)

    def targets_among(self, nodes: list[str], subclasses: dict[str, list[str]] | None = None) -> str:
        """The SELECT of the targets among ``nodes`` (N-Triples syntax), probed node by node."""
        return fill_subclasses(
            f"SELECT DISTINCT ?this WHERE {{ VALUES ?this {{ {' '.join(nodes)} }} {self.targets} }}", subclasses)

    def classes(self) -> set[str]:
        """The classes whose subclasses the query needs."""
        return set(SUBCLASSES.findall(self.targets + self.body))


class _Graph:
    """The shapes as an index: subject -> predicate -> objects."""

    def __init__(self, triples):
        self.index: dict = defaultdict(lambda: defaultdict(list))
        for t in triples:
            self.index[t.subject][t.predicate.value].append(t.object)

    def objects(self, node, predicate: str) -> list:
        return self.index.get(node, {}).get(predicate, [])

    def one(self, node, predicate: str):
        values = self.objects(node, predicate)
        if len(values) > 1:
            raise UnsupportedShape(f"{node}: more than one {predicate}")
        return values[0] if values else None

    def items(self, head) -> list:
        out = []
        while head != NamedNode(RDF_NS + "nil"):
            out.append(self.one(head, RDF_NS + "first"))
            head = self.one(head, RDF_NS + "rest")
            if head is None:
                raise UnsupportedShape("an RDF list without rdf:nil")
        return out

    def subjects_with(self, predicate: str, obj) -> list:
        return [s for s, props in self.index.items() if obj in props.get(predicate, ())]


SHAPES_DIR = Path(__file__).parent / "shapes"


def shape_files() -> list[Path]:
    """The shipped shapes files, one per concern (cable, reference, entities)."""
    return sorted(SHAPES_DIR.glob("*.ttl"))


def shapes_turtle(files: list[Path] | None = None) -> list[tuple[Path, bytes]]:
    return [(path, path.read_bytes()) for path in (files or shape_files())]


def shape_triples(files: list[Path] | None = None) -> list:
    triples = []
    for path, data in shapes_turtle(files):
        triples.extend(pyoxigraph.parse(data, format=RdfFormat.TURTLE, base_iri=path.as_uri()))
    return triples


def _term(node) -> str:
    if isinstance(node, BlankNode):
        raise UnsupportedShape("a blank node as a value in a constraint")
    return str(node)  # N-Triples syntax, valid in SPARQL


def _targets(g: _Graph, shape) -> list[str]:
    patterns = []
    for cls in g.objects(shape, SH + "targetClass"):
        patterns.append(f"{{ {instance_of('?this', cls)} }}")
    for node in g.objects(shape, SH + "targetNode"):
        patterns.append(f"{{ VALUES ?this {{ {_term(node)} }} }}")
    for prop in g.objects(shape, SH + "targetSubjectsOf"):
        patterns.append(f"{{ ?this {_term(prop)} ?_t }}")
    for prop in g.objects(shape, SH + "targetObjectsOf"):
        patterns.append(f"{{ ?_t {_term(prop)} ?this }}")
    return patterns


def instance_of(var: str, cls) -> str:
    """``var`` is a SHACL instance of ``cls``: typed with it or a subclass.
    The subclasses are looked up once per validation, not per node: a node
    typed in many graphs has its type once per graph in the union."""
    return f"{var} <{RDF_TYPE}> ?_c . VALUES ?_c {{ {subclasses_token(cls.value)} }}"


def _values(path: str | None) -> str:
    return f"?this {path} ?value ." if path else "BIND (?this AS ?value)"


def _component_bodies(g: _Graph, shape, path: str | None) -> list[tuple[str, str, str | None, str]]:
    """(component IRI, body, sparql constraint IRI, whole-store body) for each
    constraint of a shape."""
    bodies = []
    keys = set(g.index.get(shape, {}))
    for key in sorted(keys - DESCRIPTIVE):
        for value in g.objects(shape, key):
            bodies.append(_component(g, key, value, shape, path))
    return bodies


def _component(g: _Graph, key: str, value, shape, path: str | None) -> tuple[str, str, str | None, str]:
    component, body, sparql = _probe_component(g, key, value, shape, path)
    return component, body, sparql, _whole_body(g, key, value, path, body)


_PAIRS_SELECT = "{ SELECT ?this ?value WHERE "


def _pairs_select(pattern: str) -> str:
    """A sub-select of the (?this, ?value) pairs ``pattern`` binds: the form of
    the whole bodies that bind the focus node themselves (:func:`_binds_focus`)."""
    return f"{_PAIRS_SELECT}{{ {pattern} }} }}"


_GROUPED_SELECT = "{ SELECT ?this WHERE "


def _grouped_select(path: str, having: str) -> str:
    """A sub-select of the nodes whose values of ``path`` meet ``having`` (a
    condition on ``COUNT(DISTINCT ?_v)``), over the whole store."""
    return f"{_GROUPED_SELECT}{{ ?this {path} ?_v }} GROUP BY ?this HAVING ({having}) }}"


def _binds_focus(whole: str) -> bool:
    """Whether a whole body is one sub-select binding ?this (and ?value)
    over the path (the value tests, ``sh:in``, SHACL-SPARQL on values, the
    grouping of ``sh:maxCount``), as opposed to a MINUS that needs the target
    set."""
    return whole.startswith((_PAIRS_SELECT, _GROUPED_SELECT))


def _distinct_values(path: str, test: str) -> str:
    """The (?this, ?value) pairs of ``path`` whose value fails ``test`` (an
    expression), the test made once per distinct value (a HAVING, which
    oxigraph does not push below the grouping as it does a FILTER: a test costs
    a few microseconds a term, and values repeat), the pairs probed for the
    failing values only."""
    return _pairs_select(f"{{ SELECT ?value WHERE {{ ?_s {path} ?value }} GROUP BY ?value HAVING ({test}) }} "
                         f"?this {path} ?value")


def _whole_body(g: _Graph, key: str, value, path: str | None, body: str) -> str:
    """The body for all targets at once (see :attr:`Constraint.whole`): the
    same results as ``body`` joined with the focus nodes, read by scans of the
    path joined by hash instead of a probe per focus node. "" keeps ``body``."""
    local = key[len(SH):] if key.startswith(SH) else key
    if path is None:
        if local == "class":
            return f"MINUS {{ {instance_of('?this', value)} }} BIND (?this AS ?value)"
        return ""
    if local == "minCount":
        n = int(value.value)
        if n == 0:
            return ""
        if n == 1:
            return f"MINUS {{ SELECT DISTINCT ?this WHERE {{ ?this {path} ?_v }} }}"
        return f"MINUS {_grouped_select(path, f'COUNT(DISTINCT ?_v) >= {n}')}"
    if local == "maxCount":
        return _grouped_select(path, f"COUNT(DISTINCT ?_v) > {int(value.value)}")
    if local in ("datatype", "pattern", "nodeKind"):
        prefix = f"?this {path} ?value . FILTER "
        assert body.startswith(prefix), body
        return _distinct_values(path, body[len(prefix):].strip())
    if local == "in":
        return _pairs_select(body)
    if local == "class":
        return _distinct_values(path, f"NOT EXISTS {{ {instance_of('?value', value)} }}")
    if local == "hasValue":
        return f"MINUS {{ ?this {path} {_term(value)} }}"
    if local == "sparql":
        return _sparql_whole(body)
    return ""


_VALUE_FIRST = re.compile(r"^\s*\?this\s+(?P<path><[^<>\s]+>|[A-Za-z][\w.-]*:[\w.-]*)\s+\?value\s*\.(?P<rest>.*)$", re.S)


def _sparql_whole(body: str) -> str:
    """A SPARQL body ``?this <p> ?value . REST`` whose REST never names
    ``?this`` tests values alone: REST is then evaluated once per distinct
    value of the path (grouped first), not once per focus node, and the pairs
    are probed for the failing values only. A recipient mission is typed in the
    graph of every cable naming it, so a type test line by line reads its types
    once per line (quadratic in the store); once per value it is linear."""
    match = _VALUE_FIRST.match(body)
    if not match or re.search(r"[?$](this|_s)\b", match.group("rest")):
        return ""
    path, rest = match.group("path"), match.group("rest")
    return _pairs_select(f"{{ SELECT ?value WHERE {{ {{ SELECT ?value WHERE {{ ?_s {path} ?value }} GROUP BY ?value }} "
                         f"{rest} }} }} ?this {path} ?value")


def _probe_component(g: _Graph, key: str, value, shape, path: str | None) -> tuple[str, str, str | None]:
    local = key[len(SH):] if key.startswith(SH) else key
    component = f"{SH}{local[0].upper()}{local[1:]}ConstraintComponent"
    if local in ("minCount", "maxCount", "lessThan", "lessThanOrEquals") and path is None:
        raise UnsupportedShape(f"{shape}: sh:{local} on a node shape")
    if local == "minCount":
        n = int(value.value)
        if n == 0:
            return component, "FILTER (false)", None
        if n == 1:
            return component, f"FILTER NOT EXISTS {{ ?this {path} ?_v }}", None
        return component, (f"{{ SELECT ?this WHERE {{ {FOCUS} OPTIONAL {{ ?this {path} ?_v }} }} "
                           f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) < {n}) }}"), None
    if local == "maxCount":
        # grouped, not a join of value pairs: a node described in many cable
        # graphs (a mission, a person) has its value once per graph in the union
        n = int(value.value)
        return component, (f"{{ SELECT ?this WHERE {{ {FOCUS} ?this {path} ?_v }} "
                           f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) > {n}) }}"), None
    if local == "datatype":
        test = f"(!isLiteral(?value) || !sameTerm(DATATYPE(?value), {_term(value)}))"
        return component, f"{_values(path)} FILTER {test}", None
    if local == "class":
        return component, f"{_values(path)} FILTER NOT EXISTS {{ {instance_of('?value', value)} }}", None
    if local == "in":
        members = " || ".join(f"sameTerm(?value, {_term(m)})" for m in g.items(value)) or "false"
        return component, f"{_values(path)} FILTER (!({members}))", None
    if local == "pattern":
        flags = g.one(shape, SH + "flags")
        args = f"STR(?value), {_term(Literal(value.value))}" + (f", {_term(Literal(flags.value))}" if flags else "")
        return component, f"{_values(path)} FILTER (isBlank(?value) || !REGEX({args}))", None
    if local == "nodeKind":
        if value.value not in NODE_KINDS:
            raise UnsupportedShape(f"{shape}: unknown node kind {value}")
        return component, f"{_values(path)} FILTER (!{NODE_KINDS[value.value]})", None
    if local == "hasValue":
        if path is None:
            return component, f"FILTER (!sameTerm(?this, {_term(value)}))", None
        return component, f"FILTER NOT EXISTS {{ ?this {path} {_term(value)} }}", None
    if local in ("lessThan", "lessThanOrEquals"):
        op = "<" if local == "lessThan" else "<="
        return component, (f"{_values(path)} ?this {_term(value)} ?_other . "
                           f"FILTER (!COALESCE(?value {op} ?_other, false))"), None
    if local == "sparql":
        return SH + "SPARQLConstraintComponent", _sparql_body(g, value), value.value
    raise UnsupportedShape(f"{shape}: {key} is not compiled")


_SELECT = re.compile(r"^\s*SELECT\s+(?P<projection>.*?)\s+WHERE\s*\{", re.I | re.S)


def _sparql_body(g: _Graph, constraint) -> str:
    select = g.one(constraint, SH + "select")
    if select is None:
        raise UnsupportedShape(f"{constraint}: a SPARQL constraint without sh:select")
    text = select.value
    match = _SELECT.match(text)
    end = text.rstrip().rfind("}")
    if not match or end < match.end() or text.rstrip()[end + 1:].strip():
        raise UnsupportedShape(f"{constraint}: only 'SELECT $this [?value] WHERE {{ ... }}' is compiled")
    projection = match.group("projection").split()
    if not set(projection) <= {"$this", "?this", "?value", "$value"} or not {"$this", "?this"} & set(projection):
        raise UnsupportedShape(f"{constraint}: the projection must be $this and optionally ?value")
    body = text[match.end():text.rstrip().rfind("}")]
    return body.replace("$this", "?this").replace("$value", "?value")


def _prefixes(g: _Graph, node) -> str:
    lines = []
    for declarer in g.objects(node, SH + "prefixes"):
        for declaration in g.objects(declarer, SH + "declare"):
            prefix, namespace = g.one(declaration, SH + "prefix"), g.one(declaration, SH + "namespace")
            lines.append(f"PREFIX {prefix.value}: <{namespace.value}>\n")
    return "".join(lines)


def _text(g: _Graph, node, predicate: str) -> str:
    value = g.one(node, predicate)
    return value.value if value is not None else ""


def compile_shapes(triples=None) -> list[Constraint]:
    """Every constraint of every active shape, compiled to SPARQL."""
    g = _Graph(shape_triples() if triples is None else triples)
    node_shapes = set(g.subjects_with(RDF_TYPE, NamedNode(SH + "NodeShape")))
    property_shapes = set(g.subjects_with(RDF_TYPE, NamedNode(SH + "PropertyShape")))
    for shape in node_shapes:
        property_shapes.update(g.objects(shape, SH + "property"))
    # property shape -> the target patterns of the node shapes that hold it (and its own)
    targets: dict = defaultdict(list)
    for shape in node_shapes:
        for prop in g.objects(shape, SH + "property"):
            targets[prop].extend(_targets(g, shape))
    constraints = []
    for shape in sorted(node_shapes | property_shapes, key=str):
        if isinstance(shape, BlankNode):
            raise UnsupportedShape("a blank-node shape: every shape needs its own IRI")
        deactivated = g.one(shape, SH + "deactivated")
        if deactivated is not None and deactivated.value == "true":
            continue
        path_node = g.one(shape, SH + "path")
        if shape in property_shapes and not isinstance(path_node, NamedNode):
            raise UnsupportedShape(f"{shape}: only predicate paths are compiled")
        path = _term(path_node) if shape in property_shapes else None
        patterns = sorted(set(_targets(g, shape) + targets.get(shape, [])))
        if not patterns:
            continue
        severity = g.one(shape, SH + "severity")
        severity_name = SEVERITIES[severity.value] if severity is not None else "violation"
        for component, body, sparql, whole in _component_bodies(g, shape, path):
            message = _text(g, shape, SH + "message")
            if sparql is not None and not message:
                message = _text(g, NamedNode(sparql), SH + "message")
            constraints.append(Constraint(
                shape=shape.value, component=component, path=path_node.value if path else None,
                severity=severity_name, message=message, name=_text(g, shape, SH + "name"),
                targets=" UNION ".join(patterns), body=body,
                prefixes=_prefixes(g, NamedNode(sparql)) if sparql else "", source_constraint=sparql, whole=whole,
                whole_binds_focus=_binds_focus(whole),
            ))
    return constraints


@lru_cache(maxsize=1)
def shipped_constraints() -> tuple[Constraint, ...]:
    return tuple(compile_shapes())
