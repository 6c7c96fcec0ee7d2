"""New catalog files from a name: the id derived from it, every field listed, nothing guessed.

Required fields are left empty, so that `atlas check` and the build refuse the file until each
one is filled in; optional fields are listed as comments to uncomment or delete.
"""

from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from pathlib import Path

import yaml

from .json_schema import declaration
from .scalars import ID_PATTERN
from .schema import ARCHITECTURES, CATEGORIES, FIELDS, FOLDERS, MODALITIES, MODEL_TYPES

# Letters that Unicode does not decompose into a base letter and a mark.
_FOLDS = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"}
)

_HINTS = {
    "name": "the name readers know it by",
    "aliases": "other names and spellings: [Name-1, Name 1, 名前]",
    "type": ", ".join(MODEL_TYPES),
    "organization": "organization id (a file in catalog/organizations/), or a list of ids",
    "family": "the family name shared by generations, e.g. Llama",
    "released": 'first public release, in quotes: "2024-07" or "2024-07-23"',
    "architecture": "for types model and model-family: " + ", ".join(ARCHITECTURES),
    "modalities": "for types model and model-family: {input: [text], output: [text]} with "
    + ", ".join(MODALITIES),
    "parameters": 'sizes such as ["8B", "70B"], or undisclosed',
    "context_length": "tokens as a whole number (131072), or undisclosed",
    "open_weights": "true when the weights can be downloaded, false when not",
    "license": "e.g. Apache-2.0, proprietary",
    "techniques": "technique ids: [grouped-query-attention, rope]",
    "derived_from": "ids of the models it was built from",
    "tags": "topic tags: [Open Source Models]",
    "summary": "in your own words: what it is",
    "innovation": "what was new about it",
    "significance": "why it mattered",
    "corrections": "common claims the record contradicts",
    "sources": "the pages that back the facts above; at least one",
    "category": ", ".join(CATEGORIES),
    "year": "the year it was introduced, e.g. 2023",
    "paper": "the paper that introduced it",
    "related": "related technique ids",
    "how_it_works": "a few precise sentences on the mechanism",
    "tradeoffs": "what it costs and what it gains",
    "country": "country of its headquarters",
    "website": "home page URL",
}

# Fields whose value spans several lines: their placeholder lines, without the field's own.
_BLOCKS = {
    "sources": ["  - url:", "    title:"],
    "corrections": ["  - claim:", "    correction:", "    source:"],
    "paper": ["  title:", "  url:"],
}
_COLUMN = 20
_WIDTH = 100


def derive_id(name: str) -> str:
    """`Llama 3.1 Señor` gives `llama-3-1-senor`: accents folded, other characters to hyphens."""
    text = unicodedata.normalize("NFKD", name.casefold().translate(_FOLDS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "-".join(re.findall(r"[a-z0-9]+", text))


def _quoted(name: str) -> str:
    """The name as a YAML value: plain when YAML reads it back unchanged, else double-quoted."""
    try:
        plain = yaml.safe_load(f"name: {name}") == {"name": name}
    except yaml.YAMLError:
        plain = False
    return name if plain and "#" not in name else json.dumps(name, ensure_ascii=False)


def _field(text: str, hint: str | None, *, required: bool) -> list[str]:
    """A field's line with its hint.

    A field to fill in gets its hint on the line above: a hint beside it would be cut off as a
    comment once a value is typed before it, and the check would then complain about the value.
    A commented-out optional field keeps its hint beside it, so that the pair reads as one line.
    """
    if not hint:
        return [text]
    beside = f"{text.ljust(_COLUMN - 1)} # {hint}"
    if not required and len(beside) <= _WIDTH:
        return [beside]
    return [*textwrap.wrap(hint, _WIDTH, initial_indent="# ", subsequent_indent="#   "), text]


def template(kind: str, name: str) -> str:
    """The text of a new file: the schema comment, then every field of `kind` in order."""
    required = {spec.name for spec in FIELDS[kind] if spec.required}
    if kind == "model":
        required |= {"architecture", "modalities"}
    lines = [
        declaration(kind),
        f"# New {kind}: fill in every empty value, uncomment the optional fields you can source",
        "# and delete the others. `atlas check` lists what is left; the fields are described in",
        "# docs/catalog-format.md.",
    ]
    for spec in FIELDS[kind]:
        hint = _HINTS.get(spec.name)
        if spec.name == "name":
            lines.append(f"name: {_quoted(name)}")
        elif spec.name in required:
            lines.extend(_field(f"{spec.name}:", hint, required=True))
            lines.extend(_BLOCKS.get(spec.name, []))
        else:
            lines.extend(_field(f"# {spec.name}:", hint, required=False))
            lines.extend(f"# {line}" for line in _BLOCKS.get(spec.name, []))
    return "\n".join(lines) + "\n"


def create(catalog: Path, kind: str, name: str, ident: str | None = None) -> Path:
    """Write a new file for `name`; refuse an existing file, a reserved id or a bad one."""
    ident = ident if ident is not None else derive_id(name)
    if not ident:
        raise ValueError(f"no id can be derived from {name!r}; give one with --id")
    if not ID_PATTERN.fullmatch(ident) or ident == "index":
        raise ValueError(f"{ident!r} cannot be an id: use lowercase letters, digits and hyphens")
    if not name.strip() or "\n" in name:
        raise ValueError("the name must be one line of text")
    path = catalog / FOLDERS[kind] / f"{ident}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(template(kind, name))
    return path


def declare_schema(text: bytes, kind: str) -> bytes:
    """The file with the schema comment as its first line, keeping its BOM and line endings."""
    bom = b"\xef\xbb\xbf" if text.startswith(b"\xef\xbb\xbf") else b""
    body = text[len(bom) :]
    newline = b"\r\n" if b"\r\n" in body else b"\n"
    wanted = declaration(kind).encode("utf-8")
    first, separator, rest = body.partition(b"\n")
    if first.rstrip(b"\r").startswith(b"# yaml-language-server:"):
        body = rest if separator else b""
    return bom + wanted + newline + body
