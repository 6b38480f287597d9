"""Score the entity extractor against ../shared/gold/entities-dev and time it.

    python bench/extract_quality.py [--shared ../shared] [--details]

Officials: recall and precision by normalised name (one-to-one; a prediction
also matches when its name is one of the gold entry's surfaces or the other
way round), title recall over matched officials (case-insensitive, a title
matches when either one's words contain the other's), and the share of matched
officials given the gold entry's state.  States: micro F1 over
the cables' state lists.  Events: recall, a gold event counting as found when
a predicted event's name shares at least half of its distinctive words.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cablegraph.extract import extract_entities  # noqa: E402
from cablegraph.extract.names import name_key  # noqa: E402

DEFAULT_SHARED = ROOT.parent / "shared"
GENERIC_EVENT_WORDS = frozenset(
    "the a an of on in for and to with at meeting meetings conference summit talks negotiations "
    "dialogue session round process".split())


# -- reading the gold cables ---------------------------------------------------
def gold_records(shared: Path):
    """(gold entry, parsed record) per annotated cable, read by the project's readers."""
    from cablegraph.loader.parser import parse_cable
    from cablegraph.loader.sources import CableText, iter_cable_texts

    folder = shared / "gold" / "entities-dev"
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        items = [i for i in iter_cable_texts([shared / "corpus" / gold["path"]]) if isinstance(i, CableText)]
        if not items:
            raise ValueError(f"the readers rejected {gold['path']}")
        record = parse_cable(items[0])
        record.reference_id = record.reference_id or gold["cable_id"]
        yield gold, record


# -- scoring -------------------------------------------------------------------
def _keys(official: dict) -> set[str]:
    return {name_key(official["name"])} | {name_key(s) for s in official.get("surface", [])}


