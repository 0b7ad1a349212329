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
