"""Pages that answer questions across entries: the models table, the timeline, families, the
technique matrix and the comparison page. Everything is computed from the catalog at build time.
"""

from __future__ import annotations

import calendar
import functools
import html
import posixpath
import unicodedata
from collections import defaultdict
from typing import Any

from . import markdown as md
from .catalog import Catalog, Entry, natural_key
from .render import (
    CATEGORY_LABELS,
    MODELS_INDEX,
    TYPE_LABELS,
    Renderer,
    architecture_label,
    family_path,
    format_context,
    format_date,
    page_path,
    relative_file,
)

TIMELINE = "timeline.md"
MATRIX = "matrix.md"
COMPARE = "compare.md"
# Not families/index.md: the theme would make it the index page of the Explore section.
FAMILIES_INDEX = "families.md"
# The categories whose techniques shape a model's architecture, shown in the matrix.
MATRIX_CATEGORIES = (
    "attention",
    "position-encoding",
    "normalization",
    "activation",
    "mixture-of-experts",
)
# The matrix shows at most this many techniques, the most used ones: every column adds a cell
# to every row, and a matrix of all techniques would grow with the square of the catalog.
MATRIX_COLUMNS = 40
_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def size_value(size: str) -> float:
    """The number of parameters a size such as "46.7B" stands for."""
    return float(size[:-1]) * _SCALE[size[-1]]


def largest_size(parameters: Any) -> str | None:
    if not isinstance(parameters, list) or not parameters:
        return None
    totals: list[str] = [item["total"] for item in parameters]
    return max(totals, key=size_value)


