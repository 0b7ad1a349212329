"""Events, Import and About pages (AppTest)."""

from __future__ import annotations

from tests.app.conftest import run_page


def test_events_page_searches_the_catalogue() -> None:
    at = run_page("events")
    assert not at.exception
    at.text_input(key="e_search").input("Hwasong-15").run()
    assert not at.exception
    caption = " ".join(c.value for c in at.caption)
    n = int(caption.split(" of ")[0])
    assert 0 < n < 20
    at.text_input(key="e_search").input("train").run()
    caption = " ".join(c.value for c in at.caption)
    from ui.data import catalogue

    rail = int((catalogue()["platform"] == "rail car").sum())
    assert caption.startswith(f"{rail} of "), caption  # "train" finds the rail-car launches


def test_import_page_offers_a_size_limited_upload() -> None:
    at = run_page("import")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "CSV" in text


def test_about_page_attributes_every_source() -> None:
    at = run_page("about")
    assert not at.exception
    body = " ".join(e.label for e in at.expander) + " ".join(m.value for m in at.markdown)
    assert "Natural Earth" in body
    assert "basemap" in body
    assert "Complete through 2026-04-19" in body  # geo.audit.CATALOGUE_COMPLETE_THROUGH (issue 13)


def test_launch_times_are_shown_on_the_local_clock_of_the_date() -> None:
    """``date`` is the local date (geo.launchtime), so the time shown beside it is local too."""
    import pandas as pd

    from ui.data import catalogue, event_label
    from ui.mappage.details import launch_time_text

    cat = catalogue()
    rec = cat.set_index("id").loc["2017-05-14-1"]
    label = event_label(rec)
    assert label.startswith("2017-05-14 05:28 UTC+9 · Hwasong-12")
    assert launch_time_text(rec) == "05:28 UTC+9 (2017-05-13 20:28 UTC)"
    assert launch_time_text(pd.Series({"date": "1984-09", "time_utc": "", "country": "KP"})) == ""
    # within a local day the launches are in time order (a 21:00 UTC launch is the next morning)
    day = cat[cat["date"] == "2022-05-25"]
    assert day["datetime_utc"].tolist() == sorted(day["datetime_utc"])
