"""Measure the site build at several catalog sizes and hold each figure against its target.

Every build runs in a fresh child process. A baseline build and a plugin build make a pair,
run at the same time on two processors when the machine has them. Times are the processor time
(user + system) of each child as the kernel counts it, which a busy machine changes far less
than elapsed time; elapsed times are shown beside them. Figures are medians of the repetitions.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import queue
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .generate import PROBE_MODEL, Shape, dump, model, model_id
from .machine import about, busy_seconds, wait_for_quiet
from .sites import ENV, ROOT, plugin_site, read_config

SIZES = (1_000, 5_000, 10_000)
QUICK_SIZES = (100, 300)
TARGETS = {
    "overhead": 0.05,
    "growth": 11.0,
    "page weight": 0.10,
    "memory": 2 * 1024**3,
    "rebuild": 0.10,
}
# Loading jieba's dictionary is the search plugin's work, which the plugin only starts earlier;
# in `mkdocs serve` the plugin collects the last build's garbage before its own work.
NOT_PLUGIN_WORK = ("jieba start-up", "garbage collection")
# A build during which other programs kept this many processors busy on average is done again.
INTERFERENCE = 0.25
RETRIES = 2


@dataclass
class Run:
    """One child build: its processor time, elapsed time, peak memory and plugin timings."""

    cpu: float
    wall: float
    peak_rss: int
    plugin: dict[str, Any] = field(default_factory=dict)
    others: float = 0.0
    """Processors that other programs kept busy, on average, during the build."""
    reading: float = 0.0
    """Processor time MkDocs spent finding and reading the source files in `docs/`."""

    @property
    def plugin_cpu(self) -> float:
        return work(self.plugin.get("cpu", {}))


def work(phases: dict[str, float]) -> float:
    """The plugin's own processor time: its phases, less what it does for the search plugin."""
    return float(sum(seconds for name, seconds in phases.items() if name not in NOT_PLUGIN_WORK))


def child_environment() -> dict[str, str]:
    """The environment of the measured processes: Python keeps compiled modules, as it does by
    default (a sandbox that turns this off would charge every build with compiling them)."""
    env = {**os.environ, **ENV}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass
class _Started:
    process: subprocess.Popen[str]
    output: Path
    timer: threading.Timer
    start: float
    args: tuple[str, ...]


def _start(args: tuple[str, ...], timeout: float, processor: int | None, output: Path) -> _Started:
    # The child keeps its own copies of these files' descriptors; this process reads them back
    # by name once the child has ended.
    with output.with_suffix(".out").open("w") as out, output.with_suffix(".err").open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.child", *args],
            cwd=ROOT,
            env=child_environment(),
            stdout=out,
            stderr=err,
            text=True,
            # Pinned before it runs any of its own code.
            preexec_fn=None if processor is None else lambda: os.sched_setaffinity(0, {processor}),
        )
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    return _Started(process, output, timer, time.perf_counter(), args)


def _children(
    jobs: Sequence[tuple[str, ...]], timeout: float, processors: list[int] | None = None
) -> tuple[list[tuple[Run, list[dict[str, Any]]]], float]:
    """Run `python -m bench.child ARGS` for every job at once, each on its own processor when
    `processors` are given; each rusage comes from wait4, for that child alone.

    Returns the runs in the order of `jobs`, and how many processors other programs kept busy
    on average meanwhile.
    """
    with tempfile.TemporaryDirectory(prefix="atlas-bench-child-") as folder:
        busy = busy_seconds()
        began = time.perf_counter()
        pinned: list[int | None] = [*processors] if processors else [None] * len(jobs)
        started: list[_Started] = []
        ended: dict[int, tuple[int, Any, float]] = {}
        try:
            for index, args in enumerate(jobs):
                started.append(_start(args, timeout, pinned[index], Path(folder, f"{index}")))
            by_pid = {job.process.pid: job for job in started}
            while len(ended) < len(started):
                pid, status, usage = os.wait4(-1, 0)
                if pid in by_pid:
                    ended[pid] = (status, usage, time.perf_counter())
        finally:
            for job in started:
                job.timer.cancel()
                if job.process.pid not in ended:
                    job.process.kill()
                    job.process.wait()
        elapsed = time.perf_counter() - began
        used = sum(usage.ru_utime + usage.ru_stime for _, usage, _ in ended.values())
        others = max(0.0, (busy_seconds() - busy - used) / elapsed) if busy else 0.0
        results = [_result(job, *ended[job.process.pid], others) for job in started]
    return results, others


