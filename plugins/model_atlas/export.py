"""The catalog as JSON for other tools: `catalog.json` at the root of the built site."""

from __future__ import annotations

import json
import posixpath
from typing import Any

from .catalog import Catalog, Entry
from .render import page_path

FORMAT_VERSION = 1


def page_url(kind: str, ident: str, *, directory_urls: bool) -> str:
    """The URL of an entry's page relative to the site root, as MkDocs will write it."""
    path = page_path(kind, ident)
    stem = posixpath.splitext(path)[0]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def _record(entry: Entry, catalog: Catalog, *, directory_urls: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": entry.id,
        "kind": entry.kind,
        "name": entry.name,
        "aliases": entry.aliases,
        "url": page_url(entry.kind, entry.id, directory_urls=directory_urls),
        "tags": entry.tags,
    }
    for key, value in entry.data.items():
        record.setdefault(key, value)
    if entry.kind == "technique":
        record["used_by"] = catalog.used_by.get(entry.id, [])
    if entry.kind == "model":
        record["derivatives"] = catalog.derivatives.get(entry.id, [])
    if entry.kind == "organization":
        record["models"] = catalog.members.get(entry.id, [])
    return record


def export(catalog: Catalog, *, directory_urls: bool = True) -> dict[str, Any]:
    entries = [
        _record(entry, catalog, directory_urls=directory_urls)
        for entry in sorted(catalog.entries(), key=lambda e: (e.kind, e.id))
    ]
    organizations = [
        _record(entry, catalog, directory_urls=directory_urls)
        for entry in sorted(catalog.organizations.values(), key=lambda e: e.id)
    ]
    return {"version": FORMAT_VERSION, "entries": entries, "organizations": organizations}


def export_json(catalog: Catalog, *, directory_urls: bool = True) -> str:
    data = export(catalog, directory_urls=directory_urls)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
