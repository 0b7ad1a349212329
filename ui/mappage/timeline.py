"""The timeline: launches per year (or per month) by missile type, and a date filter you can brush.

Drawn with Altair (its Vega-Lite spec, built once per filter, shown by ``st.vega_lite_chart``; Vega-Lite
is bundled with Streamlit: it works offline).
The whole catalogue is shown per year, the current date filter shaded and the launches outside it faded;
dragging across years (or clicking one year's bar) sets the date filter to those whole years. When the
filter spans three years or less, the chart shows those years per month, and a drag picks whole months.
Beside the slider, presets set a year exactly ("2017", "2022"), the last 12 months, or all years.

The chart does not depend on the selected launch, so stepping through launches sends it again as a
reference (Streamlit caches unchanged elements in the browser), not as data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from ui import data
from ui.mappage.keys import K_DATES

__all__ = [
    "PRESETS",
    "Periods",
    "periods",
    "preset_range",
    "render_presets",
    "render_timeline",
    "snap_to_periods",
]

K_TIMELINE = "m_timeline"
K_PRESET = "m_preset"
K_YEAR = "m_year"
#: Quick date choices beside the slider (the busiest years of the catalogue, and the latest year).
PRESETS = ("All years", "2017", "2022", "Last 12 months")
#: Colours of the system types (stable across filters).
TYPE_COLOURS = {
    "SRBM": "#e07b39",
    "MRBM": "#c0392b",
    "IRBM": "#8e44ad",
    "ICBM": "#2c3e50",
    "SLBM": "#16a085",
    "cruise": "#2980b9",
    "SLV": "#7f8c8d",
    "HGV": "#d4ac0d",
    "unknown": "#bdc3c7",
}


@dataclass(frozen=True)
class Periods:
    """Launch counts per period and system type: ``start``, ``end`` (exclusive), ``system_type``, ``n``."""

    table: pd.DataFrame
    unit: str  # "year" or "month"
    domain: tuple[dt.date, dt.date]


def _start_dates(records: pd.DataFrame) -> pd.Series:
    d = records["date_start"] if "date_start" in records.columns else records["date"]
    return pd.to_datetime(d, errors="coerce")


def periods(
    records: pd.DataFrame, date_from: dt.date, date_to: dt.date, *, full: tuple[dt.date, dt.date]
) -> Periods:
    """Counts per year over the whole span ``full``, or per month over the filter's years if it spans
    three years or less (and is not the whole span)."""
    starts = _start_dates(records)
    years = date_to.year - date_from.year + 1
    monthly = years <= 3 and (date_from, date_to) != full
    if monthly:
        first, last = dt.date(date_from.year, 1, 1), dt.date(date_to.year + 1, 1, 1)
        keep = (starts >= pd.Timestamp(first)) & (starts < pd.Timestamp(last))
        start = starts[keep].dt.to_period("M").dt.start_time
        end = (starts[keep].dt.to_period("M") + 1).dt.start_time
        domain = (first, last)
    else:
        keep = starts.notna()
        start = starts[keep].dt.to_period("Y").dt.start_time
        end = (starts[keep].dt.to_period("Y") + 1).dt.start_time
        domain = (dt.date(full[0].year, 1, 1), dt.date(full[1].year + 1, 1, 1))
    types = records.loc[keep, "system_type"].astype("string").fillna("").replace("", "unknown")
    table = (
        pd.DataFrame({"start": start.values, "end": end.values, "system_type": types.values})
        .groupby(["start", "end", "system_type"], as_index=False)
        .size()
        .rename(columns={"size": "n"})
    )
    return Periods(table=table, unit="month" if monthly else "year", domain=domain)


def snap_to_periods(lo: dt.date, hi: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    """A brushed date range made whole periods: the years (months) whose middle lies inside it, or the
    one period around the brush's middle when none does. Returns (first day, last day).

    >>> snap_to_periods(dt.date(2016, 11, 20), dt.date(2018, 2, 1), "year")
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))
    >>> snap_to_periods(dt.date(2017, 3, 2), dt.date(2017, 3, 9), "year")
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))
    >>> snap_to_periods(dt.date(2017, 2, 20), dt.date(2017, 5, 3), "month")
    (datetime.date(2017, 3, 1), datetime.date(2017, 4, 30))
    """
    freq = "Y" if unit == "year" else "M"
    p_lo, p_hi = pd.Period(lo, freq), pd.Period(hi, freq)
    inside = [
        p
        for p in pd.period_range(p_lo, p_hi, freq=freq)
        if lo <= (p.start_time + (p.end_time - p.start_time) / 2).date() <= hi
    ]
    if not inside:
        inside = [pd.Period(lo + (hi - lo) / 2, freq)]
    return inside[0].start_time.date(), inside[-1].end_time.date()


def preset_range(name: str, dmin: dt.date, dmax: dt.date) -> tuple[dt.date, dt.date]:
    """The dates of a preset ("All years", "Last 12 months", or a year like "2017"), within the catalogue.

    >>> preset_range("2017", dt.date(1984, 4, 9), dt.date(2026, 4, 19))
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))
    >>> preset_range("Last 12 months", dt.date(1984, 4, 9), dt.date(2026, 4, 19))
    (datetime.date(2025, 4, 20), datetime.date(2026, 4, 19))
    """
    if name == "All years":
        return dmin, dmax
    if name == "Last 12 months":
        start = (pd.Timestamp(dmax) - pd.DateOffset(years=1) + pd.Timedelta(days=1)).date()
        return max(start, dmin), dmax
    year = int(name)
    return max(dt.date(year, 1, 1), dmin), min(dt.date(year, 12, 31), dmax)


def _set_dates(lo: dt.date, hi: dt.date, dmin: dt.date, dmax: dt.date) -> None:
    lo, hi = max(lo, dmin), min(hi, dmax)
    if lo <= hi:
        st.session_state[K_DATES] = (lo, hi)


def _on_preset(dmin: dt.date, dmax: dt.date) -> None:
    name = st.session_state.get(K_PRESET)
    if name:
        _set_dates(*preset_range(str(name), dmin, dmax), dmin, dmax)
    st.session_state[K_PRESET] = None  # a preset is an action, not a state: the slider shows the dates


def _on_year(dmin: dt.date, dmax: dt.date) -> None:
    year = st.session_state.get(K_YEAR)
    if year:
        _set_dates(*preset_range(str(year), dmin, dmax), dmin, dmax)
    st.session_state[K_YEAR] = None


def render_presets(records: pd.DataFrame, dmin: dt.date, dmax: dt.date) -> None:
    """Preset buttons and a year picker under the date slider (in the sidebar)."""
    sb = st.sidebar
    sb.pills(
        "Quick dates",
        PRESETS,
        key=K_PRESET,
        on_change=_on_preset,
        args=(dmin, dmax),
        label_visibility="collapsed",
    )
    years = sorted({int(y) for y in _start_dates(records).dt.year.dropna()}, reverse=True)
    sb.selectbox(
        "A whole year",
        years,
        index=None,
        key=K_YEAR,
        on_change=_on_year,
        args=(dmin, dmax),
        placeholder="Pick a whole year…",
        label_visibility="collapsed",
    )


def _ms_to_date(v: Any) -> dt.date | None:
    try:
        return pd.to_datetime(float(v), unit="ms").date()
    except (TypeError, ValueError):
        try:
            return pd.to_datetime(str(v)).date()
        except (TypeError, ValueError):
            return None


def _on_select(unit: str, dmin: dt.date, dmax: dt.date) -> None:
    state = st.session_state.get(K_TIMELINE)
    sel = (state or {}).get("selection", {}) if isinstance(state, dict) else getattr(state, "selection", {})
    brush = sel.get("brush") or {}
    rng = brush.get("start_s") if isinstance(brush, dict) else None
    if rng and len(rng) == 2:
        lo, hi = _ms_to_date(min(rng)), _ms_to_date(max(rng))
        if lo and hi:
            _set_dates(*snap_to_periods(lo, hi, unit), dmin, dmax)
            return
    picked = sel.get("pick") or []
    if (
        picked
        and isinstance(picked, list)
        and isinstance(picked[0], dict)
        and picked[0].get("start_s") is not None
    ):
        d = _ms_to_date(picked[0]["start_s"])
        if d:
            _set_dates(*snap_to_periods(d, d, unit), dmin, dmax)


def _chart(p: Periods, date_from: dt.date, date_to: dt.date, *, presentation: bool) -> alt.LayerChart:
    lo, hi = pd.Timestamp(date_from), pd.Timestamp(date_to) + pd.Timedelta(days=1)
    table = p.table.assign(
        inside=(p.table["start"] < hi) & (p.table["end"] > lo),
        start_s=p.table["start"].dt.strftime("%Y-%m-%d"),
        end_s=p.table["end"].dt.strftime("%Y-%m-%d"),
    )
    domain = [p.domain[0].isoformat(), p.domain[1].isoformat()]
    types = [t for t in TYPE_COLOURS if t in set(table["system_type"])]
    types += sorted(set(table["system_type"]) - set(types))
    # Stacked by hand (y0..y1 per type within a period, in the legend's order): a bar spanning its
    # period (x..x2) is then a plain rectangle, whatever Vega-Lite's stacking rules for ranged bars.
    order = {t: i for i, t in enumerate(types)}
    table = table.assign(_o=table["system_type"].map(order)).sort_values(["start", "_o"], kind="stable")
    table["y1"] = table.groupby("start")["n"].cumsum()
    table["y0"] = table["y1"] - table["n"]
    table = table.drop(columns=["_o", "start", "end"])
    fs = 18 if presentation else 12
    x = alt.X(
        "start_s:T", title=None, scale=alt.Scale(domain=domain), axis=alt.Axis(labelFontSize=fs, grid=False)
    )
    brush = alt.selection_interval(name="brush", encodings=["x"])
    pick = alt.selection_point(name="pick", fields=["start_s"], on="click", clear="dblclick")
    bars = (
        alt.Chart(table)
        .mark_rect(stroke="#ffffff", strokeWidth=0.5)
        .encode(
            x=x,
            x2="end_s:T",
            y=alt.Y(
                "y0:Q",
                title="Launches",
                axis=alt.Axis(labelFontSize=fs, titleFontSize=fs, tickMinStep=1),
            ),
            y2="y1:Q",
            color=alt.Color(
                "system_type:N",
                title=None,
                scale=alt.Scale(domain=types, range=[TYPE_COLOURS.get(t, "#999") for t in types]),
                legend=alt.Legend(orient="bottom", direction="horizontal", labelFontSize=fs),
            ),
            opacity=alt.condition(alt.datum.inside, alt.value(1.0), alt.value(0.25)),
            tooltip=[
                alt.Tooltip("start_s:T", title="From", format="%Y-%m" if p.unit == "month" else "%Y"),
                alt.Tooltip("system_type:N", title="Type"),
                alt.Tooltip("n:Q", title="Launches"),
            ],
        )
        .add_params(brush, pick)
    )
    shade = (
        alt.Chart(
            pd.DataFrame({"a": [date_from.isoformat()], "b": [(date_to + dt.timedelta(days=1)).isoformat()]})
        )
        .mark_rect(color="#fde8d7", opacity=0.7)
        .encode(x=alt.X("a:T", scale=alt.Scale(domain=domain)), x2="b:T")
    )
    return shade + bars


@st.cache_data(show_spinner=False, max_entries=64)
def _spec(
    date_from: dt.date,
    date_to: dt.date,
    full: tuple[dt.date, dt.date],
    presentation: bool,
    own: tuple[tuple[str, str], ...] = (),
    _records: pd.DataFrame | None = None,
) -> tuple[dict[str, Any], str] | None:
    """The chart's Vega-Lite spec (built and validated by Altair once per filter) and its time unit.

    ``own``: (id, date) of the visitor's own launches among ``_records`` (the cache key; () when the
    records are the catalogue's alone)."""
    p = periods(_records if _records is not None and own else data.catalogue(), date_from, date_to, full=full)
    if p.table.empty:
        return None
    return _chart(p, date_from, date_to, presentation=presentation).to_dict(), p.unit


