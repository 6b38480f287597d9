"""Small pieces shared by the format readers (no I/O here).

Every reader turns one record of its format into an :class:`Extracted`
(cable text plus what the input said *besides* the text), or raises
:class:`NotACable` with a one-line reason that ends up in a ``Rejection``.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any, NamedTuple

#: Largest cable text accepted, in characters. The largest cable in the
#: 2,099-file corpus (../shared/corpus) is 08BUENOSAIRES58: 55,055 characters
#: of text (71 KB of <pre> HTML). 2,000,000 is about 36 times that: room for
#: any longer cable of the full dump, while a runaway record (a broken CSV
#: quote swallowing the rest of a 1.7 GB dump, a mislabelled binary) is cut
#: off before it eats memory. tests/test_sources.py checks the margin (>20x).
MAX_CABLE_CHARS = 2_000_000


class Extracted(NamedTuple):
    text: str
    given_id: str | None = None
    site_metadata: dict[str, Any] | None = None


class NotACable(ValueError):
    """The input is not usable cable text; ``str(exc)`` is the one-line reason."""


# Canonical-looking Cablegate reference IDs: two-digit year, then letters and
# digits ("06DUSHANBE870", "09EFTOLONDON2187", "7575LIBREVILLE1895").
_CABLE_ID = re.compile(r"\d{2}[0-9A-Z]*[A-Z][0-9A-Z]*")


def looks_like_cable_id(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 40 and bool(_CABLE_ID.fullmatch(value))


def iso_from_us_datetime(value: str) -> str | None:
    """``"9/10/2004 14:09"`` (M/D/YYYY H:MM, as in cables.csv) -> ``"2004-09-10 14:09"``."""
    try:
        parsed = datetime.strptime(value.strip(), "%m/%d/%Y %H:%M")
    except ValueError:
        return None
    return parsed.strftime("%Y-%m-%d %H:%M")
