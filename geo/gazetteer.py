"""Offline gazetteer and geocoder: place descriptions as news reports write them -> a region.

A report rarely gives coordinates. It says "from a train in Yangdok county", "the Sunan area of
Pyongyang", "off the east coast near Wonsan", "the mountainous central region" or "about 200 km
west of Okushiri Island". :func:`geocode` turns such words into a :class:`GeocodeResult`: a
**region** (a shapely Polygon/MultiPolygon in lon/lat, x = lon, y = lat, WGS84), a representative
point, an **uncertainty** and an **explanation** of which entry and which rule produced it. It never
returns a bare point, and it never guesses silently: unknown or ambiguous text raises
:class:`GeocodeError` listing the candidates.

The gazetteer (``data/gazetteer/``, built by ``data/build/build_gazetteer.py``) holds:

* launch facilities of nk-missile-tests (5 km disc for a named installation, 10 km for a site
  known only by its place name), with short names (Tongchang-ri = Sohae, Kalma = Wonsan Kalma
  airport) from ``facility_aliases.csv``;
* cities and towns of GeoNames (KP, KR, JP): disc of 7 km (population under 50,000), 10 km
  (under 200,000), 15 km (under 1,000,000) or 25 km (larger);
* provinces / prefectures of Natural Earth admin-1 (polygons), the three countries and the Korean
  Peninsula (dissolved provinces);
* named seas and straits (Natural Earth marine polygons), islands (Natural Earth land polygons),
  counties (20 km disc around the seat; there is no county polygon data), coasts, capes and vague
  regions ("the mountainous central region": a documented polygon) from ``places_curated.csv``.

Names are matched ignoring case, diacritics, apostrophes, hyphens and spaces (``P'yŏngan`` =
``Pyongan``); when that finds nothing, a second pass also folds Revised Romanization onto
McCune-Reischauer (``Pyeongan`` = ``Pyongan``, ``Hamgyeong`` = ``Hamgyong``, ``Jagang`` =
``Chagang``). Korean (Hangul) and Japanese (Kanji/Kana) names are entries' names too.

Rules (``GeocodeResult.rule``)
------------------------------
``entry``
    The text names one gazetteer entry; its region as stored.
``county-from-seat``
    "X county" where X is only known as a town: a 20 km geodesic disc around the town.
``context``
    "X in Y", "X, Y", "the X area of Y": X's candidates are narrowed to those within
    :data:`CONTEXT_TOLERANCE_KM` of Y's region; X's region is returned.
``offshore``
    "off X", "off the coast of X", "off the east coast near X": the sea within
    :data:`OFFSHORE_KM` of X's region (land removed with Natural Earth 10m land).
``offshore-coast``
    "off the east/west coast" (of North Korea): the sea part of the coastal strip.
``relative``
    "about D km <direction> of X" (km, kilometres, nautical miles, nm, miles; 16 compass points in
    English or Japanese, e.g. "奥尻島の西約200km"): the point is ``Geod.fwd`` from X's point at the
    direction's azimuth and distance D; the region is the geodesic sector ``azimuth ± spread`` x
    ``D ± max(10 % of D, 5 km)``, grown by X's uncertainty. The spread is ±22.5° for the 8
    principal directions (N, NE, E, ...: the reporter chose among 8), ±11.25° for the 8
    intermediate 16-point directions (NNE, ENE, ...) and ±5° for "due <direction>". So the
    uncertainty grows with the distance (10 % radially, D x tan(spread) sideways) and with the
    anchor's. An anchor wider than D (a sea, a province for a short hop) is refused, and a
    direction without a distance ("east of Hokkaido") asks for one.
``unreported-country`` / ``placeholder-country`` / ``coordinates``
    Used by :func:`geocode_records` only (see there).

Meaning of ``uncertainty_km``
-----------------------------
The radius of the smallest geodesic circle **centred on the representative point (lon, lat)**
that contains the whole region: "the place is within ``uncertainty_km`` of (lon, lat)". For a
disc entry it is the disc's radius; for a polygon it is the largest geodesic distance from the
point to the region's boundary vertices.

Ambiguity
---------
Matches are ranked by (name quality, curated): a main name beats a secondary name, an exact
match beats a romanisation-folded one, and at equal quality an entry of the hand-made tables
(facilities and ``places_curated.csv``, written for this domain) beats a generic GeoNames one.
Several best matches that are the *same place* (each one's point lies in the largest one's
region, e.g. the city and the province of Pyongyang) resolve to the largest (the most cautious
region); the explanation names the others. Different places raise :class:`GeocodeError`
listing them; a ``country="KP"`` hint or a context ("Kangwon, North Korea") resolves them.

Examples
--------
>>> gaz = Gazetteer.load()
>>> r = gaz.geocode("from a train in Yangdok county")
>>> r.kind, r.label, r.uncertainty_km
('county', 'Yangdok County', 20.0)
>>> r = gaz.geocode("about 200 km west of Okushiri Island")
>>> r.rule, round(r.lon, 1), round(r.lat, 1)
('relative', 137.1, 42.1)
"""

from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

from geo.geodesy import (
    azimuth_deg,
    buffer_region,
    destination,
    distance_km,
    distance_to_region_km,
    geodesic_ring,
    geodesic_rings,
    sector,
)
from geo.paths import DATA_DIR
from geo.records import RecordError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "CONTEXT_TOLERANCE_KM",
    "COUNTY_RADIUS_KM",
    "GAZETTEER_DIR",
    "KINDS",
    "OFFSHORE_KM",
    "SITE_RADIUS_KM",
    "Gazetteer",
    "GeocodeError",
    "GeocodeResult",
    "enclosing_radius_km",
    "geocode",
    "geocode_records",
    "normalize_name",
]

#: The shipped gazetteer folder (entries.csv, regions.geojson, land.geojson).
GAZETTEER_DIR: Path = DATA_DIR / "gazetteer"
#: Kinds of results.
KINDS: tuple[str, ...] = (
    "facility",
    "airport",
    "city",
    "county",
    "province",
    "coast",
    "sea",
    "region",
    "island",
    "relative",
)
#: Radius (km) of a county given by its seat: counties of North Korea are about 500 to 1,500 km².
COUNTY_RADIUS_KM: float = 20.0
#: "off X": the sea within this many km (geodesic) of X's region.
OFFSHORE_KM: float = 50.0
#: "X in Y": X's point must lie within this many km of Y's region (a town's disc only
#: approximates its real extent, so a context is a filter, not a boundary).
CONTEXT_TOLERANCE_KM: float = 30.0
#: Radii (km) of launch-point discs in :func:`geocode_records`, by ``location_precision``:
#: a named installation (site), a county/city/district (area), a user's point (point).
SITE_RADIUS_KM: dict[str, float] = {"site": 5.0, "area": 20.0, "point": 1.0}

_Areal = Polygon | MultiPolygon

# --------------------------------------------------------------------------------------------------
# text normalisation
# --------------------------------------------------------------------------------------------------

_COMBINING = re.compile(r"[\u0300-\u036f]")
_NON_WORD = re.compile(r"[\W_]+")
_ASCII = re.compile(r"^[a-z0-9]+$")
_FOLDS: tuple[tuple[str, str], ...] = (
    ("ph", "p"),
    ("th", "t"),
    ("kh", "k"),
    ("eo", "o"),
    ("eu", "u"),
    ("ou", "o"),
    ("oo", "o"),
    ("uu", "u"),
    ("wo", "o"),
    ("j", "ch"),
    ("g", "k"),
    ("b", "p"),
    ("d", "t"),
    ("ll", "r"),
    ("l", "r"),
)


