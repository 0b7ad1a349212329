"""geo.launchtime: the date/time convention (date = local date at the launch site, time_utc = UTC) and
its enforcement by the validator (geo.records) on the shipped catalogue and on uploads."""

from __future__ import annotations

import csv
import doctest
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import geo.launchtime
from geo.launchtime import (
    LOCAL_UTC_OFFSETS,
    PYONGYANG_TIME,
    format_datetime_utc,
    local_date_of,
    local_time_text,
    offset_label,
    parse_datetime_utc,
    pyongyang_time_differs,
    reconcile_launch_time,
    utc_instant,
)
from geo.paths import DATA_DIR
from geo.records import load_catalogue, validate_records

LAUNCHES_CSV = DATA_DIR / "catalogue" / "launches.csv"


def _rows() -> list[dict[str, str]]:
    with LAUNCHES_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_doctests() -> None:
    assert doctest.testmod(geo.launchtime).failed == 0


# ---------------------------------------------------------------------------------------------------
# the convention


def test_a_morning_launch_is_on_the_previous_utc_day() -> None:
    # 2017-05-14 05:27 UTC+9 (Hwasong-12) is 2017-05-13 20:27 UTC.
    assert utc_instant("2017-05-14", "20:27", "KP") == datetime(2017, 5, 13, 20, 27, tzinfo=UTC)
    # 09:40 UTC+9 is 00:40 UTC of the same day.
    assert utc_instant("2017-07-04", "00:40", "KP") == datetime(2017, 7, 4, 0, 40, tzinfo=UTC)
    # The boundary: 15:00 UTC is midnight UTC+9, the next local day.
    assert utc_instant("2020-01-02", "15:00", "KP") == datetime(2020, 1, 1, 15, 0, tzinfo=UTC)
    assert utc_instant("2020-01-01", "14:59", "KP") == datetime(2020, 1, 1, 14, 59, tzinfo=UTC)


@given(
    st.datetimes(min_value=datetime(1980, 1, 1), max_value=datetime(2040, 1, 1)),
    st.sampled_from(sorted(LOCAL_UTC_OFFSETS)),
)
def test_local_date_and_utc_time_give_back_the_instant(naive: datetime, country: str) -> None:
    instant = naive.replace(second=0, microsecond=0, tzinfo=UTC)
    local = local_date_of(instant, country)
    assert local is not None
    assert utc_instant(local.isoformat(), instant.strftime("%H:%M"), country) == instant
    assert parse_datetime_utc(format_datetime_utc(instant)) == instant


def test_unknown_clock_and_partial_dates_give_no_instant() -> None:
    assert utc_instant("2017-05-14", "20:27", "US") is None
    assert utc_instant("2017-05", "20:27", "KP") is None
    assert utc_instant("2017-05-14", "25:00", "KP") is None
    assert local_time_text("2017-05-14", "", "KP") == ""


def test_labels() -> None:
    assert offset_label(timedelta(hours=9)) == "UTC+9"
    assert offset_label(timedelta(hours=8, minutes=30)) == "UTC+8:30"
    assert offset_label(timedelta(hours=-5)) == "UTC-5"
    assert local_time_text("2016-02-07", "00:30", "KP") == "09:30 UTC+9"


def test_reconcile_reports_a_date_that_is_not_the_local_date_of_the_instant() -> None:
    # The example: dated the 15th with the instant of 05:27 on the 14th (UTC+9).
    _, _, problems = reconcile_launch_time("2017-05-15", "20:27", "2017-05-13T20:27Z", "KP")
    assert problems == [("date", "2017-05-14 (the UTC+9 date of datetime_utc 2017-05-13T20:27Z)")]
    _, _, problems = reconcile_launch_time("2017-05-14", "20:28", "2017-05-13T20:27Z", "KP")
    assert problems == [("time_utc", "20:27 (the time of datetime_utc 2017-05-13T20:27Z)")]
    assert reconcile_launch_time("2017-05-14", None, "2017-05-13T20:27Z", "KP") == (
        "20:27",
        "2017-05-13T20:27Z",
        [],
    )
    assert reconcile_launch_time("2017-05-14", None, None, "KP") == (None, None, [])


