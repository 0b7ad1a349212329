"""geo.audit and the catalogue audit (issue 13): second-source checks, corrections, invariants.

The invariant functions are tested twice: on synthetic rows that break them (so the check can fail)
and on the shipped catalogue (where they must hold, or list exactly the reviewed exceptions).
"""

from __future__ import annotations

import csv
import doctest
import importlib.util
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import geo.audit
from geo.audit import (
    CATALOGUE_COMPLETE_THROUGH,
    CHECK_COLUMNS,
    REPORTS_SEARCHED_THROUGH,
    compare_checks,
    duplicate_events,
    eez_statement_conflicts,
    figure_agrees,
    load_checks,
    local_date_conflicts,
    trajectory_conflicts,
    unexplained,
)
from geo.paths import DATA_DIR
from geo.records import TRAJECTORIES, load_catalogue

ROOT = Path(__file__).resolve().parent.parent
CAT = DATA_DIR / "catalogue"


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(CAT / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    """launches.csv as text (what the build wrote)."""
    return _csv("launches.csv")


@pytest.fixture(scope="module")
def comparison(raw: pd.DataFrame) -> pd.DataFrame:
    return compare_checks(raw, load_checks())


def test_doctests() -> None:
    assert doctest.testmod(geo.audit).failed == 0


# ---------------------------------------------------------------------------------------------------
# comparing a check with the catalogue


def _row(**kw: str) -> dict[str, str]:
    base = {
        "id": "x-1",
        "date": "2017-05-14",
        "time_utc": "20:27",
        "datetime_utc": "2017-05-13T20:27Z",
        "country": "KP",
        "apogee_km": "2111.5",
        "distance_km": "787",
        "eez_reported": "",
    }
    return base | kw


def _check(**kw: str) -> dict[str, str]:
    return {c: "" for c in CHECK_COLUMNS} | {"ids": "x-1", "source_url": "https://example.org/r"} | kw


@pytest.mark.parametrize(
    ("value", "reported", "agrees"),
    [
        (500, "550", False),
        (540, "550", True),
        (550, "500", False),
        (20, "25", True),  # 10 km floor
        (350, "300-400", True),
        (420, "300-400", True),  # within 5 % of 400
        (450, "300-400", False),
        (1413.6, ">1000", True),
        (900, ">1000", False),
        (15, "<20", True),
    ],
)
def test_figure_agrees(value: float, reported: str, agrees: bool) -> None:
    assert figure_agrees(value, reported) is agrees


def test_figure_refuses_text() -> None:
    with pytest.raises(ValueError, match="not a reported figure"):
        figure_agrees(1, "about 500")


def test_compare_checks_field_by_field() -> None:
    records = pd.DataFrame([_row()])
    checks = [
        _check(local_date="2017-05-14", local_time="05:30", apogee_km="2100", distance_km="700"),
        _check(local_date="2017-05-15", local_time="05:40", kept="date: reported a day late"),
    ]
    got = compare_checks(records, checks)
    table = {(r.field, r.reported): (r.agrees, r.kept) for r in got.itertuples()}
    assert table == {
        ("date", "2017-05-14"): (True, ""),
        ("time_utc", "2017-05-14 05:30 local"): (True, ""),  # 3 minutes apart
        ("apogee_km", "2100"): (True, ""),
        ("distance_km", "700"): (False, ""),
        ("date", "2017-05-15"): (False, "reported a day late"),
        ("time_utc", "2017-05-15 05:40 local"): (False, ""),
    }
    assert sorted(unexplained(got)["field"]) == ["distance_km", "time_utc"]


def test_compare_checks_time_across_midnight_and_eez() -> None:
    records = pd.DataFrame([_row(eez_reported="inside Japan EEZ")])
    # 12:27 UTC+9 would be 03:27 UTC: seven hours off, so the 12-hour-clock slip is caught.
    got = compare_checks(records, [_check(local_time="12:27", eez="outside")])
    assert got.set_index("field")["agrees"].to_dict() == {"time_utc": False, "eez_reported": False}


def test_compare_checks_refuses_an_unknown_id() -> None:
    with pytest.raises(ValueError, match="no catalogue row with id 'nope'"):
        compare_checks(pd.DataFrame([_row()]), [_check(ids="nope")])


# ---------------------------------------------------------------------------------------------------
# invariants on synthetic rows: each must be able to fail


def test_local_date_conflicts_catches_a_utc_date_in_the_date_column() -> None:
    rows = pd.DataFrame(
        [
            _row(),
            _row(id="x-2", date="2017-05-13"),  # the UTC date where the local one belongs
            _row(id="x-3", datetime_utc=""),  # a time without its instant
            _row(id="x-4", time_utc="", datetime_utc=""),
        ]
    )
    assert local_date_conflicts(rows)["id"].tolist() == ["x-2", "x-3"]


def test_trajectory_conflicts() -> None:
    rows = pd.DataFrame(
        [
            {
                "id": "ok",
                "trajectory": "lofted",
                "apogee_km": "6000",
                "distance_km": "1000",
                "system_type": "ICBM",
            },
            {"id": "lofted-flat", "trajectory": "lofted", "apogee_km": "100", "distance_km": "800"},
            {"id": "depressed-high", "trajectory": "depressed", "apogee_km": "300", "distance_km": "600"},
            {"id": "irregular-steep", "trajectory": "irregular", "apogee_km": "600", "distance_km": "500"},
            {
                "id": "srbm-far",
                "trajectory": "",
                "apogee_km": "",
                "distance_km": "1500",
                "system_type": "SRBM",
            },
            {
                "id": "cruise-high",
                "trajectory": "",
                "apogee_km": "60",
                "distance_km": "",
                "system_type": "cruise",
            },
        ]
    )
    assert trajectory_conflicts(rows)["id"].tolist() == [
        "lofted-flat",
        "depressed-high",
        "irregular-steep",
        "srbm-far",
        "cruise-high",
    ]


def test_duplicate_events() -> None:
    one = {
        "date": "2020-03-02",
        "facility_id": "wonsan",
        "system_id": "kn-25",
        "record_origin": "nk-missile-tests",
    }
    rows = pd.DataFrame(
        [
            one | {"id": "2020-03-02-1", "datetime_utc": "2020-03-02T03:37Z"},
            one | {"id": "2020-03-02-2", "datetime_utc": "2020-03-02T03:38Z"},  # a salvo, not a duplicate
            one | {"id": "2020-03-01-1", "datetime_utc": "2020-03-02T03:40Z"},  # entered again, UTC date
            one | {"id": "2020-03-02-c1", "datetime_utc": "", "record_origin": "curated"},
            one | {"id": "2020-03-01-2", "datetime_utc": "2020-03-02T09:00Z"},  # hours later: another launch
        ]
    )
    got = duplicate_events(rows)
    pairs = {frozenset(p) for p in zip(got["id"], got["other_id"], strict=True)}
    assert pairs == {
        frozenset({"2020-03-02-1", "2020-03-01-1"}),
        frozenset({"2020-03-02-2", "2020-03-01-1"}),
        frozenset({"2020-03-02-1", "2020-03-02-c1"}),
        frozenset({"2020-03-02-2", "2020-03-02-c1"}),
        frozenset({"2020-03-01-1", "2020-03-02-c1"}),
        frozenset({"2020-03-02-c1", "2020-03-01-2"}),
    }


# ---------------------------------------------------------------------------------------------------
# the shipped catalogue


def test_every_check_agrees_or_is_corrected_or_kept_with_a_reason(comparison: pd.DataFrame) -> None:
    bad = unexplained(comparison)
    assert bad.empty, bad.to_string()


def test_no_stale_kept_reason(comparison: pd.DataFrame) -> None:
    """A reason to keep a value is only written where the value disagrees (else it is out of date).

    A check may name a salvo's rows and keep the value of some of them, so a reason is stale when no row
    of its check disagrees on that field.
    """
    kept = comparison[comparison["kept"] != ""]
    disagreeing = kept.groupby(["source_url", "field", "kept"])["agrees"].apply(
        lambda a: not a.astype(bool).all()
    )
    assert disagreeing.all(), disagreeing[~disagreeing].to_string()
    for check in load_checks():
        for part in filter(None, (p.strip() for p in check["kept"].split("|"))):
            assert part.split(":")[0] in {"date", "time_utc", "apogee_km", "distance_km", "eez_reported"}, (
                part
            )


def test_checks_cite_a_url_and_hold_figures_only() -> None:
    checks = load_checks()
    assert len(checks) >= 250
    for c in checks:
        assert re.match(r"https?://\S+$", c["source_url"]), c
        assert c["local_time"] == "" or re.fullmatch(r"\d{2}:\d{2}", c["local_time"]), c
        assert c["local_date"] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", c["local_date"]), c
        for field in ("apogee_km", "distance_km"):
            if c[field]:
                figure_agrees(0, c[field])  # parses


def test_audit_coverage(raw: pd.DataFrame) -> None:
    """audit.csv: one row per launch; at least 320 of the 349 rows checked against a second source."""
    audit = _csv("audit.csv")
    assert audit["id"].tolist() == raw["id"].tolist()
    checked = audit[audit["checked"] != ""]
    assert len(checked) >= 320
    assert checked["second_sources"].str.match(r"https?://").all()
    # the coverage the data README states is the shipped one
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert f"{len(checked)} of {len(audit)} rows" in readme


def test_every_curated_fact_is_cited_and_recorded(raw: pd.DataFrame) -> None:
    facts = _csv("curated_facts.csv")
    audit = _csv("audit.csv").set_index("id")
    sources = raw.set_index("id")["sources"]
    for f in facts.itertuples():
        assert re.search(r"https?://\S+$", f.source), f
        assert f.source in sources[f.id], f
        assert (
            f"{f.field}: {f.replaces or '(empty)'} -> {f.value} (curated fact)" in audit.loc[f.id, "changes"]
        )


def test_issue_13_rows_are_corrected(raw: pd.DataFrame) -> None:
    by_id = raw.set_index("id")
    # 12-hour-clock slips: 09:30 and 09:40 UTC+9
    assert by_id.loc["2016-02-07-1", ["date", "time_utc"]].tolist() == ["2016-02-07", "00:30"]
    assert by_id.loc["2017-07-04-1", ["date", "time_utc"]].tolist() == ["2017-07-04", "00:40"]
    # 05:27 UTC+9 on 14 May: the UTC instant is on the 13th
    assert by_id.loc["2017-05-14-1", "date"] == "2017-05-14"
    assert by_id.loc["2017-05-14-1", "datetime_utc"].startswith("2017-05-13T20:2")
    # swapped figures: about 500 km range, 550 km apogee
    for rid in ("2022-12-18-1", "2022-12-18-2"):
        assert by_id.loc[rid, ["apogee_km", "distance_km"]].tolist() == ["550", "500"]
    # Japan's statements the issue names (the Hwasong-17 of 16 March 2023 local time is id 2023-03-15-1)
    assert by_id.loc["2023-03-15-1", ["date", "eez_reported"]].tolist() == ["2023-03-16", "outside Japan EEZ"]
    assert (by_id.loc[["2023-06-15-1", "2023-06-15-2"], "eez_reported"] == "inside Japan EEZ").all()


def test_catalogue_local_dates_hold(raw: pd.DataFrame) -> None:
    bad = local_date_conflicts(raw)
    assert bad.empty, bad.to_string()


def test_catalogue_trajectories_hold(raw: pd.DataFrame) -> None:
    assert set(raw["trajectory"]) - {""} <= set(TRAJECTORIES)
    assert (raw["trajectory"] == "lofted").sum() >= 10
    bad = trajectory_conflicts(raw)
    assert bad.empty, bad.to_string()


def test_catalogue_has_no_duplicate_events(raw: pd.DataFrame) -> None:
    bad = duplicate_events(raw)
    assert bad.empty, bad.to_string()


def test_eez_statements_match_the_estimates_or_are_under_review() -> None:
    """Statements the estimated impact zone contradicts are listed in eez_review.csv, never changed."""
    from geo.maritime import MaritimeZones

    cat = load_catalogue()
    conflicts = eez_statement_conflicts(cat, MaritimeZones.load())
    reviewed = _csv("eez_review.csv")
    assert sorted(conflicts["id"]) == sorted(reviewed["id"]), conflicts.to_string()
    assert (reviewed["decision"].str.startswith("kept")).all()
    stated = cat.set_index("id")["eez_reported"]
    assert (reviewed.set_index("id")["eez_reported"] == stated[reviewed["id"]]).all()


def test_completeness_date_is_the_last_launch_and_is_stated(raw: pd.DataFrame) -> None:
    assert raw["date"].max() == CATALOGUE_COMPLETE_THROUGH.isoformat()
    assert REPORTS_SEARCHED_THROUGH >= CATALOGUE_COMPLETE_THROUGH
    for path in (ROOT / "README.md", DATA_DIR / "README.md"):
        text = path.read_text(encoding="utf-8")
        assert f"complete through {CATALOGUE_COMPLETE_THROUGH.isoformat()}" in text.lower(), path
        assert REPORTS_SEARCHED_THROUGH.isoformat() in text, path


# ---------------------------------------------------------------------------------------------------
# the build's curated facts


def _build_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "build_catalogue", ROOT / "data" / "build" / "build_catalogue.py"
    )
    assert spec is not None
    assert spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _facts_file(tmp_path: Path, *rows: list[str]) -> Path:
    path = tmp_path / "facts.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "field", "value", "replaces", "source"])
        w.writerows(rows)
    return path


