"""The GitHub workflows run what the contributing guide promises, and the site they deploy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def _load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true.
    data["on"] = data.pop(True)
    return dict(data)


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in _steps(job) if "run" in step]


def _uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in _steps(job) if "uses" in step]


def _checkout_depth(job: dict[str, Any]) -> int | None:
    for step in _steps(job):
        if step.get("uses", "").startswith("actions/checkout@"):
            return step.get("with", {}).get("fetch-depth")
    return None


def test_pull_requests_get_lint_strict_build_and_tests() -> None:
    workflow = _load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    runs = [run for job in workflow["jobs"].values() for run in _runs(job)]
    for command in (
        "atlas check --format github",
        "atlas schema --check",
        "ruff check plugins tests",
        "ruff format --check plugins tests",
        "mkdocs build --strict",
        ".ci/run",
    ):
        assert command in runs, command
    assert workflow["permissions"] == {"contents": "read"}


def test_main_is_built_and_deployed_to_pages() -> None:
    workflow = _load("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "mkdocs build --strict" in _runs(build)
    upload = next(s for s in _steps(build) if "upload-pages-artifact" in s.get("uses", ""))
    site_dir = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("site_dir")
    assert upload["with"]["path"] == (site_dir or "site")
    assert deploy["needs"] == "build"
    assert _uses(deploy) == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_builds_see_the_whole_history() -> None:
    """Entry pages show when their file last changed: a shallow clone would not know."""
    for name in ("pull-request.yml", "deploy.yml"):
        for job in _load(name)["jobs"].values():
            if "mkdocs build --strict" in _runs(job):
                assert _checkout_depth(job) == 0, name


def test_pull_request_template_asks_for_sources() -> None:
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "## Sources" in template
    assert "sources" in template.split("## Checklist")[1]


def test_contributing_guide_is_reachable() -> None:
    short = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "(docs/contributing.md)" in short
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    contribute = next(item["Contribute"] for item in config["nav"] if "Contribute" in item)
    assert {"How to contribute": "contributing.md"} in contribute
    assert {"Recent changes": "recent-changes.md"} in contribute
    assert Path(ROOT / "docs" / "contributing.md").is_file()


def test_deploy_builds_with_the_published_address() -> None:
    build = _load("deploy.yml")["jobs"]["build"]
    step = next(s for s in _steps(build) if s.get("run") == "mkdocs build --strict")
    assert step["env"]["ATLAS_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert "actions/configure-pages" in _uses(build)
    # Unset, as in local builds and tests, the site has no fixed address.
    assert yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"] is None
