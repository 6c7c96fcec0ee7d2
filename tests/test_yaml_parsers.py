"""libyaml reads catalog files exactly as PyYAML's pure-Python parser does, problems included.

The loader parses with libyaml when PyYAML has it (ten times faster on a large catalog) and falls
back to the pure-Python parser for every file libyaml refuses. These tests read the same text
both ways and compare the entries and problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from model_atlas import yamlfile
from model_atlas.catalog import parse_entry
from model_atlas.problems import Collector

from .conftest import ROOT, SAMPLE
from .test_fuzz import KIND, SETTINGS, TRAPS

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML lacks libyaml")

FILES = sorted((SAMPLE / "catalog").rglob("*.yaml"))
CORPUS = sorted((ROOT / "tests" / "cases").rglob("*.yaml"))


def _read(kind: str, text: str | bytes, *, fast: bool) -> tuple[Any, ...]:
    saved = yamlfile._FastLoader
    if not fast:
        yamlfile._FastLoader = None
    try:
        collector = Collector("file.yaml")
        entry = parse_entry(kind, "file", text, collector)
    finally:
        yamlfile._FastLoader = saved
    found = None if entry is None else (entry.data, entry.lines)
    return found, sorted(collector.problems)


def _same(kind: str, text: str | bytes) -> None:
    assert _read(kind, text, fast=True) == _read(kind, text, fast=False)


def test_fast_parser_is_used() -> None:
    assert yamlfile._FastLoader is not None


@pytest.mark.parametrize("path", [*FILES, *CORPUS], ids=lambda p: p.stem)
def test_every_known_file_reads_the_same(path: Path) -> None:
    folder = path.parent.name
    text = path.read_bytes()
    kind = KIND.get(folder)
    if kind is None:
        first = text.split(b"\n", 1)[0].decode("utf-8", "replace")
        kind = first.removeprefix("# kind: ").strip() if first.startswith("# kind:") else "model"
    _same(kind, text)


@SETTINGS
@given(
    sample=st.sampled_from(FILES),
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 20), st.sampled_from(TRAPS)),
        min_size=1,
        max_size=5,
    ),
)
def test_mutated_files_read_the_same(sample: Path, edits: list[tuple[int, int, str]]) -> None:
    text = sample.read_text(encoding="utf-8")
    for position, length, token in edits:
        at = position % (len(text) + 1)
        text = text[:at] + token + text[at + length :]
    _same(KIND[sample.parent.name], text)


@SETTINGS
@given(kind=st.sampled_from(sorted(KIND.values())), text=st.text(max_size=300))
def test_random_text_reads_the_same(kind: str, text: str) -> None:
    _same(kind, text)


@SETTINGS
@given(
    value=st.text(max_size=12) | st.sampled_from([t.strip() for t in TRAPS] + ["Off", "NULL"]),
    implicit=st.sampled_from([(True, False), (False, True)]),
)
def test_quick_resolver_gives_pyyaml_tags(value: str, implicit: tuple[bool, bool]) -> None:
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode
    from yaml.resolver import Resolver

    quick, reference = yamlfile.QuickResolver(), Resolver()
    for kind in (ScalarNode, MappingNode, SequenceNode):
        assert quick.resolve(kind, value, implicit) == reference.resolve(kind, value, implicit)


def test_synthetic_catalog_reads_the_same(tmp_path: Path) -> None:
    from bench.generate import write_catalog

    write_catalog(tmp_path, 150)
    for path in sorted(tmp_path.rglob("*.yaml")):
        _same(KIND[path.parent.name], path.read_bytes())
