"""Check every internal link and anchor of a built site by reading its HTML files.

A link is internal when it names no scheme and no host. It must lead to a file of the site, and
its #fragment, when it has one, must be an `id` (or an `<a name>`) of the page it leads to.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"href", "src"}


@dataclass
class PageLinks:
    """The anchors a page offers and the links it makes, in document order."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.page.links.append(value)


def read_page(html: str) -> PageLinks:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


def resolve(page: str, link: str) -> tuple[str, str] | None:
    """The file (relative to the site root) and fragment a link leads to; None if external.

    `page` is the linking file's path relative to the site root, such as `models/x/index.html`.
    A path that climbs above the site root resolves to a name starting with `../`.
    """
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        target = page
    else:
        joined = (
            path.lstrip("/")
            if path.startswith("/")
            else posixpath.join(posixpath.dirname(page), path)
        )
        target = posixpath.normpath(joined) if joined else "."
        if path.endswith("/") or target == ".":
            target = posixpath.normpath(posixpath.join(target, "index.html"))
    return target, unquote(parts.fragment)


def check_site(root: Path) -> list[str]:
    """Every broken internal link of the site under `root`, as `page: link (reason)`."""
    pages = {
        path.relative_to(root).as_posix(): read_page(path.read_text(encoding="utf-8"))
        for path in sorted(root.rglob("*.html"))
    }
    problems = []
    for name, page in pages.items():
        for link in page.links:
            resolved = resolve(name, link)
            if resolved is None:
                continue
            target, fragment = resolved
            if target not in pages and (root / target).is_dir():
                target = posixpath.join(target, "index.html")
            if target.startswith("../") or not (root / target).is_file():
                problems.append(f"{name}: {link} (no file {target})")
            elif fragment and target in pages and fragment not in pages[target].ids:
                problems.append(f"{name}: {link} (no id {fragment!r} in {target})")
    return problems
