"""Load the catalog folder into entries, check every file and every cross-reference.

Nothing here knows about MkDocs: the result is plain data that the renderer and the exporter
turn into pages and JSON.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode

from .problems import CatalogError, Collector, Problem
from .scalars import ID_PATTERN, Reader, unknown_field_message
from .schema import FIELDS, FOLDERS, NEEDS_ARCHITECTURE
from .timing import Timings
from .yamlfile import line_of, read_tree

if TYPE_CHECKING:
    from .cache import EntryCache

KINDS = ("model", "technique", "organization")
# ASCII text is its own NFKC form and casefolds to lower case; these are not alphanumeric.
_NOT_ASCII_ALNUM = re.compile(r"[^0-9a-z]")


@dataclass
class Entry:
    """One catalog file: its kind, id, checked values and the line of each top-level field."""

    kind: str
    id: str
    path: str
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.data["name"])

    @property
    def aliases(self) -> list[str]:
        return list(self.data.get("aliases", []))

    @property
    def tags(self) -> list[str]:
        return list(self.data.get("tags", []))

    def line(self, name: str) -> int:
        return self.lines.get(name, 1)


@dataclass
class Catalog:
    """All entries, with the relations computed from them (never written twice by hand)."""

    models: dict[str, Entry]
    techniques: dict[str, Entry]
    organizations: dict[str, Entry]
    used_by: dict[str, list[str]] = field(default_factory=dict)
    derivatives: dict[str, list[str]] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> dict[str, Entry]:
        return {"model": self.models, "technique": self.techniques}.get(kind, self.organizations)

    def entries(self) -> list[Entry]:
        """Models and techniques, the two kinds of entry with pages of their own."""
        return [*self.models.values(), *self.techniques.values()]


@functools.lru_cache(maxsize=65536)
def squash(text: str) -> str:
    """Compare names as readers type them: no case, accents' form, spaces or punctuation."""
    if text.isascii():
        return _NOT_ASCII_ALNUM.sub("", text.lower())
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def load_catalog(
    root: Path,
    shown_as: str = "catalog",
    *,
    cache: EntryCache | None = None,
    timings: Timings | None = None,
) -> Catalog:
    """Read and check every file under root; raise CatalogError listing all problems.

    With a `cache`, files unchanged since the cache last saw them are not read again.
    """
    timings = timings if timings is not None else Timings()
    problems: list[Problem] = []
    found: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    # Files that exist but have problems of their own: references to them are not reported too.
    broken: dict[str, set[str]] = {kind: set() for kind in KINDS}
    partials: list[Entry] = []
    if not root.is_dir():
        raise CatalogError([Problem(shown_as, 0, "", "catalog folder not found")])
    if cache is not None:
        cache.start()
    with timings.phase("load"):
        for kind in KINDS:
            folder = root / FOLDERS[kind]
            if not folder.is_dir():
                continue
            # Directory entries know their type without a system call per file.
            with os.scandir(folder) as listing:
                items = sorted(listing, key=lambda item: item.name)
            for item in items:
                shown = f"{shown_as}/{FOLDERS[kind]}/{item.name}"
                before = len(problems)
                stem, suffix = _split_name(item.name)
                entry = _load_file(kind, item, stem, suffix, shown, problems, cache, partials)
                if entry is not None:
                    found[kind][entry.id] = entry
                elif suffix == ".yaml" and len(problems) > before:
                    # A file with problems of its own; a folder or hidden file is no entry.
                    broken[kind].add(stem)
    if cache is not None:
        timings.count("files read", cache.read)
        timings.count("files reused", cache.reused)
    with timings.phase("validate"):
        catalog = Catalog(found["model"], found["technique"], found["organization"])
        if partials:
            # Files with problems of their own take part too, with what could be read of them,
            # so that their references and names are checked in the same run.
            checked = Catalog(
                dict(found["model"]), dict(found["technique"]), dict(found["organization"])
            )
            for entry in partials:
                checked.of_kind(entry.kind).setdefault(entry.id, entry)
        else:
            checked = catalog
        if cache is not None and not problems and not partials:
            _check_with_cache(catalog, cache, problems)
            timings.count("checks across files reused", int(cache.checks.reused))
        else:
            problems.extend(check_references(checked, broken))
            problems.extend(_sanity_problems(checked))
            if problems:
                raise CatalogError(problems)
            _relate(catalog)
    return catalog


