"""Turn checked catalog entries into Markdown pages (strings); MkDocs is not involved here."""

from __future__ import annotations

import calendar
import functools
import html
import posixpath
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from . import markdown as md
from .catalog import Catalog, Entry, natural_key
from .charts import adoption_chart
from .schema import CATEGORIES, FOLDERS
from .searchkeys import variants

UNKNOWN = "Unknown"
NOT_DISCLOSED = "Not disclosed"

TYPE_LABELS = {
    "model": "Model",
    "model-family": "Model family",
    "product": "Product",
    "platform": "Platform",
    "dataset": "Dataset",
    "framework": "Framework",
    "project": "Project",
}
CATEGORY_LABELS = {
    "attention": "Attention",
    "position-encoding": "Position encoding",
    "normalization": "Normalization",
    "activation": "Activation",
    "training-objective": "Training objective",
    "alignment": "Alignment and fine-tuning",
    "architecture": "Architecture family",
    "mixture-of-experts": "Mixture of experts",
    "efficiency": "Efficiency",
    "retrieval": "Retrieval",
    "data": "Data",
}
assert set(CATEGORY_LABELS) == set(CATEGORIES)


def page_path(kind: str, ident: str) -> str:
    """The source path of an entry's page, relative to the docs folder."""
    return f"{FOLDERS[kind]}/{ident}.md"


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "family"


@functools.lru_cache(maxsize=4096)  # every model page of a family links its family page
def family_path(name: str) -> str:
    return f"families/{slug(name)}.md"


def category_path(category: str) -> str:
    return f"categories/{category}.md"


MODELS_INDEX = "models/index.md"
TECHNIQUES_INDEX = "techniques/index.md"
ORGANIZATIONS_INDEX = "organizations/index.md"


def relative(target: str, start: str) -> str:
    """`posixpath.relpath(target, start)` for relative paths, without the working folder.

    `relpath` makes both paths absolute first, asking the system for the working folder each
    time, which costs more than the rest of a link; every page has dozens of links.
    """
    start_parts = [part for part in start.split("/") if part not in ("", ".")]
    target_parts = [part for part in target.split("/") if part not in ("", ".")]
    if not target or target.startswith("/") or start.startswith("/"):
        return posixpath.relpath(target, start)
    if ".." in start_parts or ".." in target_parts:
        return posixpath.relpath(target, start)
    common = 0
    for here, there in zip(start_parts, target_parts, strict=False):
        if here != there:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:]) or "."


@functools.lru_cache(maxsize=1024)
def _folder_relative(folder: str, start: str) -> str:
    return relative(folder or ".", start)


def relative_file(target: str, start: str) -> str:
    """`relative(target, start)`, worked out once per pair of folders.

    The path between two pages depends only on their folders, and a build links thousands of
    pages from a handful of folders to a handful of others; only the file name differs.
    """
    folder, _, name = target.rpartition("/")
    # Only plain relative paths take the shortcut; it would also go wrong when `start` goes
    # on into a folder named like the file (`a/b` from `a/b/c`), hence the last test.
    plain = name not in ("", ".", "..") and ".." not in target and ".." not in start
    if not plain or target.startswith("/") or start.startswith("/") or name in start:
        return relative(target, start)
    prefix = _folder_relative(folder, start)
    return name if prefix == "." else f"{prefix}/{name}"


def _folder(source: str) -> str:
    """The folder of page `source`, as `relative` takes it."""
    return posixpath.dirname(source) or "."


def _rel(source: str, target: str) -> str:
    # The path depends on the folder of `source` alone, and the same few targets (the
    # comparison page, families, categories) are linked from every page of a folder.
    return _rel_from(source[: source.rfind("/") + 1], target)


@functools.lru_cache(maxsize=4096)
def _rel_from(head: str, target: str) -> str:
    return relative_file(target, _folder(head))


@functools.lru_cache(maxsize=8192)
def format_date(value: str) -> str:
    parts = [int(part) for part in value.split("-")]
    month = calendar.month_name[parts[1]]
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def format_parameters(value: Any) -> str:
    if value is None:
        return UNKNOWN
    if value == "undisclosed":
        return NOT_DISCLOSED
    shown = []
    for size in value:
        if "active" in size:
            label = f"{size['label']}: " if "label" in size else ""
            shown.append(f"{label}{size['total']} total, {size['active']} active")
        elif "label" in size:
            shown.append(f"{size['label']} ({size['total']})")
        else:
            shown.append(size["total"])
    return md.literal(" · ".join(shown))


