"""geo.geocoding.compass: the 16 compass points in every spelling, and bearings in running text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.geocoding.compass import COMPASS_POINTS, find_bearings, parse_direction

_EN = {"N": "north", "S": "south", "E": "east", "W": "west"}
_JA = {"N": "北", "S": "南", "E": "東", "W": "西"}
_KO = {"N": "북", "S": "남", "E": "동", "W": "서"}


def _spellings(code: str) -> list[str]:
    words = [_EN[c] for c in code]
    out = [code, code.lower(), ".".join(code) + ".", "".join(words)]
    if len(words) > 1:
        out += ["-".join(words), " ".join(words)]
    if len(words) == 3:  # north-northwest = north + northwest
        out += [f"{words[0]}-{words[1]}{words[2]}", f"{words[0]} {words[1]}{words[2]}"]
    out += ["".join(_JA[c] for c in code), "".join(_KO[c] for c in code)]
    return out


@given(st.sampled_from(sorted(COMPASS_POINTS)), st.data())
def test_every_spelling_of_every_point(code: str, data: st.DataObject) -> None:
    spelling = data.draw(st.sampled_from(_spellings(code)))
    d = parse_direction(spelling)
    assert d.code == code
    assert d.azimuth_deg == COMPASS_POINTS[code]
    assert d.half_width_deg == (22.5 if len(code) <= 2 else 11.25)


def test_sixteen_points_are_evenly_spaced() -> None:
    az = sorted(COMPASS_POINTS.values())
    assert az == [22.5 * i for i in range(16)]


@pytest.mark.parametrize(
    ("text", "code"), [("northeasterly", "NE"), ("westward", "W"), ("東北", "NE"), ("동북", "NE")]
)
def test_adjective_and_east_asian_orders(text: str, code: str) -> None:
    assert parse_direction(text).code == code


@pytest.mark.parametrize("text", ["up", "northsouth", "NSE", "東東東東", ""])
def test_not_a_direction(text: str) -> None:
    with pytest.raises(ValueError, match="not a compass direction"):
        parse_direction(text)


@given(
    st.sampled_from(sorted(COMPASS_POINTS)),
    st.sampled_from(["toward the {}", "fired {}", "in a {} direction"]),
)
def test_bearing_found_in_sentence(code: str, frame: str) -> None:
    word = "-".join(_EN[c] for c in code)
    found = find_bearings(f"North Korea launched a missile, which was {frame.format(word)}, the JCS said.")
    assert [b.direction.code for b in found] == [code]


@pytest.mark.parametrize(
    "text",
    ["into the East Sea", "off the east coast", "about 200 km west of Okushiri", "in the West Sea",
     "toward the North Pacific", "in northern North Korea", "east of Hokkaido"],
)  # fmt: skip
def test_names_and_positions_are_not_bearings(text: str) -> None:
    assert find_bearings(text) == []


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [("It flew about 750 km east-northeast.", "east-northeast", "ENE"),
     ("It flew 600 km toward the east.", "toward the east", "E"),
     ("It travelled 1,000 km northeastward.", "northeastward", "NE"),
     ("The missile flew some 1,000 kilometers (620 miles) east before falling.", "east", "E"),
     ("They traveled approximately 350 km due north-east into the sea.", "due north-east", "NE"),
     ("It flew 900 km east-northeasterly.", "east-northeasterly", "ENE")],
)  # fmt: skip
def test_bearing_after_the_distance_flown(text: str, word: str, code: str) -> None:
    """Regression: "flew about 750 km east-northeast" read the distance but no bearing."""
    found = find_bearings(text)
    assert [b.direction.code for b in found] == [code]
    assert text[found[0].start : found[0].end] == word


@pytest.mark.parametrize(
    "text",
    ["It flew about 750 km east of Pyongyang.", "It flew 600 km east coast waters.",
     "It fell 300 km east, inside the EEZ.", "It flew 600 km and fell into the East Sea."],
)  # fmt: skip
def test_distance_then_position_or_name_is_not_a_bearing(text: str) -> None:
    assert find_bearings(text) == []


@pytest.mark.parametrize(
    ("text", "code"), [("北東方向に発射", "NE"), ("동북 방향으로 발사", "NE"), ("북동쪽 동해상으로", "NE")]
)
def test_japanese_and_korean_bearings(text: str, code: str) -> None:
    assert [b.direction.code for b in find_bearings(text)] == [code]
