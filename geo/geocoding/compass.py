"""The 16 compass points in every spelling reports use, and flight bearings found in text.

English ("north-northwest", "north northwest", "northnorthwest", "NNW", "N.N.W.", "northwesterly",
"north-west"), Japanese ("北北西", "北西方向") and Korean ("북북서", "북서쪽", "북서"): each is a
:class:`Direction` with its azimuth (degrees clockwise from true north) and its half-width: ±22.5°
for the 8 principal points (the reporter chose among 8), ±11.25° for the 8 intermediate 16-point
ones, ±5° for "due <direction>".

:func:`find_bearings` finds flight directions in running text: "eastward", "toward the
north-east", "in an east-northeasterly direction", "fired northeast", "flew about 750 km
east-northeast", "北東方向に", "동쪽으로",
"북동쪽 동해상으로". A compass word that is part of a name ("East Sea", "east coast", "West Sea"),
of a relative position ("200 km west of X") or of a region ("northern", "southwestern North Korea")
is not a bearing.

>>> d = parse_direction("north-northwest")
>>> d.code, d.azimuth_deg, d.half_width_deg
('NNW', 337.5, 11.25)
>>> parse_direction("북동").code, parse_direction("西南西").azimuth_deg
('NE', 247.5)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["COMPASS_POINTS", "Bearing", "Direction", "find_bearings", "parse_direction"]

#: Azimuth (degrees clockwise from true north) of each of the 16 points, by code.
COMPASS_POINTS: dict[str, float] = {
    "N": 0.0, "NNE": 22.5, "NE": 45.0, "ENE": 67.5, "E": 90.0, "ESE": 112.5, "SE": 135.0, "SSE": 157.5,
    "S": 180.0, "SSW": 202.5, "SW": 225.0, "WSW": 247.5, "W": 270.0, "WNW": 292.5, "NW": 315.0,
    "NNW": 337.5,
}  # fmt: skip
_EN = {"north": "N", "south": "S", "east": "E", "west": "W"}
_CJK = {"北": "N", "南": "S", "東": "E", "西": "W", "북": "N", "남": "S", "동": "E", "서": "W"}


@dataclass(frozen=True)
class Direction:
    """A compass direction.

    Attributes
    ----------
    code : str
        One of the 16 codes of :data:`COMPASS_POINTS` ("N", "NNE", ...).
    azimuth_deg : float
        Degrees clockwise from true north.
    half_width_deg : float
        How precise the wording is: 22.5 (8-point), 11.25 (16-point) or 5 ("due").
    """

    code: str
    azimuth_deg: float
    half_width_deg: float


def _code_from_letters(letters: str) -> str | None:
    """'NNW' from 'NNW'; also 'WN' style orders are refused (not a compass point)."""
    return letters if letters in COMPASS_POINTS else None


def parse_direction(text: str, *, due: bool = False) -> Direction:
    """The :class:`Direction` of one compass word in English, Japanese or Korean.

    Parameters
    ----------
    text : str
        "NNW", "N.N.W.", "north-northwest", "north northwest", "northnorthwest", "northwesterly",
        "northwestern", "north-westward", "北北西", "북북서" (optionally followed by 方向/方/쪽/방향).
    due : bool, keyword-only
        "due east": a 5° half-width instead of the compass precision.

    Raises
    ------
    ValueError
        ``text`` is not one of the 16 points.

    >>> parse_direction("N.N.W.").code, parse_direction("east", due=True).half_width_deg
    ('NNW', 5.0)
    """
    s = text.strip().lower()
    s = re.sub(r"(?:方向|方|쪽|방향|향)$", "", s)
    letters: str | None = None
    if re.fullmatch(r"[nsew](?:\.?[nsew]){0,2}\.?", s):
        letters = s.replace(".", "").upper()
    elif re.fullmatch(r"[北南東西]{1,3}|[북남동서]{1,3}", s):
        letters = "".join(_CJK[c] for c in s)
        letters = {"EN": "NE", "ES": "SE", "WN": "NW", "WS": "SW"}.get(letters, letters)  # 東北 = NE
    else:
        s2 = re.sub(r"(?:erly|ern|ward|wards|bound)$", "", s)
        parts = re.findall(r"north|south|east|west", s2)
        if parts and re.fullmatch(r"(?:(?:north|south|east|west)[\s-]*){1,3}", s2):
            letters = "".join(_EN[p] for p in parts)
    code = _code_from_letters(letters) if letters else None
    if code is None:
        raise ValueError(f"not a compass direction: {text!r}")
    half = 5.0 if due else (22.5 if len(code) <= 2 else 11.25)
    return Direction(code, COMPASS_POINTS[code], half)


@dataclass(frozen=True)
class Bearing:
    """A flight direction found in a text.

    Attributes
    ----------
    start, end : int
        Character span of the words (``text[start:end]``).
    direction : Direction
        The compass direction.
    """

    start: int
    end: int
    direction: Direction


_EN_WORD = r"(?:north|south|east|west)"
_EN_DIR = _EN_WORD + r"(?:[\s-]?" + _EN_WORD + r"){0,2}"
_NOT_AFTER = (
    r"(?!\s*(?:sea|coast|coastline|shore|waters|region|part|side|province|county|korea|japan|asia|pacific|"
    r"china|hamgyong|pyongan|hwanghae|hokkaido|hemisphere|flank|front|bank|bay|of|from)\b)"
)
# A flight verb and the distance flown: "flew about 750 km ", "traveled some 1,000 kilometers (620 miles) ".
_FLEW_DISTANCE = (
    r"(?:flew|flown|flying|traveled|travelled|traveling|travelling)\s+"
    r"(?:(?:about|some|around|approximately|roughly|nearly|almost|over|more\s+than|up\s+to)\s+)?"
    r"\d[\d,]*(?:\.\d+)?\s*(?:km|kms|kilometers|kilometres|miles|mi)\b\.?\s*(?:\([^()]{0,40}\)\s*)?"
)
# "flew about 750 km east-northeast", "travelled 1,000 kilometres (620 miles) due east"
_AFTER_DISTANCE = _FLEW_DISTANCE + r"(?P<due5>due\s+)?(?P<d5>" + _EN_DIR + r")(?:erly|wards?)?\b" + _NOT_AFTER
_BEARING_EN = re.compile(
    r"\b(?:"
    r"(?P<d2>" + _EN_DIR + r")(?:ward|wards|bound)\b"
    # "toward(s) the north-east", "to the east", "heading east"
    r"|(?:toward|towards|to|heading|headed)\s+(?:the\s+)?(?P<due1>due\s+)?"
    r"(?P<d1>" + _EN_DIR + r")(?:erly|ern)?\b" + _NOT_AFTER + r"(?:\s+direction)?"
    # "in a northeasterly direction", "in the direction of the east"
    r"|in\s+(?:the\s+|an?\s+)?(?P<d4>" + _EN_DIR + r")(?:erly|ern)?\s+direction"
    r"|(?:fired|launched|flew|flying|traveled|travelled|heading|headed)\s+(?P<due3>due\s+)?"
    r"(?P<d3>" + _EN_DIR + r")\b" + _NOT_AFTER + r"|" + _AFTER_DISTANCE + r")",
    re.IGNORECASE,
)
_CJK_DIR = r"[北南東西]{1,3}|[북남동서]{1,3}"
_BEARING_CJK = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<d>[北南東西]{1,3})(?:方向|の方向)"
    r"|(?<![\uac00-\ud7af])(?P<k>[북남동서]{1,3})\s?(?:쪽|방향|방)(?:으로|\s|$)",
)


def find_bearings(text: str) -> list[Bearing]:
    """Flight directions in ``text`` (English, Japanese, Korean), in order; see the module docstring.

    >>> [b.direction.code for b in find_bearings("fired eastward ... flew toward the east-northeast")]
    ['E', 'ENE']
    >>> find_bearings("into the East Sea off the east coast, 200 km west of Okushiri")
    []
    """
    found: list[Bearing] = []
    for m in _BEARING_EN.finditer(text):
        for g, due in (("d1", "due1"), ("d2", None), ("d3", "due3"), ("d4", None), ("d5", "due5")):
            word = m.group(g)
            if word:
                try:
                    d = parse_direction(word, due=bool(due and m.group(due)))
                except ValueError:
                    break
                start = m.start()
                if g == "d5":  # after a distance: the direction words alone (the distance has its own span)
                    start = m.start("due5") if m.group("due5") else m.start("d5")
                found.append(Bearing(start, m.end(), d))
                break
    for m in _BEARING_CJK.finditer(text):
        word = m.group("d") or m.group("k")
        try:
            d = parse_direction(word)
        except ValueError:
            continue
        found.append(Bearing(m.start(), m.end(), d))
    return sorted(found, key=lambda b: b.start)
