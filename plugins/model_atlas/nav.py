"""Grouped navigation: models by organization and techniques by category, never a flat list.

Entry pages are reached through these group pages, so the navigation that every page repeats
grows with the number of groups, not with the number of entries.
"""

from __future__ import annotations

import html
from typing import Any

from .render import (
    CATEGORY_LABELS,
    MODELS_INDEX,
    TECHNIQUES_INDEX,
    Renderer,
    category_path,
    page_path,
)


def title(text: str) -> str:
    """Navigation titles reach the theme's HTML unescaped; escape catalog text for it."""
    return html.escape(text, quote=False)


def sections(renderer: Renderer) -> dict[str, list[Any]]:
    """The children of each expandable navigation item, keyed by its index page."""
    catalog = renderer.catalog
    models: list[Any] = [MODELS_INDEX]
    for organization in renderer.organizations_by_name():
        if catalog.members.get(organization.id):
            models.append({title(organization.name): page_path("organization", organization.id)})
    techniques: list[Any] = [TECHNIQUES_INDEX]
    for category in renderer.categories():
        techniques.append({CATEGORY_LABELS[category]: category_path(category)})
    return {MODELS_INDEX: models, TECHNIQUES_INDEX: techniques}


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
