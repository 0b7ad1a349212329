"""Report reading: the text of a news report -> its launch events as draft records.

:func:`read_report` reads a Yonhap, Kyodo, NHK, Reuters/AP story or a Japan Ministry of Defense
release (English, Japanese or Korean) and returns one :class:`ReportEvent` per launch event: a
group of missiles that share the reported facts. Each event holds every field of
:data:`REPORT_FIELDS` as a :class:`ReadField`: its value, the character span of the words it came
from (evidence), and whether it was ``stated`` in the report, ``derived`` from what was stated
(with how), or ``missing``. Background launches that the report only mentions ("over the weekend
it also fired a cruise missile that flew 1,500 km") are separate events with ``background=True``;
their facts never leak into the main event.

How a report is read
--------------------
1. The text is cut into sentences (English, Japanese 。, Korean 다.; line breaks; photo captions are
   left out: they often show older launches).
2. The main launch date is chosen among the dates of sentences that speak of a launch (an
   explicit date beats a weekday; a date governed by "said", "aired", "supplied"... is the
   report's, not the launch's).
3. A launch sentence whose dates all differ from the main date, or that says "earlier", "last
   time", "previous", "前回", "앞서"..., is background; background sentences with the same date (or
   none, but compatible facts) form one background event.
4. In each event's sentences: the launching country (the subject of "fired", "北朝鮮が", "북한이";
   never the country whose EEZ or military is mentioned), the number of missiles, their class and
   named system, the platform, the flight distance and apogee (lengths next to "flew", "range",
   "altitude", "飛翔距離", "고도"...), the bearing, the launch place (gazetteer names after "from",
   "in the X area", "일대에서", "から") and the landing place ("about 200 km west of Okushiri
   Island", "off the east coast", "into the East Sea", "奥尻島の西約200km"), geocoded with the same
   grammar as :func:`~geo.geocoding.grammar.geocode`; and the report's own EEZ claim.

Every value is plain data (str, int, float, bool or None) and every evidence span indexes the text
as given: nothing from the report is ever evaluated, formatted as a template or turned into markup
here. Whoever shows evidence in HTML escapes it.

Examples
--------
>>> from geo.geocoding.index import Gazetteer
>>> text = ("SEOUL, Sept. 15 (Yonhap) -- North Korea fired two short-range ballistic missiles into "
...         "the East Sea on Wednesday, the Joint Chiefs of Staff said. The missiles flew about 800 km "
...         "at an apogee of 60 km.")
>>> ev = read_report(text, published=date(2021, 9, 15), gazetteer=Gazetteer.load())[0]
>>> ev.value("date"), ev.value("country"), ev.value("count"), ev.value("system_type"), ev.value("distance_km")
('2021-09-15', 'KP', 2, 'SRBM', 800.0)
>>> f = ev.fields["distance_km"]
>>> f.status, text[f.start:f.end]
('stated', 'about 800 km')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from typing import Any

from geo.geocoding.compass import find_bearings
from geo.geocoding.dates import DateMention, find_times
from geo.geocoding.events import REPORT_FIELDS, ReadField, ReportEvent, Status, _missing
from geo.geocoding.facts import (
    _event_date,
    _launch_country,
    _read_count,
    _read_eez,
    _read_lengths,
    _read_time,
)
from geo.geocoding.index import Gazetteer
from geo.geocoding.result import GeocodeResult
from geo.geocoding.roles import _landing_place, _launch_place
from geo.geocoding.segments import _Ctx, _group, _main_date, _Sentence, _sentences
from geo.geocoding.vocabulary import SystemTerm, find_platforms, find_system_types, find_systems

__all__ = [
    "MAX_REPORT_BYTES",
    "MAX_REPORT_CHARS",
    "ReportInputError",
    "check_report_text",
    "read_report",
    "report_text",
]

MAX_REPORT_CHARS: int = 200_000
#: Fields of a :class:`ReportEvent`, in display order (the ``python -m geo read`` property names).


#: Largest file :func:`report_text` accepts (bytes): a saved news page with its markup.
MAX_REPORT_BYTES: int = 2_000_000


class ReportInputError(ValueError):
    """The text cannot be read as a report (empty, too long, binary); the message says why."""


def check_report_text(text: Any) -> str:
    """``text`` if it can be read as a report, else :class:`ReportInputError` saying why.

    Refused: not a string, empty or only spaces, more than :data:`MAX_REPORT_CHARS` characters,
    binary content (NUL bytes or mostly control characters).
    """
    if not isinstance(text, str):
        raise ReportInputError(f"a report is text, got {type(text).__name__}")
    if not text.strip():
        raise ReportInputError("the report is empty: paste the text of a news report")
    if len(text) > MAX_REPORT_CHARS:
        raise ReportInputError(
            f"the report is {len(text):,} characters long; at most {MAX_REPORT_CHARS:,} are read "
            "(paste the article, not the whole page)"
        )
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t")
    if "\x00" in text or controls > max(8, len(text) // 100):
        raise ReportInputError(
            "this looks like a binary file, not text: give the report as plain text or HTML"
        )
    return text


class _HTMLText(HTMLParser):
    """The visible text of an HTML page: no script, style or head; block elements end lines."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
    _BLOCK = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
         "blockquote", "figcaption", "header", "footer", "title", "dd", "dt", "pre"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def report_text(data: bytes, *, max_bytes: int = MAX_REPORT_BYTES) -> str:
    """The text of an uploaded report file: UTF-8 (or UTF-16 with its byte-order mark) plain text, or
    an HTML page reduced to its visible text.

    Parameters
    ----------
    data : bytes
        The file's content.
    max_bytes : int, keyword-only
        Largest accepted size (default :data:`MAX_REPORT_BYTES`).

    Returns
    -------
    str
        The text (still to be checked by :func:`read_report`: empty, too long).

    Raises
    ------
    ReportInputError
        Too big, binary (NUL bytes, an image, a PDF), or not UTF-8 text; the message says what to do.

    >>> report_text(b"<html><script>x()</script><p>North Korea fired a missile.</p></html>").strip()
    'North Korea fired a missile.'
    """
    if len(data) > max_bytes:
        raise ReportInputError(
            f"the file is {len(data):,} bytes; at most {max_bytes:,} are read (save the article as text)"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReportInputError("the file says it is UTF-16 text but is not: save it as UTF-8") from None
    else:
        if b"\x00" in data[:4096] or data[:5] == b"%PDF-" or data[:4] in (b"\x89PNG", b"PK\x03\x04"):
            raise ReportInputError(
                "this is a binary file (an image, a PDF, an archive?): give the report as text"
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise ReportInputError(
                f"the file is not UTF-8 text (byte {err.start}): save the report as UTF-8 text or HTML"
            ) from None
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or re.search(
        r"<(?:body|p|div|article)[\s>]", head
    ):
        parser = _HTMLText()
        parser.feed(text)
        parser.close()
        text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
        text = re.sub(r"\s*\n\s*", "\n", text).strip()
    return text


def read_report(
    text: str,
    *,
    published: date | str | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[ReportEvent]:
    """Read the launch events of a news report.

    Parameters
    ----------
    text : str
        The report (plain text; HTML should be turned into text first, see ``python -m geo read``),
        at most :data:`MAX_REPORT_CHARS` characters.
    published : datetime.date or str (YYYY-MM-DD), keyword-only, optional
        Publication date of the report: resolves "on Thursday", "yesterday", "14日" and year-less
        dates. Without it such dates are missing.
    gazetteer : Gazetteer, keyword-only, optional
        The loaded gazetteer (default: :meth:`Gazetteer.load`, about 0.5 s; keep one and pass it).

    Returns
    -------
    list of ReportEvent
        The main event first, then background events in text order. Empty when the report speaks
        of no launch.

    Raises
    ------
    ReportInputError
        Empty, too long or binary text.
    ValueError
        ``published`` is not a date or a YYYY-MM-DD string.
    """
    text = check_report_text(text)
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published)
        except ValueError:
            raise ValueError(f"published must be a date YYYY-MM-DD, got {published!r}") from None
    gaz = gazetteer if gazetteer is not None else Gazetteer.load()
    ctx = _Ctx(text, gaz, published, gaz.mentions(text), find_times(text))
    sentences = _sentences(text, published)
    main_date = _main_date(sentences)
    groups = _group(sentences, main_date)
    events: list[ReportEvent] = []
    for gid, members in groups:
        ev = _read_event(ctx, members, background=gid > 0, main_date=main_date if gid == 0 else None)
        if ev is not None and (gid == 0 or _worth_a_record(ev)):
            main = events[0] if events and not events[0].background else None
            if ev.background and main is not None and ev.fields["country"].status == "missing":
                f = main.fields["country"]
                if f.value is not None:
                    ev.fields["country"] = replace(
                        f, status="derived", how="the launching country of the report's main event"
                    )
            events.append(ev)
    return events


def _worth_a_record(ev: ReportEvent) -> bool:
    """A background mention becomes a record only with a fact to map or to list: a distance, an
    apogee, a named system, or a class with a date."""
    has = {k for k, f in ev.fields.items() if f.status != "missing"}
    if has & {"distance_km", "apogee_km", "missile"}:
        return True
    if "date" in has and ("launch_place" in has or ("count" in has and ev.value("count"))):
        return bool("launch_place" in has or len(str(ev.value("date"))) == 10)
    return "system_type" in has and "date" in has and ev.value("system_type") != "unknown"


_WORD_TAIL = re.compile(r"[A-Za-z]*(?:['’]s\b)?")


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` widened to whole Latin-script words: "rail car" in "rail cars" becomes "rail cars",
    "submarine" in "submarine's" becomes "submarine's" (evidence is highlighted word by word)."""
    while 0 < start < end and _is_latin(text[start]) and _is_latin(text[start - 1]):
        start -= 1
    if start < end and _is_latin(text[end - 1]):
        m = _WORD_TAIL.match(text, end)
        end = m.end() if m else end
    return start, end


def _is_latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _read_event(
    ctx: _Ctx, members: list[_Sentence], *, background: bool, main_date: DateMention | None
) -> ReportEvent | None:
    text = ctx.text
    event_sents = [s for s in members if s.launch and not s.caption] or members
    fields: dict[str, ReadField] = {name: _missing(name) for name in REPORT_FIELDS}

    def put(name: str, value: Any, status: Status, start: int | None, end: int | None, how: str = "") -> None:
        if start is not None and end is not None:
            start, end = _whole_words(text, start, end)
        ev = text[start:end] if start is not None and end is not None else ""
        fields[name] = ReadField(name, value, status, start, end, ev, how)

    # date
    date_m = main_date if main_date is not None else _event_date(event_sents)
    if date_m is not None and date_m.value is not None:
        status: Status = "derived" if date_m.how else "stated"
        put("date", date_m.value, status, date_m.start, date_m.end, date_m.how)
    # country
    country = _launch_country(event_sents)
    if country is not None:
        put("country", country.value, "stated", country.start, country.end)
    # count
    _read_count(event_sents, put)
    # class and named system
    systems = [
        replace(t, start=t.start + s.start, end=t.end + s.start)
        for s in event_sents
        for t in find_systems(s.text)
    ]
    kinds = [
        replace(t, start=t.start + s.start, end=t.end + s.start)
        for s in event_sents
        for t in find_system_types(s.text)
    ]
    if country is not None:  # a system of another country (South Korea's Hyunmoo in a report on the North)
        systems = [t for t in systems if t.country == country.value]
    if systems:
        sy: SystemTerm = systems[0]
        put("missile", sy.name, "stated", sy.start, sy.end, f"systems.csv {sy.value}" if sy.value else "")
        if country is None:
            put("country", sy.country, "derived", sy.start, sy.end, f"{sy.name} is a missile of {sy.country}")
    if kinds:
        k = kinds[0]
        put("system_type", k.value, "stated", k.start, k.end)
    elif systems:
        put("system_type", systems[0].system_type, "derived", systems[0].start, systems[0].end,
            f"class of {systems[0].name} in the catalogue's systems")  # fmt: skip
    elif any(re.search(r"ballistic|弾道|탄도", s.text, re.I) for s in event_sents):
        m_ = next(
            (s.start + m.start(), s.start + m.end())
            for s in event_sents
            for m in [re.search(r"ballistic|弾道|탄도", s.text, re.I)]
            if m
        )
        put("system_type", "unknown", "stated", m_[0], m_[1], "a ballistic missile of unstated range class")
    # platform
    plats = [
        replace(t, start=t.start + s.start, end=t.end + s.start)
        for s in event_sents
        for t in find_platforms(s.text)
    ]
    if plats:
        put("platform", plats[0].value, "stated", plats[0].start, plats[0].end)
    # lengths
    _read_lengths(event_sents, put)
    # bearing
    for s in event_sents:
        bs = find_bearings(s.text)
        if bs:
            bearing = bs[0]
            d = bearing.direction
            how = f"compass point {d.code} = {d.azimuth_deg:g}° (±{d.half_width_deg:g}°)"
            put("bearing_deg", d.azimuth_deg, "derived", s.start + bearing.start, s.start + bearing.end, how)
            break
    # places
    ctry_code = str(fields["country"].value) if fields["country"].value else None
    launch = _launch_place(ctx, event_sents, ctry_code)
    if launch is not None:
        res, a, b = launch
        put("launch_place", res.label, "stated", a, b, res.explanation)
        _put_point(put, "launch", res, a, b)
        if fields["country"].status == "missing" and res.country:
            put("country", res.country, "derived", a, b, f"the launch place {res.label} is in {res.country}")
    landing = _landing_place(ctx, event_sents, ctry_code)
    if landing is not None:
        res, a, b = landing
        put("landing_place", res.label, "stated", a, b, res.explanation)
        _put_point(put, "landing", res, a, b)
    # EEZ claim
    _read_eez(event_sents, put)
    # time
    _read_time(ctx, event_sents, fields, put)
    if all(f.status == "missing" for k, f in fields.items() if k not in ("country",)) and background:
        return None
    return ReportEvent(
        fields=fields,
        background=background,
        launch=launch[0] if launch else None,
        landing=landing[0] if landing else None,
        sentences=[(s.start, s.end) for s in members],
        system_id=systems[0].value if systems else "",
    )


def _put_point(put: Any, prefix: str, res: GeocodeResult, start: int, end: int) -> None:
    """``<prefix>_lon``, ``_lat`` (degrees) and ``_uncertainty_km`` of a geocoded place, derived."""
    how = f"geocoded ({res.rule}): {res.label}"
    put(f"{prefix}_lon", round(res.lon, 5), "derived", start, end, how)
    put(f"{prefix}_lat", round(res.lat, 5), "derived", start, end, how)
    put(f"{prefix}_uncertainty_km", round(res.uncertainty_km, 1), "derived", start, end, how)
