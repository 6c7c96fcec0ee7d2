"""Edit links that point from `docs/` to the catalog, with their `..` resolved.

MkDocs joins a full-URL `edit_uri` and a file's edit path as text, which leaves
`docs/../catalog/` in the link; the link must be exactly the URL of the YAML file.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit, urlunsplit


class EditLinks:
    """Resolves edit links, each folder once; kept for the rebuilds of `mkdocs serve`."""

    def __init__(self) -> None:
        # The folders of edit links as MkDocs joins them, and with their `..` resolved.
        self._folders: dict[str, str | None] = {}

    def resolve(self, url: str) -> str:
        """`url` without dot segments in its path."""
        # Every entry of a folder shares the part before its file name.
        head, _, name = url.rpartition("/")
        if name in ("", ".", "..") or "?" in name or "#" in name:
            return without_dot_segments(url)
        if head not in self._folders:
            self._folders[head] = _resolved_folder(head)
        resolved = self._folders[head]
        if resolved is None:
            return without_dot_segments(url)
        return f"{resolved}/{name}"


def without_dot_segments(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))


def _resolved_folder(head: str) -> str | None:
    """`head` without dot segments, if `/name` can be joined to it as it is; None if not.

    The root folder cannot: `normpath` keeps one or two leading slashes but never three.
    """
    parts = urlsplit(head)
    path = posixpath.normpath(parts.path) if parts.path.startswith("/") else ""
    if not path.strip("/"):
        return None
    return urlunsplit(parts._replace(path=path))
