"""Memory the C allocator holds free, given back to the operating system."""
from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    library = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(library), "malloc_trim") if library else None
    except (OSError, AttributeError):  # not glibc
        return None


def release_free_memory() -> None:
    """Return the memory glibc's malloc holds free to the system (a no-op
    with other C libraries).

    oxigraph allocates with malloc: a query's hash tables and a bulk load's
    buffers, once freed, stay in the arena of the thread that used them, where
    queries run on other threads do not reuse them. Between the phases of a
    load (writing, the status graph, validation) that memory only adds to the
    peak.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
