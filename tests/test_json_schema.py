"""The JSON Schemas and the build's checks accept and reject the same files.

The corpus: the sample catalog, the bad cases (as written and completed into whole entries whose
only mistake is the case's), and variants of the sample files with each field set to each value
of a pool that covers every kind of value. Where the schema cannot see a problem, the case is
listed in `BUILD_ONLY_CASES` or `DIFFERENCES`, and the test checks that too.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from model_atlas.catalog import KINDS, parse_entry
from model_atlas.json_schema import date_pattern, entry_schema, schema_files
from model_atlas.problems import Collector
from model_atlas.scalars import FIRST_YEAR
from model_atlas.schema import FIELDS

from .conftest import ROOT, SAMPLE, TESTS

FOLDER = {"model": "models", "technique": "techniques", "organization": "organizations"}
BAD = sorted((TESTS / "cases" / "bad").glob("*.yaml"))
# Cases about the shape of the whole entry (required fields, not a mapping) are not completed:
# completing them would remove their mistake. They are checked as written.
COMPLETABLE = [
    path
    for path in BAD
    if path.stem != "not-a-mapping" and "is required" not in path.read_text(encoding="utf-8")
]
# Complete entries that the bad cases are merged into.
BASES = {
    "model": SAMPLE / "catalog" / "models" / "toy-1.yaml",
    "technique": SAMPLE / "catalog" / "techniques" / "toy-attention.yaml",
    "organization": SAMPLE / "catalog" / "organizations" / "example-lab.yaml",
}
# Bad cases whose mistake lives in the YAML text, which a schema never sees.
BUILD_ONLY_CASES = {
    "anchor": "anchors are resolved before the schema sees the data",
    "comment-cut": "' #' ends the value before the schema sees it",
    "duplicate-key": "the second value replaces the first",
    "nested-duplicate": "the second value replaces the first",
    "flow-comma": "the comma has already split the item",
    "octal-context": "0755 is already the number 493",
    "encoded-script": "only the build decodes character references",
}

# libyaml when PyYAML has it: the same YAML 1.1 reading, faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

SAME, BUILD_ONLY_RELATION, SCHEMA_ONLY, NO_DATA = "same", "build only", "schema only", "no data"


@cache
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(entry_schema(kind))


def relation(kind: str, text: str) -> str:
    """How the build's verdict on a file compares with the schema's."""
    collector = Collector(f"{kind}.yaml")
    built = parse_entry(kind, "entry", text, collector) is not None
    try:
        data = yaml.load(text, Loader=LOADER)
    except yaml.YAMLError:
        assert not built
        return NO_DATA
    schema = validator(kind).is_valid(data)
    if built == schema:
        return SAME
    return SCHEMA_ONLY if built else BUILD_ONLY_RELATION


def _case(path: Path) -> tuple[str, list[str]]:
    text = path.read_text(encoding="utf-8")
    kind = re.search(r"^# kind: (\w+)$", text, re.MULTILINE)
    assert kind
    return kind[1], re.findall(r"^# expect: (.*)$", text, re.MULTILINE)


def _blocks(text: str) -> dict[str, str]:
    """Top-level fields of a simple YAML file, each with its continuation lines."""
    blocks: dict[str, str] = {}
    key = ""
    for line in text.splitlines(keepends=True):
        if line[:1] not in (" ", "-", "#", "\n", ""):
            key = line.split(":", 1)[0]
            blocks[key] = ""
        if key:
            blocks[key] += line
    return blocks


def complete(case: Path) -> str:
    """The bad case followed by every field of a valid entry that the case does not set."""
    kind, _ = _case(case)
    text = case.read_text(encoding="utf-8")
    own = set(_blocks(text))
    rest = [block for key, block in _blocks(BASES[kind].read_text()).items() if key not in own]
    return text.rstrip("\n") + "\n" + "".join(rest)


def _problems(kind: str, text: str) -> list[str]:
    collector = Collector("case.yaml")
    parse_entry(kind, "entry", text, collector)
    return [
        f"{p.line} {p.field}: {p.message}" if p.field else f"{p.line} {p.message}"
        for p in sorted(collector.problems)
    ]


def test_committed_schemas_are_the_generated_ones() -> None:
    committed = {
        path.name: path.read_text(encoding="utf-8") for path in (ROOT / "schema").iterdir()
    }
    assert committed == schema_files(), "run `atlas schema` and commit the result"


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    document = entry_schema(kind)
    Draft202012Validator.check_schema(document)
    assert list(document["properties"]) == [spec.name for spec in FIELDS[kind]]
    assert document["required"] == [spec.name for spec in FIELDS[kind] if spec.required]


def test_schema_uses_no_keyword_that_draft_7_reads_differently() -> None:
    def walk(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    for kind in KINDS:
        for node in walk(entry_schema(kind)):
            assert not ("$ref" in node and len(node) > 1), node
            assert not {"prefixItems", "$dynamicRef", "unevaluatedProperties"} & set(node)


def test_date_pattern_accepts_exactly_the_days_that_exist() -> None:
    pattern = re.compile(date_pattern(FIRST_YEAR))
    wrong = []
    for year in [*range(FIRST_YEAR - 20, 2130), 2400, 2500, 9996, 9999]:
        for month in range(0, 14):
            text = f"{year:04d}-{month:02d}"
            if bool(pattern.search(text)) != (year >= FIRST_YEAR and 1 <= month <= 12):
                wrong.append(text)
            for day in range(0, 33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                try:
                    exists = datetime.date(year, month, day).year >= FIRST_YEAR
                except ValueError:
                    exists = False
                if bool(pattern.search(text)) != exists:
                    wrong.append(text)
    assert wrong == []


@pytest.mark.parametrize("path", sorted((SAMPLE / "catalog").rglob("*.yaml")), ids=lambda p: p.stem)
def test_sample_files_pass_both(path: Path) -> None:
    kind = {folder: kind for kind, folder in FOLDER.items()}[path.parent.name]
    assert relation(kind, path.read_text(encoding="utf-8")) == SAME
    assert validator(kind).is_valid(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_schema_accepts_every_bundled_file_the_build_accepts() -> None:
    """Editors must not underline what the build takes; the bundled catalog is the largest test."""
    checked, refused = 0, []
    for kind in KINDS:
        for path in sorted((ROOT / "catalog" / FOLDER[kind]).glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            if parse_entry(kind, path.stem, text, Collector(path.name)) is None:
                continue
            checked += 1
            if not validator(kind).is_valid(yaml.load(text, Loader=LOADER)):
                refused.append(path.name)
    assert refused == []
    assert checked >= 100


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_case_as_written(path: Path) -> None:
    kind, _ = _case(path)
    # Text that YAML cannot read into data (tabs, ': ' in a value) leaves a schema nothing to see.
    assert relation(kind, path.read_text(encoding="utf-8")) in (SAME, NO_DATA)


@pytest.mark.parametrize("path", COMPLETABLE, ids=lambda p: p.stem)
def test_bad_case_completed(path: Path) -> None:
    """Merged into a valid entry, the case's mistake is the only one left."""
    kind, expected = _case(path)
    text = complete(path)
    assert _problems(kind, text) == expected
    found = relation(kind, text)
    if path.stem in BUILD_ONLY_CASES:
        assert found == BUILD_ONLY_RELATION
    else:
        assert found in (SAME, NO_DATA), "a new build-only case? list it in BUILD_ONLY_CASES"


