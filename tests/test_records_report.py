"""geo.records: the rejected-rows report is inert (no control or bidi characters) and bounded in size.

Issue 8, item 4: U+202E (right-to-left override), BEL and ESC from an upload passed through into the
report shown on the Import page and offered as CSV, and a 3.9 MB upload produced a 7.8 MB report.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from geo.records import (
    MAX_REPORT_CELL_CHARS,
    MAX_REPORT_LINES,
    MAX_UPLOAD_BYTES,
    read_records_csv,
    report_cell,
    visible_text,
)

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def test_regression_bidi_and_control_characters_reached_the_report() -> None:
    data = "id,date,launch_place\nevil\u202egnp.exe\x07\x1b,2021-02-30,Sinpo\u202e\n".encode()
    report = read_records_csv(data).rejected_report()
    assert len(report) >= 1
    for column in ("id", "field", "got", "message"):
        for cell in report[column]:
            assert not UNSAFE.search(cell), (column, cell)
    assert report.loc[0, "id"] == "evil\\u202egnp.exe\\u0007\\u001b"  # visible, in stored order
    assert "2021-02-30" in list(report["got"])


def test_regression_a_big_upload_gave_a_report_twice_its_size() -> None:
    """A 3.9 MB upload of rows with ten long bad values each: at most MAX_REPORT_LINES lines, well under
    a megabyte, and a last line saying how many problems were left out."""
    bad = "x" * 190
    head = "id,date,launch_lon,launch_lat,apogee_km,distance_km,bearing_deg,system_type,platform,outcome"
    rows, size = [head], len(head)
    while size < 3_900_000:
        row = f"r{len(rows)}\u202e," + ",".join([bad] * 9)
        rows.append(row)
        size += len(row) + 1
    data = ("\n".join(rows) + "\n").encode()
    assert len(data) <= MAX_UPLOAD_BYTES
    result = read_records_csv(data)
    assert len(result.errors) > 10 * MAX_REPORT_LINES
    report = result.rejected_report()
    csv = report.to_csv(index=False).encode("utf-8")
    assert len(report) == MAX_REPORT_LINES + 1
    assert len(csv) < 1_000_000 < len(data)
    last = report.iloc[-1]
    listed = MAX_REPORT_LINES
    assert last["message"].startswith(f"… and {len(result.errors) - listed:,} more problems in ")
    assert last["row"] is None or str(last["row"]) == "<NA>"
    assert report["row"].iloc[:-1].is_monotonic_increasing


def test_report_cells_are_cut_and_say_how_long_the_value_was() -> None:
    data = ("id,date,launch_place\n" + "a" * 500 + ",2020-01-01,Sinpo\n").encode()
    report = read_records_csv(data).rejected_report()
    got = report.loc[0, "got"]
    assert got.endswith("… (500 characters)")
    assert len(got) <= MAX_REPORT_CELL_CHARS + 30


def test_report_stays_spreadsheet_safe() -> None:
    data = b'id,date,launch_place\n=HYPERLINK("http://x"),not-a-date,Sinpo\n'
    report = read_records_csv(data).rejected_report()
    assert all(not str(v).startswith(("=", "+", "-", "@")) for v in report[["id", "got"]].to_numpy().ravel())


@given(st.text(max_size=400), st.integers(min_value=10, max_value=200))
def test_report_cell_is_inert_and_bounded(text: str, limit: int) -> None:
    out = report_cell(text, limit=limit)
    assert not UNSAFE.search(out)
    assert len(out) <= limit + 40  # "… (N characters)" and a formula guard
    if len(visible_text(text)) <= limit:
        assert out in (visible_text(text), "'" + visible_text(text))  # at most a formula guard added


def test_visible_text_keeps_ordinary_text() -> None:
    for text in ("Sinpo", "신포", "新浦", "Kim Chaek – Hwadae county (±25 km)", "تجربة"):
        assert visible_text(text) == text
