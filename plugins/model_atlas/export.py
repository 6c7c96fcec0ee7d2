"""The catalog as JSON for other tools: `catalog.json` at the root of the built site."""

from __future__ import annotations

import functools
import json
import posixpath
from collections.abc import Callable
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


def record_json(entry: Entry, catalog: Catalog, *, directory_urls: bool = True) -> str:
    """The record of one entry or organization as one line of JSON."""
    record = _record(entry, catalog, directory_urls=directory_urls)
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def record_relations(entry: Entry, catalog: Catalog) -> tuple[str, ...]:
    """What an entry's record holds besides the entry itself: the ids computed from others."""
    relation = {"technique": catalog.used_by, "model": catalog.derivatives}
    return tuple(relation.get(entry.kind, catalog.members).get(entry.id, []))


def export_json(
    catalog: Catalog, *, directory_urls: bool = True, line: Callable[[Entry], str] | None = None
) -> str:
    """`export` as JSON text, one record per line; `line` may give records kept from before.

    Indented JSON goes through the json module's pure-Python encoder, about ten times slower
    than the compact one on a large catalog; a line per record keeps diffs readable.
    """
    line = line or functools.partial(record_json, catalog=catalog, directory_urls=directory_urls)
    entries = ",\n".join(map(line, sorted(catalog.entries(), key=lambda e: (e.kind, e.id))))
    organizations = ",\n".join(
        map(line, sorted(catalog.organizations.values(), key=lambda e: e.id))
    )
    return (
        f'{{"entries": [\n{entries}\n],\n'
        f'"organizations": [\n{organizations}\n],\n'
        f'"version": {FORMAT_VERSION}}}\n'
    )
