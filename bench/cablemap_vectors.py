"""Agreement of the body-field parsers with cablemap's test vectors.

``python bench/cablemap_vectors.py [../shared]`` prints, per category, how many
runnable vectors the library agrees with.  Scorers live in :data:`SCORERS`
(category -> callable taking the category's vector table and returning
``(agreed, runnable, unrunnable)``); other engineers register theirs there
(the recipients categories belong to the header parser).

Vectors that give only a cable ID are run on that cable's text when the shared
corpus holds it, and counted as unrunnable otherwise.  A few expectations are
plainly wrong (typos, missing context in cablemap's table); they are listed in
:data:`DISPUTED` with the reason and left out of the runnable count.
"""
from __future__ import annotations

import csv
import html
import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cablegraph.loader import fields, ids  # noqa: E402
from cablegraph.loader.header import parse_addressees  # noqa: E402

VECTORS = Path("gold") / "cablemap-vectors-dev.json"

Score = tuple[int, int, int]  # agreed, runnable, unrunnable
Scorer = Callable[[dict[str, Any], "Context"], Score]

# (category, JSON of the vector's input) -> why cablemap's expectation is not used.
DISPUTED: dict[tuple[str, str], str] = {
    ("test_reader_references_ng.py", "REF: A) 6307 B) STATE 285773 "):
        "expects 03ANKARA6307, but the vector gives no citing cable, so no station is known",
    ("test_reader_references_ng.py", "REF: A. A: PANAMA 00789/08 \n     B. B: PANAMA 00930/08\n     "):
        "expects 08PANAMA798 for PANAMA 00789/08: a typo in cablemap's table (789 vs 798)",
    ("test_reader_references_ng.py", "Ref: [A] State 188314, 259032, [B] Ottawa 2285 "):
        "leaves out STATE 259032, which item A cites as plainly as 188314",
    ("test_reader_references.py", "Ref: [A] State 188314, 259032, [B] Ottawa 2285 "):
        "leaves out STATE 259032, which item A cites as plainly as 188314",
    ("test_reader_references.py",
     "SUBJECT: UNESCO DIRECTOR GENERAL SUCCESSION:  CONVERSATIONS WITH \nMEXICO, SWEDEN, BRAZIL, FRANCE, AND "
     "TURKEY \n \nREF: (A) PARIS FR 2144 \n     (B) PARIS FR 2153 \n \nClassified by Amb[...]"):
        "expects 08UNESCOPARISFR2144/2153; WikiLeaks published these cables as 08PARISFR2144 and 08PARISFR2153",
}


class Context:
    """Where ID-only vectors find their cable text."""

    def __init__(self, shared: Path):
        self.shared = shared
        self.corpus = shared / "corpus"

    @lru_cache(maxsize=None)
    def _manifest(self) -> dict[str, list[tuple[str, str]]]:
        table: dict[str, list[tuple[str, str]]] = {}
        path = self.corpus / "manifest.csv"
        if not path.exists():
            return table
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                table.setdefault(row["cable_id"], []).append((row["path"], row["format"]))
        return table

    def page(self, cable_id: str) -> str | None:
        """The site page (HTML) of a cable, if the corpus has one."""
        for path, fmt in self._manifest().get(cable_id, []):
            if fmt.startswith("html"):
                return (self.corpus / path).read_text(encoding="utf-8", errors="replace")
        return None

    def text(self, cable_id: str) -> str | None:
        """Cable text (header and body) of a cable, if the corpus has it."""
        for path, fmt in self._manifest().get(cable_id, []):
            if fmt.startswith("html"):
                return _page_text((self.corpus / path).read_text(encoding="utf-8", errors="replace"))
        for path, fmt in self._manifest().get(cable_id, []):
            if fmt.startswith("raw"):
                return (self.corpus / path).read_text(encoding="utf-8", errors="replace")
        return None


_PRE = re.compile(r"(?is)<pre>(.*?)</pre>")
_TAG = re.compile(r"<[^>]+>")


def _page_text(page: str) -> str:
    """Cable text of a site page: the project's HTML reader, or a plain <pre> fallback."""
    try:
        from cablegraph.loader.html_page import extract_page

        return extract_page(page).text
    except Exception:  # reader not there yet, or it refused the page
        blocks = _PRE.findall(page)
        return "\n\n".join(html.unescape(_TAG.sub("", b)).replace("&#x000A;", "\n") for b in blocks)


def _disputed(category: str, given: Any) -> bool:
    return (category, given if isinstance(given, str) else json.dumps(given)) in DISPUTED