def normalize_name(text: str) -> str:
    """Matching key of a name: NFKC, lower case, Latin diacritics and all punctuation/spaces removed.

    Hangul and Kana are kept intact (only U+0300..U+036F combining marks are dropped, so the
    Japanese voicing marks survive).

    >>> normalize_name("P'yŏngan-namdo") == normalize_name("Pyongan Namdo")
    True
    >>> normalize_name("평안남도")
    '평안남도'
    """
    s = unicodedata.normalize("NFKC", text).lower()
    s = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", s)))
    return _NON_WORD.sub("", s)


def _fold(key: str) -> str:
    """Second-pass key: Revised Romanization folded onto McCune-Reischauer (ASCII keys only)."""
    if not _ASCII.match(key):
        return key
    for a, b in _FOLDS:
        key = key.replace(a, b)
    return key


def _clean(text: str) -> str:
    """NFKC, diacritics removed, curly apostrophes straightened, spaces collapsed, lower case."""
    s = unicodedata.normalize("NFKC", text)
    s = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", s)))
    s = re.sub(r"[’‘`ʼ]", "'", s).lower()
    return re.sub(r"\s+", " ", s).strip(' .;:!?"')


# --------------------------------------------------------------------------------------------------
# results and errors
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeocodeResult:
    """A geocoded place description.

    Attributes
    ----------
    query : str
        The text as given.
    label : str
        Readable name of the result ("Yangdok County", "about 200 km W of Okushiri Island").
    kind : str
        One of :data:`KINDS`.
    region : shapely.Polygon | shapely.MultiPolygon
        Where the place is, lon/lat degrees (x = lon), split at the antimeridian.
    lon, lat : float
        Representative point (degrees) inside or at the centre of the region.
    uncertainty_km : float
        Radius (km) of the geodesic circle centred on (lon, lat) that contains the whole region.
    explanation : str
        Plain words: which entry, which rule, which source.
    entry_id : str
        Gazetteer entry used (for ``relative``/``offshore``: the anchor's entry).
    rule : str
        Rule applied (see the module docstring).
    country : str
        ISO 3166-1 alpha-2 of the entry ("" for seas and multi-country regions).
    """

    query: str
    label: str
    kind: str
    region: Polygon | MultiPolygon
    lon: float
    lat: float
    uncertainty_km: float
    explanation: str
    entry_id: str
    rule: str
    country: str = ""

    def to_feature(self) -> dict[str, Any]:
        """RFC 7946 GeoJSON Feature of the region; properties: label, kind, lon/lat of the
        representative point, uncertainty_km, explanation, entry_id, rule, query.

        Coordinates are rounded to 6 decimals (about 0.1 m).
        """
        # RFC 7946 section 3.1.6: exterior rings counter-clockwise, holes clockwise.
        geom = _round_coords(mapping(shapely.orient_polygons(self.region, exterior_cw=False)))
        return {
            "type": "Feature",
            "geometry": geom,
            "properties": {
                "label": self.label,
                "kind": self.kind,
                "lon": round(self.lon, 6),
                "lat": round(self.lat, 6),
                "uncertainty_km": round(self.uncertainty_km, 3),
                "explanation": self.explanation,
                "entry_id": self.entry_id,
                "rule": self.rule,
                "country": self.country,
                "query": self.query,
            },
        }


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 6)
    if isinstance(obj, (list, tuple)):
        return [_round_coords(o) for o in obj]
    if isinstance(obj, dict):
        return {k: _round_coords(v) for k, v in obj.items()}
    return obj


class GeocodeError(ValueError):
    """The text names no known place, or several different places.

    Attributes
    ----------
    query : str
        The text as given.
    candidates : list of str
        Labels of the places it could mean (closest first); empty when nothing is close.
    """

    def __init__(self, query: str, message: str, candidates: Iterable[str] = ()) -> None:
        self.query = query
        self.candidates = list(dict.fromkeys(candidates))
        super().__init__(message)


# --------------------------------------------------------------------------------------------------
# geometry helpers (all geodesic, through geo.geodesy)
# --------------------------------------------------------------------------------------------------


def enclosing_radius_km(lon: float, lat: float, region: BaseGeometry) -> float:
    """Largest geodesic distance (km) from (lon, lat) to the vertices of ``region``'s boundary.

    For polygons whose edges are short (all regions here) this is the radius of the circle centred
    on the point that contains the region.

    >>> from geo.geodesy import geodesic_ring
    >>> round(enclosing_radius_km(125.75, 39.03, geodesic_ring(125.75, 39.03, 20.0)), 3)
    20.0
    """
    coords = shapely.get_coordinates(shapely.boundary(region))
    if coords.size == 0:
        return 0.0
    d = distance_km(np.full(len(coords), lon), np.full(len(coords), lat), coords[:, 0], coords[:, 1])
    return float(np.max(d))


def _areal(geom: BaseGeometry) -> Polygon | MultiPolygon:
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    polys = [p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty]
    if not polys:
        return Polygon()
    if len(polys) == 1:
        return polys[0]
    return MultiPolygon(polys)


def _clean_region(geom: BaseGeometry) -> Polygon | MultiPolygon:
    """Areal part of ``geom`` without degenerate holes (area under 1e-10 deg², i.e. < 1 m²) that
    unions of many small geodesic pieces can leave behind; real holes (islands cut out of a sea)
    are kept."""
    parts: list[Polygon] = []
    for p in shapely.get_parts(_areal(geom)):
        if not isinstance(p, Polygon) or p.is_empty:
            continue
        holes = [h for h in p.interiors if Polygon(h).area >= 1e-10]
        parts.append(Polygon(p.exterior, holes) if len(holes) != len(p.interiors) else p)
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _rep_point(region: BaseGeometry) -> tuple[float, float]:
    c = region.centroid
    p = c if region.contains(c) else region.representative_point()
    return float(p.x), float(p.y)


# --------------------------------------------------------------------------------------------------
# query grammar
# --------------------------------------------------------------------------------------------------

_DIRS: dict[str, float] = {
    "n": 0.0, "nne": 22.5, "ne": 45.0, "ene": 67.5, "e": 90.0, "ese": 112.5, "se": 135.0,
    "sse": 157.5, "s": 180.0, "ssw": 202.5, "sw": 225.0, "wsw": 247.5, "w": 270.0, "wnw": 292.5,
    "nw": 315.0, "nnw": 337.5,
}  # fmt: skip
_DIR_WORDS = {"north": "n", "south": "s", "east": "e", "west": "w", "northern": "n", "southern": "s",
              "eastern": "e", "western": "w"}  # fmt: skip
