"""Everything the plugin adds to a build, computed once from the catalog and nothing else."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .catalog import Catalog
from .export import export_json
from .history import RECENT_CHANGES
from .nav import sections
from .pagecache import PageCache
from .render import MODELS_INDEX, ORGANIZATIONS_INDEX, TECHNIQUES_INDEX, Renderer
from .schema import FOLDERS
from .timing import Timings
from .views import COMPARE, FAMILIES_INDEX, MATRIX, TIMELINE, Views

INDEX_PAGES = (
    MODELS_INDEX,
    TECHNIQUES_INDEX,
    ORGANIZATIONS_INDEX,
    TIMELINE,
    MATRIX,
    COMPARE,
    FAMILIES_INDEX,
    RECENT_CHANGES,
)
# Script and styles of the generated pages, shipped inside the package.
ASSETS = {"assets/atlas/atlas.js": "atlas.js", "assets/atlas/atlas.css": "atlas.css"}
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class Output:
    """Generated pages, their YAML sources, the navigation groups and the JSON export."""

    pages: dict[str, str]
    sources: dict[str, str]
    nav_children: dict[str, list[object]]
    export: str
    han_names: list[str] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)

    def is_group_page(self, src_uri: str) -> bool:
        """Index and group pages appear in the navigation; entry pages are reached from them."""
        return src_uri in INDEX_PAGES or src_uri.startswith("categories/")


def build_output(
    catalog: Catalog,
    catalog_prefix: str,
    *,
    directory_urls: bool,
    tags_key: str = "tags",
    timings: Timings | None = None,
    page_cache: PageCache | None = None,
) -> Output:
    """Render every page and the export; `catalog_prefix` is the catalog path as shown to users.

    With a `page_cache`, only the pages that the changes since its last build reach are
    rendered again.
    """
    with (timings or Timings()).phase("export"):
        line = page_cache.records(catalog, directory_urls=directory_urls) if page_cache else None
        export = export_json(catalog, directory_urls=directory_urls, line=line)
    renderer = Renderer(catalog, tags_key)
    views = Views(renderer, directory_urls=directory_urls)
    if page_cache is None:
        # Not `renderer.pages()`, which sorts its pages: all are sorted together below.
        pages = {**renderer.entry_pages(), **renderer.group_pages(), **views.pages()}
    else:
        pages = page_cache.pages(catalog, renderer, views.pages, (directory_urls, tags_key))
    pages = dict(sorted(pages.items()))
    sources = {}
    names: set[str] = set()
    for entry in [*catalog.entries(), *catalog.organizations.values()]:
        folder = FOLDERS[entry.kind]
        sources[f"{folder}/{entry.id}.md"] = f"{catalog_prefix}/{folder}/{entry.id}.yaml"
        # Most names are ASCII, which has no Han character to look for.
        names.update(
            label
            for label in [entry.name, *entry.aliases]
            if not label.isascii() and _HAN.search(label)
        )
    return Output(
        pages=pages,
        sources=sources,
        nav_children=sections(renderer),
        export=export,
        han_names=sorted(names),
        assets={path: _asset(name) for path, name in ASSETS.items()},
    )


def _asset(name: str) -> bytes:
    from importlib.resources import files

    return files("model_atlas").joinpath("assets", name).read_bytes()