def render_timeline(
    date_from: dt.date,
    date_to: dt.date,
    *,
    full: tuple[dt.date, dt.date],
    presentation: bool,
    records: pd.DataFrame | None = None,
) -> None:
    """The timeline chart of the catalogue with the current filter shown; a brush or a click sets the
    date filter. ``records``: the session's records (catalogue and the visitor's own), if not only the
    catalogue."""
    own: tuple[tuple[str, str], ...] = ()
    if records is not None and "origin" in records.columns:
        mine = records[records["origin"] != "catalogue"]
        own = tuple(zip(mine["id"].astype(str), mine["date"].astype(str), strict=True))
    got = _spec(date_from, date_to, full, presentation, own, records)
    if got is None:
        return
    spec, unit = got
    if unit == "month":
        first, last = date_from.year, date_to.year
        what = f"per month, {first}" if first == last else f"per month, {first}–{last}"
    else:
        what = "per year, whole catalogue"
    st.markdown(
        f"**Launches over time** ({what}) — drag across the chart or click a bar to show only those dates."
    )
    st.vega_lite_chart(
        spec=spec,
        width="stretch",
        height=300 if presentation else 230,
        key=K_TIMELINE,
        on_select=lambda: _on_select(unit, full[0], full[1]),
        selection_mode=["brush", "pick"],
    )
