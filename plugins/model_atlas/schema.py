"""The catalog format: which fields each kind of entry has and how each one is read.

This module is the single description of the format: the loader reads files with it, and the
reference documentation lists the same fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yaml.nodes import Node, ScalarNode

from .scalars import FIRST_YEAR, SIZE_PATTERN, UNDISCLOSED, Reader

MODEL_TYPES = ("model", "model-family", "product", "platform", "dataset", "framework", "project")
ARCHITECTURES = (
    "decoder-only",
    "encoder-only",
    "encoder-decoder",
    "state-space",
    "hybrid",
    "recurrent",
    "diffusion",
    "dual-encoder",
    "convolutional",
    "other",
)
MODALITIES = ("text", "code", "image", "audio", "video", "embedding")
CATEGORIES = (
    "attention",
    "position-encoding",
    "normalization",
    "activation",
    "training-objective",
    "alignment",
    "architecture",
    "mixture-of-experts",
    "efficiency",
    "retrieval",
    "data",
)
NEEDS_ARCHITECTURE = ("model", "model-family")
YEARS = (FIRST_YEAR, 2100)
CONTEXT_TOKENS = (1, 100_000_000)

Read = Callable[[Reader, Node, str], Any]


@dataclass(frozen=True)
class Field:
    """One top-level field of an entry file."""

    name: str
    read: Read
    required: bool = False


def _text(r: Reader, node: Node, field: str) -> Any:
    return r.text(node, field)


def _prose(r: Reader, node: Node, field: str) -> Any:
    return r.text(node, field, multiline=True)


def _names(r: Reader, node: Node, field: str) -> Any:
    return r.unique_list(node, field, r.text)


def _ids(r: Reader, node: Node, field: str) -> Any:
    return r.unique_list(node, field, r.ident)


def _one_or_more_ids(r: Reader, node: Node, field: str) -> Any:
    if isinstance(node, ScalarNode):
        value = r.ident(node, field)
        return None if value is None else [value]
    values = _ids(r, node, field)
    if values == []:
        r.fail(node, field, "is empty; give at least one organization id")
        return None
    return values


def _source(r: Reader, node: Node, field: str) -> Any:
    return r.mapping(node, field, {"url": r.url, "title": r.text}, ("url", "title"))


def _sources(r: Reader, node: Node, field: str) -> Any:
    values = r.unique_list(node, field, lambda item, where: _source(r, item, where))
    if values == []:
        r.fail(node, field, "is empty; cite at least one source")
        return None
    return values


def _correction(r: Reader, node: Node, field: str) -> Any:
    readers = {
        "claim": lambda n, f: r.text(n, f, multiline=True),
        "correction": lambda n, f: r.text(n, f, multiline=True),
        "source": r.url,
    }
    return r.mapping(node, field, readers, ("claim", "correction", "source"))


def _corrections(r: Reader, node: Node, field: str) -> Any:
    return r.unique_list(node, field, lambda item, where: _correction(r, item, where))


def _size(r: Reader, node: Node, field: str) -> Any:
    value = r.text(node, field)
    if value is not None and not SIZE_PATTERN.fullmatch(value):
        r.fail(node, field, f'expected a size such as "7B", "1.5T" or "350M", got {value!r}')
        return None
    return value


def _parameter(r: Reader, node: Node, field: str) -> Any:
    if isinstance(node, ScalarNode):
        total = _size(r, node, field)
        return None if total is None else {"total": total}
    readers = {
        "label": r.text,
        "total": lambda n, f: _size(r, n, f),
        "active": lambda n, f: _size(r, n, f),
    }
    return r.mapping(node, field, readers, ("total",))


def _parameters(r: Reader, node: Node, field: str) -> Any:
    if isinstance(node, ScalarNode) and node.value == UNDISCLOSED:
        return UNDISCLOSED
    return r.unique_list(node, field, lambda item, where: _parameter(r, item, where))


def _context(r: Reader, node: Node, field: str) -> Any:
    if isinstance(node, ScalarNode) and node.value == UNDISCLOSED:
        return UNDISCLOSED
    return r.whole(node, field, low=CONTEXT_TOKENS[0], high=CONTEXT_TOKENS[1])


def _modalities(r: Reader, node: Node, field: str) -> Any:
    def side(n: Node, f: str) -> Any:
        values = r.unique_list(n, f, lambda item, where: r.choice(item, where, MODALITIES))
        if values == []:
            r.fail(n, f, "is empty; name at least one modality")
            return None
        return values

    return r.mapping(node, field, {"input": side, "output": side}, ("input", "output"))


def _paper(r: Reader, node: Node, field: str) -> Any:
    return r.mapping(node, field, {"title": r.text, "url": r.url}, ("title", "url"))


# Every reader is a named function: the JSON Schema (json_schema.py) describes each one.


def _model_type(r: Reader, node: Node, field: str) -> Any:
    return r.choice(node, field, MODEL_TYPES)


def _architecture(r: Reader, node: Node, field: str) -> Any:
    # `undisclosed` for models whose publisher has not said what they are built like.
    return r.choice(node, field, (*ARCHITECTURES, UNDISCLOSED))


def _category(r: Reader, node: Node, field: str) -> Any:
    return r.choice(node, field, CATEGORIES)


def _date(r: Reader, node: Node, field: str) -> Any:
    return r.date(node, field)


def _year(r: Reader, node: Node, field: str) -> Any:
    return r.whole(node, field, low=YEARS[0], high=YEARS[1])


def _boolean(r: Reader, node: Node, field: str) -> Any:
    return r.boolean(node, field)


def _url(r: Reader, node: Node, field: str) -> Any:
    return r.url(node, field)


COMMON_START = (
    Field("name", _text, required=True),
    Field("aliases", _names),
)
COMMON_END = (
    Field("tags", _names),
    Field("summary", _prose, required=True),
)

MODEL_FIELDS = (
    *COMMON_START,
    Field("type", _model_type, required=True),
    Field("organization", _one_or_more_ids, required=True),
    Field("family", _text),
    Field("released", _date, required=True),
    Field("architecture", _architecture),
    Field("modalities", _modalities),
    Field("parameters", _parameters),
    Field("context_length", _context),
    Field("open_weights", _boolean),
    Field("license", _text),
    Field("techniques", _ids),
    Field("derived_from", _ids),
    *COMMON_END,
    Field("innovation", _prose),
    Field("significance", _prose),
    Field("corrections", _corrections),
    Field("sources", _sources, required=True),
)

TECHNIQUE_FIELDS = (
    *COMMON_START,
    Field("category", _category, required=True),
    Field("year", _year, required=True),
    Field("paper", _paper),
    Field("related", _ids),
    *COMMON_END,
    Field("how_it_works", _prose),
    Field("tradeoffs", _prose),
    Field("corrections", _corrections),
    Field("sources", _sources, required=True),
)

ORGANIZATION_FIELDS = (
    *COMMON_START,
    Field("country", _text),
    Field("website", _url),
    Field("summary", _prose),
)

FIELDS: dict[str, tuple[Field, ...]] = {
    "model": MODEL_FIELDS,
    "technique": TECHNIQUE_FIELDS,
    "organization": ORGANIZATION_FIELDS,
}

FOLDERS = {"model": "models", "technique": "techniques", "organization": "organizations"}
