"""A report's own EEZ claim next to our estimate: "report: inside Japan's EEZ; our estimate: inside,
31 km from the limit".

Reports say whether a missile came down inside or outside a state's exclusive economic zone (Japan's
Ministry of Defense says it for every launch). The app estimates the impact point itself
(:mod:`geo.impact`, or the landing place a report gives); :func:`check_eez_claim` puts the two side by
side: whether the estimated point is inside that state's EEZ, and how far it is from the EEZ's limit
(geodesic, km), so that a reader sees at once whether the estimate agrees with the report and whether
its uncertainty could change the answer.

The *limit* is the outer edge of the state's EEZ as drawn in the EEZ layer (Marine Regions, simplified
polygons): the state's 200-nautical-mile polygons with their holes (islands) filled, so that a coast is
never taken for the limit. Joint regimes and disputed areas are not the state's own EEZ (Marine Regions
keeps them apart, and so does this module): their edges count as the limit.

Coordinates are (lon, lat) degrees on WGS84; distances are km.

Examples
--------
>>> from geo.maritime import MaritimeZones
>>> check = check_eez_claim(MaritimeZones.load(), "inside", "JP", lon=136.07, lat=40.16, uncertainty_km=60)
>>> print(check.text())  # doctest: +NORMALIZE_WHITESPACE
report: inside Japan's EEZ; our estimate: inside, 48 km from the limit
(within the estimate's uncertainty: it could be either side)
>>> check.agrees
True
>>> parse_eez_claim("outside Japan EEZ")
('outside', 'JP')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.geodesy import distance_to_region_km

__all__ = ["EEZ_STATES", "Claim", "ClaimCheck", "check_eez_claim", "eez_area", "parse_eez_claim"]

Claim = Literal["inside", "outside", "partly", "unconfirmed"]
#: States whose EEZ reports speak of: ISO 3166-1 alpha-2 -> the sovereign's name in the EEZ layer.
EEZ_STATES: dict[str, str] = {
    "JP": "Japan",
    "KR": "South Korea",
    "KP": "North Korea",
    "CN": "China",
    "RU": "Russia",
    "TW": "Taiwan",
    "PH": "Philippines",
    "US": "United States",
}
_BY_NAME = {v.lower(): k for k, v in EEZ_STATES.items()} | {"japanese": "JP", "korean": "KR"}
_CLAIM = re.compile(
    r"^\s*(?P<claim>partly inside|not confirmed inside|(?:\d+ of \d+ )?inside|outside)\s+(?:of\s+)?"
    r"(?:the\s+)?(?P<state>[A-Za-z ]+?)(?:'s)?\s+(?:EEZ|exclusive economic zone)",
    re.IGNORECASE,
)


def parse_eez_claim(text: Any) -> tuple[Claim, str] | None:
    """A record's ``eez_reported`` text as ``(claim, ISO alpha-2)``, or None when it states no claim.

    ``"inside Japan EEZ (report)"`` -> ``("inside", "JP")``; ``"3 of 4 inside Japan EEZ"`` ->
    ``("partly", "JP")``; ``"not confirmed inside Japan EEZ"`` -> ``("unconfirmed", "JP")``.

    >>> parse_eez_claim("3 of 4 inside Japan EEZ (event; which ones not stated)")
    ('partly', 'JP')
    >>> parse_eez_claim("") is None
    True
    """
    m = _CLAIM.match(str(text or ""))
    if m is None:
        return None
    state = _BY_NAME.get(m["state"].strip().lower())
    if state is None:
        return None
    word = m["claim"].lower()
    claim: Claim
    if word == "outside":
        claim = "outside"
    elif word == "inside":
        claim = "inside"
    elif word.startswith("not confirmed"):
        claim = "unconfirmed"
    else:
        claim = "partly"
    return claim, state


def eez_area(eez: Any, state: str) -> BaseGeometry | None:
    """The EEZ of ``state`` (ISO alpha-2) with its islands filled in, lon/lat; None if not in ``eez``.

    Parameters
    ----------
    eez : GeoDataFrame
        An EEZ layer with ``sovereign`` and ``pol_type`` columns (:attr:`MaritimeZones.eez`).
    state : str
        ISO 3166-1 alpha-2 code (a key of :data:`EEZ_STATES`).
    """
    name = EEZ_STATES.get(state.upper())
    if name is None or "sovereign" not in eez.columns:
        return None
    own = eez[(eez["sovereign"].astype(str) == name) & (eez["pol_type"].astype(str) == "200NM")]
    if own.empty:
        return None
    filled = [Polygon(p.exterior) for g in own.geometry for p in shapely.get_parts(g) if not p.is_empty]
    area = shapely.union_all(filled)
    return area if not area.is_empty else None


@dataclass(frozen=True)
class ClaimCheck:
    """A report's EEZ claim and our estimate, side by side.

    Attributes
    ----------
    state : str
        ISO alpha-2 of whose EEZ.
    reported : {"inside", "outside", "partly", "unconfirmed"} or None
        What the report says (None: it says nothing).
    estimate : {"inside", "outside"} or None
        Where our estimated point is (None: no estimate, or the state's EEZ is not in the layer).
    limit_km : float or None
        Geodesic distance from the estimated point to the EEZ's limit (km).
    uncertainty_km : float or None
        The estimate's uncertainty (km), when known.
    """

    state: str
    reported: Claim | None
    estimate: Literal["inside", "outside"] | None
    limit_km: float | None = None
    uncertainty_km: float | None = None

    @property
    def state_name(self) -> str:
        return EEZ_STATES.get(self.state, self.state)

    @property
    def agrees(self) -> bool | None:
        """Whether the estimate says what the report says (None when either says nothing definite)."""
        if self.estimate is None or self.reported not in ("inside", "outside"):
            return None
        return self.estimate == self.reported

    @property
    def uncertain(self) -> bool:
        """The limit is closer than the estimate's uncertainty: the estimate alone cannot decide."""
        return (
            self.limit_km is not None
            and self.uncertainty_km is not None
            and self.limit_km < self.uncertainty_km
        )

    def text(self, *, basis: str = "", no_estimate: str = "no estimated landing point") -> str:
        """One line for a reader: ``report: inside Japan's EEZ; our estimate: inside, 31 km from the
        limit`` (plain text; escape it for HTML).

        ``basis``: what the estimate is made from, said after "our estimate" (e.g. "from the landing
        place the report names"); ``no_estimate``: why there is no estimate, if so.
        """
        whose = f"{self.state_name}'s EEZ"
        said = {
            None: "says nothing on the EEZ",
            "inside": f"inside {whose}",
            "outside": f"outside {whose}",
            "partly": f"some missiles inside {whose}",
            "unconfirmed": f"inside {whose} not confirmed",
        }[self.reported]
        if self.estimate is None:
            ours = f"none ({no_estimate})"
        else:
            ours = self.estimate
            if self.limit_km is not None:
                ours += f", {_km(self.limit_km)} from the limit"
            if self.uncertain:
                ours += " (within the estimate's uncertainty: it could be either side)"
        what = f"our estimate ({basis})" if basis and self.estimate is not None else "our estimate"
        return f"report: {said}; {what}: {ours}"


def _km(value: float) -> str:
    return "under 1 km" if value < 1 else f"{value:,.0f} km"


def check_eez_claim(
    zones: Any,
    claim: Claim | None,
    state: str | None,
    *,
    lon: float | None,
    lat: float | None,
    uncertainty_km: float | None = None,
) -> ClaimCheck:
    """Compare a report's EEZ claim with an estimated landing point.

    Parameters
    ----------
    zones : MaritimeZones
        The maritime layers (the shipped EEZ or a visitor's own).
    claim : {"inside", "outside", "partly", "unconfirmed"} or None
        What the report says.
    state : str or None
        Whose EEZ (ISO alpha-2); default Japan, the state reports name.
    lon, lat : float or None, keyword-only
        The estimated landing point (degrees); None when there is no estimate.
    uncertainty_km : float, keyword-only, optional
        The estimate's uncertainty (km).

    Returns
    -------
    ClaimCheck
    """
    code = (state or "JP").upper()
    if lon is None or lat is None:
        return ClaimCheck(code, claim, None, None, uncertainty_km)
    area = eez_area(zones.eez, code)
    if area is None:
        return ClaimCheck(code, claim, None, None, uncertainty_km)
    inside = bool(shapely.intersects_xy(area, lon, lat))
    polys = [p for p in shapely.get_parts(area) if isinstance(p, Polygon)]
    limit = MultiPolygon(polys).boundary
    d = float(distance_to_region_km([lon], [lat], limit)[0])
    return ClaimCheck(code, claim, "inside" if inside else "outside", round(d, 1), uncertainty_km)
