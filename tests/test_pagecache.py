"""Rebuilds in `mkdocs serve` reuse unchanged entries and pages: the result must be the same as a
build from scratch, whatever was edited."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bench.generate import dump, write_catalog
from model_atlas.cache import EntryCache
from model_atlas.catalog import load_catalog
from model_atlas.pagecache import PageCache
from model_atlas.problems import CatalogError
from model_atlas.site import build_output

from .test_fuzz import EXAMPLES

FIELDS = {
    "models": {
        "name": lambda v, n: f"{v} {n}",
        "summary": lambda v, n: f"{v} Edited {n}.",
        "released": lambda v, n: f"{2000 + n % 25}-{1 + n % 12:02d}",
        "type": lambda v, n: ["model", "product", "dataset"][n % 3],
        "family": lambda v, n: ["Alpha", "Beta", v][n % 3],
        "parameters": lambda v, n: [f"{n + 1}B"],
        "license": lambda v, n: f"Licence {n}",
        "tags": lambda v, n: [f"Topic {n % 4}"],
        "aliases": lambda v, n: [f"Another name {n}"],
        "architecture": lambda v, n: ["hybrid", "decoder-only"][n % 2],
        "open_weights": lambda v, n: bool(n % 2),
    },
    "techniques": {
        "name": lambda v, n: f"{v} {n}",
        "summary": lambda v, n: f"{v} Edited {n}.",
        "category": lambda v, n: ["attention", "normalization", "data"][n % 3],
        "year": lambda v, n: 1990 + n % 30,
        "aliases": lambda v, n: [f"Other name {n}"],
        "tags": lambda v, n: [f"Topic {n % 4}"],
    },
    "organizations": {
        "name": lambda v, n: f"{v} {n}",
        "country": lambda v, n: f"Country {n % 3}",
        "summary": lambda v, n: f"Edited {n}.",
    },
}


@pytest.fixture(scope="module")
def catalog_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pagecache") / "catalog"
    write_catalog(root, 60)
    return root


def _ids(root: Path, folder: str) -> list[str]:
    return sorted(path.stem for path in (root / folder).glob("*.yaml"))


def _edit(root: Path, folder: str, index: int, field: str, number: int) -> None:
    """Change one field of one file; lists of ids are changed by swapping one id."""
    paths = sorted((root / folder).glob("*.yaml"))
    path = paths[index % len(paths)]
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if field == "removed":
        path.unlink()
        return
    if field == "clash":
        # The name of another entry of the same kind: both entries answer to it.
        data["name"] = yaml.safe_load(paths[(index + 1) % len(paths)].read_text("utf-8"))["name"]
        path.write_text(dump(data), encoding="utf-8")
        return
    if field == "future":
        data["released"] = "2999-01"  # a problem of the file alone, found by the sanity checks
        path.write_text(dump(data), encoding="utf-8")
        return
    if field == "tag case":
        data["tags"] = [f"topic {number % 3}" if number % 2 else f"Topic {number % 3}"]
        path.write_text(dump(data), encoding="utf-8")
        return
    if field == "added":
        data["name"] = f"New entry {number}"
        data.pop("aliases", None)
        (root / folder / f"new-entry-{number}.yaml").write_text(dump(data), encoding="utf-8")
        return
    if field in ("techniques", "derived_from", "organization", "related"):
        pool = {
            "techniques": "techniques",
            "related": "techniques",
            "derived_from": "models",
            "organization": "organizations",
        }[field]
        choices = [ident for ident in _ids(root, pool) if ident != path.stem]
        current = list(data.get(field, []))
        pick = choices[number % len(choices)]
        if pick in current and (len(current) > 1 or field != "organization"):
            current.remove(pick)
        elif pick not in current:
            current.append(pick)
        data[field] = current
        if not current:
            del data[field]
    else:
        data[field] = FIELDS[folder][field](data.get(field, "X"), number)
    path.write_text(dump(data), encoding="utf-8")


EDITS = st.one_of(
    *(
        st.tuples(st.just(folder), st.integers(0, 200), st.sampled_from(sorted(fields)))
        for folder, fields in FIELDS.items()
    ),
    st.tuples(
        st.just("models"),
        st.integers(0, 200),
        st.sampled_from(["techniques", "derived_from", "organization"]),
    ),
    st.tuples(st.just("techniques"), st.integers(0, 200), st.just("related")),
    st.tuples(
        st.sampled_from(sorted(FIELDS)), st.integers(0, 200), st.sampled_from(["added", "removed"])
    ),
)


@settings(
    max_examples=max(EXAMPLES // 3, 30),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(edits=st.lists(st.tuples(EDITS, st.integers(0, 1000)), min_size=1, max_size=3))
def test_rebuild_equals_build_from_scratch(
    catalog_template: Path, tmp_path_factory: pytest.TempPathFactory, edits: list[Any]
) -> None:
    root = tmp_path_factory.mktemp("edited") / "catalog"
    shutil.copytree(catalog_template, root)
    entries, pages = EntryCache(), PageCache()
    first = load_catalog(root, cache=entries)
    build_output(first, "catalog", directory_urls=True, page_cache=pages)
    for (folder, index, field), number in edits:
        _edit(root, folder, index, field, number)
    try:
        fresh = load_catalog(root)
    except CatalogError:
        assume(False)
        return
    again = load_catalog(root, cache=entries)
    assert entries.read <= len(edits)
    rebuilt = build_output(again, "catalog", directory_urls=True, page_cache=pages)
    scratch = build_output(fresh, "catalog", directory_urls=True)
    assert rebuilt.pages == scratch.pages
    assert rebuilt.export == scratch.export


def test_unchanged_rebuild_renders_nothing(catalog_template: Path, tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(catalog_template, root)
    entries, pages = EntryCache(), PageCache()
    first = build_output(
        load_catalog(root, cache=entries), "c", directory_urls=True, page_cache=pages
    )
    again = build_output(
        load_catalog(root, cache=entries), "c", directory_urls=True, page_cache=pages
    )
    assert (entries.read, pages.rendered) == (0, 0)
    assert again.pages == first.pages


def test_prose_edit_renders_one_page(catalog_template: Path, tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(catalog_template, root)
    entries, pages = EntryCache(), PageCache()
    build_output(load_catalog(root, cache=entries), "c", directory_urls=True, page_cache=pages)
    _edit(root, "models", 3, "summary", 1)
    build_output(load_catalog(root, cache=entries), "c", directory_urls=True, page_cache=pages)
    assert (entries.read, pages.rendered) == (1, 1)


def test_file_changed_within_the_same_clock_tick_is_read_again(tmp_path: Path) -> None:
    """Same size and same time stamp: only the content hash can tell the change."""
    root = tmp_path / "catalog"
    write_catalog(root, 20)
    path = sorted((root / "models").glob("*.yaml"))[0]
    entries = EntryCache()
    before = load_catalog(root, cache=entries).models[path.stem].name
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"name: {before}", f"name: {before[::-1]}"), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    after = load_catalog(root, cache=entries).models[path.stem].name
    assert after == before[::-1] != before


# Edits that the checks across files answer (clashing names, tags spelled two ways), and one
# that the checks of a file alone answer (a release date in the future).
CHECKED_EDITS = st.one_of(
    EDITS,
    st.tuples(st.just("models"), st.integers(0, 200), st.just("future")),
    st.tuples(st.sampled_from(sorted(FIELDS)), st.integers(0, 200), st.just("clash")),
    st.tuples(st.sampled_from(["models", "techniques"]), st.integers(0, 200), st.just("tag case")),
)


def _outcome(root: Path, cache: EntryCache | None) -> Any:
    """The problems of a catalog, or the relations computed from it."""
    try:
        catalog = load_catalog(root, cache=cache)
    except CatalogError as error:
        return [str(problem) for problem in error.problems]
    return catalog.used_by, catalog.derivatives, catalog.members, catalog.related


@settings(
    max_examples=max(EXAMPLES // 3, 30),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    batches=st.lists(
        st.lists(st.tuples(CHECKED_EDITS, st.integers(0, 1000)), min_size=1, max_size=2),
        min_size=1,
        max_size=4,
    )
)
def test_checks_on_rebuild_equal_checks_from_scratch(
    catalog_template: Path, tmp_path_factory: pytest.TempPathFactory, batches: list[Any]
) -> None:
    """Whether a rebuild fails, with which problems, or passes, with which relations."""
    root = tmp_path_factory.mktemp("checked") / "catalog"
    shutil.copytree(catalog_template, root)
    cache = EntryCache()
    load_catalog(root, cache=cache)
    for batch in batches:
        for (folder, index, field), number in batch:
            _edit(root, folder, index, field, number)
        assert _outcome(root, cache) == _outcome(root, None)


def test_checks_across_files_run_again_only_for_what_they_read(
    catalog_template: Path, tmp_path: Path
) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(catalog_template, root)
    cache = EntryCache()
    load_catalog(root, cache=cache)
    assert not cache.checks.reused
    _edit(root, "models", 3, "summary", 1)
    load_catalog(root, cache=cache)
    assert cache.read == 1 and cache.checks.reused
    _edit(root, "models", 3, "clash", 1)
    with pytest.raises(CatalogError, match="also names"):
        load_catalog(root, cache=cache)
    _edit(root, "models", 3, "name", 2)
    catalog = load_catalog(root, cache=cache)
    assert not cache.checks.reused
    fresh = load_catalog(root)
    assert catalog.used_by == fresh.used_by and catalog.members == fresh.members
