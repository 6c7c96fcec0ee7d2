"""The code style the project holds itself to: ruff's lint and format, and mypy in strict mode."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "plugins", "tests", "bench"],
        ["ruff", "format", "--check", "plugins", "tests", "bench"],
        ["mypy"],
    ],
    ids=lambda command: " ".join(command[:2]),
)
def test_tool_passes(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
