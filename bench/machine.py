"""The machine the benchmark runs on: what it is, and how busy other programs keep it.

Processor time is steadier than elapsed time on a shared machine, but not steady: another
program on the other processor slows this one down through shared caches, memory bandwidth
and, in a virtual machine, the host. Each build therefore waits for a quiet machine first, and
measures how many processors other programs used while it ran, from the kernel's counters in
/proc/stat (Linux only; elsewhere the figure is zero).
"""

from __future__ import annotations

import os
import platform
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "PyYAML", "jieba")
STAT = Path("/proc/stat")


def busy_seconds() -> float:
    """Processor seconds that all programs used since boot (0 without /proc/stat)."""
    try:
        first = STAT.read_text().split("\n", 1)[0].split()
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in first[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(limit: float = 120, threshold: float = 0.15) -> float:
    """Wait until other programs use less than `threshold` processors; return the wait."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        before, since = busy_seconds(), time.monotonic()
        time.sleep(1)
        if (busy_seconds() - before) / (time.monotonic() - since) < threshold:
            break
    return time.monotonic() - start


def about() -> dict[str, Any]:
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "processors": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "system": platform.platform(),
        "packages": versions,
        "libyaml": bool(yaml.__with_libyaml__),
    }
