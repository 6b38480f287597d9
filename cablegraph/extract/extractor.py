"""One cable in, its entities out."""
from __future__ import annotations

from cablegraph.extract.context import build_context
from cablegraph.extract.events import extract_events
from cablegraph.extract.missions import extract_missions
from cablegraph.extract.model import CableEntities
from cablegraph.extract.officials import extract_officials
from cablegraph.extract.states import extract_states
from cablegraph.record import CableRecord


def extract_entities(record: CableRecord) -> CableEntities:
    context = build_context(record)
    officials, name_spans = extract_officials(context)
    return CableEntities(
        cable_id=record.reference_id,
        path=record.source.path if record.source else None,
        officials=officials,
        states=extract_states(context, name_spans),
        events=extract_events(context),
        missions=extract_missions(context, record.origin.station if record.origin else None),
    )
