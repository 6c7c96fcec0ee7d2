"""JSON Schemas of the catalog format, generated from the field definitions in `schema.py`.

Editors validate and complete catalog files with these schemas as people type; the build remains
the authority. The field list, the required fields, the allowed values, the id, size and control
character patterns and the number ranges all come from `schema.py` and `scalars.py`; each reader
function there has one JSON shape here, and generating a schema fails for a reader without one.

The schemas use draft 2020-12 but only keywords that mean the same in draft 7, which is what the
YAML extension of common editors implements (no `$ref` beside other keywords, no `prefixItems`).

What a JSON Schema cannot see is checked by the build only: the YAML text itself, the file name,
references between files, and text checks that decode character references first. The catalog
format page lists these ("Editor support"), and tests/test_json_schema.py shows each one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import schema as s
from .catalog import KINDS
from .scalars import CONTROL, HTML_TAG, ID_PATTERN, SIZE_PATTERN, UNDISCLOSED

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FORMAT_PAGE = "catalog-format.md"

Shape = dict[str, Any]


def _ref(name: str) -> Shape:
    return {"$ref": f"#/$defs/{name}"}


def _rule(pattern: str, message: str) -> Shape:
    # `patternErrorMessage` is an annotation to the standard and shown by editors that know it.
    return {"pattern": pattern, "patternErrorMessage": message}


def _without(pattern: str, message: str) -> Shape:
    """A rule that the text must not contain `pattern` anywhere."""
    return _rule(f"^(?![\\s\\S]*(?:{pattern}))", message)


def _anycase(word: str, *, spaced: bool = False) -> str:
    """Letters in either case; `spaced` allows white space between characters, as the build
    removes it before looking for script URLs."""
    parts = [f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else _escape(ch) for ch in word]
    return ("\\s*" if spaced else "").join(parts)


def _escape(ch: str) -> str:
    return f"\\{ch}" if ch in "\\^$.|?*+()[]{}" else ch


# What `scalars.SCHEMES` finds, once white space is removed.
SCRIPT_WORDS = ("javascript:", "vbscript:", "livescript:", "data:text/html")
# Link syntax as `Reader.safe_text` finds it.
MARKDOWN_LINK = r"\]\s*\("
SINGLE_LINE = r"^\s*\S(?:[^\n]*\S)?\s*$"


def _port() -> str:
    """Port numbers 0 to 65535, as `urllib` accepts them, with up to five digits."""
    return r"(?:[0-9]{0,4}|[0-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"


def url_pattern() -> str:
    """An http(s) URL: a host, an optional port, then anything but white space, quotes, < and >."""
    user = r"(?:[^\s<>\"'/?#\[\]]*@)?"
    host = r"(?:[^\s<>\"'/?#@\[\]:]+|\[[0-9A-Fa-f:.]+\])"
    rest = r"(?:[/?#][^\s<>\"']*)?"
    return f"^{_anycase('http')}[sS]?://{user}{host}(?::{_port()})?{rest}$"


def date_pattern(first_year: int) -> str:
    """Dates as "YYYY-MM" or "YYYY-MM-DD" that exist, in years from `first_year` to 9999."""
    century, decade = divmod(first_year, 100)
    later = f"(?:{_at_least(century + 1)})"
    years = f"(?:{century}(?:{_at_least(decade)})|{later}[0-9]{{2}})"
    leap_here = "|".join(f"{y:02d}" for y in range(decade, 100) if y % 4 == 0 and y)
    leap_centuries = "|".join(str(c) for c in range(century + 1, 100) if c % 4 == 0)
    leap = (
        f"(?:{century}(?:{leap_here})"
        f"|{later}(?:0[48]|[2468][048]|[13579][26])"
        f"|(?:{leap_centuries})00)"
    )
    month = "(?:0[1-9]|1[0-2])"
    day = (
        "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
        "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
        "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    )
    return f"^(?:{years}-(?:{month}|{day})|{leap}-02-29)$"


def _at_least(value: int) -> str:
    """Two digits that read as a number from `value` to 99."""
    tens, units = divmod(value, 10)
    options = [f"{tens}[{units}-9]"]
    if tens < 9:
        options.append(f"[{tens + 1}-9][0-9]")
    return "|".join(options)


def definitions() -> dict[str, Shape]:
    """The shapes that several fields share, in the schema's `$defs`."""
    safe = [
        _without(CONTROL.pattern, "control characters are not allowed"),
        _without(HTML_TAG.pattern, "raw HTML is not allowed; write plain text"),
        _without(
            "|".join(_anycase(word, spaced=True) for word in SCRIPT_WORDS),
            "script URLs (javascript:) are not allowed",
        ),
        _without(MARKDOWN_LINK, "links are not allowed in text; cite the page under sources"),
    ]
    empty = _rule(r"\S", "is empty; give a value or remove the field")
    return {
        "text": {
            "type": "string",
            "allOf": [empty, _rule(SINGLE_LINE, "must be a single line"), *safe],
        },
        "prose": {"type": "string", "allOf": [empty, *safe]},
        "id": {
            "type": "string",
            **_rule(
                f"^(?:{ID_PATTERN.pattern})$",
                "an id: lowercase letters, digits and single hyphens",
            ),
        },
        "url": {
            "allOf": [
                _ref("text"),
                _rule(url_pattern(), "expected an http(s) URL"),
            ]
        },
        "date": {
            "type": "string",
            **_rule(
                date_pattern(s.YEARS[0]),
                f'a date that exists as "YYYY-MM" or "YYYY-MM-DD", from {s.YEARS[0]} on',
            ),
        },
        "size": {
            "type": "string",
            **_rule(f"^(?:{SIZE_PATTERN.pattern})$", 'a size such as "7B", "1.5T" or "350M"'),
        },
        "source": _object({"url": _ref("url"), "title": _ref("text")}, ("url", "title")),
        "correction": _object(
            {"claim": _ref("prose"), "correction": _ref("prose"), "source": _ref("url")},
            ("claim", "correction", "source"),
        ),
        "parameter": {
            "anyOf": [
                _ref("size"),
                _object(
                    {"label": _ref("text"), "total": _ref("size"), "active": _ref("size")},
                    ("total",),
                ),
            ]
        },
    }


