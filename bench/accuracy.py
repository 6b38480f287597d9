"""Parse quality against ground truth: WikiLeaks' metadata and cablemap's expected answers.

Each corpus file is read as header + body text only (the readers keep site
metadata apart), parsed with no year and no given ID, and compared with the
row of ``corpus/manifest.csv``: reference ID, origin name, classification,
and datetime within 24 hours of WikiLeaks' ``created`` (a date-only value,
which the parser gives where the text names a day but no time, stands for
that whole day: it agrees when some moment of it is within 24 hours, i.e. when
``created`` falls on that day or the day before or after). The datetime score
is also given per ``datetime_source``, and texts with no date evidence at all
are counted. Then cablemap's expected answers are run per category.

    python bench/accuracy.py [--shared ../shared] [--misses 5]   # --misses -1 lists every miss
"""
from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cablegraph.loader.header import LOOSE_DATE_TIME_GROUP  # noqa: E402
from cablegraph.loader.ids import canonical_id  # noqa: E402
from cablegraph.loader.parser import parse_text  # noqa: E402
from cablegraph.loader.sources import CableText, iter_cable_texts  # noqa: E402

FIELDS = ("reference_id", "origin", "classification", "datetime", "datetime_dtg")
# datetime_dtg: only texts that hold a date-time group (partial extracts, scraped and
# mongoexport texts lost the header that carries it)
TARGETS = {"reference_id": 0.99, "origin": 0.99, "classification": 0.98, "datetime": 0.98,
           "datetime_dtg": 0.98}
DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


@dataclass
class Score:
    agreed: int = 0
    compared: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.compared += 1
        if ok:
            self.agreed += 1
        else:
            self.misses.append(miss)

    @property
    def rate(self) -> float:
        return self.agreed / self.compared if self.compared else float("nan")


def within_a_day(parsed: str | None, created: str) -> bool:
    if not parsed:
        return False
    # the manifest writes created as 2006-05-11 16:47, the mongoexport rows as 5/11/2006 16:47
    form = "%m/%d/%Y %H:%M" if "/" in created else "%Y-%m-%d %H:%M"
    truth = datetime.strptime(created, form).replace(tzinfo=timezone.utc)
    if len(parsed) == 10:  # a date only: the whole day [D 00:00, D+1 00:00) against created +- 24 h
        return abs((date.fromisoformat(parsed) - truth.date()).days) <= 1
    moment = datetime.strptime(parsed, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return abs((moment - truth).total_seconds()) <= 24 * 3600


def csv_row_truth(item: CableText) -> dict[str, str]:
    meta = item.source.site_metadata or {}
    return {"cable_id": item.source.given_id or "", "origin": meta.get("origin") or "",
            "classification": meta.get("classification") or "", "created": meta.get("created") or ""}


def score_corpus(shared: Path) -> tuple[dict[str, Score], int, dict[str, Score]]:
    """Scores per field, the count of files the readers rejected, datetime scores per source."""
    corpus = shared / "corpus"
    manifest = {row["path"]: row for row in csv.DictReader((corpus / "manifest.csv").open(encoding="utf-8"))}
    overall = {name: Score() for name in FIELDS}
    by_source: dict[str, Score] = {}
    rejected = 0
    for item in iter_cable_texts(sorted(corpus.joinpath(p) for p in manifest)):
        if not isinstance(item, CableText):
            rejected += 1
            continue
        relative = str(Path(item.source.path).resolve().relative_to(corpus.resolve()))
        truth = manifest.get(relative)
        if truth is not None and not truth["cable_id"]:
            truth = csv_row_truth(item)  # the CSV slice: each row's own columns are WikiLeaks' metadata
        if truth is None:
            continue
        record = parse_text(item.text)
        where = f"{relative} ({truth['cable_id']})"
        # WikiLeaks kept some malformed IDs (08EFTOLONDON2883); the parser repairs them.
        expected_id = canonical_id(truth["cable_id"]) or truth["cable_id"]
        overall["reference_id"].add(record.reference_id == expected_id, f"{where}: {record.reference_id}")
        if truth["origin"]:
            overall["origin"].add(record.origin.name == truth["origin"], f"{where}: {record.origin.name!r} != {truth['origin']!r}")
        if truth["classification"]:
            overall["classification"].add(
                record.classification == truth["classification"],
                f"{where}: {record.classification} != {truth['classification']}")
        if truth["created"]:
            ok = within_a_day(record.datetime, truth["created"])
            miss = f"{where}: {record.datetime} vs {truth['created']}"
            overall["datetime"].add(ok, miss + (" (partial)" if record.is_partial else ""))
            source = record.datetime_source or ("(none: a DECL date, not ten years on)" if record.declassify_on
                                                else "(none: no date evidence in the text)")
            by_source.setdefault(source, Score()).add(ok, miss)
            if LOOSE_DATE_TIME_GROUP.search(item.text):
                overall["datetime_dtg"].add(ok, miss)
    return overall, rejected, by_source


@click.command()
@click.option("--shared", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_SHARED,
              show_default=True, help="The shared data folder.")
@click.option("--misses", default=5, show_default=True, help="Misses to list per field (-1: all of them).")
def main(shared: Path, misses: int) -> None:
    from cablemap_vectors import score_vectors

    overall, rejected, by_source = score_corpus(shared)
    click.echo(f"Corpus ({shared / 'corpus'}), {rejected} files rejected by the readers")
    click.echo(f"{'field':<16}{'agreed':>8}{'compared':>10}{'rate':>9}{'target':>8}")
    for name, score in overall.items():
        click.echo(f"{name:<16}{score.agreed:>8}{score.compared:>10}{score.rate:>9.2%}{TARGETS[name]:>8.0%}")
        for miss in (score.misses if misses < 0 else score.misses[:misses]):
            click.echo(f"    miss: {miss}")
    click.echo("\ndatetime by datetime_source")
    for source, score in sorted(by_source.items(), key=lambda item: -item[1].compared):
        click.echo(f"    {source:<52}{score.agreed:>6}{score.compared:>8}{score.rate:>9.2%}")
    click.echo("\ncablemap expected answers")
    click.echo(f"{'category':<44}{'agreed':>8}{'runnable':>10}{'rate':>9}")
    for category, (agreed, runnable) in sorted(score_vectors(shared / "gold" / "cablemap-vectors-dev.json").items()):
        rate = agreed / runnable if runnable else float("nan")
        click.echo(f"{category:<44}{agreed:>8}{runnable:>10}{rate:>9.2%}")


if __name__ == "__main__":
    main()
