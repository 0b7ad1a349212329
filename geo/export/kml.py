"""KML for Google Earth, written with fastkml: a folder per layer, the app's colours, safe balloons.

* One ``<Folder>`` per layer (:data:`geo.export.content.LAYER_SPECS`), with the layer's description;
  the document carries the title, the summary and the attribution.
* Shared styles in the app's colours (:data:`geo.mapview.OVERLAY_STYLES`): red range rings, purple
  reported-distance ring, orange estimated launch area, blue estimated impact area; launch pins
  grey, the selected launch red.
* Attributes are typed ``<SchemaData>`` (double, int, bool, string), so GDAL and QGIS read them back
  as numbers and flags. A launch's ``id`` is written as ``event_id`` (GDAL's KML readers reserve
  ``id`` for the placemark's XML id); GDAL's LIBKML reader adds its own KML columns (``Name``,
  ``description``, ``timestamp``, ...). Launches carry a ``<TimeStamp>`` at the precision
  reported (year, month or day), which gives Google Earth's time slider.
* Balloons show only the feature's ``<description>``, an HTML table built here with every text value
  HTML-escaped (and Google Earth's ``$[...]`` entity syntax neutralised), so text from data or from
  a user's file shows as text, never as markup or script. Names are plain text.
* Areas (rings, estimates) are drawn correctly by a globe even when they cross 180° or enclose a
  pole: each is a ``<MultiGeometry>`` of polygon pieces no larger than 90° x 90°
  (:func:`geo.export._geometry.globe_tiles`: never more than a hemisphere, no pole inside, no edge
  across 180°), filled without outline, plus the area's true boundary as tessellated lines (without
  the cut edges). A 13,000 km ring from Pyongyang is thus drawn around the North Pole, not as the
  27 % of the Earth it leaves out.

Coordinates are lon,lat (KML order) on WGS84 with 6 decimals (about 0.1 m).
"""

from __future__ import annotations

from geo.export.content import ExportContent

__all__ = ["dumps_kml", "kml_colour"]


def kml_colour(hex_rgb: str, opacity: float = 1.0) -> str:
    """``#rrggbb`` and an opacity in [0, 1] as KML's ``aabbggrr``.

    >>> kml_colour("#b3261e", 0.2)
    '331e26b3'
    """
    h = hex_rgb.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"expected a colour #rrggbb, got {hex_rgb!r}")
    alpha = max(0, min(255, round(opacity * 255)))
    return f"{alpha:02x}{h[4:6]}{h[2:4]}{h[0:2]}".lower()


def dumps_kml(content: ExportContent, *, precision: int = 6) -> str:
    """``content`` as a KML 2.2 document (text, UTF-8 ready, deterministic).

    Parameters
    ----------
    content : ExportContent
        From :func:`geo.export.build_view_content`.
    precision : int
        Decimals kept in coordinates (6: about 0.1 m).

    Raises
    ------
    ValueError
        When ``content`` is empty.
    """
    if not len(content):
        raise ValueError("nothing to export: the view has no launch and no overlay")
    from geo.export._kmldoc import build_kml  # fastkml is imported when a KML is written, not with geo

    return build_kml(content, precision=precision)
