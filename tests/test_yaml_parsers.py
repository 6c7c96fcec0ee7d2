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
from hypothesis import example, given
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
    implicit=st.sampled_from([(True, False), (False, True), (False, False), (True, True)]),
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


_URL_PIECES = st.sampled_from(
    [
        "https://",
        "http://",
        "HTTPS://",
        "ftp://",
        "example.org",
        "a-b.c",
        "/",
        "?q=",
        "#x",
        ":8080",
        "user@",
        "&lt;b",
        "&",
        "<",
        "]",
        "(",
        "'",
        '"',
        " ",
        "\t",
        "\n",
        "\x85",
        "\x7f",
        "é",
        "javascript:",
        "JavaScript :",
        "data:text/html",
        "[::1]",
        "%20",
        ".",
        "..",
        "~",
        "|",
        "`",
    ]
)


@SETTINGS
@example("https://example.org/?next=javascript:alert(1)", None, "str")
@example("https://example.org/a b", "'", "str")
@example("https://example.org/cafe\u0301", "'", "str")
@example("https://example.org/&lt;b&gt;", '"', "str")
@example("https://example.org:99999/", '"', "str")
@example("https://example.org/x\x7f", '"', "str")
@example("  https://example.org/  ", '"', "str")
@example("https://example.org/", None, "int")
@given(
    value=st.lists(_URL_PIECES, max_size=8).map("".join) | st.text(max_size=40),
    style=st.sampled_from([None, "", "'", '"', "|", ">"]),
    tag=st.sampled_from(["str", "int", "null", "bool", "timestamp"]),
)
def test_plain_urls_pass_as_every_check_would_pass_them(
    value: str, style: str | None, tag: str
) -> None:
    """The shortcut for plain http(s) URLs accepts a value only as the full checks do."""
    from yaml.nodes import ScalarNode

    from model_atlas.scalars import Reader

    node = ScalarNode(f"tag:yaml.org,2002:{tag}", value, style=style)
    node.start_mark = node.end_mark = yaml.Mark("file.yaml", 0, 0, 0, None, None)
    quick, full = Collector("file.yaml"), Collector("file.yaml")
    assert Reader(quick).url(node, "url") == Reader(full).checked_url(node, "url")
    assert quick.problems == full.problems


def test_plain_urls_take_the_shortcut() -> None:
    from yaml.nodes import ScalarNode

    from model_atlas.scalars import Reader

    node = ScalarNode("tag:yaml.org,2002:str", "https://arxiv.org/abs/2307.09288")

    class Counting(Reader):
        calls = 0

        def checked_url(self, node: Any, field: str) -> str | None:
            Counting.calls += 1
            return super().checked_url(node, field)

    assert Counting(Collector("file.yaml")).url(node, "url") == "https://arxiv.org/abs/2307.09288"
    assert Counting.calls == 0
