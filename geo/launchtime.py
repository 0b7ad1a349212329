"""Launch dates and times: one convention for every record.

The convention
--------------
``date``
    The **local date at the launch site**: the calendar date on the clock of the launch site's time
    zone (:data:`LOCAL_UTC_OFFSETS`; UTC+9 for North Korea, South Korea and Japan). This is the date
    the reports give (South Korea's Joint Chiefs of Staff and Japan's Ministry of Defense use UTC+9).
``time_utc``
    The launch time in **UTC** (``HH:MM``), empty when no time was reported.
``datetime_utc``
    The launch instant in UTC (``YYYY-MM-DDTHH:MMZ``), derived from ``date`` + ``time_utc``: the UTC
    date is the local date or the day before it (a launch before 09:00 local time is on the previous
    UTC day). Empty when the time is unknown or the date is only a month or a year.

North Korea's own clock was UTC+8:30 ("Pyongyang Time") from 2015-08-15 to 2018-05-04
(:data:`PYONGYANG_TIME`). The catalogue keeps UTC+9 for those years too, because its sources report in
UTC+9 and because one zone per country keeps dates comparable across years. The choice matters only for
a launch between 15:00 and 15:30 UTC in that period (after midnight in UTC+9, before midnight in
UTC+8:30): :func:`pyongyang_time_differs` finds such launches; the shipped catalogue has none (a test
keeps it so, so a new one forces an explicit decision).

Examples
--------
>>> utc_instant("2017-05-14", "20:27", "KP")   # 05:27 on 14 May in UTC+9 is 20:27 on 13 May in UTC
datetime.datetime(2017, 5, 13, 20, 27, tzinfo=datetime.timezone.utc)
>>> format_datetime_utc(utc_instant("2017-07-04", "00:40", "KP"))
'2017-07-04T00:40Z'
>>> local_time_text("2017-05-14", "20:27", "KP")
'05:27 UTC+9'
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

__all__ = [
    "LOCAL_UTC_OFFSETS",
    "PYONGYANG_TIME",
    "PYONGYANG_TIME_OFFSET",
    "format_datetime_utc",
    "local_date_of",
    "local_offset",
    "local_time_text",
    "offset_label",
    "parse_datetime_utc",
    "pyongyang_time_differs",
    "reconcile_launch_time",
    "utc_instant",
]

#: UTC offset of the local clock used for ``date``, by launching country (ISO 3166-1 alpha-2).
#: Countries not listed have no known zone: their ``date`` is taken as given and not checked.
LOCAL_UTC_OFFSETS: dict[str, timedelta] = {
    "KP": timedelta(hours=9),
    "KR": timedelta(hours=9),
    "JP": timedelta(hours=9),
}
#: First and last day (inclusive, local dates) on which North Korea's clock was UTC+8:30.
PYONGYANG_TIME: tuple[date, date] = (date(2015, 8, 15), date(2018, 5, 4))
#: North Korea's clock offset during :data:`PYONGYANG_TIME`.
PYONGYANG_TIME_OFFSET: timedelta = timedelta(hours=8, minutes=30)

_RE_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_RE_TIME = re.compile(r"^(\d{2}):(\d{2})$", re.ASCII)
_RE_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:Z|\+00:?00|\s*UTC)?$", re.I | re.ASCII
)


def local_offset(country: str | None) -> timedelta | None:
    """UTC offset of the local clock of ``country`` (ISO alpha-2), or None when not known."""
    return LOCAL_UTC_OFFSETS.get((country or "").strip().upper())


def offset_label(offset: timedelta) -> str:
    """``timedelta(hours=9)`` → ``'UTC+9'``; ``timedelta(hours=8, minutes=30)`` → ``'UTC+8:30'``."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def _day(text: str) -> date | None:
    m = _RE_DAY.match(text.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _hhmm(text: str) -> tuple[int, int] | None:
    m = _RE_TIME.match(text.strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return int(m.group(1)), int(m.group(2))


def utc_instant(local_date: str, time_utc: str, country: str | None) -> datetime | None:
    """The UTC instant of a launch given its local ``date`` and its ``time_utc``.

    Parameters
    ----------
    local_date : str
        ``YYYY-MM-DD``, the date on the launch site's clock.
    time_utc : str
        ``HH:MM`` in UTC.
    country : str
        Launching country (ISO alpha-2), which gives the local clock (:data:`LOCAL_UTC_OFFSETS`).

    Returns
    -------
    datetime or None
        Timezone-aware UTC datetime whose local date is ``local_date``; None when the date is not a
        full day, the time is not ``HH:MM`` or the country's clock is not known.
    """
    day, hm, offset = _day(local_date), _hhmm(time_utc), local_offset(country)
    if day is None or hm is None or offset is None:
        return None
    for shift in (0, -1, 1):  # exactly one UTC date puts the instant on the local date
        instant = datetime(day.year, day.month, day.day, hm[0], hm[1], tzinfo=UTC) + timedelta(days=shift)
        if (instant + offset).date() == day:
            return instant
    raise AssertionError("unreachable: a UTC time always falls on the local date from one UTC day")


def local_date_of(instant: datetime, country: str | None) -> date | None:
    """Local date (launch site's clock) of a UTC instant, or None when the country's clock is unknown."""
    offset = local_offset(country)
    return None if offset is None else (instant.astimezone(UTC) + offset).date()


def format_datetime_utc(instant: datetime) -> str:
    """``YYYY-MM-DDTHH:MMZ`` (minutes; the catalogue's precision)."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def parse_datetime_utc(text: str) -> datetime | None:
    """Parse ``YYYY-MM-DDTHH:MM[:SS][Z|+00:00| UTC]`` (a space may replace ``T``); None if not that."""
    m = _RE_DATETIME.match(text.strip())
    if not m:
        return None
    try:
        return datetime(
            int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)), int(m.group(5)), tzinfo=UTC
        )
    except ValueError:
        return None


def local_time_text(local_date: str, time_utc: str, country: str | None) -> str:
    """Launch time on the local clock, e.g. ``'05:27 UTC+9'``; ``''`` when it cannot be derived."""
    instant, offset = utc_instant(local_date, time_utc, country), local_offset(country)
    if instant is None or offset is None:
        return ""
    return f"{(instant + offset).strftime('%H:%M')} {offset_label(offset)}"


def pyongyang_time_differs(instant: datetime, country: str | None) -> bool:
    """True when North Korea's own clock (UTC+8:30 in 2015-2018) puts the launch on another date."""
    if (country or "").strip().upper() != "KP":
        return False
    pyongyang = (instant.astimezone(UTC) + PYONGYANG_TIME_OFFSET).date()
    if not PYONGYANG_TIME[0] <= pyongyang <= PYONGYANG_TIME[1]:
        return False
    return pyongyang != local_date_of(instant, country)


def reconcile_launch_time(
    local_date: str | None, time_utc: str | None, datetime_utc: str | None, country: str | None
) -> tuple[str | None, str | None, list[tuple[str, str]]]:
    """Check ``date``, ``time_utc`` and ``datetime_utc`` against the convention; derive what is missing.

    Parameters
    ----------
    local_date, time_utc, datetime_utc, country : str or None
        Parsed values of a record (``None`` when empty).

    Returns
    -------
    time_utc, datetime_utc : str or None
        ``time_utc`` (filled from ``datetime_utc`` when empty) and ``datetime_utc`` (normalised, or
        derived from the local date and the time when it was empty).
    problems : list of (field, expected)
        What is inconsistent, in plain words, e.g. ``("date", "2017-05-14 (the UTC+9 date of
        datetime_utc 2017-05-13T20:27Z)")``.

    Examples
    --------
    >>> reconcile_launch_time("2017-05-14", "20:27", None, "KP")
    ('20:27', '2017-05-13T20:27Z', [])
    >>> reconcile_launch_time("2017-05-15", "20:27", "2017-05-13T20:27Z", "KP")[2]
    [('date', '2017-05-14 (the UTC+9 date of datetime_utc 2017-05-13T20:27Z)')]
    """
    problems: list[tuple[str, str]] = []
    offset = local_offset(country)
    if datetime_utc:
        instant = parse_datetime_utc(datetime_utc)
        if instant is None:
            return time_utc, datetime_utc, [("datetime_utc", "a UTC date-time YYYY-MM-DDTHH:MMZ")]
        stamp = format_datetime_utc(instant)
        hhmm = instant.strftime("%H:%M")
        if time_utc is None:
            time_utc = hhmm
        elif time_utc != hhmm:
            problems.append(("time_utc", f"{hhmm} (the time of datetime_utc {stamp})"))
        if local_date and offset is not None:
            want = (instant + offset).date().isoformat()
            if local_date != want:
                problems.append(("date", f"{want} (the {offset_label(offset)} date of datetime_utc {stamp})"))
        return time_utc, stamp, problems
    if local_date and time_utc:
        instant = utc_instant(local_date, time_utc, country)
        if instant is not None:
            return time_utc, format_datetime_utc(instant), problems
    return time_utc, None, problems