# --------------------------------------------------------------------------
# Scorers: each returns (agreed, runnable, unrunnable)
# --------------------------------------------------------------------------

def _score_pairs(rows, check) -> Score:
    agreed = runnable = unrunnable = 0
    for row in rows:
        result = check(row)
        if result is None:
            unrunnable += 1
            continue
        runnable += 1
        agreed += bool(result)
    return agreed, runnable, unrunnable


def score_c14n(table, ctx) -> Score:
    return _score_pairs(table["_TEST_DATA"], lambda r: ids.canonical_id(r[0]) == r[1])


def score_tags(table, ctx) -> Score:
    def by_text(r):
        return fields.parse_tags(r[0]) == r[1]

    def by_id(r):
        text = ctx.text(r[0])
        return None if text is None else fields.parse_tags(text) == r[1]

    a = _score_pairs(table["_TEST_DATA"], by_text)
    b = _score_pairs(table.get("_TEST_DATA_BY_ID", []), by_id)
    return a[0] + b[0], a[1] + b[1], a[2] + b[2]


def score_subject(table, ctx) -> Score:
    def check(r):
        if len(r) == 3:
            text, clean, expected = r
            got = fields.parse_subject(text, clean=clean)
        else:
            text, expected = r
            got = fields.parse_subject(text)
        return (got or "") == expected

    return _score_pairs(table["_TEST_DATA"], check)


def _subject_by_id(rows, ctx) -> Score:
    def check(r):
        cable_id, expected = (r, "") if isinstance(r, str) else r
        text = ctx.text(cable_id)
        return None if text is None else (fields.parse_subject(text) or "") == expected

    return _score_pairs(rows, check)


def score_subject_by_id(table, ctx) -> Score:
    parts = [_subject_by_id(rows, ctx) for rows in table.values()]
    return tuple(sum(p[i] for p in parts) for i in range(3))  # type: ignore[return-value]


def score_references(table, ctx) -> Score:
    cat = "test_reader_references.py"

    def check(r):
        if _disputed(cat, r[0]):
            return None
        if len(r) == 4:
            text, year, citing, expected = r
        else:
            (text, year, expected), citing = r, None
        got = [ref.id for ref in fields.parse_references(text, year, citing) if ref.id]
        return got == expected

    rows = list(table["_TEST_DATA"])
    rows += [[text, year, expected] for _cid, (text, year, expected) in table.get("_TRIPOLI_TESTS", {}).items()]
    return _score_pairs(rows, check)


def score_references_ng(table, ctx) -> Score:
    """Cables must match with their labels; each non-cable item cablemap names must be there too."""
    cat = "test_reader_references_ng.py"

    def check(r):
        text, year, expected = r[0], r[1], r[-1]
        if _disputed(cat, text):
            return None
        got = fields.parse_references(text, year)
        got_cables = [(ref.id, ref.label) for ref in got if ref.id]
        want_cables = []
        want_other = []
        for call in expected:
            args = call["args"]
            label = args[1] if len(args) > 1 else None
            if call["_call"] == "cable":
                want_cables.append((args[0], label))
            else:
                want_other.append((args[0], label))
        got_other = {(ref.text, ref.label) for ref in got if not ref.id}
        return got_cables == want_cables and all(o in got_other for o in want_other)

    return _score_pairs(table["_TEST_DATA"], check)


def score_reference_oddities(table, ctx) -> Score:
    def check(r):
        cable_id, expected = r
        text = ctx.text(cable_id)
        if text is None:
            return None
        got = [ref.id for ref in fields.parse_references(text, 2000 + int(cable_id[:2]) if int(cable_id[:2]) < 50 else 1900 + int(cable_id[:2]), cable_id) if ref.id]
        return got == expected

    return _score_pairs(table["_TEST_DATA"], check)


def _names(value) -> list[str]:
    if value in (None, [], ""):
        return []
    return list(value) if isinstance(value, list) else [value]


def score_classified_by(table, ctx) -> Score:
    def by_text(r):
        _cid, expected, text = r[0], r[1], r[2]
        got = [c.name for c in fields.parse_classified_by_all(text)]
        want = _names(expected)
        if len(r) > 3 and r[3]:
            # cablemap normalised these names' case; ours are kept as written.
            return [g.lower().replace("0", "o") for g in got] == [w.lower() for w in want]
        return got == want

    def by_id(r):
        cable_id, expected = r
        text = ctx.text(cable_id)
        if text is None:
            return None
        return [c.name for c in fields.parse_classified_by_all(text)] == _names(expected)

    a = _score_pairs(table["_TEST_DATA"], by_text)
    b = _score_pairs(table.get("_TEST_CABLES", []), by_id)
    return a[0] + b[0], a[1] + b[1], a[2] + b[2]


