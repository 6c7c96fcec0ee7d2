"""Synthetic catalogs shaped like the real one, from 50 to 10,000 entries and beyond.

The shape follows the bundled catalog (measured when this was written: 266 models, 98
techniques, 80 organizations, 68 tags; about 1.6 KB per file, three aliases per entry, one or
two tags, prose fields of 200 to 550 characters) with the cross-references a larger catalog has:

- entries: models and techniques; techniques are one entry in twelve (83, 416 and 833 of
  1,000, 5,000 and 10,000 entries), since a technique is shared by many models;
- organizations: 50 plus one per 60 models, at most 200 (65, 126 and 200), so that the
  number of organizations grows with the catalog, sublinearly, as publishers do;
- tags: 40 plus one per 20 entries (90, 290 and 540), one to three per entry;
- models use up to ten techniques (four on average), skewed towards a few popular ones as
  real models are (almost every model lists the Transformer); one in three models is built on one
  or two earlier members of its family; families are blocks of twelve consecutive models;
- one model in thirty has a name in Han script among its aliases, one in six a correction.

Entry `i` is drawn from its own random generator, with a fixed number of draws per field, so
the same entry has the same text at every catalog size: page weight can be compared across sizes.
References are drawn as fractions of the pool, so they land on existing entries at any size.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FAMILY_SIZE = 12
PROBE_MODEL = 7
"""The model whose page is weighed: its lineage stays inside its family at every size."""

_CONSONANTS = "bcdfghklmnprstvz"
_VOWELS = "aeiou"
_WORDS = (
    "model",
    "attention",
    "layer",
    "token",
    "context",
    "training",
    "data",
    "scale",
    "parameter",
    "expert",
    "sparse",
    "dense",
    "decoder",
    "encoder",
    "language",
    "vision",
    "audio",
    "speech",
    "image",
    "retrieval",
    "alignment",
    "preference",
    "reward",
    "instruction",
    "benchmark",
    "release",
    "weights",
    "licence",
    "open",
    "closed",
    "inference",
    "latency",
    "memory",
    "cache",
    "sequence",
    "window",
    "position",
    "rotary",
    "normalization",
    "activation",
    "gated",
    "mixture",
    "routing",
    "quantized",
    "distilled",
    "multilingual",
    "reasoning",
    "code",
    "mathematics",
    "dialogue",
    "safety",
    "evaluation",
    "corpus",
    "filter",
    "pretraining",
    "fine-tuning",
    "objective",
    "loss",
    "gradient",
    "optimizer",
    "schedule",
    "batch",
    "throughput",
    "hardware",
)
_HAN_DIGITS = "零一二三四五六七八九"
_TYPES = ("model",) * 6 + ("model-family",) * 3 + ("product", "framework", "dataset", "project")
_ARCHITECTURES = ("decoder-only",) * 6 + ("encoder-only", "encoder-decoder", "hybrid", "diffusion")
_CATEGORIES = (
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
_KINDS = ("Attention", "Encoding", "Norm", "Routing", "Objective", "Tuning", "Decoding", "Cache")
_TOPICS = ("Models", "Methods", "Systems", "Family", "Research", "Benchmarks")
_COUNTRIES = ("United States", "China", "France", "United Kingdom", "Canada", "Japan", "Germany")
_SUFFIXES = ("Instruct", "Chat", "Base", "Vision", "Code", "Mini")


@dataclass(frozen=True)
class Shape:
    """How many files of each kind a catalog of `entries` entries has."""

    entries: int

    @property
    def techniques(self) -> int:
        return max(8, self.entries // 12)

    @property
    def models(self) -> int:
        return self.entries - self.techniques

    @property
    def organizations(self) -> int:
        return min(200, 50 + self.models // 60)

    @property
    def tags(self) -> int:
        return 40 + self.entries // 20


def word(number: int) -> str:
    """A distinct pronounceable word for every number (bijective, letters only)."""
    syllables = [c + v for c in _CONSONANTS for v in _VOWELS]
    parts = []
    number += len(syllables)
    while number:
        number, rest = divmod(number, len(syllables))
        parts.append(syllables[rest])
    return "".join(reversed(parts))


def _prose(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(_WORDS[int(rng.random() * len(_WORDS))])
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _pick(rng: random.Random, pool: int, skew: float = 1.0) -> int:
    """An index into a pool of `pool` items, with one draw whatever the pool's size."""
    return min(pool - 1, int(pool * rng.random() ** skew))


def _distinct(seed: str, count: int, pool: int, skew: float) -> list[int]:
    """`count` different indices (fewer if the pool is smaller), from a generator of their own.

    The other fields of an entry are drawn from another generator, so that the number of draws
    made here, which depends on the pool's size, changes nothing else.
    """
    rng = random.Random(seed)
    chosen: dict[int, None] = {}
    while len(chosen) < min(count, pool):
        chosen[_pick(rng, pool, skew)] = None
    return list(chosen)


def _sources(rng: random.Random, ident: str) -> list[dict[str, str]]:
    count = 1 + int(rng.random() * 3)
    return [
        {
            "url": f"https://example.org/papers/{ident}/{n}",
            "title": _prose(rng, 50).rstrip(".") + f" ({2018 + n})",
        }
        for n in range(count)
    ]


def model_id(index: int) -> str:
    family, member = divmod(index, FAMILY_SIZE)
    return f"{word(family)}-{member + 1}"


def technique_id(index: int) -> str:
    return f"{word(index + 3000)}-{_KINDS[index % len(_KINDS)].lower()}"


def organization_id(index: int) -> str:
    return f"{word(index + 6000)}-lab"


def tag_name(index: int) -> str:
    return f"{word(index + 9000).capitalize()} {_TOPICS[index % len(_TOPICS)]}"