_JA_DIRS: dict[str, str] = {
    "北": "n", "北北東": "nne", "北東": "ne", "東北東": "ene", "東": "e", "東南東": "ese", "南東": "se",
    "南南東": "sse", "南": "s", "南南西": "ssw", "南西": "sw", "西南西": "wsw", "西": "w", "西北西": "wnw",
    "北西": "nw", "北北西": "nnw",
}  # fmt: skip
_UNITS: dict[str, float] = {
    "km": 1.0, "kms": 1.0, "kilometre": 1.0, "kilometres": 1.0, "kilometer": 1.0, "kilometers": 1.0,
    "キロ": 1.0, "キロメートル": 1.0, "nm": 1.852, "nmi": 1.852, "nautical mile": 1.852,
    "nautical miles": 1.852, "海里": 1.852, "mile": 1.609344, "miles": 1.609344, "mi": 1.609344,
}  # fmt: skip
_DIR_RE = (
    r"(?P<due>due\s+)?(?P<dir>(?:north|south|east|west)(?:[\s-]?(?:north|south|east|west))?"
    r"(?:[\s-]?(?:north|south|east|west))?|nne|ene|ese|sse|ssw|wsw|wnw|nnw|ne|se|sw|nw|n|e|s|w)"
)
_NUM_RE = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_UNIT_RE = r"(?P<unit>nautical miles?|kilomet(?:re|er)s?|kms?|nmi|nm|miles?|mi)"
_REL_EN = re.compile(
    r"(?:^|\s)(?:(?P<about>about|approximately|approx\.?|around|some|roughly|nearly|almost|circa|c\.|~)\s*)?"
    + _NUM_RE
    + r"\s*"
    + _UNIT_RE
    + r"\s+(?:to\s+the\s+|to\s+|off\s+)?"
    + _DIR_RE
    + r"\s+(?:of|from)\s+(?P<anchor>.+)$"
)
#: A relative phrase whose distance is not a plain positive number ("-0 km", "1e309 km", "NaN km",
#: "two hundred km east of X"): refused with a clear message rather than read as a place name.
_REL_BAD_NUM = re.compile(
    r"(?:^|\s)(?P<num>\S+)\s*"
    + _UNIT_RE
    + r"\s+(?:to\s+the\s+|to\s+|off\s+)?"
    + _DIR_RE
    + r"\s+(?:of|from)\s+\S"
)
_REL_JA = re.compile(
    r"^(?P<anchor>.+?)の?(?P<dir>北北東|東北東|東南東|南南東|南南西|西南西|西北西|北北西|北東|南東|南西|北西|北|東|南|西)"
    r"(?:方)?(?:に|へ)?(?P<about>約|およそ|おおよそ)?\s*(?P<num>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>キロメートル|キロ|km|海里|nm)"
)
_OFF_COAST = re.compile(
    r"^(?:(?:in\s+)?(?:the\s+)?(?:waters|sea)\s+)?off\s+(?:the\s+)?(?:(?P<side>north|south|east|west)(?:ern)?\s+)"
    r"coast(?:line)?(?:\s+of\s+(?P<of>.+?))?(?:\s*,?\s*(?:near|close\s+to|by|at)\s+(?P<near>.+))?$"
)
_OFF = re.compile(
    r"^(?:(?:in\s+)?(?:the\s+)?(?:waters|sea)\s+)?off\s+(?:the\s+)?(?:(?:coast(?:line)?|shore|waters)\s+(?:of|near)\s+)?"
    r"(?P<x>.+)$"
)
_LEADING = re.compile(
    r"^(?:(?:was|were|been|it|they|missiles?|launched|fired|detected|launch(?:es)?|flew|took\s+off|"
    r"lifted\s+off)\s+)*"
    r"(?:(?:from|in|at|near|around|over|into|inside|within|on|by)\s+)?"
    r"(?:(?:a|an|the)\s+)?"
    r"(?:(?:train|rail\s*car|railway\s+car|railway|rail|submarine|ship|vessel|barge|(?:mobile\s+)?launcher|"
    r"tel|transporter[- ]erector[- ]launcher|launch\s+pad|pad|silo|site|location|spot)\s+"
    r"(?:(?:in|at|near|on|from)\s+|(?=off\s)))?"
    r"(?:(?:a|an|the)\s+)?"
    r"(?:(?:vicinity|area|region|outskirts|environs|surroundings|suburbs)\s+(?:of|near|around)\s+)?"
    r"(?:(?:the)\s+)?"
)
_DIR_ONLY = re.compile(r"^(?:(?:to\s+the|just|somewhere)\s+)?" + _DIR_RE + r"\s+of\s+(?P<anchor>.+)$")
_JA_PREFECTURE = re.compile(r"^(.{1,4}?[都道府県])(.+)$")
_JA_OFFSHORE = re.compile(r"^(?P<x>.+?)(?:の)?(?:沖合|沖|近海)$")
_WORD = re.compile(r"[^\W_]")  # a letter or digit, in any script
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_TRAILING = re.compile(
    r"\s+(?:area|vicinity|region|environs|outskirts|suburbs|(?:missile\s+|satellite\s+)?(?:launch|test|testing)\s+"
    r"(?:site|pad|facility|ground|area)|site)$"
)
_KIND_SUFFIX: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\s-]+(?:county|gun|kun)$|(?<=\S)(?:군|郡)$"), "county"),
    (re.compile(r"[\s-]+(?:district|guyok|kuyok|guyeok)$|(?<=\S)(?:구역|区域)$"), "county"),
    (re.compile(r"[\s-]+(?:province|prefecture|do|to|ken|fu)$|(?<=\S)(?:도|道|県|현|府)$"), "province"),
    (re.compile(r"[\s-]+(?:city|si|shi)$|(?<=\S)(?:시|市)$"), "city"),
    (re.compile(r"[\s-]+(?:islands?|isl\.?|is\.|shoto|jima|shima)$|(?<=\S)(?:島|諸島|섬|제도)$"), "island"),
    (re.compile(r"[\s-]+(?:international\s+)?(?:airport|air\s*base|airfield|air\s+field)$|(?<=\S)(?:空港|비행장)$"),
     "airport"),
)  # fmt: skip
_CONTEXT_SPLIT = re.compile(r"\s*,\s*|\s+(?:in|of|near|inside|within)\s+")
#: "X, Y, Z": at most two nested contexts (the work grows with the square of the commas).
_MAX_CONTEXT_DEPTH = 2
#: Separators tried per level, rightmost first: "X in Y, Z, W" needs three; ", , , ..." or
#: " in in in ..." (150 separators) took seconds when every one was tried at every level.
_MAX_CONTEXT_SPLITS = 6


def _direction(word: str) -> tuple[float, float, str]:
    """(azimuth, half-width, label) of an English or abbreviated compass direction."""
    w = word.strip().lower()
    w = re.sub(r"[\s-]+", "-", w)
    if w in _DIRS:
        code = w
    else:
        parts = [p for p in w.split("-") if p]
        if len(parts) == 1 and len(parts[0]) > 5:  # "northwest", "northeast", "southeast"...
            m = re.fullmatch(
                r"(north|south|east|west)(north|south|east|west)?(north|south|east|west)?", parts[0]
            )
            parts = [g for g in (m.groups() if m else ()) if g]
        code = "".join(_DIR_WORDS.get(p, "?") for p in parts)
        if code not in _DIRS:
            raise ValueError(f"not a compass direction: {word!r}")
    half = 22.5 if len(code) <= 2 else 11.25
    return _DIRS[code], half, code.upper()


# --------------------------------------------------------------------------------------------------
# the gazetteer
# --------------------------------------------------------------------------------------------------


@dataclass
class _Match:
    idx: int
    tier: int  # 0 main name, 1 secondary name, 2 main folded, 3 secondary folded


