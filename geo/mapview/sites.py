"""Launch places on the map: one marker per place, sized by how many launches it had.

The markers are sent as *groups* of rows of a launch table: ``[lat, lon, radius_px, place_html,
[row, ...]]`` (rows most recent first). The table (:func:`launch_table`: id, date, system per launch)
is the same for every visitor and every filter, so the app publishes it once as a static file the
browser caches; a step then only sends the row numbers of each place. A visitor's imported records
travel with their own small table. The browser builds tooltips and popups (a list of the place's
launches; clicking one selects it) from these escaped texts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from geo.mapview.features import display_lon
from geo.safetext import html_text

__all__ = ["aggregate_events", "launch_table", "site_groups"]


def aggregate_events(events: pd.DataFrame, *, max_listed: int = 12) -> pd.DataFrame:
    """One row per launch place: where, how many launches, when, which systems.

    Parameters
    ----------
    events : DataFrame
        Catalogue rows with at least ``launch_lon``, ``launch_lat`` (degrees) and ``date``; optional
        ``facility_id``, ``launch_place``, ``system_name``, ``id``.
    max_listed : int
        How many of the most recent launches to list per place (for the popup).

    Returns
    -------
    DataFrame
        Columns ``lon``, ``lat``, ``place``, ``count``, ``first_date``, ``last_date``, ``ids`` (list),
        ``listing`` (list of ``(date, system, id)`` tuples, most recent first). Rows without coordinates
        are left out (the caller reports how many).

    Examples
    --------
    >>> ev = pd.DataFrame({"launch_lon": [125.0, 125.0, 127.0], "launch_lat": [39.0, 39.0, 40.0],
    ...                    "date": ["2020-01-01", "2021-01-01", "2022-01-01"],
    ...                    "facility_id": ["a", "a", "b"]})
    >>> aggregate_events(ev)[["place", "count"]].values.tolist()
    [['a', 2], ['b', 1]]
    """
    cols = ["lon", "lat", "place", "count", "first_date", "last_date", "ids", "listing"]
    if events is None or len(events) == 0:
        return pd.DataFrame(columns=cols)
    lon = pd.to_numeric(pd.Series(events["launch_lon"]), errors="coerce")
    lat = pd.to_numeric(pd.Series(events["launch_lat"]), errors="coerce")
    ok = (lon.notna() & lat.notna()).to_numpy()
    if not ok.any():
        return pd.DataFrame(columns=cols)
    n = int(ok.sum())

    def col(name: str) -> pd.Series:
        if name in events.columns:
            return pd.Series(events[name]).astype("string").fillna("").reset_index(drop=True)[ok]
        return pd.Series([""] * len(events), dtype="string")[ok]

    ev = pd.DataFrame(
        {
            "_lon": lon.to_numpy()[ok],
            "_lat": lat.to_numpy()[ok],
            "_date": col("date").to_numpy(),
            "_place": col("launch_place").to_numpy(),
            "_system": col("system_name").to_numpy(),
            "_id": col("id").to_numpy(),
            "_fac": col("facility_id").to_numpy(),
        },
        index=range(n),
    )
    loc_key = ev["_lon"].round(2).astype(str) + "," + ev["_lat"].round(2).astype(str)
    ev["_key"] = ev["_fac"].where(ev["_fac"] != "", loc_key)
    ev = ev.sort_values(["_key", "_date"], ascending=[True, False], kind="stable")
    g = ev.groupby("_key", sort=True)
    out = g.agg(
        lon=("_lon", "median"),
        lat=("_lat", "median"),
        count=("_lon", "size"),
        first_date=("_date", "min"),
        last_date=("_date", "max"),
    )
    # Most frequent reported place name per group (ties: the most recent); else the group key.
    named = ev[ev["_place"] != ""]
    counts = named.groupby(["_key", "_place"], sort=False).size().rename("n").reset_index()
    counts = counts.sort_values(["_key", "n"], ascending=[True, False], kind="stable")
    place = counts.drop_duplicates("_key").set_index("_key")["_place"]
    out["place"] = place.reindex(out.index).fillna(pd.Series(out.index, index=out.index)).astype(str)
    ids: dict[str, list[str]] = {}
    listing: dict[str, list[tuple[str, str, str]]] = {}
    for key, date, system, rid in zip(ev["_key"], ev["_date"], ev["_system"], ev["_id"], strict=True):
        ids.setdefault(key, []).append(str(rid))
        lst = listing.setdefault(key, [])
        if len(lst) < max_listed:
            lst.append((str(date), str(system), str(rid)))
    out["ids"] = [ids[k] for k in out.index]
    out["listing"] = pd.Series([listing[k] for k in out.index], index=out.index, dtype=object)
    out["lon"] = out["lon"].astype(float)
    out["lat"] = out["lat"].astype(float)
    out["count"] = out["count"].astype(int)
    return out.reset_index(drop=True)[cols]


def site_radius_px(count: int, *, scale: float) -> float:
    """Marker radius in screen pixels: area proportional to the number of launches."""
    return scale * (3.0 + 2.2 * math.sqrt(max(count, 1)))


def launch_table(records: pd.DataFrame) -> list[list[str]]:
    """``[id, date_html, system_html]`` per record, in the records' order (what site groups refer to).

    ``id`` is plain text (it only travels as data, never into HTML); date and system are escaped HTML.

    >>> launch_table(pd.DataFrame({"id": ["a"], "date": ["2017-07-04"], "system_name": ["<Hwasong-14>"]}))
    [['a', '2017-07-04', '&lt;Hwasong-14&gt;']]
    """

    def col(name: str) -> list[str]:
        if name not in records.columns:
            return [""] * len(records)
        return [("" if pd.isna(v) else str(v)) for v in records[name]]

    return [
        [rid, html_text(date), html_text(system)]
        for rid, date, system in zip(col("id"), col("date"), col("system_name"), strict=True)
    ]


def site_groups(
    events: pd.DataFrame, *, table_ids: Sequence[str] | None = None, scale: float = 1.0
) -> list[list[Any]]:
    """One marker per launch place of ``events``: ``[lat, lon_display, radius_px, place_html, rows]``.

    Parameters
    ----------
    events : DataFrame
        The launches to show (``id``, ``launch_lon``, ``launch_lat``, ``date``...).
    table_ids : sequence of str, optional
        The ids of the launch table the rows refer to (e.g. the whole catalogue). By default the table
        is ``events`` itself (:func:`launch_table` of it).
    scale : float
        Marker size factor (presentation mode: larger).

    Returns
    -------
    list
        Places sorted as :func:`aggregate_events` does; ``rows`` most recent first.

    Examples
    --------
    >>> ev = pd.DataFrame({"id": ["a", "b"], "launch_lon": [125.0, 125.0], "launch_lat": [39.0, 39.0],
    ...                    "date": ["2020-01-01", "2021-01-01"], "launch_place": ["Sunan", "Sunan"]})
    >>> site_groups(ev)
    [[39.0, 125.0, 6.11, 'Sunan', [1, 0]]]
    """
    sites = aggregate_events(events, max_listed=0)
    if len(sites) == 0:
        return []
    ids = [str(i) for i in (table_ids if table_ids is not None else events["id"].astype(str))]
    position = {rid: k for k, rid in enumerate(ids)}
    out = []
    for row in sites.to_dict("records"):
        rows = [position[str(rid)] for rid in row["ids"] if str(rid) in position]
        out.append(
            [
                round(float(row["lat"]), 5),
                round(display_lon(float(row["lon"])), 5),
                round(site_radius_px(int(row["count"]), scale=scale), 2),
                html_text(str(row["place"])),
                rows,
            ]
        )
    return out
