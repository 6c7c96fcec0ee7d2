"""Problems found in the catalog, and the error that carries them to the user."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one catalog file, pointing at the line to fix."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"


class CatalogError(Exception):
    """Raised when the catalog has problems; carries all of them, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"the catalog has {count} {noun}:\n{lines}")


class Collector:
    """Collects problems for one file so that checks can go on after the first one."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        # What could be read of a file that has problems (an Entry), so that its references
        # and names can be checked in the same run.
        self.partial: object | None = None

    def add(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, field, message))
