"""The declassification date of the ``E.O. 12958: DECL:`` line."""
from __future__ import annotations

import re


_DECL = re.compile(
    r"(?i)\bDECL(?:ASSIFY)?(?:\s+ON)?\s*[:.]?\s*"
    r"(?:(?P<m>\d{1,2})\s*[/.\-]\s*(?P<d>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4}|\d{2})(?!\d)"
    r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
    r"|(?P<ymd_y>(?:19|20|21)\d\d)\s*[/.]\s*(?P<ymd_m>\d{1,2})\s*[/.]\s*(?P<ymd_d>\d{1,2})(?!\d))"  # 2020/02/03
)
_DECL_ANY = re.compile(r"(?i)\bDECL(?:ASSIFY)?\b")


def parse_declassify_on(text: str) -> str | None:
    """ISO date of the ``DECL:`` line; None for OADR, X1, 1.6X6 and other non-dates."""
    if not text:
        return None
    head = text[:6000]
    m = _DECL.search(head)
    if not m:
        return None
    if m.group("iso"):
        return m.group("iso")
    if m.group("ymd_y"):
        month, day, year = int(m.group("ymd_m")), int(m.group("ymd_d")), m.group("ymd_y")
    else:
        month, day, year = int(m.group("m")), int(m.group("d")), m.group("y")
    y = int(year)
    if len(year) == 2:
        y += 2000 if y < 70 else 1900
    if month > 12 and day <= 12:
        month, day = day, month
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{y:04d}-{month:02d}-{day:02d}"
