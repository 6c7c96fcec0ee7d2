"""Which catalog entries a name from the source list answers to.

The rule matches `../shared/tools/seed-coverage`: size lists in parentheses are dropped, the text
in other parentheses is tried on its own, "A / B" is tried part by part, a few generic suffixes
are dropped, and names compare without case, accents' form, spaces or punctuation.
"""

from __future__ import annotations

import re

from model_atlas.catalog import Catalog, squash

GENERIC_SUFFIXES = (" - meta", " models", " series", " variants", " (detailed)")
SIZE_LIST = re.compile(r"\d+[BbMmKk]\b|,|various|各")


def spellings(name: str) -> set[str]:
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    found = {name, bare}
    found.update(inner for inner in re.findall(r"\(([^)]*)\)", name) if not SIZE_LIST.search(inner))
    found.update(re.split(r"\s*/\s*", bare))
    for text in list(found):
        for suffix in GENERIC_SUFFIXES:
            if text.casefold().endswith(suffix):
                found.add(text[: -len(suffix)])
    return {squash(text) for text in found if squash(text)}


def answers(catalog: Catalog) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for entry in catalog.entries():
        for label in [entry.name, *entry.aliases]:
            index.setdefault(squash(label), set()).add(entry.id)
    return index


def resolve(name: str, index: dict[str, set[str]]) -> set[str]:
    hits: set[str] = set()
    for spelling in spellings(name):
        hits |= index.get(spelling, set())
    return hits
