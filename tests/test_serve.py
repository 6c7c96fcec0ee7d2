"""A scripted `mkdocs serve` session: one rebuild per catalog change, and recovery from errors.

The server runs on 127.0.0.1 on a free port, on a copy of the sample site, and is stopped at the
end. Each step waits for the server's log to report the end of a rebuild, within `TIMEOUT`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

TIMEOUT = 120.0
STARTED = "Building documentation..."
BUILT = "Reloading browsers"
FAILED = "An error happened during the rebuild"
TOY_3 = """name: Toy-3
type: model
organization: example-lab
released: "2024-02"
architecture: decoder-only
modalities: {input: [text], output: [text]}
summary: A toy added while the server runs.
sources:
  - url: https://example.org/toy-3
    title: Toy-3 card
"""


class Server:
    """`mkdocs serve` in a child process, with its log collected line by line."""

    def __init__(self, site: Path, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/"
        self.lines: list[str] = []
        self._changed = threading.Condition()
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true",
            "PYTHONUNBUFFERED": "1",
            "GIT_CEILING_DIRECTORIES": str(site.parent),
        }
        command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
        self.process = subprocess.Popen(
            command,
            cwd=site,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def count(self, text: str) -> int:
        with self._changed:
            return sum(text in line for line in self.lines)

    def wait_for(self, text: str, count: int) -> None:
        deadline = time.monotonic() + TIMEOUT
        with self._changed:
            while sum(text in line for line in self.lines) < count:
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    log = "\n".join(self.lines)
                    raise AssertionError(f"no {count}x {text!r} in the server's log:\n{log}")
                self._changed.wait(min(left, 1.0))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=TIMEOUT) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""

    def stop(self) -> None:
        if self.process.poll() is None:
            # Ctrl+C: the server shuts down and removes its temporary site folder.
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        self._reader.join(timeout=30)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(sample_site: Path) -> Iterator[Server]:
    running = Server(sample_site, _free_port())
    try:
        running.wait_for("Serving on", 1)
        yield running
    finally:
        running.stop()


def _replace(path: Path, text: str, scratch: Path) -> None:
    """Write a whole file at once, as editors that save atomically do."""
    scratch.mkdir(exist_ok=True)
    temporary = scratch / path.name
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_each_catalog_change_rebuilds_once(server: Server, sample_site: Path) -> None:
    catalog = sample_site / "catalog"
    scratch = sample_site.parent / "scratch"
    assert (server.count(STARTED), server.count(BUILT)) == (1, 0)
    assert server.get("models/toy-1/")[0] == 200

    def step(number: int, outcome: str, outcomes: int) -> None:
        server.wait_for(outcome, outcomes)
        assert server.count(STARTED) == number + 1, "\n".join(server.lines)

    toy1 = catalog / "models" / "toy-1.yaml"
    _replace(toy1, toy1.read_text().replace("The first toy model.", "The edited toy."), scratch)
    step(1, BUILT, 1)
    assert "The edited toy." in server.get("models/toy-1/")[1]

    _replace(catalog / "models" / "toy-3.yaml", TOY_3, scratch)
    step(2, BUILT, 2)
    status, html = server.get("models/toy-3/")
    assert status == 200 and "A toy added while the server runs." in html

    (catalog / "models" / "toy-3.yaml").unlink()
    step(3, BUILT, 3)
    assert server.get("models/toy-3/")[0] == 404

    toy2 = catalog / "models" / "toy-2.yaml"
    good = toy2.read_text()
    _replace(toy2, good.replace('released: "2022-01"', "released: 2022-01-01"), scratch)
    step(4, FAILED, 1)
    assert any(
        "catalog/models/toy-2.yaml:4 released: YAML reads '2022-01-01' as a date" in line
        for line in server.lines
    )
    assert not any("Traceback" in line for line in server.lines)
    # MkDocs holds page requests until a build succeeds: this one is answered after the fix.
    waiting: list[tuple[int, str]] = []
    reader = threading.Thread(target=lambda: waiting.append(server.get("models/toy-2/")))
    reader.start()

    _replace(toy2, good.replace("The second toy model.", "The second toy, fixed."), scratch)
    step(5, BUILT, 4)
    reader.join(timeout=TIMEOUT)
    assert waiting and waiting[0][0] == 200
    assert "The second toy, fixed." in waiting[0][1]
    assert "The edited toy." in server.get("models/toy-1/")[1]

    # A rebuild that changed a watched file would have started another one by now.
    time.sleep(2)
    assert (server.count(STARTED), server.count(BUILT), server.count(FAILED)) == (6, 4, 1)
