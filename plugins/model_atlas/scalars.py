"""Readers that turn YAML nodes into checked values, reporting every mismatch with its line.

YAML 1.1 types unquoted scalars by their look (`no` is a boolean, `3.10` is the number 3.1,
`2024-07-01` is a date, `0755` is octal). Catalog values are read from the composed node tree
instead, and a plain scalar whose implicit type differs from what the field expects is an error
with a hint, never a silently changed value.
"""

from __future__ import annotations

import datetime
import html
import re
import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Collector
from .yamlfile import line_of

UNDISCLOSED = "undisclosed"
# No release date and no technique is older than this year.
FIRST_YEAR = 1940
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SIZE_PATTERN = re.compile(r"(?:[0-9]+|[0-9]*\.[0-9]+)[KMBT]")
DATE_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")
HTML_TAG = re.compile(r"<[/!?]?[A-Za-z]")
# Unicode's control characters (category Cc) are exactly U+0000-U+001F and U+007F-U+009F.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Text without these characters passes every check of `safe_text`: each check needs one of them.
_SUSPECT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f<&:\]]")
_BRACKETS = re.compile(r"[][(){}]")
SCHEMES = re.compile(r"(?:java|vb|live)script\s*:|data\s*:\s*text/html", re.IGNORECASE)
# An http(s) URL with a plain host name, no port, and none of the characters that the checks of
# `text`, `safe_text` and `url` look for (space, control, quotes, `<>&]`): only SCHEMES remains.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#][^\s\x00-\x1f\x7f-\x9f<>&\]\"']*)?")

_TAG = "tag:yaml.org,2002:"
_NULL = _TAG + "null"
_STR = _TAG + "str"
_YAML_TYPES = {
    _TAG + "bool": "a boolean",
    _TAG + "int": "a number",
    _TAG + "float": "a number",
    _TAG + "timestamp": "a date",
    _TAG + "null": "empty",
}


def _plain(node: Node) -> bool:
    """True for an unquoted scalar, the only kind YAML types by its look.

    PyYAML's parser gives plain scalars the style None, libyaml the style ''.
    """
    return isinstance(node, ScalarNode) and not node.style