def format_context(value: Any) -> str:
    if value is None:
        return UNKNOWN
    if value == "undisclosed":
        return NOT_DISCLOSED
    return f"{value:,} tokens"


@functools.lru_cache(maxsize=256)
def architecture_label(value: str) -> str:
    return NOT_DISCLOSED if value == "undisclosed" else value.replace("-", " ").capitalize()


def search_boost(name: str, base: float) -> float:
    """Rank entries with short names a little higher: when a query matches several names
    equally (`GPT-4` against GPT-4, GPT-4o and GPT-4V), the shortest is the likeliest target."""
    return round(base * (1 + 3 / max(len(name), 1)), 3)


def sort_entries(
    entries: list[Entry], names: Mapping[str, tuple[Any, ...]] | None = None
) -> list[Entry]:
    """Entries by name as people expect it, then by id; `names` may hold names' sort keys."""
    if names is None:
        return sorted(entries, key=lambda entry: (natural_key(entry.name), entry.id))
    return sorted(entries, key=lambda entry: (names[entry.name], entry.id))


K = TypeVar("K")
V = TypeVar("V")


class Lazy(dict[K, V]):
    """A dict that works out the value of a key with `make` the first time it is looked up.

    Looking up a key already made costs no more than in a plain dict, which matters for the
    links and sort keys that a build asks for hundreds of thousands of times.
    """

    def __init__(self, make: Callable[[K], V]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: K) -> V:
        value = self[key] = self.make(key)
        return value


def _technique_key(
    techniques: dict[str, Entry], names: dict[str, Any], ident: str
) -> tuple[Any, ...]:
    """Techniques by category, then by name."""
    technique = techniques[ident]
    return (CATEGORIES.index(technique.data["category"]), names[technique.name])


def _release_key(models: dict[str, Entry], names: dict[str, Any], ident: str) -> tuple[Any, ...]:
    """Models in release order: by date, then by name, then by id."""
    model = models[ident]
    return (model.data["released"], names[model.name], model.id)


