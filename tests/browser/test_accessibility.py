"""axe-core on the main kinds of page, in both palettes, with a screenshot of each for a person.

The screenshots go to test-artifacts/screenshots/ (ignored by git), named `<page>-<palette>.png`.
"""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import AXE, SCREENSHOTS, Reader

PAGES = {
    "home": "",
    "model": "models/mistral-7b/",
    "technique": "techniques/grouped-query-attention/",
    "models-index": "models/",
    "tags-index": "tags/",
}
BLOCKING = ("serious", "critical")
RUN_AXE = """async () => {
    const result = await axe.run(document, {resultTypes: ["violations"]})
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ")),
    }))
}"""


def describe(violation: dict[str, Any]) -> str:
    nodes = violation["nodes"]
    shown = ", ".join(nodes[:3]) + (f" and {len(nodes) - 3} more" if len(nodes) > 3 else "")
    return f"{violation['impact']} {violation['id']} ({violation['help']}): {shown}"


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_violation(reader: Reader, name: str, palette: str) -> None:
    reader.open(PAGES[name])
    reader.set_palette(palette)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    reader.page.screenshot(path=SCREENSHOTS / f"{name}-{palette}.png", full_page=True)

    reader.page.add_script_tag(path=AXE)
    violations: list[dict[str, Any]] = reader.page.evaluate(RUN_AXE)
    blocking = [describe(v) for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], "\n".join(blocking)
    reader.assert_clean()
