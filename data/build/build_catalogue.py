"""Build the launch catalogue (``data/catalogue/``) from the nk-missile-tests compilation.

Run from the project root::

    python data/build/build_catalogue.py [--source ../shared/data/events/nk_missile_tests]

Inputs (read-only, ``../shared/data/events/nk_missile_tests/``): ``test.en.json``, ``facility.en.json``,
``facility.ja.json``, ``missile.en.json``, ``missile.ja.json`` and ``LICENSE`` (Apache-2.0), the
open-source project *nk-missile-tests* (nagix), which compiles the CNS North Korea Missile Test
Database (James Martin Center for Nonproliferation Studies / NTI) plus bearings from Japan's
Ministry of Defense. Plus ``data/catalogue/additional_records.csv``: hand-curated launches the
source lacks (cruise missiles), each with its own citation.

Outputs (``data/catalogue/``): ``launches.csv`` (one row per missile), ``facilities.csv``,
``systems.csv``, ``LICENSE`` (copy of the source's licence). The output is deterministic: running the
script twice gives byte-identical files.

Facts only
----------
The source's ``description`` fields are other people's prose. They are READ here to derive
structured facts (platform, number of missiles, approximate dates) by the rules below, and never
written out: ``launches.csv`` carries no sentence of them, only the facts and a reference to the
source entry (``source_entry``, ``sources``).

Record ids
----------
``YYYY-MM-DD-N`` (or ``YYYY-MM-N`` for month-precision dates): the date as in the source and ``N`` the
missile's number within that date: the entry's 1-based position among that date's entries in
``test.en.json`` (the source's own ``series`` numbers restart per missile type, so they are not unique
within a day). The source lists entries chronologically, so ids are stable as long as the source
does not re-order entries of one day. Added records use ``YYYY-MM-DD-cN`` (``c`` for curated) so
the two schemes never
collide.

Derivation rules
----------------
platform (first rule that matches wins; ``platform_basis`` says which one):

1. system id ``rail-mobile-*`` → ``rail car``; system id ``silo-based-*`` → ``silo``.
2. description says the missile was fired from a train / by a railway-borne regiment → ``rail car``.
3. description says it was fired from a silo / underwater silos → ``silo``.
4. SLBM (system type) and the description says submerged / underwater barge → ``ship`` (a
   submersible test barge is a vessel, not a submarine); SLBM and the description says it was
   launched from / ejected from a submarine → ``submarine``.
5. description names a transporter-erector-launcher (TEL) as the launcher (a "TEL maintenance
   facility" near the site does not count), or the system is the KN-25 and the description calls it
   a multiple rocket launcher → ``road-mobile launcher``.
6. space launch vehicle (system type SLV) from a satellite launching station / ground → ``fixed pad``.
7. otherwise ``unknown`` (the source does not say).

bearing: the source puts ``90`` (due east) on entries whose bearing is not known: of its 86 entries
with 90, 12 landed in the Yellow Sea (west of the launch sites), 27 are failures, 14 predate 2000, and
77 have no reported distance either. Every ``90`` is therefore treated as the source's placeholder:
``bearing_deg`` is left empty, ``bearing_is_placeholder`` is true and ``bearing_source`` says
``default 90 (source placeholder)``. Other values are kept, ``bearing_source`` naming the source
(Japan's Ministry of Defense where known, per the compilation).

salvo_size: the source marks multi-missile events "(k of n)": ``n`` is used. Otherwise, for day-precision
dates, the number of source entries on that date (the source has one entry per missile).
Month/year-precision dates leave it empty.

location: ``launch_lon``/``launch_lat`` are the source facility's point. ``location_precision`` is ``site``
for a named installation (airport, airbase, shipyard, launching station, test site, missile base,
arms plant), ``area`` for a county / city / district / lake / bay, and ``placeholder`` for the source's
``unknown`` facility (whose point is Pyongyang International Airport's: not a reported location).

trajectory: the reported trajectory type, from the entry's own description (not one shared by
several entries of that day, where it may describe only some of the missiles): "lofted" → ``lofted``;
"irregular" / "pull-up" → ``irregular``; "depressed" / "extremely low altitude" → ``depressed``; else
empty. Curated facts add it for other rows from the reports.

Curated facts (``data/catalogue/curated_facts.csv``: ``id, field, value, replaces, source``) correct
or complete source entries with what a cited report states: Japan Ministry of Defense EEZ
statements, times and dates, apogee/distance figures, trajectory types (``CURATED_FACT_FIELDS``).
``replaces`` is the value the build would otherwise write (empty when filling an empty cell); the
build stops when it differs, so a fact can never silently overwrite a changed source. Each fact's
citation is appended to the row's ``sources``.

Audit: ``data/catalogue/checks.csv`` (hand-curated) records what second sources say about each row;
the build compares them with the final rows (``geo.audit.compare_checks``), stops on a disagreement
that is neither corrected nor kept with a reason, and writes ``audit.csv``: per row, the fields
checked, those agreeing, the reasons for kept differences, every change made to the source entry
(date convention, curated facts) and the second sources' URLs.

launch_uncertainty_km: left empty (the gazetteer derives a radius from ``location_precision``).

dates (the convention of ``geo.launchtime``: ``date`` is the local date at the launch site, UTC+9;
``time_utc`` is UTC; ``datetime_utc`` is derived from both): where the source gives a time (its times
are UTC) its ``date`` is taken as the UTC date, so a launch before 09:00 UTC+9 moves to the next day
(``2017-08-28`` 20:58 UTC → ``date`` 2017-08-29). The source is not consistent about this (it gives
some local dates, e.g. 2017-05-14 and 2016-04-15): the second-source audit found those, and curated
facts set their dates. Without a time the source's date is kept as the local date. Curated records
carry the local date the report gives. ``1984-09`` style → ``date_precision`` ``month``; ``notes``
says ``date approximate`` where the source states its dates are estimates. Record ids keep the
source's date (they are stable keys: links and exports name them), so an id's date part can be the
day before ``date``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from geo import audit, launchtime, records  # noqa: E402  (the project root must be importable first)

DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "events" / "nk_missile_tests"
OUT = ROOT / "data" / "catalogue"
ADDITIONAL = OUT / "additional_records.csv"
CURATED_FACTS = OUT / "curated_facts.csv"
#: hand-curated maximum range estimates, one row per system, each with its source and date
SYSTEM_RANGES = OUT / "system_ranges.csv"
RANGE_FIELDS = ["max_range_km", "range_basis", "range_source", "range_source_date", "range_source_url"]
CHECKS = OUT / "checks.csv"
#: Columns a curated fact may set or correct (with the value it replaces, see the docstring).
CURATED_FACT_FIELDS = {"date", "time_utc", "apogee_km", "distance_km", "trajectory", "eez_reported"}
CURATED_FACT_COLUMNS = ["id", "field", "value", "replaces", "source"]
AUDIT_COLUMNS = [
    "id",
    "date",
    "time_utc",
    "apogee_km",
    "distance_km",
    "eez_reported",
    "checked",
    "agreeing",
    "kept",
    "changes",
    "second_sources",
]

LAUNCH_COLUMNS = [
    "id",
    "date",
    "date_precision",
    "time_utc",
    "datetime_utc",
    "country",
    "system_id",
    "system_name",
    "system_type",
    "platform",
    "platform_basis",
    "facility_id",
    "launch_place",
    "launch_lon",
    "launch_lat",
    "location_precision",
    "launch_uncertainty_km",
    "apogee_km",
    "distance_km",
    "trajectory",
    "bearing_deg",
    "bearing_source",
    "bearing_is_placeholder",
    "outcome",
    "landing_area",
    "landing_label",
    "eez_reported",
    "salvo_size",
    "record_origin",
    "source_entry",
    "sources",
    "notes",
]

CNS_CITATION = (
    "CNS North Korea Missile Test Database (James Martin CNS/NTI), via nk-missile-tests test.en.json,"
    " entry {entry}"
)

# The vocabularies are the schema's own (geo.records), so the builder and the validator cannot drift.
LANDING_LABELS = records.LANDING_LABELS
SYSTEM_TYPES = set(records.SYSTEM_TYPES)

# Facility id -> (kind, launch place phrase a gazetteer can resolve, fixed display name or None).
# Kinds and place phrases are our own short words; coordinates stay the source's.
FACILITY_INFO: dict[str, tuple[str, str, str | None]] = {
    "tonghae": ("satellite launching ground", "Tonghae Satellite Launching Ground, Hwadae county", None),
    "chihari": ("missile base", "Chihari Missile Base", None),
    "chunghwa": ("county", "Chunghwa county", None),
    "jangyon": ("county", "Jangyon county", None),
    "unknown": ("unknown", "", None),
    "kittaeryong": ("missile base", "Kittaeryong Missile Base", None),
    "sohae": ("satellite launching ground", "Sohae Satellite Launching Station, Cholsan county", None),
    "wonsan": ("airport", "Wonsan Kalma airport, Wonsan", None),
    "sunchon": ("airbase", "Sunchon airbase, Sunchon", None),
    "hodo": ("peninsula", "Hodo peninsula, Wonsan", None),
    "hwangju": ("county", "Hwangju county", None),
    "kaesong": ("city", "Kaesong", None),
    "nampo": ("city", "Nampo", None),
    "sinpo": ("shipyard", "Sinpo shipyard, Sinpo", None),
    "panghyon-ab": ("airbase", "Panghyon airbase, Kusong", None),
    "kusong": ("test site", "Kusong Testing Ground", None),
    "pukchang": ("airbase", "Pukchang airfield, Pukchang county", None),
    "koksan": ("county", "Koksan county", None),
    "north-kusong": ("test site", "North Kusong Testing Ground", None),
    "lake-yonpung": ("lake", "Lake Yonpung, Kaechon", None),
    "panghyon": ("town", "Panghyon, Kusong", None),
    "mupyong-ni": ("arms plant", "Mupyong-ni, Jonchon county", None),
    "masikryong": ("area", "Masikryong, Wonsan", None),
    "munchon": ("city", "Munchon", None),
    "taesong": ("lake", "Lake Taesong, Nampo", None),
    "pyongyang": ("airport", "Sunan, Pyongyang", None),
    "pyongsong": ("area", "Pyongsong", None),
    "baegun": ("area", "Baegun, Kusong", None),
    "kwail": ("airbase", "Kwail airbase, Kwail county", None),
    "hungnam": ("city", "Hungnam, Hamhung", None),
    "tongchon": ("county", "Tongchon county", None),
    "sondok-ab": ("airbase", "Sondok airbase, Jongpyong county", None),
    "kaechon": ("airbase", "Kaechon airbase, Kaechon", None),
    "yonghung-bay": ("bay", "Yonghung Bay, Wonsan", None),
    "yonpo": ("airport", "Yonpo airfield, Hamhung", None),
    "samsok": ("area", "Samsok district, Pyongyang", None),
    "samsok-test": ("test site", "Samsok district, Pyongyang", "Samsok missile test site"),
    "samsok-test-2": ("test site", "Samsok district, Pyongyang", "Samsok missile test site #2"),
    "samsok-test-3": ("test site", "Samsok district, Pyongyang", "Samsok missile test site #3"),
    "sangum-ri": ("village", "Sangum-ri", None),
    "sondok": ("town", "Sondok, Jongpyong county", None),
    "sukchon": ("county", "Sukchon county", None),
    "sunan": ("district", "Sunan, Pyongyang", None),
    "west-sunan": ("area", "West Sunan", "West Sunan"),
    "sonchon": ("county", "Sonchon county", None),
    "taechon": ("reservoir", "Taechon reservoir, Taechon county", None),
    "uiju": ("county", "Uiju county", None),
    "yangdok": ("county", "Yangdok county", None),
    "monggumpo": ("coast", "Monggumpo, Ryongyon county", None),
    "yonghung": ("county", "Yonghung county", None),
    "south-wonsan": ("area", "South Wonsan", None),
    "sariwon": ("city", "Sariwon", None),
    "east-pyongyang": ("area", "East Pyongyang", None),
    "kanggye": ("city", "Kanggye", None),
    "taegwan": ("county", "Taegwan county", None),
    "ryokpo": ("district", "Ryokpo district, Pyongyang", None),
}
SITE_KINDS = {
    "airport",
    "airbase",
    "shipyard",
    "satellite launching ground",
    "test site",
    "missile base",
    "arms plant",
}

RE_TRAIN = re.compile(r"\bfrom a train\b|railway-borne", re.I)
RE_SILO = re.compile(r"\bfrom a silo\b|\bunderwater silos?\b", re.I)
RE_BARGE = re.compile(r"\b(submerged|underwater) barge\b", re.I)
RE_SUB = re.compile(r"\b(launched|fired|eject(ed)?) from (a|the) [\w-]*\s?(class )?submarine\b", re.I)
RE_TEL = re.compile(r"\bTEL\b(?! maintenance)|transporter-erector-launcher")
RE_MRL = re.compile(r"multiple rocket launchers?", re.I)
RE_K_OF_N = re.compile(r"\((\d+) of (\d+)\)\s*$")
RE_APPROX_DATE = re.compile(r"best estimates?|do not know exactly when|not know the exact date", re.I)
RE_LOFTED = re.compile(r"\blofted\b", re.I)
RE_IRREGULAR = re.compile(r"\birregular\b|\bpull-up\b", re.I)
RE_DEPRESSED = re.compile(r"\bdepressed\b|\bextremely low altitude\b", re.I)


_RE_SOURCE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$", re.ASCII)


def _num(value: Any) -> str:
    """Source number as a CSV cell; 'unknown' / 'na' → empty.

    The source stores most figures as JSON numbers and some as numeric text (``"350"``, from 2024 on):
    both are figures. Regression: numeric text was dropped, leaving 105 apogee/distance/bearing
    values of 61 rows empty.
    """
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str) and _RE_SOURCE_NUMBER.match(value.strip()):
        return _num(float(value) if "." in value else int(value))
    return ""


def _precision(date: str) -> str:
    return {10: "day", 7: "month", 4: "year"}[len(date)]


def derive_platform(system_id: str, system_type: str, facility_kind: str, text: str) -> tuple[str, str]:
    """Return ``(platform, basis)`` by the rules in the module docstring."""
    if system_id.startswith("rail-mobile"):
        return "rail car", "system id"
    if system_id.startswith("silo-based"):
        return "silo", "system id"
    if RE_TRAIN.search(text):
        return "rail car", "description: fired from a train"
    if RE_SILO.search(text):
        return "silo", "description: silo"
    if system_type == "SLBM":
        if RE_BARGE.search(text):
            return "ship", "description: submersible barge"
        if RE_SUB.search(text):
            return "submarine", "description: fired from a submarine"
    if RE_TEL.search(text):
        return "road-mobile launcher", "description: TEL"
    if system_id == "kn-25" and RE_MRL.search(text):
        return "road-mobile launcher", "description: multiple rocket launcher"
    if system_type == "SLV" and facility_kind == "satellite launching ground":
        return "fixed pad", "facility: satellite launching station pad"
    return "unknown", ""


def derive_trajectory(text: str, shared: bool) -> str:
    """Trajectory type stated by an entry's own description ('' when shared with other entries)."""
    if shared:
        return ""
    if RE_LOFTED.search(text):
        return "lofted"
    if RE_IRREGULAR.search(text):
        return "irregular"
    if RE_DEPRESSED.search(text):
        return "depressed"
    return ""


