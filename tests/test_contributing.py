"""What a contributor sees on the built site: edit and view links to the YAML files, the JSON
Schemas, and the dates and recent changes taken from the catalog's git history."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model_atlas.editlinks import EditLinks, without_dot_segments
from model_atlas.history import History, parse_log, read_history, recent_changes_page
from model_atlas.json_schema import schema_files

from .conftest import ROOT, SAMPLE

REPOSITORY = "https://github.com/example/atlas"
EDIT_URI = f"{REPOSITORY}/edit/main/docs/"
BUTTON = re.compile(r'<a href="([^"]*)" title="([^"]*)" class="md-content__button md-icon"')
# Git without the user's configuration (signing, hooks, default branch), with fixed identities.
GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}
NEW_MODEL = """name: Meditron Toy
type: model
organization: example-lab
released: "2024-01"
architecture: decoder-only
modalities: {input: [text], output: [text]}
summary: A toy whose id contains the word edit.
sources:
  - url: https://example.org/meditron-toy
    title: Card
"""


def git(repo: Path, *args: str, date: str = "2023-01-02T12:00:00+00:00") -> None:
    env = {**GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)


def site_copy(target: Path) -> Path:
    """The sample site with edit links configured the way the project's `mkdocs.yml` does."""
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("site"))
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("strict: true\n", f"strict: true\nedit_uri: {EDIT_URI}\n", 1)
    overrides = (ROOT / "overrides").as_posix()
    text = text.replace("  name: material\n", f"  name: material\n  custom_dir: {overrides}\n", 1)
    text = text.replace("  font: false\n", "  font: false\n  features:\n", 1)
    text = text.replace(
        "  features:\n", "  features:\n    - content.action.edit\n    - content.action.view\n", 1
    )
    config.write_text(text + "  - Recent changes: recent-changes.md\n", encoding="utf-8")
    return target


