"""Site-page extras and small text utilities cablemap also had: media URLs, tag kinds, content cleaning, title case."""
from __future__ import annotations

import html
import re
from functools import lru_cache

from cablegraph import refdata


_MEDIA_BLOCK = re.compile(r"(?is)Appears in these articles:(.*?)</td>")
_HREF = re.compile(r"""(?i)href=['"]([^'"]+)['"]""")


def parse_media_urls(page_html: str) -> list[str]:
    """Articles a Cablegate site page lists under "Appears in these articles"."""
    if not page_html:
        return []
    m = _MEDIA_BLOCK.search(page_html)
    if not m:
        return []
    urls: list[str] = []
    for href in _HREF.findall(m.group(1)):
        url = html.unescape(href).strip()
        url = re.sub(r"^(https?://)+(?=https?://)", "", url)
        url = re.sub(r"^(https?://)(?:https?://)+", r"\1", url)
        url = re.sub(r"^http://http://", "http://", url)
        if url not in urls:
            urls.append(url)
    return urls


def tag_kind(tag: str) -> str | None:
    """Kind of a TAGS token: subject, program, organization, person, geo."""
    if not tag:
        return None
    table = refdata.tags()
    up = tag.strip().upper()
    info = table.get(up) or table.get(tag.strip())
    if info:
        kind = info["kind"].split(" ", 1)[0]
        return "geo" if kind.startswith("geo") else kind
    if re.fullmatch(r"[A-Z'\-]+, [A-Z][A-Z .'\-]*", up):
        return "person"
    return None


_REDACTION_GLUE = re.compile(r"(?<=[a-z])x{3,}\b|\bx{3,}(?=[a-z])")


def clean_content(text: str) -> str:
    """Remove site artefacts from body text: pilcrows, redaction marks glued to words."""
    if not text:
        return text
    t = text.replace("\u00b6", "")
    return _REDACTION_GLUE.sub("", t)


_SMALL_WORDS = frozenset("a an and as at but by for in nor of on or the to vs via".split())
_TITLE_TOKEN = re.compile(r"([A-Za-z0-9'\u2019.&]+)")


def titlefy(subject: str) -> str:
    """Title-case an ALL-CAPS subject, keeping known acronyms (``SPD in Driver's Seat``)."""
    if not subject:
        return subject
    s = subject.strip()
    if any(c.islower() for c in s):
        return s
    acronyms = refdata.acronyms()
    out: list[str] = []
    pieces = _TITLE_TOKEN.split(s)
    first_word = True
    after_break = True
    for piece in pieces:
        if not piece:
            continue
        if not _TITLE_TOKEN.fullmatch(piece):
            out.append(piece)
            if re.search(r"[:(\"]|--|\s-\s", piece):
                after_break = True
            continue
        word = piece
        low = word.lower()
        prev_sep = out[-1] if out else ""
        in_compound = prev_sep.endswith("-") and not prev_sep.endswith(" -") and not prev_sep.endswith("--")
        in_slash = prev_sep.endswith("/")
        if re.fullmatch(r"\d+(ST|ND|RD|TH)", word):
            out.append(low)
        elif word in acronyms and (len(word) > 1) and low not in _SMALL_WORDS and not _is_plain_word(word):
            out.append(word)
        elif len(word) > 1 and word.isalpha() and not _VOWEL.search(word) and word not in _NO_VOWEL_WORDS:
            out.append(word)  # CWS, BWC: no vowel, no word

        elif low in _SMALL_WORDS and not first_word and not after_break and not in_compound and not in_slash:
            out.append(low)
        else:
            out.append(_cap(low))
        first_word = False
        after_break = False
    return "".join(out)


_VOWEL = re.compile(r"[AEIOUY]")
_NO_VOWEL_WORDS = frozenset({"MR", "MRS", "MS", "DR", "ST", "VS", "TV"})


def _cap(word: str) -> str:
    parts = word.split("'")
    head = parts[0][:1].upper() + parts[0][1:]
    return "'".join([head] + parts[1:]) if len(parts) > 1 else head


@lru_cache(maxsize=1)
def _plain_words() -> frozenset[str]:
    # Acronym-list entries that are also everyday words in subjects.
    return frozenset(
        """OF IN ON IS IT AS AT BY TO UP WE NO SO DO GO ME MY OR AN BE HE IF AM ARE ALL AND CAN
        FOR HAS NEW NOT ONE OUT THE TWO WHO WHY HOW OUR ITS WAR AID ACT ART BAN BIG BID CUT END FEW
        KEY LAW LOW MAN MAY NOW OIL OLD OWN RUN SAY SET TAX TOP WAY WIN YES YET NET PER PRO TIP
        BACK FUTURE CALLS LOSE CUTS DAUGHTER FIRST HEALTH CLOSE MEETING ALLIES DIRECTED REVIEW
        TITLE ACT ACTS HAVE GOT WILL ALSO DOWN ARMS ONLY WITH BASED SENIOR HIM EX""".split()
    )


def _is_plain_word(word: str) -> bool:
    return word in _plain_words()
