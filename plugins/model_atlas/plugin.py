"""The MkDocs plugin: wires build events to the catalog modules and holds no logic of its own."""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .cache import EntryCache
from .catalog import load_catalog
from .config import AtlasConfig
from .editlinks import EditLinks
from .history import add_history, read_history
from .json_schema import schema_files
from .nav import expand
from .pagecache import PageCache
from .problems import CatalogError
from .site import Output, build_output
from .timing import Timings

log = logging.getLogger("mkdocs.plugins.atlas")

# Generated pages use attributes on headings and Markdown inside HTML blocks.
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables")


class AtlasPlugin(BasePlugin[AtlasConfig]):
    """Generates model, technique and organization pages from the YAML catalog."""

    def __init__(self) -> None:
        self.output: Output | None = None
        self._docs_to_catalog = ".."
        self.cache = EntryCache()
        self.page_cache = PageCache()
        self.timings = Timings()
        self._serving = False
        self.edit_links = EditLinks()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that `mkdocs serve` keeps this instance, and its cache, between rebuilds.

        MkDocs 1.6 makes a new instance of a plugin for every rebuild unless the plugin has an
        `on_startup` method; the caches then spare unchanged catalog files from being read and
        checked again, and unchanged pages from being rendered again. A single build has no use
        for them.
        """
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load and check the whole catalog here, before MkDocs cleans `site_dir`.

        A catalog problem therefore stops the build with every problem listed and leaves the
        last good site untouched.
        """
        if not self.config.enabled:
            return config
        base = Path(config.config_file_path or ".").resolve().parent
        root = (base / self.config.catalog).resolve()
        shown = os.path.relpath(root, base).replace(os.sep, "/")
        self.timings = Timings()
        if self._serving and self.output is not None:
            # The pages of the last build are garbage now: millions of objects, collected here in
            # one go rather than whenever the collector next runs, in the middle of this build.
            # It is MkDocs' work, timed apart from the plugin's.
            with self.timings.phase("garbage collection"):
                gc.collect()
        cache, page_cache = (self.cache, self.page_cache) if self._serving else (None, None)
        try:
            catalog = load_catalog(root, shown, cache=cache, timings=self.timings)
        except CatalogError as error:
            raise PluginError(str(error)) from None
        with self.timings.phase("render"):
            self.output = build_output(
                catalog,
                shown,
                directory_urls=config.use_directory_urls,
                tags_key=_tags_key(config),
                timings=self.timings,
                page_cache=page_cache,
            )
            if page_cache is not None:
                self.timings.count("pages rendered", page_cache.rendered)
            if self.config.history:
                add_history(self.output.pages, catalog, read_history(root))
        self._docs_to_catalog = os.path.relpath(base, config.docs_dir).replace(os.sep, "/")
        log.debug("atlas: %d pages from %s", len(self.output.pages), shown)
        if self.config.nav and config.nav:
            config.nav = expand(config.nav, self.output.nav_children)
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        for path in self.output.assets:
            listed = config.extra_css if path.endswith(".css") else config.extra_javascript
            if path not in [str(item) for item in listed]:
                listed.append(path)
        config.watch.append(str(root))
        with self.timings.phase("search words"):
            _teach_segmenter(self.output.han_names, self.timings)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add the generated pages and the export as virtual files; nothing touches `docs/`."""
        with self.timings.phase("files"):
            files = self._add_files(files, config)
        return files

    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.output is None:
            return files
        written = {file.src_uri for file in files}
        for src_uri, content in self.output.pages.items():
            if src_uri in written:
                raise PluginError(
                    f"docs/{src_uri} exists but the catalog generates that page; remove the file"
                )
            inclusion = (
                InclusionLevel.UNDEFINED
                if self.output.is_group_page(src_uri)
                else InclusionLevel.NOT_IN_NAV
            )
            file = File.generated(config, src_uri, content=content, inclusion=inclusion)
            source = self.output.sources.get(src_uri)
            file.edit_uri = f"{self._docs_to_catalog}/{source}" if source else None
            files.append(file)
        for path, asset in self.output.assets.items():
            files.append(File.generated(config, path, content=asset))
        if self.config.export:
            files.append(File.generated(config, self.config.export, content=self.output.export))
        if self.config.schema:
            for name, text in schema_files().items():
                files.append(File.generated(config, f"{self.config.schema}/{name}", content=text))
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        """Resolve the `..` of edit links that point from `docs/` to the catalog (editlinks.py)."""
        with self.timings.phase("edit links"):
            url = page.edit_url
            if url and "/../" in url:
                page.edit_url = self.edit_links.resolve(url)
        return page

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        log.debug("atlas: plugin work: %s", self.timings)


def _teach_segmenter(names: list[str], timings: Timings) -> None:
    """Keep names in Han script whole when the search plugin segments Chinese text."""
    try:
        import jieba
    except ImportError:
        return
    if names:
        # Loading jieba's dictionary is work the search plugin would do anyway; timed apart.
        with timings.phase("jieba start-up"):
            jieba.initialize()
    for name in names:
        jieba.add_word(name)


def _tags_key(config: MkDocsConfig) -> str:
    """The front matter key that Material's tags plugin reads (`tags_name_property`)."""
    for name in ("material/tags", "tags"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return str(getattr(plugin, "config", {}).get("tags_name_property", "tags"))
    return "tags"
