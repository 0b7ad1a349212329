"""geo.geocoding.mentions: every gazetteer name in running text, in every spelling, at word boundaries;
and the landing references of Japan's Ministry of Defense are in the gazetteer."""

from __future__ import annotations

import pytest
from pyproj import Geod

from geo.geocoding import Gazetteer

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _found(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.text, str(gaz.entries.at[m.entries[0], "entry_id"])) for m in gaz.mentions(text)]


@pytest.mark.parametrize(
    ("text", "name", "entry"),
    [
        ("fired from Guseong at dawn", "Guseong", "gn-1875107|fac-kusong"),
        ("near Kusong, North Korea", "Kusong", "gn-1875107|fac-kusong"),
        ("the Hamgyeongbuk-do coast", "Hamgyeongbuk-do", "adm1-kp-09"),
        ("launched in Kangwŏn-do", "Kangwŏn-do", "adm1-kp-07"),
        ("North Korea’s east coast", "North Korea’s east coast", "kp-east-coast"),
        ("평양에서 발사", "평양", None),
        ("北海道の渡島大島西方約250キロ", "渡島大島", "oshima-oshima"),
        ("石川県輪島市の舳倉島の北北西", "舳倉島", "hegura-jima"),
        ("in the mountainous central region", "the mountainous central region", "kp-central-mountains"),
    ],
)
def test_names_in_sentences(gaz: Gazetteer, text: str, name: str, entry: str | None) -> None:
    ids = {m.text: {str(gaz.entries.at[i, "entry_id"]) for i in m.entries} for m in gaz.mentions(text)}
    assert name in ids, ids
    if entry is not None:
        assert ids[name] & set(entry.split("|")), ids


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Ogawa town", "Oga"),
        ("ミサイルを発射", "サイ"),
        ("the date was set", "date"),
        ("an outdated map", "date"),
    ],
)
def test_no_mention_inside_another_word(gaz: Gazetteer, text: str, absent: str) -> None:
    assert absent.lower() not in [t.lower() for t, _ in _found(gaz, text)]


def test_longest_name_wins(gaz: Gazetteer) -> None:
    assert [t for t, _ in _found(gaz, "into the Sea of Japan")] == ["Sea of Japan"]
    assert [t for t, _ in _found(gaz, "北海道沖")] == ["北海道"]


# Landing references of Japan's MoD / Coast Guard (issue 9 item 3), with published coordinates
# (Geospatial Information Authority of Japan), checked independently of the gazetteer.
_REFERENCES = [
    ("Okushiri Island", 139.47, 42.15, 15),
    ("渡島大島", 139.36, 41.51, 5),
    ("Hegura-jima", 136.92, 37.85, 5),
    ("Kyuroku-jima", 139.97, 40.53, 5),
    ("Oga Peninsula", 139.8, 39.93, 20),
    ("Noto Peninsula", 136.9, 37.25, 45),
    ("渡島半島", 140.45, 41.75, 50),
    ("Cape Tappi", 140.34, 41.26, 5),
    ("Cape Erimo", 143.245, 41.925, 5),
    ("Sado Island", 138.4, 38.05, 30),
    ("Oki Islands", 133.27, 36.25, 30),
    ("Tohoku", 140.5, 39.0, 300),
    ("Yamato Bank", 134.5, 39.2, 100),
]


@pytest.mark.parametrize(("name", "lon", "lat", "km"), _REFERENCES)
def test_mod_landing_references_are_in_the_gazetteer(
    gaz: Gazetteer, name: str, lon: float, lat: float, km: float
) -> None:
    res = gaz.geocode(name)
    assert GEOD.inv(res.lon, res.lat, lon, lat)[2] / 1000 <= km, res.explanation
    assert res.explanation  # every entry says where its coordinates come from


# ---------------------------------------------------------------------------------------------
# world places behind the curated gazetteer (issue 9 item 4)
# ---------------------------------------------------------------------------------------------


def test_world_places_find_capitalised_names_outside_the_curated_countries(gaz: Gazetteer) -> None:
    world = gaz.world()
    found = [
        (p.text, p.country) for p in world.find("Missiles were fired from Semnan and Teheran; nice weather.")
    ]
    assert found == [("Semnan", "IR"), ("Teheran", "IR")]
    assert world.lookup("Pyongyang") is None  # the curated gazetteer covers North Korea
    tehran = world.lookup("Tehran")
    assert tehran is not None
    res = tehran.result()
    assert (res.rule, res.country, res.uncertainty_km) == ("world-city", "IR", 25.0)
    assert GEOD.inv(res.lon, res.lat, 51.42, 35.69)[2] / 1000 < 10


def test_reader_uses_world_places_for_other_countries(gaz: Gazetteer) -> None:
    from geo.geocoding.report import read_report

    ev = read_report(
        "Iran fired a ballistic missile from Semnan on Tuesday.", published="2024-01-02", gazetteer=gaz
    )[0]
    assert (ev.value("country"), ev.value("launch_place")) == ("IR", "Semnan (IR)")
    assert ev.launch is not None
    assert ev.launch.rule == "world-city"
