"""A real ``cablegraph serve`` on a free loopback port over a store loaded from
``examples/cables`` (shared by the server and browser tests)."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "cables"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cablegraph(*args: str) -> list[str]:
    return [sys.executable, "-c", "from cablegraph.cli import main; main()", *args]


def load_examples(store: Path) -> None:
    subprocess.run(cablegraph("load", str(EXAMPLES), "--store", str(store)), check=True,
                   capture_output=True, timeout=600)


class Server:
    def __init__(self, store: Path, *options: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            cablegraph("serve", "--store", str(store), "--port", str(self.port), *options),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"cablegraph serve exited: {self.process.stdout.read().decode()}")
            try:
                urllib.request.urlopen(self.url + "/static/style.css", timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("cablegraph serve did not answer within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