@dataclass(eq=False)
class Gazetteer:
    """The offline gazetteer: entries, their regions and the name index.

    Build it with :meth:`load`; it is immutable in use (regions of disc entries are built on demand
    and kept on the instance). ``entries`` is a DataFrame with one row per entry: ``entry_id``,
    ``kind``, ``label``, ``country``, ``admin1`` (province label), ``lon``, ``lat`` (representative
    point, degrees), ``uncertainty_km`` (see :class:`GeocodeResult`), ``population``, ``curated``,
    ``names``, ``alt_names`` (``|``-separated), ``source``.
    """

    entries: pd.DataFrame
    polygons: dict[str, Polygon | MultiPolygon]
    land: Polygon | MultiPolygon
    _strict: dict[str, dict[int, int]] = field(default_factory=dict, repr=False)
    _folded: dict[str, dict[int, int]] = field(default_factory=dict, repr=False)
    _kind: list[str] = field(default_factory=list, repr=False)
    _country: list[str] = field(default_factory=list, repr=False)
    _curated: list[bool] = field(default_factory=list, repr=False)
    _unc: list[float] = field(default_factory=list, repr=False)
    _lon: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0), repr=False)
    _lat: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0), repr=False)
    _keys_sorted: list[str] = field(default_factory=list, repr=False)
    _regions: dict[int, Polygon | MultiPolygon] = field(default_factory=dict, repr=False)

    # ---- loading ---------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | str | None = None) -> Gazetteer:
        """Read the gazetteer from ``path`` (default :data:`GAZETTEER_DIR`): about 0.5 s.

        >>> g = Gazetteer.load()
        >>> len(g.entries) > 2500
        True
        """
        folder = Path(path) if path is not None else GAZETTEER_DIR
        entries = pd.read_csv(
            folder / "entries.csv",
            dtype={"names": str, "alt_names": str, "country": str, "admin1": str, "source": str},
            keep_default_na=False,
            na_values={"uncertainty_km": [""], "population": [""], "lon": [""], "lat": [""]},
        )
        text = (folder / "regions.geojson").read_text(encoding="utf-8")
        raw = json.loads(text)
        geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in raw["features"]])
        polygons = {
            f["properties"]["entry_id"]: _areal(g) for f, g in zip(raw["features"], geoms, strict=True)
        }
        land_raw = json.loads((folder / "land.geojson").read_text(encoding="utf-8"))
        land = _areal(shapely.union_all([shape(f["geometry"]) for f in land_raw["features"]]))
        shapely.prepare(land)
        gaz = cls(entries=entries, polygons=polygons, land=land)
        gaz._index()
        return gaz

    def _index(self) -> None:
        e = self.entries
        unc = e["uncertainty_km"].to_numpy(dtype=float, copy=True)
        eids = e["entry_id"].astype(str).tolist()
        self._lon = e["lon"].to_numpy(dtype=float)
        self._lat = e["lat"].to_numpy(dtype=float)
        for i, eid in enumerate(eids):
            poly = self.polygons.get(eid)
            if poly is not None:
                self._regions[i] = poly
                if not math.isfinite(unc[i]):
                    unc[i] = enclosing_radius_km(float(self._lon[i]), float(self._lat[i]), poly)
        self.entries = e.assign(uncertainty_km=unc, curated=e["curated"].astype(bool))
        self._kind = self.entries["kind"].astype(str).tolist()
        self._country = self.entries["country"].astype(str).tolist()
        self._curated = self.entries["curated"].tolist()
        self._unc = unc.tolist()
        strict: dict[str, dict[int, int]] = {}
        folded: dict[str, dict[int, int]] = {}
        for i, (names, alts) in enumerate(zip(e["names"].tolist(), e["alt_names"].tolist(), strict=True)):
            for tier, text in ((0, names), (1, alts)):
                if not text:
                    continue
                for name in str(text).split("|"):
                    key = normalize_name(name)
                    if not key:
                        continue
                    d = strict.setdefault(key, {})
                    if d.get(i, 9) > tier:
                        d[i] = tier
                    fkey = _fold(key)
                    d = folded.setdefault(fkey, {})
                    if d.get(i, 9) > tier + 2:
                        d[i] = tier + 2
        self._strict = strict
        self._folded = folded
        self._keys_sorted = sorted(strict)

    # ---- entries ---------------------------------------------------------------------------------

    def region_of(self, idx: int) -> Polygon | MultiPolygon:
        """Region of entry number ``idx`` (row position in :attr:`entries`), lon/lat degrees (x = lon):
        the entry's polygon, or a geodesic disc of ``uncertainty_km`` around its point."""
        reg = self._regions.get(idx)
        if reg is None:
            row = self.entries.iloc[idx]
            reg = _areal(geodesic_ring(float(row["lon"]), float(row["lat"]), float(row["uncertainty_km"])))
            shapely.prepare(reg)
            self._regions[idx] = reg
        return reg

    def _describe(self, idx: int) -> str:
        row = self.entries.iloc[idx]
        where = ", ".join(str(x) for x in (row["admin1"], row["country"]) if x and str(x) != row["label"])
        return f"{row['label']} ({row['kind']}{', ' + where if where else ''})"

    def _result_from_entry(self, query: str, idx: int, *, rule: str, note: str = "") -> GeocodeResult:
        row = self.entries.iloc[idx]
        region = self.region_of(idx)
        unc = float(row["uncertainty_km"])
        shape_words = (
            "its polygon"
            if str(row["entry_id"]) in self.polygons
            else f"a {unc:g} km geodesic disc around its point"
        )
        expl = (
            f"Matched gazetteer entry '{row['entry_id']}' {self._describe(idx)}; region = {shape_words}. "
            f"Source: {row['source']}."
        )
        if note:
            expl += " " + note
        return GeocodeResult(
            query=query,
            label=str(row["label"]),
            kind=str(row["kind"]),
            region=region,
            lon=float(row["lon"]),
            lat=float(row["lat"]),
            uncertainty_km=unc,
            explanation=expl,
            entry_id=str(row["entry_id"]),
            rule=rule,
            country=str(row["country"]),
        )

    # ---- lookup ----------------------------------------------------------------------------------

    def _lookup(self, text: str, *, folded: bool | None = None) -> list[_Match]:
        """Matches of ``text``: exact keys (``folded=False``), romanisation-folded keys (``True``),
        or exact then folded (``None``)."""
        key = normalize_name(text)
        if not key:
            return []
        found = self._strict.get(key) if folded is not True else None
        if not found and folded is not False:
            found = self._folded.get(_fold(key))
        return [_Match(i, t) for i, t in (found or {}).items()]

    def _best(self, matches: list[_Match], *, kind: str | None, country: str | None) -> list[_Match]:
        if country:
            matches = [m for m in matches if self._country[m.idx] in (country, "")]
        if kind:
            same = [m for m in matches if self._kind[m.idx] == kind]
            if not same and kind == "county":  # "Kusong county": the town is its seat, not the test site
                same = [m for m in matches if self._kind[m.idx] == "city"]
            if same:
                matches = same
        if not matches:
            return []

        def score(m: _Match) -> tuple[int, int]:
            return (m.tier, 0 if self._curated[m.idx] else 1)

        best = min(score(m) for m in matches)
        return [m for m in matches if score(m) == best]

    def _same_place(self, idxs: list[int]) -> int | None:
        """One entry for several matches that are the same place, else ``None``.

        Same place: every match's point lies in the region of the largest match. The largest match
        is returned (the cautious region), except that a province is passed over for a city,
        county or site of the same name ("Tokyo" is the city; "Tokyo prefecture" the prefecture).
        """
        biggest = max(idxs, key=lambda i: (self._unc[i], -i))
        reg = self.region_of(biggest)
        lons = self._lon[idxs]
        lats = self._lat[idxs]
        if not bool(np.all(shapely.intersects_xy(reg, lons, lats))):
            return None
        local = [i for i in idxs if self._kind[i] != "province"]
        if local and len(local) < len(idxs):
            return max(local, key=lambda i: (self._unc[i], -i))
        return biggest

    def _candidates_for(
        self, text: str, *, country: str | None, passes: tuple[bool, ...] = (False, True)
    ) -> tuple[list[_Match], str | None, str]:
        """Best matches of a bare place name, trying the kind suffixes ("county", "-do", "島").

        Exact names first (whole text, then without a kind suffix), then romanisation-folded ones
        (``passes`` says which).
        """
        kind: str | None = None
        for folded in passes:
            m = self._best(self._lookup(text, folded=folded), kind=None, country=country)
            if m:
                return m, None, text
            for pattern, k in _KIND_SUFFIX:
                base = pattern.sub("", text).strip()
                if base and base != text:
                    m = self._best(self._lookup(base, folded=folded), kind=k, country=country)
                    if m:
                        return m, k, base
                    kind = kind or k
        return [], kind, text

    # ---- public API ------------------------------------------------------------------------------

    def search(self, text: str, limit: int = 10) -> list[str]:
        """Labels of entries whose names start with (then resemble) ``text``, for autocomplete.

        Ordered: name prefix matches first (curated, then by population), then close spellings.

        >>> Gazetteer.load().search("okushiri")[0]
        'Okushiri Island'
        """
        key = normalize_name(text)
        if not key or limit <= 0:  # a negative limit would otherwise slice off the end of the list
            return []
        e = self.entries
        tier: dict[int, int] = {}
        pos = bisect_left(self._keys_sorted, key)
        while pos < len(self._keys_sorted) and self._keys_sorted[pos].startswith(key) and len(tier) < 400:
            exact = self._keys_sorted[pos] == key
            for i, t in self._strict[self._keys_sorted[pos]].items():
                rank = t + (0 if exact else 2)  # exact name, exact other name, prefix of name, of other name
                tier[i] = min(tier.get(i, 9), rank)
            pos += 1
        pop = e["population"].fillna(0).to_numpy(dtype=float)
        kind_rank = {"facility": 0, "airport": 0, "county": 1, "island": 1, "province": 1, "sea": 1}
        ranked = sorted(
            tier,
            key=lambda i: (
                tier[i],
                0 if self._curated[i] else 1,
                kind_rank.get(self._kind[i], 2),
                -pop[i],
            ),
        )
        if len(ranked) < limit:
            close = difflib.get_close_matches(
                key, self._near_length(self._strict, key), n=limit * 2, cutoff=0.75
            )
            if not close and _fold(key) != key:
                fkey = _fold(key)
                close = difflib.get_close_matches(
                    fkey, self._near_length(self._folded, fkey), n=limit * 2, cutoff=0.75
                )
                ranked += [i for k in close for i in self._folded[k] if i not in ranked]
            ranked += [i for k in close for i in self._strict.get(k, {}) if i not in ranked]
        labels: dict[str, None] = {}
        for i in ranked:  # only as many labels as shown: describing one scans every label
            labels[self._describe(i) if self._label_clash(i) else str(e.at[i, "label"])] = None
            if len(labels) == limit:
                break
        return list(labels)

    @staticmethod
    def _near_length(index: dict[str, dict[int, int]], key: str) -> list[str]:
        """Keys that could reach a similarity ratio of 0.75 with ``key`` (length within 0.6x..1.67x)."""
        lo, hi = 0.6 * len(key), len(key) / 0.6
        return [k for k in index if lo <= len(k) <= hi]

    def _label_clash(self, idx: int) -> bool:
        return int((self.entries["label"] == self.entries.at[idx, "label"]).sum()) > 1

    def geocode(self, text: str, *, country: str | None = None) -> GeocodeResult:
        """Geocode a place description (see the module docstring for the grammar and rules).

        Parameters
        ----------
        text : str
            The description, e.g. ``"Sunan in Pyongyang"``, ``"off the east coast near Wonsan"``,
            ``"about 150 km west of Okushiri Island"``, ``"양덕군"``, ``"奥尻島の西約200km"``.
        country : {"KP", "KR", "JP"}, optional
            Keep only entries of this country (a disambiguation hint; seas are not filtered).

        Raises
        ------
        GeocodeError
            Unknown or ambiguous text; ``.candidates`` lists the places it could mean.
        """
        if not isinstance(text, str) or not text.strip():
            raise GeocodeError(
                str(text), "empty place description: give a place name such as 'Yangdok county'"
            )
        if len(text) > 300:
            raise GeocodeError(text[:50] + "...", "place description too long (at most 300 characters)")
        if country is not None:
            country = country.upper()
            if country not in ("KP", "KR", "JP"):
                raise ValueError(f"country must be 'KP', 'KR' or 'JP', got {country!r}")
        try:
            return self._geocode(text, _clean(text), country=country)
        except GeocodeError as err:
            if country is None or "unknown place" not in str(err):
                raise
            try:  # the name may exist, only in another country: say so rather than "no entry has this name"
                elsewhere = self._geocode(text, _clean(text), country=None)
            except GeocodeError:
                raise err from None
            where = f" ({elsewhere.country})" if elsewhere.country else ""
            raise GeocodeError(
                text,
                f"{text!r} is {elsewhere.label}{where}, which is not in {country}: check the country hint"
                " (or the record's 'country') and the place name",
                [elsewhere.label],
            ) from None

    # ---- grammar ---------------------------------------------------------------------------------

    def _geocode(self, query: str, q: str, *, country: str | None, depth: int = 0) -> GeocodeResult:
        """Parse ``q`` (cleaned ``query``). ``depth`` counts nested contexts ("X, Y, Z" is 2); it
        bounds the work on long comma lists."""
        m = _REL_EN.search(q)
        if m:
            return self._relative(query, m.group("anchor"), m, country=country, lang="en")
        m = _REL_JA.search(unicodedata.normalize("NFKC", query).strip())
        if m:
            return self._relative(query, m.group("anchor"), m, country=country, lang="ja")
        m = _REL_BAD_NUM.search(q)
        if m:
            raise GeocodeError(
                query,
                f"distance {m.group('num')!r} is not a plain positive number: write it in digits, e.g. "
                f"'about 200 {m.group('unit')} {m.group('dir')} of <place>'",
                [],
            )
        stripped = _LEADING.sub("", q).strip()
        m = _DIR_ONLY.match(stripped)
        if m and not self._lookup(stripped):
            raise GeocodeError(
                query,
                f"{query!r} gives a direction but no distance: write e.g. 'about 200 km "
                f"{m.group('dir')} of <place>' (a distance is needed to place it)",
                [],
            )
        m = _JA_OFFSHORE.match(stripped)
        if m and not self._lookup(stripped):  # "能登半島沖": off the Noto Peninsula
            anchor = self._geocode(m.group("x"), _clean(m.group("x")), country=country, depth=depth)
            return self._offshore(query, anchor)
        m = _OFF_COAST.match(stripped)
        if m:
            return self._offshore_coast(query, m, country=country)
        m = _OFF.match(stripped)
        if m:
            anchor = self._geocode(m.group("x"), _clean(m.group("x")), country=country, depth=depth)
            return self._offshore(query, anchor)
        return self._place(query, q, country=country, depth=depth)

    def _place(self, query: str, q: str, *, country: str | None, depth: int = 0) -> GeocodeResult:
        """A place name, possibly with fillers and a context ("X in Y", "X, Y")."""
        forms = list(dict.fromkeys([q, _LEADING.sub("", q).strip()]))
        forms += [_TRAILING.sub("", f).strip() for f in forms]
        forms = [f for f in dict.fromkeys(forms) if f]
        ambiguous: GeocodeError | None = None
        context_error: GeocodeError | None = None
        # exact names of every form before any romanisation-folded match ("the Oki Islands" must
        # not fold "theoki" into "Toki")
        for folded in (False, True):
            for form in forms:
                try:
                    res = self._name(query, form, country=country, folded=folded)
                except GeocodeError as err:
                    if err.candidates and ambiguous is None and "could mean" in str(err):
                        ambiguous = err
                    continue
                if res is not None:
                    return res
        # "北海道奥尻島", "島根県隠岐諸島": Japanese writes the prefecture before the place, unseparated.
        m = _JA_PREFECTURE.match(q) if _CJK.search(q) and depth < _MAX_CONTEXT_DEPTH else None
        if m:
            try:
                ctx = self._geocode(m.group(1), m.group(1), country=country, depth=depth + 1)
            except GeocodeError:
                ctx = None
            if ctx is not None:
                return self._in_context(query, m.group(2), ctx, country=country)
        # "X in Y", "X, Y", "the X area of Y": try each split, rightmost first.
        base = forms[-1] if forms else q
        for form in dict.fromkeys([_LEADING.sub("", q).strip(), base]) if depth < _MAX_CONTEXT_DEPTH else ():
            splits = list(_CONTEXT_SPLIT.finditer(form))[-_MAX_CONTEXT_SPLITS:]
            for sp in reversed(splits):
                left, right = form[: sp.start()].strip(), form[sp.end() :].strip()
                if not _WORD.search(left) or not _WORD.search(right):  # nothing to name a place
                    continue
                try:
                    ctx = self._geocode(right, right, country=country, depth=depth + 1)
                except GeocodeError:
                    continue
                try:
                    return self._in_context(query, left, ctx, country=country)
                except GeocodeError as err:  # "X, Y, Z": the next split may read "Y, Z" as the context
                    context_error = context_error or err
        if ambiguous is not None:
            raise ambiguous
        if context_error is not None:
            raise context_error
        cands = self.search(base, limit=6) if depth == 0 else []
        hint = f" Did you mean: {'; '.join(cands)}?" if cands else ""
        raise GeocodeError(
            query,
            f"unknown place {query!r}: no gazetteer entry has this name.{hint} "
            "Write a place name (facility, city, county, province, island, sea) or "
            "'about 200 km west of <place>' / 'off <place>'.",
            cands,
        )

    def _name(self, query: str, text: str, *, country: str | None, folded: bool) -> GeocodeResult | None:
        text = _TRAILING.sub("", text).strip() if not self._lookup(text) else text
        matches, kind, _ = self._candidates_for(text, country=country, passes=(folded,))
        if not matches:
            return None
        return self._resolve(query, matches, kind=kind, context=None)

    def _resolve(
        self, query: str, matches: list[_Match], *, kind: str | None, context: GeocodeResult | None
    ) -> GeocodeResult:
        e = self.entries
        idxs = list(dict.fromkeys(m.idx for m in matches))
        tier = min(m.tier for m in matches)
        how = ["main name", "other name", "romanisation variant", "romanisation variant"][tier]
        note = f"Matched by {how}."
        if context is not None:
            note += f" Context: within {CONTEXT_TOLERANCE_KM:g} km of {context.label}."
        if len(idxs) > 1:
            chosen = self._same_place(idxs)
            if chosen is None:
                labels = [self._describe(i) for i in idxs]
                first = e.iloc[idxs[0]]
                example = (
                    str(first["label"])
                    if first["kind"] in ("province", "region", "sea")
                    else f"{first['label']}, {first['admin1'] or first['country']}"
                )
                raise GeocodeError(
                    query,
                    f"ambiguous place {query!r}: it could mean {len(labels)} different places: "
                    f"{'; '.join(labels)}. Add a province or country to disambiguate "
                    f"(e.g. '{example}') or pass country='KP'/'KR'/'JP'.",
                    labels,
                )
            others = [self._describe(i) for i in idxs if i != chosen]
            note += (
                f" The same name also matches {'; '.join(others)}, which lie inside this region: "
                "the larger region is used."
            )
            idxs = [chosen]
        idx = idxs[0]
        if kind == "county" and e.at[idx, "kind"] == "city":
            row = e.iloc[idx]
            region = _areal(geodesic_ring(float(row["lon"]), float(row["lat"]), COUNTY_RADIUS_KM))
            return GeocodeResult(
                query=query,
                label=f"{row['label']} County",
                kind="county",
                region=region,
                lon=float(row["lon"]),
                lat=float(row["lat"]),
                uncertainty_km=COUNTY_RADIUS_KM,
                explanation=(
                    f"County given by its seat: gazetteer entry '{row['entry_id']}' {self._describe(idx)}; "
                    f"there is no county boundary data, so the county is a {COUNTY_RADIUS_KM:g} km geodesic "
                    f"disc around its seat. Source: {row['source']}. {note}"
                ),
                entry_id=str(row["entry_id"]),
                rule="county-from-seat",
                country=str(row["country"]),
            )
        return self._result_from_entry(query, idx, rule="context" if context else "entry", note=note)

    def _in_context(self, query: str, left: str, ctx: GeocodeResult, *, country: str | None) -> GeocodeResult:
        left = _LEADING.sub("", left).strip()
        left = _TRAILING.sub("", left).strip() or left
        matches, kind, _ = self._candidates_for(left, country=country)
        if not matches:
            # all matches (any quality), then filter by the context
            raw = self._lookup(left)
            for pattern, k in _KIND_SUFFIX:
                base = pattern.sub("", left).strip()
                if not raw and base != left:
                    raw, kind = self._lookup(base), k
            matches = raw
        if not matches:
            cands = self.search(left, limit=6)
            hint = f" Did you mean: {'; '.join(cands)}?" if cands else ""
            raise GeocodeError(query, f"unknown place {left!r} (in {ctx.label}).{hint}", cands)
        idx_list = [m.idx for m in matches]
        lons, lats = self._lon[idx_list], self._lat[idx_list]
        d = distance_to_region_km(lons, lats, ctx.region)
        inside = [m for m, dk in zip(matches, d, strict=True) if dk <= CONTEXT_TOLERANCE_KM]
        if not inside:
            labels = [self._describe(m.idx) for m in matches]
            own = self._best(matches, kind=kind, country=ctx.country or country)
            point_like = ctx.kind in ("county", "city", "facility", "airport") and ctx.rule in (
                "entry",
                "context",
                "county-from-seat",
            )
            if point_like and own and len({m.idx for m in own}) == 1:
                # A county or town is only a disc around its seat: its real extent may reach further.
                far = float(d[[m.idx for m in matches].index(own[0].idx)])
                res = self._resolve(query, own, kind=kind, context=None)
                return replace(
                    res,
                    explanation=res.explanation
                    + f" Context '{ctx.label}' NOT confirmed: the place lies {far:.0f} km from that "
                    f"{ctx.kind}'s disc (a disc around its seat only approximates its extent).",
                )
            raise GeocodeError(
                query,
                f"no place called {left!r} lies in or within {CONTEXT_TOLERANCE_KM:g} km of {ctx.label}; "
                f"places with that name: {'; '.join(labels)}. Check the place and its context.",
                labels,
            )
        best = self._best(inside, kind=kind, country=None) or inside
        return self._resolve(query, best, kind=kind, context=ctx)

    # ---- rules -----------------------------------------------------------------------------------

    def _relative(
        self, query: str, anchor_text: str, m: re.Match[str], *, country: str | None, lang: str
    ) -> GeocodeResult:
        num = float(m.group("num").replace(",", ""))
        unit_word = re.sub(r"\s+", " ", m.group("unit").lower())
        factor = _UNITS.get(unit_word, _UNITS.get(unit_word.rstrip("s"), 1.0))
        dist = num * factor
        if lang == "ja":
            code = _JA_DIRS[m.group("dir")]
            az, half, dlabel = _DIRS[code], (22.5 if len(code) <= 2 else 11.25), code.upper()
        else:
            try:
                az, half, dlabel = _direction(m.group("dir"))
            except ValueError as err:
                raise GeocodeError(query, f"{err}; use N, NE, ENE, ..., or north-west", []) from err
            if m.group("due"):
                half = 5.0
        if not (0.0 < dist < 5000.0):
            raise GeocodeError(
                query, f"distance {dist:g} km out of range: expected more than 0 and under 5,000 km"
            )
        anchor_clean = _clean(anchor_text)
        anchor = self._geocode(anchor_text, anchor_clean, country=country)
        if anchor.uncertainty_km > dist:
            raise GeocodeError(
                query,
                f"{anchor.label} spans ±{anchor.uncertainty_km:.0f} km, more than the {dist:.0f} km of the "
                "relative position: measure from a smaller place (a town, island or cape)",
                [anchor.label],
            )
        dsig = max(0.10 * dist, 5.0)
        lon, lat = destination(anchor.lon, anchor.lat, azimuth_deg=az, distance_km=dist)
        lon, lat = float(lon), float(lat)
        sect = sector(
            anchor.lon,
            anchor.lat,
            bearing_deg=az,
            spread_deg=half,
            min_km=max(dist - dsig, 0.0),
            max_km=dist + dsig,
        )
        region = _clean_region(
            buffer_region(sect, anchor.uncertainty_km) if anchor.uncertainty_km > 0 else sect
        )
        unc = enclosing_radius_km(lon, lat, region)
        precision = (
            "due direction" if half == 5.0 else ("16-point" if half == 11.25 else "8-point") + " compass"
        )
        unit_txt = f"{num:g} {m.group('unit')} = {dist:.1f} km" if factor != 1.0 else f"{dist:g} km"
        label = f"about {dist:.0f} km {dlabel} of {anchor.label}"
        expl = (
            f"Relative position: {unit_txt} towards {dlabel} (azimuth {az:g}°) from {anchor.label} "
            f"({anchor.lat:.4f}N {anchor.lon:.4f}E). Point = geodesic destination (WGS84, Geod.fwd). "
            f"Region = geodesic sector azimuth {az:g}° ± {half:g}° "
            f"({precision}), "
            f"distance {dist:.0f} ± {dsig:.0f} km (10 %, at least 5 km), grown by the anchor's uncertainty "
            f"{anchor.uncertainty_km:.1f} km. Anchor: {anchor.explanation}"
        )
        return GeocodeResult(
            query=query,
            label=label,
            kind="relative",
            region=region,
            lon=lon,
            lat=lat,
            uncertainty_km=round(unc, 3),
            explanation=expl,
            entry_id=anchor.entry_id,
            rule="relative",
            country="",
        )

    def _sea_part(self, region: BaseGeometry) -> Polygon | MultiPolygon:
        return _clean_region(shapely.difference(region, self.land))

    def _offshore(self, query: str, anchor: GeocodeResult) -> GeocodeResult:
        if anchor.kind == "sea":  # "off the Sea of Japan" is the sea itself
            return replace(anchor, query=query)
        sea = self._sea_part(_clean_region(buffer_region(anchor.region, OFFSHORE_KM)))
        if sea.is_empty or sea.area < 1e-6:
            raise GeocodeError(
                query,
                f"{anchor.label} is more than {OFFSHORE_KM + anchor.uncertainty_km:g} km from the sea: "
                "'off' needs a coastal place (e.g. 'off Wonsan').",
                [anchor.label],
            )
        lon, lat = self._nearest_sea_point(sea, anchor)
        unc = enclosing_radius_km(lon, lat, sea)
        return GeocodeResult(
            query=query,
            label=f"Sea off {anchor.label}",
            kind="sea",
            region=sea,
            lon=lon,
            lat=lat,
            uncertainty_km=round(unc, 3),
            explanation=(
                f"Offshore rule: the sea within {OFFSHORE_KM:g} km (geodesic) of {anchor.label}'s region, "
                f"land removed (Natural Earth 10m land); point = the sea point nearest to "
                f"{anchor.label} at the middle of that band. Anchor: {anchor.explanation}"
            ),
            entry_id=anchor.entry_id,
            rule="offshore",
            country=anchor.country,
        )

    def _nearest_sea_point(self, sea: Polygon | MultiPolygon, anchor: GeocodeResult) -> tuple[float, float]:
        """A point of ``sea`` offshore of the anchor: from the anchor's point, along the geodesic
        to the nearest sea vertex, half the offshore band further out; falls back to a point on
        the sea region."""
        coords = shapely.get_coordinates(shapely.boundary(sea))  # outer edge and coastlines (holes)
        d = distance_km(
            np.full(len(coords), anchor.lon), np.full(len(coords), anchor.lat), coords[:, 0], coords[:, 1]
        )
        near = coords[int(np.argmin(d))]
        az = float(azimuth_deg(anchor.lon, anchor.lat, near[0], near[1]))
        for extra in (OFFSHORE_KM / 2, OFFSHORE_KM / 4, OFFSHORE_KM / 8):
            lon, lat = destination(
                anchor.lon, anchor.lat, azimuth_deg=az, distance_km=float(np.min(d)) + extra
            )
            if shapely.contains_xy(sea, float(lon), float(lat)):
                return float(lon), float(lat)
        return _rep_point(sea)

    def _offshore_coast(self, query: str, m: re.Match[str], *, country: str | None) -> GeocodeResult:
        side = m.group("side")
        near = m.group("near")
        of = m.group("of")
        if near:
            anchor = self._geocode(near, _clean(near), country=country)
            return replace(
                self._offshore(query, anchor), label=f"Sea off the {side} coast near {anchor.label}"
            )
        if of and normalize_name(of) not in ("northkorea", "thekoreanpeninsula", "koreanpeninsula", "dprk"):
            anchor = self._geocode(of, _clean(of), country=country)
            return self._offshore(query, anchor)
        if side not in ("east", "west"):
            raise GeocodeError(
                query,
                f"'{side} coast' is not in the gazetteer: North Korea has an east and a west coast",
                ["East coast of North Korea", "West coast of North Korea"],
            )
        idx = int(np.flatnonzero(self.entries["entry_id"] == f"kp-{side}-coast")[0])
        coast = self._result_from_entry(query, idx, rule="offshore-coast")
        sea = self._sea_part(coast.region)
        lon, lat = _rep_point(sea)
        return GeocodeResult(
            query=query,
            label=f"Sea off the {side} coast of North Korea",
            kind="coast",
            region=sea,
            lon=lon,
            lat=lat,
            uncertainty_km=round(enclosing_radius_km(lon, lat, sea), 3),
            explanation="Sea part of the coastal strip (land removed). " + coast.explanation,
            entry_id=coast.entry_id,
            rule="offshore-coast",
            country="KP",
        )


