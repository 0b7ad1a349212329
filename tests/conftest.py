"""Shared fixtures. Tests mirror geo/ module by module (test_<module>.py); app tests in tests/app,
browser tests in tests/browser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis: deterministic in CI, no example database written into the repo.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, max_examples=100)
settings.register_profile("dev", database=None, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def root() -> Path:
    """The project root (the folder holding app.py)."""
    return ROOT


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests save screenshots and reports (ignored by git; CI keeps it)."""
    d = ROOT / "artifacts"
    d.mkdir(exist_ok=True)
    return d
