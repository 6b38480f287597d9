"""Build a corpus of any size in the ``cables.csv`` dump format from real cables.

    python bench/make_corpus.py --count 50000 --output /tmp/cables-50k.csv

Each row resamples a real cable page from ``../shared/corpus/cablegate-html``
under a real reference ID of the full dump (``cable2month.csv.gz``) from the
same station, so that its routing stays true. The ID-bearing parts of the text
are rewritten consistently, so a parser derives the new ID from the text:
the serial in the banner and page-break lines (``DUSHANBE 000870``,
``DUSHANBE 00000870 002.2 OF 002``), the serial in the header
(``#0870``, ``RUEHDBU0870``) and the month and year of the date-time group
(``111647Z MAY 06``). An ID of a station with no text of its own (about a
third of the dump) gets a text of an embassy or consulate elsewhere, renamed
on its banner, page-break and FM lines, so that every ID of the dump can be
made. Rows follow the dump's layout: no header row; id, date
(M/D/YYYY H:MM), reference id, origin, classification, references joined by
``|``, header, content; quotes escaped with a backslash.
"""
from __future__ import annotations

import argparse
import csv
import html
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cablegraph import refdata  # noqa: E402
from cablegraph.loader.origin import origin_label, station_name  # noqa: E402

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
ID = re.compile(r"^(\d{2})([A-Z]+)(\d+)$")
PRE = re.compile(r"<pre[^>]*>(.*?)</pre>", re.S)
PILCROW_ANCHOR = re.compile(r"<a id='par\d+' href='#par\d+'>\u00b6</a>")
TAG = re.compile(r"<[^>]+>")
DTG = re.compile(r"\b(\d{2})(\d{4})Z\s+(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s+(\d{2})\b")


def page_text(block: str) -> str:
    return html.unescape(TAG.sub("", PILCROW_ANCHOR.sub("", block)))


def read_sources(shared: Path) -> list[dict]:
    """Real cables whose text carries their ID where a parser looks for it."""
    manifest = {row["path"]: row for row in csv.DictReader(open(shared / "corpus" / "manifest.csv", encoding="utf-8"))}
    sources = []
    for path in sorted((shared / "corpus" / "cablegate-html").rglob("*.html")):
        row = manifest.get(str(path.relative_to(shared / "corpus")))
        match = ID.match(path.stem)
        blocks = PRE.findall(path.read_text(encoding="utf-8", errors="replace"))
        if not row or not match or len(blocks) < 2:
            continue
        year, station, serial = match.groups()
        header, content = page_text(blocks[0]), page_text(blocks[1])
        banner = re.compile(rf"\b{station}\s+0*{int(serial)}\b")
        if not banner.search(content) or not DTG.search(header + content):
            continue
        sources.append({"station": station, "serial": int(serial), "header": header, "content": content,
                        "origin": row["origin"], "classification": row["classification"],
                        "references": row["references"]})
    return sources


def rewrite(source: dict, target_id: str, month: int) -> tuple[str, str, str]:
    """Header and content with the target's station, serial, month and year; and the dump's date."""
    year, station, serial = ID.match(target_id).groups()
    old = source["serial"]
    if source["station"] != station:
        source = _restationed(source, station)

    def banner(match: re.Match) -> str:
        digits = match.group(2)
        return f"{match.group(1)}{int(serial):0{len(digits)}d}"

    banner_re = re.compile(rf"\b({station}\s+)(0*{old})\b")
    # the DE line ("RUEHC #3298") repeats the last four digits of a longer serial (113298)
    header_serial_re = re.compile(rf"(?<=[#A-Z])(0*{old}|{old % 10_000:04d})(?=[\s/])")

    def header_serial(match: re.Match) -> str:
        if old >= 10_000 and match.group(1) == f"{old % 10_000:04d}":
            return f"{int(serial) % 10_000:04d}"
        return f"{int(serial):0{max(len(match.group(1)), 4)}d}"

    first_dtg: list[str] = []

    def dtg(match: re.Match) -> str:
        day = min(int(match.group(1)), 28)
        text = f"{day:02d}{match.group(2)}Z {MONTHS[month - 1]} {year}"
        if not first_dtg:
            first_dtg.append(f"{month}/{day}/{_full_year(year)} {int(match.group(2)[:2])}:{match.group(2)[2:]}")
        return text

    header = header_serial_re.sub(header_serial, source["header"])
    header = DTG.sub(dtg, header)
    content = DTG.sub(dtg, banner_re.sub(banner, source["content"]))
    return header, content, first_dtg[0] if first_dtg else f"{month}/1/{_full_year(year)} 0:00"


def _restationed(source: dict, station: str) -> dict:
    """The source as if sent from ``station``: its station's name replaced in
    the banner and page-break lines and on the FM line."""
    old = source["station"]
    banner = re.compile(rf"\b{old}(?=\s+0*{source['serial']}\b)")
    fm_line = re.compile(rf"^(FM\s+\S+\s+){old}\b", re.M)
    fm_name = station_name(station)
    return {**source, "station": station,
            "header": fm_line.sub(lambda m: m.group(1) + station, banner.sub(station, source["header"])),
            "content": fm_line.sub(lambda m: m.group(1) + station, banner.sub(station, source["content"])),
            "origin": origin_label(fm_name) if fm_name else station.title()}


def _full_year(two_digits: str) -> int:
    return (1900 if int(two_digits) >= 66 else 2000) + int(two_digits)


def make_corpus(count: int, output: Path, seed: int = 1, shared: Path = SHARED) -> int:
    sources = read_sources(shared)
    if not sources:
        raise SystemExit(f"no usable cables under {shared / 'corpus'}")
    by_station: dict[str, list[dict]] = {}
    for source in sources:
        by_station.setdefault(source["station"], []).append(source)
    # stations without a text take one whose FM line names its station as one word
    # ("FM AMEMBASSY DUSHANBE", not "FM SECSTATE WASHDC"), which _restationed can rename
    renamable = [s for s in sources if re.search(rf"^FM\s+\S+\s+{s['station']}\b", s["header"], re.M)]
    months = refdata.cable_months()
    candidates = sorted(rid for rid in months if ID.match(rid))
    rng = random.Random(seed)
    targets = rng.sample(candidates, min(count, len(candidates)))
    with open(output, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, doublequote=False, escapechar="\\", lineterminator="\n")
        for row_number, target in enumerate(targets, 1):
            source = rng.choice(by_station.get(ID.match(target).group(2)) or renamable)
            header, content, date = rewrite(source, target, int(months[target]))
            writer.writerow([row_number, date, target, source["origin"], source["classification"],
                             source["references"], header, content])
    return len(targets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    written = make_corpus(args.count, args.output, args.seed)
    print(f"wrote {written:,} cables to {args.output}")
    if written < args.count:
        print(f"(of {args.count:,} asked: {written:,} reference IDs of the dump have the usual form "
              f"YYSTATIONSERIAL; the others, such as 90STATE255195TOSEC140301, are left out)")


if __name__ == "__main__":
    main()
