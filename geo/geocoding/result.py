"""What the geocoder returns: :class:`GeocodeResult` (a region with its uncertainty and explanation)
and :class:`GeocodeError` (unknown or ambiguous text, with the candidates)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

from geo.geocoding.regions import round_coords

__all__ = ["GeocodeError", "GeocodeResult"]


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
        geom = round_coords(mapping(shapely.orient_polygons(self.region, exterior_cw=False)))
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
