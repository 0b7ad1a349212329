"""Issue 8, item 2: no visitor ever sees a traceback or a server path; the details go to the log.

Each page is made to fail where it cannot be expected to (its data source raises an exception whose
message holds a server path) and must show a plain message with a reference instead of the exception;
the traceback must reach the server log under that reference.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterator
from typing import Any

import pytest

from tests.app.conftest import ROOT, run_page
from ui.errors import LOG, failure_note, page_guard, public_message

SECRET = "/srv/launch-atlas/private/state.db"


class _Boom(RuntimeError):
    pass


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise _Boom(f"cannot open {SECRET}")


@pytest.fixture
def server_log() -> Iterator[list[logging.LogRecord]]:
    """What the app logs while the test runs."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    LOG.addHandler(handler)
    try:
        yield records
    finally:
        LOG.removeHandler(handler)


def _shown(at: Any) -> str:
    parts = [*at.error, *at.warning, *at.info, *at.success, *at.markdown, *at.caption]
    return " ".join(str(getattr(p, "value", "")) for p in parts)


def test_streamlit_shows_no_error_details() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize(
    ("page", "target"),
    [
        ("map", "ui.data.catalogue"),
        ("events", "ui.data.catalogue"),
        ("about", "ui.data.attribution_lines"),
    ],
)
def test_a_failing_page_says_what_failed_and_logs_the_details(
    page: str, target: str, monkeypatch: pytest.MonkeyPatch, server_log: list[logging.LogRecord]
) -> None:
    monkeypatch.setattr(target, _boom)
    at = run_page(page)
    assert not at.exception  # Streamlit's own (traceback) display was not reached
    shown = _shown(at)
    assert "Something went wrong while" in shown
    ref = re.search(r"reference \*\*([0-9a-f]{8})\*\*", shown)
    assert ref, shown
    assert SECRET not in shown
    assert "_Boom" not in shown
    assert "Traceback" not in shown
    logged = [r for r in server_log if ref.group(1) in r.getMessage()]
    assert len(logged) == 1
    assert logged[0].exc_info is not None
    assert logged[0].exc_info[0] is _Boom  # the full traceback is in the server log


def test_import_page_survives_an_unexpected_reader_failure(
    monkeypatch: pytest.MonkeyPatch, server_log: list[logging.LogRecord]
) -> None:
    import geo.records

    monkeypatch.setattr(geo.records, "read_records_csv", _boom)
    at = run_page("import")
    at.file_uploader(key="i_file").set_value(("mine.csv", b"id,date\nx,2020-01-01\n", "text/csv")).run()
    assert not at.exception
    shown = _shown(at)
    assert "Something went wrong while reading your records file" in shown
    assert SECRET not in shown
    assert "Use a newer EEZ layer" in " ".join(h.value for h in at.header)  # the rest of the page is there
    assert any(r.exc_info and r.exc_info[0] is _Boom for r in server_log)


def test_streamlit_control_flow_passes_through_the_guard() -> None:
    """st.rerun / st.stop / st.switch_page raise BaseExceptions the guard must not swallow."""
    from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

    for exc in (StopException(), RerunException(None)):
        with pytest.raises(type(exc)), page_guard("testing", "Nothing."):
            raise exc


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("'/tmp/launch-atlas-eez-1pbo7gw5/upload.gpkg' not recognized", "'upload.gpkg' not recognized"),
        (f"cannot open {SECRET}", "cannot open state.db"),
        ("C:\\Users\\srv\\app\\data.csv is missing", "data.csv is missing"),
        (
            "see https://www.marineregions.org/downloads.php",
            "see https://www.marineregions.org/downloads.php",
        ),
        (
            "12 km/h over 1/2 of data/catalogue/launches.csv",
            "12 km/h over 1/2 of data/catalogue/launches.csv",
        ),
    ],
)
def test_public_message_removes_server_paths_only(message: str, shown: str) -> None:
    assert public_message(message) == shown


def test_failure_note_shows_input_errors_and_hides_the_unexpected(
    server_log: list[logging.LogRecord],
) -> None:
    shown = failure_note("the impact estimate", ValueError("bearing_deg: expected 0..360, got 400"))
    assert shown == "bearing_deg: expected 0..360, got 400"
    try:
        raise KeyError(SECRET)
    except KeyError as exc:
        note = failure_note("the impact estimate", exc)
    assert note.startswith("the impact estimate is not available (reference ")
    assert SECRET not in note
    assert server_log[-1].exc_info is not None


def test_the_app_entry_point_guards_what_the_pages_do_not(
    monkeypatch: pytest.MonkeyPatch, server_log: list[logging.LogRecord]
) -> None:
    """A failure outside a page's own guard (here: before it starts) is caught by app.py's."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr("ui.nav.ensure_app_navigation", _boom)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception
    shown = _shown(at)
    assert "Something went wrong while opening this page" in shown
    assert SECRET not in shown
    assert any(r.exc_info and r.exc_info[0] is _Boom for r in server_log)
