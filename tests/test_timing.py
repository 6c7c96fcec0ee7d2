"""The plugin's timing of its phases: nested phases are counted once, errors are still timed."""

from __future__ import annotations

import pytest

from model_atlas import timing
from model_atlas.timing import Timings


class Clock:
    """Both of the module's clocks, moved by hand: processor time runs at half the wall's."""

    def __init__(self) -> None:
        self.now = 0.0

    def wall(self) -> float:
        return self.now

    def cpu(self) -> float:
        return self.now / 2

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(timing.time, "perf_counter", fake.wall)
    monkeypatch.setattr(timing.time, "thread_time", fake.cpu)
    return fake


def test_a_nested_phase_is_taken_out_of_the_outer_one(clock: Clock) -> None:
    timings = Timings()
    with timings.phase("render"):
        clock.advance(2)
        with timings.phase("export"):
            clock.advance(5)
            with timings.phase("files"):
                clock.advance(1)
        clock.advance(3)
    assert timings.wall == {"files": 1, "export": 5, "render": 5}
    assert timings.cpu == {"files": 0.5, "export": 2.5, "render": 2.5}


def test_a_phase_adds_up_over_its_stretches_and_times_its_errors(clock: Clock) -> None:
    timings = Timings()
    for _ in range(3):
        with timings.phase("edit links"):
            clock.advance(1)
    with pytest.raises(ValueError), timings.phase("edit links"):
        clock.advance(4)
        raise ValueError
    assert timings.wall == {"edit links": 7}
    assert "7.000" not in str(timings) and "3.500 s of processor time" in str(timings)
