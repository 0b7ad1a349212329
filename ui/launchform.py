"""The "add a launch" form: a date, place words, distance, direction, count and type -> a session record.

The answers become one raw record (:func:`geo.form_record`), checked by the validator like an
imported row and placed by the geocoder (:func:`ui.records.add_records`), so a launch typed here is
selectable on the map, listed on the Events page and in every download, like the catalogue's.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

import geo
from ui import records
from ui.state import md_escape

__all__ = ["COUNTRIES", "render_launch_form"]

#: The launching countries offered (ISO 3166-1 alpha-2 -> name); "" lets the place decide.
COUNTRIES: dict[str, str] = {
    "KP": "North Korea",
    "CN": "China",
    "IR": "Iran",
    "RU": "Russia",
    "KR": "South Korea",
    "JP": "Japan",
    "US": "United States",
    "IN": "India",
    "PK": "Pakistan",
    "": "another country / not reported",
}
_TYPE_WORDS = {
    "SRBM": "SRBM (short range)",
    "MRBM": "MRBM (medium range)",
    "IRBM": "IRBM (intermediate range)",
    "ICBM": "ICBM (intercontinental)",
    "SLBM": "SLBM (from a submarine)",
    "SLV": "SLV (satellite launcher)",
    "HGV": "HGV (hypersonic glide vehicle)",
    "cruise": "cruise missile",
    "unknown": "not reported",
}
FORM_KEY = "form"
_K_ADDED = "la_form_added"


def render_launch_form() -> None:
    """The form; on "Add to the map" the launch joins the session's records (or the problems show)."""
    with st.form("la_add_launch", border=True):
        c1, c2 = st.columns(2)
        when = c1.date_input(
            "Date of the launch (local date)",
            value=None,
            min_value=dt.date(1900, 1, 1),
            max_value=dt.date(2100, 12, 31),
            format="YYYY-MM-DD",
            key="f_date",
            help="The date where the missile was launched (North Korea and Japan: UTC+9).",
        )
        country = c2.selectbox(
            "Launched by", list(COUNTRIES), format_func=COUNTRIES.__getitem__, key="f_country"
        )
        place = st.text_input(
            "Launched from (place words or coordinates)",
            key="f_place",
            max_chars=200,
            placeholder="e.g. Sunan, Pyongyang · Sinpo · near Wonsan · 39.03N 125.75E",
            help="A place the app knows (cities, counties, launch sites, coasts), as a report words it, "
            "or coordinates with N/S and E/W.",
        )
        c3, c4, c5, c6 = st.columns([1.2, 1.2, 0.8, 1.4])
        distance = c3.number_input(
            "Distance flown (km)", min_value=0.0, max_value=19_999.0, value=None, step=50.0, key="f_distance"
        )
        direction = c4.text_input(
            "Direction", key="f_direction", max_chars=40, placeholder="e.g. 80 or ENE, east"
        )
        count = c5.number_input("Missiles", min_value=1, max_value=100, value=1, step=1, key="f_count")
        stype = c6.selectbox(
            "Type",
            list(_TYPE_WORDS),
            index=list(_TYPE_WORDS).index("unknown"),
            format_func=_TYPE_WORDS.__getitem__,
            key="f_type",
        )
        source = st.text_input(
            "Source (optional)", key="f_source", max_chars=300, placeholder="a link or the report's name"
        )
        submitted = st.form_submit_button("Add this launch to the map", type="primary")
    if submitted:
        _add(when, country, place, distance, direction, int(count), stype, source)
    _open_on_map()


def _open_on_map() -> None:
    """After a launch was added: a button that opens it on the Map page (selected)."""
    rid = st.session_state.get(_K_ADDED)
    if not rid or records.find_record(str(rid)) is None:
        return
    if st.button("Open the launch you added on the map", key="f_open"):
        st.session_state.pop("_m_saved_view", None)
        st.switch_page("pages/map.py", query_params={"event": str(rid)})


def _add(
    when: dt.date | None,
    country: str,
    place: str,
    distance: float | None,
    direction: str,
    count: int,
    stype: str,
    source: str,
) -> None:
    problems: list[str] = []
    if when is None:
        problems.append("Give the date of the launch.")
    if not place.strip():
        problems.append("Give the place it was launched from (words such as 'Sinpo', or coordinates).")
    row, found = geo.form_record(
        date=when or "",
        place=place,
        country=country,
        distance_km=distance if distance else None,
        direction=direction,
        count=count,
        system_type=stype,
        source=source,
    )
    problems += [f"{_FIELD_WORDS.get(f, f)}: {m}" for f, m in found]
    if problems:
        st.error("\n".join(f"- {md_escape(p, limit=300)}" for p in problems))
        return
    result = geo.validate_records([row], source=geo.FORM_SOURCE)
    if result.errors:
        st.error("\n".join(f"- {md_escape(e.message, limit=400)}" for e in result.errors))
        return
    admitted = records.add_records(
        result.records, origin="form", key=FORM_KEY, name="added by hand", append=True
    )
    if admitted.errors:
        e = admitted.errors[0]
        st.error(
            f"The place {md_escape(e.got, limit=80)} is not one the app knows: "
            f"{md_escape(e.expected, limit=500)}"
        )
        return
    if not len(admitted.records):
        st.info("This launch is already on the map.")
        return
    rec = admitted.records.iloc[0]
    st.session_state[_K_ADDED] = str(rec["id"])
    st.success(
        f"Added: **{md_escape(rec['date'])}** from **{md_escape(rec['launch_place'] or place, limit=80)}** "
        f"(id {md_escape(rec['id'])}). It is on the map, on the Events page and in every download."
    )


_FIELD_WORDS = {"launch_place": "Launched from", "bearing_deg": "Direction"}
