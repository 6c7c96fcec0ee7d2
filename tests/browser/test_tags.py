"""The tags index and the tag chips: every tag listed with its entries, chips leading back."""

from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import Reader

TAG_HEADING = re.compile(r'<h2 id="(tag:[^"]+)">\s*<span class="md-tag">([^<]*)</span>')
CHIP = re.compile(r'<a href="([^"]+)" class="md-tag">([^<]*)</a>')
READ_INDEX = """() => [...document.querySelectorAll('article h2[id^="tag:"]')].map(heading => {
    const list = heading.nextElementSibling
    const links = list && list.tagName === "UL" ? [...list.querySelectorAll(":scope > li > a")] : []
    return [heading.querySelector(".md-tag").textContent.trim(), links.map(link => link.href)]
})"""


def tagged(catalog_json: dict[str, Any]) -> dict[str, set[str]]:
    """Each tag used in the catalog, with the pages of the entries that carry it."""
    pages: dict[str, set[str]] = defaultdict(set)
    for entry in catalog_json["entries"]:
        for tag in entry["tags"]:
            pages[tag].add(entry["url"])
    return dict(pages)


def test_tags_index_lists_every_tag_with_its_entries(
    reader: Reader, catalog_json: dict[str, Any]
) -> None:
    reader.open("tags/")
    listed: list[list[Any]] = reader.page.evaluate(READ_INDEX)
    base = urlsplit(reader.base).path
    shown = {
        tag: {urlsplit(href).path.removeprefix(base) for href in hrefs} for tag, hrefs in listed
    }
    expected = tagged(catalog_json)
    assert len(listed) == len(shown), "a tag is listed twice"
    assert sorted(shown) == sorted(expected)
    wrong = {tag: (shown[tag], pages) for tag, pages in expected.items() if shown[tag] != pages}
    assert wrong == {}
    reader.assert_clean()


@pytest.mark.parametrize("page", ["models/mistral-7b/", "techniques/swiglu/"])
def test_tag_chip_leads_to_the_tag_and_back(
    reader: Reader, catalog_json: dict[str, Any], page: str
) -> None:
    entry = next(entry for entry in catalog_json["entries"] if entry["url"] == page)
    assert entry["tags"], f"{page} has no tag to follow"
    reader.open(page)
    chips = reader.page.locator("article nav.md-tags a.md-tag")
    # The theme shows the chips in alphabetical order.
    assert chips.all_inner_texts() == sorted(entry["tags"])

    tag = entry["tags"][0]
    chip = chips.filter(has_text=tag).first
    target = urlsplit(chip.get_attribute("href") or "")
    assert posixpath.normpath(posixpath.join(page, target.path)) == "tags"
    chip.click()
    reader.wait_for(f"tags/#{target.fragment}")
    heading = reader.page.locator(f'[id="{unquote(target.fragment)}"]')
    assert heading.evaluate("el => el.tagName") == "H2"
    assert heading.locator(".md-tag").inner_text() == tag
    assert heading.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")

    listing = heading.locator("xpath=following-sibling::ul[1]")
    listing.get_by_role("link", name=entry["name"], exact=True).click()
    reader.wait_for(page)
    assert reader.heading() == entry["name"]
    reader.assert_clean()


def test_every_chip_names_an_entry_tag_and_points_at_its_heading(
    site_dir: Path, catalog_json: dict[str, Any]
) -> None:
    index = (site_dir / "tags" / "index.html").read_text(encoding="utf-8")
    headings = {anchor: html.unescape(tag) for anchor, tag in TAG_HEADING.findall(index)}
    assert sorted(headings.values()) == sorted(tagged(catalog_json))
    checked = 0
    for entry in catalog_json["entries"]:
        text = (site_dir / entry["url"] / "index.html").read_text(encoding="utf-8")
        chips = [(href, html.unescape(tag)) for href, tag in CHIP.findall(text)]
        assert [tag for _, tag in chips] == sorted(entry["tags"]), entry["url"]
        for href, tag in chips:
            target = urlsplit(href)
            assert posixpath.normpath(posixpath.join(entry["url"], target.path)) == "tags"
            assert headings.get(unquote(target.fragment)) == tag, (entry["url"], href)
            checked += 1
    assert checked > 0
