"""Catalogue audit: second-source checks and invariants of the launch records.

A *check* (one row of ``data/catalogue/checks.csv``) is what a second source (a news report of a
government statement: South Korea's Joint Chiefs of Staff, Japan's Ministry of Defense, US commands)
says about one or more catalogue rows: the local date and time of the launch (UTC+9, the clock of
the reports), apogee and distance (km), and Japan's statement on its exclusive economic zone (EEZ).
:func:`compare_checks` compares every check with the catalogue, field by field:

* date: the same local date;
* time: within :data:`TIME_TOLERANCE_MIN` minutes (agencies' detection times differ by a few minutes);
* apogee, distance: within ``max(5 %, 10 km)`` of the reported figure, or inside a reported range
  (``"300-400"``) or bound (``">1000"``, ``"<20"``), widened by the same tolerance;
* EEZ: the catalogue's ``eez_reported`` starts with the reported statement (``"inside"``,
  ``"outside"``, or the full text of an event-level statement).

A disagreement is either corrected in the catalogue (``curated_facts.csv``) or kept on purpose, with
the reason in the check's ``kept`` column (``"distance_km: the catalogue gives JCS's 700 km"``;
several fields separated by ``|``); :func:`unexplained` lists the others (a test keeps it empty).

Invariants of any catalogue (each returns the offending rows, empty when all hold):
:func:`local_date_conflicts` (a time that puts the launch on another local date),
:func:`trajectory_conflicts` (apogee/distance pairs contradicting the reported trajectory type or
the missile class), :func:`duplicate_events` (one launch entered twice) and
:func:`eez_statement_conflicts` (a reported EEZ statement the estimated impact zone contradicts beyond
its uncertainty; for review, never corrected automatically).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from geo.launchtime import local_offset, parse_datetime_utc, utc_instant
from geo.paths import DATA_DIR

if TYPE_CHECKING:
    from geo.maritime import MaritimeZones

__all__ = [
    "CATALOGUE_COMPLETE_THROUGH",
    "CHECKS_PATH",
    "CHECK_COLUMNS",
    "CLASS_MAX_RANGE_KM",
    "DEPRESSED_RATIO",
    "LOFTED_RATIO",
    "REPORTS_SEARCHED_THROUGH",
    "TIME_TOLERANCE_MIN",
    "compare_checks",
    "duplicate_events",
    "eez_statement_conflicts",
    "figure_agrees",
    "load_checks",
    "local_date_conflicts",
    "trajectory_conflicts",
    "unexplained",
]

#: Last local date up to which the catalogue holds every launch found: its last launch, 2026-04-19
#: (the source compilation, files of 2026-11-25, ends there too). A test keeps it equal to the last
#: ``date`` of the catalogue, so adding a later launch means moving this date (and the texts citing it).
CATALOGUE_COMPLETE_THROUGH: date = date(2026, 4, 19)
#: Date up to which stored news reports were searched for later launches (none found after
#: :data:`CATALOGUE_COMPLETE_THROUGH`; the reports are sparse after April 2026, so a launch of
#: 2026-04-20..2026-11-30 that neither they nor the source cover would be missing).
REPORTS_SEARCHED_THROUGH: date = date(2026, 11, 30)
#: Second-source checks of the shipped catalogue (hand-curated; see data/README.md).
CHECKS_PATH: Path = DATA_DIR / "catalogue" / "checks.csv"
#: Columns of checks.csv, in order.
CHECK_COLUMNS: tuple[str, ...] = (
    "ids",
    "source_url",
    "source",
    "local_date",
    "local_time",
    "apogee_km",
    "distance_km",
    "eez",
    "kept",
    "note",
)
#: Largest difference (minutes) between a reported launch time and the catalogue's that still agrees.
TIME_TOLERANCE_MIN: int = 5
#: Longest range (km) of each missile class (standard trajectory; the usual class limits).
CLASS_MAX_RANGE_KM: dict[str, float] = {"SRBM": 1000.0, "MRBM": 3000.0, "IRBM": 5500.0}
#: Apogee / distance ratio separating lofted from flatter flights (a range-maximising ballistic flight
#: has an apogee of about a quarter of its range; a lofted one about half of it or more).
LOFTED_RATIO: float = 0.5
#: Below this ratio a flight is flatter than a range-maximising one (depressed).
DEPRESSED_RATIO: float = 0.25

_RE_FIGURE = re.compile(r"^\s*([<>]?)\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?))?\s*$")


def load_checks(path: Path | str | None = None) -> list[dict[str, str]]:
    """Read checks.csv (UTF-8, header :data:`CHECK_COLUMNS`); every value stripped text."""
    p = Path(path) if path is not None else CHECKS_PATH
    with p.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != CHECK_COLUMNS:
            raise ValueError(
                f"{p.name}: expected the columns {', '.join(CHECK_COLUMNS)}, got {reader.fieldnames}"
            )
        return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def _tolerance(value: float) -> float:
    return max(0.05 * value, 10.0)


def figure_agrees(catalogue: float, reported: str) -> bool:
    """Whether a catalogue figure (km) agrees with a reported one.

    ``reported`` is a figure (``"550"``), a range (``"300-400"``) or a bound (``">1000"``, ``"<20"``);
    each is widened by ``max(5 %, 10 km)``.

    Examples
    --------
    >>> figure_agrees(500, "550"), figure_agrees(540, "550"), figure_agrees(1413.6, ">1000")
    (False, True, True)
    """
    m = _RE_FIGURE.match(reported)
    if not m:
        raise ValueError(f"not a reported figure, range or bound: {reported!r}")
    sign, lo, hi = m.group(1), float(m.group(2)), float(m.group(3) or m.group(2))
    if sign == ">":
        return catalogue >= lo - _tolerance(lo)
    if sign == "<":
        return catalogue <= lo + _tolerance(lo)
    return lo - _tolerance(lo) <= catalogue <= hi + _tolerance(hi)


def _kept_fields(kept: str) -> dict[str, str]:
    """``"distance_km: reason | date: reason"`` → {field: reason} (a reason may hold ``;`` and ``:``)."""
    out: dict[str, str] = {}
    for part in kept.split("|"):
        if ":" in part:
            name, reason = part.split(":", 1)
            out[name.strip()] = reason.strip()
    return out


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _number(value: Any) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def compare_checks(records: pd.DataFrame, checks: Iterable[Mapping[str, str]]) -> pd.DataFrame:
    """Compare every check with the catalogue, one output row per (check, catalogue id, field).

    Parameters
    ----------
    records : pandas.DataFrame
        Catalogue rows (``id``, ``date``, ``time_utc``, ``datetime_utc``, ``country``, ``apogee_km``,
        ``distance_km``, ``eez_reported``).
    checks : iterable of mapping
        Rows of checks.csv (:func:`load_checks`).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``field`` (``date``, ``time_utc``, ``apogee_km``, ``distance_km``,
        ``eez_reported``), ``catalogue``, ``reported``, ``agrees`` (True / False; fields the catalogue
        leaves empty are skipped, except a missing EEZ statement, which disagrees), ``kept`` (the
        check's reason for keeping a disagreeing value, else ''), ``source_url``.

    Raises
    ------
    ValueError
        A check names an id that is not in ``records``, or holds a malformed value.
    """
    by_id: dict[str, dict[str, Any]] = {
        str(r["id"]): {str(k): v for k, v in r.items()} for r in records.to_dict("records")
    }
    out: list[dict[str, Any]] = []
    for check in checks:
        kept = _kept_fields(check.get("kept", ""))
        for rid in check["ids"].split():
            rec = by_id.get(rid)
            if rec is None:
                raise ValueError(f"checks.csv: no catalogue row with id {rid!r} ({check['source_url']})")
            for field, cat, rep, agrees in _compare_one(rec, check):
                out.append(
                    {
                        "id": rid,
                        "field": field,
                        "catalogue": cat,
                        "reported": rep,
                        "agrees": agrees,
                        "kept": kept.get(field, ""),
                        "source_url": check["source_url"],
                    }
                )
    columns = ["id", "field", "catalogue", "reported", "agrees", "kept", "source_url"]
    return pd.DataFrame(out, columns=columns)


def _compare_one(rec: Mapping[str, Any], check: Mapping[str, str]) -> list[tuple[str, str, str, bool]]:
    """(field, catalogue value, reported value, agrees) for every field one check reports."""
    out: list[tuple[str, str, str, bool]] = []
    cat_date = _text(rec.get("date"))
    if check["local_date"]:
        out.append(("date", cat_date, check["local_date"], cat_date == check["local_date"]))
    if check["local_time"]:
        out.extend(_compare_time(rec, check))
    for field in ("apogee_km", "distance_km"):
        if check[field]:
            value = _number(rec.get(field))
            if value is not None:
                out.append((field, f"{value:g}", check[field], figure_agrees(value, check[field])))
    if check["eez"]:
        eez = _text(rec.get("eez_reported"))
        out.append(("eez_reported", eez, check["eez"], eez.startswith(check["eez"])))
    return out


def _compare_time(rec: Mapping[str, Any], check: Mapping[str, str]) -> list[tuple[str, str, str, bool]]:
    stamp = _text(rec.get("datetime_utc"))
    instant = parse_datetime_utc(stamp) if stamp else None
    offset = local_offset(_text(rec.get("country")))
    if instant is None or offset is None:
        return []  # the catalogue has no time (or no known clock): nothing to compare
    day = check["local_date"] or _text(rec.get("date"))
    hh, mm = (int(x) for x in check["local_time"].split(":"))
    try:
        reported_local = datetime.fromisoformat(day).replace(hour=hh, minute=mm)
    except ValueError as exc:
        raise ValueError(f"checks.csv: bad local_date/local_time {day!r} {check['local_time']!r}") from exc
    reported = (reported_local - offset).replace(tzinfo=instant.tzinfo)
    minutes = abs((instant - reported).total_seconds()) / 60.0
    local_cat = (instant + offset).strftime("%Y-%m-%d %H:%M")
    return [
        (
            "time_utc",
            f"{_text(rec.get('time_utc'))} UTC ({local_cat} local)",
            f"{day} {check['local_time']} local",
            minutes <= TIME_TOLERANCE_MIN,
        )
    ]


def unexplained(comparison: pd.DataFrame) -> pd.DataFrame:
    """Disagreements that are neither corrected nor kept with a reason (a test keeps this empty)."""
    bad = comparison[~comparison["agrees"].astype(bool) & (comparison["kept"] == "")]
    return bad.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------
# invariants


def local_date_conflicts(records: pd.DataFrame) -> pd.DataFrame:
    """Rows whose ``time_utc`` / ``datetime_utc`` put the launch on a local date other than ``date``.

    The UTC instant is recomputed from ``date`` and ``time_utc`` and compared with the stored
    ``datetime_utc``; a row with a time but no instant (or the reverse) is a conflict too.
    """
    bad: list[dict[str, Any]] = []
    for r in records.to_dict("records"):
        date, time, stamp = _text(r.get("date")), _text(r.get("time_utc")), _text(r.get("datetime_utc"))
        if not time and not stamp:
            continue
        country = _text(r.get("country"))
        derived = utc_instant(date, time, country) if time else None
        stored = parse_datetime_utc(stamp) if stamp else None
        offset = local_offset(country)
        local = None if stored is None or offset is None else (stored + offset).date().isoformat()
        if derived is None or stored is None or derived != stored or local != date:
            bad.append(
                {"id": r["id"], "date": date, "time_utc": time, "datetime_utc": stamp, "local_date": local}
            )
    return pd.DataFrame(bad, columns=["id", "date", "time_utc", "datetime_utc", "local_date"])


def trajectory_conflicts(records: pd.DataFrame) -> pd.DataFrame:
    """Apogee/distance pairs that contradict the reported trajectory type or the missile class.

    * ``lofted``: apogee at least :data:`LOFTED_RATIO` x distance;
    * ``depressed``: apogee below :data:`DEPRESSED_RATIO` x distance;
    * ``irregular`` (a pull-up manoeuvre): apogee below :data:`LOFTED_RATIO` x distance;
    * SRBM / MRBM / IRBM: distance within the class's range (:data:`CLASS_MAX_RANGE_KM`);
    * cruise missiles fly low: an apogee above 10 km contradicts the class.
    """
    bad: list[dict[str, Any]] = []
    for r in records.to_dict("records"):
        apogee, dist = _number(r.get("apogee_km")), _number(r.get("distance_km"))
        trajectory, cls = _text(r.get("trajectory")), _text(r.get("system_type"))
        problems = []
        if apogee is not None and dist is not None and dist > 0:
            ratio = apogee / dist
            if trajectory == "lofted" and ratio < LOFTED_RATIO:
                problems.append(f"lofted but apogee/distance {ratio:.2f} < {LOFTED_RATIO}")
            if trajectory == "depressed" and ratio >= DEPRESSED_RATIO:
                problems.append(f"depressed but apogee/distance {ratio:.2f} >= {DEPRESSED_RATIO}")
            if trajectory == "irregular" and ratio >= LOFTED_RATIO:
                problems.append(f"irregular (pull-up) but apogee/distance {ratio:.2f} >= {LOFTED_RATIO}")
        if dist is not None and cls in CLASS_MAX_RANGE_KM and dist > CLASS_MAX_RANGE_KM[cls]:
            problems.append(f"{cls} but distance {dist:g} km > {CLASS_MAX_RANGE_KM[cls]:g} km")
        if cls == "cruise" and apogee is not None and apogee > 10:
            problems.append(f"cruise missile with apogee {apogee:g} km")
        if problems:
            bad.append({"id": r["id"], "problem": "; ".join(problems)})
    return pd.DataFrame(bad, columns=["id", "problem"])


def duplicate_events(records: pd.DataFrame, *, minutes: int = 10) -> pd.DataFrame:
    """Launches entered twice: rows of *different* entries that describe the same missile.

    Two rows are the same launch when they share the local ``date``, the launch facility (or launch
    place) and the missile system, and their times (when both are known) are within ``minutes``, but
    come from different source entries of that day (the date part of the id) or one is a curated
    addition. Missiles of one salvo (same entry date, same id stem) are not duplicates.
    """
    rows = [{str(k): v for k, v in r.items()} for r in records.to_dict("records")]
    bad: list[dict[str, Any]] = []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if _text(a.get("date")) != _text(b.get("date")):
                continue
            if _stem(a) == _stem(b) and _text(a.get("record_origin")) == _text(b.get("record_origin")):
                continue  # one source entry-day: a salvo
            place_a = _text(a.get("facility_id")) or _text(a.get("launch_place"))
            place_b = _text(b.get("facility_id")) or _text(b.get("launch_place"))
            if place_a != place_b or _text(a.get("system_id")) != _text(b.get("system_id")):
                continue
            ta, tb = (
                parse_datetime_utc(_text(a.get("datetime_utc"))),
                parse_datetime_utc(_text(b.get("datetime_utc"))),
            )
            if ta is not None and tb is not None and abs(ta - tb) > timedelta(minutes=minutes):
                continue
            bad.append({"id": a["id"], "other_id": b["id"], "date": _text(a.get("date"))})
    return pd.DataFrame(bad, columns=["id", "other_id", "date"])


def _stem(row: Mapping[str, Any]) -> str:
    """Entry-day part of an id: '2017-03-05-4' → '2017-03-05'; '2023-02-23-c1' → '2023-02-23-c'."""
    rid = str(row.get("id", ""))
    head, _, tail = rid.rpartition("-")
    return head + ("-c" if tail.startswith("c") else "")


def eez_statement_conflicts(
    records: pd.DataFrame, zones: MaritimeZones, *, state: str = "Japan"
) -> pd.DataFrame:
    """Reported EEZ statements that the estimated impact zone contradicts beyond its uncertainty.

    For every row whose ``eez_reported`` says ``inside`` or ``outside`` (Japan's EEZ) and that has an
    impact estimate (:func:`geo.impact.estimate_impacts`, launch uncertainty by
    ``location_precision`` as the geocoder gives it), the share of the impact zone in ``state``'s EEZ
    (:meth:`geo.maritime.MaritimeZones.analyse_zone`; its territorial sea counts as not EEZ) is
    computed. A statement conflicts when the whole zone lies on the other side: "inside" with no part
    of the zone in the EEZ, "outside" with all of it inside. Such rows are for review (the estimate
    may be what is wrong: a bearing, a range); they are never changed automatically.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``eez_reported``, ``eez_share`` (fraction of the zone in the EEZ), ``uncertainty_km``,
        ``verdict`` (plain words) for the conflicting rows only.
    """
    from geo.geocoding.records import SITE_RADIUS_KM
    from geo.impact import estimate_impacts

    said = records[records["eez_reported"].fillna("").str.match(r"^(inside|outside) " + state)].copy()
    said["launch_uncertainty_km"] = [
        SITE_RADIUS_KM.get(_text(p), 5.0) for p in said.get("location_precision", pd.Series(dtype=str))
    ]
    est = estimate_impacts(pd.DataFrame(said))
    bad: list[dict[str, Any]] = []
    cache: dict[bytes, tuple[float, str]] = {}
    for (_, row), zone in zip(est.iterrows(), est.geometry, strict=True):
        if not bool(row.get("impact_is_estimate")) or zone is None:
            continue
        key = zone.wkb
        if key not in cache:
            report = zones.analyse_zone(zone, point=(row["impact_lon"], row["impact_lat"]))
            share = sum(s.share for s in report.shares if s.zone == "eez" and s.state == state)
            cache[key] = (share, report.verdict(uncertainty_km=row["impact_uncertainty_km"]))
        share, verdict = cache[key]
        inside = str(row["eez_reported"]).startswith("inside")
        if (inside and share <= 0.0) or (not inside and share >= 1.0 - 1e-9):
            bad.append(
                {
                    "id": row["id"],
                    "eez_reported": row["eez_reported"],
                    "eez_share": round(share, 3),
                    "uncertainty_km": row["impact_uncertainty_km"],
                    "verdict": verdict,
                }
            )
    return pd.DataFrame(bad, columns=["id", "eez_reported", "eez_share", "uncertainty_km", "verdict"])