def test_pyongyang_time_matters_only_between_1500_and_1530_utc_in_2015_2018() -> None:
    assert (date(2015, 8, 15), date(2018, 5, 4)) == PYONGYANG_TIME
    # 15:10 UTC: 00:10 on the next day in UTC+9, 23:40 the same day in UTC+8:30.
    assert pyongyang_time_differs(datetime(2016, 1, 1, 15, 10, tzinfo=UTC), "KP")
    assert not pyongyang_time_differs(datetime(2016, 1, 1, 15, 40, tzinfo=UTC), "KP")
    assert not pyongyang_time_differs(datetime(2019, 1, 1, 15, 10, tzinfo=UTC), "KP")
    assert not pyongyang_time_differs(datetime(2016, 1, 1, 15, 10, tzinfo=UTC), "JP")


# ---------------------------------------------------------------------------------------------------
# the shipped catalogue follows it


def test_every_catalogue_time_falls_on_the_rows_local_date() -> None:
    """Issue 13's "done when": no row's time_utc puts the launch on a local date other than its date.

    Independent arithmetic (not geo.launchtime): the stored UTC instant, moved to UTC+9, must give the
    row's ``date`` and its clock time must be ``time_utc``. Every row with a time stores its instant.
    """
    rows = _rows()
    timed = [r for r in rows if r["time_utc"]]
    assert len(timed) >= 270
    wrong = []
    for r in rows:
        if not r["time_utc"]:
            assert r["datetime_utc"] == "", r["id"]
            continue
        instant = datetime.strptime(r["datetime_utc"], "%Y-%m-%dT%H:%MZ")
        local = instant + timedelta(hours=9)
        if local.date().isoformat() != r["date"] or instant.strftime("%H:%M") != r["time_utc"]:
            wrong.append((r["id"], r["date"], r["time_utc"], r["datetime_utc"]))
    assert wrong == []


def test_no_catalogue_launch_falls_in_the_pyongyang_time_gap() -> None:
    """A launch whose date differs on Pyongyang's own UTC+8:30 clock needs an explicit decision."""
    hits = [
        r["id"]
        for r in _rows()
        if r["datetime_utc"]
        and pyongyang_time_differs(
            datetime.strptime(r["datetime_utc"], "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC), "KP"
        )
    ]
    assert hits == []


def _catalogue_text_with(rid: str, **changes: str) -> str:
    rows = _rows()
    for r in rows:
        if r["id"] == rid:
            r.update(changes)
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": "2017-05-15"}, "date"),  # the row, dated as if the date were UTC + 1 day
        ({"time_utc": "08:28"}, "time_utc"),  # a 12-hour-clock slip
        ({"datetime_utc": ""}, "datetime_utc"),  # the catalogue must store the instant
    ],
)
def test_load_catalogue_refuses_a_time_on_the_wrong_local_date(
    tmp_path: Path, changes: dict[str, str], field: str
) -> None:
    broken = tmp_path / "launches.csv"
    broken.write_text(_catalogue_text_with("2017-05-14-1", **changes), encoding="utf-8")
    with pytest.raises(ValueError, match=rf"id '2017-05-14-1'\): field '{field}'"):
        load_catalogue(broken)


def test_uploads_get_the_instant_derived_and_contradictions_reported() -> None:
    base = {"id": "u", "launch_place": "Sinpo", "country": "KP"}
    ok = validate_records([{**base, "date": "2017-05-14", "time_utc": "20:27"}])
    assert ok.records.loc[0, "datetime_utc"] == "2017-05-13T20:27Z"
    from_instant = validate_records([{**base, "date": "2017-05-14", "datetime_utc": "2017-05-13 20:27 UTC"}])
    assert from_instant.records.loc[0, "time_utc"] == "20:27"
    bad = validate_records(
        [{**base, "date": "2017-05-13", "time_utc": "20:27", "datetime_utc": "2017-05-13T20:27Z"}]
    )
    assert [(e.field, e.got) for e in bad.errors] == [("date", "2017-05-13")]
    assert "2017-05-14" in bad.errors[0].expected