def _object(properties: dict[str, Shape], required: tuple[str, ...]) -> Shape:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


def _list(items: Shape, *, at_least: int = 0) -> Shape:
    shape: Shape = {"type": "array", "items": items, "uniqueItems": True}
    if at_least:
        shape["minItems"] = at_least
    return shape


def _undisclosed_or(shape: Shape) -> Shape:
    return {"anyOf": [{"const": UNDISCLOSED}, shape]}


def reader_shapes() -> dict[Callable[..., Any], Shape]:
    """The JSON shape of every reader function that `schema.py` assigns to a field."""
    return {
        s._text: _ref("text"),
        s._prose: _ref("prose"),
        s._names: _list(_ref("text")),
        s._ids: _list(_ref("id")),
        s._one_or_more_ids: {"anyOf": [_ref("id"), _list(_ref("id"), at_least=1)]},
        s._sources: _list(_ref("source"), at_least=1),
        s._corrections: _list(_ref("correction")),
        s._parameters: _undisclosed_or(_list(_ref("parameter"))),
        s._context: _undisclosed_or(_whole(s.CONTEXT_TOKENS)),
        s._modalities: _object(
            {side: _list({"enum": list(s.MODALITIES)}, at_least=1) for side in ("input", "output")},
            ("input", "output"),
        ),
        s._paper: _object({"title": _ref("text"), "url": _ref("url")}, ("title", "url")),
        s._model_type: {"enum": list(s.MODEL_TYPES)},
        s._architecture: {"enum": [*s.ARCHITECTURES, UNDISCLOSED]},
        s._category: {"enum": list(s.CATEGORIES)},
        s._date: _ref("date"),
        s._year: _whole(s.YEARS),
        s._boolean: {"type": "boolean"},
        s._url: _ref("url"),
    }


def _whole(bounds: tuple[int, int]) -> Shape:
    return {"type": "integer", "minimum": bounds[0], "maximum": bounds[1]}


def _used(shape: Any, defs: dict[str, Shape], found: set[str]) -> None:
    if isinstance(shape, dict):
        ref = shape.get("$ref", "")
        if ref.startswith("#/$defs/") and ref[8:] not in found:
            found.add(ref[8:])
            _used(defs[ref[8:]], defs, found)
        for value in shape.values():
            _used(value, defs, found)
    elif isinstance(shape, list):
        for value in shape:
            _used(value, defs, found)


def entry_schema(kind: str) -> Shape:
    """The JSON Schema of one kind of catalog file."""
    shapes = reader_shapes()
    properties: dict[str, Shape] = {}
    for spec in s.FIELDS[kind]:
        if spec.read not in shapes:
            raise LookupError(f"{kind} field {spec.name!r}: its reader has no JSON shape")
        properties[spec.name] = shapes[spec.read]
    document: Shape = {
        "$schema": DRAFT,
        "title": f"AI Model Atlas {kind}",
        "description": (
            f"One file under catalog/{s.FOLDERS[kind]}/, named <id>.yaml. The fields are "
            f"described on the site's catalog format page ({FORMAT_PAGE}); the build checks "
            "more than this schema and has the last word."
        ),
        "type": "object",
        "properties": properties,
        "required": [spec.name for spec in s.FIELDS[kind] if spec.required],
        "additionalProperties": False,
    }
    if kind == "model":
        document["if"] = {
            "properties": {"type": {"enum": list(s.NEEDS_ARCHITECTURE)}},
            "required": ["type"],
        }
        document["then"] = {"required": ["architecture", "modalities"]}
    defs = definitions()
    used: set[str] = set()
    _used(document, defs, used)
    document["$defs"] = {name: defs[name] for name in sorted(used)}
    return document


def schema_files() -> dict[str, str]:
    """`<kind>.schema.json` file names and their text, stable byte for byte."""
    return {f"{kind}.schema.json": dump(entry_schema(kind)) for kind in KINDS}


def dump(document: Shape) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def declaration(kind: str) -> str:
    """The first-line comment that points editors at the schema of a catalog file."""
    return f"# yaml-language-server: $schema=../../schema/{kind}.schema.json"
