"""Shared helpers for the tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
SAMPLE = TESTS / "sample"


@pytest.fixture
def sample_site(tmp_path: Path) -> Path:
    """A private copy of the sample site, safe to build and modify."""
    target = tmp_path / "sample"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("site"))
    return target
