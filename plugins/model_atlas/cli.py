"""The `atlas` command: check the catalog as the build does, start new entries, write schemas."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import KINDS, load_catalog
from .json_schema import schema_files
from .problems import CatalogError, Problem
from .scaffold import create, declare_schema
from .schema import FOLDERS


def check(catalog: Path, output_format: str = "text") -> int:
    """Print every problem as `path:line field: message`; return the exit status."""
    try:
        loaded = load_catalog(catalog, catalog.as_posix().rstrip("/") or ".")
    except CatalogError as error:
        for problem in error.problems:
            print(_github(problem) if output_format == "github" else problem)
        # The build's own first line, so that both say the same.
        print(str(error).partition(":\n")[0], file=sys.stderr)
        return 1
    counts = (len(loaded.models), len(loaded.techniques), len(loaded.organizations))
    print("catalog is valid: {} models, {} techniques, {} organizations".format(*counts))
    return 0


def _github(problem: Problem) -> str:
    """A workflow command that GitHub shows on the line of the pull request's diff."""
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    for raw, escaped in (("%", "%25"), ("\r", "%0D"), ("\n", "%0A")):
        message = message.replace(raw, escaped)
    path = problem.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    return f"::error file={path},line={max(problem.line, 1)}::{message}"


def new(catalog: Path, kind: str, name: str, ident: str | None) -> int:
    """Create `catalog/<kind>s/<id>.yaml` for `name`, ready to fill in."""
    try:
        path = create(catalog, kind, name, ident)
    except FileExistsError as error:
        print(f"atlas: {error.filename} already exists; edit it instead", file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"atlas: {error}", file=sys.stderr)
        return 1
    print(path.as_posix())
    print(
        "Fill in the empty fields, then run `atlas check` until it reports no problem.",
        file=sys.stderr,
    )
    return 0


def write_schemas(folder: Path, *, only_check: bool) -> int:
    """Write the JSON Schemas into `folder`, or with `only_check` report whether they differ."""
    stale = []
    for name, text in schema_files().items():
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path.as_posix())
        if not only_check:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    for shown in stale:
        print(f"{shown} {'is out of date' if only_check else 'written'}")
    if only_check and stale:
        print("atlas: run `atlas schema` to regenerate the schemas", file=sys.stderr)
        return 1
    return 0


def declare(catalog: Path) -> int:
    """Make the schema comment the first line of every catalog file; report what changed."""
    changed = 0
    for kind in KINDS:
        folder = catalog / FOLDERS[kind]
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            text = path.read_bytes()
            declared = declare_schema(text, kind)
            if declared != text:
                path.write_bytes(declared)
                changed += 1
    print(f"{changed} file{'s' if changed != 1 else ''} changed")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atlas", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    checker = commands.add_parser("check", help="check every catalog file, as the build does")
    checker.add_argument("catalog", nargs="?", default="catalog", type=Path)
    checker.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: annotations on the lines of a pull request (in GitHub Actions)",
    )

    maker = commands.add_parser("new", help="create a catalog file for a new entry")
    maker.add_argument("kind", choices=KINDS)
    maker.add_argument("name", help='the name readers know it by, e.g. "Llama 4 Scout"')
    maker.add_argument("--id", dest="ident", help="the id, when it cannot come from the name")
    maker.add_argument("--catalog", default="catalog", type=Path)

    schemas = commands.add_parser("schema", help="write the JSON Schemas of the catalog files")
    schemas.add_argument("folder", nargs="?", default="schema", type=Path)
    schemas.add_argument("--check", action="store_true", help="only report schemas out of date")

    declarer = commands.add_parser(
        "declare-schema", help="point every catalog file at its schema (first-line comment)"
    )
    declarer.add_argument("catalog", nargs="?", default="catalog", type=Path)

    args = parser.parse_args(argv)
    if args.command == "new":
        return new(args.catalog, args.kind, args.name, args.ident)
    if args.command == "schema":
        return write_schemas(args.folder, only_check=args.check)
    if args.command == "declare-schema":
        return declare(args.catalog)
    return check(args.catalog, args.format)


if __name__ == "__main__":
    sys.exit(main())
