"""mongoexport JSON records (a cable search site's database) -> cable text.

One JSON object per line: ``_id``, ``origin``, ``date_time`` (M/D/YYYY H:MM),
``classification``, ``body``. The body is the cable text with its newlines
stripped; it is passed on as it is.

``_id`` is NOT the cable's own ID in the real exports: it holds the cable's
*references* as the search site computed them, joined by ``|``
(``"04DHAKA3127|04KOLKATA350|04NEWDELHI5486"``), or ``""``; a cable citing a
single cable has that cable's ID as ``_id``. So ``_id`` becomes ``given_id``
only when it names exactly the cable of the body's opening banner
(``NEW DELHI 005734`` for 04NEWDELHI5734); otherwise, when it is a list of
cable IDs, it goes to ``site_metadata["references"]``.
"""
from __future__ import annotations

import re
from typing import Any

from .common import Extracted, NotACable, iso_from_us_datetime, looks_like_cable_id

_ID_PARTS = re.compile(r"\d{2}([A-Z]+?)0*(\d+)")
# The banner with its spaces removed: classification, optional section
# count, then station and serial ("CONFIDENTIALSECTION01OF03RPODUBAI000039").
_BANNER = re.compile(
    r"(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|LIMITEDOFFICIALUSE)"
    r"(?:SECTION\d+OF\d+)?([A-Z]+?)0*(\d+)"
)


def record_to_cable(record: Any) -> Extracted:
    if not isinstance(record, dict):
        raise NotACable("JSON value is not an object")
    body = record.get("body")
    if not isinstance(body, str) or not body.strip():
        raise NotACable("JSON record without a 'body' text")

    metadata: dict[str, Any] = {}
    date_time = record.get("date_time")
    if isinstance(date_time, str):
        metadata["created"] = iso_from_us_datetime(date_time) or date_time
    for key, value in record.items():
        if key not in ("_id", "body", "date_time") and isinstance(value, (str, int, float)):
            metadata[key] = value

    given_id = None
    record_id = record.get("_id")
    if isinstance(record_id, str):
        parts = [part for part in record_id.split("|") if part]
        if len(parts) == 1 and _is_own_id(parts[0], body):
            given_id = parts[0]
        elif parts and all(looks_like_cable_id(part) for part in parts):
            metadata["references"] = parts
    return Extracted(body, given_id, metadata or None)


def _is_own_id(cable_id: str, body: str) -> bool:
    """Is ``cable_id`` the cable whose banner opens ``body``?

    The station must match in full: 09RPODUBAI57 has ``_id`` 09DUBAI57 (the
    search site read its page marker ``DUBAI 00000057 001.2 OF 003`` as a
    reference), which is not this cable's ID.
    """
    id_parts = _ID_PARTS.fullmatch(cable_id)
    banner = _BANNER.match(re.sub(r"\s+", "", body[:200]))
    return bool(id_parts and banner) and id_parts.groups() == banner.groups()
