"""geo.geocoding.quantities: numbers and lengths as reports write them (property tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.geocoding.quantities import KM_PER_UNIT, find_lengths, parse_number, to_km

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()  # noqa: E501, SIM905
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905


def _words(n: int) -> str:
    """English words of 1 <= n < 1,000,000 (the test's own writer, independent of the parser)."""
    parts = []
    if n >= 1000:
        parts.append(_words(n // 1000) + " thousand")
        n %= 1000
    if n >= 100:
        parts.append(_ONES[n // 100] + " hundred")
        n %= 100
    if n >= 20:
        parts.append(_TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else ""))
    elif n:
        parts.append(_ONES[n])
    return " ".join(parts)


@given(st.integers(1, 999_999))
def test_digits_with_thousands_separators(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(1, 999_999))
def test_number_words_read_as_written(n: int) -> None:
    assert parse_number(_words(n)) == n


@given(st.integers(0, 9999), st.integers(0, 9))
def test_point_decimals(whole: int, tenth: int) -> None:
    assert parse_number(f"{whole}-point-{_ONES[tenth]}") == pytest.approx(whole + tenth / 10)
    assert parse_number(f"{whole} point {tenth}") == pytest.approx(whole + tenth / 10)


@settings(max_examples=60)
@given(
    st.integers(1, 20_000),
    st.sampled_from(
        [("km", 1.0), ("kilometers", 1.0), ("kilometres", 1.0), ("㎞", 1.0), ("キロ", 1.0), ("킬로미터", 1.0),
         ("miles", 1.609344), ("nautical miles", 1.852), ("nm", 1.852), ("海里", 1.852)]
    ),
    st.sampled_from(["", "about ", "約", "약 ", "some "]),
)  # fmt: skip
def test_length_in_any_unit_is_converted_to_km(n: int, unit: tuple[str, float], about: str) -> None:
    text = f"the missile flew {about}{n:,} {unit[0]} before"
    found = find_lengths(text)
    assert len(found) == 1
    q = found[0]
    assert q.value_km == pytest.approx(n * unit[1], rel=1e-9)
    assert q.approximate is bool(about)
    assert text[q.start : q.end].strip().endswith(unit[0])


@given(st.integers(1, 5000), st.integers(1, 5000))
def test_range_gives_its_middle_and_bounds(a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b) + 1
    (q,) = find_lengths(f"{lo}-{hi} km")
    assert (q.low_km, q.high_km, q.value_km) == (lo, hi, (lo + hi) / 2)


@pytest.mark.parametrize(
    ("text", "km"),
    [("700여km", 700), ("400キロ程度", 400), ("6천1백 km", 6100), ("1천90km", 1090), ("1万2千キロ", 12000),
     ("a 5,500-kilometer range", 5500), ("1.5 million km", 1_500_000), ("611-point-four kilometers", 611.4)],
)  # fmt: skip
def test_forms_seen_in_reports(text: str, km: float) -> None:
    assert [q.value_km for q in find_lengths(text)] == [pytest.approx(km)]


@pytest.mark.parametrize("text", ["two missiles", "5 m tall", "3 million people", "Hwasong-17", "often"])
def test_non_lengths_are_not_lengths(text: str) -> None:
    assert find_lengths(text) == []


def test_units_table() -> None:
    assert to_km(100, "nautical miles") == pytest.approx(185.2)
    assert KM_PER_UNIT["mi"] == 1.609344
