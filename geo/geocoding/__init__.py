"""Geocoding: place phrases and news reports -> launch regions with an uncertainty, offline.

One concept per module:

:mod:`~geo.geocoding.names`
    name normalisation and romanisation variants (the keys names are matched under);
:mod:`~geo.geocoding.index`
    the gazetteer (:class:`Gazetteer`): entries, their regions and the name index;
:mod:`~geo.geocoding.grammar`
    the place-phrase grammar (:func:`geocode`): "Sunan in Pyongyang", "off the east coast near
    Wonsan", "about 200 km west of Okushiri Island", "奥尻島の西約200km";
:mod:`~geo.geocoding.rules`
    regions derived from an anchor place (relative positions, offshore seas);
:mod:`~geo.geocoding.regions` / :mod:`~geo.geocoding.result`
    geodesic geometry helpers; :class:`GeocodeResult` and :class:`GeocodeError`;
:mod:`~geo.geocoding.records`
    :func:`geocode_records`: a launch region for every record of a table.

Coordinates are (lon, lat) degrees on WGS84; distances are km.
"""

from __future__ import annotations

from geo.geocoding import grammar, index, names, records, regions, result, rules
from geo.geocoding.grammar import *  # noqa: F403
from geo.geocoding.index import *  # noqa: F403
from geo.geocoding.names import *  # noqa: F403
from geo.geocoding.records import *  # noqa: F403
from geo.geocoding.regions import *  # noqa: F403
from geo.geocoding.result import *  # noqa: F403
from geo.geocoding.rules import *  # noqa: F403

__all__ = [
    *grammar.__all__,
    *index.__all__,
    *names.__all__,
    *records.__all__,
    *regions.__all__,
    *result.__all__,
    *rules.__all__,
]
