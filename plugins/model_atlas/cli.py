"""The `atlas` command: check the catalog the way the build does, without building."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import load_catalog
from .problems import CatalogError


def check(catalog: Path) -> int:
    """Print every problem as `path:line field: message`; return the exit status."""
    try:
        loaded = load_catalog(catalog, catalog.as_posix().rstrip("/") or ".")
    except CatalogError as error:
        for problem in error.problems:
            print(problem)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
        return 1
    counts = (len(loaded.models), len(loaded.techniques), len(loaded.organizations))
    print("catalog is valid: {} models, {} techniques, {} organizations".format(*counts))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atlas", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    checker = commands.add_parser("check", help="check every catalog file")
    checker.add_argument("catalog", nargs="?", default="catalog", type=Path)
    args = parser.parse_args(argv)
    return check(args.catalog)


if __name__ == "__main__":
    sys.exit(main())
