"""What the extractor finds in one cable, and its gold-schema JSON form."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Official:
    name: str  # fullest form the text gives, normalised
    surface: list[str] = field(default_factory=list)  # every distinct form as written
    titles: list[str] = field(default_factory=list)
    organization: str | None = None
    state: str | None = None  # ISO 3166-1 alpha-2
    paragraphs: list[int] = field(default_factory=list)
    confidence: float = 0.5

    def as_gold_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "surface": list(self.surface),
            "titles": list(self.titles),
            "organization": self.organization,
            "state": self.state,
            "paragraphs": sorted(self.paragraphs),
        }


@dataclass
class Event:
    name: str
    kind: str  # conference | summit | meeting | negotiations | other
    start: str | None = None  # ISO date
    end: str | None = None
    place: str | None = None
    organizers: list[str] = field(default_factory=list)  # ISO2 codes or organisation names
    participants: list[str] = field(default_factory=list)
    observers: list[str] = field(default_factory=list)
    # per-state role beyond membership: ISO2 -> "invited" | "declined" | "opposed" | ...
    roles: dict[str, list[str]] = field(default_factory=dict)
    paragraphs: list[int] = field(default_factory=list)
    confidence: float = 0.5
    month: str | None = None  # "2005-11" when the text gives only a month and year (the gold start is null)
    ordinal: str | None = None  # "first", "second" ... of a series
    follows: int | None = None  # index in the cable's events of the earlier event of the same series

    def as_gold_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "place": self.place,
            "organizers": list(self.organizers),
            "participants": list(self.participants),
            "observers": list(self.observers),
            "paragraphs": sorted(self.paragraphs),
        }


@dataclass
class Mission:
    name: str  # "Chinese Embassy in Dushanbe", "US Embassy Moscow"
    state: str | None = None  # the sending state
    city: str | None = None
    paragraphs: list[int] = field(default_factory=list)
    confidence: float = 0.5


@dataclass
class StateMention:
    code: str  # ISO2
    forms: list[str] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    confidence: float = 0.9


@dataclass
class CableEntities:
    cable_id: str | None
    path: str | None = None
    officials: list[Official] = field(default_factory=list)
    states: list[StateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    missions: list[Mission] = field(default_factory=list)
    notes: str = ""

    def as_gold_dict(self) -> dict[str, Any]:
        """The schema of ``../shared/gold/entities-dev/README.md``, keys in its order."""
        return {
            "cable_id": self.cable_id,
            "path": self.path,
            "officials": [o.as_gold_dict() for o in self.officials],
            "states": sorted({s.code for s in self.states}),
            "events": [e.as_gold_dict() for e in self.events],
            "missions": [m.name for m in self.missions],
            "notes": self.notes,
        }