def _check_with_cache(catalog: Catalog, cache: EntryCache, problems: list[Problem]) -> None:
    """The same checks and relations as without a cache, reusing what the changes cannot reach."""
    from .sanity import cycle_problems

    checks = cache.checks
    entries = [*catalog.entries(), *catalog.organizations.values()]
    problems.extend(checks.alone(entries, datetime.date.today()))
    outline = checks.outline(entries)
    if not checks.passed_before(outline):
        problems.extend(check_references(catalog))
        problems.extend(cycle_problems(catalog))
    if problems:
        raise CatalogError(problems)
    if checks.reused:
        (catalog.used_by, catalog.derivatives, catalog.members, catalog.related) = (
            checks.relations()
        )
    else:
        _relate(catalog)
        checks.passed(
            outline, (catalog.used_by, catalog.derivatives, catalog.members, catalog.related)
        )


def _split_name(name: str) -> tuple[str, str]:
    """A file name's stem and suffix, as `pathlib` splits them ('.yaml' has no suffix)."""
    stem, suffix = os.path.splitext(name)
    return (name, "") if suffix == "." else (stem, suffix)


def _load_file(
    kind: str,
    item: os.DirEntry[str],
    stem: str,
    suffix: str,
    shown: str,
    problems: list[Problem],
    cache: EntryCache | None = None,
    partials: list[Entry] | None = None,
) -> Entry | None:
    collector = Collector(shown)
    if item.is_dir() or item.name.startswith("."):
        return None
    if suffix != ".yaml":
        hint = "rename it to .yaml" if suffix == ".yml" else "only .yaml files belong here"
        problems.append(Problem(shown, 1, "", f"not a catalog file; {hint}"))
        return None
    if item.is_symlink():
        problems.append(Problem(shown, 1, "", "symbolic links are not allowed in the catalog"))
        return None
    if cache is None:
        with open(item.path, "rb") as file:
            entry = parse_entry(kind, stem, file.read(), collector)
    else:
        parse = functools.partial(parse_entry, kind, stem)
        entry = cache.entry(item.path, collector, parse, item.stat())
    problems.extend(collector.problems)
    if collector.problems and isinstance(collector.partial, Entry) and partials is not None:
        partials.append(collector.partial)
    return entry if not collector.problems else None


def parse_entry(kind: str, ident: str, text: str | bytes, problems: Collector) -> Entry | None:
    """Check one file's text against the format; None when it has problems.

    libyaml reads the file first when PyYAML has it; a file with any problem is read again by
    PyYAML's pure-Python parser, whose lines and messages are the ones reported.
    """
    entry = _parse_entry(kind, ident, text, Collector(problems.path), fast=True)
    return entry or _parse_entry(kind, ident, text, problems, fast=False)


_FIELDS_BY_NAME = {kind: {spec.name: spec for spec in specs} for kind, specs in FIELDS.items()}


def _parse_entry(
    kind: str, ident: str, text: str | bytes, problems: Collector, *, fast: bool
) -> Entry | None:
    if not ID_PATTERN.fullmatch(ident):
        problems.add(
            1, "", f"file name {ident!r} is not an id: use lowercase letters, digits and hyphens"
        )
    if ident == "index":
        problems.add(1, "", "'index' is reserved for the index page; choose another id")
    tree = read_tree(text, problems, fast=fast)
    if tree is None:
        if not problems.problems:
            problems.add(1, "", "file is empty")
        return None
    if not isinstance(tree, MappingNode):
        problems.add(line_of(tree), "", "expected a mapping of field names to values")
        return None
    reader = Reader(problems)
    fields = _FIELDS_BY_NAME[kind]
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key, value in tree.value:
        name = str(key.value)
        if name not in fields:
            problems.add(line_of(key), name, unknown_field_message(name, list(fields)))
            continue
        if name in lines:
            continue
        lines[name] = line_of(key)
        checked = fields[name].read(reader, value, name)
        if checked is not None:
            data[name] = checked
    for spec in FIELDS[kind]:
        if spec.required and spec.name not in lines:
            problems.add(1, spec.name, "is required")
    if kind == "model" and data.get("type") in NEEDS_ARCHITECTURE:
        for name in ("architecture", "modalities"):
            if name not in lines:
                problems.add(1, name, f"is required for type {data['type']!r}")
    entry = Entry(kind, ident, problems.path, data, lines)
    if problems.problems:
        problems.partial = entry if "name" in data else None
        return None
    return entry


def _sanity_problems(catalog: Catalog) -> list[Problem]:
    from .sanity import check  # sanity reads Catalog, so it is imported when first needed

    return check(catalog)