def score_declassify(table, ctx) -> Score:
    return _score_pairs(table["_TEST_DATA"], lambda r: fields.parse_declassify_on(r[0]) == r[1])


def score_signers(table, ctx) -> Score:
    def by_text(r):
        return fields.parse_signers(r[1]) == _names(r[0])

    def by_id(r):
        text = ctx.text(r[1])
        return None if text is None else fields.parse_signers(text) == _names(r[0])

    a = _score_pairs(table["_TEST_DATA"], by_text)
    b = _score_pairs(table.get("_TEST_CABLES", []), by_id)
    return a[0] + b[0], a[1] + b[1], a[2] + b[2]


def score_summary(table, ctx) -> Score:
    return _score_pairs(table["_TEST_DATA"], lambda r: fields.parse_summary(r[0]) == r[1])


def score_media_urls(table, ctx) -> Score:
    def check(r):
        page = ctx.page(r[0])
        return None if page is None else fields.parse_media_urls(page) == r[1]

    return _score_pairs(table["_TEST_DATA"], check)


def score_titlefy(table, ctx) -> Score:
    return _score_pairs(table["_TEST_DATA"], lambda r: fields.titlefy(r[0]) == r[1])


def score_tag_kind(table, ctx) -> Score:
    def check(r):
        want = r[1]["_name"].rsplit("TAG_KIND_", 1)[-1].lower()
        return fields.tag_kind(r[0]) == {"org": "organization"}.get(want, want)

    return _score_pairs(table["_TEST_DATA"], check)


def score_clean_content(table, ctx) -> Score:
    return _score_pairs(table["_TEST_DATA"], lambda r: fields.clean_content(r[0]) == r[1])


def _addressees_scorer(block: int):
    """Recipients (block 0, TO) or info recipients (block 1, INFO): routing
    indicator, name and precedence; cablemap's message numbers are not kept."""
    def score(table, ctx) -> Score:
        def check(row):
            text, expected = row
            got = parse_addressees(text)[block]
            want = [tuple((call["args"] + [None, None])[:3]) for call in expected]
            return [(r.routing_indicator, r.name, r.precedence) for r in got] == want
        return _score_pairs(table["_TEST_DATA"], check)
    return score


SCORERS: dict[str, Scorer] = {
    "test_reader_recipients.py": _addressees_scorer(0),
    "test_reader_info_recipients.py": _addressees_scorer(1),
    "test_c14n_id_c14n.py": score_c14n,
    "test_reader_tags.py": score_tags,
    "test_reader_subject.py": score_subject,
    "test_difficult_subjects.py": score_subject_by_id,
    "test_issue14.py": score_subject_by_id,
    "test_issue15.py": score_subject_by_id,
    "test_reader_references.py": score_references,
    "test_reader_references_ng.py": score_references_ng,
    "test_reference_oddities.py": score_reference_oddities,
    "test_reader_classified_by.py": score_classified_by,
    "test_reader_nondisclosure_deadline.py": score_declassify,
    "test_reader_signers.py": score_signers,
    "test_reader_summary.py": score_summary,
    "test_media_urls.py": score_media_urls,
    "test_utils_titlefy.py": score_titlefy,
    "test_utils_tag_kind.py": score_tag_kind,
    "test_utils_clean_content.py": score_clean_content,
}


def score_vectors_full(path: Path | str) -> dict[str, Score]:
    """Category -> (agreed, runnable, unrunnable); ``path`` is ../shared or the JSON file."""
    path = Path(path)
    json_path = path if path.suffix == ".json" else path / VECTORS
    shared = json_path.parents[1]
    data = json.loads(json_path.read_text(encoding="utf-8"))
    ctx = Context(shared)
    return {cat: SCORERS[cat](table, ctx) for cat, table in data.items() if cat in SCORERS}


def score_vectors(path: Path | str) -> dict[str, tuple[int, int]]:
    """Category -> (agreed, runnable)."""
    return {cat: (a, r) for cat, (a, r, _u) in score_vectors_full(path).items()}


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared"
    results = score_vectors_full(shared)
    print(f"{'category':42} {'agreed':>6} {'runnable':>8} {'rate':>7} {'unrunnable':>10}")
    for cat, (a, r, u) in results.items():
        rate = f"{a / r:.1%}" if r else "-"
        print(f"{cat:42} {a:6d} {r:8d} {rate:>7} {u:10d}")
    print(f"disputed (not scored): {len(DISPUTED)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
