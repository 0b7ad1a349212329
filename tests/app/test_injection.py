"""Issue 8 through the app (AppTest): payloads uploaded on the Import page never run on the Map page.

Records whose launch place and system name are the payloads of tests/data/injection/payloads.json,
in a CSV file named after one, and an EEZ GeoPackage named after another whose attributes are payloads,
go through the Import page's real uploaders; the Map page of the same session then draws them. Nothing
runs, no page shows an exception, and every payload is shown literally (escaped) in its label.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.safetext import html_text
from tests.app.conftest import ROOT, folium_args, run_page
from tests.injection import (
    assert_nothing_ran,
    catalogue_row,
    eez_gpkg,
    new_marker,
    payloads,
    records_csv,
    shown_labels,
)


def _page_text(at: AppTest) -> str:
    parts: list[Any] = [*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.caption]
    return " ".join(str(getattr(p, "value", "")) for p in parts)


#: Session state the Import page hands to the Map page.
_HANDOVER = (
    "la_user_batches",
    "imported_name",
    "user_eez_name",
    "user_eez_fc",
    "user_zones",
    "user_verdicts",
)


@pytest.fixture(scope="module")
def uploaded(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The Import page after both uploads, run on its own (AppTest loses a file_uploader's file under
    this app's st.navigation), so its "Open the map" page link has no page registry to resolve."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(st, "page_link", lambda *a, **k: None)
        yield _upload(tmp_path_factory)


def _upload(tmp_path_factory: pytest.TempPathFactory) -> tuple[AppTest, list[str], str, str, str]:
    marker = new_marker()
    corpus = payloads(marker)
    base = catalogue_row()
    rows = [
        {**base, "id": f"u-{k}", "launch_place": p, "system_name": p if len(p) <= 120 else "KN-23"}
        for k, p in enumerate(corpus)
    ]
    csv_name, eez_name = f"{corpus[0]}.csv", f"{corpus[6]}.gpkg"  # a quote-free and a quoted payload
    gpkg = eez_gpkg(corpus, tmp_path_factory.mktemp("eez") / "eez.gpkg")
    at = run_page("import")
    at.file_uploader(key="i_file").set_value((csv_name, records_csv(rows), "text/csv")).run()
    assert not at.exception
    at.file_uploader(key="i_eez").set_value((eez_name, gpkg, "application/geopackage+sqlite3")).run()
    return at, corpus, marker, csv_name, eez_name


def test_regression_import_page_keeps_every_payload_row_and_runs_none(uploaded: Any) -> None:
    at, corpus, marker, csv_name, eez_name = uploaded
    assert not at.exception
    text = _page_text(at)
    assert f"{len(corpus)} rows read, {len(corpus)} added to the map, 0 already there, 0 rejected" in text
    assert "EEZ polygons read from" in text
    assert "Traceback" not in text
    assert list(at.session_state["la_user_batches"][0].records["launch_place"]) == corpus
    assert at.session_state["imported_name"] == csv_name
    assert at.session_state["user_eez_name"] == eez_name
    assert_nothing_ran(marker, ROOT, Path.cwd())


def test_regression_map_page_shows_uploaded_payloads_literally_and_runs_none(uploaded: Any) -> None:
    at, corpus, marker, _, eez_name = uploaded
    page = AppTest.from_file(str(ROOT / "pages" / "map.py"), default_timeout=90)
    for key in _HANDOVER:
        page.session_state[key] = at.session_state[key]
    page.query_params["event"] = "2021-09-15-1"  # the estimate's verdict uses the uploaded EEZ
    page.run()
    assert not page.exception
    args = folium_args(page)
    labels = shown_labels(args["script"])
    for p in corpus:
        assert any(html_text(p) in label for label in labels), f"{p!r} not shown escaped"
    assert any(html_text(f"(your file {eez_name})") in label for label in labels)
    page_text = args["script"] + args["html"] + args["header"]
    for p in corpus:
        if "{" in p or "<" in p:
            assert p not in page_text
    assert "Traceback" not in _page_text(page)
    assert_nothing_ran(marker, ROOT, Path.cwd())
