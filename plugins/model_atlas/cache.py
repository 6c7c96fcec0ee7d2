"""Checked entries of unchanged catalog files, kept between the rebuilds of one `mkdocs serve`.

A file is read and checked again only when its size, modification time (in nanoseconds) or
inode changed. A file modified within `RACY_NS` of being read may change again without its
size or time showing it (the clock that stamps files is coarser than a nanosecond), so its
content hash is kept too and compared the next time.

Entries are shared between builds: nothing may change an `Entry` after it was read.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .catalog import Entry
from .problems import Collector, Problem

RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class _Kept:
    stamp: tuple[str, int, int, int]
    entry: Entry | None
    problems: tuple[Problem, ...]
    digest: bytes | None
    partial: object | None = None


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class EntryCache:
    """What `parse` made of each file the last time it was read, by path and file state."""

    def __init__(self) -> None:
        self.checks = CheckCache()
        self._kept: dict[str, _Kept] = {}
        self._previous: dict[str, _Kept] = {}
        self.read = 0
        self.reused = 0

    def start(self) -> None:
        """Begin a build: files not seen again before the next `start` are forgotten."""
        self._previous, self._kept = self._kept, {}
        self.read = self.reused = 0

    def entry(
        self,
        path: str,
        collector: Collector,
        parse: Callable[[bytes, Collector], Entry | None],
        status: os.stat_result | None = None,
    ) -> Entry | None:
        """The entry of one file and its problems (added to `collector`), reused if unchanged.

        `status` is the file's `os.stat` if the caller has it already.
        """
        status = status or os.stat(path)
        stamp = (collector.path, status.st_size, status.st_mtime_ns, status.st_ino)
        key = path
        kept = self._previous.pop(key, None)
        data: bytes | None = None
        if kept is not None and kept.stamp == stamp:
            if kept.digest is not None:
                data = _read(path)
            if kept.digest is None or kept.digest == _digest(data or b""):
                self._kept[key] = _settle(kept, status.st_mtime_ns)
                collector.problems.extend(kept.problems)
                collector.partial = kept.partial
                self.reused += 1
                return kept.entry
        if data is None:
            data = _read(path)
        entry = parse(data, collector)
        racy = time.time_ns() - status.st_mtime_ns < RACY_NS
        digest = _digest(data) if racy else None
        self._kept[key] = _Kept(stamp, entry, tuple(collector.problems), digest, collector.partial)
        self.read += 1
        return entry


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _settle(kept: _Kept, mtime_ns: int) -> _Kept:
    """Drop the hash of a file once its time stamp is old enough to be trusted alone."""
    if kept.digest is not None and time.time_ns() - mtime_ns >= RACY_NS:
        return _Kept(kept.stamp, kept.entry, kept.problems, None, kept.partial)
    return kept


# What the checks across files read of an entry: its kind, id, file, names, tags and references.
Outline = tuple[str, str, str, str, tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...]]
_REFERENCES = ("techniques", "related", "derived_from", "organization")
# used_by, derivatives, members and related, as `catalog._relate` computes them.
Relations = tuple[dict[str, list[str]], ...]


class CheckCache:
    """Results of the checks that read more than one file, kept between rebuilds.

    The checks across files (the ids an entry refers to, clashing names and tags, lineage
    cycles) and the relations computed from the model files read only an entry's outline: its
    kind, id, file, name, aliases, tags and references. When no entry's outline changed since
    the last build whose checks found nothing, neither did their answer, and the relations of
    that build are used again. The checks of one entry alone are kept with the entry.

    Like `EntryCache`, this relies on entries never changing once read: an unchanged file gives
    the very same `Entry` object, which is how its outline and own problems are found again.
    """

    def __init__(self) -> None:
        self._outlines: dict[int, tuple[Entry, Any]] = {}
        self._alone: dict[int, tuple[Entry, Any]] = {}
        self._passed: tuple[Outline, ...] | None = None
        self._relations: Relations = ()
        self.reused = False

    def alone(self, entries: list[Entry], today: datetime.date) -> list[Problem]:
        """The problems each entry has on its own (`sanity.entry_problems`)."""
        from .sanity import entry_problems

        self._alone, found = _per_entry(
            self._alone, entries, lambda entry: (today, entry_problems(entry, today)), today
        )
        return [problem for _, problems in found for problem in problems]

    def outline(self, entries: list[Entry]) -> tuple[Outline, ...]:
        self._outlines, found = _per_entry(self._outlines, entries, _outline, None)
        return tuple(found)

    def passed_before(self, outline: tuple[Outline, ...]) -> bool:
        """Whether the last build whose checks across files found nothing had this outline."""
        self.reused = outline == self._passed
        return self.reused

    def relations(self) -> Relations:
        return self._relations

    def passed(self, outline: tuple[Outline, ...], relations: Relations) -> None:
        self._passed, self._relations = outline, relations


def _per_entry(
    previous: dict[int, tuple[Entry, Any]],
    entries: list[Entry],
    compute: Callable[[Entry], Any],
    valid_for: object,
) -> tuple[dict[int, tuple[Entry, Any]], list[Any]]:
    """`compute(entry)` for each entry, reusing the value kept for the very same `Entry` object.

    A value that is a pair `(valid_for, ...)` is reused only while `valid_for` is unchanged.
    Returns the values kept for these entries only, and the values in the order of `entries`.
    """
    kept: dict[int, tuple[Entry, Any]] = {}
    values = []
    for entry in entries:
        found = previous.get(id(entry))
        if (
            found is None
            or found[0] is not entry
            or (valid_for is not None and found[1][0] != valid_for)
        ):
            found = (entry, compute(entry))
        kept[id(entry)] = found
        values.append(found[1])
    return kept, values


def _outline(entry: Entry) -> Outline:
    data = entry.data
    return (
        entry.kind,
        entry.id,
        entry.path,
        entry.name,
        tuple(entry.aliases),
        tuple(entry.tags),
        tuple(tuple(data.get(name, ())) for name in _REFERENCES),
    )
