"""Front matter is written exactly as `yaml.safe_dump` writes it, whichever writer does it."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from model_atlas import frontmatter

from .test_fuzz import SETTINGS, TRAPS

# Text that stresses the choice between plain, quoted and escaped scalars.
PIECES = [
    *TRAPS,
    "Llama 3.1",
    "GPT-4o",
    "通义千问",
    "a: b",
    "a #b",
    "- x",
    "? x",
    ": x",
    "x:",
    "1e3",
    "0x1F",
    "1_000",
    "12:30",
    "2024-07",
    "Yes",
    "NULL",
    "é",
    "\u2028",
    "\u00a0",
    "\U0001f600",
    "&amp;",
    "'",
    " ",
    "  ",
    "x" * 600,
]
TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(PIECES), max_size=5).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=3).map(" ".join),
)
SCALARS = st.one_of(TEXT, st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=False))
META = st.dictionaries(
    st.sampled_from(["title", "description", "tags", "topics", "search", "hide", "a b", "1"])
    | TEXT,
    st.one_of(
        SCALARS,
        st.lists(SCALARS, max_size=4),
        st.dictionaries(st.sampled_from(["boost", "exclude"]) | TEXT, SCALARS, max_size=2),
    ),
    max_size=6,
)


def _reference(meta: dict[str, Any]) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)


@SETTINGS
@given(meta=META)
def test_front_matter_is_safe_dump(meta: dict[str, Any]) -> None:
    assert frontmatter.dump(meta) == _reference(meta)


@SETTINGS
@given(text=TEXT)
def test_plain_scalars_are_what_pyyaml_writes_plain(text: str) -> None:
    dumped = _reference({"k": text})
    if frontmatter.plain(text):
        assert dumped == f"k: {text}\n"


def test_usual_front_matter_takes_the_direct_way() -> None:
    meta = {
        "title": "Llama 3.1",
        "description": "An update of the Llama 3 family in 8B, 70B and 405B sizes.",
        "search": {"boost": 3.375},
        "tags": ["Llama 3.1", "llama3.1", "Meta Llama 3.1"],
        "topics": ["Meta Models"],
    }
    assert frontmatter._plain_yaml(meta) == _reference(meta)