def check_references(catalog: Catalog, broken: dict[str, set[str]] | None = None) -> list[Problem]:
    """Problems that only show across files: unknown ids, clashing names, aliases and tags.

    `broken` holds the ids of files that failed their own checks; those are reported already.
    """
    problems: list[Problem] = []
    broken = broken or {}
    targets = {
        "techniques": "technique",
        "related": "technique",
        "derived_from": "model",
        "organization": "organization",
    }
    pools = {name: (kind, catalog.of_kind(kind)) for name, kind in targets.items()}
    for entry in [*catalog.entries(), *catalog.organizations.values()]:
        for name, (kind, pool) in pools.items():
            for index, ident in enumerate(entry.data.get(name, ())):
                if ident in pool and not (ident == entry.id and kind == entry.kind):
                    continue
                where = f"{name}[{index}]" if name != "organization" or index else name
                if ident == entry.id and kind == entry.kind:
                    problems.append(Problem(entry.path, entry.line(name), where, "names itself"))
                elif ident in broken.get(kind, set()):
                    continue
                elif ident not in pool:
                    known = _closest(ident, list(pool))
                    problems.append(
                        Problem(entry.path, entry.line(name), where, f"unknown id {ident!r}{known}")
                    )
    problems.extend(_clashing_names(catalog.entries()))
    problems.extend(_clashing_names(list(catalog.organizations.values())))
    problems.extend(_clashing_tags(catalog.entries()))
    return problems


def _closest(ident: str, known: list[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(ident, known, n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def _clashing_names(entries: list[Entry]) -> list[Problem]:
    """Names and aliases that two entries would answer to; spellings within one entry may vary.

    Each clash is reported at both entries, so that the file a contributor changed always shows
    it, whichever of the two was there first.
    """
    problems: list[Problem] = []
    holders: dict[str, list[tuple[Entry, str, int]]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: e.path):
        for index, label in enumerate([entry.name, *entry.aliases]):
            key = squash(label)
            if not key:
                where, line = _label_place(entry, index)
                problems.append(Problem(entry.path, line, where, "has no letters or digits"))
                continue
            held = holders[key]
            # Entries come one after the other: one that holds the key already is the last.
            if not held or held[-1][0] is not entry:
                held.append((entry, label, index))
    for clash in holders.values():
        if len(clash) < 2:
            continue
        for entry, label, index in clash:
            others = ", ".join(
                f"{o.path} ({o_label!r})" for o, o_label, _ in clash if o is not entry
            )
            if others:
                where, line = _label_place(entry, index)
                problems.append(Problem(entry.path, line, where, f"{label!r} also names {others}"))
    return problems


def _label_place(entry: Entry, index: int) -> tuple[str, int]:
    """Where the entry's name (index 0) or one of its aliases is written."""
    if index == 0:
        return "name", entry.line("name")
    return f"aliases[{index - 1}]", entry.line("aliases")


def _clashing_tags(entries: list[Entry]) -> list[Problem]:
    """Tags spelled in two ways: the spelling most entries use is kept, the others reported."""
    problems: list[Problem] = []
    uses: dict[str, dict[str, list[tuple[Entry, int]]]] = defaultdict(lambda: defaultdict(list))
    for entry in sorted(entries, key=lambda e: e.path):
        for index, tag in enumerate(entry.tags):
            uses[squash(tag) or tag][tag].append((entry, index))
    for spellings in uses.values():
        if len(spellings) < 2:
            continue
        # The most used spelling wins; on a tie, the one whose first file sorts first.
        kept = min(spellings, key=lambda tag: (-len(spellings[tag]), spellings[tag][0][0].path))
        first = spellings[kept][0][0].path
        more = len(spellings[kept]) - 1
        owners = f"{first} (and {more} more)" if more else first
        for tag, places in spellings.items():
            if tag == kept:
                continue
            for entry, index in places:
                problems.append(
                    Problem(
                        entry.path,
                        entry.line("tags"),
                        f"tags[{index}]",
                        f"{tag!r} differs from the tag {kept!r} of {owners} only in case or "
                        "punctuation; use the same spelling",
                    )
                )
    return problems


def _relate(catalog: Catalog) -> None:
    used_by: dict[str, list[str]] = defaultdict(list)
    derivatives: dict[str, list[str]] = defaultdict(list)
    members: dict[str, list[str]] = defaultdict(list)
    for model in catalog.models.values():
        for ident in model.data.get("techniques", []):
            used_by[ident].append(model.id)
        for ident in model.data.get("derived_from", []):
            derivatives[ident].append(model.id)
        for ident in model.data["organization"]:
            members[ident].append(model.id)
    related: dict[str, set[str]] = defaultdict(set)
    for technique in catalog.techniques.values():
        for ident in technique.data.get("related", []):
            related[technique.id].add(ident)
            related[ident].add(technique.id)
    catalog.related = {key: sorted(value) for key, value in related.items()}
    catalog.used_by = {key: sorted(value) for key, value in used_by.items()}
    catalog.derivatives = {key: sorted(value) for key, value in derivatives.items()}
    catalog.members = {key: sorted(value) for key, value in members.items()}


@functools.lru_cache(maxsize=65536)
def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort 'Phi-1.5, Phi-2, Phi-10' as people expect: digit runs compare as numbers."""
    parts = re.split(r"(\d+)", unicodedata.normalize("NFKC", text).casefold())
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in parts if part)
