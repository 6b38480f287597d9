"""release_free_memory gives memory malloc holds free back to the system."""
from __future__ import annotations

import os
import threading

import pytest

from cablegraph.memory import _malloc_trim, release_free_memory


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(_malloc_trim() is None, reason="glibc only")
def test_memory_freed_in_another_threads_arena_is_given_back():
    kept = []

    def allocate_then_free_most():
        blocks = [b"x" * 65536 for _ in range(3000)]  # 190 MB, below malloc's mmap threshold
        kept.extend(blocks[::50])  # a few stay, so the free space is in the middle of the heap
        blocks.clear()

    worker = threading.Thread(target=allocate_then_free_most)
    worker.start()
    worker.join()
    before = _resident_mb()
    release_free_memory()
    assert before - _resident_mb() > 100
    del kept  # alive until here, holding the freed space in the middle of the heap
