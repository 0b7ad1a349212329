"""The Map page, one concept per module (``pages/map.py`` composes them).

- :mod:`ui.mappage.keys`: the session-state keys of the page's widgets.
- :mod:`ui.mappage.urlstate`: widgets <-> shareable URL (``st.query_params``).
- :mod:`ui.mappage.sidebar`: the sidebar (filters, launch selector, ranges, layers, display); it returns
  a :class:`~ui.mappage.context.MapContext`, everything the rest of the page needs.
- :mod:`ui.mappage.stepper`: stepping through launches (callbacks, the step-through header).
- :mod:`ui.mappage.selected`: what is computed for the selected launch (rings, estimates, verdict) and
  drawn on the map (overlays come from :mod:`geo.overlays`).
- :mod:`ui.mappage.details`: the details panel beside (or under) the map, and the explainer.
- :mod:`ui.mappage.mapframe`: which layers are shown, attribution, and the map component itself.

A new panel (e.g. a reach panel) is a function ``panel(ctx, launch) -> None`` called from
``pages/map.py`` where the details are rendered; a new kind of overlay is built in :mod:`geo.overlays`.
"""
