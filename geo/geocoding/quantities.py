"""Numbers and lengths as reports write them: "800 km", "497 miles", "about 1,500 kilometres",
"611-point-four kilometers", "800-900 km", "two hundred nautical miles", "약 410㎞", "700여km",
"約250キロ", "1100キロメートル".

:func:`parse_number` reads one number (digits with thousands separators or decimals, full-width
digits, English number words up to the millions, "611-point-four"); :func:`find_lengths` finds
every length in a text with its character span, its value in kilometres and whether it was
qualified ("about", "約", "약", "여", "at least"). Units: km (and the ㎞ glyph, キロ, キロメートル, 킬로미터,
킬로), statute miles (1.609344 km), nautical miles (1.852 km, also 海里 and 해리), metres.

Examples
--------
>>> parse_number("1,500"), parse_number("611-point-four"), parse_number("two hundred")
(1500.0, 611.4, 200.0)
>>> [(q.value_km, q.unit) for q in find_lengths("flew 497 miles (800 km) and reached 60 km")]
[(799.843968, 'mi'), (800.0, 'km'), (60.0, 'km')]
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["KM_PER_UNIT", "Length", "find_lengths", "parse_number", "to_km"]

#: Kilometres per unit, by canonical unit code.
KM_PER_UNIT: dict[str, float] = {"km": 1.0, "mi": 1.609344, "nmi": 1.852, "m": 0.001}

_ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_WORD = r"(?:" + "|".join(sorted([*_ONES, *_TENS, *_SCALES], key=len, reverse=True)) + r")"
#: A run of number words: "two hundred", "one thousand five hundred", "twenty-five".
_FIRST_WORD = r"(?:" + "|".join(sorted([*_ONES, *_TENS], key=len, reverse=True)) + r")"
_WORDS_RE = r"\b" + _FIRST_WORD + r"(?:(?:[\s-]+|\s+and\s+)" + _WORD + r")*\b"
_DIGITS_RE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: "611-point-four", "611 point 4"
_POINT_RE = (
    r"(?:\d+|"
    + _WORDS_RE
    + r")[\s-]+point[\s-]+(?:\d+|(?:"
    + "|".join(_ONES)
    + r")(?:[\s-](?:"
    + "|".join(_ONES)
    + r"))*)"
)
#: "6천1백", "1천90", "6천 1백", "1万": digits with Korean/Japanese thousands/hundreds signs
_CJK_NUM_RE = r"\d+(?:\.\d+)?\s?[만万](?:\s?\d+\s?[천千])?(?:\s?\d+\s?[백百])?(?:\s?\d+)?|\d+(?:\.\d+)?\s?[천千](?:\s?\d+\s?[백百])?(?:\s?\d+(?:\.\d+)?)?|\d+\s?[백百](?:\s?\d+)?"  # noqa: E501
NUMBER_RE = r"(?:" + _POINT_RE + r"|" + _CJK_NUM_RE + r"|" + _DIGITS_RE + r"|" + _WORDS_RE + r")"


def _words_value(text: str) -> float | None:
    total, current = 0, 0
    seen = False
    for w in re.split(r"[\s-]+", text.lower()):
        if not w or w == "and":
            continue
        if w in _ONES:
            current += _ONES[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in ("thousand", "million"):
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def parse_number(text: str) -> float | None:
    """The value of one number written in digits or English words, or ``None``.

    Digits may carry thousands commas ("1,500") and decimals ("611.4"); full-width digits are
    read (NFKC). Words go up to the millions ("one thousand five hundred"); "611-point-four" and
    "611 point 4" are decimals. Negative, non-finite or malformed text gives ``None``.

    >>> parse_number("１,２００"), parse_number("twenty-five"), parse_number("1,50"), parse_number("x")
    (1200.0, 25.0, None, None)
    """
    s = unicodedata.normalize("NFKC", text).strip().lower()
    if not s:
        return None
    m = re.fullmatch(r"(.+?)[\s-]+point[\s-]+(.+)", s)
    if m:
        whole = parse_number(m.group(1))
        frac_digits = m.group(2)
        if not frac_digits.isdigit():
            parts = [_ONES.get(w) for w in re.split(r"[\s-]+", frac_digits)]
            if any(p is None or p > 9 for p in parts):
                return None
            frac_digits = "".join(str(p) for p in parts)
        return None if whole is None else float(f"{int(whole)}.{frac_digits}")
    if re.search(r"[만万천千백百]", s):
        total = 0.0
        for num, sign in re.findall(r"(\d+(?:\.\d+)?)\s?([만万천千백百]?)", s):
            total += (
                float(num) * {"만": 1e4, "万": 1e4, "천": 1e3, "千": 1e3, "백": 100, "百": 100, "": 1}[sign]
            )
        return total if total > 0 else None
    if re.fullmatch(_DIGITS_RE, s, flags=re.ASCII):
        value = float(s.replace(",", ""))
        return value if math.isfinite(value) else None
    if re.fullmatch(_WORDS_RE, s):
        return _words_value(s)
    return None


#: Unit spellings -> canonical code. Longest first in the pattern.
_UNITS: dict[str, str] = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "㎞": "km", "キロ": "km", "キロメートル": "km", "킬로미터": "km", "킬로": "km", "公里": "km",
    "mile": "mi", "miles": "mi", "mi": "mi", "statute miles": "mi",
    "nautical mile": "nmi", "nautical miles": "nmi", "nm": "nmi", "nmi": "nmi", "海里": "nmi", "해리": "nmi",
    "metres": "m", "meters": "m", "m": "m", "メートル": "m", "미터": "m",
}  # fmt: skip
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_APPROX_BEFORE = (
    r"(?:about|approximately|approx\.?|around|some|roughly|nearly|almost|circa|an estimated|estimated|"
    r"more\s+than|over|up\s+to|at\s+least|less\s+than|under|約|およそ|おおよそ|最大|약|최대|~)"
)
_LENGTH = re.compile(
    r"(?P<approx>" + _APPROX_BEFORE + r"\s*)?"
    r"(?<![A-Za-z0-9.,])(?P<num>" + NUMBER_RE + r")"
    r"(?:\s*(?:-|–|—|to|~|〜|～)\s*(?P<num2>" + _DIGITS_RE + r"))?"
    r"(?:\s+(?P<scale>thousand|million))?"
    r"(?P<yeo>\s*여)?"
    r"[\s-]*(?P<unit>" + _UNIT_RE + r")(?![a-z])"
    r"(?P<after>\s*(?:余り|あまり|余|程度|以上|前後|ほど|가량|여|이상|정도|남짓))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Length:
    """A length found in a text.

    Attributes
    ----------
    start, end : int
        Character span of the whole expression in the text (``text[start:end]``).
    value_km : float
        The length in kilometres (a range "800-900 km" gives its middle, 850).
    unit : str
        Canonical unit as written: ``"km"``, ``"mi"`` (statute), ``"nmi"`` or ``"m"``.
    number : float
        The number as written (in ``unit``).
    approximate : bool
        Qualified by "about", "約", "약", "여", "程度"... or a range.
    low_km, high_km : float
        Bounds of a range ("800-900 km"), else both ``value_km``.
    """

    start: int
    end: int
    value_km: float
    unit: str
    number: float
    approximate: bool
    low_km: float
    high_km: float


def to_km(number: float, unit: str) -> float:
    """``number`` ``unit`` (a spelling of :data:`KM_PER_UNIT`'s units, e.g. ``"miles"``) in kilometres.

    >>> to_km(100, "nautical miles"), to_km(1, "mile")
    (185.2, 1.609344)
    """
    code = _UNITS.get(unit.lower(), _UNITS.get(unit, unit))
    return round(number * KM_PER_UNIT[code], 6)


def find_lengths(text: str) -> list[Length]:
    """Every length (number + unit) in ``text``, in order; see the module docstring.

    The text is read as given (no normalisation that moves offsets); full-width digits are read
    where they stand.

    >>> [q.value_km for q in find_lengths("800-900 km, 約250キロ, 700여km, 611-point-four kilometers")]
    [850.0, 250.0, 700.0, 611.4]
    """
    out: list[Length] = []
    for m in _LENGTH.finditer(text):
        number = parse_number(m.group("num"))
        if number is None:
            continue
        unit = (
            _UNITS[m.group("unit").lower()] if m.group("unit").lower() in _UNITS else _UNITS[m.group("unit")]
        )
        if unit == "m" and m.group("unit").lower() == "m" and number < 1000:
            continue  # "5 m" is too small to be a flight, and "m" alone is often "million"
        if m.group("scale"):
            number *= _SCALES[m.group("scale").lower()]
        low = high = number
        if m.group("num2"):
            hi = parse_number(m.group("num2"))
            if hi is not None and hi > number:
                high = hi
        factor = KM_PER_UNIT[unit]
        out.append(
            Length(
                start=m.start(),
                end=m.end(),
                value_km=round((low + high) / 2 * factor, 6),
                unit=unit,
                number=(low + high) / 2,
                approximate=bool(m.group("approx") or m.group("yeo") or m.group("after") or high != low),
                low_km=round(low * factor, 6),
                high_km=round(high * factor, 6),
            )
        )
    return out
