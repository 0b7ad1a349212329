"""AppTest helpers: run a page script and read what the st_folium map would draw."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def run_page(
    page: str,
    query: dict[str, str] | None = None,
    timeout: float = 90,
    session: dict[str, Any] | None = None,
) -> AppTest:
    """Run ``pages/<page>.py`` once with the given URL query parameters (and session state)."""
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=timeout)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in (session or {}).items():
        at.session_state[k] = v
    at.run()
    return at


def folium_args(at: AppTest) -> dict[str, Any]:
    """The st_folium component's arguments (js_links, css_links, ...) of the page's map.

    ``script`` is what the browser runs: the base map's script followed by the in-place update
    (``feature_group``); ``base_script`` is the base map's alone (the same on every rerun).
    """
    found: list[Any] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(proto, "component_name", "") == "streamlit_folium.st_folium":
            found.append(proto)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    assert len(found) == 1, f"expected one map, found {len(found)}"
    args: dict[str, Any] = json.loads(found[0].json_args)
    args["base_script"] = args["script"]
    args["script"] = args["script"] + "\n" + (args.get("feature_group") or "")
    return args


@pytest.fixture
def page_runner():  # type: ignore[no-untyped-def]
    return run_page
