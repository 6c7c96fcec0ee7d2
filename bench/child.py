"""What runs inside each measured process: one build, one `mkdocs serve`, or writing a baseline.

`python -m bench.child build SITE KIND` builds SITE as `mkdocs build` does and prints one JSON
line with the plugin's own timings (KIND `plugin`: the plugin's import is timed too).
`python -m bench.child serve SITE PORT` serves SITE on 127.0.0.1:PORT as `mkdocs serve` does
and prints a JSON line after each build: the plugin's timings when it finishes its work, then
`built` when MkDocs has written the whole site.
`python -m bench.child baseline SITE WORK` writes the baseline site of SITE under WORK.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from .sites import ENV, baseline_site


class _Report(logging.Handler):
    """Prints the plugin's timings and the end of every build as JSON lines on stdout."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.last: dict[str, Any] = {}

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.name == "mkdocs.plugins.atlas" and record.msg.startswith("atlas: plugin work"):
            timings = record.args[0] if isinstance(record.args, tuple) else None
            self.last = timings.as_dict() if hasattr(timings, "as_dict") else {}
            _say({"event": "plugin", "at": time.time(), **self.last})
        elif message.startswith("Documentation built in"):
            _say({"event": "built", "at": time.time()})
        elif record.levelno >= logging.WARNING:
            print(f"{record.levelname}: {message}", file=sys.stderr, flush=True)


def _say(data: dict[str, Any]) -> None:
    print(json.dumps(data), flush=True)


def _logging() -> _Report:
    # Records of the plugin's logger reach the handler of `mkdocs` whatever its level, and
    # still count as warnings for strict mode.
    report = _Report()
    logging.getLogger("mkdocs").addHandler(report)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    logging.getLogger("mkdocs.plugins.atlas").setLevel(logging.DEBUG)
    return report


def build(site: Path, *, plugin: bool) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    report = _logging()
    start = time.perf_counter()
    imported = _import_plugin() if plugin else 0.0
    reading = _time_reading()
    config = load_config(str(site / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    timings = report.last
    if timings:
        timings["cpu"] = {"import": imported, **timings["cpu"]}
    _say(
        {
            "event": "done",
            "seconds": time.perf_counter() - start,
            "plugin": timings,
            "reading": reading[0],
        }
    )


def _time_reading() -> list[float]:
    """Time MkDocs' finding and reading of the source files in `docs/`, as it runs.

    The baseline build reads every page from disk; the plugin build reads its few hand-written
    pages and is handed the others in memory. Both builds are timed the same way.
    """
    import mkdocs.commands.build
    from mkdocs.structure.files import File

    spent = [0.0]
    # The name MkDocs' build calls, as `mkdocs.commands.build` imports it.
    find = vars(mkdocs.commands.build)["get_files"]
    read: property = File.__dict__["content_string"]

    def get_files(*args: Any, **kwargs: Any) -> Any:
        begin = time.process_time()
        try:
            return find(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - begin

    def content_string(self: File) -> str:
        begin = time.process_time()
        try:
            return str(read.__get__(self))
        finally:
            spent[0] += time.process_time() - begin

    setattr(mkdocs.commands.build, "get_files", get_files)  # noqa: B010
    setattr(File, "content_string", property(content_string, read.fset))  # noqa: B010
    return spent


def _import_plugin() -> float:
    """Processor time to import the plugin's modules, beyond what MkDocs imports anyway."""
    import mkdocs.commands.build
    import mkdocs.config.defaults
    import mkdocs.plugins
    import mkdocs.structure.files
    import mkdocs.structure.pages  # noqa: F401

    start = time.thread_time()
    import model_atlas.plugin  # noqa: F401

    return time.thread_time() - start


def serve(site: Path, port: int) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    _logging()
    mkdocs_serve(str(site / "mkdocs.yml"), dev_addr=f"127.0.0.1:{port}", livereload=True)


def main(argv: list[str]) -> int:
    os.environ.update(ENV)
    command, site = argv[0], Path(argv[1])
    if command == "build":
        build(site, plugin=argv[2] == "plugin")
    elif command == "serve":
        serve(site, int(argv[2]))
    elif command == "baseline":
        print(baseline_site(site, Path(argv[2])))
    else:
        print(f"unknown command {command!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