def _tags(rng: random.Random, seed: str, shape: Shape) -> list[str]:
    count = 1 + int(rng.random() ** 2 * 3)
    return [tag_name(index) for index in _distinct(f"{seed}-tags", count, shape.tags, 1.5)]


def model(index: int, shape: Shape) -> dict[str, Any]:
    rng = random.Random(f"model-{index}")
    family, member = divmod(index, FAMILY_SIZE)
    base = word(family).capitalize()
    name = f"{base} {member + 1}"
    aliases = [f"{base}-{member + 1}-{s}" for s in _SUFFIXES[: int(rng.random() * 5)]]
    han = rng.random() < 1 / 30
    if han:
        aliases.append("".join(_HAN_DIGITS[int(d)] for d in str(index)) + "号模型")
    joint = 2 if rng.random() < 0.1 else 1
    organizations = [
        organization_id(org)
        for org in _distinct(f"model-{index}-organizations", joint, shape.organizations, 1.8)
    ]
    kind = _TYPES[int(rng.random() * len(_TYPES))]
    year, month = 2017 + int(rng.random() * 9), 1 + int(rng.random() * 12)
    data: dict[str, Any] = {
        "name": name,
        "aliases": aliases,
        "type": kind,
        "organization": organizations,
        "family": base,
        "released": f"{year}-{month:02d}",
    }
    architecture = _ARCHITECTURES[int(rng.random() * len(_ARCHITECTURES))]
    if kind in ("model", "model-family") or rng.random() < 0.5:
        data["architecture"] = architecture
        data["modalities"] = {"input": ["text"], "output": ["text", "code"][: 1 + member % 2]}
    sizes = sorted({1 + int(rng.random() * 400) for _ in range(1 + int(rng.random() * 3))})
    data["parameters"] = [f"{size}B" for size in sizes]
    if rng.random() < 0.5:
        data["context_length"] = 2 ** (11 + int(rng.random() * 7))
    data["open_weights"] = rng.random() < 0.6
    data["license"] = "Apache-2.0" if data["open_weights"] else "proprietary"
    count = int(rng.random() * 11)
    seed = f"model-{index}-techniques"
    data["techniques"] = [technique_id(t) for t in _distinct(seed, count, shape.techniques, 3.0)]
    parents = [index - 1 - int(rng.random() * member) for _ in range(2)] if member else []
    if rng.random() < 0.35 and parents:
        data["derived_from"] = [model_id(p) for p in dict.fromkeys(parents)]
    data["tags"] = _tags(rng, f"model-{index}", shape)
    data["summary"] = _prose(rng, 200 + int(rng.random() * 60))
    data["innovation"] = _prose(rng, 280 + int(rng.random() * 100))
    data["significance"] = _prose(rng, 220 + int(rng.random() * 60))
    if rng.random() < 1 / 6:
        data["corrections"] = [
            {
                "claim": _prose(rng, 90),
                "correction": _prose(rng, 220),
                "source": f"https://example.org/records/{model_id(index)}",
            }
        ]
    data["sources"] = _sources(rng, model_id(index))
    return {key: value for key, value in data.items() if value != []}


def technique(index: int, shape: Shape) -> dict[str, Any]:
    rng = random.Random(f"technique-{index}")
    kind = _KINDS[index % len(_KINDS)]
    base = word(index + 3000).capitalize()
    name = f"{base} {kind}"
    aliases = [f"{base}-{kind}", f"{base.upper()}-{kind[0]}"]
    count = int(rng.random() * 5)
    related = [
        technique_id(t)
        for t in _distinct(f"technique-{index}-related", count + 1, shape.techniques, 1.0)
        if t != index
    ][:count]
    data: dict[str, Any] = {
        "name": name,
        "aliases": aliases,
        "category": _CATEGORIES[int(rng.random() * len(_CATEGORIES))],
        "year": 1990 + int(rng.random() * 35),
        "paper": {
            "title": _prose(rng, 60).rstrip("."),
            "url": f"https://example.org/abs/{technique_id(index)}",
        },
        "related": related,
        "tags": _tags(rng, f"technique-{index}", shape),
        "summary": _prose(rng, 200 + int(rng.random() * 60)),
        "how_it_works": _prose(rng, 450 + int(rng.random() * 150)),
        "tradeoffs": _prose(rng, 300 + int(rng.random() * 80)),
        "sources": _sources(rng, technique_id(index)),
    }
    return {key: value for key, value in data.items() if value != []}


def organization(index: int) -> dict[str, Any]:
    rng = random.Random(f"organization-{index}")
    base = word(index + 6000).capitalize()
    return {
        "name": f"{base} Lab",
        "aliases": [f"{base} AI", f"{base} Research"],
        "country": _COUNTRIES[int(rng.random() * len(_COUNTRIES))],
        "website": f"https://{base.lower()}.example.org",
        "summary": _prose(rng, 120),
    }


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100
    )


def write_catalog(root: Path, entries: int) -> Shape:
    """Write a catalog of `entries` models and techniques, and its organizations, under root."""
    shape = Shape(entries)
    if root.exists():
        shutil.rmtree(root)
    folders = {name: root / name for name in ("models", "techniques", "organizations")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    for index in range(shape.models):
        path = folders["models"] / f"{model_id(index)}.yaml"
        path.write_text(dump(model(index, shape)), encoding="utf-8")
    for index in range(shape.techniques):
        path = folders["techniques"] / f"{technique_id(index)}.yaml"
        path.write_text(dump(technique(index, shape)), encoding="utf-8")
    for index in range(shape.organizations):
        path = folders["organizations"] / f"{organization_id(index)}.yaml"
        path.write_text(dump(organization(index)), encoding="utf-8")
    return shape
