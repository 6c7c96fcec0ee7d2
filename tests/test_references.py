"""Checks that only show across files: unknown ids, clashing names and tags, sorted reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from model_atlas.catalog import load_catalog
from model_atlas.problems import CatalogError

from .conftest import SAMPLE


def _catalog(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "catalog"
    shutil.copytree(SAMPLE / "catalog", root)
    return root


def _problems(root: Path) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(root)
    return [str(problem) for problem in caught.value.problems]


def test_sample_catalog_is_valid() -> None:
    catalog = load_catalog(SAMPLE / "catalog")
    assert sorted(catalog.models) == ["toy-1", "toy-10", "toy-2"]
    assert catalog.used_by["toy-attention"] == ["toy-1", "toy-10"]
    assert catalog.members["other-lab"] == ["toy-10"]


def test_unknown_ids_are_reported_with_a_suggestion(tmp_path: Path) -> None:
    root = _catalog(tmp_path)
    path = root / "models" / "toy-2.yaml"
    text = path.read_text().replace("derived_from: [toy-1]", "derived_from: [toy-11, nothing]")
    path.write_text(text)
    assert _problems(root) == [
        "catalog/models/toy-2.yaml:8 derived_from[0]: unknown id 'toy-11'; did you mean 'toy-1'?",
        "catalog/models/toy-2.yaml:8 derived_from[1]: unknown id 'nothing'",
    ]


def test_alias_naming_two_entries(tmp_path: Path) -> None:
    root = _catalog(tmp_path)
    path = root / "models" / "toy-2.yaml"
    path.write_text(path.read_text().replace("type: model\n", "aliases: [TOY 1]\ntype: model\n", 1))
    # Reported at both entries, so that the changed file shows it whichever came first.
    assert _problems(root) == [
        "catalog/models/toy-1.yaml:1 name: 'Toy-1' also names catalog/models/toy-2.yaml ('TOY 1')",
        "catalog/models/toy-2.yaml:2 aliases[0]: 'TOY 1' also names "
        "catalog/models/toy-1.yaml ('Toy-1')",
    ]


def test_tags_differing_in_case_or_punctuation(tmp_path: Path) -> None:
    root = _catalog(tmp_path)
    path = root / "models" / "toy-2.yaml"
    path.write_text(path.read_text().replace("tags: [Attention]", "tags: [long-context models]"))
    assert _problems(root) == [
        "catalog/models/toy-2.yaml:10 tags[0]: 'long-context models' differs from the tag "
        "'Long Context Models' of catalog/models/toy-10.yaml only in case or punctuation; "
        "use the same spelling",
    ]


def test_every_problem_of_every_file_is_reported_sorted(tmp_path: Path) -> None:
    root = _catalog(tmp_path)
    (root / "models" / "zz-bad.yaml").write_text("name: Bad\nreleased: 2024-01-01\n")
    (root / "techniques" / "Bad_Id.yaml").write_text("name: [x]\n")
    (root / "models" / "notes.yml").write_text("name: x\n")
    problems = _problems(root)
    places = [(p.split(":")[0], int(p.split(":")[1].split()[0])) for p in problems]
    assert places == sorted(places)
    assert "catalog/models/notes.yml:1 not a catalog file; rename it to .yaml" in problems
    assert (
        "catalog/models/zz-bad.yaml:2 released: YAML reads '2024-01-01' as a date; "
        'quote it: "2024-01-01"'
    ) in problems
    assert (
        "catalog/techniques/Bad_Id.yaml:1 file name 'Bad_Id' is not an id: use lowercase "
        "letters, digits and hyphens"
    ) in problems
    assert "catalog/techniques/Bad_Id.yaml:1 name: expected text, got a list" in problems


def test_reserved_index_id(tmp_path: Path) -> None:
    root = _catalog(tmp_path)
    (root / "models" / "toy-1.yaml").rename(root / "models" / "index.yaml")
    problems = _problems(root)
    assert (
        "catalog/models/index.yaml:1 'index' is reserved for the index page; choose another id"
        in problems
    )


def test_names_differing_only_in_unicode_form_collide(tmp_path: Path) -> None:
    import unicodedata

    root = _catalog(tmp_path)
    composed = unicodedata.normalize("NFC", "Nyströmformer")
    decomposed = unicodedata.normalize("NFD", "Nyströmformer")
    assert composed != decomposed
    first = root / "techniques" / "toy-norm.yaml"
    first.write_text(first.read_text().replace("name: Toy Norm", f"name: {composed}"))
    second = root / "techniques" / "toy-attention.yaml"
    second.write_text(second.read_text().replace("aliases: [TA]", f"aliases: [TA, {decomposed}]"))
    assert _problems(root) == [
        f"catalog/techniques/toy-attention.yaml:2 aliases[1]: {composed!r} also names "
        f"catalog/techniques/toy-norm.yaml ({composed!r})",
        f"catalog/techniques/toy-norm.yaml:1 name: {composed!r} also names "
        f"catalog/techniques/toy-attention.yaml ({composed!r})",
    ]


def test_tags_in_either_unicode_form_are_one_tag(tmp_path: Path) -> None:
    import unicodedata

    root = _catalog(tmp_path)
    composed = unicodedata.normalize("NFC", "Café Models")
    toy1 = root / "models" / "toy-1.yaml"
    toy1.write_text(toy1.read_text().replace("tags: [Open Source Models,", "tags: [Café Models,"))
    toy2 = root / "models" / "toy-2.yaml"
    decomposed = unicodedata.normalize("NFD", "Café Models")
    toy2.write_text(toy2.read_text().replace("tags: [Attention]", f"tags: [{decomposed}]"))
    catalog = load_catalog(root)
    assert catalog.models["toy-1"].tags[0] == catalog.models["toy-2"].tags[0] == composed


def test_oversized_file(tmp_path: Path) -> None:
    root = _catalog(tmp_path)
    path = root / "models" / "toy-2.yaml"
    path.write_text(path.read_text() + "# " + "x" * 300_000 + "\n")
    assert _problems(root) == [
        f"catalog/models/toy-2.yaml:1 file is {path.stat().st_size} bytes; "
        "entries are limited to 262144 bytes",
    ]


def test_tag_spelling_used_by_most_entries_wins(tmp_path: Path) -> None:
    root = _catalog(tmp_path)
    (root / "models" / "aaa-new.yaml").write_text(
        (root / "models" / "toy-2.yaml")
        .read_text()
        .replace("name: Toy-2", "name: New Toy")
        .replace("tags: [Attention]", "tags: [attention]"),
    )
    # 'Attention' is used by two entries; the new file's 'attention' is the one reported, even
    # though its path sorts first.
    assert _problems(tmp_path / "catalog") == [
        "catalog/models/aaa-new.yaml:10 tags[0]: 'attention' differs from the tag 'Attention' of "
        "catalog/models/toy-1.yaml (and 2 more) only in case or punctuation; use the same spelling",
    ]


def test_a_file_with_problems_still_has_its_references_and_names_checked(tmp_path: Path) -> None:
    root = _catalog(tmp_path)
    (root / "models" / "zz-new.yaml").write_text(
        "name: Toy 1\ntype: model\norganization: no-such-lab\nreleased: 2024-01-01\n"
        "architecture: decoder-only\nmodalities: {input: [text], output: [text]}\n"
        "techniques: [toy-atention]\nsummary: A new model.\n"
        "sources: [{url: 'https://example.org/new', title: New}]\n"
    )
    assert [p for p in _problems(root) if p.startswith("catalog/models/zz-new")] == [
        "catalog/models/zz-new.yaml:1 name: 'Toy 1' also names catalog/models/toy-1.yaml ('Toy-1')",
        "catalog/models/zz-new.yaml:3 organization: unknown id 'no-such-lab'",
        "catalog/models/zz-new.yaml:4 released: YAML reads '2024-01-01' as a date; "
        'quote it: "2024-01-01"',
        "catalog/models/zz-new.yaml:7 techniques[0]: unknown id 'toy-atention'; "
        "did you mean 'toy-attention'?",
    ]


@pytest.mark.parametrize("cached", [False, True])
def test_a_reference_to_a_folder_named_like_an_entry_is_unknown(
    tmp_path: Path, cached: bool
) -> None:
    """A folder named like an entry file is skipped and is no target of references, in a build
    from scratch and in a `mkdocs serve` rebuild alike."""
    from model_atlas.cache import EntryCache

    root = _catalog(tmp_path)
    cache = EntryCache() if cached else None
    load_catalog(root, cache=cache)
    (root / "models" / "ghost.yaml").mkdir()
    path = root / "models" / "toy-2.yaml"
    path.write_text(path.read_text().replace("derived_from: [toy-1]", "derived_from: [ghost]"))
    with pytest.raises(CatalogError) as caught:
        load_catalog(root, cache=cache)
    assert [str(problem) for problem in caught.value.problems] == [
        "catalog/models/toy-2.yaml:8 derived_from[0]: unknown id 'ghost'"
    ]
