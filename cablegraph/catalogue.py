"""The stored queries: ``cablegraph/queries/*.rq``, one query a file.

Each file opens with grlc-style ``#+`` lines holding YAML::

    #+ summary: Cables per year
    #+ description: ...
    #+ tags: [volume]
    #+ defaults:
    #+   - limit: 20
    #+ examples:
    #+   - state: https://cablegraph.org/id/state/TJK
    #+ parameters:
    #+   state: the state reported on

and names its parameters BASIL-style: ``?_state_iri`` is the required
parameter ``state`` of type ``iri``, ``?__from_date`` the optional parameter
``from`` of type ``date``. A variable without a known type suffix is a
parameter of type ``string``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from cablegraph.sparql_text import variables

# type suffix of a parameter variable -> type name
TYPES = {
    "iri": "iri",
    "uri": "iri",
    "string": "string",
    "literal": "string",
    "integer": "integer",
    "decimal": "decimal",
    "boolean": "boolean",
    "date": "date",
    "datetime": "dateTime",
}


class CatalogueError(ValueError):
    """A stored query's file is malformed."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    required: bool
    default: Any = None
    example: Any = None
    description: str = ""
    variable: str = ""  # the query variable, e.g. "_state_iri"


@dataclass(frozen=True)
class StoredQuery:
    name: str
    summary: str
    description: str
    tags: list[str]
    parameters: list[Parameter]
    text: str
    path: str | None = None
    examples: list[dict[str, Any]] = field(default_factory=list)

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def parameter_of_variable(variable: str) -> tuple[str, str, bool] | None:
    """``_state_iri`` -> ``("state", "iri", True)``; None when not a parameter."""
    if variable.startswith("__"):
        rest, required = variable[2:], False
    elif variable.startswith("_"):
        rest, required = variable[1:], True
    else:
        return None
    if not rest or rest.startswith("_"):
        return None
    name, _, suffix = rest.rpartition("_")
    if name and suffix.lower() in TYPES:
        return name, TYPES[suffix.lower()], required
    return rest, "string", required


def _header(text: str) -> dict[str, Any]:
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#+"):
            lines.append(stripped[2:][1:] if stripped[2:3] == " " else stripped[2:])
        elif stripped and not stripped.startswith("#"):
            break
    if not lines:
        return {}
    try:
        header = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as error:
        raise CatalogueError(f"the #+ header is not YAML: {error}") from error
    if not isinstance(header, dict):
        raise CatalogueError("the #+ header is not a mapping")
    return header


def _pairs(value: Any, key: str) -> dict[str, Any]:
    """grlc's ``- name: value`` lists (or a plain mapping) as one dict."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        merged: dict[str, Any] = {}
        for item in value:
            merged.update(item)
        return merged
    raise CatalogueError(f"'{key}' must be a list of 'name: value' items")


def parse_query(text: str, name: str, path: str | None = None) -> StoredQuery:
    """A :class:`StoredQuery` from the text of one ``.rq`` file."""
    try:
        header = _header(text)
    except CatalogueError as error:
        raise CatalogueError(f"{name}: {error}") from None
    defaults = _pairs(header.get("defaults"), "defaults")
    examples_list = header.get("examples") or []
    if isinstance(examples_list, dict):
        examples_list = [examples_list]
    examples = _pairs(examples_list, "examples")
    docs = _pairs(header.get("parameters"), "parameters")
    parameters: dict[str, Parameter] = {}
    for variable in variables(text):
        found = parameter_of_variable(variable)
        if found is None:
            continue
        pname, ptype, required = found
        if pname in parameters:
            if parameters[pname].variable != variable:
                raise CatalogueError(f"{name}: parameter '{pname}' is written two ways "
                                     f"(?{parameters[pname].variable}, ?{variable})")
            continue
        parameters[pname] = Parameter(pname, ptype, required, defaults.get(pname), examples.get(pname),
                                      str(docs.get(pname, "")), variable)
    unknown = (set(defaults) | set(examples) | set(docs)) - set(parameters)
    if unknown:
        raise CatalogueError(f"{name}: the header names parameters the query does not use: {sorted(unknown)}")
    tags = header.get("tags") or []
    return StoredQuery(
        name=name,
        summary=str(header.get("summary", "")).strip(),
        description=str(header.get("description", "")).strip(),
        tags=[str(tag) for tag in (tags if isinstance(tags, list) else [tags])],
        parameters=list(parameters.values()),
        text=text,
        path=path,
        examples=[dict(item) for item in examples_list if isinstance(item, dict)],
    )


def read_query_file(path: str | Path) -> StoredQuery:
    path = Path(path)
    return parse_query(path.read_text(encoding="utf-8"), path.stem, str(path))


def load_catalogue() -> dict[str, StoredQuery]:
    """Every stored query shipped with cablegraph, by name (sorted)."""
    folder = resources.files("cablegraph").joinpath("queries")
    entries = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".rq")), key=lambda e: e.name)
    return {
        entry.name[:-3]: parse_query(entry.read_text(encoding="utf-8"), entry.name[:-3], str(entry))
        for entry in entries
    }
