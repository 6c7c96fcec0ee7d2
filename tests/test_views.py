"""The cross-entry views: each is computed from the catalog, so a new model shows up in all of
the views it belongs to."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from model_atlas.catalog import load_catalog
from model_atlas.charts import adoption_chart
from model_atlas.render import Renderer
from model_atlas.views import Views, largest_size, size_value

from .conftest import SAMPLE

NEW_MODEL = """\
name: Toy-3 Turbo
type: model
organization: other-lab
family: Toy
released: "2024-06-02"
architecture: decoder-only
modalities: {input: [text], output: [text]}
parameters: ["3B", "70B"]
context_length: 32768
open_weights: true
techniques: [toy-norm]
derived_from: [toy-10]
tags: [Speedy Models]
summary: A model added by the test.
sources:
  - url: https://example.org/toy-3
    title: Toy-3 card
"""


@pytest.fixture
def pages(tmp_path: Path) -> dict[str, str]:
    root = tmp_path / "catalog"
    shutil.copytree(SAMPLE / "catalog", root)
    (root / "models" / "toy-3-turbo.yaml").write_text(NEW_MODEL, encoding="utf-8")
    renderer = Renderer(load_catalog(root))
    return {**renderer.pages(), **Views(renderer).pages()}


def test_models_table_has_a_sortable_row_for_the_new_model(pages: dict[str, str]) -> None:
    page = pages["models/index.md"]
    row = next(line for line in page.splitlines() if "Toy-3 Turbo" in line)
    assert 'data-tags="Speedy Models"' in row
    assert '<a href="toy-3-turbo/">Toy-3 Turbo</a>' in row
    assert '<td data-sort="2024-06-02">2 June 2024</td>' in row
    assert '<td data-sort="70000000000">70B</td>' in row
    assert '<td data-sort="32768">32,768</td>' in row
    assert '<td data-sort="open">Open</td>' in row
    assert '<option value="Speedy Models">Speedy Models</option>' in page
    # Newest first.
    names = re.findall(r'<a href="(toy[^/]*)/">', page)
    assert names == ["toy-3-turbo", "toy-10", "toy-2", "toy-1"]


def test_timeline_places_the_new_model_in_its_month(pages: dict[str, str]) -> None:
    page = pages["timeline.md"]
    section = page.split("## 2024\n")[1].split("## ")[0]
    assert "| June | [Toy-3 Turbo](models/toy-3-turbo.md) |" in section
    assert "**Techniques introduced:** [Toy Attention](techniques/toy-attention.md)." in page


def test_organization_page_lists_models_in_date_order(pages: dict[str, str]) -> None:
    page = pages["organizations/other-lab.md"]
    assert page.index("[Toy-10]") < page.index("[Toy-3 Turbo]")


def test_family_page_and_index(pages: dict[str, str]) -> None:
    family = pages["families/toy.md"]
    assert family.index("[Toy-1]") < family.index("[Toy-10]") < family.index("[Toy-3 Turbo]")
    assert "(../compare.md?models=toy-1,toy-10,toy-3-turbo)" in family
    assert "- [Toy-1](../models/toy-1.md) (March 2021)\n- [Toy-10]" in family
    assert "    - [Toy-3 Turbo](../models/toy-3-turbo.md) (2 June 2024)" in family
    assert "| [Toy](families/toy.md) | 3 | 2021–2024 |" in pages["families.md"]
    assert "[Toy](../families/toy.md)" in pages["models/toy-3-turbo.md"]


def test_matrix_marks_the_techniques_a_model_lists(pages: dict[str, str]) -> None:
    page = pages["matrix.md"]
    row = next(line for line in page.splitlines() if "toy-3-turbo" in line)
    header = next(line for line in page.splitlines() if line.startswith('<tr><th scope="col">'))
    columns = re.findall(r"techniques/([a-z0-9-]+)/", header)
    assert columns == ["toy-attention", "toy-norm"]
    cells = re.findall(r"<td[^>]*>.*?</td>", row)
    assert ["atlas-yes" in cell for cell in cells] == [False, True]


def test_technique_page_charts_adoption_by_year(pages: dict[str, str]) -> None:
    page = pages["techniques/toy-norm.md"]
    assert "2 catalogued models use Toy Norm." in page
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", page)
    assert desc is not None
    assert desc[1].endswith("2019: 0, 2020: 0, 2021: 1, 2022: 0, 2023: 0, 2024: 1.")


def test_compare_page_offers_every_model(pages: dict[str, str]) -> None:
    page = pages["compare.md"]
    assert '<option value="toy-3-turbo">Toy-3 Turbo</option>' in page
    assert 'data-catalog="../catalog.json"' in page
    assert (
        "[Compare with other models](../compare.md?models=toy-3-turbo)"
        in pages["models/toy-3-turbo.md"]
    )


def test_sizes() -> None:
    assert size_value("46.7B") == pytest.approx(46.7e9)
    assert size_value("350M") == 350e6
    assert largest_size([{"total": "7B"}, {"total": "1.5T"}, {"total": "70B"}]) == "1.5T"
    assert largest_size("undisclosed") is None


def test_chart_scales_bars_to_the_peak() -> None:
    svg = adoption_chart("X", {2020: 1, 2022: 4})
    heights = [int(h) for h in re.findall(r'<rect [^>]*height="(\d+)"', svg)]
    assert heights == [33, 0, 132]
    assert 'role="img"' in svg and "<title" in svg