def _result(
    job: _Started, status: int, usage: Any, finished: float, others: float
) -> tuple[Run, list[dict[str, Any]]]:
    job.process.returncode = os.waitstatus_to_exitcode(status)
    output = job.output.with_suffix(".out").read_text(encoding="utf-8", errors="replace")
    if job.process.returncode != 0:
        errors = job.output.with_suffix(".err").read_text(encoding="utf-8", errors="replace")
        raise RuntimeError(f"bench.child {' '.join(job.args)} failed:\n{errors[-3000:]}")
    events = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    cpu = usage.ru_utime + usage.ru_stime
    run = Run(cpu, finished - job.start, usage.ru_maxrss * 1024, others=others)
    for event in events:
        if event.get("event") == "done":
            run.plugin = event.get("plugin", {})
            run.reading = float(event.get("reading", 0.0))
    return run, events


def _child(*args: str, timeout: float) -> tuple[Run, list[dict[str, Any]]]:
    (result,), _ = _children([args], timeout)
    return result


@dataclass
class Size:
    """Everything measured at one catalog size."""

    shape: Shape
    baseline: list[Run] = field(default_factory=list)
    plugin: list[Run] = field(default_factory=list)
    probe_page: int = 0
    home_page: int = 0
    search_index: int = 0
    search_docs: int = 0
    pages: int = 0
    baseline_pages: int = 0

    def median(self, runs: str, value: str) -> float:
        return float(statistics.median(getattr(run, value) for run in getattr(self, runs)))

    @property
    def share(self) -> float:
        """The plugin's own work against the rest of the same build, median over plugin builds
        (the rest includes the reading of `docs/`)."""
        return statistics.median(run.plugin_cpu / (run.cpu - run.plugin_cpu) for run in self.plugin)

    @property
    def estimate(self) -> float:
        """The overhead from each build's own split of its time, free of the noise between builds.

        A plugin build is MkDocs' work on the pages (M), the plugin's work (P) and the reading
        of the few files in `docs/` (Rp); a baseline build is M and the reading of every page
        from disk (Rb). Each build gives its parts as shares of its own M, which a slower or
        faster machine changes alike; the overhead (M + P + Rp) / (M + Rb) - 1 follows from the
        medians of those shares.
        """
        plugin = statistics.median(
            (run.plugin_cpu + run.reading) / (run.cpu - run.plugin_cpu - run.reading)
            for run in self.plugin
        )
        baseline = statistics.median(run.reading / (run.cpu - run.reading) for run in self.baseline)
        return float((plugin - baseline) / (1 + baseline))

    @property
    def consistent(self) -> bool:
        """Whether the whole builds bear the estimate out: some pair is no slower than it.

        The estimate assumes that MkDocs' work is the same in both builds; work the plugin
        caused inside MkDocs' own (more garbage to collect, say) would escape it, and would
        show as every whole plugin build slower than the estimate allows. Whole builds that
        all come out faster than the estimate say the opposite, and count against nothing.
        """
        return min(self.ratios()) <= self.estimate

    def ratios(self) -> list[float]:
        """Plugin build / baseline build - 1 for each pair of builds run together."""
        pairs = zip(self.plugin, self.baseline, strict=True)
        return [plugin.cpu / base.cpu - 1 for plugin, base in pairs]

    @property
    def overhead(self) -> float:
        """The plugin's overhead: the median of the pairs' ratios."""
        return float(statistics.median(self.ratios()))

    def phase(self, name: str) -> float:
        phases = (run.plugin.get("cpu", {}).get(name, 0.0) for run in self.plugin)
        return float(statistics.median(phases))

    def phases(self) -> list[str]:
        names: dict[str, None] = {}
        for run in self.plugin:
            names.update(dict.fromkeys(run.plugin.get("cpu", {})))
        return list(names)


