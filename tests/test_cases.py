"""Each file under cases/bad is one bad entry with the exact problems it must produce."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model_atlas.catalog import parse_entry
from model_atlas.problems import Collector

CASES = Path(__file__).parent / "cases"


def _case(path: Path) -> tuple[str, list[str]]:
    text = path.read_text(encoding="utf-8")
    kind = re.search(r"^# kind: (\w+)$", text, re.MULTILINE)
    assert kind, f"{path.name} lacks a '# kind:' line"
    expected = re.findall(r"^# expect: (.*)$", text, re.MULTILINE)
    return kind[1], expected


# Windows line endings and a byte-order mark must change nothing, line numbers included.
ENCODINGS = {
    "lf": lambda text: text,
    "crlf": lambda text: text.replace(b"\n", b"\r\n"),
    "bom": lambda text: b"\xef\xbb\xbf" + text,
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("path", sorted((CASES / "bad").glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_entry_gives_exact_problems(path: Path, encoding: str) -> None:
    kind, expected = _case(path)
    collector = Collector(path.name)
    text = ENCODINGS[encoding](path.read_bytes())
    entry = parse_entry(kind, path.stem, text, collector)
    assert entry is None
    # A case shows one mistake; the required fields it leaves out only count when it says so.
    checks_required = any("is required" in line for line in expected)
    got = [
        f"{problem.line} {problem.field}: {problem.message}"
        if problem.field
        else f"{problem.line} {problem.message}"
        for problem in sorted(collector.problems)
        if checks_required or not problem.message.startswith("is required")
    ]
    assert got == expected


def test_bad_cases_exist() -> None:
    assert len(list((CASES / "bad").glob("*.yaml"))) >= 20


def test_text_that_only_looks_like_markup_is_accepted() -> None:
    text = (
        "kind: x\nname: Less than\ncategory: attention\nyear: 2020\n"
        "summary: 'Cost grows when x < y; chat tokens such as <|im_start|> and a <!-- note -->.'\n"
        "sources: [{url: 'https://example.org/', title: Example}]\n"
    ).replace("kind: x\n", "")
    collector = Collector("less-than.yaml")
    entry = parse_entry("technique", "less-than", text, collector)
    assert collector.problems == []
    assert entry is not None and "x < y" in entry.data["summary"]