def match_officials(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    pairs = []
    free = list(predicted)
    for exact in (True, False):
        for g in gold:
            if any(g is pg for pg, _ in pairs):
                continue
            for p in free:
                same = name_key(g["name"]) == name_key(p["name"]) if exact else (
                    name_key(p["name"]) in _keys(g) or name_key(g["name"]) in _keys(p))
                if same:
                    pairs.append((g, p))
                    free.remove(p)
                    break
    return pairs


def _title_words(title: str) -> set[str]:
    return set(re.split(r"[\s\-/]+", title.lower())) - {"of", "the", "for", "and", "a"}


def titles_found(gold: dict, predicted: dict) -> tuple[int, int]:
    wanted = [_title_words(t) for t in gold["titles"]]
    have = [_title_words(t) for t in predicted["titles"]]
    hits = sum(1 for w in wanted if any(w <= h or (h and h <= w) for h in have))
    return hits, len(wanted)


def event_words(name: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", name.lower().replace("-", " ")) if w} - GENERIC_EVENT_WORDS


def event_found(gold: dict, predicted: list[dict]) -> bool:
    words = event_words(gold["name"])
    for event in predicted:
        mine = event_words(event["name"])
        if words and mine and len(words & mine) * 2 >= min(len(words), len(mine)) and words & mine:
            return True
        if not words and event["kind"] == gold["kind"] and set(event["paragraphs"]) & set(gold["paragraphs"]):
            return True
    return False


@dataclass
class Scores:
    officials_gold: int = 0
    officials_predicted: int = 0
    officials_matched: int = 0
    titles_gold: int = 0
    titles_found: int = 0
    official_states_gold: int = 0  # matched officials whose gold entry names a state
    official_states_correct: int = 0
    official_states_wrong: int = 0  # ... given another state (not: given none)
    states_gold: int = 0
    states_predicted: int = 0
    states_correct: int = 0
    events_gold: int = 0
    events_found: int = 0
    missions_gold: int = 0
    missions_predicted: int = 0
    missions_correct: int = 0
    cables: int = 0
    seconds: float = 0.0
    read_and_parse_seconds: float = 0.0

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def officials_recall(self) -> float:
        return self._ratio(self.officials_matched, self.officials_gold)

    @property
    def officials_precision(self) -> float:
        return self._ratio(self.officials_matched, self.officials_predicted)

    @property
    def titles_recall(self) -> float:
        return self._ratio(self.titles_found, self.titles_gold)

    @property
    def states_f1(self) -> float:
        p = self._ratio(self.states_correct, self.states_predicted)
        r = self._ratio(self.states_correct, self.states_gold)
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def events_recall(self) -> float:
        return self._ratio(self.events_found, self.events_gold)

    @property
    def cables_per_second(self) -> float:
        return self.cables / self.seconds if self.seconds else float("inf")


def score(shared: Path = DEFAULT_SHARED, details: bool = False, repeat: int = 20) -> Scores:
    if not (shared / "gold" / "entities-dev").is_dir():
        raise FileNotFoundError(f"gold standard not found: {shared / 'gold' / 'entities-dev'}")
    scores = Scores()
    started = time.perf_counter()
    records = list(gold_records(shared))
    scores.read_and_parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(repeat):
        outputs = [extract_entities(record).as_gold_dict() for _, record in records]
    scores.seconds = (time.perf_counter() - started) / repeat
    scores.cables = len(records)
    for (gold, _), predicted in zip(records, outputs):
        pairs = match_officials(gold["officials"], predicted["officials"])
        scores.officials_gold += len(gold["officials"])
        scores.officials_predicted += len(predicted["officials"])
        scores.officials_matched += len(pairs)
        for g, p in pairs:
            hits, total = titles_found(g, p)
            scores.titles_found += hits
            scores.titles_gold += total
            if g.get("state"):
                scores.official_states_gold += 1
                scores.official_states_correct += g["state"] == p.get("state")
                scores.official_states_wrong += p.get("state") not in (None, g["state"])
        gold_states, mine = set(gold["states"]), set(predicted["states"])
        scores.states_gold += len(gold_states)
        scores.states_predicted += len(mine)
        scores.states_correct += len(gold_states & mine)
        scores.missions_gold += len(gold["missions"])
        scores.missions_predicted += len(predicted["missions"])
        scores.missions_correct += len(set(gold["missions"]) & set(predicted["missions"]))
        found = [event_found(e, predicted["events"]) for e in gold["events"]]
        scores.events_gold += len(found)
        scores.events_found += sum(found)
        if details:
            _print_details(gold, predicted, pairs, found)
    return scores


def _print_details(gold: dict, predicted: dict, pairs, found) -> None:
    matched_gold = [g for g, _ in pairs]
    matched_pred = [p for _, p in pairs]
    print(f"## {gold['cable_id']}")
    for g in gold["officials"]:
        if not any(g is m for m in matched_gold):
            print("   missed   ", g["name"], g["titles"])
    for p in predicted["officials"]:
        if not any(p is m for m in matched_pred):
            print("   spurious ", p["name"], p["surface"], p["titles"])
    for g, p in pairs:
        hits, total = titles_found(g, p)
        if hits < total:
            print("   titles   ", g["name"], g["titles"], "<>", p["titles"])
        if g.get("state") and g["state"] != p.get("state"):
            print("   state    ", g["name"], g["state"], "<>", p.get("state"), p["titles"], p.get("organization"))
    gs, ps = set(gold["states"]), set(predicted["states"])
    if gs != ps:
        print("   states    missed", sorted(gs - ps), "spurious", sorted(ps - gs))
    for e, ok in zip(gold["events"], found):
        if not ok:
            print("   event missed", e["name"])
    print("   events predicted", [e["name"] for e in predicted["events"]])


TARGETS = {"officials recall": 0.85, "officials precision": 0.85, "states F1": 0.90, "events recall": 0.70}


def report(scores: Scores) -> str:
    rows = [
        ("officials recall", scores.officials_recall, f"{scores.officials_matched}/{scores.officials_gold}"),
        ("officials precision", scores.officials_precision, f"{scores.officials_matched}/{scores.officials_predicted}"),
        ("titles recall (matched officials)", scores.titles_recall, f"{scores.titles_found}/{scores.titles_gold}"),
        ("officials' state (matched officials)", scores._ratio(scores.official_states_correct, scores.official_states_gold),
         f"{scores.official_states_correct}/{scores.official_states_gold}, "
         f"{scores.official_states_wrong} given another state"),
        ("states F1", scores.states_f1, f"{scores.states_correct} correct, {scores.states_gold} gold, {scores.states_predicted} predicted"),
        ("events recall", scores.events_recall, f"{scores.events_found}/{scores.events_gold}"),
        ("missions recall (exact name)", scores._ratio(scores.missions_correct, scores.missions_gold),
         f"{scores.missions_correct}/{scores.missions_gold}, {scores.missions_predicted} predicted"),
    ]
    lines = [f"{'measure':36} {'score':>7} {'target':>7}  counts"]
    for name, value, counts in rows:
        target = TARGETS.get(name)
        lines.append(f"{name:36} {value:7.1%} {(f'{target:.0%}' if target else ''):>7}  {counts}")
    n = max(scores.cables, 1)
    lines.append(f"extraction speed: {scores.cables_per_second:,.0f} cables/s "
                 f"({1000 * scores.seconds / n:.2f} ms per cable, {scores.cables} cables); "
                 f"reading + parsing the same cables: {1000 * scores.read_and_parse_seconds / n:.2f} ms per cable "
                 f"(once, cold)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--details", action="store_true", help="list misses per cable")
    args = parser.parse_args()
    print(report(score(args.shared, details=args.details)))


if __name__ == "__main__":
    main()
