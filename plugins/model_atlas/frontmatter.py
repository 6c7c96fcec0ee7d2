"""Front matter as `yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)` writes
it, byte for byte, in a fraction of its time.

Every generated page has front matter, and PyYAML's representer and emitter are pure Python:
on a catalog of 10,000 entries they took a third of the rendering. Most front matter is a few
keys with plain text, which `_plain_yaml` writes directly; anything else goes to libyaml's
emitter when it writes the same text as PyYAML's (it does not for control characters, line
separators and a few others), and to PyYAML's otherwise. The tests compare all three.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from .yamlfile import QuickResolver

WIDTH = 1000
_STR = "tag:yaml.org,2002:str"
_RESOLVER = QuickResolver()
# Printable text on one line, within the Basic Multilingual Plane, without a byte-order mark.
_ONE_LINE = re.compile(r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9 ._()/+-]*")
_LEADING = frozenset("#,[]{}&*!|>'\"%@` ")


def dump(meta: dict[str, Any]) -> str:
    """The YAML text of `meta`, as `yaml.safe_dump` writes it with the options above."""
    text = _plain_yaml(meta)
    if text is not None:
        return text
    dumper = yaml.CSafeDumper if yaml.__with_libyaml__ and _alike(meta) else yaml.SafeDumper
    return yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=True, width=WIDTH)


def plain(text: str) -> bool:
    """Whether PyYAML's emitter writes `text` as a plain scalar in block context."""
    # Letters, digits, spaces and a little punctuation after a letter hold no indicator, and
    # only the words true, false, yes, no, on, off and null among them take another type.
    simple = _WORDS.fullmatch(text) and text[-1] != " " and len(text) <= WIDTH // 2
    if simple and (len(text) > 5 or text[0] not in "yYnNtTfFoO"):
        return True
    if not text or len(text) > WIDTH // 2 or not _ONE_LINE.fullmatch(text):
        return False
    if text[0] in _LEADING or text[-1] == " " or text.startswith(("---", "...")):
        return False
    if text[0] in "?:-" and (len(text) == 1 or text[1] == " "):
        return False
    if ": " in text or text.endswith(":") or " #" in text:
        return False
    return bool(_RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR)


# Keys, names and tags recur from page to page (and a page's title among its search tags);
# longer text, such as a description, rarely does and is not worth remembering.
_RECURRING = 64


@functools.lru_cache(maxsize=4096)
def _plain_recurring(text: str) -> bool:
    return plain(text)


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        is_plain = _plain_recurring(value) if len(value) <= _RECURRING else plain(value)
        return value if is_plain else None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        shown = repr(value)
        return shown if "e" not in shown and "n" not in shown else None
    return None


def _plain_yaml(meta: dict[str, Any], indent: str = "") -> str | None:
    """Block YAML of a mapping of plain scalars, non-empty lists of them and such mappings."""
    if not meta:
        return None
    lines = []
    for key in sorted(meta):
        if not isinstance(key, str) or not _plain_recurring(key):
            return None
        value = meta[key]
        if isinstance(value, dict):
            inner = _plain_yaml(value, indent + "  ") if value else None
            if inner is None:
                return None
            lines.append(f"{indent}{key}:\n{inner}")
        elif isinstance(value, list):
            items = [_scalar(item) for item in value]
            if not items or None in items:
                return None
            lines.append(f"{indent}{key}:\n" + "".join(f"{indent}- {item}\n" for item in items))
        else:
            shown = _scalar(value)
            if shown is None:
                return None
            lines.append(f"{indent}{key}: {shown}\n")
    return "".join(lines)


def _alike(value: Any) -> bool:
    """Whether libyaml's emitter writes `value` exactly as PyYAML's emitter does."""
    if isinstance(value, str):
        # libyaml writes an empty key as `''` where PyYAML writes `? ''`.
        return bool(value) and _ONE_LINE.fullmatch(value) is not None
    if isinstance(value, dict):
        return all(_alike(key) and _alike(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_alike(item) for item in value)
    return isinstance(value, bool | int | float)