def test_most_cases_can_be_completed() -> None:
    assert len(COMPLETABLE) >= 20
    assert {path.stem for path in COMPLETABLE} >= set(BUILD_ONLY_CASES)
    unreadable = [
        path for path in COMPLETABLE if relation(_case(path)[0], complete(path)) == NO_DATA
    ]
    assert 2 <= len(unreadable) < len(COMPLETABLE) // 4


# Values that every field is set to in turn; the build and the schema must agree on each.
POOL: list[Any] = [
    "Plain text",
    "Text with *emphasis* and `code`",
    "model",
    "model-family",
    "decoder-only",
    "attention",
    "rope",
    "toy-1",
    "example-lab",
    "Llama_2",
    "UPPER",
    "a--b",
    "-a",
    "7B",
    "1.5T",
    ".5M",
    "7 billion",
    "7b",
    "2024",
    "2024-07",
    "2024-07-23",
    "2024-02-29",
    "2023-02-29",
    "2023-02-30",
    "1939-12",
    "1940-01",
    "2024-13",
    "24-07",
    "https://example.org/x",
    "http://example.org",
    "HTTPS://EXAMPLE.ORG/A?b=c#d",
    "https://example.org:8080/p",
    "https://example.org:99999/",
    "https://user@example.org/",
    "https://[::1]/",
    "https://[example.org/",
    "https://exa mple.org/",
    'https://example.org/a"b',
    "https://example.org/javascript:x",
    "ftp://example.org/",
    "https://",
    "example.org",
    "javascript:alert(1)",
    "JaVa Script:x",
    "data:text/html,x",
    "vbscript:x",
    "see [x](https://e.org)",
    "see [x] (y)",
    "see [x]",
    "a <b>bold</b>",
    "1 < 2",
    "x<y",
    "< div",
    "<!-- c -->",
    "two\nlines",
    "trailing newline\n",
    "  padded text  ",
    "",
    "   ",
    "tab\there",
    "bell\x07",
    "del\x7f",
    "c1\x9f",
    "nbsp\u00a0end",
    "é",
    "通义千问",
    "undisclosed",
    "Undisclosed",
    "no",
    "true",
    True,
    False,
    None,
    0,
    1,
    2048,
    -5,
    1939,
    1940,
    2100,
    2101,
    100_000_000,
    100_000_001,
    2.5,
    [],
    ["A"],
    ["A", "A"],
    ["A", "B"],
    ["rope", "toy-norm"],
    ["Llama_2"],
    ["text"],
    ["text", "image"],
    ["7B"],
    [None],
    [["nested"]],
    [{"total": "7B"}],
    [{"label": "8x7B", "total": "46.7B", "active": "12.9B"}],
    [{"label": "x"}],
    [{"total": "7B", "extra": 1}],
    {},
    {"input": ["text"], "output": ["text"]},
    {"input": [], "output": ["text"]},
    {"input": ["text"]},
    {"input": ["text"], "output": ["smell"]},
    {"title": "A paper", "url": "https://e.org/"},
    {"title": "A paper"},
    {"title": "A paper", "url": "https://e.org/", "year": 2020},
    [{"url": "https://e.org/", "title": "T"}],
    [{"url": "https://e.org/", "title": "T"}, {"url": "https://e.org/", "title": "T"}],
    [{"url": "https://e.org/"}],
    [{"url": "javascript:x", "title": "T"}],
    [{"url": "https://e.org/", "title": "<b>T</b>"}],
    [{"claim": "c", "correction": "d", "source": "https://e.org/"}],
    [{"claim": "c", "correction": "d"}],
    [{"claim": "c\nmore", "correction": "d", "source": "https://e.org/"}],
    {"x": 1},
]


