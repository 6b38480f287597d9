"""Share of states, missions and officials linked, on a store and the cables behind it.

States and missions: ``cablegraph link --offline`` on the store (its summary).
Officials: until the entity mapping puts officials into the cable graphs, the
extractor's officials of each cable are reconciled here offline against
history.state.gov's people table, exactly as ``cablegraph link`` reconciles
the officials of the store (same :func:`cablegraph.linking.run.reconcile`).

    python bench/link_coverage.py --store /tmp/corpus-store ../shared/corpus
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from cablegraph.commands.common import ParsedInputs
from cablegraph.extract import extract_entities
from cablegraph.linking.model import Mention, Thresholds
from cablegraph.linking.people import PeopleIndex, iso3_of_iso2
from cablegraph.linking.run import reconcile
from cablegraph.linking.sources import DEFAULT_PEOPLE, read_people


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--people", "people_path", type=click.Path(path_type=Path), default=DEFAULT_PEOPLE)
def main(paths, people_path):
    rows = read_people(people_path)
    if rows is None:
        sys.exit(f"no people table at {people_path}")
    index = PeopleIndex(rows)
    verdicts: Counter = Counter()
    with_state: Counter = Counter()
    cables = set()
    seen = set()
    inputs = ParsedInputs(paths)
    for record in inputs:
        if record.reference_id in cables:
            continue  # the corpus holds some cables in several formats
        cables.add(record.reference_id)
        for n, official in enumerate(extract_entities(record).officials, 1):
            state = iso3_of_iso2().get(official.state or "")
            mention = Mention(f"{record.reference_id}#{n}", official.name, tuple(official.titles), state,
                              record.datetime, record.reference_id)
            decisions = reconcile(mention, index, None, Thresholds(), Counter())
            best = next((d.verdict for d in decisions if d.verdict == "accept"), None) or next(
                (d.verdict for d in decisions if d.verdict == "review"), "none")
            verdicts[best] += 1
            with_state[(state is not None, best)] += 1
            if best == "accept":
                seen.add(next(d.candidate.label for d in decisions if d.verdict == "accept"))
    total = sum(verdicts.values())
    print(f"{len(cables)} cables, {total} official mentions extracted")
    for verdict in ("accept", "review", "none"):
        print(f"  {verdict:7} {verdicts[verdict]:6} ({100 * verdicts[verdict] / max(total, 1):.1f} %)")
    print(f"  with a state: {sum(v for (s, _), v in with_state.items() if s)}, "
          f"accepted among them: {with_state[(True, 'accept')]}")
    print(f"  distinct people accepted: {len(seen)}: {', '.join(sorted(seen)[:25])}{' ...' if len(seen) > 25 else ''}")


if __name__ == "__main__":
    main()
