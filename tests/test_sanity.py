"""Facts that parse but cannot be right: each is reported at its file, line and field."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from model_atlas import sanity
from model_atlas.catalog import load_catalog
from model_atlas.problems import CatalogError

from .conftest import SAMPLE

TODAY = datetime.date(2026, 12, 4)


def _problems(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> list[str]:
    root = tmp_path / "catalog"
    shutil.copytree(SAMPLE / "catalog", root)
    for name, (old, new) in edits.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    try:
        catalog = load_catalog(root)
    except CatalogError as error:
        return [str(problem) for problem in error.problems]
    return [str(problem) for problem in sorted(sanity.check(catalog, TODAY))]


def test_sample_has_none(tmp_path: Path) -> None:
    assert _problems(tmp_path, {}) == []


def test_dates_sizes_and_sources(tmp_path: Path) -> None:
    edits = {
        "models/toy-2.yaml": ('released: "2022-01"', 'released: "2999-01"'),
        "models/toy-10.yaml": ("active: 12.9B", "active: 50B"),
        "models/toy-1.yaml": (
            'parameters: ["1.5B", "7B"]',
            'parameters: ["0B", "7B"]',
        ),
        "techniques/toy-norm.yaml": (
            "sources:\n  - url: https://example.org/norm\n    title: Toy Norm notes\n",
            "sources:\n  - url: https://example.org/norm\n    title: Toy Norm notes\n"
            "  - url: https://example.org/norm/\n    title: Same page\n",
        ),
    }
    assert _problems(tmp_path, edits) == [
        "catalog/models/toy-1.yaml:9 parameters[0]: a model cannot have 0 parameters",
        "catalog/models/toy-10.yaml:10 parameters[0]: active parameters (50B) exceed the "
        "total (46.7B)",
        "catalog/models/toy-2.yaml:4 released: '2999-01' is in the future",
        "catalog/techniques/toy-norm.yaml:5 sources[1]: repeats the URL of sources[0]",
    ]


def test_private_and_credential_urls(tmp_path: Path) -> None:
    edits = {
        "models/toy-1.yaml": ("https://example.org/toy-1", "http://localhost:8000/toy-1"),
        "models/toy-2.yaml": ("https://example.org/toy-2", "https://user:secret@example.org/"),
        "organizations/example-lab.yaml": ("https://example.org/", "http://10.0.0.5/"),
        "techniques/toy-norm.yaml": ("https://example.org/norm", "https://intranet/norm"),
    }
    assert _problems(tmp_path, edits) == [
        "catalog/models/toy-1.yaml:18 sources[0].url: 'localhost' is not a public address",
        "catalog/models/toy-2.yaml:11 sources[0].url: a public URL must not carry a user "
        "name or password",
        "catalog/organizations/example-lab.yaml:4 website: '10.0.0.5' is not a public address",
        "catalog/techniques/toy-norm.yaml:5 sources[0].url: 'intranet' is not a public address",
    ]


def test_invisible_characters_in_names(tmp_path: Path) -> None:
    edits = {
        "models/toy-1.yaml": ("aliases: [Toy 1,", 'aliases: ["Toy\\u202e1",'),
        "models/toy-2.yaml": ("tags: [Attention]", 'tags: ["Fresh\\tTag"]'),
    }
    assert _problems(tmp_path, edits) == [
        "catalog/models/toy-1.yaml:2 aliases[0]: contains an invisible character (U+202E); "
        "remove it",
        "catalog/models/toy-2.yaml:10 tags[0]: contains an invisible character (a tab); remove it",
    ]


def test_lineage_cycles(tmp_path: Path) -> None:
    edits = {"models/toy-1.yaml": ("techniques: [", "derived_from: [toy-10]\ntechniques: [")}
    assert _problems(tmp_path, edits) == [
        "catalog/models/toy-1.yaml:13 derived_from: lineage goes round in a circle: "
        "toy-1 → toy-10 → toy-2 → toy-1",
        "catalog/models/toy-10.yaml:17 derived_from: lineage goes round in a circle: "
        "toy-10 → toy-2 → toy-1 → toy-10",
        "catalog/models/toy-2.yaml:8 derived_from: lineage goes round in a circle: "
        "toy-2 → toy-1 → toy-10 → toy-2",
    ]