def local_date_of_source(date: str, time_utc: str) -> str:
    """The source's (UTC) date + UTC time → local date (UTC+9); dates without a time are kept."""
    if not time_utc or len(date) != 10:
        return date
    y, mo, d = (int(x) for x in date.split("-"))
    hh, mm = (int(x) for x in time_utc.split(":"))
    from datetime import UTC, datetime

    instant = datetime(y, mo, d, hh, mm, tzinfo=UTC)
    local = launchtime.local_date_of(instant, "KP")
    assert local is not None
    return local.isoformat()


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def build(source: Path, out: Path = OUT) -> dict[str, int]:
    """Write the catalogue files into ``out``; return row counts."""
    tests = [r for tb in _read_json(source / "test.en.json")["timeBins"] for r in tb["data"]]
    fac_en = _read_json(source / "facility.en.json")["facilities"]
    fac_ja = _read_json(source / "facility.ja.json")["facilities"]
    mis_en = _read_json(source / "missile.en.json")
    mis_ja = _read_json(source / "missile.ja.json")
    missing = set(fac_en) - set(FACILITY_INFO)
    if missing:
        raise SystemExit(f"facility ids without kind/place in FACILITY_INFO: {sorted(missing)}")

    # --- facilities.csv
    fac_rows = []
    for fid in sorted(fac_en):
        kind, place, fixed = FACILITY_INFO[fid]
        f = fac_en[fid]
        fac_rows.append(
            {
                "id": fid,
                "name": fixed or f["name"],
                "name_ja": fac_ja[fid]["name"],
                "lon": f"{float(f['lon']):.6f}",
                "lat": f"{float(f['lat']):.6f}",
                "kind": kind,
                "launch_place": place,
                "is_placeholder": "true" if fid == "unknown" else "false",
            }
        )

    # --- systems.csv
    sys_rows = []
    for sid in sorted(mis_en):
        m = mis_en[sid]
        sys_rows.append(
            {
                "system_id": sid,
                "name": m["name"],
                "type": "unknown" if m["type"].lower() == "unknown" else m["type"],
                "name_ja": mis_ja[sid]["name"],
                "maneuver": m.get("maneuver", ""),
                "origin": "nk-missile-tests",
            }
        )

    # --- launches.csv: source entries
    by_date: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(tests):
        by_date[r["date"]].append(i)
    own_text = [RE_K_OF_N.sub("", r["description"].strip()).strip() for r in tests]
    changes: dict[str, list[str]] = defaultdict(list)
    rows: list[dict[str, str]] = []
    for i, r in enumerate(tests):
        date = r["date"]
        same = by_date[date]
        n = same.index(i) + 1
        rid = f"{date}-{n}"
        text = r["description"]
        m = mis_en[r["missile"]]
        stype = "unknown" if m["type"].lower() == "unknown" else m["type"]
        fid = r["facility"]
        kind, place, _ = FACILITY_INFO[fid]
        platform, basis = derive_platform(r["missile"], stype, kind, text)
        bearing = r["bearing"]
        placeholder = bearing == 90
        landing = "n/a" if r["landing"] == "na" else r["landing"]
        k_of_n = RE_K_OF_N.search(text.strip())
        if k_of_n:
            salvo = k_of_n.group(2)
        elif _precision(date) == "day":
            salvo = str(len(same))
        else:
            salvo = ""
        notes = []
        if RE_APPROX_DATE.search(text):
            notes.append("date approximate")
        if "glide" in r:
            notes.append("glide/manoeuvre legs in source")
        if fid == "unknown":
            notes.append("launch site not reported")
        time = "" if r["time"] == "unknown" else r["time"].replace(" (UTC)", "").strip()
        local_date = local_date_of_source(date, time)
        if local_date != date:
            changes[rid].append(f"date: {date} (source, UTC date) -> {local_date} (local date, UTC+9)")
        shared = sum(own_text[j] == own_text[i] for j in same) > 1
        entry = f"{date} #{n}"
        rows.append(
            {
                "id": rid,
                "date": local_date,
                "date_precision": _precision(date),
                "time_utc": time,
                "country": "KP",
                "system_id": r["missile"],
                "system_name": m["name"],
                "system_type": stype,
                "platform": platform,
                "platform_basis": basis,
                "facility_id": fid,
                "launch_place": place,
                "launch_lon": f"{float(fac_en[fid]['lon']):.6f}",
                "launch_lat": f"{float(fac_en[fid]['lat']):.6f}",
                "location_precision": "placeholder"
                if fid == "unknown"
                else ("site" if kind in SITE_KINDS else "area"),
                "apogee_km": _num(r["apogee"]),
                "distance_km": _num(r["distance"]),
                "trajectory": derive_trajectory(text, shared),
                "bearing_deg": "" if placeholder else _num(bearing),
                "bearing_source": "default 90 (source placeholder)"
                if placeholder
                else "nk-missile-tests (Japan MoD where known)",
                "bearing_is_placeholder": "true" if placeholder else "false",
                "outcome": r["outcome"],
                "landing_area": landing,
                "landing_label": LANDING_LABELS[landing],
                "eez_reported": "",
                "salvo_size": salvo,
                "record_origin": "nk-missile-tests",
                "source_entry": f"test.en.json[{i}]",
                "sources": CNS_CITATION.format(entry=entry),
                "notes": "; ".join(notes),
            }
        )

    # --- additional (curated) records
    with ADDITIONAL.open(encoding="utf-8", newline="") as f:
        extra = list(csv.DictReader(f))
    known_systems = {s["system_id"] for s in sys_rows}
    for e in extra:
        row = {c: "" for c in LAUNCH_COLUMNS}
        for k, v in e.items():
            if k in row:
                row[k] = (v or "").strip()
        row["country"] = row["country"] or "KP"
        row["date_precision"] = _precision(row["date"])
        row["landing_label"] = LANDING_LABELS[row["landing_area"] or "unknown"]
        row["landing_area"] = row["landing_area"] or "unknown"
        row["record_origin"] = "curated"
        row["source_entry"] = "additional_records.csv"
        row["bearing_is_placeholder"] = "false"
        if row["system_type"] not in SYSTEM_TYPES:
            raise SystemExit(f"{row['id']}: bad system_type {row['system_type']!r}")
        if not row["sources"]:
            raise SystemExit(f"{row['id']}: an added record needs its citation in 'sources'")
        if row["system_id"] not in known_systems:
            known_systems.add(row["system_id"])
            sys_rows.append(
                {
                    "system_id": row["system_id"],
                    "name": row["system_name"],
                    "type": row["system_type"],
                    "name_ja": e.get("system_name_ja", "") or "",
                    "maneuver": "",
                    "origin": "curated",
                }
            )
        rows.append(row)

    by_rid = {r["id"]: r for r in rows}
    facts = apply_curated_facts(by_rid, changes)
    for row in rows:
        _, stamp, problems = launchtime.reconcile_launch_time(
            row["date"] if len(row["date"]) == 10 else None, row["time_utc"] or None, None, row["country"]
        )
        if problems:
            raise SystemExit(f"{row['id']}: date/time do not follow the convention: {problems}")
        row["datetime_utc"] = stamp or ""

    ids = Counter(r["id"] for r in rows)
    dup = [k for k, v in ids.items() if v > 1]
    if dup:
        raise SystemExit(f"duplicate ids: {dup}")
    rows.sort(key=lambda r: (r["date"], r["datetime_utc"] == "", r["datetime_utc"], r["id"]))
    audit_rows = build_audit(rows, changes)

    out.mkdir(parents=True, exist_ok=True)
    _write(out / "launches.csv", LAUNCH_COLUMNS, rows)
    _write(
        out / "facilities.csv",
        ["id", "name", "name_ja", "lon", "lat", "kind", "launch_place", "is_placeholder"],
        fac_rows,
    )
    sys_rows.sort(key=lambda s: s["system_id"])
    with SYSTEM_RANGES.open(encoding="utf-8", newline="") as f:
        ranges = {r["system_id"]: r for r in csv.DictReader(f)}
    for s in sys_rows:
        if s["system_id"] not in ranges:
            raise SystemExit(
                f"system {s['system_id']!r} has no row in {SYSTEM_RANGES.name}"
                " (write 'no public estimate found' there)"
            )
        s.update({k: (ranges[s["system_id"]][k] or "").strip() for k in RANGE_FIELDS})
    sys_cols = ["system_id", "name", "type", "name_ja", "maneuver", "origin", *RANGE_FIELDS]
    _write(out / "systems.csv", sys_cols, sys_rows)
    shutil.copyfile(source / "LICENSE", out / "LICENSE")
    _write(out / "audit.csv", AUDIT_COLUMNS, audit_rows)
    return {
        "launches": len(rows),
        "source": len(tests),
        "added": len(extra),
        "facts": len(facts),
        "facilities": len(fac_rows),
        "checked": sum(1 for a in audit_rows if a["checked"]),
    }


