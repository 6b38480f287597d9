"""The body's numbered paragraphs, with page breaks and repeated banners removed."""
from __future__ import annotations

import re

from cablegraph.loader.banner import BANNER_PREFIX, Banner
from cablegraph.record import Paragraph

# Page breaks are gone already (fieldtext.prepare); what is left of a page
# are its foot, repeated banners and separator lines.
# A classification word alone on a line (the foot of a page of an older
# cable) and separator lines (``-------``), in one pass.
NOISE_LINE = re.compile(
    r"(?m)^[ \t]*(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|(?:[-=_*][ \t]*){3,})[ \t]*$")
# The same lines after the first, each found from the line break before it: a
# pattern led by a literal is scanned for that character, where ``^`` is tried at
# every position (50 against 12 us for an 8,500-character body).
_NOISE_AFTER_BREAK = re.compile(
    r"\n[ \t]*(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|(?:[-=_*][ \t]*){3,})[ \t]*(?=\n|\Z)")
# A paragraph number: ``1. (C)``, ``2.  (S/NF)``, ``3.``; where it may stand
# (line start, after a run of blanks or a sentence end) is checked in code,
# which is much faster than lookbehinds tried at every position.
PARAGRAPH_NUMBER = re.compile(
    r"(?P<number>\d{1,3})[ \t]*\.(?:[ \t]+|(?=\())(?:\((?P<marking>[A-Z]{1,4}(?:[/ ][A-Z]{1,6})?)\)[ \t]*)?")
_NUMBER_DOT = re.compile(r"\.(?:[ \t]|(?=\())")
# Header-field lines left before the first paragraph in fragments and odd layouts.
HEADER_FIELD_LINE = re.compile(
    r"(?im)^[ \t]*(?:TAGS|SUBJ(?:ECT)?|E\.?[ \t]?O\.?[ \t]*\d|REF(?:S|TELS?)?\b|CLASSIFIED[ \t]+BY|REASONS?\b"
    r"|SIPDIS|SENSITIVE|DECL)[^\n]*$")
MARKING_ONLY = re.compile(r"^\((?P<marking>[A-Z]{1,4}(?:/[A-Z]{1,6})?)\)\s*")


def clean_body(body: str, banner: Banner | None = None) -> str:
    """Drop repeated section banners, page feet and separators."""
    if banner is not None:
        body = remove_repeated_banner(body, banner)
    first = NOISE_LINE.match(body)
    if first:
        body = body[first.end():]
    return _NOISE_AFTER_BREAK.sub("\n", body)


def remove_repeated_banner(body: str, banner: Banner) -> str:
    """Drop later copies of the banner (``S E C R E T SECTION 02 OF 02 DUSHANBE 000870``)."""
    key = f"{banner.station} {banner.serial}"
    if key not in body:
        return body
    pieces, position = [], 0
    for match in re.finditer(re.escape(key), body):
        line_start = max(body.rfind("\n", 0, match.start()) + 1, match.start() - 120, position)
        before = BANNER_PREFIX.search(body, line_start, match.start())
        if before is None or before.end() != match.start():
            continue  # the station and serial cited in running text
        pieces.append(body[position:before.start()])
        position = match.end()
    pieces.append(body[position:])
    return "".join(pieces)


def split_paragraphs(body: str) -> list[Paragraph]:
    """Split a cleaned body into paragraphs numbered 1, 2, 3, ... in order.

    A number only starts a paragraph when it continues the sequence, so years
    and list items in running text (``IN 2003.``, ``1. ... 2. ...`` inside a
    paragraph with a higher number) stay where they are.
    """
    starts: list[tuple[int, int, int, str | None]] = []  # (start, text start, number, marking)
    expected = None
    for match in _paragraph_numbers(body):
        if not _may_start_paragraph(body, match.start()):
            continue
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


def _paragraph_numbers(body: str):
    """The matches of :data:`PARAGRAPH_NUMBER`, as ``finditer`` gives them, found
    from the full stops after which it can end (``. `` or ``.(``): a literal
    scan, where a pattern starting with a digit is tried at every position of
    the body (16 ns a character): on 8,500-character bodies a sixth of the time."""
    for dot in _NUMBER_DOT.finditer(body):
        end = dot.start()
        while end and body[end - 1] in " \t":
            end -= 1
        start = end
        while start > end - 3 and start and body[start - 1].isdecimal():  # \d
            start -= 1
        if start < end and (match := PARAGRAPH_NUMBER.match(body, start)):
            yield match


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


def _may_start_paragraph(text: str, offset: int) -> bool:
    """At a line start, after two blanks (lost line breaks) or after a sentence end."""
    start = offset
    while start and text[start - 1] in " \t":
        start -= 1
    if start == 0 or text[start - 1] == "\n":
        return True
    blanks = offset - start
    return blanks >= 2 or (blanks == 1 and text[start - 1] in ".:\"'")


def _at_line_start(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return not text[line_start:offset].strip()


def _paragraph(number: int | None, marking: str | None, raw: str) -> Paragraph:
    text = " ".join(raw.split())
    if marking is None and (match := MARKING_ONLY.match(text)):
        marking, text = match["marking"], text[match.end():]
    return Paragraph(number=number, marking=marking, text=text)