class Views:
    """Builds the cross-entry pages; links inside raw HTML are written as final URLs."""

    def __init__(self, renderer: Renderer, *, directory_urls: bool = True) -> None:
        self.renderer = renderer
        self.catalog: Catalog = renderer.catalog
        self.directory_urls = directory_urls
        # Organizations are linked from thousands of rows; one Views serves one build.
        self._anchors: dict[tuple[str, str, str], str] = {}
        self._organization_cells: dict[tuple[str, tuple[str, ...]], str] = {}
        self._models: list[Entry] | None = None

    def pages(self) -> dict[str, str]:
        pages = {
            MODELS_INDEX: self.models_index(),
            TIMELINE: self.timeline(),
            MATRIX: self.matrix(),
            COMPARE: self.compare(),
            FAMILIES_INDEX: self.families_index(),
        }
        for name, members in self.families().items():
            pages[family_path(name)] = self.family_page(name, members)
        return pages

    # URLs for raw HTML

    def url(self, source: str, target: str) -> str:
        """The URL of page `target` relative to page `source`, as MkDocs writes pages."""
        here = _location(source, self.directory_urls)
        there = _location(target, self.directory_urls)
        base = posixpath.dirname(here) if not here.endswith("/") else here.rstrip("/")
        # A final slash changes nothing to the path; without it, the page's folder is the last
        # part, the file name that `relative_file` keeps apart from the folders.
        trimmed = there[:-1] if there.endswith("/") and not there.startswith("/") else there
        relative = relative_file(trimmed or ".", base or ".")
        if there.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return relative if relative != "./" else "./"

    def anchor(self, source: str, entry: Entry) -> str:
        key = (source, entry.kind, entry.id)
        found = self._anchors.get(key)
        if found is None:
            href = html.escape(self.url(source, page_path(entry.kind, entry.id)))
            found = f'<a href="{href}">{html.escape(entry.name, quote=False)}</a>'
            self._anchors[key] = found
        return found

    def models(self) -> list[Entry]:
        """All models, oldest first."""
        if self._models is None:
            # Four pages list every model in this order; it is sorted once.
            keys = self.renderer.release_keys
            self._models = sorted(self.catalog.models.values(), key=lambda m: keys[m.id])
        return list(self._models)

    # Models index: one sortable, filterable table

    def models_index(self) -> str:
        source = MODELS_INDEX
        models = self.models()[::-1]
        tags = sorted({tag for model in models for tag in model.tags}, key=natural_key)
        meta = {"title": "Models", "search": {"exclude": True}, "hide": ["toc"]}
        options = "".join(
            f'<option value="{html.escape(tag)}">{html.escape(tag)}</option>' for tag in tags
        )
        header = (
            ("name", "Model", "text"),
            ("organization", "Organization", "text"),
            ("released", "Released", "text"),
            ("size", "Largest size", "number"),
            ("context", "Context", "number"),
            ("weights", "Weights", "text"),
            ("architecture", "Architecture", "text"),
        )
        head = "".join(
            f'<th scope="col" data-sort-type="{kind}" aria-sort="none">{label}</th>'
            for _, label, kind in header
        )
        rows = "\n".join(self._model_row(source, model) for model in models)
        count = len(models)
        return "".join(
            [
                md.front_matter(meta),
                "# Models\n\n",
                f"All {count} models, model families and related products in the catalog, newest "
                "first. "
                "Select a column heading to sort by it, or pick a tag to show only its models. "
                "Organizations have [pages of their own](../organizations/index.md).\n\n",
                '<div class="atlas-table-tools" hidden>\n'
                '<label>Tag <select class="atlas-filter-tag" aria-controls="atlas-models">'
                f'<option value="">All tags</option>{options}</select></label>\n'
                '<label>Name <input class="atlas-filter-text" type="search" '
                'aria-controls="atlas-models" placeholder="Filter by name"></label>\n'
                f'<output class="atlas-count" aria-live="polite">{count} models</output>\n'
                "</div>\n\n",
                '<div class="atlas-table-wrap" data-search-exclude>\n'
                '<table id="atlas-models" class="atlas-sortable">\n'
                f"<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n"
                "</div>\n",
            ]
        )

    def _model_row(self, source: str, model: Entry) -> str:
        data = model.data
        size = largest_size(data.get("parameters"))
        context = data.get("context_length")
        weights = data.get("open_weights")
        names = " ".join([model.name, *model.aliases])
        cells = [
            (natural_text(model.name), self.anchor(source, model)),
            (data["released"], format_date(data["released"])),
            (f"{size_value(size):.0f}" if size else "-1", size or _missing(data, "parameters")),
            (str(context) if isinstance(context, int) else "-1", _context_cell(context)),
            _weights_cell(weights),
            (
                data.get("architecture", ""),
                architecture_label(data["architecture"])
                if "architecture" in data
                else TYPE_LABELS[data["type"]],
            ),
        ]
        tds = [f'<td data-sort="{html.escape(key)}">{shown}</td>' for key, shown in cells]
        tds.insert(1, self._organizations_cell(source, tuple(data["organization"])))
        tags = html.escape("|".join(model.tags))
        names = html.escape(names.casefold())
        return f'<tr data-tags="{tags}" data-names="{names}">{"".join(tds)}</tr>'

    def _organizations_cell(self, source: str, idents: tuple[str, ...]) -> str:
        """The organizations cell of a row; a few hundred organizations fill thousands of rows."""
        key = (source, idents)
        found = self._organization_cells.get(key)
        if found is None:
            organizations = [self.catalog.organizations[ident] for ident in idents]
            names = html.escape(", ".join(org.name for org in organizations))
            anchors = ", ".join(self.anchor(source, org) for org in organizations)
            found = self._organization_cells[key] = f'<td data-sort="{names}">{anchors}</td>'
        return found

    # Timeline

    def timeline(self) -> str:
        source = TIMELINE
        by_year: dict[int, dict[int, list[Entry]]] = defaultdict(lambda: defaultdict(list))
        for model in self.models():
            year, month = (int(part) for part in model.data["released"].split("-")[:2])
            by_year[year][month].append(model)
        techniques: dict[int, list[Entry]] = defaultdict(list)
        for technique in self.catalog.techniques.values():
            techniques[technique.data["year"]].append(technique)
        years = sorted(set(by_year) | set(techniques), reverse=True)
        parts = [
            md.front_matter({"title": "Timeline", "search": {"exclude": True}}),
            "# Timeline\n\n",
            "Models by the month they were released and techniques by the year they were "
            "introduced, newest first.\n\n",
        ]
        for year in years:
            parts.append(f"## {year}\n\n")
            if by_year.get(year):
                rows = []
                for month in sorted(by_year[year], reverse=True):
                    links = ", ".join(
                        self.renderer.link(source, "model", m.id) for m in by_year[year][month]
                    )
                    rows.append((calendar.month_name[month], links))
                parts.append(md.table(("Month", "Models released"), rows) + "\n")
            if techniques.get(year):
                links = ", ".join(
                    self.renderer.link(source, "technique", t.id)
                    for t in sorted(techniques[year], key=lambda t: natural_key(t.name))
                )
                parts.append(f"**Techniques introduced:** {links}.\n\n")
        return "".join(parts)

    # Technique-by-model matrix

    def matrix(self) -> str:
        source = MATRIX
        candidates = sorted(
            (
                t
                for t in self.catalog.techniques.values()
                if t.data["category"] in MATRIX_CATEGORIES and self.catalog.used_by.get(t.id)
            ),
            key=lambda t: (-len(self.catalog.used_by[t.id]), natural_key(t.name), t.id),
        )
        columns = sorted(
            candidates[:MATRIX_COLUMNS],
            key=lambda t: (MATRIX_CATEGORIES.index(t.data["category"]), natural_key(t.name)),
        )
        wanted = {t.id for t in columns}
        models = [m for m in self.models() if wanted.intersection(m.data.get("techniques", []))]
        parts = [
            md.front_matter(
                {"title": "Technique matrix", "search": {"exclude": True}, "hide": ["toc"]}
            ),
            "# Technique matrix\n\n",
            "Which catalogued models use which architectural techniques: attention variants, "
            "position encodings, normalization, activations and mixtures of experts. A model "
            "appears when its entry lists at least one of them; a blank cell means its entry "
            "does not list that technique.\n\n",
        ]
        if len(candidates) > len(columns):
            parts.append(
                f"The matrix shows the {len(columns)} most used of these {len(candidates)} "
                "techniques; each technique's page lists every model that uses it.\n\n"
            )
        groups = "".join(
            f'<th scope="colgroup" colspan="{sum(1 for t in columns if t.data["category"] == c)}">'
            f"{CATEGORY_LABELS[c]}</th>"
            for c in MATRIX_CATEGORIES
            if any(t.data["category"] == c for t in columns)
        )
        heads = "".join(f'<th scope="col">{self.anchor(source, t)}</th>' for t in columns)
        body = []
        yes = (
            '<td class="atlas-yes"><span aria-hidden="true">●</span>'
            '<span class="md-visually-hidden">uses</span></td>'
        )
        column_ids = [t.id for t in columns]
        for model in models:
            used = set(model.data.get("techniques", []))
            cells = "".join([yes if ident in used else "<td></td>" for ident in column_ids])
            body.append(f'<tr><th scope="row">{self.anchor(source, model)}</th>{cells}</tr>')
        parts.append(
            '<div class="atlas-table-wrap atlas-matrix" data-search-exclude>\n<table>\n'
            f"<thead><tr><td></td>{groups}</tr>\n"
            f'<tr><th scope="col">Model</th>{heads}</tr></thead>\n'
            "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n</div>\n"
        )
        return "".join(parts)

    # Families

    def families(self) -> dict[str, list[Entry]]:
        """Families with at least two catalogued models, each sorted by release."""
        grouped: dict[str, list[Entry]] = defaultdict(list)
        for model in self.models():
            if "family" in model.data:
                grouped[model.data["family"]].append(model)
        return {
            name: members
            for name, members in sorted(grouped.items(), key=lambda item: natural_key(item[0]))
            if len(members) >= 2
        }

    def families_index(self) -> str:
        rows = []
        for name, members in self.families().items():
            first, last = members[0].data["released"], members[-1].data["released"]
            rows.append(
                (
                    md.link(name, family_path(name)),
                    str(len(members)),
                    f"{first[:4]}–{last[:4]}" if first[:4] != last[:4] else first[:4],
                )
            )
        return "".join(
            [
                md.front_matter({"title": "Families", "search": {"exclude": True}}),
                "# Families\n\n",
                "Model families with several generations or variants in the catalog. Each family "
                "page lists its models in release order and shows what each was built on.\n\n",
                md.table(("Family", "Models", "Years"), rows),
            ]
        )

    def family_page(self, name: str, members: list[Entry]) -> str:
        source = family_path(name)
        ids = {m.id for m in members}
        rows = []
        for model in members:
            parents = [p for p in model.data.get("derived_from", [])]
            built_on = ", ".join(self.renderer.link(source, "model", p) for p in parents) or "—"
            largest = largest_size(model.data.get("parameters"))
            rows.append(
                (
                    self.renderer.link(source, "model", model.id),
                    format_date(model.data["released"]),
                    md.literal(largest) if largest else "—",
                    md.literal(format_context(model.data.get("context_length"))),
                    built_on,
                )
            )
        tree = self._family_tree(source, members, ids)
        compare = ",".join(m.id for m in members[:6])
        return "".join(
            [
                md.front_matter({"title": f"{html.escape(name, quote=False)} family"}),
                f"# {md.literal(name)} family\n\n",
                f"{len(members)} catalogued models, in release order. "
                f"[Compare them side by side]({posixpath.relpath(COMPARE, 'families')}"
                f"?models={compare}).\n\n",
                md.table(("Model", "Released", "Largest size", "Context", "Built on"), rows),
                "\n## Lineage within the family\n\n",
                tree,
            ]
        )

    def _family_tree(self, source: str, members: list[Entry], ids: set[str]) -> str:
        children: dict[str, list[Entry]] = defaultdict(list)
        roots = []
        for model in members:
            parents = [p for p in model.data.get("derived_from", []) if p in ids]
            if parents:
                children[parents[0]].append(model)
            else:
                roots.append(model)
        lines: list[str] = []
        links = self.renderer.links(source, "model")
        # Depth first, each model before its children, with a stack of its own: a nested
        # function that calls itself would be a reference cycle holding the whole catalog.
        stack = [(root, 0) for root in reversed(roots)]
        while stack:
            model, depth = stack.pop()
            lines.append(
                f"{'    ' * depth}- {links[model.id]} ({format_date(model.data['released'])})"
            )
            stack.extend((child, depth + 1) for child in reversed(children.get(model.id, [])))
        return "\n".join(lines) + "\n"

    # Comparison

    def compare(self) -> str:
        options = "".join(
            f'<option value="{html.escape(m.id)}">{html.escape(m.name)}</option>'
            for m in sorted(self.catalog.models.values(), key=lambda m: natural_key(m.name))
        )
        return "".join(
            [
                md.front_matter(
                    {"title": "Compare models", "search": {"exclude": True}, "hide": ["toc"]}
                ),
                "# Compare models\n\n",
                "Choose two or more models to see their facts side by side. The address of this "
                "page keeps the selection, so a comparison can be shared as a link.\n\n",
                '<div class="atlas-compare" data-catalog="../catalog.json">\n'
                '<label>Add a model <select class="atlas-compare-pick">'
                f'<option value="">Choose…</option>{options}</select></label>\n'
                '<div class="atlas-compare-table" aria-live="polite"></div>\n'
                "<noscript>The comparison needs JavaScript. The same facts are on each model "
                "page and in the site's catalog.json.</noscript>\n</div>\n",
            ]
        )


@functools.lru_cache(maxsize=65536)
def _location(path: str, directory_urls: bool) -> str:
    """Where MkDocs writes the page of source `path`, relative to the site root."""
    stem = posixpath.splitext(path)[0]
    if not directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        return posixpath.dirname(stem) + "/" if posixpath.dirname(stem) else ""
    return stem + "/"


def natural_text(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold()


def _missing(data: dict[str, Any], field: str) -> str:
    return "Not disclosed" if data.get(field) == "undisclosed" else "—"


def _weights_cell(value: Any) -> tuple[str, str]:
    if value is True:
        return "open", "Open"
    if value is False:
        return "closed", "Closed"
    return "", "Unknown"


def _context_cell(value: Any) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    return "Not disclosed" if value == "undisclosed" else "—"
