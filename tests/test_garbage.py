"""A build leaves no reference cycles: the catalog and everything made from it are freed as soon
as MkDocs has the pages, not at the collector's next full pass, which would walk all of them
again and again in the meantime."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from model_atlas.cache import EntryCache
from model_atlas.catalog import load_catalog
from model_atlas.pagecache import PageCache
from model_atlas.site import build_output

from .conftest import ROOT, SAMPLE


@pytest.fixture
def collector_paused() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.generate import write_catalog

    root = tmp_path_factory.mktemp("synthetic") / "catalog"
    write_catalog(root, 300)  # families, lineage and shared techniques
    return root


def _cyclic_garbage() -> list[str]:
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        return sorted({type(item).__qualname__ for item in gc.garbage})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


@pytest.mark.usefixtures("collector_paused")
@pytest.mark.parametrize("which", ["sample", "synthetic", "bundled"])
def test_a_build_leaves_no_cycles(which: str, synthetic: Path) -> None:
    root = {"sample": SAMPLE / "catalog", "synthetic": synthetic, "bundled": ROOT / "catalog"}
    catalog = load_catalog(root[which])
    output = build_output(catalog, "catalog", directory_urls=True, tags_key="atlas_tags")
    assert output.pages
    del catalog, output
    assert _cyclic_garbage() == []


@pytest.mark.usefixtures("collector_paused")
def test_serve_rebuilds_leave_no_cycles(synthetic: Path, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "catalog"
    shutil.copytree(synthetic, root)
    cache, page_cache = EntryCache(), PageCache()
    for edit in range(3):
        catalog = load_catalog(root, cache=cache)
        build_output(catalog, "catalog", directory_urls=True, page_cache=page_cache)
        del catalog
        assert _cyclic_garbage() == []
        model = sorted((root / "models").iterdir())[edit]
        model.write_text(model.read_text().replace("summary: ", "summary: Edited. ", 1))
