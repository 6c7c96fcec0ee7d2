"""Read one YAML file into a node tree that keeps line numbers and refuses YAML's traps.

The tree is PyYAML's own node tree (composed, never constructed), so no value is ever turned into
a Python object by YAML's implicit typing: the schema decides what each scalar may be.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
import yaml.reader
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .problems import Collector

MAX_BYTES = 256 * 1024


class _Refused(yaml.MarkedYAMLError):
    """A YAML feature that catalog files must not use."""


class _StrictComposer(Composer):
    """Composes the node tree, refusing anchors, aliases and explicit tags."""

    peek_event: Callable[[], Any]

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                problem="anchors and aliases (&name, *name) are not allowed; write the value out",
                problem_mark=event.start_mark,
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(
                problem=f"explicit tags such as {tag!r} are not allowed; quote the value instead",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


class _StrictLoader(_StrictComposer, yaml.SafeLoader):
    """The pure-Python loader: slow, and the source of every syntax message."""


class QuickResolver(Resolver):
    """PyYAML's resolver, answering the common cases without trying its regular expressions.

    A plain scalar whose first character starts no implicit type (no digit, sign, dot, `~`,
    or the first letter of true, false, yes, no, on, off, null), or that starts with a letter
    and is longer than these words, is text; collections have their default tags, since
    catalog files use no path resolvers.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        if self.yaml_path_resolvers:
            super().descend_resolver(current_node, current_index)

    def ascend_resolver(self) -> None:
        if self.yaml_path_resolvers:
            super().ascend_resolver()

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if kind is MappingNode:
            return self.DEFAULT_MAPPING_TAG
        if kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        types = self.yaml_implicit_resolvers
        # Quoted and block scalars are text: only plain ones are typed by their look.
        if not implicit[0]:
            return self.DEFAULT_SCALAR_TAG
        if value and None not in types:
            first = value[0]
            # Letters start only booleans and null, none longer than five letters.
            if first not in types or (len(value) > 5 and first.isalpha()):
                return self.DEFAULT_SCALAR_TAG
            # Short values recur (field names, dates, sizes): the answer depends on them alone.
            if len(value) <= 16:
                key = (value, implicit)
                tag = _RESOLVED.get(key)
                if tag is None:
                    if len(_RESOLVED) > 100_000:
                        _RESOLVED.clear()
                    tag = _RESOLVED[key] = super().resolve(kind, value, implicit)
                return tag
        return super().resolve(kind, value, implicit)


_RESOLVED: dict[tuple[str, Any], Any] = {}


_FastLoader: type[Any] | None = None
_WholeLoader: type[Any] | None = None
if yaml.__with_libyaml__:  # PyYAML built without libyaml uses the pure-Python parser only
    from yaml._yaml import CParser

    class _CWholeLoader(CParser, SafeConstructor, QuickResolver):
        """libyaml parses and composes; for files without anchors, aliases or tags."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            QuickResolver.__init__(self)

    _WholeLoader = _CWholeLoader

    class _CStrictLoader(_StrictComposer, CParser, SafeConstructor, Resolver):
        """libyaml's parser (ten times faster) under the same composer and checks."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            _StrictComposer.__init__(self)

    _FastLoader = _CStrictLoader


def line_of(node: Node) -> int:
    """The 1-based line on which a node starts."""
    return int(node.start_mark.line) + 1


def read_tree(text: str | bytes, problems: Collector, *, fast: bool = False) -> Node | None:
    """Parse a file's text into a node tree; report syntax problems and return None on failure.

    With `fast`, libyaml parses the text when PyYAML has it. The two parsers disagree on a few
    faulty inputs (lines and messages of errors, tabs): a caller that reads fast must read a
    file again without `fast` whenever it finds any problem in it, as `parse_entry` does.
    """
    if len(text) > MAX_BYTES:
        problems.add(1, "", f"file is {len(text)} bytes; entries are limited to {MAX_BYTES} bytes")
        return None
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.add(1, "", f"file is not UTF-8 text (byte {error.start} is invalid)")
            return None
    text = text.removeprefix("\ufeff")
    try:
        node = _compose_fast(text) if fast else None
        if node is None:
            node = yaml.compose(text, Loader=_StrictLoader)
        if node is not None:
            # A comment that cuts a value short follows a space or tab; a file whose only comments
            # start their lines (the schema line) needs no look at the lines.
            _walk(node, text.splitlines() if " #" in text or "\t#" in text else [], problems)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        problems.add(line, "", f"contains a control character (U+{error.character:04X}); remove it")
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = int(mark.line) + 1 if mark is not None else 1
        problems.add(line, "", _syntax_message(error, text, line))
        return None
    except yaml.YAMLError as error:
        problems.add(1, "", f"not valid YAML: {error}")
        return None
    except RecursionError:
        problems.add(1, "", "values are nested too deeply; no field needs more than three levels")
        return None
    return node


def _compose_fast(text: str) -> Node | None:
    """The tree as libyaml reads it, or None to let the pure-Python parser read the file."""
    # PyYAML refuses tabs and byte-order marks in places where libyaml accepts them.
    if _FastLoader is None or _WholeLoader is None or "\t" in text or "\ufeff" in text:
        return None
    # Without these characters a file has no anchor, alias or tag to refuse, and libyaml can
    # compose the tree too (twice as fast).
    whole = not any(indicator in text for indicator in "&*!")
    try:
        node: Node | None = yaml.compose(text, Loader=_WholeLoader if whole else _FastLoader)
    except yaml.YAMLError:
        return None
    return node


def _syntax_message(error: yaml.MarkedYAMLError, text: str, line: int) -> str:
    problem = str(error.problem or error.context or "not valid YAML")
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or "'\\t'" in problem:
        return "tab used for indentation; indent with spaces"
    if isinstance(error, _Refused):
        return problem
    if "mapping values are not allowed" in problem:
        return "unquoted ': ' inside a value; put the whole value in quotes"
    return f"not valid YAML: {problem}"


def _walk(node: Node, lines: list[str], problems: Collector, path: str = "") -> None:
    """Find what YAML accepts silently: duplicate keys and plain values cut short by ' #'.

    `lines` is empty when no comment can follow a value, and then scalars need no look at all.
    """
    if isinstance(node, MappingNode):
        seen: dict[str, Node] = {}
        for key, value in node.value:
            name = str(key.value) if isinstance(key, ScalarNode) else "?"
            if name in seen:
                field = f"{path}.{name}" if path else name
                first = line_of(seen[name])
                problems.add(line_of(key), field, f"duplicate key; first given on line {first}")
            else:
                seen[name] = key
            if lines or not isinstance(value, ScalarNode):
                _walk(value, lines, problems, f"{path}.{name}" if path else name)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            if lines or not isinstance(item, ScalarNode):
                _walk(item, lines, problems, f"{path}[{index}]")
    elif isinstance(node, ScalarNode) and lines and not node.style and node.value != "":
        # Plain scalars have the style None from PyYAML's parser and '' from libyaml's.
        end = node.end_mark
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        if "#" in rest and re.match(r"\s+#", rest) and not re.match(r"\s+#\s*$", rest):
            cut = rest.strip()
            problems.add(
                line_of(node),
                path,
                f"the value ends before {cut[:20]!r} because ' #' starts a comment; "
                "remove the comment, or quote the whole value if it belongs to it",
            )