@dataclass
class Sites:
    """The plugin site and the baseline site of one size."""

    plugin: Path
    baseline: Path


def prepare(work: Path, entries: int, log: Any) -> tuple[Size, Sites]:
    started = time.perf_counter()
    site, shape = plugin_site(work, entries)
    _child("baseline", str(site), str(work), timeout=3600)
    log(
        f"{entries:,} entries: {shape.models:,} models, {shape.techniques:,} techniques, "
        f"{shape.organizations} organizations, {shape.tags} tags "
        f"(catalog and baseline site written in {time.perf_counter() - started:.0f} s)"
    )
    return Size(shape), Sites(site, work / f"baseline-{entries}")


def _processors() -> list[int] | None:
    """Two processors to pin a pair of builds to, or None to build one after the other."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    return allowed[:2] if len(allowed) >= 2 else None


def build_pair(
    size: Size, sites: Sites, number: int, repeat: int, log: Any, *, quiet: bool = True
) -> None:
    """One baseline build and one plugin build; a pair disturbed by others is done again.

    With two processors the two builds run at the same time, each pinned to its own processor
    (swapped from one repetition to the next), so that whatever slows the machine down while
    they run slows both alike; the ratio of their processor times is then far steadier than
    between builds made one after the other. With one processor they run one after the other.
    """
    limit = 600 + size.shape.entries * 0.2
    kinds = (("baseline", sites.baseline), ("plugin", sites.plugin))
    processors = _processors()
    if processors is not None and number % 2:
        processors.reverse()
    for attempt in range(RETRIES + 1):
        waited = wait_for_quiet() if quiet else 0.0
        jobs = [("build", str(folder), kind) for kind, folder in kinds]
        if processors is None:
            runs = [_child(*job, timeout=limit) for job in jobs]
            others = max(run.others for run, _ in runs)
        else:
            runs, others = _children(jobs, limit, processors)
        for (kind, _), (run, _) in zip(kinds, runs, strict=True):
            log(
                f"  {size.shape.entries:>6,} {kind:8} "
                + (f"build {number + 1}/{repeat}: " if number >= 0 else "warm-up: ")
                + f"{run.cpu:6.1f} s processor, {run.wall:6.1f} s elapsed, "
                f"{run.peak_rss / 1024**2:5.0f} MiB"
                + (f", plugin {run.plugin_cpu:.2f} s" if kind == "plugin" else "")
            )
        log(
            "    "
            + ("at the same time" if processors else "one after the other")
            + (f", waited {waited:.0f} s for a quiet machine" if waited > 2 else "")
            + (f", other programs {others:.2f} processors" if others > 0.05 else "")
        )
        if others <= INTERFERENCE or attempt == RETRIES:
            break
        log("    (builds disturbed by other programs: done again)")
    for (kind, _), (run, _) in zip(kinds, runs, strict=True):
        getattr(size, kind).append(run)


def weigh(size: Size, sites: Sites) -> None:
    """Page weight and search index of the last plugin build."""
    built = sites.plugin / "site"
    size.probe_page = (built / "models" / model_id(PROBE_MODEL) / "index.html").stat().st_size
    size.home_page = (built / "index.html").stat().st_size
    search = built / "search" / "search_index.json"
    size.search_index = search.stat().st_size
    size.search_docs = len(json.loads(search.read_text(encoding="utf-8"))["docs"])
    size.pages = sum(1 for _ in built.rglob("*.html"))
    size.baseline_pages = sum(1 for _ in (sites.baseline / "site").rglob("*.html"))


@dataclass
class Rebuild:
    """One saved file in `mkdocs serve` and what followed."""

    edit: str
    reload: float
    plugin: float
    phases: dict[str, float]
    counts: dict[str, int]


@dataclass
class Serve:
    """The first build and the one-file rebuilds of one `mkdocs serve`.

    Text edits (a summary) are what contributors make most; a rename reaches every page that
    shows the name, and every index, and is measured apart.
    """

    entries: int
    first_plugin: float = 0.0
    first_wall: float = 0.0
    first_phases: dict[str, float] = field(default_factory=dict)
    rebuilds: list[Rebuild] = field(default_factory=list)
    extra_rebuilds: int = 0
    """Rebuilds that no edit of the benchmark's asked for."""

    def median(self, edit: str, value: str) -> float:
        return float(statistics.median(getattr(r, value) for r in self.rebuilds if r.edit == edit))

    def ratio(self, edit: str = "text") -> float:
        return self.median(edit, "plugin") / self.first_plugin


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def measure_serve(site: Path, shape: Shape, edits: int, build_time: float, log: Any) -> Serve:
    """Save the probe model's file `edits` times; time each until the served page shows it."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.child", "serve", str(site), str(port)],
        cwd=ROOT,
        env=child_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    events: queue.Queue[dict[str, Any]] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("{"):
                events.put(json.loads(line))

    threading.Thread(target=read, daemon=True).start()
    limit = 120 + 4 * build_time

    def wait_for(kind: str) -> dict[str, Any]:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                event = events.get(timeout=1)
            except queue.Empty:
                if process.poll() is not None:
                    break
                continue
            if event["event"] == kind:
                return event
        raise RuntimeError(f"mkdocs serve: no {kind!r} event within {limit:.0f} s")

    def settle(quiet: float = 3.0) -> None:
        """Wait until the server has been idle for `quiet` seconds, finishing any rebuild it
        started on its own (a save seen twice, say), so that no earlier event is taken for the
        next edit's."""
        while True:
            try:
                event = events.get(timeout=quiet)
            except queue.Empty:
                return
            if event["event"] == "plugin":
                result.extra_rebuilds += 1
                wait_for("built")

    result = Serve(shape.entries)
    path = site / "catalog" / "models" / f"{model_id(PROBE_MODEL)}.yaml"
    # `mkdocs serve` serves the site under the path of its `site_url`.
    config = read_config(site / "mkdocs.yml")
    mount = urllib.parse.urlsplit(config.get("site_url") or "/").path.rstrip("/")
    url = f"http://127.0.0.1:{port}{mount}/models/{model_id(PROBE_MODEL)}/"
    try:
        started = time.perf_counter()
        first = wait_for("plugin")
        wait_for("built")
        result.first_wall = time.perf_counter() - started
        result.first_phases = first["cpu"]
        result.first_plugin = work(first["cpu"])
        for number, edit in enumerate(["text"] * edits + ["rename"]):
            marker = f"benchmarkedit{number}x{os.getpid()}"
            data = model(PROBE_MODEL, shape)
            if edit == "text":
                data["summary"] = f"Edited {marker}: {data['summary']}"
            else:
                data["name"] = f"{data['name']} {marker}"
            settle()
            path.write_text(dump(data), encoding="utf-8")
            saved = time.perf_counter()
            deadline = saved + limit
            while marker not in _fetch(url):
                if time.perf_counter() > deadline or process.poll() is not None:
                    raise RuntimeError(f"the served page did not change within {limit:.0f} s")
                time.sleep(0.05)
            reload = time.perf_counter() - saved
            event = wait_for("plugin")
            wait_for("built")
            done = Rebuild(edit, reload, work(event["cpu"]), event["cpu"], event["counts"])
            result.rebuilds.append(done)
            log(
                f"  serve, {edit} edit {number + 1}: page reloaded after {reload:.1f} s, "
                f"plugin {done.plugin:.3f} s (first build {result.first_plugin:.3f} s), "
                f"{done.counts.get('files read', '?')} file(s) read, "
                f"{done.counts.get('pages rendered', '?')} page(s) rendered"
            )
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return result


