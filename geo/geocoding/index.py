"""The gazetteer index: entries, their regions, and the name keys they are found under.

:class:`Gazetteer` loads ``data/gazetteer/`` (built by ``data/build/build_gazetteer.py``):

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

Every name of an entry is indexed under its :func:`~geo.geocoding.names.normalize_name` key and its
romanisation-folded key (:func:`~geo.geocoding.names.fold_key`).

Ambiguity
---------
Matches are ranked by (name quality, curated): a main name beats a secondary name, an exact
match beats a romanisation-folded one, and at equal quality an entry of the hand-made tables
(facilities and ``places_curated.csv``, written for this domain) beats a generic GeoNames one.
Several best matches that are the *same place* (each one's point lies in the largest one's
region, e.g. the city and the province of Pyongyang) resolve to the largest (the most cautious
region); the explanation names the others.
"""

from __future__ import annotations

import difflib
import json
import math
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

from geo.geocoding.mentions import Mention, MentionIndex, find_mentions
from geo.geocoding.names import KIND_SUFFIXES, fold_key, normalize_name
from geo.geocoding.regions import areal, enclosing_radius_km
from geo.geocoding.result import GeocodeResult
from geo.geocoding.world import WorldPlaces
from geo.geodesy import geodesic_ring
from geo.paths import DATA_DIR

__all__ = ["GAZETTEER_DIR", "KINDS", "Gazetteer"]

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
    _mention_index: MentionIndex | None = field(default=None, repr=False)
    _world: WorldPlaces | None = field(default=None, repr=False)

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
            f["properties"]["entry_id"]: areal(g) for f, g in zip(raw["features"], geoms, strict=True)
        }
        land_raw = json.loads((folder / "land.geojson").read_text(encoding="utf-8"))
        land = areal(shapely.union_all([shape(f["geometry"]) for f in land_raw["features"]]))
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
        labels = e["label"].astype(str).tolist()
        for i, (names, alts) in enumerate(zip(e["names"].tolist(), e["alt_names"].tolist(), strict=True)):
            for tier, text in ((0, f"{names}|{labels[i]}"), (1, alts)):
                if not text:
                    continue
                for name in str(text).split("|"):
                    key = normalize_name(name)
                    if not key:
                        continue
                    d = strict.setdefault(key, {})
                    if d.get(i, 9) > tier:
                        d[i] = tier
                    fkey = fold_key(key)
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
            reg = areal(geodesic_ring(float(row["lon"]), float(row["lat"]), float(row["uncertainty_km"])))
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
            found = self._folded.get(fold_key(key))
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
            for pattern, k in KIND_SUFFIXES:
                base = pattern.sub("", text).strip()
                if base and base != text:
                    m = self._best(self._lookup(base, folded=folded), kind=k, country=country)
                    if m:
                        return m, k, base
                    kind = kind or k
        return [], kind, text

    # ---- public API ------------------------------------------------------------------------------

    def mentions(self, text: str) -> list[Mention]:
        """Every gazetteer name in a running text (see :func:`~geo.geocoding.mentions.find_mentions`).

        >>> [m.text for m in Gazetteer.load().mentions("fired from Kusong toward the East Sea")]
        ['Kusong', 'East Sea']
        """
        return find_mentions(self, text)

    def world(self) -> WorldPlaces:
        """World places behind this gazetteer (:mod:`geo.geocoding.world`), built on first use (about
        1.5 s) and kept."""
        if self._world is None:
            self._world = WorldPlaces.build()
        return self._world

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
            if not close and fold_key(key) != key:
                fkey = fold_key(key)
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
        """Geocode a place description (grammar and rules: :mod:`geo.geocoding.grammar`).

        Parameters
        ----------
        text : str
            The description, at most 300 characters, e.g. ``"Sunan in Pyongyang"``, ``"off the east
            coast near Wonsan"``, ``"about 150 km west of Okushiri Island"``, ``"양덕군"``,
            ``"奥尻島の西約200km"``.
        country : {"KP", "KR", "JP"}, optional
            Keep only entries of this country (a disambiguation hint; seas are not filtered).

        Returns
        -------
        GeocodeResult
            Region (lon/lat polygon, x = lon), representative point ``(lon, lat)`` in degrees,
            ``uncertainty_km``, explanation.

        Raises
        ------
        GeocodeError
            Unknown or ambiguous text; ``.candidates`` lists the places it could mean.
        ValueError
            ``country`` is not KP, KR or JP.
        """
        from geo.geocoding.grammar import geocode_text  # the grammar builds on this index

        return geocode_text(self, text, country=country)
