"""geo.geocoding.dates: dates and times as reports write them, resolved against publication."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.geocoding.dates import find_dates, find_times, to_utc

_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_PUBLISHED = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@given(_PUBLISHED, st.integers(0, 6), st.sampled_from(["on {}", "early {}", "late {}", "{} morning"]))
def test_weekday_is_the_latest_on_or_before_publication(published: date, wd: int, frame: str) -> None:
    (d,) = find_dates(f"North Korea fired a missile {frame.format(_DAYS[wd])}.", published=published)
    got = date.fromisoformat(d.value or "")
    assert got.weekday() == wd
    assert timedelta(0) <= published - got < timedelta(days=7)
    assert d.how  # said how it was resolved


@given(_PUBLISHED)
def test_yesterday_and_today(published: date) -> None:
    found = find_dates("yesterday ... 오늘 ... 昨日", published=published)
    assert [d.value for d in found] == [
        (published - timedelta(days=1)).isoformat(),
        published.isoformat(),
        (published - timedelta(days=1)).isoformat(),
    ]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_explicit_dates_in_three_languages(d: date) -> None:
    month = d.strftime("%B")
    texts = [f"{month} {d.day}, {d.year}", f"{d.day} {month} {d.year}", f"{d.year}年{d.month}月{d.day}日",
             f"{d.year}년 {d.month}월 {d.day}일", d.isoformat()]  # fmt: skip
    for text in texts:
        assert [x.value for x in find_dates(text)] == [d.isoformat()], text


def test_year_less_dates_resolve_before_publication() -> None:
    pub = date(2022, 1, 5)
    assert [d.value for d in find_dates("on Dec. 30", published=pub)] == ["2021-12-30"]
    assert [d.value for d in find_dates("14日午後", published=pub)] == ["2021-12-14"]
    assert [d.value for d in find_dates("on the 3rd", published=pub)] == ["2022-01-03"]
    assert find_dates("27일 만이다", published=pub) == []  # "27 days since", not a date


def test_since_keeps_the_day_not_the_month() -> None:
    (d,) = find_dates("the first launch since Sept. 18", published=date(2024, 10, 31))
    assert (d.value, d.precision) == ("2024-09-18", "day")


def test_a_gmt_weekday_in_brackets_is_not_the_event_date() -> None:
    found = find_dates("around 4 a.m. Saturday local time (1900 Friday GMT)", published=date(2023, 7, 22))
    assert [d.value for d in found] == ["2023-07-22"]


@pytest.mark.parametrize(
    ("text", "hm", "zone", "offset"),
    [("at 6:53 a.m.", (6, 53), None, None), ("at 0734 KST", (7, 34), "kst", 9.0),
     ("(2200 GMT Thursday)", (22, 0), "gmt", 0.0), ("15:12 Moscow time", (15, 12), "moscow time", 3.0),
     ("午後6時27分ごろ", (18, 27), None, None), ("오전 5시 27분께", (5, 27), None, None),
     ("at 10:48 p.m. EDT", (22, 48), "edt", -4.0)],
)  # fmt: skip
def test_times_and_zones(text: str, hm: tuple[int, int], zone: str | None, offset: float | None) -> None:
    (t,) = find_times(text)
    assert ((t.hour, t.minute), t.zone, t.offset_h) == (hm, zone, offset)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 23), st.integers(0, 59)
)
def test_kst_to_utc_is_nine_hours_earlier(d: date, h: int, m: int) -> None:
    utc = to_utc(d, h, m, 9.0)
    back = utc + timedelta(hours=9)
    assert (back.date(), back.hour, back.minute) == (d, h, m)
