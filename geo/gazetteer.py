"""Compatibility module: the geocoder now lives in the :mod:`geo.geocoding` package.

``from geo.gazetteer import Gazetteer, geocode, geocode_records, ...`` keeps working; new code
imports from :mod:`geo.geocoding` (or from :mod:`geo`).
"""

from __future__ import annotations

from geo.geocoding.grammar import CONTEXT_TOLERANCE_KM, COUNTY_RADIUS_KM, geocode
from geo.geocoding.index import GAZETTEER_DIR, KINDS, Gazetteer
from geo.geocoding.names import normalize_name
from geo.geocoding.records import SITE_RADIUS_KM, geocode_records
from geo.geocoding.regions import enclosing_radius_km
from geo.geocoding.result import GeocodeError, GeocodeResult
from geo.geocoding.rules import OFFSHORE_KM

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
