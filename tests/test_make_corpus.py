"""The benchmark corpus (``bench/make_corpus.py``): each resampled text names the
reference ID it was given, so that a load of N rows makes N cables.

Needs ``../shared`` (the corpus it resamples).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cablegraph.loader.ids import canonical_id
from cablegraph.loader.parser import parse_cable
from cablegraph.loader.sources import CableText, iter_cable_texts

ROOT = Path(__file__).parents[1]
SHARED = ROOT / ".." / "shared"


@pytest.fixture(scope="module")
def make_corpus():
    if not (SHARED / "corpus" / "cablegate-html").is_dir():
        pytest.fail(f"test_make_corpus needs the shared corpus at {SHARED.resolve()} (../shared from the project root)")
    sys.path.insert(0, str(ROOT / "bench"))
    from make_corpus import make_corpus

    return make_corpus


def test_every_row_parses_to_its_given_reference_id(make_corpus, tmp_path):
    path = tmp_path / "cables.csv"
    assert make_corpus(600, path, seed=3, shared=SHARED) == 600
    texts = [item for item in iter_cable_texts([path]) if isinstance(item, CableText)]
    assert len(texts) == 600
    long_serials = 0
    for text in texts:
        record = parse_cable(text)
        assert record.reference_id == canonical_id(text.source.given_id), (text.source.given_id, record.warnings)
        long_serials += int(record.reference_id[2:].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or 0) >= 10_000
    # serials of five digits and more, whose DE line holds only their last four, are among them
    assert long_serials > 10
