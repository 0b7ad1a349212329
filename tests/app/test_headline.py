"""The selected launch's one-line facts in the Map page header (ui.mappage.details.headline_facts)."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from ui.mappage.details import headline_facts


def _shown(rec: dict[str, object]) -> str:
    """The header line as read (markdown escapes removed)."""
    return re.sub(r"\\(.)", r"\1", headline_facts(pd.Series(rec)))


FLIGHT = {"apogee_km": 60.0, "distance_km": 800.0, "bearing_deg": 67.5, "landing_area": "japan-eez"}


def test_known_facts_in_reading_order() -> None:
    line = _shown({**FLIGHT, "outcome": "success"})
    assert line == "apogee 60 km · flew 800 km · bearing 68° · landed: japan-eez · success"


@pytest.mark.parametrize("outcome", ["unknown", "Unknown", None, math.nan, pd.NA, ""])
def test_unknown_outcome_is_left_out(outcome: object) -> None:
    """Regression: the header ended with "· unknown" when the outcome was not known."""
    line = _shown({**FLIGHT, "outcome": outcome})
    assert line == "apogee 60 km · flew 800 km · bearing 68° · landed: japan-eez"
    assert "unknown" not in line.lower()


def test_unknown_landing_label_falls_back_to_the_landing_area() -> None:
    assert _shown({"landing_label": math.nan, "landing_area": "sea-of-japan"}) == "landed: sea-of-japan"


def test_nothing_known_says_so() -> None:
    rec = pd.Series({"apogee_km": math.nan, "bearing_deg": 90.0, "bearing_is_placeholder": True,
                     "landing_area": "unknown", "outcome": "unknown"})  # fmt: skip
    assert headline_facts(rec) == "no flight data reported"