def geocode(text: str, *, gazetteer: Gazetteer | None = None, country: str | None = None) -> GeocodeResult:
    """Geocode ``text`` with ``gazetteer`` (loads the shipped one when ``None``: about 0.5 s; the
    app keeps one :class:`Gazetteer` in its cache and passes it).

    Parameters
    ----------
    text : str
        A place description, at most 300 characters (see :meth:`Gazetteer.geocode`).
    gazetteer : Gazetteer, keyword-only, optional
        The gazetteer to use; default :meth:`Gazetteer.load` of :data:`GAZETTEER_DIR`.
    country : {"KP", "KR", "JP"}, keyword-only, optional
        Disambiguation hint (case-insensitive).

    Returns
    -------
    GeocodeResult
        Region (lon/lat polygon, x = lon), representative point ``(lon, lat)`` in degrees,
        ``uncertainty_km``, explanation.

    Raises
    ------
    GeocodeError
        Unknown or ambiguous text (``.candidates`` lists the places it could mean).
    ValueError
        ``country`` is not KP, KR or JP.

    >>> r = geocode("Sunan in Pyongyang")
    >>> r.rule, r.kind
    ('context', 'facility')
    """
    gaz = gazetteer if gazetteer is not None else Gazetteer.load()
    return gaz.geocode(text, country=country)


