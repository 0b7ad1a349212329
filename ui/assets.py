"""Local Leaflet assets: copied from the installed ``xstatic-leaflet`` package into ``static/``.

Streamlit serves ``static/`` at ``/app/static/`` (``server.enableStaticServing``), so the map loads
Leaflet from the app's own origin and works with no internet. The copy is not committed: it comes
from the pinned package at set-up time and again, if missing, when the app starts.
"""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["LEAFLET_URL_PREFIX", "STATIC_DIR", "ensure_leaflet_assets", "leaflet_source_dir"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
LEAFLET_URL_PREFIX = "/app/static/leaflet"
_FILES = ("leaflet.js", "leaflet.css")


def leaflet_source_dir() -> Path:
    """Folder of the installed Leaflet distribution (``leaflet.js``, ``leaflet.css``, ``images/``)."""
    import xstatic.pkg.leaflet as xleaflet

    return Path(xleaflet.BASE_DIR)


def ensure_leaflet_assets(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet into ``static_dir / "leaflet"`` unless an identical copy is there; return that folder."""
    src = leaflet_source_dir()
    dest = static_dir / "leaflet"
    same = all((dest / f).is_file() and (dest / f).stat().st_size == (src / f).stat().st_size for f in _FILES)
    if same and (dest / "images" / "marker-icon.png").is_file():
        return dest
    dest.mkdir(parents=True, exist_ok=True)
    for f in _FILES:
        shutil.copyfile(src / f, dest / f)
    shutil.copytree(src / "images", dest / "images", dirs_exist_ok=True)
    return dest
