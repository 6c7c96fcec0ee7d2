"""The views that run a script of ours: the models table and the comparison page."""

from __future__ import annotations

from .conftest import Reader


def test_models_table_sorts_and_filters(reader: Reader) -> None:
    reader.open("models/")
    page = reader.page
    page.get_by_role("button", name="Largest size").click()
    page.get_by_role("button", name="Largest size").click()
    first = page.locator("#atlas-models tbody tr:not([hidden]) td:first-child").first
    biggest = first.inner_text()
    assert biggest, "the table has rows"
    size = page.locator("#atlas-models tbody tr:not([hidden])").first.locator("td").nth(3)
    assert size.get_attribute("data-sort") == max(
        page.locator("#atlas-models tbody td:nth-child(4)").evaluate_all(
            "cells => cells.map(c => parseFloat(c.getAttribute('data-sort')))"
        ),
        key=float,
    ).__format__(".0f")
    page.select_option(".atlas-filter-tag", "Korean Models")
    rows = page.locator("#atlas-models tbody tr:not([hidden])")
    assert rows.count() >= 3
    tags = rows.evaluate_all("rows => rows.map(r => r.getAttribute('data-tags'))")
    assert all("Korean Models" in value.split("|") for value in tags)
    assert page.locator(".atlas-count").inner_text() == f"{rows.count()} models"
    reader.assert_clean()


def test_comparison_shows_models_side_by_side(reader: Reader) -> None:
    reader.open("compare/?models=llama-2,mistral-7b")
    table = reader.page.locator(".atlas-compare-table table")
    table.wait_for()
    headers = table.locator("thead th").all_inner_texts()
    assert [h.replace("×", "").strip() for h in headers] == ["Fact", "Llama 2", "Mistral 7B"]
    released = table.locator("tbody tr", has_text="Released").locator("td").all_inner_texts()
    assert released[0] == "18 July 2023"
    reader.page.select_option(".atlas-compare-pick", "gpt-4")
    table.locator("thead th", has_text="GPT-4").wait_for()
    assert "models=llama-2,mistral-7b,gpt-4" in reader.page.url
    reader.assert_clean()
