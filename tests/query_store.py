"""The store the stored-query tests read: the shipped sample (examples/cables) and
six Tripoli cables of the shared corpus that cite each other
(09TRIPOLI17 -> 08TRIPOLI227 -> 08TRIPOLI166 -> 07TRIPOLI1033 <- 09TRIPOLI475;
09TRIPOLI1025 -> 09TRIPOLI941), loaded with entity extraction."""
from __future__ import annotations

from pathlib import Path

import pytest

from cablegraph.pipeline import load_paths

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples" / "cables"
CORPUS = ROOT / ".." / "shared" / "corpus" / "cablegate-html" / "cable"
CHAIN = ["2009/01/09TRIPOLI17", "2008/03/08TRIPOLI227", "2008/03/08TRIPOLI166", "2007/12/07TRIPOLI1033",
         "2009/06/09TRIPOLI475", "2009/11/09TRIPOLI941"]


def build_query_store(path: Path) -> Path:
    files = [CORPUS / f"{name}.html" for name in CHAIN]
    missing = [str(f.resolve()) for f in files if not f.is_file()]
    if missing:
        pytest.fail(f"shared corpus missing (../shared next to the clone): {missing[0]}")
    load_paths([EXAMPLES, *files], path, processes=1)
    return path
