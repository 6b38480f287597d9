"""A pool of query worker processes that can be killed.

Each request takes an idle worker, hands it a job and waits for the reply at
most until its deadline. A worker that has not answered by then is killed
(SIGKILL: pyoxigraph has no way to stop a query) and a fresh one is started in
the background, so a runaway query costs one process start, never a stuck
thread or a server restart. A worker that dies (crash, out of memory) is
replaced the same way.
"""
from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass

from cablegraph.server import worker as worker_module


class PoolError(Exception):
    status = 500


class QueryTimedOut(PoolError):
    status = 503


class PoolBusy(PoolError):
    status = 503


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: object


class WorkerPool:
    def __init__(self, store_path: str, size: int = 2, start_timeout: float = 60.0):
        self.store_path = str(store_path)
        self.size = size
        self.start_timeout = start_timeout
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self.started = 0
        self.killed = 0
        workers = [self._spawn() for _ in range(size)]
        for item in workers:
            self._wait_ready(item)
            self._idle.put(item)

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=worker_module.main, args=(child, self.store_path),
                                        name="cablegraph-query-worker", daemon=True)
        process.start()
        child.close()
        self.started += 1
        return _Worker(process, parent)

    def _wait_ready(self, item: _Worker) -> None:
        if not item.connection.poll(self.start_timeout):
            self._kill(item)
            raise PoolError("a query worker did not start in time")
        message = item.connection.recv()
        if message[0] != "ready":
            self._kill(item)
            raise PoolError(f"a query worker cannot open the store: {message[1]}")

    def _kill(self, item: _Worker) -> None:
        if item.process.is_alive():
            item.process.kill()
            self.killed += 1
        item.process.join(5)
        item.connection.close()

    def _replace(self, item: _Worker) -> None:
        self._kill(item)

        def start() -> None:
            while not self._closed:
                try:
                    fresh = self._spawn()
                    self._wait_ready(fresh)
                except PoolError:
                    time.sleep(1)
                    continue
                self._idle.put(fresh)
                return

        threading.Thread(target=start, name="cablegraph-worker-restart", daemon=True).start()

    def run(self, job: tuple, timeout: float) -> tuple:
        """The worker's reply to ``job``; raises :class:`QueryTimedOut` after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        try:
            item = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise PoolBusy(f"every query worker stayed busy for {timeout:g} s: try again later") from None
        healthy = False
        try:
            item.connection.send(job)
            if not item.connection.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimedOut(f"the query ran longer than the server's timeout of {timeout:g} s "
                                    "and was stopped: make it more selective or add a LIMIT")
            reply = item.connection.recv()
            healthy = True
            return reply
        except (EOFError, OSError) as error:
            raise PoolError(f"the query worker died while running the query ({error or 'no reply'})") from None
        finally:
            if healthy:
                self._idle.put(item)
            else:
                self._replace(item)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                item = self._idle.get_nowait()
            except queue.Empty:
                return
            self._kill(item)