def apply_curated_facts(
    by_rid: dict[str, dict[str, str]], changes: dict[str, list[str]]
) -> list[dict[str, str]]:
    """Apply curated_facts.csv to the rows (see the module docstring); return the facts."""
    with CURATED_FACTS.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != CURATED_FACT_COLUMNS:
            raise SystemExit(
                f"curated_facts.csv: expected columns {CURATED_FACT_COLUMNS}, got {reader.fieldnames}"
            )
        facts = list(reader)
    for fact in facts:
        rid, field, value = fact["id"], fact["field"], fact["value"].strip()
        target = by_rid.get(rid)
        if target is None:
            raise SystemExit(f"curated_facts.csv: no launch with id {rid!r}")
        if field not in CURATED_FACT_FIELDS:
            raise SystemExit(
                f"curated_facts.csv: {rid}: {field!r} is not one of {sorted(CURATED_FACT_FIELDS)}"
            )
        if not fact["source"].strip():
            raise SystemExit(f"curated_facts.csv: {rid}: a fact needs its citation")
        if target[field] != fact["replaces"].strip():
            raise SystemExit(
                f"curated_facts.csv: {rid}: {field} is {target[field]!r}, the fact replaces "
                f"{fact['replaces']!r} (the source changed: review the fact)"
            )
        old = target[field]
        target[field] = value
        target["sources"] += "; " + fact["source"].strip()
        changes[rid].append(f"{field}: {old or '(empty)'} -> {value} (curated fact)")
    return facts


