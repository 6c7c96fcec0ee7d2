"""Small helpers that write safe Markdown: every catalog string passes through one of these."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

import yaml

_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def text(value: str) -> str:
    """Prose from a contributor: HTML-escaped, links impossible, emphasis and code kept."""
    escaped = html.escape(value, quote=False)
    escaped = re.sub(r"([\[\]|])", r"\\\1", escaped)
    return re.sub(r"\s*\n\s*", " ", escaped).strip()


def literal(value: str) -> str:
    """A name or label shown exactly as written: no Markdown meaning survives."""
    return _INLINE_SPECIALS.sub(r"\\\1", html.escape(value, quote=False))


def link(label: str, target: str) -> str:
    return f"[{literal(label)}]({target})"


def external(label: str, url: str) -> str:
    """A link to a checked http(s) URL; parentheses are encoded so none can end it early."""
    safe = url.replace("(", "%28").replace(")", "%29")
    return f"[{literal(label)}]({safe})"


# Text that libyaml's emitter writes exactly as PyYAML's does: no control characters, line
# or paragraph separators, byte-order marks, non-characters or characters beyond the BMP.
_EMITTED_ALIKE = re.compile(r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")


def _alike(value: Any) -> bool:
    if isinstance(value, str):
        return _EMITTED_ALIKE.fullmatch(value) is not None
    if isinstance(value, dict):
        return all(_alike(key) and _alike(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_alike(item) for item in value)
    return isinstance(value, bool | int | float)


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter, written by libyaml (seven times faster) when it writes it the same."""
    fast = yaml.__with_libyaml__ and _alike(meta)
    dumper = yaml.CSafeDumper if fast else yaml.SafeDumper
    dumped = yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{dumped}---\n\n"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table kept out of the search index: its names and numbers would drown the prose."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    body = "\n".join(lines)
    return f"<div markdown data-search-exclude>\n\n{body}\n\n</div>\n"


def heading(text: str, *, searchable: bool = True) -> str:
    """A second-level heading; sections of links and sources are left out of search."""
    return f"## {text}\n" if searchable else f"## {text} {{ data-search-exclude }}\n"
