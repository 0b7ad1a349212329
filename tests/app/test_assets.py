"""ui.assets: local Leaflet and the display layers published to the app's static folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ui.assets import LAYERS_URL_PREFIX, ensure_leaflet_assets, publish_layer

FC = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": None}]}


def test_publish_layer_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    url = publish_layer("land", FC, static_dir=tmp_path)
    assert url is not None
    assert url.startswith(LAYERS_URL_PREFIX + "/land-")
    path = tmp_path / "layers" / url.rsplit("/", 1)[1]
    assert json.loads(path.read_text(encoding="utf-8")) == FC
    assert publish_layer("land", FC, static_dir=tmp_path) == url
    # Generated files never end up in git.
    assert (tmp_path / "layers" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")


def test_a_new_version_replaces_the_old_file(tmp_path: Path) -> None:
    first = publish_layer("coastline", FC, static_dir=tmp_path)
    second = publish_layer("coastline", {"type": "FeatureCollection", "features": []}, static_dir=tmp_path)
    assert first != second
    files = sorted(p.name for p in (tmp_path / "layers").glob("coastline-*.json"))
    assert files == [second.rsplit("/", 1)[1]]  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["../x", "land.json", "Land", ""])
def test_layer_names_never_become_paths(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="layer name"):
        publish_layer(name, FC, static_dir=tmp_path)


def test_leaflet_comes_from_the_installed_package(tmp_path: Path) -> None:
    dest = ensure_leaflet_assets(tmp_path)
    assert (dest / "leaflet.js").stat().st_size > 100_000
    assert (dest / "images" / "marker-icon.png").is_file()
    import re

    css = (dest / "leaflet.css").read_text(encoding="utf-8")
    refs = re.findall(r"url\(([^)]*)\)", css)
    assert refs  # its images...
    assert all("//" not in r for r in refs)  # ...are local files next to it