def test_a_fact_applies_only_over_the_value_it_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = _build_module()
    row = {"id": "a-1", "time_utc": "12:29", "sources": "src"}
    monkeypatch.setattr(
        build, "CURATED_FACTS", _facts_file(tmp_path, ["a-1", "time_utc", "00:30", "12:29", "R u"])
    )
    changes: dict[str, list[str]] = {}
    from collections import defaultdict

    changes = defaultdict(list)
    build.apply_curated_facts({"a-1": row}, changes)
    assert row == {"id": "a-1", "time_utc": "00:30", "sources": "src; R u"}
    assert changes["a-1"] == ["time_utc: 12:29 -> 00:30 (curated fact)"]
    # the source changed since the fact was written: the build stops instead of overwriting
    row = {"id": "a-1", "time_utc": "12:31", "sources": "src"}
    with pytest.raises(SystemExit, match="the fact replaces '12:29'"):
        build.apply_curated_facts({"a-1": row}, defaultdict(list))
    monkeypatch.setattr(
        build, "CURATED_FACTS", _facts_file(tmp_path, ["a-1", "bearing_deg", "90", "", "R u"])
    )
    with pytest.raises(SystemExit, match="'bearing_deg' is not one of"):
        build.apply_curated_facts({"a-1": {"id": "a-1", "bearing_deg": "", "sources": ""}}, defaultdict(list))


@pytest.mark.parametrize(
    ("date", "time", "local"),
    [
        ("2017-08-28", "20:58", "2017-08-29"),
        ("2017-07-04", "00:40", "2017-07-04"),
        ("1984-09", "", "1984-09"),
    ],
)
def test_source_dates_become_local_dates(date: str, time: str, local: str) -> None:
    assert _build_module().local_date_of_source(date, time) == local


@pytest.mark.parametrize(
    ("text", "shared", "trajectory"),
    [
        ("Fired on a lofted trajectory.", False, "lofted"),
        ("The missile performed a pull-up manoeuvre.", False, "irregular"),
        ("Flew at an extremely low altitude.", False, "depressed"),
        ("Fired on a lofted trajectory.", True, ""),  # a description shared by a salvo's entries
        ("Flew 800 km.", False, ""),
    ],
)
def test_trajectory_from_the_entrys_own_text(text: str, shared: bool, trajectory: str) -> None:
    assert _build_module().derive_trajectory(text, shared) == trajectory
