"""What the analysis says: zone reports, area shares, and their plain-language verdicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from geo.maritime._geometry import _SEP
from geo.maritime.coasts import CoastDistance
from geo.maritime.loading import TERRITORIAL_SEA_KM

__all__ = ["TERRITORIAL_SEA_CAVEAT", "ZoneReport", "ZoneShare"]

#: Plain-language caveat that goes with every territorial-sea statement.
TERRITORIAL_SEA_CAVEAT: str = (
    "Territorial seas here are 12 nautical miles (22.2 km) measured from the coastline as drawn by "
    "Natural Earth 10m (normal baselines); the straight baselines many states draw are not applied, "
    "so real territorial seas can reach further out, and internal waters (bays, inland seas) are "
    "reported as territorial sea."
)


@dataclass(frozen=True, slots=True)
class ZoneShare:
    """Part of a zone's area in one category (zone + state / EEZ)."""

    zone: str
    state: str
    eez_name: str
    pol_type: str
    area_km2: float
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "zone": self.zone,
            "state": self.state,
            "eez_name": self.eez_name,
            "pol_type": self.pol_type,
            "area_km2": round(self.area_km2, 3),
            "share": round(self.share, 6),
        }


@dataclass(frozen=True)
class ZoneReport:
    """Whose waters: the analysis of one point (``kind='point'``) or one impact zone (``kind='zone'``).

    For a zone, the point fields describe the zone's reference point (the estimated impact point
    when given, else a point inside the zone) and ``shares`` splits the zone's geodesic area.

    Attributes
    ----------
    kind : 'point' | 'zone'
    lon, lat : float
        The (reference) point, degrees.
    zone : str
        One of :data:`ZONES` for the point.
    state : str
        Whose zone it is ('' on the high seas); claimants joined with " / " when joint, disputed or
        where two territorial seas overlap.
    eez_name, eez_mrgid, pol_type, eez_sovereign : EEZ polygon at the point (Marine Regions), if any.
    joint, disputed, overlap : bool
        Joint regime; overlapping claim / disputed land; two states' territorial seas overlap.
    named_sea : str
        Named sea area at the point ('' if none).
    in_coverage : bool
        Inside :data:`COVERAGE_BBOX` (territorial seas and 10m land available).
    coasts : tuple of CoastDistance
        Nearest coast of each nearby state, nearest first.
    area_km2 : float or None
        Geodesic area of the zone (zones only).
    shares : tuple of ZoneShare
        Area split by category (zones only), largest first.
    caveats : tuple of str
    """

    kind: Literal["point", "zone"]
    lon: float
    lat: float
    zone: str
    state: str
    eez_name: str = ""
    eez_mrgid: int | None = None
    pol_type: str = ""
    eez_sovereign: str = ""
    joint: bool = False
    disputed: bool = False
    overlap: bool = False
    named_sea: str = ""
    in_coverage: bool = True
    coasts: tuple[CoastDistance, ...] = ()
    area_km2: float | None = None
    shares: tuple[ZoneShare, ...] = ()
    caveats: tuple[str, ...] = field(default_factory=tuple)

    @property
    def nearest_coast(self) -> CoastDistance | None:
        """The nearest coast of any state, or None when no coast is within reach."""
        return self.coasts[0] if self.coasts else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict (plain types; distances rounded to metres, coordinates to 1e-6 degrees)."""
        d: dict[str, Any] = {
            "kind": self.kind,
            "point": [round(self.lon, 6), round(self.lat, 6)],
            "zone": self.zone,
            "state": self.state,
            "eez": (
                {
                    "name": self.eez_name,
                    "mrgid": self.eez_mrgid,
                    "pol_type": self.pol_type,
                    "sovereign": self.eez_sovereign,
                }
                if self.eez_name
                else None
            ),
            "joint_regime": self.joint,
            "disputed": self.disputed,
            "territorial_seas_overlap": self.overlap,
            "named_sea": self.named_sea,
            "in_coverage": self.in_coverage,
            "coasts": [c.to_dict() for c in self.coasts],
            "caveats": list(self.caveats),
        }
        if self.kind == "zone":
            d["area_km2"] = None if self.area_km2 is None else round(self.area_km2, 3)
            d["shares"] = [s.to_dict() for s in self.shares]
        return d

    # ------------------------------------------------------------------------------------------ verdict
    def verdict(
        self, *, uncertainty_km: float | None = None, is_estimate: bool = True, caveat: bool = True
    ) -> str:
        """Plain-language sentences for students.

        Example: "Estimated impact about 290 km off Japan's coast (nearest: Niigata Prefecture) in the
        Sea of Japan (East Sea), inside Japan's exclusive economic zone, outside its territorial sea.
        Uncertainty about 60 km." For a zone, the other areas the uncertainty zone reaches are named
        with their share of its area. Joint regimes and overlapping claims are named as such, never
        given to one state.

        Parameters
        ----------
        uncertainty_km : float, optional
            Stated as "Uncertainty about N km."
        is_estimate : bool
            "Estimated impact" (derived, the default) or "Impact" (a reported position).
        caveat : bool
            When a territorial sea is at stake (inside one, a coast within 45 km, or a zone reaching
            one), add that it is measured from the mapped coastline with normal baselines.
        """
        what = "Estimated impact" if is_estimate else "Impact"
        sea = f" in the {_sea_label(self.named_sea)}" if self.named_sea else ""
        near = self.nearest_coast
        st = self.state
        if self.zone == "land":
            if self.disputed and st:
                body = f"{what} on land claimed by {_and(st)} (disputed)"
            elif st:
                body = f"{what} on land in {st}"
            else:
                body = f"{what} on land"
            if near and near.region and (not st or near.state == st):
                body += f" ({near.region})"
        else:
            off = ""
            if near is not None:
                reg = f" (nearest: {near.region})" if near.region else ""
                off = f" {_about_km(near.distance_km)} off {_coast_of(near.state)}{reg}"
            comma = ", " if (off or sea) else " "
            if self.zone == "territorial sea":
                if self.overlap:
                    where = f"inside the overlapping territorial seas of {_and(st)}"
                elif self.disputed:
                    where = f"inside the territorial sea around land claimed by {_and(st)} (disputed)"
                else:
                    where = f"inside {_poss(st)} territorial sea (12 nautical miles)"
                body = f"{what}{off}{sea}{comma}{where}"
            elif self.zone == "eez":
                if self.joint:
                    where = (
                        f"inside a joint regime area of {_and(st)} ({self.eez_name}), managed jointly "
                        "rather than part of either state's own exclusive economic zone"
                    )
                elif self.disputed and st:
                    where = (
                        f"inside an area claimed by {_and(st)} ({self.eez_name}), not settled between them"
                    )
                elif self.disputed:
                    where = f"inside a disputed area ({self.eez_name})"
                else:
                    where = f"inside {_poss(st)} exclusive economic zone, outside its territorial sea"
                body = f"{what}{off}{sea}{comma}{where}"
            else:
                where = "on the high seas (outside every state's exclusive economic zone)"
                body = f"{what}{off}{sea}{comma}{where}"
        parts = [body + "."]
        if uncertainty_km is not None:
            parts.append(f"Uncertainty {_about_km(uncertainty_km)}.")
        if self.kind == "zone" and self.shares:
            here = (self.zone, self.state)
            others = [s for s in self.shares if (s.zone, s.state) != here and s.share >= 0.005]
            if others:
                items = [f"{_share_label(s)} ({_pct(s.share)})" for s in others[:4]]
                parts.append(f"The uncertainty area also reaches {_and_list(items)}.")
            elif uncertainty_km is not None:
                parts.append("The whole uncertainty area lies in the same zone.")
        at_stake = (
            self.zone == "territorial sea"
            or (near is not None and near.distance_km < 2 * TERRITORIAL_SEA_KM and self.zone != "land")
            or any(s.zone == "territorial sea" for s in self.shares)
        )
        if caveat and at_stake:
            parts.append(
                "Territorial seas are measured 12 nautical miles from the coastline as mapped "
                "(normal baselines; straight baselines not applied)."
            )
        return " ".join(parts)


def _km(x: float) -> str:
    if x < 1:
        return "less than 1 km"
    if x < 20:
        return f"{x:.0f} km"
    return f"{round(x, -1):,.0f} km" if x < 1000 else f"{round(x, -2):,.0f} km"


def _about_km(x: float) -> str:
    return _km(x) if x < 1 else f"about {_km(x)}"


def _pct(x: float) -> str:
    return "under 1%" if x < 0.01 else f"{x * 100:.0f}%"


def _poss(state: str) -> str:
    if not state:
        return "the"
    if _SEP in state:
        return f"the {state.replace(_SEP, '/')}"
    return f"{state}'" if state.endswith("s") else f"{state}'s"


def _coast_of(state: str) -> str:
    if not state:
        return "the coast of land whose sovereignty is disputed"
    if _SEP in state:
        return f"the coast of land claimed by {_and(state)}"
    return f"{_poss(state)} coast"


def _and(state: str) -> str:
    return _and_list(state.split(_SEP)) if state else "no state"


def _and_list(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sea_label(name: str) -> str:
    return name


def _share_label(s: ZoneShare) -> str:
    if s.zone == "land":
        return f"land in {s.state}" if s.state and not s.state.count(_SEP) else "land"
    if s.zone == "territorial sea":
        return f"{_poss(s.state)} territorial sea"
    if s.zone == "eez":
        if s.pol_type == "Joint regime":
            return f"the {s.state.replace(_SEP, '/')} joint regime area"
        if s.pol_type == "Overlapping claim":
            return f"the area claimed by {_and(s.state)}"
        return f"{_poss(s.state)} exclusive economic zone"
    return "the high seas"
