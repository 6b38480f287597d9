"""Entities in cable bodies: officials, states, events and missions.

Pure functions of a parsed :class:`~cablegraph.record.CableRecord` and the
shipped reference tables; gazetteers and patterns are compiled once per process.

    >>> from cablegraph.extract import extract_entities
    >>> extract_entities(record).as_gold_dict()["states"]
"""
from cablegraph.extract.extractor import extract_entities
from cablegraph.extract.model import CableEntities, Event, Mission, Official, StateMention

__all__ = ["extract_entities", "CableEntities", "Event", "Mission", "Official", "StateMention"]
