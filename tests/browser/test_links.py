"""The built site's HTML files, read without a browser: no broken internal link or anchor, and
every tag chip names a tag of its entry and points at that tag's heading on the tags index."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from .links import check_site, resolve

TAG_HEADING = re.compile(r'<h2 id="(tag:[^"]+)">\s*<span class="md-tag">([^<]*)</span>')
CHIP = re.compile(r'<a href="([^"]+)" class="md-tag">([^<]*)</a>')


def test_no_broken_internal_link_or_anchor(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 100
    problems = check_site(site_dir)
    assert problems == [], f"{len(problems)} broken links:\n" + "\n".join(problems[:50])


@pytest.mark.parametrize(
    ("page", "link", "expected"),
    [
        ("models/x/index.html", "../../techniques/y/", ("techniques/y/index.html", "")),
        (
            "models/x/index.html",
            "../../tags/#tag:open%20models",
            ("tags/index.html", "tag:open models"),
        ),
        ("models/x/index.html", "#sources", ("models/x/index.html", "sources")),
        ("index.html", "assets/app.js?v=1", ("assets/app.js", "")),
        ("404.html", "/models/", ("models/index.html", "")),
        ("index.html", ".", ("index.html", "")),
        ("index.html", "../outside/", ("../outside/index.html", "")),
        ("index.html", "https://example.org/#x", None),
        ("index.html", "mailto:someone@example.org", None),
    ],
)
def test_resolve(page: str, link: str, expected: tuple[str, str] | None) -> None:
    assert resolve(page, link) == expected


def test_check_site_reports_missing_files_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">Home</h1><a href="a/">A</a><a href="a/#part">part</a>'
        '<a href="a/#gone">gone</a><a href="b/">B</a><a href="#top">top</a>'
        '<a href="#nowhere">x</a><img src="logo.png"><a href="https://example.org/">out</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text(
        '<p id="part">A</p><a name="named"></a><a href="../#top">home</a>'
        '<a href="../index.html#named">wrong page</a><a href="../../up/">up</a>',
        encoding="utf-8",
    )
    assert check_site(tmp_path) == [
        "a/index.html: ../index.html#named (no id 'named' in index.html)",
        "a/index.html: ../../up/ (no file ../up/index.html)",
        "index.html: a/#gone (no id 'gone' in a/index.html)",
        "index.html: b/ (no file b/index.html)",
        "index.html: #nowhere (no id 'nowhere' in index.html)",
        "index.html: logo.png (no file logo.png)",
    ]


def test_every_chip_names_an_entry_tag_and_points_at_its_heading(
    site_dir: Path, catalog_json: dict[str, Any], tagged: dict[str, set[str]]
) -> None:
    index = (site_dir / "tags" / "index.html").read_text(encoding="utf-8")
    headings = {anchor: html.unescape(tag) for anchor, tag in TAG_HEADING.findall(index)}
    assert sorted(headings.values()) == sorted(tagged)
    checked = 0
    for entry in catalog_json["entries"]:
        text = (site_dir / entry["url"] / "index.html").read_text(encoding="utf-8")
        chips = [(href, html.unescape(tag)) for href, tag in CHIP.findall(text)]
        # The theme shows the chips in alphabetical order.
        assert [tag for _, tag in chips] == sorted(entry["tags"]), entry["url"]
        for href, tag in chips:
            target = urlsplit(href)
            assert posixpath.normpath(posixpath.join(entry["url"], target.path)) == "tags"
            assert headings.get(unquote(target.fragment)) == tag, (entry["url"], href)
            checked += 1
    assert checked > 0