@dataclass
class Verdict:
    name: str
    figure: str
    target: str
    met: bool


def verdicts(sizes: list[Size], serve: Serve | None) -> list[Verdict]:
    """Each target against its figure; the growth and weight targets compare first and last."""
    found = []
    for size in sizes:
        ratios = size.ratios()
        found.append(
            Verdict(
                f"plugin overhead at {size.shape.entries:,} entries",
                f"{size.estimate:+.1%} from each build's own split (build against baseline "
                f"build: median {size.overhead:+.1%}, pairs {min(ratios):+.1%} to "
                f"{max(ratios):+.1%})",
                f"at most +{TARGETS['overhead']:.0%}, and not below every pair",
                size.estimate <= TARGETS["overhead"] and size.consistent,
            )
        )
    small, large = sizes[0], sizes[-1]
    scale = large.shape.entries / small.shape.entries
    growth = large.median("plugin", "cpu") / small.median("plugin", "cpu")
    found.append(
        Verdict(
            f"build time at {large.shape.entries:,} / at {small.shape.entries:,} entries",
            f"{growth:.2f} times (catalog {scale:.0f} times larger)",
            f"at most {TARGETS['growth']:.0f} times",
            growth <= TARGETS["growth"],
        )
    )
    change = large.probe_page / small.probe_page - 1
    found.append(
        Verdict(
            "model page HTML",
            f"{large.probe_page:,} bytes against {small.probe_page:,} ({change:+.1%})",
            f"within {TARGETS['page weight']:.0%}",
            abs(change) <= TARGETS["page weight"],
        )
    )
    peak = max(run.peak_rss for run in large.plugin)
    found.append(
        Verdict(
            f"peak memory at {large.shape.entries:,} entries",
            f"{peak / 1024**2:,.0f} MiB",
            f"under {TARGETS['memory'] / 1024**3:.0f} GiB",
            peak < TARGETS["memory"],
        )
    )
    if serve is not None:
        found.append(
            Verdict(
                f"plugin work on a one-file rebuild at {serve.entries:,} entries (text edit)",
                f"{serve.ratio():.1%} of its first build "
                f"({serve.median('text', 'plugin'):.3f} s / {serve.first_plugin:.3f} s)",
                f"at most {TARGETS['rebuild']:.0%}",
                serve.ratio() <= TARGETS["rebuild"],
            )
        )
    return found


