"""AI Model Atlas: generate documentation pages for AI models and techniques from YAML files."""

from __future__ import annotations

from .catalog import Catalog, Entry, load_catalog
from .problems import CatalogError, Problem

__all__ = ["Catalog", "CatalogError", "Entry", "Problem", "load_catalog"]
