"""Strict builds of the sample site through the real `mkdocs` command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


def mkdocs(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from .conftest import SAMPLE

    site = tmp_path_factory.mktemp("built") / "sample"
    shutil.copytree(SAMPLE, site, ignore=shutil.ignore_patterns("site"))
    result = mkdocs(site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return site / "site"


def test_generated_model_page(built: Path) -> None:
    html = (built / "models" / "toy-10" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="toy-10">Toy-10' in html
    assert 'href="../../techniques/toy-attention/"' in html
    assert 'href="../../organizations/other-lab/"' in html
    assert "Other Lab &amp; Co" in html


def test_technique_page_lists_its_models(built: Path) -> None:
    html = (built / "techniques" / "toy-attention" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../models/toy-1/"' in html
    assert 'href="../../models/toy-10/"' in html


def test_tags_index_lists_entries(built: Path) -> None:
    html = (built / "tags" / "index.html").read_text(encoding="utf-8")
    for tag in ("Attention", "Long Context Models", "Open Source Models"):
        assert tag in html
    assert 'href="../models/toy-1/"' in html
    assert 'href="../techniques/toy-attention/"' in html


def test_search_index_has_entries_and_chinese_names(built: Path) -> None:
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert titles["models/toy-1/"] == "Toy-1"
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"] == "models/toy-1/")
    # jieba segments Han text at build time; the catalog's names stay whole words.
    assert re.search("(^|\u200b)玩具一号(\u200b|$)", text)
    assert index["config"]["separator"].startswith("[\\s\\u200b\\-")
    # Names and aliases go into the search plugin's boosted tags field, topics stay on the page.
    first = next(doc for doc in index["docs"] if doc["location"] == "models/toy-1/")
    assert first["tags"] == ["Toy-1", "Toy 1", "玩具一号", "toy1"]
    assert first["boost"] == 4.8
    assert "toy1" in first["text"]


def test_catalog_json(built: Path) -> None:
    data = json.loads((built / "catalog.json").read_text(encoding="utf-8"))
    ids = [(entry["kind"], entry["id"]) for entry in data["entries"]]
    assert ids == sorted(ids)
    for entry in data["entries"]:
        assert (built / entry["url"] / "index.html").is_file()
        assert set(entry) >= {"id", "kind", "name", "aliases", "url", "tags"}


def test_navigation_is_grouped(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    nav = html.split('class="md-nav md-nav--primary"')[1].split("md-sidebar--secondary")[0]
    assert 'href="categories/attention/"' in nav
    assert 'href="organizations/"' in nav
    # Organizations grow with the catalog: they are listed on index pages, not in the nav.
    assert "organizations/example-lab/" not in nav
    assert "Other Lab &amp; Co" not in nav
    assert "models/toy-1/" not in nav
    listed = (built / "organizations" / "index.html").read_text(encoding="utf-8")
    assert 'href="example-lab/"' in listed


def test_nothing_written_into_docs(built: Path) -> None:
    docs = built.parent / "docs"
    assert sorted(p.name for p in docs.iterdir()) == ["index.md", "tags.md"]


def test_output_is_byte_identical_across_hash_seeds(tmp_path: Path, built: Path) -> None:
    import shutil

    site = tmp_path / "again"
    shutil.copytree(built.parent, site, ignore=shutil.ignore_patterns("site"))
    env_seed = os.environ.get("PYTHONHASHSEED")
    try:
        os.environ["PYTHONHASHSEED"] = "12345"
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=site,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        if env_seed is None:
            os.environ.pop("PYTHONHASHSEED", None)
        else:
            os.environ["PYTHONHASHSEED"] = env_seed
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second_root = site / "site"
    second = {
        p.relative_to(second_root): p.read_bytes() for p in second_root.rglob("*") if p.is_file()
    }
    assert sorted(first) == sorted(second)
    changed = [str(path) for path in first if first[path] != second[path] and path.suffix != ".gz"]
    assert changed == []


def test_bad_catalog_fails_cleanly_and_keeps_site(sample_site: Path) -> None:
    assert mkdocs(sample_site).returncode == 0
    marker = sample_site / "site" / "index.html"
    before = marker.read_bytes()
    bad = sample_site / "catalog" / "models" / "toy-2.yaml"
    bad.write_text(bad.read_text().replace('released: "2022-01"', "released: 2022-01-01"))
    (sample_site / "catalog" / "techniques" / "toy-norm.yaml").write_text("name: [Toy]\n")
    result = mkdocs(sample_site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "catalog/models/toy-2.yaml:4 released: YAML reads '2022-01-01' as a date; "
        'quote it: "2022-01-01"'
    ) in result.stderr
    assert "catalog/techniques/toy-norm.yaml:1 name: expected text, got a list" in result.stderr
    assert marker.read_bytes() == before


def test_special_characters_in_names_are_escaped_everywhere(built: Path) -> None:
    escaped = "Toy-2 &quot;Q&amp;A&quot; 1&lt;2".replace("&quot;", '"')
    page = (built / "models" / "toy-2" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{escaped} - Sample Atlas</title>" in page
    assert f">{escaped}</h1>" in page
    assert 'Q&A"' not in page.replace("Q&amp;A", "")
    for other in ("tags/index.html", "models/toy-1/index.html", "models/index.html"):
        html = (built / other).read_text(encoding="utf-8")
        assert escaped in html, other
        assert "1<2" not in html, other
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert escaped in [doc["title"] for doc in index["docs"]]
    data = json.loads((built / "catalog.json").read_text(encoding="utf-8"))
    assert 'Toy-2 "Q&A" 1<2' in [entry["name"] for entry in data["entries"]]
