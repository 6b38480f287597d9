"""The classification banner (``S E C R E T SECTION 01 OF 02 DUSHANBE 000870``),
the classification marking in WikiLeaks' form, and the handling caveats."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablegraph.loader.fieldtext import start_of_cue_line


def _letters(word: str, gap: str = r"[ \t]?") -> str:
    """A word that may be letter-spaced: ``SECRET`` also matches ``S E C R E T``."""
    return gap.join(word)


def _spaced(word: str) -> str:
    """Only the letter-spaced form: ``S E C R E T`` (never part of running text).

    The first letter may be lost (``O N F I D E N T I A L``): the rest, still
    letter-spaced, is no running text either.
    """
    return f"(?:{word[0]}[ \t])?" + "[ \t]".join(word[1:])


def _doubled(word: str) -> str:
    """A plain level whose first letter was keyed twice (``UUNCLAS``)."""
    return word[0] + "?" + word


# Plain levels must start a line (or follow a run of blanks, in texts whose
# line breaks were lost, or open a quoted field of a pasted CSV row, or follow
# a time stamp fused to them: ``Cable dated:2009-11-23T14:44:00UNCLAS``);
# letter-spaced ones may follow a pasted dump prefix.
_LEVEL = (
    r"(?:(?:^|(?<=[ \t]{2})|(?<=,\")|(?<=\d\d:\d\d))[ \t]*(?P<level>(?i:"
    + "|".join([
        "TOP" + r"[ \t]+" + _letters("SECRET"),
        _letters("SECRET"),
        _letters("CONFIDENTIAL"),
        _doubled("UNCLASSIFIED"),
        _doubled("UNCLAS"),
        r"[ \t]*".join(_letters(w, r"[ \t]*") for w in ("LIMITED", "OFFICIAL", "USE")),
    ])
    + r"))|(?P<spaced>" + "|".join(_spaced(w) for w in ("SECRET", "CONFIDENTIAL", "UNCLASSIFIED")) + r"))"
)
# Words that may stand between the level and the station in a banner.
_BANNER_WORDS = r"(?:E[ \t]?F[ \t]?T[ \t]?O|NOFORN|SENSITIVE|SIPDIS|EXDIS|NODIS|LIMDIS|STADIS|ROGER|ORCON|SPECAT|CORRECTED[ \t]+COPY|FOR[ \t]+OFFICIAL[ \t]+USE[ \t]+ONLY|SBU)"
BANNER = re.compile(
    r"(?m)" + _LEVEL
    + r"(?P<words>(?:[ \t/]+" + _BANNER_WORDS + r")*)"
    # a line break may part the level from a line holding just the rest
    # (texts whose lost line breaks were restored from runs of blanks)
    # (texts whose lost line breaks were restored from runs of blanks); after a
    # letter-spaced level, which is no running text, any line may go on
    + r"(?:[ \t]+|[ \t]*\n[ \t]*(?(spaced)|(?=[A-Z][A-Z0-9 .'&-]*[ \t]\d{1,7}[ \t]*$)))"
    + r"(?:SECTION[ \t]*(?P<section>\d{1,3})[ \t]+OF[ \t]+(?P<sections>\d{1,3})[ \t]+)?"
    # older banners may put the year before the station: "C O N F I D E N T I A L 75 LIBREVILLE 1895"
    + r"(?:(?P<year>\d{2})[ \t]+(?=[A-Z]))?"
    + r"(?P<station>[A-Z][A-Z.'&-]*(?:[ \t]+[A-Z][A-Z.'&-]*){0,4}?)[ \t]+(?P<serial>\d{1,7})(?!\d)"
    + r"(?![ \t]*(?:OF\b|\.\d))",
    re.IGNORECASE,  # sentence-cased banners: "C o n f i d e n t i a l section 01 of 03 abuja 002170"
)

# What stands before a repeated banner's station and serial.
BANNER_PREFIX = re.compile(
    r"(?m)" + _LEVEL + r"(?:[ \t/]+" + _BANNER_WORDS + r")*"
    + r"[ \t]+(?:SECTION[ \t]+\d{1,3}[ \t]+OF[ \t]+\d{1,3}[ \t]+)?")

CAVEAT_WORDS = ("SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS", "ROGER", "ORCON",
                "PROPIN", "NOCONTRACT", "SPECAT", "SENSITIVE", "EFTO")
CAVEAT = re.compile(r"(?<![A-Za-z])(" + "|".join(CAVEAT_WORDS) + r"|E F T O|NOT FOR FOREIGN|NO FOREIGN DISSEM)\b")
CAVEAT_ANY_CASE = re.compile(CAVEAT.pattern, re.IGNORECASE)
CAVEAT_ALIASES = {"E F T O": "EFTO", "NOT FOR FOREIGN": "NOFORN", "NO FOREIGN DISSEM": "NOFORN"}
# The banner's block ends where the header fields begin.
BANNER_BLOCK_END = re.compile(r"(?im)^[ \t]*(?:E\.?[ \t]?O\.?|TAGS|SUBJECT)\b")
BANNER_BLOCK_LIMIT = 400


@dataclass
class Banner:
    level: str  # "SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "LIMITED OFFICIAL USE", "TOP SECRET"
    station: str  # as written: "DUSHANBE", "NEW DELHI", "USUN NEW YORK"
    serial: str  # as written: "000870"
    start: int  # offset of the banner in the text it was found in
    end: int
    section: int | None = None
    sections: int | None = None
    words: list[str] = field(default_factory=list)
    # "S e c r e t section 01 of 02 nairobi 002497": the caveat lines under it
    # are cased alike ("Noforn", "Sensitive, sipdis")
    lower_case: bool = False


def normalise_level(raw: str) -> str:
    squashed = re.sub(r"[ \t]+", "", raw).upper()
    if squashed.startswith("UUNCLAS"):
        squashed = squashed[1:]
    return {
        "TOPSECRET": "TOP SECRET",
        "UNCLAS": "UNCLASSIFIED",
        "LIMITEDOFFICIALUSE": "LIMITED OFFICIAL USE",
        "ONFIDENTIAL": "CONFIDENTIAL",
        "ECRET": "SECRET",
        "NCLASSIFIED": "UNCLASSIFIED",
    }.get(squashed, squashed)


# A part of every level word a banner can have (letter-spaced or not, its first
# letter lost or doubled): the cue of the line where the search for a banner
# starts (its pattern costs about 200 ns a character tried).
_LEVEL_WORD = re.compile(r"(?i)E[ \t]?C[ \t]?R[ \t]?E[ \t]?T|O[ \t]?N[ \t]?F[ \t]?I[ \t]?D|N[ \t]?C[ \t]?L[ \t]?A[ \t]?S"
                         r"|L[ \t]*I[ \t]*M[ \t]*I[ \t]*T")


def find_banner(text: str) -> Banner | None:
    """The first banner in ``text``. Its level word is on the line where it starts,
    so no banner starts before the line of the first level word."""
    start = start_of_cue_line(_LEVEL_WORD, text)
    match = None if start is None else BANNER.search(text, start)
    return banner_from_match(match) if match else None


def banner_from_match(match: re.Match) -> Banner:
    return Banner(
        level=normalise_level(match["level"] or match["spaced"]),
        station=" ".join(match["station"].upper().split()),
        serial=match["serial"],
        start=match.start(),
        end=match.end(),
        section=int(match["section"]) if match["section"] else None,
        sections=int(match["sections"]) if match["sections"] else None,
        words=match["words"].replace("/", " ").split(),
        lower_case=not match.group(0).isupper(),
    )


def banner_block(text: str, banner: Banner) -> str:
    """The banner and the caveat lines under it, up to E.O./TAGS/SUBJECT."""
    end = BANNER_BLOCK_END.search(text, banner.end, banner.end + BANNER_BLOCK_LIMIT)
    return text[banner.start: end.start() if end else banner.end + BANNER_BLOCK_LIMIT]


def find_caveats(text: str, any_case: bool = False) -> list[str]:
    """Handling caveats named in the text given (the banner and the lines after it).

    ``any_case`` for the block of a sentence-cased banner, whose caveat lines
    read ``Noforn`` or ``Sensitive, sipdis``.
    """
    found: list[str] = []
    for match in (CAVEAT_ANY_CASE if any_case else CAVEAT).finditer(text):
        word = match[1].upper()
        caveat = CAVEAT_ALIASES.get(word, word)
        if caveat not in found:
            found.append(caveat)
    return found


def classification_marking(level: str | None, caveats: list[str]) -> str | None:
    """The marking in WikiLeaks' form: ``SECRET//NOFORN``, ``UNCLASSIFIED//FOR OFFICIAL USE ONLY``.

    ``caveats`` are those between the banner and the TAGS line: there
    NOFORN makes a classified cable ``//NOFORN``, and SENSITIVE (or NOFORN)
    makes an unclassified one ``//FOR OFFICIAL USE ONLY``.
    """
    if level is None:
        return None
    if level == "UNCLASSIFIED":
        if "SENSITIVE" in caveats or "NOFORN" in caveats:
            return "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
        return level
    if "NOFORN" in caveats:
        return f"{level}//NOFORN"
    return level
