"""The bundled catalog: valid, and covering every name of the source list exactly once."""

from __future__ import annotations

import csv
import re
from functools import cache

from model_atlas.catalog import Catalog, load_catalog

from .conftest import ROOT, TESTS
from .coverage import answers, resolve

SEED = TESTS / "data" / "seed-names.tsv"
# Sections of the source list that are the same topic under two headings share one tag.
SAME_TOPIC = {
    "BERT Family (Encoder Models)": "BERT Family",
    "Medical/Healthcare Models": "Medical Models",
    "Agent/Tool-Use Models": "Agent Models",
    "Research/Experimental Models": "Research Models",
    "Stability AI": "Stability AI Models",
    "ByteDance/Doubao Models": "ByteDance Models",
    "AI21 Labs Jurassic Series": "AI21 Labs Models",
}


def section_tag(section: str) -> str:
    plain = re.sub(r" \((Additional|Detailed)\)$", "", section)
    return SAME_TOPIC.get(plain, plain)


@cache
def catalog() -> Catalog:
    return load_catalog(ROOT / "catalog")


def seed_rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_bundled_catalog_is_valid() -> None:
    loaded = catalog()
    assert len(loaded.models) >= 60
    assert len(loaded.techniques) >= 30


def test_every_source_name_resolves_to_exactly_one_entry() -> None:
    index = answers(catalog())
    names = dict.fromkeys(row["name"] for row in seed_rows())
    assert len(names) == 436
    uncovered = [name for name in names if not resolve(name, index)]
    ambiguous = {name: hits for name in names if len(hits := resolve(name, index)) > 1}
    assert uncovered == []
    assert ambiguous == {}


def test_entries_carry_the_tag_of_each_section_they_are_listed_in() -> None:
    loaded = catalog()
    index = answers(loaded)
    entries = {entry.id: entry for entry in loaded.entries()}
    missing = []
    for row in seed_rows():
        for ident in resolve(row["name"], index):
            tag = section_tag(row["section"])
            if tag not in entries[ident].tags:
                missing.append(f"{ident}: {tag} (line {row['line']}: {row['name']})")
    assert missing == []


def test_models_show_organization_date_and_source() -> None:
    for model in catalog().models.values():
        assert model.data["organization"] and model.data["released"] and model.data["sources"]
