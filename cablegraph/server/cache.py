"""A bounded cache of answers, by job.

The server opens the store read-only: the same query with the same format and
dataset gives the same bytes until the server restarts, so a repeated query
(the stored queries, the pages) is answered without a worker. Least recently
used answers leave first when the total size passes the budget. Clients that
ask the same question while it is being answered wait for that answer rather
than run the query again (many clients opening the same page at once).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable


class AnswerCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, tuple] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._in_flight: dict[tuple, threading.Event] = {}
        self.hits = self.misses = 0

    def answer(self, key: tuple, compute: Callable[[], tuple], wait: float) -> tuple:
        """The cached reply to ``key``, else the one being computed for it (waiting
        up to ``wait`` seconds), else ``compute()``'s, cached when it is ``ok``."""
        reply = self.get(key)
        if reply is not None:
            return reply
        with self._lock:
            running = self._in_flight.get(key)
            if running is None:
                self._in_flight[key] = threading.Event()
        if running is not None:
            running.wait(wait)
            reply = self.get(key)
            return reply if reply is not None else compute()  # it failed or timed out: our own try
        try:
            reply = compute()
            if reply[0] == "ok":
                self.put(key, reply)
            return reply
        finally:
            with self._lock:
                self._in_flight.pop(key).set()

    @staticmethod
    def _cost(reply: tuple) -> int:
        return sum(len(part) for part in reply if isinstance(part, (bytes, str))) + 200

    def get(self, key: tuple) -> tuple | None:
        with self._lock:
            reply = self._items.get(key)
            if reply is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return reply

    def put(self, key: tuple, reply: tuple) -> None:
        cost = self._cost(reply)
        if cost > self.max_bytes // 8:  # one answer never crowds out the rest
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = reply
            self._size += cost
            while self._size > self.max_bytes and self._items:
                _, old = self._items.popitem(last=False)
                self._size -= self._cost(old)
