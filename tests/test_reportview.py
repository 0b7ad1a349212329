"""geo.reportview: the fields of a read report in words, and its text with the evidence highlighted."""

from __future__ import annotations

import doctest
import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geo.reportview
from geo.geocoding import Gazetteer, ReportEvent, read_report
from geo.records import visible_text
from geo.reportview import event_title, field_rows, highlight_html, legend_html, not_found

EXAMPLE = Path(__file__).parent / "data" / "reports" / "example_report.txt"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def example(gaz: Gazetteer) -> tuple[str, list[ReportEvent]]:
    text = EXAMPLE.read_text(encoding="utf-8")
    return text, read_report(text, published="2021-09-16", gazetteer=gaz)


def _shown_text(page: str) -> str:
    """What a browser shows of ``highlight_html``'s output, without the kind tags."""
    no_tags = re.sub(r'<span class="la-tag">[^<]*</span>', "", page)
    return html.unescape(re.sub(r"<[^>]+>", "", no_tags))


def _visible(text: str) -> str:
    """``text`` as shown: line breaks and tabs kept, other invisible characters written out."""
    return "".join(p if p in "\n\t" else visible_text(p) for p in re.split(r"(\n|\t)", text))


def _marks(page: str) -> list[tuple[str, str, str]]:
    """``(class, title, words)`` of each highlighted run."""
    found = re.findall(r'<mark class="([^"]+)" title="([^"]*)">(.*?)</mark>', page, flags=re.S)
    return [(c, html.unescape(t), _shown_text(w)) for c, t, w in found]


def test_docstring_examples_run() -> None:
    result = doctest.testmod(geo.reportview)
    assert result.attempted >= 3
    assert result.failed == 0


def test_the_words_of_each_field_are_highlighted_by_kind(example: tuple[str, list[ReportEvent]]) -> None:
    text, events = example
    page = highlight_html(text, events)
    assert _shown_text(page) == text  # every character shown, once, in order
    marks = _marks(page)
    flight = [w for c, _, w in marks if "la-ev-flight" in c]
    assert "about 800 km" in flight
    assert "1,500 km" in flight
    where = [(" ".join(w.split()), t) for c, t, w in marks if "la-ev-from" in c]
    assert where == [("the mountainous central region", "launch 1: launch place; launch 1: launch longitude; "
                      "launch 1: launch latitude; launch 1: launch place uncertainty")]  # fmt: skip
    # one tag per place, not one per derived coordinate
    assert page.count('<span class="la-tag">from 1</span>') == 1
    # the background launch is outlined, the main one is not
    cruise = next(c for c, _, w in marks if w == "cruise missile")
    assert "la-ev-bg" in cruise
    assert all("la-ev-bg" not in c for c, _, w in marks if w == "about 800 km")
    assert '<span class="la-tag">flight 2</span>' in page


@pytest.mark.parametrize(
    ("sentence", "words"),
    [("North Korea fired two ballistic missiles from rail cars on Sept. 15, 2021.", "rail cars"),
     ("North Korea fired two ballistic missiles from submarines on Sept. 15, 2021.", "from submarines"),
     ("The North's rail cars fired two ballistic missiles on Sept. 15, 2021.", "The North's")],
)  # fmt: skip
def test_highlight_covers_whole_words(gaz: Gazetteer, sentence: str, words: str) -> None:
    """Regression: the highlight of "rail car" stopped inside "rail cars" ("submarine", "the North")."""
    page = highlight_html(sentence, read_report(sentence, published="2021-09-16", gazetteer=gaz))
    assert words in [w for _, _, w in _marks(page)]


def test_report_text_is_never_markup_or_template_source(gaz: Gazetteer) -> None:
    text = (
        "North Korea fired two missiles from Sinpo on Sept. 15, 2021 <script>alert(1)</script> that "
        "flew {{ lipsum.__globals__ }} 800 km {% raw %} into the East Sea \u202egnp.exe."
    )
    events = read_report(text, gazetteer=gaz)
    page = highlight_html(text, events)
    assert "<script" not in page
    assert "{{" not in page
    assert "{%" not in page
    assert "\u202e" not in page
    assert _shown_text(page) == _visible(text)


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_any_text_shows_as_itself(text: str) -> None:
    """With spans anywhere (even past the end or across each other), the page shows the text once."""
    from geo.geocoding.events import REPORT_FIELDS, ReadField

    fields = {n: ReadField(n, None, "missing") for n in REPORT_FIELDS}
    n = len(text)
    fields["date"] = ReadField("date", "2021-09-15", "stated", 0, max(1, n // 2), text[: n // 2])
    fields["distance_km"] = ReadField("distance_km", 800.0, "stated", n // 3, n + 5, text[n // 3 :])
    page = highlight_html(text, [ReportEvent(fields=fields)])
    assert _shown_text(page) == _visible(text)
    assert "{" not in page
    assert "}" not in page


def test_fields_in_words_and_what_was_not_found(example: tuple[str, list[ReportEvent]]) -> None:
    _, (main, bg) = example
    rows = {r["Field"]: r for r in field_rows(main)}
    assert rows["Distance flown"]["Value"] == "800 km"
    assert rows["Distance flown"]["Words in the report"] == "about 800 km"
    assert rows["Distance flown"]["How we know"] == "stated in the report"
    assert rows["Launch place"]["Value"].startswith("Mountainous central region of North Korea (39.")
    assert "±119 km" in rows["Launch place"]["Value"]
    assert rows["EEZ (the report's claim)"]["Value"] == "inside Japan's EEZ"
    assert "Launch longitude" not in rows  # shown with its place
    assert not_found(main) == ["Direction", "Landing place"]
    assert rows["Date (local)"]["Value"] == "2021-09-15"
    bg_rows = {r["Field"]: r for r in field_rows(bg)}
    assert bg_rows["Date (local)"]["How we know"].startswith("worked out: the weekend before publication")
    assert "Launch place" in not_found(bg)


def test_titles_say_which_launch(example: tuple[str, list[ReportEvent]]) -> None:
    _, (main, bg) = example
    assert event_title(main, 1) == (
        "Launch 1: 2021-09-15 · 2 × SRBM · from Mountainous central region of North Korea · 800 km"
    )
    assert event_title(bg, 2) == "Background launch 2: 2021-09 · 1 × cruise · 1,500 km"


def test_legend_names_every_kind() -> None:
    legend = legend_html()
    for g, _, what, _ in geo.reportview.GROUPS:
        assert f'<span class="la-ev-{g}">{html.escape(what)}</span>' in legend
