"""Text normalisation shared by the header and body parsers."""
from __future__ import annotations

import re

# The Cablegate site put a pilcrow before numbered paragraphs (sometimes before
# any "N." in running text); it is never part of the telegram.
_PILCROW = re.compile("\u00b6\\s?")
_SPACES = re.compile(r"[ \t\u00a0]+")


def normalise(text: str) -> str:
    """Unify line ends, drop site pilcrows and non-breaking spaces."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00b6" in text:
        text = _PILCROW.sub("", text)
    return text.replace("\u00a0", " ")


def squash(text: str) -> str:
    """Collapse runs of blanks and line breaks into single spaces."""
    return " ".join(text.split())


def despace_letters(text: str) -> str:
    """``S E C R E T`` -> ``SECRET``; leaves ordinary words alone."""
    return _SPACES.sub("", text)
