"""geo.geocoding.report: real news reports -> launch events, each field with its evidence.

The accuracy test reads the excerpts of real reports in ``tests/data/reports/excerpts.json``
(Yonhap, Kyodo, NHK, Japan MoD, Reuters/AP copies; English, Japanese, Korean; each with its URL)
and scores every stated field the way ``benchmarks/bench_reader.py`` does.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.geocoding import Gazetteer
from geo.geocoding.drafts import GEOJSON_PROPERTIES, events_geojson, report_records
from geo.geocoding.events import REPORT_FIELDS
from geo.geocoding.report import (
    MAX_REPORT_CHARS,
    ReportInputError,
    read_report,
    report_text,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_reader import load_excerpts, score  # noqa: E402

SEED = ROOT.parent / "shared" / "data" / "reports" / "2021-09-16_rail-borne-missiles.txt"
GOLDEN = ROOT / "tests" / "golden" / "read_synthetic.geojson"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = Gazetteer.load()
    g.mentions("warm up")
    return g


@pytest.fixture(scope="module")
def excerpts() -> list[dict[str, Any]]:
    return load_excerpts()


# ---------------------------------------------------------------------------------------------
# the excerpt set itself
# ---------------------------------------------------------------------------------------------


def test_excerpt_set_is_real_sourced_and_short(excerpts: list[dict[str, Any]]) -> None:
    assert len(excerpts) >= 40
    langs = [d["lang"] for d in excerpts]
    assert langs.count("ja") >= 8
    assert langs.count("ko") >= 8
    assert langs.count("en") >= 20
    assert len({d["id"] for d in excerpts}) == len(excerpts)
    for d in excerpts:
        assert d["url"].startswith(("http://", "https://")), d["id"]
        assert 50 < len(d["text"]) <= 2500, f"{d['id']}: keep an excerpt to the sentences needed"
        assert d["events"], d["id"]
        assert not d["events"][0].get("background"), f"{d['id']}: the main event comes first"
    countries = {e.get("country") for d in excerpts for e in d["events"]}
    assert {"KP", "CN", "RU", "IR"} <= countries  # beyond North Korea (issue 9 item 4)


# ---------------------------------------------------------------------------------------------
# accuracy and robustness on real wording
# ---------------------------------------------------------------------------------------------


def test_stated_fields_are_read_right_on_real_reports(gaz: Gazetteer, excerpts: list[dict[str, Any]]) -> None:
    res = score(gaz, excerpts)
    assert res["crashes"] == []
    assert res["fields"] >= 300
    assert res["accuracy"] >= 0.95, "\n".join(res["wrong"])
    for name in ("date", "country", "distance_km", "apogee_km", "eez_reported"):
        right, total = res["right"][name], res["total"][name]
        assert right / total >= 0.9, (name, right, total, [w for w in res["wrong"] if f": {name}:" in w])


@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_each_language_reads_well(gaz: Gazetteer, excerpts: list[dict[str, Any]], lang: str) -> None:
    res = score(gaz, [d for d in excerpts if d["lang"] == lang])
    assert res["accuracy"] >= 0.9, "\n".join(res["wrong"])


def test_evidence_spans_are_exact_and_values_plain(gaz: Gazetteer, excerpts: list[dict[str, Any]]) -> None:
    for doc in excerpts:
        text = doc["text"]
        for ev in read_report(text, published=doc["published"], gazetteer=gaz):
            assert list(ev.fields) == list(REPORT_FIELDS)
            for f in ev.fields.values():
                assert f.value is None or isinstance(f.value, str | int | float | bool), (doc["id"], f)
                if f.status == "missing":
                    assert (f.value, f.start, f.evidence) == (None, None, ""), (doc["id"], f)
                    continue
                assert f.start is not None
                assert f.end is not None
                assert 0 <= f.start < f.end <= len(text)
                assert text[f.start : f.end] == f.evidence, (doc["id"], f.name)
                # whole words: never "rail car" of "rail cars" (Latin script; CJK has no spaces)
                assert not re.match(r"[A-Za-z]{2}", text[f.end - 1 : f.end + 1]), (doc["id"], f.name)
                assert not re.match(r"[A-Za-z]{2}", text[max(f.start - 1, 0) : f.start + 1]), (doc["id"], f)
                if f.status == "derived":
                    assert f.how, (doc["id"], f.name)
            for row in ev.table():
                assert set(row) == {"field", "value", "status", "start", "end", "evidence", "how"}


def test_background_facts_never_leak_into_the_main_event(gaz: Gazetteer) -> None:
    text = (
        "North Korea fired two short-range ballistic missiles into the East Sea on Thursday, the JCS said. "
        "They flew about 350 km. Earlier this month, on March 2, the North fired a cruise missile that "
        "flew 1,500 km."
    )
    events = read_report(text, published="2023-03-16", gazetteer=gaz)
    main, bg = events[0], events[1]
    assert (main.background, main.value("date"), main.value("distance_km")) == (False, "2023-03-16", 350.0)
    assert main.value("system_type") == "SRBM"
    assert (bg.background, bg.value("date"), bg.value("distance_km")) == (True, "2023-03-02", 1500.0)
    assert bg.value("system_type") == "cruise"


def test_bearing_after_the_distance_is_read(gaz: Gazetteer) -> None:
    """Regression: "flew about 750 km east-northeast" gave the distance but no bearing."""
    text = "North Korea fired a ballistic missile from Pyongyang. It flew about 750 km east-northeast."
    (ev,) = read_report(text, published="2022-10-04", gazetteer=gaz)
    assert (ev.value("distance_km"), ev.value("bearing_deg")) == (750.0, 67.5)
    bearing = ev.fields["bearing_deg"]
    assert text[bearing.start : bearing.end] == "east-northeast"


def test_report_without_a_launch_reads_as_no_event(gaz: Gazetteer) -> None:
    assert (
        read_report("The weather in Seoul was sunny on Monday.", published="2024-01-01", gazetteer=gaz) == []
    )


# ---------------------------------------------------------------------------------------------
# the seed report (../shared; skipped when absent)
# ---------------------------------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="../shared/data/reports is not beside the clone")
def test_seed_report_reads_as_two_events(gaz: Gazetteer) -> None:
    text = SEED.read_text(encoding="utf-8")
    events = read_report(text, published="2021-09-16", gazetteer=gaz)
    assert len(events) == 2
    main, bg = events
    assert not main.background
    assert bg.background
    assert main.value("date") == "2021-09-15"
    assert main.value("country") == "KP"
    assert main.value("count") == 2
    assert main.value("system_type") == "SRBM"
    assert main.value("platform") == "rail car"
    assert main.value("distance_km") == 800.0
    assert main.launch is not None
    assert main.launch.entry_id == "kp-central-mountains"
    assert main.value("launch_uncertainty_km") > 50  # a region, not a point
    assert (main.value("eez_reported"), main.value("eez_state")) == ("inside", "JP")
    assert (
        text[main.fields["launch_place"].start : main.fields["launch_place"].end]
        == "mountainous central region"
    )
    assert bg.value("distance_km") == 1500.0
    assert bg.value("system_type") == "cruise"
    assert bg.value("eez_reported") is None  # the main event's claim does not leak


# ---------------------------------------------------------------------------------------------
# drafts: the same path as any import
# ---------------------------------------------------------------------------------------------


def test_drafts_go_through_validate_records(gaz: Gazetteer) -> None:
    text = (
        "North Korea fired two short-range ballistic missiles from Yangdok county on Sept. 15, 2021. "
        "They flew 800 km and landed inside Japan's exclusive economic zone. Pyongyang also fired a "
        "cruise missile that flew 1,500 km."
    )
    events = read_report(text, gazetteer=gaz)
    result = report_records(events, source="example.txt")
    assert result.n_kept == 1  # the undated background draft is rejected, with a reason
    rec = result.records.iloc[0]
    assert (rec["date"], rec["country"], rec["salvo_size"], rec["system_type"]) == (
        "2021-09-15",
        "KP",
        2,
        "SRBM",
    )
    assert rec["eez_reported"] == "inside Japan EEZ (report)"
    assert rec["launch_uncertainty_km"] == pytest.approx(20.0)
    assert [e.field for e in result.errors] == ["date"]
    assert result.errors[0].row == 2


def test_hostile_text_stays_plain_data(gaz: Gazetteer) -> None:
    text = (
        "North Korea fired a missile from {{ config.__class__ }} <script>alert(1)</script> Wonsan on "
        "Sept. 15, 2021; it flew 800 km {% raw %}."
    )
    events = read_report(text, gazetteer=gaz)
    feature = events_geojson(events)["features"][0]
    dumped = json.dumps(feature)
    assert "alert" not in dumped
    assert "{{" not in dumped
    assert "{%" not in dumped
    assert feature["properties"]["distance_km"] == 800.0


# ---------------------------------------------------------------------------------------------
# golden output
# ---------------------------------------------------------------------------------------------

_SYNTHETIC = (
    "TOKYO, Oct. 31 -- North Korea launched an intercontinental ballistic missile eastward at 7:11 a.m. "
    "on Thursday from the Pyongyang area, Japan's Defense Ministry said. The missile flew for 86 minutes, "
    "reached an altitude of more than 7,000 km and fell about 200 km west of Okushiri Island, outside "
    "Japan's exclusive economic zone. It was the first launch since Sept. 18, when the North fired "
    "several short-range ballistic missiles that flew about 400 km."
)


def test_geojson_matches_golden(gaz: Gazetteer) -> None:
    fc = events_geojson(read_report(_SYNTHETIC, published=date(2024, 10, 31), gazetteer=gaz))
    for f in fc["features"]:
        assert list(f["properties"]) == list(GEOJSON_PROPERTIES)
    got = json.loads(json.dumps(fc))
    if not GOLDEN.exists():  # written once, then reviewed and kept under version control
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert got == want
    main = got["features"][0]["properties"]
    assert (main["date"], main["time_utc"], main["country"], main["system_type"]) == (
        "2024-10-31",
        "22:11",
        "KP",
        "ICBM",
    )
    assert main["apogee_km"] == 7000.0
    assert main["bearing_deg"] == 90.0
    assert main["eez_reported"] == "outside"


# ---------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("x" * (MAX_REPORT_CHARS + 1), "at most"),
        ("North Korea\x00\x01\x02 fired", "binary"),
    ],
)
def test_bad_text_is_refused_with_a_reason(gaz: Gazetteer, text: str, message: str) -> None:
    with pytest.raises(ReportInputError, match=message):
        read_report(text, gazetteer=gaz)


def test_bad_publication_date_is_a_value_error(gaz: Gazetteer) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        read_report("North Korea fired a missile.", published="16/09/2021", gazetteer=gaz)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 ...", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("北朝鮮".encode("shift_jis"), "not UTF-8"),
        (b"a" * 3_000_000, "at most"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(ReportInputError, match=message):
        report_text(data)


def test_html_page_is_read_as_its_visible_text() -> None:
    page = (
        b"<!doctype html><html><head><title>t</title><style>p{}</style></head><body>"
        b"<script>var x = 'North Korea fired 99 missiles';</script><p>North Korea fired a missile.</p>"
        b"<p>It flew 800&nbsp;km.</p></body></html>"
    )
    text = report_text(page)
    assert "99" not in text
    assert "North Korea fired a missile." in text
    assert "800\xa0km" in text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=400))
def test_any_text_reads_or_is_refused(gaz: Gazetteer, text: str) -> None:
    try:
        events = read_report(text, published="2024-01-01", gazetteer=gaz)
    except ReportInputError:
        return
    for ev in events:
        for f in ev.fields.values():
            if f.start is not None:
                assert text[f.start : f.end] == f.evidence


_WORDS = st.sampled_from(
    [
        "North",
        "Korea",
        "fired",
        "launched",
        "two",
        "a",
        "missile",
        "missiles",
        "ballistic",
        "cruise",
        "ICBM",
        "km",
        "miles",
        "800",
        "1,500",
        "on",
        "Sept.",
        "15",
        "Thursday",
        "into",
        "the",
        "East",
        "Sea",
        "off",
        "Wonsan",
        "about",
        "200",
        "west",
        "of",
        "Okushiri",
        "Island",
        "inside",
        "outside",
        "Japan's",
        "EEZ",
        "earlier",
        "since",
        "last",
        "from",
        "Sunan",
        "area",
        "発射",
        "北朝鮮",
        "2発",
        "約",
        "キロ",
        "북한",
        "발사",
        "1발",
        "동해상",
        ",",
        ".",
        "(",
        ")",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_WORDS, min_size=1, max_size=40).map(" ".join))
def test_report_like_word_salad_never_crashes(gaz: Gazetteer, text: str) -> None:
    for ev in read_report(text, published="2021-09-16", gazetteer=gaz):
        assert ev.value("count") is None or ev.value("count") > 0
        assert ev.value("distance_km") is None or ev.value("distance_km") > 0
