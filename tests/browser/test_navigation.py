"""Reading paths through the site, both palettes, and pages that stay on the local server."""

from __future__ import annotations

import re

from .conftest import Reader

# Pages of each generated kind besides those the navigation links to.
ENTRY_PAGES = [
    "models/mistral-7b/",
    "techniques/grouped-query-attention/",
    "organizations/mistral-ai/",
    "categories/attention/",
    "404.html",
]
# The navigation lists every organization and category; one of each is enough.
REPEATED = re.compile(r"^(organizations|categories)/.+")


def test_home_to_model_to_technique_and_back(reader: Reader) -> None:
    reader.open("")
    article = reader.page.locator("article")
    article.get_by_role("link", name="Models", exact=True).click()
    reader.wait_for("models/")
    assert reader.heading() == "Models"

    article.get_by_role("link", name="Mistral AI", exact=True).first.click()
    reader.wait_for("organizations/mistral-ai/")
    assert reader.heading() == "Mistral AI"

    article.get_by_role("link", name="Mistral 7B", exact=True).first.click()
    reader.wait_for("models/mistral-7b/")
    assert reader.heading() == "Mistral 7B"

    article.get_by_role("link", name="Grouped-Query Attention", exact=True).first.click()
    reader.wait_for("techniques/grouped-query-attention/")
    assert reader.heading() == "Grouped-Query Attention"

    users = article.locator("h2#models-that-use-it ~ * a", has_text="Mistral 7B")
    users.first.click()
    reader.wait_for("models/mistral-7b/")
    assert reader.heading() == "Mistral 7B"
    reader.assert_clean()


def test_light_and_dark_palettes_render(reader: Reader) -> None:
    background = "getComputedStyle(document.body).backgroundColor"
    reader.open("")
    assert reader.scheme() == "default"
    light = reader.page.evaluate(background)

    reader.set_palette("dark")
    assert reader.scheme() == "slate"
    dark = reader.page.evaluate(background)
    assert dark != light

    # The reader's choice holds on the next page, and switching back restores the light palette.
    reader.open("models/mistral-7b/")
    assert reader.scheme() == "slate"
    assert reader.page.evaluate(background) == dark
    reader.set_palette("light")
    assert reader.scheme() == "default"
    assert reader.page.evaluate(background) == light
    reader.assert_clean()


def test_pages_ask_nothing_of_other_hosts_and_log_no_error(reader: Reader) -> None:
    reader.open("")
    reader.settle()
    nav = reader.page.locator("nav.md-nav--primary a.md-nav__link[href]")
    linked = nav.evaluate_all("links => links.map(link => link.href)")
    pages = [""]
    for href in map(str, linked):
        path = href.split("#")[0].removeprefix(reader.base)
        if not href.startswith(reader.base) or REPEATED.match(path) or path in pages:
            continue
        pages.append(path)
    pages += [page for page in ENTRY_PAGES if page not in pages]
    assert {"models/", "techniques/", "tags/"} <= set(pages)

    # Search too: its worker fetches the index through the same router.
    reader.page.locator("input.md-search__input").fill("Mistral")
    reader.page.locator("input.md-search__input").press("End")
    reader.page.wait_for_function(
        "/matching document/.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    assert reader.base + "search/search_index.json" in reader.served

    for page in pages[1:]:
        reader.open(page)
        reader.settle()
    assert reader.foreign == [], f"requests to other hosts: {reader.foreign}"
    assert reader.errors == [], f"console errors: {reader.errors}"
