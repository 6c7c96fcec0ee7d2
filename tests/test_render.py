"""Golden files: the sample catalog in, the expected Markdown pages out, side by side."""

from __future__ import annotations

import json
import os

import pytest

from model_atlas.catalog import load_catalog
from model_atlas.export import export
from model_atlas.render import Renderer
from model_atlas.views import Views

from .conftest import SAMPLE, TESTS

GOLDEN = TESTS / "golden" / "sample"


def _pages() -> dict[str, str]:
    renderer = Renderer(load_catalog(SAMPLE / "catalog"), tags_key="topics")
    return {**renderer.pages(), **Views(renderer).pages()}


def test_golden_pages() -> None:
    pages = _pages()
    if os.environ.get("ATLAS_UPDATE_GOLDEN"):
        for stale in GOLDEN.rglob("*.md"):
            stale.unlink()
        for path, content in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(content, encoding="utf-8")
    expected = {
        path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(GOLDEN.rglob("*.md"))
    }
    assert sorted(pages) == sorted(expected)
    for path, content in pages.items():
        assert content == expected[path], f"{path} differs from its golden file"


def test_technique_lists_its_models_from_model_files() -> None:
    page = _pages()["techniques/toy-attention.md"]
    assert "[Toy-1](../models/toy-1.md)" in page
    assert "[Toy-10](../models/toy-10.md)" in page
    assert "toy-2" not in page


def test_lineage_goes_both_ways() -> None:
    pages = _pages()
    assert "Built on: [Toy-1](toy-1.md)." in pages["models/toy-2.md"]
    assert "Built upon by: [Toy-10](toy-10.md)." in pages["models/toy-2.md"]


def test_unknown_and_undisclosed_are_told_apart() -> None:
    pages = _pages()
    assert "| Context length | Not disclosed |" in pages["models/toy-10.md"]
    assert "| Licence | Unknown |" in pages["models/toy-10.md"]
    assert "| Parameters | Not disclosed |" in pages["models/toy-2.md"]
    assert "| Context length | 2,048 tokens |" in pages["models/toy-1.md"]


def test_contributor_text_is_escaped() -> None:
    page = _pages()["techniques/toy-attention.md"]
    assert "Less memory &amp; quality: cost &lt; 1 and gain &gt; 0." in page
    assert "[Other Lab &amp; Co](../organizations/other-lab.md)" in page


def test_rendering_is_deterministic() -> None:
    assert _pages() == _pages()


def test_export_has_required_fields() -> None:
    data = export(load_catalog(SAMPLE / "catalog"))
    by_id = {entry["id"]: entry for entry in data["entries"]}
    toy = by_id["toy-1"]
    assert {k: toy[k] for k in ("id", "kind", "name", "aliases", "url", "tags")} == {
        "id": "toy-1",
        "kind": "model",
        "name": "Toy-1",
        "aliases": ["Toy 1", "玩具一号"],
        "url": "models/toy-1/",
        "tags": ["Open Source Models", "Attention"],
    }
    assert toy["derivatives"] == ["toy-2"]
    assert by_id["toy-attention"]["used_by"] == ["toy-1", "toy-10"]
    assert by_id["toy-attention"]["kind"] == "technique"
    assert [o["id"] for o in data["organizations"]] == ["example-lab", "other-lab"]
    json.dumps(data)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Phi-10", "Phi-2", "Phi-1.5"], ["Phi-1.5", "Phi-2", "Phi-10"]),
        (
            ["Llama 3.1", "Llama 3", "Llama 2", "Llama 10"],
            ["Llama 2", "Llama 3", "Llama 3.1", "Llama 10"],
        ),
        (["b", "A", "c"], ["A", "b", "c"]),
    ],
)
def test_natural_sort(names: list[str], expected: list[str]) -> None:
    from model_atlas.catalog import natural_key

    assert sorted(names, key=natural_key) == expected


def test_architecture_labels() -> None:
    from model_atlas.render import architecture_label

    assert architecture_label("decoder-only") == "Decoder only"
    assert architecture_label("undisclosed") == "Not disclosed"
