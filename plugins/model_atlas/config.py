"""Options of the atlas plugin, as MkDocs checks them in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class AtlasConfig(Config):
    """`plugins: - atlas: {catalog: catalog, export: catalog.json}`."""

    enabled = c.Type(bool, default=True)
    catalog = c.Type(str, default="catalog")
    """The catalog folder, relative to the folder of `mkdocs.yml`."""
    export = c.Type(str, default="catalog.json")
    """Where the JSON export goes, relative to the site root; empty to skip it."""
    nav = c.Type(bool, default=True)
    """Expand the nav items `models/index.md` and `techniques/index.md` into grouped sections."""
    schema = c.Type(str, default="schema")
    """Where the JSON Schemas of the catalog files go, relative to the site root; empty to skip."""
    history = c.Type(bool, default=True)
    """Date each entry page and list recent changes (`recent-changes.md`) from git history;
    when false there is no such page, so `nav` must not list it."""
