"""Generated pages kept between the rebuilds of one `mkdocs serve`; only what changed is redone.

Unchanged catalog files give back the very same `Entry` objects (see `cache.py`), so the
entries that changed are those that are not the same object as in the last build. What a
change reaches depends on the fields it touches:

- a change to fields that only the entry's own page shows (`OWN_PAGE_FIELDS`: prose, sources,
  licence...) renders that page again and nothing else;
- any other change (a name, a date, a technique, an organization, a new or removed file)
  renders again the pages of the entries that show something of it (`_neighbours`) and every
  page that lists entries (indexes, categories, families, timeline, matrix).

The tests compare pages rendered this way with pages rendered from scratch after many kinds of
edit; a renderer change that shows another field or another entry on a page must update the
rules here, and those tests say so.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from .catalog import Catalog, Entry
from .export import record_json, record_relations
from .render import Renderer, page_path

# Fields that appear on no page but the entry's own (and in catalog.json, written apart).
OWN_PAGE_FIELDS = {
    "model": frozenset(
        {"summary", "innovation", "significance", "corrections", "sources", "license", "modalities"}
    ),
    "technique": frozenset(
        {
            "aliases",
            "tags",
            "summary",
            "how_it_works",
            "tradeoffs",
            "corrections",
            "sources",
            "paper",
        }
    ),
    "organization": frozenset({"aliases", "summary", "website"}),
}

Key = tuple[str, str]


def _entries(catalog: Catalog) -> dict[Key, Entry]:
    entries = [*catalog.entries(), *catalog.organizations.values()]
    return {(entry.kind, entry.id): entry for entry in entries}


def _own_page_only(before: Entry | None, after: Entry | None) -> bool:
    """Whether the change from `before` to `after` touches only fields of the entry's page."""
    if before is None or after is None:
        return False
    own = OWN_PAGE_FIELDS[after.kind]
    shared_before = {k: v for k, v in before.data.items() if k not in own}
    shared_after = {k: v for k, v in after.data.items() if k not in own}
    return shared_before == shared_after


def _neighbours(catalog: Catalog, key: Key, entry: Entry | None) -> set[Key]:
    """Entries whose pages show something of entry `key` in `catalog` (None: not in it)."""
    kind, ident = key
    found: set[Key] = set()
    if kind == "model":
        models = [ident, *catalog.derivatives.get(ident, [])]
        if entry is not None:
            data = entry.data
            models += data.get("derived_from", [])
            found.update(("organization", org) for org in data["organization"])
            found.update(("technique", technique) for technique in data.get("techniques", []))
            if "family" in data:
                models += [
                    other.id
                    for other in catalog.models.values()
                    if other.data.get("family") == data["family"]
                ]
        found.update(("model", model) for model in models)
    elif kind == "technique":
        found.update(("model", model) for model in catalog.used_by.get(ident, []))
        found.update(("technique", other) for other in catalog.related.get(ident, []))
    else:
        members = catalog.members.get(ident, [])
        found.update(("model", model) for model in members)
        for model in members:
            techniques = catalog.models[model].data.get("techniques", [])
            found.update(("technique", technique) for technique in techniques)
    return found


class PageCache:
    """The pages of the last build, with the entries they were rendered from."""

    def __init__(self) -> None:
        self._settings: Hashable = None
        self._catalog: Catalog | None = None
        self._entries: dict[Key, Entry] = {}
        self._entry_pages: dict[str, str] = {}
        self._group_pages: dict[str, str] = {}
        self._records: dict[Key, tuple[Entry, tuple[str, ...], bool, str]] = {}
        self.rendered = 0

    def records(self, catalog: Catalog, *, directory_urls: bool) -> Callable[[Entry], str]:
        """The JSON line of each record of `catalog.json`, written again only if it changed."""
        kept, self._records = self._records, {}

        def line(entry: Entry) -> str:
            key = (entry.kind, entry.id)
            relations = record_relations(entry, catalog)
            found = kept.get(key)
            if found is None or found[:3] != (entry, relations, directory_urls):
                text = record_json(entry, catalog, directory_urls=directory_urls)
                found = (entry, relations, directory_urls, text)
            self._records[key] = found
            return found[3]

        return line

    def pages(
        self,
        catalog: Catalog,
        renderer: Renderer,
        group_pages: Callable[[], dict[str, str]],
        settings: Hashable,
    ) -> dict[str, str]:
        """Every page for `catalog`, rendering again only what the changes since last reach.

        `group_pages` renders the pages that list entries beyond the renderer's own;
        `settings` holds whatever else the pages depend on, which resets the cache when it
        changes.
        """
        entries = _entries(catalog)
        previous = self._catalog
        if previous is None or settings != self._settings:
            self._entry_pages = renderer.entry_pages()
            self._group_pages = {**renderer.group_pages(), **group_pages()}
            self.rendered = len(self._entry_pages) + len(self._group_pages)
        else:
            self.rendered = self._update(previous, catalog, entries, renderer, group_pages)
        self._settings, self._catalog, self._entries = settings, catalog, entries
        return {**self._entry_pages, **self._group_pages}

    def _update(
        self,
        previous: Catalog,
        catalog: Catalog,
        entries: dict[Key, Entry],
        renderer: Renderer,
        group_pages: Callable[[], dict[str, str]],
    ) -> int:
        old = self._entries
        changed = [
            key for key in old.keys() | entries.keys() if old.get(key) is not entries.get(key)
        ]
        dirty = set(changed)
        structural = not all(_own_page_only(old.get(key), entries.get(key)) for key in changed)
        if structural:
            for key in changed:
                dirty |= _neighbours(previous, key, old.get(key))
                dirty |= _neighbours(catalog, key, entries.get(key))
        for key in sorted(dirty):
            path = page_path(*key)
            entry = entries.get(key)
            if entry is None:
                self._entry_pages.pop(path, None)
            else:
                self._entry_pages[path] = renderer.entry_page(entry)
        rendered = len(dirty)
        if structural:
            self._group_pages = {**renderer.group_pages(), **group_pages()}
            rendered += len(self._group_pages)
        return rendered
