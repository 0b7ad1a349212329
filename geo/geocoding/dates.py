"""Dates and times as reports write them, resolved against the publication date.

:func:`find_dates` finds explicit dates ("Sept. 15, 2021", "15 September", "2021-09-15",
"2022年8月4日", "8月4日", "14日", "2017년 5월 14일", "14일"), months ("in October 2019"), weekdays ("on
Thursday", "early Sunday", "last Tuesday") and relative days ("yesterday", "today", "昨日", "어제",
"over the weekend"), each with its span. A weekday or a relative day is resolved against the
publication date: "on Thursday" is the latest Thursday on or before it (a news report tells what
happened, not what will), "last Thursday" the one before that if the report is itself of a
Thursday, "yesterday" the day before. A year-less date is the latest such date on or before
publication. Without a publication date these resolve to nothing (the field is then missing).

:func:`find_times` finds clock times ("6:53 a.m.", "0734 KST", "2210 GMT", "午前7時10分", "오전 5시
27분") with their time zone when stated (KST, JST, UTC, GMT, Z, EST, EDT, HST, PST, PDT, CST, local
time). :func:`to_utc` turns a local date and time in a zone into UTC.

dateparser was evaluated for this and not used: its ``search_dates`` finds words such as "may",
"now" and "we" as dates in news text, resolves "on Thursday" of a report published on a Thursday
to the week before, needs about 30 ms for a 4 kB report and loads its language data on first use
(about 100 ms), which alone would exceed the reader's time budget.

>>> from datetime import date
>>> [(d.value, d.precision) for d in find_dates("on Thursday and on Sept. 15", published=date(2021, 9, 16))]
[('2021-09-16', 'day'), ('2021-09-15', 'day')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

__all__ = ["ZONE_OFFSETS_H", "DateMention", "TimeMention", "find_dates", "find_times", "to_utc"]

_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
    "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "月曜": 0, "火曜": 1, "水曜": 2, "木曜": 3, "金曜": 4, "土曜": 5, "日曜": 6,
    "월요일": 0, "화요일": 1, "수요일": 2, "목요일": 3, "금요일": 4, "토요일": 5, "일요일": 6,
}  # fmt: skip
#: Hours east of UTC of the time-zone words reports use.
ZONE_OFFSETS_H: dict[str, float] = {
    "kst": 9.0, "jst": 9.0, "utc": 0.0, "gmt": 0.0, "z": 0.0, "est": -5.0, "edt": -4.0, "hst": -10.0,
    "pst": -8.0, "pdt": -7.0, "cst": 8.0, "bst": 1.0, "msk": 3.0, "irst": 3.5, "pyt": 9.0,
    "한국시간": 9.0, "日本時間": 9.0,
}  # fmt: skip

_MONTH_RE = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:19|20)\d\d)"
_EN_MDY = re.compile(r"\b" + _MONTH_RE + r"\s+" + _DAY_RE + r"\b(?:,?\s+" + _YEAR_RE + r")?", re.I)
_EN_DMY = re.compile(r"\b" + _DAY_RE + r"\s+(?:of\s+)?" + _MONTH_RE + r"\b(?:,?\s+" + _YEAR_RE + r")?", re.I)
_EN_MONTH = re.compile(r"\b(?:in|since|during|of|last)\s+" + _MONTH_RE + r"(?:\s+" + _YEAR_RE + r")?\b", re.I)
_ISO = re.compile(r"\b" + _YEAR_RE + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_CJK_YMD = re.compile(
    r"(?:(?P<year>(?:19|20)\d\d)\s*[年년]\s*)?(?:(?P<mon>1[0-2]|0?[1-9])\s*[月월]\s*)?(?P<day>[0-3]?\d)\s*[日일](?![本曜요])(?!\s*만|間|간)"
)
_CJK_YM = re.compile(
    r"(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<mon>1[0-2]|0?[1-9])\s*[月월](?!\s*[0-3]?\d\s*[日일])"
)
_WEEKDAY = re.compile(
    r"\b(?P<last>last\s+|this\s+past\s+|past\s+)?(?:(?:early|late)\s+(?:on\s+)?)?(?P<wd>monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\b"
    r"|(?P<wdj>[月火水木金土日]曜)日?|(?P<wdk>[월화수목금토일]요일)",
    re.I,
)
_NTH = re.compile(r"\bon\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b", re.I)
_RELATIVE = re.compile(
    r"\b(?P<yesterday>yesterday)\b|\b(?P<today>today|tonight|this\s+morning|this\s+afternoon|this\s+evening|"
    r"earlier\s+today)\b|\b(?P<weekend>(?:over\s+|during\s+|at\s+)?the\s+(?:past\s+|last\s+)?weekend)\b"
    r"|(?P<yj>昨日|前日|어제|전날)|(?P<tj>本日|今日|きょう|오늘)",
    re.I,
)


@dataclass(frozen=True)
class DateMention:
    """A date found in a text.

    Attributes
    ----------
    start, end : int
        Character span in the text.
    value : str or None
        ``YYYY-MM-DD`` (``precision == "day"``) or ``YYYY-MM`` (``"month"``); ``None`` when it
        cannot be resolved (a weekday without a publication date).
    precision : {"day", "month"}
        How precise the words are.
    kind : {"explicit", "weekday", "relative", "month", "weekend"}
        How it was written: a calendar date, a weekday, "yesterday"/"today", a month, "the weekend".
    how : str
        How a weekday or relative day was resolved (empty for explicit dates).
    """

    start: int
    end: int
    value: str | None
    precision: str
    kind: str
    how: str = ""


def _latest_on_or_before(month: int, day: int, published: date | None, year: int | None) -> date | None:
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    if published is None:
        return None
    for y in (published.year, published.year - 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d <= published:
            return d
    return None


def find_dates(text: str, *, published: date | None = None) -> list[DateMention]:
    """Dates in ``text`` in text order (see the module docstring); overlapping forms keep the longest.

    Parameters
    ----------
    text : str
        The report.
    published : datetime.date, keyword-only, optional
        Publication date: resolves weekdays, "yesterday", year-less dates.

    Returns
    -------
    list of DateMention
    """
    found: list[DateMention] = []

    def add(m: re.Match[str], d: date | None, kind: str, how: str = "", precision: str = "day") -> None:
        value = None if d is None else (d.isoformat() if precision == "day" else d.isoformat()[:7])
        found.append(DateMention(m.start(), m.end(), value, precision, kind, how))

    for rx in (_EN_MDY, _EN_DMY):
        for m in rx.finditer(text):
            mon = _MONTHS[m.group("mon").lower()]
            if m.group("mon").lower() == "may" and not m.group("year") and rx is _EN_DMY:
                continue  # "4 may" is rarely a date in English prose
            year = int(m.group("year")) if m.group("year") else None
            add(m, _latest_on_or_before(mon, int(m.group("day")), published, year), "explicit")
    for m in _ISO.finditer(text):
        add(
            m,
            _latest_on_or_before(int(m.group("m")), int(m.group("d")), None, int(m.group("year"))),
            "explicit",
        )
    for m in _CJK_YMD.finditer(text):
        day = int(m.group("day"))
        if m.group("mon"):
            year = int(m.group("year")) if m.group("year") else None
            add(m, _latest_on_or_before(int(m.group("mon")), day, published, year), "explicit")
        elif published is not None and 1 <= day <= 31:  # "14日": the latest 14th on or before publication
            d: date | None = None
            for back in range(0, 3):
                y, mo = published.year, published.month - back
                while mo < 1:
                    y, mo = y - 1, mo + 12
                try:
                    cand = date(y, mo, day)
                except ValueError:
                    continue
                if cand <= published:
                    d = cand
                    break
            add(m, d, "explicit", "day of the month, in the month of publication (or the one before)")
        else:
            add(m, None, "explicit")
    for m in _NTH.finditer(text):  # "on the 30th": the latest 30th on or before publication
        if published is not None:
            day = int(m.group("day"))
            for back in range(0, 3):
                y, mo = published.year, published.month - back
                while mo < 1:
                    y, mo = y - 1, mo + 12
                try:
                    cand = date(y, mo, day)
                except ValueError:
                    continue
                if cand <= published:
                    add(
                        m,
                        cand,
                        "explicit",
                        "day of the month, in the month of publication (or the one before)",
                    )
                    break
    for m in _CJK_YM.finditer(text):
        add(m, date(int(m.group("year")), int(m.group("mon")), 1), "month", precision="month")
    for m in _EN_MONTH.finditer(text):
        mon = _MONTHS[m.group("mon").lower()]
        if m.group("mon").lower() == "may" and not m.group("year"):
            continue
        if m.group("year"):
            add(m, date(int(m.group("year")), mon, 1), "month", precision="month")
        elif published is not None:
            y = published.year if mon <= published.month else published.year - 1
            add(m, date(y, mon, 1), "month", "the latest such month on or before publication", "month")
    for m in _WEEKDAY.finditer(text):
        if re.match(r"^\s*(?:GMT|UTC)\b", text[m.end() : m.end() + 6]):
            continue  # "(1900 Friday GMT)": the UTC calendar of a time, not the event's local date
        word = (m.group("wd") or m.group("wdj") or m.group("wdk")).lower()
        wd = _WEEKDAYS[word]
        if published is None:
            add(m, None, "weekday")
            continue
        back = (published.weekday() - wd) % 7
        if m.group("last") and back == 0:
            back = 7
        d = published - timedelta(days=back)
        add(m, d, "weekday", f"the {d.strftime('%A')} on or before publication ({published.isoformat()})")
    for m in _RELATIVE.finditer(text):
        if published is None:
            add(m, None, "relative")
        elif m.group("yesterday") or m.group("yj"):
            add(m, published - timedelta(days=1), "relative", "the day before publication")
        elif m.group("today") or m.group("tj"):
            add(m, published, "relative", "the day of publication")
        else:
            sat = published - timedelta(days=(published.weekday() - 5) % 7 or 7)
            sun = sat + timedelta(days=1)
            if sat.month == sun.month:
                add(
                    m,
                    sat,
                    "weekend",
                    f"the weekend before publication ({sat.isoformat()}/{sun.day:02d})",
                    "month",
                )
            else:
                add(m, None, "weekend", "the weekend before publication spans two months")
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateMention] = []
    for mention in found:
        if out and mention.start < out[-1].end:
            prev = out[-1]
            better = (mention.precision == "day", mention.end - mention.start) > (
                prev.precision == "day",
                prev.end - prev.start,
            )
            if better:  # "since Sept. 18": the day, not the month "since Sept"
                out[-1] = mention
            continue
        out.append(mention)
    return out


@dataclass(frozen=True)
class TimeMention:
    """A clock time found in a text.

    Attributes
    ----------
    start, end : int
        Character span in the text.
    hour, minute : int
        24-hour clock time as written (converted from a.m./p.m., 午前/午後, 오전/오후).
    zone : str or None
        Time-zone word as written, lower case ("kst", "gmt", "local"), ``None`` when none is stated.
    offset_h : float or None
        Hours east of UTC of ``zone`` (:data:`ZONE_OFFSETS_H`), ``None`` when unknown.
    minutes_stated : bool
        The minutes were written ("7:11", "7時11分"), not only the hour ("7 a.m.", "7時すぎ").
    """

    start: int
    end: int
    hour: int
    minute: int
    zone: str | None
    offset_h: float | None
    minutes_stated: bool = True


_ZONE_RE = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?(?P<zone>KST|JST|UTC|GMT|EST|EDT|HST|PST|PDT|MSK|IRST|Z|Moscow\s+time|local\s+time|Seoul\s+time|Tokyo\s+time|Japan\s+time|Korea\s+time|Pyongyang\s+time)"  # noqa: E501
_TIME_EN = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3])(?::|\.)(?P<m>[0-5]\d)\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)?(?:\s*\(?"
    + _ZONE_RE
    + r"\)?)?"
    r"|\b(?P<h2>[01]?\d)\s*(?P<ampm2>a\.?m\.?|p\.?m\.?)(?:\s*\(?"
    + _ZONE_RE.replace("zone", "zone2")
    + r"\)?)?"
    r"|\b(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)\s*(?:hours?\s+)?(?:\(?"
    + _ZONE_RE.replace("zone", "zone3")
    + r"\)?)",
    re.I,
)
_TIME_CJK = re.compile(
    r"(?P<zone>日本時間|한국시간|韓国時間)?\s*(?P<ampm>午前|午後|오전|오후|새벽|밤|저녁)?\s*(?P<h>[012]?\d)\s*[時시]\s*"
    r"(?:(?P<m>[0-5]?\d)\s*[分분]|(?P<half>半|반))?"
)


def find_times(text: str) -> list[TimeMention]:
    """Clock times in ``text``, in order (see the module docstring).

    >>> text = "at 6:53 a.m. (2153 GMT), 午後6時27分, 오전 5시 27분께"
    >>> [(t.hour, t.minute, t.zone) for t in find_times(text)]
    [(6, 53, None), (21, 53, 'gmt'), (18, 27, None), (5, 27, None)]
    """
    out: list[TimeMention] = []
    for m in _TIME_EN.finditer(text):
        if m.group("hhmm"):
            hh, mm, ampm, zone = int(m.group("hhmm")[:2]), int(m.group("hhmm")[2:]), None, m.group("zone3")
        elif m.group("h2"):
            hh, mm, ampm, zone = int(m.group("h2")), 0, m.group("ampm2"), m.group("zone2")
        else:
            hh, mm, ampm, zone = int(m.group("h")), int(m.group("m")), m.group("ampm"), m.group("zone")
            if not ampm and not zone and m.group(0).count(".") and ":" not in m.group(0):
                continue  # "1.5" is a number, not a time
        if ampm:
            if hh > 12 or hh == 0:
                continue
            pm = ampm.lower().startswith("p")
            hh = (hh % 12) + (12 if pm else 0)
        out.append(_time(m, hh, mm, zone, stated=not m.group("h2")))
    for m in _TIME_CJK.finditer(text):
        hh = int(m.group("h"))
        mm = int(m.group("m")) if m.group("m") else (30 if m.group("half") else 0)
        ampm = m.group("ampm") or ""
        if ampm in ("午後", "오후", "밤", "저녁") and hh < 12:
            hh += 12
        if hh > 23:
            continue
        zone = m.group("zone")
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        end = m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
        stated = bool(m.group("m") or m.group("half"))
        out.append(TimeMention(start, end, hh, mm, zone.lower() if zone else None, _offset(zone), stated))
    return sorted(out, key=lambda t: t.start)


def _offset(zone: str | None) -> float | None:
    if not zone:
        return None
    z = re.sub(r"\s+", " ", zone.lower())
    if z in ZONE_OFFSETS_H:
        return ZONE_OFFSETS_H[z]
    if z.split(" ")[0] in ("seoul", "tokyo", "japan", "korea", "pyongyang") or z in ("韓国時間",):
        return 9.0
    if z.startswith("moscow"):
        return 3.0
    return None  # "local time": the launch site's zone, decided by the caller


def _time(m: re.Match[str], hh: int, mm: int, zone: str | None, *, stated: bool = True) -> TimeMention:
    z = re.sub(r"\s+", " ", zone.lower()) if zone else None
    return TimeMention(m.start(), m.end(), hh, mm, z, _offset(zone), stated)


def to_utc(local_date: date, hour: int, minute: int, offset_h: float) -> datetime:
    """The UTC instant of ``local_date`` ``hour:minute`` in a zone ``offset_h`` hours east of UTC.

    >>> to_utc(date(2021, 9, 15), 12, 32, 9.0).isoformat()
    '2021-09-15T03:32:00+00:00'
    """
    local = datetime(local_date.year, local_date.month, local_date.day, hour, minute)
    return (local - timedelta(hours=offset_h)).replace(tzinfo=UTC)
