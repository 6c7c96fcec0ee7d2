"""The two sites compared at each catalog size: the plugin's, and the same pages as plain files.

The plugin site is this repository's `mkdocs.yml` and `docs/` with a synthetic catalog. The
baseline site holds every file the plugin generates for that catalog, written once into its
`docs/` folder by the plugin itself, and the configuration the plugin produces (navigation,
Markdown extensions, scripts and styles) with the plugin removed: MkDocs and Material then do
all the work of the build, and the difference between the two builds is the plugin's cost.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path
from typing import Any

import yaml

from .generate import Shape, write_catalog

ROOT = Path(__file__).resolve().parent.parent
ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONHASHSEED": "0"}


def read_config(path: Path) -> dict[str, Any]:
    """A `mkdocs.yml` as MkDocs reads it (`!ENV` tags resolved), before MkDocs checks it."""
    from mkdocs.utils.yaml import get_yaml_loader

    with path.open(encoding="utf-8") as file:
        data: dict[str, Any] = yaml.load(file, Loader=get_yaml_loader())
    return data


def plugin_site(work: Path, entries: int) -> tuple[Path, Shape]:
    """This repository's site with a synthetic catalog of `entries` entries, under `work`."""
    site = work / f"plugin-{entries}"
    if site.exists():
        shutil.rmtree(site)
    raw = read_config(ROOT / "mkdocs.yml")
    theme: dict[str, Any] = raw["theme"] if isinstance(raw.get("theme"), dict) else {}
    for folder in (raw.get("docs_dir", "docs"), theme.get("custom_dir")):
        if folder:
            shutil.copytree(ROOT / folder, site / folder)
    shutil.copy(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    shape = write_catalog(site / "catalog", entries)
    return site, shape


def baseline_site(source: Path, work: Path) -> Path:
    """The pages and configuration that the plugin produces for `source`, as plain files."""
    os.environ.update(ENV)
    from mkdocs.config import load_config
    from mkdocs.structure.files import InclusionLevel, get_files

    site = work / f"baseline-{source.name.removeprefix('plugin-')}"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(source, site, ignore=shutil.ignore_patterns("catalog", "site"))
    config = load_config(str(source / "mkdocs.yml"))
    written = {file.src_uri for file in get_files(config)}
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    hidden: set[str] = set()
    for file in files:
        if file.src_uri in written:
            continue
        target = site / "docs" / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content_bytes)
        if file.inclusion == InclusionLevel.NOT_IN_NAV:
            folder = posixpath.dirname(file.src_uri)
            hidden.add(f"/{folder}/" if folder else f"/{file.src_uri}")
    raw = read_config(source / "mkdocs.yml")
    raw["plugins"] = [
        item
        for item in raw["plugins"]
        if item != "atlas" and not (isinstance(item, dict) and "atlas" in item)
    ]
    raw["nav"] = config.nav
    listed = raw["markdown_extensions"]
    named = {item if isinstance(item, str) else next(iter(item)) for item in listed}
    raw["markdown_extensions"] += [name for name in config.markdown_extensions if name not in named]
    raw["extra_css"] = [str(item) for item in config.extra_css]
    raw["extra_javascript"] = [str(item) for item in config.extra_javascript]
    raw["not_in_nav"] = "\n".join(sorted(hidden))
    (site / "mkdocs.yml").write_text(
        yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return site
