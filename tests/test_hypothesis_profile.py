"""The suite's Hypothesis settings (tests/conftest.py): the same examples on every run unless
HYPOTHESIS_PROFILE=dev asks for fresh ones, no deadline, and failures printed with a reproduction blob."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

SEEN: list[list[int]] = []


@settings(max_examples=20)
@given(st.lists(st.integers(), max_size=5))
def _draw(xs: list[int]) -> None:
    SEEN.append(xs)


def test_profile_is_deterministic_without_deadline_and_prints_a_blob() -> None:
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci":
        return  # a developer asked for random exploration
    current = settings()
    assert current.derandomize is True
    assert current.deadline is None
    assert current.print_blob is True
    assert current.database is None
    SEEN.clear()
    _draw()
    first = list(SEEN)
    SEEN.clear()
    _draw()
    assert first == SEEN  # two runs, the same examples
    assert len(first) >= 10
