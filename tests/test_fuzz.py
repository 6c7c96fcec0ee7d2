"""Property-based tests: random and mutated YAML gives a valid entry or clean problems only."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model_atlas.catalog import Catalog, load_catalog, parse_entry
from model_atlas.problems import CatalogError, Collector
from model_atlas.render import Renderer

from .conftest import SAMPLE

SAMPLES = sorted((SAMPLE / "catalog").rglob("*.yaml"))
KIND = {"models": "model", "techniques": "technique", "organizations": "organization"}
# Tokens that YAML treats specially, dropped into otherwise valid files.
TRAPS = [
    "no",
    "yes",
    "on",
    "off",
    "~",
    "null",
    "0755",
    "0o17",
    "0x1F",
    "1e3",
    "1.0e+9",
    "3.10",
    "2024-02-30",
    "2024-07-01",
    ".inf",
    "&a",
    "*a",
    "!!python/object:os.system",
    "\t",
    " #",
    ": ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "|",
    ">",
    "- ",
    "\x00",
    "\ufeff",
    "<script>",
    "\u202e",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "\r\n",
    "---",
    "...",
    "%YAML 1.2",
]
# ATLAS_FUZZ_EXAMPLES raises the budget for a longer run; CI keeps the default.
EXAMPLES = int(os.environ.get("ATLAS_FUZZ_EXAMPLES", "300"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _outcome(kind: str, text: str | bytes) -> None:
    collector = Collector("fuzz.yaml")
    entry = parse_entry(kind, "fuzz", text, collector)
    assert (entry is None) == bool(collector.problems)
    for problem in collector.problems:
        assert problem.line >= 1 and problem.message


@SETTINGS
@given(kind=st.sampled_from(sorted(KIND.values())), text=st.text(max_size=400))
def test_random_text(kind: str, text: str) -> None:
    _outcome(kind, text)


@SETTINGS
@given(kind=st.sampled_from(sorted(KIND.values())), data=st.binary(max_size=400))
def test_random_bytes(kind: str, data: bytes) -> None:
    _outcome(kind, data)


@SETTINGS
@given(
    sample=st.sampled_from(SAMPLES),
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 20), st.sampled_from(TRAPS)),
        min_size=1,
        max_size=5,
    ),
)
def test_mutated_valid_files(sample: Path, edits: list[tuple[int, int, str]]) -> None:
    text = sample.read_text(encoding="utf-8")
    for position, length, token in edits:
        at = position % (len(text) + 1)
        text = text[:at] + token + text[at + length :]
    _outcome(KIND[sample.parent.name], text)


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
FIELD_NAMES = [
    "name",
    "aliases",
    "type",
    "organization",
    "released",
    "parameters",
    "tags",
    "techniques",
    "sources",
    "modalities",
    "category",
    "year",
    "summary",
    "paper",
]


@SETTINGS
@given(
    kind=st.sampled_from(sorted(KIND.values())),
    data=st.dictionaries(st.sampled_from(FIELD_NAMES), YAML_VALUES, max_size=8),
)
def test_random_structures(kind: str, data: dict[str, object]) -> None:
    _outcome(kind, yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=max(EXAMPLES // 5, 20), deadline=None)
@given(
    victim=st.sampled_from(SAMPLES),
    token=st.sampled_from(TRAPS),
    position=st.integers(0, 10_000),
)
def test_whole_catalog_builds_or_reports(victim: Path, token: str, position: int) -> None:
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "catalog"
        shutil.copytree(SAMPLE / "catalog", root)
        target = root / victim.relative_to(SAMPLE / "catalog")
        text = target.read_text(encoding="utf-8")
        at = position % (len(text) + 1)
        target.write_text(text[:at] + token + text[at:], encoding="utf-8")
        try:
            catalog: Catalog = load_catalog(root)
        except CatalogError as error:
            assert error.problems
        else:
            assert Renderer(catalog).pages()
