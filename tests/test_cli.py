"""The installed `atlas` command: check as the build does, new entries, schemas."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from model_atlas.catalog import load_catalog
from model_atlas.json_schema import declaration, schema_files
from model_atlas.scaffold import derive_id
from model_atlas.schema import FIELDS

ATLAS = Path(sys.executable).with_name("atlas")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def atlas(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ATLAS), *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=120
    )


def _break(site: Path) -> None:
    """Problems in three files, some only visible across files."""
    toy2 = site / "catalog" / "models" / "toy-2.yaml"
    toy2.write_text(toy2.read_text().replace('released: "2022-01"', "released: 2022-01-01"))
    (site / "catalog" / "techniques" / "toy-norm.yaml").write_text("name: [Toy]\n")
    toy1 = site / "catalog" / "models" / "toy-1.yaml"
    toy1.write_text(toy1.read_text().replace("organization: example-lab", "organization: exmple"))


def test_command_is_installed() -> None:
    assert ATLAS.is_file()
    result = subprocess.run([str(ATLAS), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("check", "new", "schema", "declare-schema"):
        assert command in result.stdout


def test_check_prints_what_the_build_prints(sample_site: Path) -> None:
    _break(sample_site)
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=sample_site,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 1
    log = build.stderr.splitlines()
    start = next(i for i, line in enumerate(log) if "the catalog has" in line)
    header = log[start].split("the catalog has", 1)[1]
    built = []
    for line in log[start + 1 :]:
        if not line.startswith("catalog/"):
            break
        built.append(line)
    assert len(built) >= 3
    assert header == f" {len(built)} problems:"

    checked = atlas(sample_site, "check")
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == built
    assert checked.stderr.strip() == f"the catalog has{header}".rstrip(":")
    assert "catalog/models/toy-1.yaml:4 organization: unknown id 'exmple'" in checked.stdout


def test_check_passes_a_valid_catalog(sample_site: Path) -> None:
    result = atlas(sample_site, "check")
    assert result.returncode == 0
    assert result.stdout == "catalog is valid: 3 models, 2 techniques, 2 organizations\n"


def test_check_annotates_pull_requests(sample_site: Path) -> None:
    _break(sample_site)
    result = atlas(sample_site, "check", "--format", "github")
    assert result.returncode == 1
    assert (
        "::error file=catalog/models/toy-2.yaml,line=4::released: YAML reads '2022-01-01' as a "
        'date; quote it: "2022-01-01"'
    ) in result.stdout.splitlines()
    assert all(line.startswith("::error file=catalog/") for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("Llama 4 Scout", "llama-4-scout"),
        ("Grouped-Query Attention", "grouped-query-attention"),
        ("Llama 3.1", "llama-3-1"),
        ("Mixtral 8x7B", "mixtral-8x7b"),
        ("GPT\u20114o", "gpt-4o"),
        ("  Señor  Ça--va!  ", "senor-ca-va"),
        ("Straße Øre Æon Łódź", "strasse-ore-aeon-lodz"),
        ("ｆｕｌｌ ｗｉｄｔｈ", "full-width"),
        ("通义千问", ""),
    ],
)
def test_id_from_name(name: str, ident: str) -> None:
    assert derive_id(name) == ident


def _fill(text: str) -> str:
    values = {
        "type": "model",
        "organization": "example-lab",
        "released": '"2025-04-05"',
        "architecture": "other",
        "modalities": "{input: [text], output: [text]}",
        "summary": "A model made for this test.",
        "category": "attention",
        "year": "2023",
        "  - url": "https://example.org/card",
        "    title": "Model card",
    }
    for key, value in values.items():
        text = re.sub(rf"^{re.escape(key)}:[^\n]*$", f"{key}: {value}", text, flags=re.MULTILINE)
    return text


@pytest.mark.parametrize(
    ("kind", "name", "path", "placeholders"),
    [
        (
            "model",
            "Llama 4 Scout",
            "catalog/models/llama-4-scout.yaml",
            ["type", "organization", "released", "architecture", "modalities", "summary"],
        ),
        (
            "technique",
            "Grouped-Query Attention 2",
            "catalog/techniques/grouped-query-attention-2.yaml",
            ["category", "year", "summary"],
        ),
    ],
)
def test_new_entry_fails_until_filled_in(
    sample_site: Path, kind: str, name: str, path: str, placeholders: list[str]
) -> None:
    result = atlas(sample_site, "new", kind, name)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == path
    created = sample_site / path
    text = created.read_text(encoding="utf-8")
    assert text.splitlines()[0] == declaration(kind)
    for spec in FIELDS[kind]:
        assert re.search(rf"^(# )?{spec.name}:", text, re.MULTILINE), spec.name

    checked = atlas(sample_site, "check")
    assert checked.returncode == 1
    fields = [line.split(" ", 1)[1].split(":")[0] for line in checked.stdout.splitlines()]
    assert fields == [*placeholders, "sources[0].url", "sources[0].title"]
    assert all(line.startswith(f"{path}:") for line in checked.stdout.splitlines())

    created.write_text(_fill(text), encoding="utf-8")
    checked = atlas(sample_site, "check")
    assert checked.returncode == 0, checked.stdout
    catalog = load_catalog(sample_site / "catalog")
    entry = catalog.of_kind(kind)[created.stem]
    assert entry.name == name


def test_new_keeps_any_name_exactly(sample_site: Path) -> None:
    name = 'Model: "Q&A" #1 yes'
    result = atlas(sample_site, "new", "organization", name)
    assert result.returncode == 0, result.stderr
    created = sample_site / "catalog" / "organizations" / "model-q-a-1-yes.yaml"
    assert yaml.safe_load(created.read_text(encoding="utf-8"))["name"] == name
    assert atlas(sample_site, "check").returncode == 0


def test_new_refuses_to_overwrite(sample_site: Path) -> None:
    existing = sample_site / "catalog" / "models" / "toy-1.yaml"
    before = existing.read_bytes()
    result = atlas(sample_site, "new", "model", "Toy 1")
    assert result.returncode == 1
    assert "toy-1.yaml already exists" in result.stderr
    assert existing.read_bytes() == before


def test_new_needs_an_id_it_can_use(sample_site: Path) -> None:
    result = atlas(sample_site, "new", "model", "通义千问")
    assert result.returncode == 1
    assert "give one with --id" in result.stderr
    assert atlas(sample_site, "new", "model", "Index").returncode == 1
    assert atlas(sample_site, "new", "model", "X", "--id", "Not_An_Id").returncode == 1
    result = atlas(sample_site, "new", "model", "通义千问", "--id", "tongyi-qianwen")
    assert result.returncode == 0
    assert (sample_site / "catalog" / "models" / "tongyi-qianwen.yaml").is_file()


def test_schema_command_writes_and_checks(tmp_path: Path) -> None:
    folder = tmp_path / "schema"
    assert atlas(tmp_path, "schema", "--check").returncode == 1
    assert atlas(tmp_path, "schema").returncode == 0
    written = {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}
    assert written == schema_files()
    assert atlas(tmp_path, "schema", "--check").returncode == 0
    (folder / "model.schema.json").write_text("{}\n")
    stale = atlas(tmp_path, "schema", "--check")
    assert stale.returncode == 1
    assert stale.stdout == "schema/model.schema.json is out of date\n"


def test_declare_schema_adds_the_first_line_once(sample_site: Path) -> None:
    catalog = sample_site / "catalog"
    crlf = catalog / "models" / "toy-2.yaml"
    crlf.write_bytes(crlf.read_bytes().replace(b"\n", b"\r\n"))
    bom = catalog / "techniques" / "toy-norm.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + bom.read_bytes())
    wrong = catalog / "organizations" / "other-lab.yaml"
    wrong.write_bytes(b"# yaml-language-server: $schema=../model.json\nname: Other Lab & Co\n")
    before = {path: path.read_bytes() for path in catalog.rglob("*.yaml")}

    result = atlas(sample_site, "declare-schema")
    assert result.returncode == 0
    assert result.stdout == "7 files changed\n"
    for path, old in before.items():
        kind = {"models": "model", "techniques": "technique"}.get(path.parent.name, "organization")
        new = path.read_bytes()
        first, _, rest = new.removeprefix(b"\xef\xbb\xbf").partition(b"\n")
        assert first.rstrip(b"\r").decode() == declaration(kind)
        kept = old.partition(b"\n")[2] if path == wrong else old.removeprefix(b"\xef\xbb\xbf")
        assert rest == kept
    assert crlf.read_bytes().split(b"\n")[0].endswith(b"\r")
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf# yaml-language-server:")
    assert wrong.read_bytes().count(b"yaml-language-server") == 1

    assert atlas(sample_site, "declare-schema").stdout == "0 files changed\n"
    assert atlas(sample_site, "check").returncode == 0
