"""The shipped data: the launch catalogue (validated like any upload), facilities and systems."""

from __future__ import annotations

import csv
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.paths import DATA_DIR
from geo.records.validation import validate_records

__all__ = [
    "CATALOGUE_PATH",
    "FACILITIES_PATH",
    "SYSTEMS_PATH",
    "load_catalogue",
    "load_facilities",
    "load_systems",
]

#: The shipped catalogue, one row per missile (built by ``data/build/build_catalogue.py``).
CATALOGUE_PATH: Path = DATA_DIR / "catalogue" / "launches.csv"
#: Launch facilities of the source (id, name, name_ja, lon, lat, kind, launch_place, is_placeholder).
FACILITIES_PATH: Path = DATA_DIR / "catalogue" / "facilities.csv"
#: Missile systems (system_id, name, type, name_ja, maneuver, origin).
SYSTEMS_PATH: Path = DATA_DIR / "catalogue" / "systems.csv"


def _read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_catalogue(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Load the launch catalogue, one row per missile, validated against :data:`RECORD_FIELDS`.

    Parameters
    ----------
    path : path-like, optional
        Catalogue CSV; default :data:`CATALOGUE_PATH` (``data/catalogue/launches.csv``). For the
        project's own files only: never pass a path that came from a user.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`CATALOGUE_COLUMNS` + ``date_start`` + ``geometry``, sorted by date. dtypes:
        numbers (``launch_lon``, ``launch_lat``, ``apogee_km``, ``distance_km``, ``bearing_deg``) are
        ``float64`` with NaN for unknown; ``salvo_size`` is nullable ``Int64``;
        ``bearing_is_placeholder`` is ``bool``; text columns are strings, ``""`` when empty; ``date``
        stays text (``"1984-09"`` for month precision) and ``date_start`` is its first day as
        ``datetime64[ns]`` (sortable). ``geometry`` is ``Point(launch_lon, launch_lat)`` (x=lon, y=lat)
        in EPSG:4326, or ``None`` when no launch location was reported.

    Raises
    ------
    ValueError
        When a row of the file breaks the schema (the shipped file never does; tests check it).

    Examples
    --------
    >>> cat = load_catalogue()
    >>> len(cat) >= 345, cat.crs.to_epsg()
    (True, 4326)
    """
    p = Path(path) if path is not None else CATALOGUE_PATH
    result = validate_records(_read_csv_rows(p), source=p.name, mode="catalogue")
    if result.errors:
        lines = "\n".join(e.message for e in result.errors[:10])
        raise ValueError(f"{p.name}: {result.n_rejected} row(s) break the catalogue schema:\n{lines}")
    return result.records


def load_facilities(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Load the launch facilities of the source.

    Parameters
    ----------
    path : path-like, optional
        Default :data:`FACILITIES_PATH` (``data/catalogue/facilities.csv``).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``id, name, name_ja, lon, lat, kind, launch_place, is_placeholder, geometry``
        (Point(lon, lat), EPSG:4326). ``is_placeholder`` marks the source's ``unknown`` facility, whose
        point is a stand-in (Pyongyang International Airport), not a reported site.

    Examples
    --------
    >>> fac = load_facilities()
    >>> fac.set_index("id").loc["sohae", "kind"]
    'satellite launching ground'
    """
    p = Path(path) if path is not None else FACILITIES_PATH
    df = pd.read_csv(p, dtype="str", keep_default_na=False, encoding="utf-8")
    df["lon"] = df["lon"].astype("float64")
    df["lat"] = df["lat"].astype("float64")
    df["is_placeholder"] = df["is_placeholder"].str.lower().eq("true")
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326")


def load_systems(path: Path | str | None = None) -> pd.DataFrame:
    """Load the missile systems table (``system_id, name, type, name_ja, maneuver, origin``).

    Parameters
    ----------
    path : path-like, optional
        Default :data:`SYSTEMS_PATH` (``data/catalogue/systems.csv``).

    Returns
    -------
    pandas.DataFrame
        Text columns, ``""`` when empty.
    """
    p = Path(path) if path is not None else SYSTEMS_PATH
    return pd.read_csv(p, dtype="str", keep_default_na=False, encoding="utf-8")
