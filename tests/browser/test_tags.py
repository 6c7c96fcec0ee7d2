"""The tags index and the tag chips in the browser: every tag with its entries, chips leading back.

test_links.py checks the chips of every entry page in the HTML files.
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import Reader

READ_INDEX = """() => [...document.querySelectorAll('article h2[id^="tag:"]')].map(heading => {
    const list = heading.nextElementSibling
    const links = list && list.tagName === "UL" ? [...list.querySelectorAll(":scope > li > a")] : []
    return [heading.querySelector(".md-tag").textContent.trim(), links.map(link => link.href)]
})"""


def test_tags_index_lists_every_tag_with_its_entries(
    reader: Reader, tagged: dict[str, set[str]]
) -> None:
    reader.open("tags/")
    listed: list[list[Any]] = reader.page.evaluate(READ_INDEX)
    base = urlsplit(reader.base).path
    shown = {
        tag: {urlsplit(href).path.removeprefix(base) for href in hrefs} for tag, hrefs in listed
    }
    assert len(listed) == len(shown), "a tag is listed twice"
    assert sorted(shown) == sorted(tagged)
    wrong = {tag: (shown[tag], pages) for tag, pages in tagged.items() if shown[tag] != pages}
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
