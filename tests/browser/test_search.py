"""Material's search box, typed into as a reader would: the expected entry must come first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# What a reader types, and the page (relative to the site root) that must be the first result.
QUERIES: list[tuple[str, str]] = [
    # Exact names.
    ("GPT-4", "models/gpt-4/"),
    ("Mixtral 8x7B", "models/mixtral-8x7b/"),
    ("BERT", "models/bert/"),
    ("Mistral 7B", "models/mistral-7b/"),
    # Names with hyphens, dots and digits, typed with and without them.
    ("GPT-4o", "models/gpt-4o/"),
    ("GPT 4o", "models/gpt-4o/"),
    ("gpt4o", "models/gpt-4o/"),
    ("GPT4", "models/gpt-4/"),
    ("Llama-3.1-8B", "models/llama-3-1/"),
    ("Llama 3.1 8B", "models/llama-3-1/"),
    ("llama3.1", "models/llama-3-1/"),
    ("Llama 3.1", "models/llama-3-1/"),
    ("Qwen2.5", "models/qwen-2-5/"),
    ("Qwen 2.5", "models/qwen-2-5/"),
    ("qwen-2.5", "models/qwen-2-5/"),
    ("Mixtral-8x7B", "models/mixtral-8x7b/"),
    ("mixtral8x7b", "models/mixtral-8x7b/"),
    # Accents typed without them, and with them.
    ("Nystromformer", "techniques/nystromformer/"),
    ("nystromformer", "techniques/nystromformer/"),
    ("Nyströmformer", "techniques/nystromformer/"),
    # Acronyms of techniques.
    ("GQA", "techniques/grouped-query-attention/"),
    ("MQA", "techniques/multi-query-attention/"),
    ("RoPE", "techniques/rope/"),
    ("ALiBi", "techniques/alibi/"),
    ("MoE", "techniques/mixture-of-experts/"),
    ("RLHF", "techniques/rlhf/"),
    ("DPO", "techniques/dpo/"),
    ("SwiGLU", "techniques/swiglu/"),
    # Aliases and full names.
    ("GPT-4 Omni", "models/gpt-4o/"),
    ("mBERT", "models/mbert/"),
    ("Wenxin Yiyan", "models/ernie-bot/"),
    ("Mixtral of Experts", "models/mixtral-8x7b/"),
    ("Attention with Linear Biases", "techniques/alibi/"),
    ("Rotary Position Embedding", "techniques/rope/"),
    # Chinese names.
    ("通义千问", "models/tongyi-qianwen/"),
    ("文心一言", "models/ernie-bot/"),
    ("豆包", "models/doubao/"),
    ("百川2", "models/baichuan2/"),
]

META = ".md-search-result__meta"
FIRST_LINKS = ".md-search-result__item > a.md-search-result__link:first-child"


@pytest.fixture(scope="module")
def search(browser: Browser, site_url: str) -> Iterator[Callable[[str], list[str]]]:
    """Type a query into the header's search box; return the result pages, best first.

    One tab serves every query. Before each query the box is emptied and the test waits for the
    "Type to start searching" state: the search worker answers in order, so the next list of
    results is the answer to the query typed after it, never to an earlier one.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.route(
        "**/*",
        lambda route, request: (
            route.continue_() if request.url.startswith(site_url) else route.abort()
        ),
    )
    page = context.new_page()
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    # Focusing the box makes the site's script fetch what it ranks exact names with.
    page.wait_for_load_state("networkidle")

    def run(query: str) -> list[str]:
        box.fill("")
        box.press("End")
        page.wait_for_function(f"document.querySelector({META!r}).textContent.startsWith('Type')")
        box.fill(query)
        # Material reads the box on key-up; End moves the caret and changes nothing else.
        box.press("End")
        page.wait_for_function(
            f"/matching document/.test(document.querySelector({META!r}).textContent)"
        )
        hrefs: list[Any] = page.eval_on_selector_all(FIRST_LINKS, "els => els.map(e => e.href)")
        base = urlsplit(site_url).path
        return [urlsplit(str(href)).path.removeprefix(base) for href in hrefs]

    try:
        yield run
    finally:
        context.close()


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[query for query, _ in QUERIES])
def test_expected_entry_is_the_first_result(
    search: Callable[[str], list[str]], entry_urls: set[str], query: str, expected: str
) -> None:
    assert expected in entry_urls, "stale query table"
    results = search(query)
    assert results, f"{query!r} finds nothing"
    assert results[0] == expected, f"{query!r} finds first: {', '.join(results[:3])}"
