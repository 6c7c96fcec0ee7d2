"""Grouped navigation: techniques by category, never a flat list of entries.

Entry pages are reached through index and group pages, so the navigation that every page
repeats must not grow with the catalog. The technique categories are a fixed list; the
organizations are not (a catalog of 10,000 entries has hundreds), so they are listed on the
models and organizations index pages rather than in the navigation.
"""

from __future__ import annotations

from typing import Any

from .render import (
    CATEGORY_LABELS,
    MODELS_INDEX,
    TECHNIQUES_INDEX,
    Renderer,
    category_path,
)


def sections(renderer: Renderer) -> dict[str, list[Any]]:
    """The children of each expandable navigation item, keyed by its index page."""
    techniques: list[Any] = [TECHNIQUES_INDEX]
    for category in renderer.categories():
        techniques.append({CATEGORY_LABELS[category]: category_path(category)})
    return {TECHNIQUES_INDEX: techniques}


def expand(nav: list[Any], children: dict[str, list[Any]]) -> list[Any]:
    """Replace `Title: models/index.md` (or a bare path) by a section with its groups."""
    expanded: list[Any] = []
    for item in nav:
        if isinstance(item, str) and item in children:
            expanded.append({_default_title(item): children[item]})
        elif isinstance(item, dict) and len(item) == 1:
            ((key, value),) = item.items()
            if isinstance(value, str) and value in children:
                expanded.append({key: children[value]})
            elif isinstance(value, list):
                expanded.append({key: expand(value, children)})
            else:
                expanded.append(item)
        else:
            expanded.append(item)
    return expanded


def _default_title(path: str) -> str:
    return "Models" if path == MODELS_INDEX else "Techniques"
