"""Small helpers that write safe Markdown: every catalog string passes through one of these."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from typing import Any

from . import frontmatter

_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_LINK_MARKS = re.compile(r"([\[\]|])")
_LINE_BREAK = re.compile(r"\s*\n\s*")


def text(value: str) -> str:
    """Prose from a contributor: HTML-escaped, links impossible, emphasis and code kept."""
    escaped = html.escape(value, quote=False)
    if "[" in escaped or "]" in escaped or "|" in escaped:
        escaped = _LINK_MARKS.sub(r"\\\1", escaped)
    if "\n" in escaped:
        escaped = _LINE_BREAK.sub(" ", escaped)
    return escaped.strip()


@functools.lru_cache(maxsize=1 << 17)
def literal(value: str) -> str:
    """A name or label shown exactly as written: no Markdown meaning survives."""
    return _INLINE_SPECIALS.sub(r"\\\1", html.escape(value, quote=False))


def link(label: str, target: str) -> str:
    return f"[{literal(label)}]({target})"


def external(label: str, url: str) -> str:
    """A link to a checked http(s) URL; parentheses are encoded so none can end it early."""
    safe = url.replace("(", "%28").replace(")", "%29")
    return f"[{literal(label)}]({safe})"


def front_matter(meta: dict[str, Any]) -> str:
    return f"---\n{frontmatter.dump(meta)}---\n\n"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table kept out of the search index: its names and numbers would drown the prose."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    body = "\n".join(lines)
    return f"<div markdown data-search-exclude>\n\n{body}\n\n</div>\n"


def heading(text: str, *, searchable: bool = True) -> str:
    """A second-level heading; sections of links and sources are left out of search."""
    return f"## {text}\n" if searchable else f"## {text} {{ data-search-exclude }}\n"
