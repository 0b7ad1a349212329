"""The few folium/branca elements the map is made of; each renders verbatim (:mod:`geo.safetext`).

- :class:`MapElement`: the Leaflet map (folium's ``Map``).
- :class:`Script`: JavaScript run once the map exists (``map`` is the Leaflet map).
- :class:`UpdateGroup`: the dynamic part, a feature group holding one :class:`UpdateCall`
  (``LA.update(<payload>, <group>)``); streamlit-folium re-evaluates it in place on every rerun.

The payload of an update is one JavaScript literal written by :func:`geo.safetext.js_literal`; no text
is ever put into a template.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import folium
from jinja2 import Template

from geo.safetext import VerbatimMacroElement, js_literal

#: Building blocks of :mod:`geo.mapview` only (not re-exported by :mod:`geo`).
__all__: list[str] = []


class MapElement(folium.Map, VerbatimMacroElement):
    """``folium.Map`` whose rendered text is never recompiled."""


class UpdateGroup(folium.FeatureGroup, VerbatimMacroElement):
    """``folium.FeatureGroup`` whose rendered text is never recompiled (holds the selection)."""


class Script(VerbatimMacroElement):
    """A bit of JavaScript run after the map exists (``map`` is the Leaflet map variable)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map) {
        {{ this.code }}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, code: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Script"
        self.code = code


class UpdateCall(VerbatimMacroElement):
    """``LA.update(payload, group)``: apply one state of the map (see ``runtime.js``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        LA.update({{ this.payload }}, {{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: Mapping[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "UpdateCall"
        self.payload = js_literal(dict(payload))
