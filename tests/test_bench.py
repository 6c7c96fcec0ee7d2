"""The benchmark under bench/ still runs: a tiny catalog through every measurement once.

Figures are not checked (speed is measured by `python -m bench`, not by tests); what is checked
is that each part ran and reported something sensible.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.generate import PROBE_MODEL, Shape, model, write_catalog
from bench.run import Run, Size, main
from model_atlas.catalog import load_catalog


def test_generator_and_benchmark_smoke(tmp_path: Path, capsys: object) -> None:
    # An entry reads the same at every catalog size, apart from the ids it refers to.
    small, large = model(PROBE_MODEL, Shape(60)), model(PROBE_MODEL, Shape(10_000))
    assert small["summary"] == large["summary"] and small["name"] == large["name"]
    assert len(small["techniques"]) == len(large["techniques"])
    shape = write_catalog(tmp_path / "catalog", 300)
    catalog = load_catalog(tmp_path / "catalog")
    assert len(catalog.models) == shape.models and len(catalog.techniques) == shape.techniques
    assert any(catalog.derivatives.values()) and any(catalog.used_by.values())

    report = tmp_path / "report.json"
    status = main(
        ["--quick", "--sizes", "40,60", "--edits", "1", "--no-wait", "--json", str(report)]
    )
    assert status == 0
    figures = json.loads(report.read_text(encoding="utf-8"))
    sizes = figures["sizes"]
    assert [size["entries"] for size in sizes] == [40, 60]
    for size in sizes:
        assert size["pages"] == size["baseline_pages"] > size["entries"]
        assert size["probe_page"] > 0 and size["search_docs"] > size["entries"]
        (plugin,) = size["plugin"]
        assert {"load", "validate", "render", "export"} <= set(plugin["plugin"]["cpu"])
        assert plugin["peak_rss"] > 0
    edits = [rebuild["edit"] for rebuild in figures["serve"]["rebuilds"]]
    assert edits == ["text", "rename"]
    for rebuild in figures["serve"]["rebuilds"]:
        assert rebuild["counts"]["files read"] == 1
    assert [verdict["name"] for verdict in figures["verdicts"]][-1].startswith("plugin work")


def _size(pairs: list[tuple[float, float]], plugin_work: float = 0.4) -> Size:
    """A size whose plugin builds spend `plugin_work` seconds in the plugin, read nothing."""
    size = Size(Shape(1000))
    for baseline, plugin in pairs:
        size.baseline.append(Run(cpu=baseline, wall=baseline, peak_rss=0))
        timings = {"cpu": {"load": plugin_work}}
        size.plugin.append(Run(cpu=plugin, wall=plugin, peak_rss=0, plugin=timings))
    return size


def test_the_overhead_estimate_stands_unless_every_whole_build_is_slower() -> None:
    # Plugin builds of 10.4 s with 0.4 s of plugin work: the estimate is +4%.
    within = _size([(10.0, 10.4), (10.5, 10.4), (9.8, 10.4)])
    assert round(within.estimate, 3) == 0.04 and within.consistent
    # Every whole build faster than the estimate allows: nothing hidden in MkDocs' share.
    faster = _size([(10.6, 10.4), (10.5, 10.4), (10.4, 10.4)])
    assert faster.consistent
    # Every whole build slower than the estimate: work the estimate does not see.
    slower = _size([(9.0, 10.4), (9.5, 10.4), (9.9, 10.4)])
    assert not slower.consistent
