"""Cheap timing of the plugin's phases: a few clock reads per phase, a few phases per build."""

from __future__ import annotations

import time

PHASES = ("load", "validate", "render", "export", "files")


class Timings:
    """Seconds spent in each phase of one build, nested phases counted once.

    `cpu` is the processor time of the building thread (steady on a busy machine), `wall` the
    elapsed time. A phase started inside another is subtracted from the outer one, so the
    phases add up to the plugin's whole work.
    """

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}
        self.wall: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self._inner: list[tuple[float, float]] = []

    def phase(self, name: str) -> _Phase:
        """A context manager that adds the time spent inside it to phase `name`."""
        return _Phase(self, name)

    def _add(self, name: str, cpu: float, wall: float) -> None:
        inner_cpu, inner_wall = self._inner.pop()
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu - inner_cpu
        self.wall[name] = self.wall.get(name, 0.0) + wall - inner_wall
        if self._inner:
            outer_cpu, outer_wall = self._inner[-1]
            self._inner[-1] = (outer_cpu + cpu, outer_wall + wall)

    def count(self, name: str, number: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + number

    def as_dict(self) -> dict[str, dict[str, float] | dict[str, int]]:
        return {"cpu": dict(self.cpu), "wall": dict(self.wall), "counts": dict(self.counts)}

    def __str__(self) -> str:
        phases = ", ".join(f"{name} {seconds:.3f}" for name, seconds in self.cpu.items())
        counts = ", ".join(f"{number} {name}" for name, number in sorted(self.counts.items()))
        total = sum(self.cpu.values())
        return f"{total:.3f} s of processor time ({phases}){'; ' + counts if counts else ''}"


class _Phase:
    """One timed stretch of a phase; a class rather than a generator, as hooks that run once
    per page time themselves with it."""

    __slots__ = ("timings", "name", "cpu", "wall")

    def __init__(self, timings: Timings, name: str) -> None:
        self.timings = timings
        self.name = name
        self.cpu = self.wall = 0.0

    def __enter__(self) -> None:
        self.timings._inner.append((0.0, 0.0))
        self.cpu, self.wall = time.thread_time(), time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        cpu, wall = time.thread_time() - self.cpu, time.perf_counter() - self.wall
        self.timings._add(self.name, cpu, wall)
