"""geo.search: the words students type find the launches they mean, in the shipped catalogue."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

import geo.search
from geo.records import load_catalogue
from geo.search import match_records, search_text


@pytest.fixture(scope="module")
def cat() -> pd.DataFrame:
    return pd.DataFrame(load_catalogue().drop(columns="geometry"))


@pytest.mark.parametrize("word", ["train", "rail", "railway", "Rail"])
def test_platform_words_find_the_rail_launches(cat: pd.DataFrame, word: str) -> None:
    found = cat[match_records(cat, word)]
    assert set(found["platform"]) == {"rail car"}
    assert len(found) == int((cat["platform"] == "rail car").sum()) > 0


def test_submarine_finds_submarine_platforms_and_slbms(cat: pd.DataFrame) -> None:
    found = cat[match_records(cat, "submarine")]
    expected = (cat["platform"] == "submarine") | (cat["system_type"] == "SLBM")
    assert set(cat[expected]["id"]) <= set(found["id"])
    assert all("submarine" in search_text(r) for r in found.to_dict("records"))


def test_a_year_is_that_year_exactly(cat: pd.DataFrame) -> None:
    found = cat[match_records(cat, "2017")]
    assert len(found) == int(cat["date"].astype(str).str.startswith("2017").sum())
    assert found["date"].astype(str).str.startswith("2017").all()


def test_names_written_apart_or_together(cat: pd.DataFrame) -> None:
    for q in ("hwasong 15", "hwasong15", "Hwasong-15"):
        assert set(cat[match_records(cat, q)]["system_name"]) == {"Hwasong-15"}, q
    assert all("KN-23" in s for s in cat[match_records(cat, "kn 23")]["system_name"])


def test_words_combine_and_landing_areas_are_found(cat: pd.DataFrame) -> None:
    icbm17 = cat[match_records(cat, "icbm 2017")]
    assert len(icbm17) > 0
    assert (icbm17["system_type"] == "ICBM").all()
    yellow = cat[match_records(cat, "yellow sea")]
    assert len(yellow) > 0
    assert yellow["landing_label"].str.contains("Yellow Sea").all()
    assert match_records(cat, "intercontinental").sum() == (cat["system_type"] == "ICBM").sum()


def test_empty_query_keeps_everything_and_nonsense_nothing(cat: pd.DataFrame) -> None:
    assert match_records(cat, "  ").all()
    assert not match_records(cat, "zzzz-no-such-thing").any()


def test_unknown_values_are_not_searchable_text() -> None:
    assert "unknown" not in search_text({"id": "a", "platform": "unknown", "outcome": "unknown"})


def test_doctests() -> None:
    assert doctest.testmod(geo.search).failed == 0