def report(sizes: list[Size], serve: Serve | None, machine: dict[str, Any]) -> list[str]:
    lines = [
        f"Machine: {machine['processors']} processors, {machine['memory'] / 1024**3:.1f} GiB, "
        f"Python {machine['python']}, libyaml {'yes' if machine['libyaml'] else 'no'}",
        "Packages: " + ", ".join(f"{k} {v}" for k, v in machine["packages"].items()),
        "",
        "Builds (medians; processor seconds, elapsed seconds in brackets):",
        "entries  pages   baseline      plugin       overhead  (build against baseline)  "
        "plugin's own work  reading docs/ (baseline, plugin)  peak memory",
    ]
    for size in sizes:
        own = statistics.median(run.plugin_cpu for run in size.plugin)
        lines.append(
            f"{size.shape.entries:>7,} {size.pages:>6,}"
            f"  {size.median('baseline', 'cpu'):6.1f} ({size.median('baseline', 'wall'):4.0f})"
            f"  {size.median('plugin', 'cpu'):6.1f} ({size.median('plugin', 'wall'):4.0f})"
            f"  {size.estimate:+9.1%}  ({size.overhead:+6.1%})"
            f"  {own:16.2f} s ({size.share:.1%})"
            f"  {size.median('baseline', 'reading'):6.2f} s, "
            f"{size.median('plugin', 'reading'):.2f} s"
            f"  {max(run.peak_rss for run in size.plugin) / 1024**2:8,.0f} MiB"
        )
    names = sizes[-1].phases()
    lines += ["", "The plugin's own work by phase (processor seconds, medians):"]
    lines.append("entries " + "".join(f"{name:>15}" for name in names))
    for size in sizes:
        lines.append(
            f"{size.shape.entries:>7,} " + "".join(f"{size.phase(name):15.3f}" for name in names)
        )
    lines += ["", "Output: entries  model page  home page  search index  per entry"]
    for size in sizes:
        lines.append(
            f"       {size.shape.entries:>7,}  {size.probe_page:>8,} B {size.home_page:>8,} B"
            f"  {size.search_index / 1024**2:>8.1f} MiB"
            f"  {size.search_index / size.shape.entries:>7,.0f} B"
        )
    if serve is not None:
        lines += [
            "",
            f"mkdocs serve at {serve.entries:,} entries: first build {serve.first_wall:.0f} s "
            f"elapsed, plugin's work {serve.first_plugin:.3f} s; "
            f"{serve.extra_rebuilds} rebuild(s) besides those of the edits.",
        ]
        for edit in dict.fromkeys(rebuild.edit for rebuild in serve.rebuilds):
            done = [rebuild for rebuild in serve.rebuilds if rebuild.edit == edit]
            garbage = statistics.median(r.phases.get("garbage collection", 0.0) for r in done)
            lines.append(
                f"  {edit} edit ({len(done)}): page reloaded after "
                f"{serve.median(edit, 'reload'):.1f} s, plugin's work "
                f"{serve.median(edit, 'plugin'):.3f} s ({serve.ratio(edit):.1%} of the first), "
                f"garbage of the last build collected in {garbage:.3f} s, "
                f"files read {[r.counts.get('files read') for r in done]}, "
                f"pages rendered {[r.counts.get('pages rendered') for r in done]}"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke run: small sizes, no verdict")
    parser.add_argument("--sizes", help="comma-separated entry counts (default 1000,5000,10000)")
    parser.add_argument("--repeat", type=int, help="builds of each kind per size (default 5)")
    parser.add_argument("--edits", type=int, help="saved files in mkdocs serve (default 3)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve part")
    parser.add_argument("--work", type=Path, help="folder for the sites (default: temporary)")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument(
        "--no-wait", action="store_true", help="do not wait for a quiet machine before builds"
    )
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",")] if args.sizes else None
    sizes = sizes or list(QUICK_SIZES if args.quick else SIZES)
    repeat = args.repeat or (1 if args.quick else 5)
    edits = args.edits or (1 if args.quick else 3)
    work = args.work or Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", flush=True)

    results: list[Size] = []
    serve: Serve | None = None
    try:
        prepared = [prepare(work, entries, log) for entries in sizes]
        # Rounds over all sizes, rather than all builds of one size in a row: the machine's
        # speed drifts, and each size then sees the same drift.
        if not args.quick:
            # An unmeasured first pair: no measured build pays for the first start of Python,
            # its modules and the theme's templates after the sites are written.
            size, sites = prepared[0]
            unmeasured = dataclasses.replace(size, baseline=[], plugin=[])
            build_pair(unmeasured, sites, -1, 0, log, quiet=not args.no_wait)
        for number in range(repeat):
            for size, sites in prepared:
                build_pair(size, sites, number, repeat, log, quiet=not args.no_wait)
        for size, sites in prepared:
            weigh(size, sites)
            results.append(size)
        if not args.no_serve:
            size, sites = prepared[-1]
            build_time = size.median("plugin", "wall")
            serve = measure_serve(sites.plugin, size.shape, edits, build_time, log)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    machine = about()
    print()
    print("\n".join(report(results, serve, machine)))
    print()
    found = verdicts(results, serve) if len(results) > 1 else []
    for verdict in found:
        mark = "met   " if verdict.met else "MISSED"
        print(f"{mark} {verdict.name}: {verdict.figure} (target: {verdict.target})")
    print(f"\nWhole run: {(time.perf_counter() - started) / 60:.1f} minutes")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": machine,
                    "sizes": [_size_data(size) for size in results],
                    "serve": None if serve is None else dataclasses.asdict(serve),
                    "verdicts": [verdict.__dict__ for verdict in found],
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    if args.quick:
        print("Quick run: figures are not held against the targets.")
        return 0
    return 0 if all(verdict.met for verdict in found) else 1


def _size_data(size: Size) -> dict[str, Any]:
    return {
        "entries": size.shape.entries,
        "models": size.shape.models,
        "techniques": size.shape.techniques,
        "organizations": size.shape.organizations,
        "tags": size.shape.tags,
        "baseline": [run.__dict__ for run in size.baseline],
        "plugin": [run.__dict__ for run in size.plugin],
        "overhead": size.estimate,
        "overhead_between_builds": size.overhead,
        "share": size.share,
        "probe_page": size.probe_page,
        "home_page": size.home_page,
        "search_index": size.search_index,
        "search_docs": size.search_docs,
        "pages": size.pages,
        "baseline_pages": size.baseline_pages,
    }