# --------------------------------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------------------------------


def _num(value: Any) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


#: Largest launch_uncertainty_km a record may state (km): beyond it a disc says nothing about the site
#: (and geo.impact cannot grow a zone by it).
_MAX_RECORD_UNCERTAINTY_KM = 10_000.0


class _RowProblem(Exception):
    """A record that cannot get a launch region: the field to blame, what was expected, what came."""

    def __init__(self, field: str, expected: str, got: Any) -> None:
        super().__init__(expected)
        self.field, self.expected, self.got = field, expected, got


def geocode_records(
    records: pd.DataFrame, *, gazetteer: Gazetteer
) -> tuple[gpd.GeoDataFrame, list[RecordError]]:
    """Give every launch record a launch region; reject (and report) rows that cannot have one.

    Per row, in order:

    1. ``location_precision == "placeholder"`` (the source's stand-in point for an unknown site) or
       no ``launch_lon``/``launch_lat`` and no ``launch_place`` (``"unreported"``): the region is the
       launching ``country`` (North Korea), rule ``placeholder-country`` / ``unreported-country``.
    2. ``launch_lon`` + ``launch_lat`` present: a geodesic disc around them, rule ``coordinates``.
       Radius: the row's ``launch_uncertainty_km`` if given, else by ``location_precision``
       (:data:`SITE_RADIUS_KM`: site 5 km, area 20 km, point 1 km), else 5 km.
    3. Otherwise ``launch_place`` is geocoded (:meth:`Gazetteer.geocode`, with the row's
       ``country`` as hint when it is KP/KR/JP) and, when the row lacks them, ``launch_lon`` /
       ``launch_lat`` are filled with the result's representative point.

    Returns
    -------
    (GeoDataFrame, list of RecordError)
        The good rows (input columns kept, index kept) plus ``launch_region`` (the active geometry
        column, EPSG:4326), ``launch_uncertainty_km``, ``geocode_rule``, ``geocode_label`` and
        ``geocode_explanation``; rejected rows as :class:`geo.records.RecordError` naming the
        field to fix: ``launch_place`` (unknown or ambiguous place), ``launch_lon`` / ``launch_lat``
        (one without the other), ``launch_lon/launch_lat`` (out of range), ``launch_uncertainty_km``
        (not above 0 and below 10,000 km) or ``country`` (no site and no KP/KR/JP country). Row
        numbers are 1-based positions in ``records``.
    """
    import geopandas as gpd

    cols = set(records.columns)
    keep: list[int] = []  # positions, not index labels: an index may repeat a label
    regions: list[BaseGeometry] = []
    uncs: list[float] = []
    rules: list[str] = []
    labels: list[str] = []
    expls: list[str] = []
    lons: list[float | None] = []
    lats: list[float | None] = []
    errors: list[RecordError] = []
    pending: list[tuple[int, float, float, float]] = []  # (slot, lon, lat, radius_km) of coordinate discs
    country_idx = {
        c: int(np.flatnonzero(gazetteer.entries["entry_id"] == f"{c.lower()}-country")[0])
        for c in ("KP", "KR", "JP")
    }
    for pos, (_, row) in enumerate(records.iterrows(), start=1):
        rid = _text(row["id"]) if "id" in cols else ""
        lon = _num(row["launch_lon"]) if "launch_lon" in cols else None
        lat = _num(row["launch_lat"]) if "launch_lat" in cols else None
        place = _text(row["launch_place"]) if "launch_place" in cols else ""
        precision = _text(row["location_precision"]).lower() if "location_precision" in cols else ""
        ctry = _text(row["country"]).upper() if "country" in cols else ""
        given_unc = _num(row["launch_uncertainty_km"]) if "launch_uncertainty_km" in cols else None
        try:
            if (lon is None) != (lat is None):
                have, need = ("launch_lon", "launch_lat") if lat is None else ("launch_lat", "launch_lon")
                raise _RowProblem(
                    need,
                    f"a finite number of degrees to go with {have} (give both or neither)",
                    row[need] if need in cols else None,
                )
            if precision == "placeholder" or (lon is None and lat is None and not place):
                if ctry not in country_idx:
                    raise _RowProblem(
                        "country",
                        "'KP', 'KR' or 'JP': with no launch site reported, the launching country is the"
                        " launch region",
                        row["country"] if "country" in cols else None,
                    )
                why = (
                    "the source gives a stand-in point for an unknown launch site"
                    if precision == "placeholder"
                    else "the launch site was not reported"
                )
                res = gazetteer._result_from_entry(
                    place or ctry,
                    country_idx[ctry],
                    rule="placeholder-country" if precision == "placeholder" else "unreported-country",
                    note=f"Used because {why}: the region is the whole launching country.",
                )
                region, unc, rule, label, expl = (
                    res.region,
                    res.uncertainty_km,
                    res.rule,
                    res.label,
                    res.explanation,
                )
                out_lon, out_lat = (lon, lat) if lon is not None and lat is not None else (res.lon, res.lat)
            elif lon is not None and lat is not None:
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    raise _RowProblem(
                        "launch_lon/launch_lat",
                        "lon in [-180, 180] and lat in [-90, 90] degrees (WGS84, lon first)",
                        f"lon {lon!r}, lat {lat!r}",
                    )
                if given_unc is not None and not 0 < given_unc < _MAX_RECORD_UNCERTAINTY_KM:
                    raise _RowProblem(
                        "launch_uncertainty_km",
                        f"a radius in km above 0 and below {_MAX_RECORD_UNCERTAINTY_KM:,.0f}, or empty",
                        row["launch_uncertainty_km"],
                    )
                radius = given_unc if given_unc is not None else SITE_RADIUS_KM.get(precision, 5.0)
                why = (
                    "the record's launch_uncertainty_km"
                    if given_unc is not None
                    else f"location_precision {precision!r}"
                    if precision in SITE_RADIUS_KM
                    else "default for coordinates of a named site"
                )
                region = Polygon()  # filled below, all discs in one vectorized call per radius
                pending.append((len(regions), lon, lat, radius))
                unc, rule = radius, "coordinates"
                label = place or f"{lat:.4f}N {lon:.4f}E"
                expl = (
                    f"Launch coordinates of the record ({lat:.5f}N, {lon:.5f}E); region = {radius:g} km "
                    f"geodesic disc ({why})."
                )
                out_lon, out_lat = lon, lat
            else:
                res = gazetteer.geocode(place, country=ctry if ctry in country_idx else None)
                region, unc, rule, label, expl = (
                    res.region,
                    res.uncertainty_km,
                    res.rule,
                    res.label,
                    res.explanation,
                )
                out_lon, out_lat = res.lon, res.lat
        except _RowProblem as prob:
            errors.append(RecordError(pos, rid or None, prob.field, prob.expected, prob.got))
            continue
        except GeocodeError as err:
            example = "; ".join(err.candidates[:3]) or "Yangdok county, Sohae, Sunan in Pyongyang"
            errors.append(
                RecordError(
                    row=pos,
                    record_id=rid or None,
                    field="launch_place",
                    expected=f"a place the gazetteer knows (e.g. {example}) or launch_lon/launch_lat ({err})",
                    got=place or None,
                )
            )
            continue
        keep.append(pos - 1)
        regions.append(region)
        uncs.append(float(unc))
        rules.append(rule)
        labels.append(label)
        expls.append(expl)
        lons.append(out_lon)
        lats.append(out_lat)
    for radius in sorted({p[3] for p in pending}):
        todo = [p for p in pending if p[3] == radius]
        centres = sorted({(p[1], p[2]) for p in todo})
        rings = geodesic_rings([c[0] for c in centres], [c[1] for c in centres], [radius])
        disc = {c: _areal(r[0]) for c, r in zip(centres, rings, strict=True)}
        for slot, lon_, lat_, _ in todo:
            regions[slot] = disc[(lon_, lat_)]
    out = records.iloc[keep].copy()
    out["launch_lon"] = lons
    out["launch_lat"] = lats
    out["launch_uncertainty_km"] = uncs
    out["geocode_rule"] = rules
    out["geocode_label"] = labels
    out["geocode_explanation"] = expls
    if "geometry" in out.columns:
        out = out.drop(columns=["geometry"])
    gdf = gpd.GeoDataFrame(
        pd.DataFrame(out), geometry=gpd.GeoSeries(regions, index=out.index, crs="EPSG:4326")
    )
    gdf = gdf.rename_geometry("launch_region")
    return gdf, errors
