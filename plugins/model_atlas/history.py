"""When each catalog file last changed, and the latest changes, from one `git log` call.

Outside a git repository (or without git) there is no history: entry pages then say nothing
about dates and the recent-changes page says that the history is unavailable, so that the output
stays the same for the same files wherever they are built.
"""

from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import markdown as md
from .catalog import Catalog
from .render import format_date, page_path
from .schema import FOLDERS

log = logging.getLogger("mkdocs.plugins.atlas")

RECENT_CHANGES = "recent-changes.md"
RECENT_COMMITS = 30
ENTRIES_PER_ROW = 6
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Change:
    """One commit that touched the catalog: its date, subject and catalog-relative paths."""

    date: str
    subject: str
    paths: tuple[str, ...]


@dataclass
class History:
    """The catalog's history, newest first; `complete` is False in a shallow clone."""

    changes: list[Change] = field(default_factory=list)
    complete: bool = True

    def last_changed(self) -> dict[str, str]:
        """The date of the latest commit that touched each path."""
        dates: dict[str, str] = {}
        for change in self.changes:
            for path in change.paths:
                dates.setdefault(path, change.date)
        return dates


def read_history(root: Path) -> History | None:
    """Run one `git log` over the catalog folder; None when there is no git history."""
    command = [
        "git",
        "-C",
        str(root),
        "-c",
        "core.quotePath=false",
        "-c",
        "log.showSignature=false",
        "log",
        "-z",
        "--no-renames",
        "--relative",
        "--name-only",
        "--no-color",
        "--encoding=UTF-8",
        f"--format={_RECORD}%cs{_FIELD}%D{_FIELD}%s",
        "--",
        ".",
    ]
    try:
        result = subprocess.run(command, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        log.debug("atlas: no catalog history: %s", error)
        return None
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        log.debug("atlas: no catalog history: %s", reason[0] if reason else result.returncode)
        return None
    return parse_log(result.stdout.decode("utf-8", "replace"))


def parse_log(output: str) -> History:
    """Read the output of the `git log` command above."""
    history = History()
    for record in output.split(_RECORD)[1:]:
        header, _, names = record.partition("\0")
        date, decorations, subject = header.split(_FIELD, 2)
        if "grafted" in decorations.split(", "):
            # The oldest commit of a shallow clone lists every file as added that day.
            history.complete = False
            break
        paths = tuple(sorted(name.strip("\n") for name in names.split("\0") if name.strip()))
        # Merge commits list no files of their own.
        if paths:
            history.changes.append(Change(date, subject.strip(), paths))
    return history


def _entries(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Catalog-relative YAML paths of the entries, with the kind and id of each."""
    found = {}
    for entry in [*catalog.entries(), *catalog.organizations.values()]:
        found[f"{FOLDERS[entry.kind]}/{entry.id}.yaml"] = (entry.kind, entry.id)
    return found


def add_history(pages: dict[str, str], catalog: Catalog, history: History | None) -> None:
    """Add the last-change date to entry pages and write the recent-changes page."""
    entries = _entries(catalog)
    if history is not None:
        for path, date in history.last_changed().items():
            if path in entries:
                source = page_path(*entries[path])
                line = f"*Last changed on {format_date(date)}.*"
                pages[source] = f"{pages[source].rstrip()}\n\n{line}\n"
    pages[RECENT_CHANGES] = recent_changes_page(catalog, history)
    ordered = sorted(pages.items())
    pages.clear()
    pages.update(ordered)


def recent_changes_page(catalog: Catalog, history: History | None) -> str:
    """The latest commits that changed the catalog, with links to the entries they changed."""
    meta = {"title": "Recent changes", "search": {"exclude": True}}
    parts = [md.front_matter(meta), "# Recent changes\n"]
    if history is None:
        parts.append(
            "The history of the catalog is not available: this copy of the site was built from "
            "files outside a git repository.\n"
        )
        return "\n".join(parts)
    parts.append(
        "The latest changes to the catalog, newest first, from the history of its repository. "
        "Each entry page also says when its file last changed.\n"
    )
    entries = _entries(catalog)
    rows = []
    for change in history.changes[:RECENT_COMMITS]:
        links = []
        for path in change.paths:
            if path in entries:
                kind, ident = entries[path]
                links.append(md.link(catalog.of_kind(kind)[ident].name, page_path(kind, ident)))
            elif path.endswith(".yaml") and path.split("/")[0] in FOLDERS.values():
                links.append(f"{md.literal(path.rsplit('/', 1)[-1][:-5])} (removed)")
        shown = ", ".join(links[:ENTRIES_PER_ROW])
        if len(links) > ENTRIES_PER_ROW:
            shown += f" and {len(links) - ENTRIES_PER_ROW} more"
        rows.append((format_date(change.date), shown or "—", md.literal(change.subject) or "—"))
    if rows:
        parts.append(md.table(("Date", "Entries", "Change"), rows))
    else:
        parts.append("No change to the catalog has been committed yet.\n")
    if not history.complete:
        parts.append(
            "Older changes are not shown: the site was built from a shallow clone of the "
            "repository, and dates before its oldest commit are unknown.\n"
        )
    return "\n".join(parts)
