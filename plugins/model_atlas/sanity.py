"""Checks of meaning rather than form: facts that parse but cannot be right.

They run on checked entries, after each file has passed its own checks, so every value here has
the type the format promises.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from .catalog import Catalog, Entry
from .problems import Problem

_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
# Names and tags are shown and compared as typed: invisible or reordering characters in them
# would make two names look alike, or one look like another.
_LABEL_FIELDS = ("name", "aliases", "tags")
_SIMPLE_URL = re.compile(r"https?://([A-Za-z0-9.-]+)(?:[/?#]|$)")


def check(catalog: Catalog, today: datetime.date | None = None) -> list[Problem]:
    """Every problem of meaning in the catalog; `today` bounds release dates."""
    today = today or datetime.date.today()
    problems: list[Problem] = []
    for entry in [*catalog.entries(), *catalog.organizations.values()]:
        problems.extend(entry_problems(entry, today))
    return problems + cycle_problems(catalog)


def entry_problems(entry: Entry, today: datetime.date) -> list[Problem]:
    """The problems of meaning that one entry has on its own."""
    return list(_entry_problems(entry, today))


def cycle_problems(catalog: Catalog) -> list[Problem]:
    """The problems of meaning that only show across entries: lineage cycles."""
    return list(_cycles(catalog))


def _entry_problems(entry: Entry, today: datetime.date) -> Iterator[Problem]:
    data = entry.data

    def problem(field: str, where: str, message: str) -> Problem:
        return Problem(entry.path, entry.line(field), where, message)

    released = data.get("released")
    if released and released > today.isoformat()[: len(released)]:
        yield problem("released", "released", f"{released!r} is in the future")
    parameters = data.get("parameters")
    if isinstance(parameters, list):
        for index, size in enumerate(parameters):
            where = f"parameters[{index}]"
            total = _size(size["total"])
            if total == 0:
                yield problem("parameters", where, "a model cannot have 0 parameters")
            if "active" in size and _size(size["active"]) > total:
                yield problem(
                    "parameters",
                    where,
                    f"active parameters ({size['active']}) exceed the total ({size['total']})",
                )
    seen: dict[str, int] = {}
    for index, source in enumerate(data.get("sources", [])):
        key = source["url"].rstrip("/")
        if key in seen:
            yield problem(
                "sources", f"sources[{index}]", f"repeats the URL of sources[{seen[key]}]"
            )
        seen.setdefault(key, index)
    for field, where, url in _urls(data):
        message = _private_url(url)
        if message:
            yield problem(field, where, message)
    for field in _LABEL_FIELDS:
        values = data.get(field)
        labels = [values] if isinstance(values, str) else list(values or [])
        for index, label in enumerate(labels):
            if label.isascii() and "\t" not in label:
                continue  # no ASCII character is in the categories Cf, Zl or Zp
            hidden = [ch for ch in label if unicodedata.category(ch) in ("Cf", "Zl", "Zp")]
            if hidden or "\t" in label:
                code = f"U+{ord(hidden[0]):04X}" if hidden else "a tab"
                where = field if isinstance(values, str) else f"{field}[{index}]"
                yield problem(field, where, f"contains an invisible character ({code}); remove it")


def _urls(data: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for index, source in enumerate(data.get("sources", [])):
        yield "sources", f"sources[{index}].url", source["url"]
    for index, item in enumerate(data.get("corrections", [])):
        yield "corrections", f"corrections[{index}].source", item["source"]
    if "paper" in data:
        yield "paper", "paper.url", data["paper"]["url"]
    if "website" in data:
        yield "website", "website", data["website"]


def _private_url(url: str) -> str | None:
    simple = _SIMPLE_URL.match(url)
    if simple:
        # No user, password or port: the host name is all there is to look at.
        host = simple[1].lower().rstrip(".")
    else:
        parts = urlsplit(url)
        if parts.username or parts.password:
            return "a public URL must not carry a user name or password"
        host = (parts.hostname or "").rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return f"{host!r} is not a public address"
    if ":" not in host and not host.replace(".", "").isdigit():
        # Not an IP address (IPv4 is digits and dots, IPv6 has colons): no need to parse it.
        return None if "." in host else f"{host!r} is not a public address"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None if "." in host else f"{host!r} is not a public address"
    if not address.is_global:
        return f"{host!r} is not a public address"
    return None


def _size(text: str) -> float:
    return float(text[:-1]) * _SCALE[text[-1]]


def _cycles(catalog: Catalog) -> Iterator[Problem]:
    """Models that are, through `derived_from`, built on themselves."""
    walk = _Walk(catalog)
    for ident in sorted(catalog.models):
        if ident not in walk.state:
            yield from walk.visit(ident)


class _Walk:
    """A depth-first walk of the lineage.

    A class rather than a nested function that calls itself: such a function refers to itself
    through its closure, a reference cycle that would keep the whole catalog alive until the
    next full collection of the garbage collector.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.models = catalog.models
        self.state: dict[str, int] = {}
        self.on_path: list[str] = []
        self.reported: set[str] = set()

    def visit(self, ident: str) -> Iterator[Problem]:
        self.state[ident] = 1
        self.on_path.append(ident)
        for parent in self.models[ident].data.get("derived_from", []):
            if parent not in self.models:
                continue
            if self.state.get(parent) == 1:
                yield from self._loop(self.on_path[self.on_path.index(parent) :])
            elif parent not in self.state:
                yield from self.visit(parent)
        self.on_path.pop()
        self.state[ident] = 2

    def _loop(self, loop: list[str]) -> Iterator[Problem]:
        for member in loop:
            if member not in self.reported:
                self.reported.add(member)
                entry = self.models[member]
                chain = " → ".join(
                    [*loop[loop.index(member) :], *loop[: loop.index(member)], member]
                )
                yield Problem(
                    entry.path,
                    entry.line("derived_from"),
                    "derived_from",
                    f"lineage goes round in a circle: {chain}",
                )
