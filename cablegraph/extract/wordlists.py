"""Read the word lists shipped in ``cablegraph/extract/lexicons`` (once per process)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("cablegraph.extract.lexicons").joinpath(name).read_text("utf-8")
    return [line.rstrip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """One entry per line (``titles_heads.txt``); blank lines and ``#`` comments skipped."""
    return tuple(line.strip() for line in _lines(name))


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """Lower-cased entries of a one-per-line list, for membership tests."""
    return frozenset(entry.lower() for entry in word_list(name))


@lru_cache(maxsize=None)
def table(name: str) -> tuple[tuple[str, str], ...]:
    """Two tab-separated columns (``form<TAB>value``)."""
    rows = []
    for line in _lines(name):
        key, _, value = line.partition("\t")
        rows.append((key.strip(), value.strip()))
    return tuple(rows)


@lru_cache(maxsize=None)
def tokens(name: str) -> frozenset[str]:
    """Whitespace-separated tokens of a list file (``non_sovereign.txt``)."""
    return frozenset(token for line in _lines(name) for token in line.split())