def _variants() -> Iterator[tuple[str, str, str, Any]]:
    """Each value of the pool in one field of each reader (fields that share a reader are read by
    the same code in both), and each field left out."""
    bases = {"model": "toy-1", "technique": "toy-attention", "organization": "example-lab"}
    tried: set[object] = set()
    for kind, name in bases.items():
        for spec in FIELDS[kind]:
            if spec.read not in tried:
                tried.add(spec.read)
                for index, value in enumerate(POOL):
                    yield kind, f"{name}.{spec.name}={index}", spec.name, value
            yield kind, f"{name}.{spec.name}=absent", spec.name, _ABSENT
        yield kind, f"{name}.unknown", "unknown_field", "x"


_ABSENT = object()


@cache
def _base(kind: str, name: str) -> str:
    return (SAMPLE / "catalog" / FOLDER[kind] / f"{name}.yaml").read_text(encoding="utf-8")


def _dump(kind: str, base: str, field: str, value: Any) -> str:
    data = yaml.load(_base(kind, base), Loader=LOADER)
    if value is _ABSENT:
        data.pop(field, None)
    else:
        data[field] = value
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)


def test_variants_agree() -> None:
    disagreements = []
    count = 0
    for kind, label, field, value in _variants():
        text = _dump(kind, label.split(".")[0], field, value)
        count += 1
        if relation(kind, text) != SAME:
            disagreements.append(f"{kind} {label}: {field} = {value!r}")
    assert disagreements == []
    assert count > 2000


# Files on which the two are known to differ, as the catalog format page lists them: what only
# the build sees, and the one way in which the schema is stricter (values as they should be
# written, without spaces around them).
DIFFERENCES = [
    ("model", "open_weights: yes", BUILD_ONLY_RELATION),
    ("model", "context_length: 1_000", BUILD_ONLY_RELATION),
    ("model", "context_length: +2048", BUILD_ONLY_RELATION),
    ("model", "context_length: 2048.0", BUILD_ONLY_RELATION),
    ("model", "context_length: 0x800", BUILD_ONLY_RELATION),
    ("model", "tags: &t [A]", BUILD_ONLY_RELATION),
    ("model", "license: MIT\nlicense: Apache-2.0", BUILD_ONLY_RELATION),
    ("model", "license: MIT # or Apache", BUILD_ONLY_RELATION),
    ("model", "aliases: [Toy (1, 2)]", BUILD_ONLY_RELATION),
    ("model", "summary: Not &lt;b&gt;bold&lt;/b&gt;", BUILD_ONLY_RELATION),
    ("model", "summary: Click javascript&#58;alert(1)", BUILD_ONLY_RELATION),
    ("model", 'aliases: [" Toy One", "Toy One"]', BUILD_ONLY_RELATION),
    ("model", 'aliases: ["Caf\\u00e9", "Cafe\\u0301"]', BUILD_ONLY_RELATION),
    ("model", "sources: [{url: 'https://[:::::]/', title: T}]", BUILD_ONLY_RELATION),
    ("model", 'type: " model "', SCHEMA_ONLY),
    ("model", 'techniques: [" toy-norm"]', SCHEMA_ONLY),
    ("model", 'released: "2022-01 "', SCHEMA_ONLY),
    ("model", "sources: [{url: 'https://:8080/', title: T}]", SCHEMA_ONLY),
]


@pytest.mark.parametrize(("kind", "line", "expected"), DIFFERENCES, ids=lambda v: str(v)[:40])
def test_documented_differences(kind: str, line: str, expected: str) -> None:
    base = BASES[kind].read_text(encoding="utf-8")
    own = {key for key in _blocks(line + "\n")}
    rest = "".join(block for key, block in _blocks(base).items() if key not in own)
    assert relation(kind, rest + line + "\n") == expected