def build(site: Path, **env: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site,
        env={**GIT_ENV, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the sample site, with commits on fixed dates, then built."""
    site = site_copy(tmp_path_factory.mktemp("repo") / "site")
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "Add the sample catalog")
    toy2 = site / "catalog" / "models" / "toy-2.yaml"
    toy2.write_text(toy2.read_text().replace("The second toy model.", "The second toy."))
    git(
        site,
        "commit",
        "-q",
        "-am",
        "Fix <b>Toy-2</b> | see [x](javascript:x) *now*",
        date="2023-05-06T23:30:00+00:00",
    )
    toy3 = site / "catalog" / "models" / "toy-3.yaml"
    toy3.write_text(NEW_MODEL.replace("Meditron Toy", "Toy-3"))
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "Add Toy-3", date="2023-07-08T12:00:00+00:00")
    toy3.unlink()
    git(site, "commit", "-q", "-am", "Remove Toy-3", date="2023-09-10T12:00:00+00:00")
    # Not committed: no date for it, and no row.
    (site / "catalog" / "models" / "meditron-toy.yaml").write_text(NEW_MODEL)
    build(site)
    return site / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def buttons(html: str) -> dict[str, str]:
    return {title: href for href, title in BUTTON.findall(html)}


@pytest.mark.parametrize(
    ("page_path", "yaml_path"),
    [
        ("models/toy-1", "catalog/models/toy-1.yaml"),
        ("models/meditron-toy", "catalog/models/meditron-toy.yaml"),
        ("techniques/toy-attention", "catalog/techniques/toy-attention.yaml"),
        ("organizations/example-lab", "catalog/organizations/example-lab.yaml"),
        ("", "docs/index.md"),
    ],
)
def test_edit_and_view_open_the_source_file(
    repo_site: Path, page_path: str, yaml_path: str
) -> None:
    found = buttons(page(repo_site, page_path))
    assert found == {
        "Edit this page": f"{REPOSITORY}/edit/main/{yaml_path}",
        "View source of this page": f"{REPOSITORY}/blob/main/{yaml_path}",
    }


@pytest.mark.parametrize(
    "page_path",
    [
        "models",
        "techniques",
        "organizations",
        "categories/attention",
        "categories/normalization",
        "recent-changes",
    ],
)
def test_generated_index_pages_have_no_buttons(repo_site: Path, page_path: str) -> None:
    assert buttons(page(repo_site, page_path)) == {}


def test_no_repository_widget_or_api_call(repo_site: Path) -> None:
    for path in repo_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert 'data-md-component="source"' not in html, path
        assert "api.github.com" not in html, path


def test_schemas_are_served(repo_site: Path) -> None:
    served = {
        path.name: path.read_text(encoding="utf-8") for path in (repo_site / "schema").iterdir()
    }
    assert served == schema_files()


def test_entry_pages_show_their_last_change(repo_site: Path) -> None:
    assert "Last changed on 2 January 2023." in page(repo_site, "models/toy-1")
    assert "Last changed on 6 May 2023." in page(repo_site, "models/toy-2")
    assert "Last changed on 2 January 2023." in page(repo_site, "organizations/other-lab")
    assert "Last changed" not in page(repo_site, "models/meditron-toy")
    assert "Last changed" not in page(repo_site, "models")


def test_recent_changes_lists_commits_newest_first(repo_site: Path) -> None:
    html = page(repo_site, "recent-changes")
    rows = re.findall(r"<tr>\s*(.*?)\s*</tr>", html, re.DOTALL)[1:]
    cells = [re.findall(r"<td>(.*?)</td>", row, re.DOTALL) for row in rows]
    assert [row[0] for row in cells] == [
        "10 September 2023",
        "8 July 2023",
        "6 May 2023",
        "2 January 2023",
    ]
    assert cells[0][1:] == ["toy-3 (removed)", "Remove Toy-3"]
    assert cells[1][1] == "toy-3 (removed)"
    assert cells[2][1] == '<a href="../models/toy-2/">Toy-2 "Q&amp;A" 1&lt;2</a>'
    assert cells[2][2] == ("Fix &lt;b&gt;Toy-2&lt;/b&gt; | see [x](javascript:x) *now*")
    assert "and 1 more" in cells[3][1]
    assert "<b>" not in html and 'href="javascript' not in html


def _not_in_git(tmp_path: Path) -> dict[str, str]:
    # Git must not find a repository above the temporary folder.
    return {"GIT_CEILING_DIRECTORIES": str(tmp_path)}


def test_outside_git_there_are_no_dates(tmp_path: Path) -> None:
    site = site_copy(tmp_path / "site")
    build(site, **_not_in_git(tmp_path))
    built = site / "site"
    for path in built.rglob("*.html"):
        assert "Last changed" not in path.read_text(encoding="utf-8"), path
    assert "The history of the catalog is not available" in page(built, "recent-changes")


def test_read_history_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "catalog").mkdir()
    assert read_history(tmp_path / "catalog") is None


def test_shallow_clone_keeps_only_known_dates(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    (origin / "catalog" / "models").mkdir(parents=True)
    (origin / "catalog" / "models" / "a.yaml").write_text("name: A\n")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "Add A", date="2020-01-01T00:00:00+00:00")
    (origin / "catalog" / "models" / "b.yaml").write_text("name: B\n")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "Add B", date="2021-01-01T00:00:00+00:00")
    (origin / "catalog" / "models" / "c.yaml").write_text("name: C\n")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "Add C", date="2022-01-01T00:00:00+00:00")
    git(tmp_path, "clone", "-q", "--depth", "2", origin.as_uri(), "shallow")

    full = read_history(origin / "catalog")
    assert full is not None and full.complete
    assert full.last_changed() == {
        "models/a.yaml": "2020-01-01",
        "models/b.yaml": "2021-01-01",
        "models/c.yaml": "2022-01-01",
    }
    shallow = read_history(tmp_path / "shallow" / "catalog")
    assert shallow is not None and not shallow.complete
    # The oldest commit of the clone would claim every file: only the newer one counts.
    assert shallow.last_changed() == {"models/c.yaml": "2022-01-01"}


def test_parse_log_reads_subjects_and_paths() -> None:
    output = (
        "\x1e2024-03-04\x1fHEAD -> main\x1fSecond: a | b\0\nmodels/a.yaml\0models/b.yaml\0"
        "\x1e2024-03-01\x1f\x1fMerge branch 'x'\0"
        "\x1e2024-01-02\x1f\x1fFirst\0\nmodels/a.yaml\0"
    )
    history = parse_log(output)
    assert [(c.date, c.subject, c.paths) for c in history.changes] == [
        ("2024-03-04", "Second: a | b", ("models/a.yaml", "models/b.yaml")),
        ("2024-01-02", "First", ("models/a.yaml",)),
    ]
    assert history.last_changed() == {"models/a.yaml": "2024-03-04", "models/b.yaml": "2024-03-04"}


def test_empty_history_says_so() -> None:
    from model_atlas.catalog import load_catalog

    text = recent_changes_page(load_catalog(SAMPLE / "catalog"), History())
    assert "No change to the catalog has been committed yet." in text


_SEGMENT = st.sampled_from(["docs", "..", ".", "", "...", "models", "a.yaml", "?q=/..", "#top"])


@given(
    host=st.sampled_from(["https://example.org", "https://example.org/", "http://h:8080"]),
    segments=st.lists(_SEGMENT, max_size=7),
)
def test_edit_links_resolve_as_a_whole_url_would(host: str, segments: list[str]) -> None:
    """Resolving each folder once gives exactly the link that resolving each URL gives."""
    links = EditLinks()
    url = f"{host}/{'/'.join(segments)}"
    assert links.resolve(url) == without_dot_segments(url)
    # A second page of the same folder reuses the folder's resolution.
    sibling = url.rpartition("/")[0] + "/b.yaml"
    assert links.resolve(sibling) == without_dot_segments(sibling)


def test_edit_links_lose_their_dot_segments() -> None:
    links = EditLinks()
    url = f"{REPOSITORY}/edit/main/docs/../catalog/models/toy-1.yaml"
    assert links.resolve(url) == f"{REPOSITORY}/edit/main/catalog/models/toy-1.yaml"
