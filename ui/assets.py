"""Local map assets in ``static/``: Leaflet, the Launch Atlas map runtime, and published data files.

Streamlit serves ``static/`` at ``/app/static/`` (``server.enableStaticServing``), so the map loads
everything from the app's own origin and works with no internet. Leaflet is copied from the installed
``xstatic-leaflet`` package (at set-up time and again, if missing, when the app starts); the map runtime
(``geo/mapview/runtime.js`` and ``.css``) is written to ``static/la/`` under content-hashed names; big
unchanging data (display layers, the launch table) are published as content-hashed JSON files. None of
these copies is committed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = [
    "LAYERS_URL_PREFIX",
    "LEAFLET_URL_PREFIX",
    "STATIC_DIR",
    "ensure_leaflet_assets",
    "ensure_runtime_assets",
    "leaflet_source_dir",
    "publish_json",
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


def ensure_runtime_assets(static_dir: Path = STATIC_DIR) -> Path:
    """Write the map runtime (:func:`geo.mapview.runtime_assets`) into ``static_dir / "la"``; that folder."""
    from geo.mapview import runtime_assets

    dest = static_dir / "la"
    dest.mkdir(parents=True, exist_ok=True)
    ignore = dest / ".gitignore"
    if not ignore.is_file():
        ignore.write_text("# written at start-up by ui.assets.ensure_runtime_assets\n*\n", encoding="utf-8")
    for name, text in runtime_assets().items():
        path = dest / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
    for old in dest.glob("map-runtime-*"):  # earlier versions
        if old.name not in runtime_assets():
            old.unlink(missing_ok=True)
    return dest


def publish_json(name: str, value: object, static_dir: Path = STATIC_DIR) -> str | None:
    """Like :func:`publish_layer` for any JSON value (e.g. the launch table of the map's places)."""
    return publish_layer(name, value, static_dir)  # type: ignore[arg-type]


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
