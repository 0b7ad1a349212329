"""A minimal Streamlit protocol client (websocket + protobuf), for load benchmarks.

It does what a browser tab does on the wire: opens ``/_stcore/stream``, asks for a script run with the
page's query string, keeps the query string the app writes back (``page_info_changed``), remembers the
cacheable messages it received and tells the server (``cached_message_hashes``, so unchanged big elements
come back as references, as in a browser), and presses buttons by sending their trigger. It draws
nothing: the time it reports is the server's side (from the request to the map element and to the end of
the script run), plus the bytes the server sent for that run.

Only for talking to a local test server (127.0.0.1).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

MAP_COMPONENT = "streamlit_folium.st_folium"


@dataclass
class RunResult:
    """One script run as the client saw it."""

    to_map_s: float | None  # request -> the map element arrived (None: no map in this run)
    to_done_s: float  # request -> script_finished
    bytes_in: int  # websocket payload bytes received for this run
    map_bytes: int  # bytes of the map element's message(s)
    exceptions: list[str] = field(default_factory=list)  # st.exception elements (tracebacks) shown


class Session:
    """One browser-tab-like session on a local Streamlit server."""

    def __init__(self, base_url: str, query: str = "") -> None:
        u = urlparse(base_url)
        if u.hostname not in ("127.0.0.1", "localhost"):
            raise ValueError("stclient only talks to a local server (127.0.0.1)")
        self.ws_url = f"ws://{u.netloc}/_stcore/stream"
        self.query = query
        self.ws: ClientConnection | None = None
        self.cached: set[str] = set()
        self.buttons: dict[str, str] = {}  # user key -> widget id
        self.page_hash = ""
        self.kinds: dict[str, str] = {}  # message hash -> element type, to read references
        # The value of every input widget, as the browser keeps and resends them on each run.
        self.values: dict[str, tuple[str, Any]] = {}

    async def open(self) -> RunResult:
        self.ws = await connect(
            self.ws_url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            max_size=64 * 2**20,
            open_timeout=60,
        )
        return await self.rerun()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def click(self, key: str) -> RunResult:
        """Press the button whose ``key=`` is ``key`` (as a browser click does)."""
        wid = self.buttons.get(key)
        if wid is None:
            raise KeyError(f"no button with key {key!r} in the last run (have {sorted(self.buttons)})")
        return await self.rerun(trigger=wid)

    async def rerun(self, *, trigger: str | None = None) -> RunResult:
        assert self.ws is not None
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_hash
        cs.cached_message_hashes.extend(sorted(self.cached))
        for wid, (field_name, value) in self.values.items():
            w = cs.widget_states.widgets.add()
            w.id = wid
            target = getattr(w, field_name)
            if isinstance(value, list):
                target.data.extend(value)
            else:
                setattr(w, field_name, value)
        if trigger is not None:
            w = cs.widget_states.widgets.add()
            w.id = trigger
            w.trigger_value = True
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        to_map = None
        done: float | None = None
        nbytes = map_bytes = 0
        exceptions: list[str] = []
        # Read until the run is over: script_finished, then the session reports it is no longer running
        # (a request sent in between is merged into the finishing run and its button press is lost).
        while True:
            raw = await self.ws.recv()
            data = raw if isinstance(raw, bytes) else raw.encode()
            nbytes += len(data)
            fm = ForwardMsg()
            fm.ParseFromString(data)
            kind = fm.WhichOneof("type")
            if fm.metadata.cacheable and fm.hash:
                self.cached.add(fm.hash)
            if kind == "ref_hash":  # an element the client already has, sent as a reference
                if self.kinds.get(fm.ref_hash) == MAP_COMPONENT:
                    to_map = time.perf_counter() - t0
                continue
            if kind == "new_session":
                self.page_hash = fm.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query = fm.page_info_changed.query_string
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                which = el.WhichOneof("type")
                self._remember_value(el, which)
                if which == "button" and "-" in el.button.id:
                    self.buttons[el.button.id.rsplit("-", 1)[-1]] = el.button.id
                elif which == "component_instance" and el.component_instance.component_name == MAP_COMPONENT:
                    to_map = time.perf_counter() - t0
                    map_bytes += len(data)
                    self.kinds[fm.hash] = MAP_COMPONENT
                elif which == "exception":
                    exceptions.append(el.exception.message)
            elif kind == "script_finished":
                # FINISHED_EARLY_FOR_RERUN: a callback asked for another run; keep reading.
                if fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    done = time.perf_counter() - t0
            elif (
                kind == "session_status_changed"
                and done is not None
                and not fm.session_status_changed.script_is_running
            ):
                break
        total = done if done is not None else time.perf_counter() - t0
        return RunResult(to_map, total, nbytes, map_bytes, exceptions)

    def _remember_value(self, el: Any, which: str | None) -> None:
        """Keep a widget's value as the browser would (its default, or the value the server set)."""
        if which == "selectbox":
            w = el.selectbox
            if w.set_value or w.id not in self.values:
                if w.HasField("raw_value"):
                    self.values[w.id] = ("string_value", w.raw_value)
                elif w.HasField("default") and w.options:
                    self.values[w.id] = ("string_value", w.options[w.default])
                # else: no choice yet (a placeholder): the browser sends nothing either
        elif which == "multiselect":
            w = el.multiselect
            if w.set_value or w.id not in self.values:
                raw = list(w.raw_values) if w.set_value else [w.options[i] for i in w.default]
                self.values[w.id] = ("string_array_value", raw)
        elif which == "slider":
            w = el.slider
            if w.set_value or w.id not in self.values:
                self.values[w.id] = ("double_array_value", list(w.value if w.set_value else w.default))
        elif which == "text_input":
            w = el.text_input
            if w.set_value or w.id not in self.values:
                self.values[w.id] = ("string_value", w.value if w.set_value else w.default)
        elif which == "checkbox":
            w = el.checkbox
            if w.set_value or w.id not in self.values:
                self.values[w.id] = ("bool_value", w.value if w.set_value else w.default)


async def _demo(url: str) -> None:  # pragma: no cover - manual check
    s = Session(url, "event=2017-02-11-1&present=1&from=2017-01-01&to=2017-12-31")
    r = await s.open()
    print("open", r)
    for _ in range(3):
        print("next", await s.click("m_next"), s.query)
    await s.close()


if __name__ == "__main__":  # pragma: no cover
    import sys

    asyncio.run(_demo(sys.argv[1]))