def build_audit(rows: list[dict[str, str]], changes: dict[str, list[str]]) -> list[dict[str, str]]:
    """Compare checks.csv with the final rows; stop on unexplained disagreements; audit.csv rows."""
    import pandas as pd

    frame = pd.DataFrame(rows)
    comparison = audit.compare_checks(frame, audit.load_checks(CHECKS))
    bad = audit.unexplained(comparison)
    if len(bad):
        lines = "\n".join(
            f"  {b.id} {b.field}: catalogue {b.catalogue!r}, reported {b.reported!r} ({b.source_url})"
            for b in bad.itertuples()
        )
        raise SystemExit(
            f"checks.csv: {len(bad)} disagreements neither corrected nor kept with a reason:\n{lines}"
        )
    out = []
    for row in rows:
        mine = comparison[comparison["id"] == row["id"]]
        fields = list(dict.fromkeys(mine["field"]))
        agreeing = [f for f in fields if bool(mine[mine["field"] == f]["agrees"].all())]
        kept = list(dict.fromkeys(f"{k.field}: {k.kept}" for k in mine.itertuples() if not k.agrees))
        out.append(
            {
                "id": row["id"],
                "date": row["date"],
                "time_utc": row["time_utc"],
                "apogee_km": row["apogee_km"],
                "distance_km": row["distance_km"],
                "eez_reported": row["eez_reported"],
                "checked": " ".join(fields),
                "agreeing": " ".join(agreeing),
                "kept": " | ".join(kept),
                "changes": " | ".join(changes.get(row["id"], [])),
                "second_sources": " ".join(dict.fromkeys(mine["source_url"])),
            }
        )
    return out


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="nk_missile_tests folder")
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    counts = build(args.source, args.out)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
