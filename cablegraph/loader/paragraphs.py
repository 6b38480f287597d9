"""The body's numbered paragraphs, with page breaks and repeated banners removed."""
from __future__ import annotations

import re

from cablegraph.loader.banner import BANNER
from cablegraph.record import Paragraph

# ``PAGE 02 VATICA 03507 01 OF 04 031719Z`` (older cables) and
# ``DUSHANBE 00000870 002.2 OF 002`` (newer ones): page breaks, not text.
PAGE_BREAKS = re.compile(
    r"(?m)(?:^[ \t]*PAGE[ \t]+\d{2,3}[ \t]+[^\n]*?\d{6}Z[ \t]*$"
    r"|[A-Z][A-Z .'-]*?[ \t]+\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}\b)")
# A classification word alone on a line: the foot of a page of an older cable.
PAGE_FOOT = re.compile(r"(?m)^[ \t]*(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)[ \t]*$")
SEPARATOR = re.compile(r"(?m)^[ \t]*(?:[-=_*][ \t]*){3,}$")
# Paragraph starts: ``1. (C)``, ``2.  (S/NF)``, ``3.`` at a line start, or
# (in texts whose line breaks were lost) after a run of blanks.
PARAGRAPH_START = re.compile(
    r"(?:(?<=\n)|(?<=^)|(?<=[ \t]{2})|(?<=[.:\"'][ \t]))[ \t]*(?P<number>\d{1,3})[ \t]*\.[ \t]+"
    r"(?:\((?P<marking>[A-Z]{1,4}(?:[/ ][A-Z]{1,6})?)\)[ \t]*)?")
# Header-field lines left before the first paragraph in fragments and odd layouts.
HEADER_FIELD_LINE = re.compile(
    r"(?im)^[ \t]*(?:TAGS|SUBJ(?:ECT)?|E\.?[ \t]?O\.?[ \t]*\d|REF(?:S|TELS?)?\b|CLASSIFIED[ \t]+BY|REASONS?\b"
    r"|SIPDIS|SENSITIVE|DECL)[^\n]*$")
MARKING_ONLY = re.compile(r"^\((?P<marking>[A-Z]{1,4}(?:/[A-Z]{1,6})?)\)\s*")


def clean_body(body: str) -> str:
    """Drop page breaks, repeated section banners, page feet and separators."""
    body = PAGE_BREAKS.sub("", body)
    body = BANNER.sub("", body)
    body = PAGE_FOOT.sub("", body)
    return SEPARATOR.sub("", body)


def split_paragraphs(body: str) -> list[Paragraph]:
    """Split a cleaned body into paragraphs numbered 1, 2, 3, ... in order.

    A number only starts a paragraph when it continues the sequence, so years
    and list items in running text (``IN 2003.``, ``1. ... 2. ...`` inside a
    paragraph with a higher number) stay where they are.
    """
    starts: list[tuple[int, int, int, str | None]] = []  # (start, text start, number, marking)
    expected = None
    for match in PARAGRAPH_START.finditer(body):
        number = int(match["number"])
        if expected is None:
            if number > 3 or (match["marking"] is None and not _at_line_start(body, match.start())):
                continue
        elif number != expected:
            continue
        starts.append((match.start(), match.end(), number, match["marking"]))
        expected = number + 1
    paragraphs: list[Paragraph] = []
    lead = HEADER_FIELD_LINE.sub("", body[: starts[0][0]] if starts else body)
    if lead.strip():
        paragraphs.append(_paragraph(None, None, lead))
    for index, (_, text_start, number, marking) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(body)
        paragraphs.append(_paragraph(number, marking, body[text_start:end]))
    return paragraphs


def strip_signature(paragraphs: list[Paragraph], signers: list[str]) -> None:
    """Drop the signers' closing line from the end of the last paragraph."""
    if not paragraphs or not signers:
        return
    last = paragraphs[-1]
    signature = " ".join(signers)
    for candidate in (signature, ", ".join(signers)):
        if last.text.endswith(" " + candidate):
            last.text = last.text[: -len(candidate) - 1].rstrip()
            return


def _at_line_start(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return not text[line_start:offset].strip()


def _paragraph(number: int | None, marking: str | None, raw: str) -> Paragraph:
    text = " ".join(raw.split())
    if marking is None and (match := MARKING_ONLY.match(text)):
        marking, text = match["marking"], text[match.end():]
    return Paragraph(number=number, marking=marking, text=text)
