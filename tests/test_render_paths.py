"""The shortcuts that work out relative paths once per pair of folders give the same paths as
the plain computation, including for paths no generated page has."""

from __future__ import annotations

import itertools
import posixpath
from collections.abc import Callable

import pytest

from model_atlas.render import Lazy, relative, relative_file
from model_atlas.views import Views, _location

PARTS = ("", ".", "..", "a", "b", "a.md", "index.md", "/")


def _paths(most: int) -> list[str]:
    found = {
        "/".join(combo) for n in range(most + 1) for combo in itertools.product(PARTS, repeat=n)
    }
    return sorted(found)


def _outcome(function: Callable[[str, str], str], target: str, start: str) -> object:
    try:
        return function(target, start)
    except ValueError as error:
        return ("ValueError", str(error))


def test_relative_file_matches_relative() -> None:
    paths = _paths(3)
    for target, start in itertools.product(paths, repeat=2):
        start = start or "."
        assert _outcome(relative_file, target, start) == _outcome(relative, target, start), (
            target,
            start,
        )


def _url(source: str, target: str, directory_urls: bool) -> str:
    """`Views.url` as it was written before the shortcut, with `relative` alone."""
    here = _location(source, directory_urls)
    there = _location(target, directory_urls)
    base = posixpath.dirname(here) if not here.endswith("/") else here.rstrip("/")
    path = relative(there or ".", base or ".")
    if there.endswith("/") and not path.endswith("/"):
        path += "/"
    return path


@pytest.mark.parametrize("directory_urls", [True, False])
def test_view_urls_match_relative(directory_urls: bool) -> None:
    views = Views.__new__(Views)
    views.directory_urls = directory_urls
    pages = [
        "index.md",
        "compare.md",
        "models/index.md",
        "models/a.md",
        "models/models.md",
        "models/index/a.md",
        "families/a.md",
        "a/b/c.md",
        "a/b.md",
        "b.md",
        "x/index.md",
        "x/y/index.md",
    ]
    for source, target in itertools.product(pages, repeat=2):
        assert views.url(source, target) == _url(source, target, directory_urls), (source, target)


def test_lazy_makes_each_value_once() -> None:
    made: list[str] = []

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    table: Lazy[str, str] = Lazy(make)
    assert [table["a"], table["b"], table["a"]] == ["A", "B", "A"]
    assert made == ["a", "b"]
    assert table.get("c") is None and "c" not in table
