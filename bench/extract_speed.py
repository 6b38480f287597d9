"""CPU time of each step a cable takes through the workers of a load, extraction's in detail.

    python bench/extract_speed.py --corpus C [--count 3000] [--repeat 3]

Reads the first ``--count`` cables of a ``cables.csv`` corpus (``make_corpus.py``),
parses them, then times in one process, ``--repeat`` times (the fastest kept):
parsing, the header mapping, each extraction step (the context: masked and
tokenized paragraphs; officials; states; events; missions), the whole of
``extract_entities`` and the entity mapping. Milliseconds of CPU (process time)
a cable, steadier than wall time on a shared machine; to compare two versions,
run it from a checkout of each, alternately.

The load's own figures (store, workers, batches) are ``load.py`` and
``extract_load_speed.py``; this one says where the workers' time goes.
"""
from __future__ import annotations

import argparse
import sys
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cablegraph.extract import extract_entities  # noqa: E402
from cablegraph.extract.context import build_context  # noqa: E402
from cablegraph.extract.events import extract_events  # noqa: E402
from cablegraph.extract.missions import extract_missions  # noqa: E402
from cablegraph.extract.officials import extract_officials  # noqa: E402
from cablegraph.extract.states import extract_states  # noqa: E402
from cablegraph.loader.entity_mapping import entity_nquads  # noqa: E402
from cablegraph.loader.mapping import map_cable_nquads  # noqa: E402
from cablegraph.loader.parser import parse_cable  # noqa: E402
from cablegraph.loader.sources import iter_cable_texts  # noqa: E402


def step_times(records: list, texts: list) -> dict[str, float]:
    """CPU seconds of each step over all the cables."""
    clock = time.process_time
    spent = dict.fromkeys(("parse", "header mapping", "context", "officials", "states", "events", "missions",
                           "extract_entities", "entity mapping"), 0.0)
    started = clock()
    for text in texts:
        parse_cable(text)
    spent["parse"] = clock() - started
    started = clock()
    for record in records:
        map_cable_nquads(record)
    spent["header mapping"] = clock() - started
    for record in records:  # the steps of extract_entities, one by one
        before = clock()
        context = build_context(record)
        after_context = clock()
        _, name_spans = extract_officials(context)
        after_officials = clock()
        extract_states(context, name_spans)
        after_states = clock()
        extract_events(context)
        after_events = clock()
        extract_missions(context, record.origin.station if record.origin else None)
        spent["context"] += after_context - before
        spent["officials"] += after_officials - after_context
        spent["states"] += after_states - after_officials
        spent["events"] += after_events - after_states
        spent["missions"] += clock() - after_events
    entities = []
    started = clock()
    for record in records:
        entities.append(extract_entities(record))
    spent["extract_entities"] = clock() - started
    started = clock()
    for record, found in zip(records, entities):
        entity_nquads(record, found)
    spent["entity mapping"] = clock() - started
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = list(islice(iter_cable_texts([args.corpus]), args.count))
    records = [parse_cable(text) for text in texts]
    # lexicons, gazetteers and reference tables load once per process: not timed
    map_cable_nquads(records[0])
    entity_nquads(records[0], extract_entities(records[0]))
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for step, seconds in step_times(records, texts).items():
            best[step] = min(best.get(step, seconds), seconds)
    print(f"{len(records):,} cables of {args.corpus}, CPU ms a cable (fastest of {args.repeat}):")
    for step, seconds in best.items():
        indent = "  " if step in ("context", "officials", "states", "events", "missions") else ""
        print(f"{indent}{step:<{20 - len(indent)}}{1000 * seconds / len(records):8.3f}")


if __name__ == "__main__":
    main()