def describe(node: Node) -> str:
    """Say what a node is, for messages of the form 'expected X, got Y'."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag in _YAML_TYPES and _plain(node):
        return _YAML_TYPES[node.tag]
    return "text"


class Reader:
    """Reads the fields of one file, adding a problem for every value it cannot accept."""

    def __init__(self, problems: Collector) -> None:
        self.problems = problems

    def fail(self, node: Node, field: str, message: str) -> None:
        self.problems.add(line_of(node), field, message)

    # Scalars

    def scalar(self, node: Node, field: str, expected: str) -> str | None:
        """The raw text of a plain or quoted scalar, or None after reporting a problem."""
        if not isinstance(node, ScalarNode):
            self.fail(node, field, f"expected {expected}, got {describe(node)}")
            return None
        return str(node.value)

    def text(self, node: Node, field: str, *, multiline: bool = False) -> str | None:
        """A string field: refuses values that YAML would type as something else."""
        # The common case, a text that passes every check below, without a call per check.
        if isinstance(node, ScalarNode) and not (not node.style and node.tag in _YAML_TYPES):
            value = unicodedata.normalize("NFC", str(node.value)).strip()
            if value and (multiline or "\n" not in value) and not _SUSPECT.search(value):
                return value
        raw = self.scalar(node, field, "text")
        if raw is None:
            return None
        if _plain(node) and node.tag in _YAML_TYPES:
            if node.tag == _TAG + "null":
                self.fail(node, field, "is empty; give a value or remove the field")
            else:
                kind = _YAML_TYPES[node.tag]
                self.fail(node, field, f'YAML reads {raw!r} as {kind}; write it in quotes: "{raw}"')
            return None
        value = unicodedata.normalize("NFC", raw).strip()
        if not value:
            self.fail(node, field, "is empty; give a value or remove the field")
            return None
        if not multiline and "\n" in value:
            self.fail(node, field, "must be a single line")
            return None
        return value if self.safe_text(node, field, value) else None

    def safe_text(self, node: Node, field: str, value: str) -> bool:
        """Refuse markup that could inject HTML or script into a page."""
        if not _SUSPECT.search(value):
            return True
        decoded = html.unescape(html.unescape(value))
        if CONTROL.search(value):
            self.fail(node, field, "contains a control character")
        elif HTML_TAG.search(decoded):
            found = HTML_TAG.search(decoded)
            assert found is not None
            snippet = decoded[found.start() : found.start() + 12].split(">")[0]
            self.fail(node, field, f"raw HTML is not allowed (found {snippet!r}); write plain text")
        elif ":" in decoded and (
            SCHEMES.search(re.sub(r"[\s\x00-\x1f]+", "", decoded)) or SCHEMES.search(decoded)
        ):
            self.fail(node, field, "script URLs (javascript:) are not allowed")
        elif re.search(r"\]\s*\(", value):
            self.fail(node, field, "links are not allowed in text; cite the page under sources")
        else:
            return True
        return False

    def choice(self, node: Node, field: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(node, field)
        if value is not None and value not in allowed:
            self.fail(node, field, f"expected one of {', '.join(allowed)}; got {value!r}")
            return None
        return value

    def ident(self, node: Node, field: str) -> str | None:
        value = self.text(node, field)
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.fail(
                node,
                field,
                f"{value!r} is not an id: use lowercase letters, digits and single hyphens",
            )
            return None
        return value

    def url(self, node: Node, field: str) -> str | None:
        # The common case (most links are plain http(s) URLs) without the checks below.
        if isinstance(node, ScalarNode) and node.tag == _STR:
            plain = str(node.value).strip()
            if _PLAIN_URL.fullmatch(plain) and plain.isascii() and not SCHEMES.search(plain):
                return plain
        return self.checked_url(node, field)

    def checked_url(self, node: Node, field: str) -> str | None:
        """A URL field, through every check of text and of URLs."""
        value = self.text(node, field)
        if value is None:
            return None
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - reading it checks the host and port
        except ValueError:
            self.fail(node, field, f"expected an http(s) URL, got {value!r}")
            return None
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or re.search(r"[\s<>\"']", value)
        ):
            self.fail(node, field, f"expected an http(s) URL, got {value!r}")
            return None
        return value

    def date(self, node: Node, field: str) -> str | None:
        if isinstance(node, ScalarNode) and _plain(node) and node.tag == _TAG + "timestamp":
            self.fail(node, field, f'YAML reads {node.value!r} as a date; quote it: "{node.value}"')
            return None
        value = self.text(node, field)
        if value is None:
            return None
        match = DATE_PATTERN.fullmatch(value)
        if not match:
            self.fail(node, field, f'expected a date as "YYYY-MM" or "YYYY-MM-DD", got {value!r}')
            return None
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
        try:
            datetime.date(year, month, day)
        except ValueError:
            self.fail(node, field, f"{value!r} is not a date that exists")
            return None
        if year < FIRST_YEAR:
            self.fail(node, field, f"{value!r} is too early to be a release date")
            return None
        return value

    def whole(self, node: Node, field: str, *, low: int, high: int) -> int | None:
        raw = self.scalar(node, field, "a whole number")
        if raw is None:
            return None
        if not _plain(node) or not re.fullmatch(r"[1-9][0-9]*", raw):
            hint = "without quotes, leading zeros, separators or exponents"
            self.fail(node, field, f"expected a whole number ({hint}), got {raw!r}")
            return None
        value = int(raw)
        if not low <= value <= high:
            self.fail(node, field, f"expected a number from {low} to {high}, got {value}")
            return None
        return value

    def boolean(self, node: Node, field: str) -> bool | None:
        raw = self.scalar(node, field, "true or false")
        if raw is None:
            return None
        if _plain(node) and raw in ("true", "false"):
            return raw == "true"
        self.fail(node, field, f"expected true or false, got {raw!r}")
        return None

    # Collections

    def items(self, node: Node, field: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.fail(node, field, f"expected a list, got {describe(node)}")
            return None
        return list(node.value)

    def unique_list(
        self, node: Node, field: str, read: Callable[[Node, str], Any]
    ) -> list[Any] | None:
        nodes = self.items(node, field)
        if nodes is None:
            return None
        values: list[Any] = []
        before = len(self.problems.problems)
        # Only a list written as [a, b] can have an item cut short by a comma.
        flow = bool(getattr(node, "flow_style", False))
        for index, item in enumerate(nodes):
            where = f"{field}[{index}]"
            if isinstance(item, ScalarNode) and item.tag == _NULL and _plain(item):
                self.fail(item, where, "empty list item")
                continue
            if flow and _split_by_flow_comma(node, item):
                self.fail(
                    item,
                    where,
                    f"{item.value!r} has an unclosed bracket: a comma inside [a, b] starts a new "
                    "item; quote the item or write the list one item per line",
                )
                continue
            value = read(item, where)
            if value is None:
                continue
            if value in values:
                self.fail(item, where, f"{value!r} is listed twice")
                continue
            values.append(value)
        return values if len(self.problems.problems) == before else None

    def mapping(
        self,
        node: Node,
        field: str,
        readers: dict[str, Callable[[Node, str], Any]],
        required: tuple[str, ...] = (),
    ) -> dict[str, Any] | None:
        """Read a nested mapping with known keys; unknown keys get the closest known suggested."""
        if not isinstance(node, MappingNode):
            self.fail(node, field, f"expected a mapping, got {describe(node)}")
            return None
        result: dict[str, Any] = {}
        ok = True
        for key, value in node.value:
            name = str(key.value)
            where = f"{field}.{name}" if field else name
            if name not in readers:
                self.fail(key, where, unknown_field_message(name, list(readers)))
                ok = False
                continue
            read = readers[name]
            item = read(value, where)
            if item is None:
                ok = False
            elif name not in result:
                result[name] = item
        for name in required:
            if name not in result and ok:
                where = f"{field}.{name}" if field else name
                self.fail(node, where, "is required")
                ok = False
        return result if ok else None


def _split_by_flow_comma(parent: Node, item: Node) -> bool:
    if not (isinstance(parent, SequenceNode) and parent.flow_style):
        return False
    if not isinstance(item, ScalarNode) or not _plain(item):
        return False
    text = str(item.value)
    if not _BRACKETS.search(text):
        return False
    return any(text.count(a) != text.count(b) for a, b in ("()", "[]", "{}"))


def unknown_field_message(name: str, known: list[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known fields: {', '.join(known)}"
    return f"unknown field{hint}"
