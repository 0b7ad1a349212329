"""Shared fixtures. Tests mirror geo/ module by module (test_<module>.py); app tests in tests/app,
browser tests in tests/browser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis: the same examples on every run by default (a suite that fails once and passes on the
# rerun tells nobody anything), no deadline (the machine is shared: timing lives in benchmarks/), no
# example database written into the repo, and a failing example printed as a reproduction blob
# (@reproduce_failure). HYPOTHESIS_PROFILE=dev explores fresh random examples while developing.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("dev", database=None, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
