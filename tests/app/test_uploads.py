"""Issue 8, item 3: uploads are bounded on the server, not only by the browser.

Streamlit's per-widget ``max_upload_size`` is a browser check: a replayed upload request of 100 MB to
the 5 MB records uploader was accepted. The server caps every request at ``server.maxUploadSize`` (the
largest upload the app needs) and the Import page checks each file's size before reading it.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

import geo
from tests.app.conftest import ROOT, run_page
from ui.uploads import EEZ_MAX_MB, RECORDS_MAX_MB, SERVER_MAX_UPLOAD_MB, one_at_a_time


def _never(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("an oversized upload was read")


def _shown(at: Any) -> str:
    return " ".join(str(e.value) for e in [*at.error, *at.warning, *at.success, *at.markdown])


def test_server_cap_is_the_largest_upload_the_app_needs() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == SERVER_MAX_UPLOAD_MB == max(RECORDS_MAX_MB, EEZ_MAX_MB)
    assert geo.maritime.DEFAULT_MAX_USER_EEZ_BYTES == EEZ_MAX_MB * 1024 * 1024
    assert geo.records.MAX_UPLOAD_BYTES <= RECORDS_MAX_MB * 1024 * 1024


def test_each_uploader_tells_the_browser_its_own_limit() -> None:
    at = run_page("import")
    assert at.file_uploader(key="i_file").proto.max_upload_size_mb == RECORDS_MAX_MB
    assert at.file_uploader(key="i_eez").proto.max_upload_size_mb == EEZ_MAX_MB


def test_regression_an_oversized_records_file_sent_around_the_browser_is_refused_unread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 8: a replayed 100 MB upload to the 5 MB uploader was accepted (here 6 MB, same path)."""
    monkeypatch.setattr(geo.records, "read_records_csv", _never)
    at = run_page("import")
    big = b"id,date\n" + b"x,2020-01-01\n" * 480_000  # 6.2 MB
    at.file_uploader(key="i_file").set_value(("big.csv", big, "text/csv")).run()
    assert not at.exception
    shown = _shown(at)
    assert "big\\.csv is 6.2 MB, larger than the 5.0 MB this page accepts" in shown
    assert "Something went wrong" not in shown  # the reader was never called


def test_an_oversized_eez_file_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geo.maritime, "DEFAULT_MAX_USER_EEZ_BYTES", 1_000_000)  # a 300 MB test is slow
    monkeypatch.setattr(geo.maritime, "read_user_eez", _never)
    at = run_page("import")
    at.file_uploader(key="i_eez").set_value(("eez.gpkg", bytes(2_000_000), "application/octet-stream")).run()
    assert not at.exception
    shown = _shown(at)
    assert "eez\\.gpkg is 2.0 MB, larger than the 1.0 MB this page accepts" in shown
    assert "Something went wrong" not in shown


def test_eez_files_are_read_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """While one EEZ file is being read (up to 1 GB unpacked), another session's waits its turn."""
    monkeypatch.setattr(geo.maritime, "read_user_eez", _never)
    at = run_page("import")
    with one_at_a_time("eez") as mine:
        assert mine
        at.file_uploader(key="i_eez").set_value(("eez.gpkg", b"SQLite format 3\x00", "x")).run()
    assert not at.exception
    assert "Another EEZ file is being read on this server" in _shown(at)
    with one_at_a_time("eez") as again:
        assert again  # released, also after the refusal
