"""The "Read a report" page, one concept per module (``pages/report.py`` composes them).

- :mod:`ui.reportpage.reading`: the input (paste, upload, example), bounded on the server, and the
  reading (:func:`geo.read_report`), kept in the session as a :class:`~ui.reportpage.reading.Reading`.
- :mod:`ui.reportpage.findings`: what was found: the report with the evidence highlighted, and for
  each launch its fields in words, what was not found.
- :mod:`ui.reportpage.preview`: the map preview of a launch (launch area, reported distance as a
  geodesic ring, landing estimate, maritime verdict beside the report's EEZ claim).
- :mod:`ui.reportpage.drafts`: the editable table of drafts, checked like an import, "add to the map"
  and the download in the catalogue's format.
"""
