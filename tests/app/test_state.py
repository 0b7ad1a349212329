"""ui.state: URL parameters <-> view state (shareable links), validation of what a link may carry."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ui.state import (
    DEFAULT_LAYERS,
    DEFAULT_RANGES_KM,
    LAYER_LABELS,
    ViewState,
    clean_query,
    md_escape,
    parse_query_params,
    parse_ranges_km,
    to_query_params,
)

DMIN, DMAX = dt.date(1984, 4, 9), dt.date(2026, 4, 18)
IDS = {"2021-09-15-1", "2017-11-28-1"}
TYPES = {"SRBM", "ICBM", "SLV"}


def _parse(qp: dict[str, str]) -> ViewState:
    return parse_query_params(qp, event_ids=IDS, date_min=DMIN, date_max=DMAX, system_types=TYPES)


def test_empty_url_is_the_default_view() -> None:
    s = _parse({})
    assert s == ViewState(date_from=DMIN, date_to=DMAX)
    assert s.ranges_km == DEFAULT_RANGES_KM
    assert s.layers == DEFAULT_LAYERS
    assert s.warnings == ()
    assert to_query_params(s, date_min=DMIN, date_max=DMAX) == {}


@given(
    event=st.sampled_from([*sorted(IDS), None]),
    d0=st.dates(DMIN, DMAX),
    d1=st.dates(DMIN, DMAX),
    types=st.lists(st.sampled_from(sorted(TYPES)), unique=True),
    ranges=st.lists(st.integers(1, 20000).map(float), min_size=1, max_size=6, unique=True),
    layers=st.lists(st.sampled_from(list(LAYER_LABELS)), unique=True),
    present=st.booleans(),
    query=st.text(max_size=120).map(clean_query),
)
def test_a_link_reopens_the_same_view(event, d0, d1, types, ranges, layers, present, query) -> None:  # type: ignore[no-untyped-def]
    d0, d1 = min(d0, d1), max(d0, d1)
    state = ViewState(event, d0, d1, tuple(types), tuple(ranges), tuple(layers), present, query)
    again = _parse(to_query_params(state, date_min=DMIN, date_max=DMAX))
    assert again == state
    assert again.warnings == ()


@given(
    st.dictionaries(
        st.sampled_from(["event", "from", "to", "types", "ranges", "layers", "present", "q"]), st.text()
    )
)
def test_any_url_gives_a_valid_state(qp: dict[str, str]) -> None:
    s = _parse(qp)
    assert s.event_id is None or s.event_id in IDS
    assert s.date_from is not None
    assert s.date_to is not None
    assert DMIN <= s.date_from <= s.date_to <= DMAX
    assert set(s.system_types) <= TYPES
    assert set(s.layers) <= set(LAYER_LABELS)
    assert all(0 < r <= 20000 for r in s.ranges_km)
    assert len(s.ranges_km) <= 6
    assert s.query == clean_query(s.query)
    for w in s.warnings:
        assert "<" not in w.replace("\\<", "")  # user text reaches markdown escaped


def test_ranges_report_each_bad_value() -> None:
    radii, problems = parse_ranges_km("800, abc, -5, 800, 30000, 1500")
    assert radii == (800.0, 1500.0)
    assert len(problems) == 3


def test_md_escape_neutralises_markup_and_links() -> None:
    out = md_escape("[click](javascript:alert(1)) **x** <b>")
    assert "[click](" not in out
    assert "**" not in out
    assert "<b>" not in out


def test_md_escape_shows_control_and_bidi_characters_instead_of_obeying_them() -> None:
    """Issue 8: a file name or value with U+202E, BEL or ESC was shown as is (right-to-left override)."""
    out = md_escape("report\u202egnp.exe\x07\x1b", limit=100)
    assert "\u202e" not in out
    assert "\x07" not in out
    assert "\x1b" not in out
    assert out.replace("\\", "") == "reportu202egnp.exeu0007u001b"  # markdown shows \u202e etc.
    assert md_escape("two\nlines", limit=100) == "two lines"


def test_search_text_from_a_link_is_cleaned_and_bounded() -> None:
    s = _parse({"q": "  rail\n\x1b[31m  2021 " + "x" * 500})
    assert s.query.startswith("rail [31m 2021 x")
    assert len(s.query) == 100
    assert "\n" not in s.query
    assert "\x1b" not in s.query
    assert to_query_params(s, date_min=DMIN, date_max=DMAX)["q"] == s.query


def test_a_link_to_a_visitors_own_launch_says_why_it_is_not_there() -> None:
    """A generated id (a launch added in another tab: Import, report, form) is explained, not just unknown."""
    state = _parse({"event": "2031-01-02-uc53b7b"})
    assert state.event_id is None
    assert "added in another browser tab is not shared" in state.warnings[0]
    assert "added in another" not in _parse({"event": "1999-99-99-9"}).warnings[0]
