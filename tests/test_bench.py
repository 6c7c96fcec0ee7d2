"""The benchmark under bench/ still runs: a tiny catalog through every measurement once.

Figures are not checked (speed is measured by `python -m bench`, not by tests); what is checked
is that each part ran and reported something sensible.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.generate import PROBE_MODEL, Shape, model, write_catalog
from bench.run import main
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