class Renderer:
    """Writes every generated page for one catalog."""

    def __init__(self, catalog: Catalog, tags_key: str = "tags") -> None:
        """`tags_key` is the front matter key the tags plugin reads.

        When it is not `tags`, the search plugin's own `tags` field (boosted far above the text)
        is free, and it receives the entry's names, so that a name or alias finds its entry first.
        """
        self.catalog = catalog
        self.tags_key = tags_key
        self.family_sizes = Counter(
            model.data["family"] for model in catalog.models.values() if "family" in model.data
        )
        # The same links and sort keys recur on thousands of pages; they are made once, when
        # first needed (a serve rebuild may render a single page). One Renderer serves one
        # catalog, and each build makes a new one, so none of this outlives a build. Nothing
        # here refers back to the renderer: without reference cycles, the catalog and all of
        # this are freed as soon as the build has its pages, not at the next full collection.
        self._links: dict[tuple[str, str], Lazy[str, str]] = {}
        self._org_tables: dict[str, Lazy[str, str]] = {}
        self.name_keys: Lazy[str, tuple[tuple[int, int | str], ...]] = Lazy(natural_key)
        self.release_keys: Lazy[str, tuple[Any, ...]] = Lazy(
            functools.partial(_release_key, catalog.models, self.name_keys)
        )
        self._technique_keys: Lazy[str, tuple[Any, ...]] = Lazy(
            functools.partial(_technique_key, catalog.techniques, self.name_keys)
        )
        self._release_years: Lazy[str, int] = Lazy(
            lambda ident: int(catalog.models[ident].data["released"][:4])
        )
        self._user_row_tables: dict[str, Lazy[str, tuple[str, str, str]]] = {}

    def pages(self) -> dict[str, str]:
        """Every generated page, keyed by its source path; the order is deterministic."""
        pages = self.entry_pages()
        pages.update(self.group_pages())
        return dict(sorted(pages.items()))

    def entry_page(self, entry: Entry) -> str:
        """The page of one model, technique or organization."""
        if entry.kind == "model":
            return self.model_page(entry)
        if entry.kind == "technique":
            return self.technique_page(entry)
        return self.organization_page(entry)

    def entry_pages(self) -> dict[str, str]:
        entries = [*self.catalog.entries(), *self.catalog.organizations.values()]
        return {page_path(entry.kind, entry.id): self.entry_page(entry) for entry in entries}

    def group_pages(self) -> dict[str, str]:
        """The pages that list entries: the technique categories and the index pages."""
        pages = {
            category_path(category): self.category_page(category) for category in self.categories()
        }
        pages[TECHNIQUES_INDEX] = self.techniques_index()
        pages[ORGANIZATIONS_INDEX] = self.organizations_index()
        return pages

    def categories(self) -> list[str]:
        used = {entry.data["category"] for entry in self.catalog.techniques.values()}
        return [category for category in CATEGORIES if category in used]

    # Links

    def links(self, source: str, kind: str) -> dict[str, str]:
        """The links from page `source` to the entries of `kind`, by id.

        A link depends only on the folder of `source`, so pages in one folder share a table.
        """
        key = (source.rpartition("/")[0], kind)
        table = self._links.get(key)
        if table is None:
            pool, start = self.catalog.of_kind(kind), _folder(source)

            def make(ident: str) -> str:
                return md.link(pool[ident].name, relative_file(page_path(kind, ident), start))

            table = self._links[key] = Lazy(make)
        return table

    def link(self, source: str, kind: str, ident: str) -> str:
        return self.links(source, kind)[ident]

    def org_links(self, source: str, model: Entry) -> str:
        return self._org_table(source)[model.id]

    def _org_table(self, source: str) -> dict[str, str]:
        """The links from page `source` to the organizations of each model, by model id."""
        key = source.rpartition("/")[0]
        table = self._org_tables.get(key)
        if table is None:
            models, links = self.catalog.models, self.links(source, "organization")

            def make(ident: str) -> str:
                return ", ".join(links[org] for org in models[ident].data["organization"])

            table = self._org_tables[key] = Lazy(make)
        return table

    # Entry pages

    def _head(self, entry: Entry, boost: float) -> list[str]:
        # The theme prints the title and description into HTML without escaping them.
        # `Entry.name`, `aliases` and `tags` are properties that copy: read each once.
        name, aliases, tags = entry.name, entry.aliases, entry.tags
        meta: dict[str, Any] = {
            "title": html.escape(name, quote=False),
            "description": html.escape(" ".join(str(entry.data.get("summary", "")).split())),
            "search": {"boost": search_boost(name, boost)},
        }
        if tags:
            meta[self.tags_key] = tags
        if self.tags_key != "tags":
            labels = [name, *aliases]
            meta["tags"] = [html.escape(label, quote=False) for label in labels + variants(labels)]
        parts = [md.front_matter(meta), f"# {md.literal(name)}\n"]
        if aliases:
            names = ", ".join(f"**{md.literal(alias)}**" for alias in aliases)
            parts.append(f"Also known as {names}.\n")
        if "summary" in entry.data:
            parts.append(md.text(entry.data["summary"]) + "\n")
        return parts

    def _search_keys(self, entry: Entry) -> str:
        """Other spellings of the names, in the page's first section for search but not shown."""
        keys = variants([entry.name, *entry.aliases])
        if not keys:
            return ""
        escaped = html.escape(" · ".join(keys), quote=False)
        return f'<p class="atlas-search-keys" hidden>{escaped}</p>\n'

    def model_page(self, model: Entry) -> str:
        source = page_path("model", model.id)
        data = model.data
        rows = [
            ("Type", TYPE_LABELS[data["type"]]),
            ("Organization", self.org_links(source, model)),
            ("Released", format_date(data["released"])),
        ]
        if "family" in data:
            family = md.literal(data["family"])
            if self.family_sizes[data["family"]] > 1:
                family = f"[{family}]({_rel(source, family_path(data['family']))})"
            rows.append(("Family", family))
        if "architecture" in data:
            rows.append(("Architecture", architecture_label(data["architecture"])))
        if "modalities" in data:
            modes = data["modalities"]
            rows.append(
                ("Modalities", f"{', '.join(modes['input'])} → {', '.join(modes['output'])}")
            )
        rows.append(("Parameters", format_parameters(data.get("parameters"))))
        rows.append(("Context length", format_context(data.get("context_length"))))
        weights = data.get("open_weights")
        rows.append(("Weights", UNKNOWN if weights is None else ("Open" if weights else "Closed")))
        rows.append(("Licence", md.literal(data["license"]) if "license" in data else UNKNOWN))
        parts = self._head(model, boost=3)
        parts.append(md.table(("Fact", "Value"), rows))
        parts.append(self._search_keys(model))
        compare = _rel(source, "compare.md")
        parts.append(f"[Compare with other models]({compare}?models={model.id})\n")
        for name, heading in (("innovation", "What was new"), ("significance", "Why it mattered")):
            if name in data:
                parts.append(md.heading(heading) + f"\n{md.text(data[name])}\n")
        if data.get("techniques"):
            parts.append(md.heading("Techniques", searchable=False))
            items = []
            links = self.links(source, "technique")
            for ident in sorted(data["techniques"], key=self._technique_keys.__getitem__):
                technique = self.catalog.techniques[ident]
                label = CATEGORY_LABELS[technique.data["category"]]
                items.append(f"- {links[ident]} ({label.lower()})")
            parts.append("\n".join(items) + "\n")
        parts.append(self._lineage(model, source))
        parts.append(self._corrections(model))
        parts.append(self._sources(model))
        return "\n".join([part for part in parts if part])

    def _lineage(self, model: Entry, source: str) -> str:
        parents = model.data.get("derived_from", [])
        children = self.catalog.derivatives.get(model.id, [])
        if not parents and not children:
            return ""
        lines = [md.heading("Lineage", searchable=False)]
        links = self.links(source, "model")
        if parents:
            lines.append(f"Built on: {', '.join(links[i] for i in self._by_name(parents))}.\n")
        if children:
            shown = ", ".join(links[ident] for ident in self._by_name(children))
            lines.append(f"Built upon by: {shown}.\n")
        return "\n".join(lines)

    def _by_name(self, idents: list[str], kind: str = "model") -> list[str]:
        pool = self.catalog.of_kind(kind)
        entries = sort_entries([pool[ident] for ident in idents], self.name_keys)
        return [entry.id for entry in entries]

    def _corrections(self, entry: Entry) -> str:
        items = entry.data.get("corrections", [])
        if not items:
            return ""
        lines = [md.heading("Corrections")]
        for item in items:
            lines.append(
                f"- **Claim:** {md.text(item['claim'])}  \n"
                f"  **Record:** {md.text(item['correction'])} "
                f"({md.external('source', item['source'])})"
            )
        return "\n".join(lines) + "\n"

    def _sources(self, entry: Entry) -> str:
        lines = [md.heading("Sources", searchable=False)]
        for number, item in enumerate(entry.data.get("sources", []), start=1):
            lines.append(f"{number}. {md.external(item['title'], item['url'])}")
        return "\n".join(lines) + "\n"

    def technique_page(self, technique: Entry) -> str:
        source = page_path("technique", technique.id)
        data = technique.data
        category = data["category"]
        rows = [
            ("Category", md.link(CATEGORY_LABELS[category], _rel(source, category_path(category)))),
            ("Introduced", str(data["year"])),
        ]
        if "paper" in data:
            rows.append(("Paper", md.external(data["paper"]["title"], data["paper"]["url"])))
        parts = self._head(technique, boost=3)
        parts.append(md.table(("Fact", "Value"), rows))
        parts.append(self._search_keys(technique))
        for name, heading in (("how_it_works", "How it works"), ("tradeoffs", "Trade-offs")):
            if name in data:
                parts.append(md.heading(heading) + f"\n{md.text(data[name])}\n")
        users = self.catalog.used_by.get(technique.id, [])
        parts.append(md.heading("Models that use it", searchable=False))
        if users:
            parts.append(self._adoption(technique, users))
            rows_ = self._user_rows(source)
            ordered = sorted(users, key=self.release_keys.__getitem__)
            parts.append(
                md.table(("Model", "Organization", "Released"), [rows_[i] for i in ordered])
            )
        else:
            parts.append("No model in the catalog lists this technique yet.\n")
        related = self.catalog.related.get(technique.id, [])
        if related:
            links = ", ".join(
                self.link(source, "technique", ident)
                for ident in self._by_name(related, "technique")
            )
            parts.append(md.heading("Related techniques", searchable=False) + f"\n{links}.\n")
        parts.append(self._corrections(technique))
        parts.append(self._sources(technique))
        return "\n".join([part for part in parts if part])

    def _user_rows(self, source: str) -> dict[str, tuple[str, str, str]]:
        """The row of each model in the tables of the techniques it uses, by id.

        A model is listed on the page of every technique it uses, always with the same row.
        """
        key = source.rpartition("/")[0]
        table = self._user_row_tables.get(key)
        if table is None:
            models, links = self.catalog.models, self.links(source, "model")
            organizations = self._org_table(source)

            def make(ident: str) -> tuple[str, str, str]:
                released = format_date(models[ident].data["released"])
                return (links[ident], organizations[ident], released)

            table = self._user_row_tables[key] = Lazy(make)
        return table

    def _adoption(self, technique: Entry, users: list[str]) -> str:
        # The chart starts in the year the technique was introduced, so early gaps show too.
        counts: dict[int, int] = {int(technique.data["year"]): 0}
        counts.update(Counter(map(self._release_years.__getitem__, users)))
        noun = "model" if len(users) == 1 else "models"
        return (
            f"{len(users)} catalogued {noun} use {md.literal(technique.name)}. "
            "Adoption by release year:\n\n" + adoption_chart(technique.name, counts) + "\n"
        )

    def _by_release(self, idents: list[str]) -> list[Entry]:
        models = self.catalog.models
        return [models[ident] for ident in sorted(idents, key=self.release_keys.__getitem__)]

    def organization_page(self, organization: Entry) -> str:
        source = page_path("organization", organization.id)
        data = organization.data
        parts = self._head(organization, boost=2)
        rows = []
        if "country" in data:
            rows.append(("Country", md.literal(data["country"])))
        if "website" in data:
            rows.append(("Website", md.external(data["website"], data["website"])))
        if rows:
            parts.append(md.table(("Fact", "Value"), rows))
        members = self.catalog.members.get(organization.id, [])
        parts.append(md.heading("Models", searchable=False))
        if members:
            parts.append(self._model_table(source, self._by_release(members), with_org=False))
        else:
            parts.append("No model of this organization is in the catalog yet.\n")
        return "\n".join([part for part in parts if part])

    def _model_table(self, source: str, models: list[Entry], *, with_org: bool) -> str:
        header: tuple[str, ...] = ("Model", "Type", "Released", "Architecture", "Parameters")
        if with_org:
            header = ("Model", "Organization", *header[1:])
        rows = []
        links = self.links(source, "model")
        for model in models:
            data = model.data
            cells = [
                links[model.id],
                TYPE_LABELS[data["type"]],
                format_date(data["released"]),
                architecture_label(data["architecture"]) if "architecture" in data else "—",
                format_parameters(data.get("parameters")),
            ]
            if with_org:
                cells.insert(1, self.org_links(source, model))
            rows.append(tuple(cells))
        return md.table(header, rows)

    # Index pages

    def organizations_by_name(self) -> list[Entry]:
        return sort_entries(list(self.catalog.organizations.values()))

    def techniques_index(self) -> str:
        source = TECHNIQUES_INDEX
        meta = {"title": "Techniques", "search": {"exclude": True}}
        parts = [md.front_matter(meta), "# Techniques\n"]
        parts.append(
            f"The catalog describes {len(self.catalog.techniques)} techniques, grouped by "
            "category. Each technique page lists the catalogued models that use it.\n"
        )
        grouped = self._techniques_by_category()
        for category in self.categories():
            link = md.link(CATEGORY_LABELS[category], _rel(source, category_path(category)))
            parts.append(f"## {link}\n")
            parts.append(self._technique_table(source, grouped[category]))
        return "\n".join(parts)

    def _techniques_by_category(self) -> dict[str, list[Entry]]:
        grouped: dict[str, list[Entry]] = defaultdict(list)
        for technique in self.catalog.techniques.values():
            grouped[technique.data["category"]].append(technique)
        return {key: sort_entries(value) for key, value in grouped.items()}

    def _technique_table(self, source: str, techniques: list[Entry]) -> str:
        rows = [
            (
                self.link(source, "technique", technique.id),
                str(technique.data["year"]),
                str(len(self.catalog.used_by.get(technique.id, []))),
            )
            for technique in techniques
        ]
        return md.table(("Technique", "Introduced", "Models"), rows)

    def category_page(self, category: str) -> str:
        source = category_path(category)
        label = CATEGORY_LABELS[category]
        meta = {"title": label, "search": {"exclude": True}}
        techniques = self._techniques_by_category()[category]
        parts = [md.front_matter(meta), f"# {label}\n"]
        parts.append(f"{len(techniques)} techniques in this category.\n")
        parts.append(self._technique_table(source, techniques))
        return "\n".join(parts)

    def organizations_index(self) -> str:
        source = ORGANIZATIONS_INDEX
        meta = {"title": "Organizations", "search": {"exclude": True}}
        parts = [md.front_matter(meta), "# Organizations\n"]
        rows = [
            (
                self.link(source, "organization", organization.id),
                md.literal(organization.data.get("country", "—")),
                str(len(self.catalog.members.get(organization.id, []))),
            )
            for organization in self.organizations_by_name()
        ]
        parts.append(md.table(("Organization", "Country", "Models"), rows))
        return "\n".join(parts)
