"""Local Leaflet assets: copied from the installed ``xstatic-leaflet`` package into ``static/``.

Streamlit serves ``static/`` at ``/app/static/`` (``server.enableStaticServing``), so the map loads
Leaflet from the app's own origin and works with no internet. The copy is not committed: it comes
from the pinned package at set-up time and again, if missing, when the app starts.
"""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = [
    "LAYERS_URL_PREFIX",
    "LEAFLET_URL_PREFIX",
    "STATIC_DIR",
    "ensure_leaflet_assets",
    "leaflet_source_dir",
    "publish_layer",
]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
LEAFLET_URL_PREFIX = "/app/static/leaflet"
LAYERS_URL_PREFIX = "/app/static/layers"
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


def publish_layer(
    name: str, feature_collection: dict[str, object], static_dir: Path = STATIC_DIR
) -> str | None:
    """Write a display layer as ``static/layers/<name>-<hash>.json``; return its URL (None if not writable).

    The map then fetches big, unchanging layers (land, coastlines, EEZ...) from the app's own origin once
    (the browser caches them and revalidates with ETags) instead of receiving them inside the map's
    script on every rerun. The content hash in the name changes whenever the data changes. ``name`` is
    one of the app's own layer keys, never user input. The folder ignores itself in git.
    """
    import hashlib
    import json
    import re

    if not re.fullmatch(r"[a-z_]+", name):
        raise ValueError(f"layer name {name!r}: expected lowercase letters and underscores")
    text = json.dumps(feature_collection, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    folder = static_dir / "layers"
    path = folder / f"{name}-{digest}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.is_file():
            ignore.write_text("# generated at start-up by ui.assets.publish_layer\n*\n", encoding="utf-8")
        if not path.is_file():
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            for old in folder.glob(f"{name}-*.json"):  # earlier versions of this layer
                if old != path:
                    old.unlink(missing_ok=True)
    except OSError:
        return None
    return f"{LAYERS_URL_PREFIX}/{path.name}"
