"""Protocol-level classroom load client for Streamlit's ``/_stcore/stream`` websocket.

Each simulated student is one websocket session that behaves like the browser
frontend: it connects with the ``streamlit`` subprotocol, requests a page load
(``BackMsg.rerun_script`` with an empty widget state), presses the page's "next step"
buttons as the page script does in a browser until the whole page is there, then
periodically changes a widget it discovered on its own page and times the rerun round trip.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin, Subprotocol

from core.markup.script import NEXT_STEP_KEY_PREFIX

CONNECT_TIMEOUT_S = 20.0  # websocket handshake
RUN_TIMEOUT_S = 60.0  # rerun_script sent -> script_finished received
SEND_TIMEOUT_S = 10.0
CLOSE_TIMEOUT_S = 5.0
MAX_RERUNS_PER_SESSION = 10_000
MAX_MSGS_PER_RUN = 1_000_000
# The frontend sends ["streamlit", <xsrf cookie or placeholder>, <last session id>?].
SUBPROTOCOLS = [Subprotocol("streamlit"), Subprotocol("PLACEHOLDER_AUTH_TOKEN")]
STREAM_PATH = "_stcore/stream"
MAX_STEPS = 5  # "next step" buttons pressed at most after a page load

_FINAL_STATUSES = frozenset(
    {
        ForwardMsg.FINISHED_SUCCESSFULLY,
        ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    }
)


@dataclass
class LoadResult:
    """Aggregated outcome of one load run (sessions = sessions that connected)."""

    sessions: int
    errors: list[str]
    rerun_ms: list[float]
    page_load_ms: list[float]
    verified_sessions: int
    runs: int = 0  # script runs requested: page loads, their steps, and reruns


@dataclass
class _Widget:
    """A widget the client knows how to change (checkbox/toggle, radio, selectbox)."""

    id: str
    kind: str
    value: bool | str
    options: tuple[str, ...] = ()
    fragment_id: str = ""


@dataclass
class _Run:
    """What one script run sent back."""

    status: int = -1
    widgets: dict[str, _Widget] = field(default_factory=dict)
    text_found: bool = False
    exceptions: list[str] = field(default_factory=list)
    next_step: str = ""  # id of the page's "next step" button, if it sent one


class _RunFailed(Exception):
    """A run could not be completed; the session should stop."""


def stream_url(base_url: str) -> str:
    """Map http(s)://host:port[/base] to ws(s)://host:port[/base]/_stcore/stream."""
    parts = urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    path = parts.path.rstrip("/") + "/" + STREAM_PATH
    return urlunsplit((scheme, parts.netloc, path, "", ""))


def _origin(base_url: str) -> Origin:
    """The Origin header a browser on base_url would send (scheme://host:port)."""
    parts = urlsplit(base_url)
    return Origin(f"{parts.scheme}://{parts.netloc}")


def _strings(msg) -> list[str]:
    """All string field values of a protobuf message, recursively."""
    out: list[str] = []
    for fd, value in msg.ListFields():
        items = value if fd.is_repeated else [value]
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif hasattr(item, "ListFields"):
                out.extend(_strings(item))
    return out


def _discover(element, fragment_id: str) -> _Widget | None:
    """Return a changeable widget for an Element, or None."""
    kind = element.WhichOneof("type")
    if kind == "checkbox":
        cb = element.checkbox
        if cb.disabled or cb.form_id:
            return None
        value = cb.value if cb.set_value else cb.default
        return _Widget(cb.id, kind, value, fragment_id=fragment_id)
    if kind in ("radio", "selectbox"):
        w = getattr(element, kind)
        options = tuple(w.options)
        if w.disabled or w.form_id or len(options) < 2:
            return None
        value = w.raw_value if w.set_value else _default_option(w, options)
        return _Widget(w.id, kind, value, options, fragment_id)
    return None


def _default_option(widget, options: tuple[str, ...]) -> str:
    """The option selected by a radio/selectbox index default ('' if none)."""
    if widget.HasField("default") and 0 <= widget.default < len(options):
        return options[widget.default]
    return ""


def _changed_value(widget: _Widget, rng: random.Random) -> bool | str:
    """A new value for the widget: toggle a bool or pick another option."""
    if widget.kind == "checkbox":
        return not widget.value
    return rng.choice([o for o in widget.options if o != widget.value])


def _widget_state(widget: _Widget) -> WidgetState:
    """The WidgetState proto the frontend would send for this widget."""
    state = WidgetState(id=widget.id)
    if widget.kind == "checkbox":
        state.bool_value = bool(widget.value)
    else:
        state.string_value = str(widget.value)
    return state


class _Session:
    """One simulated browser tab."""

    def __init__(
        self, idx: int, base_url: str, query_string: str, expect_text: str | None, seed: int
    ) -> None:
        """Store settings; nothing is opened yet."""
        self.idx = idx
        self.base_url = base_url.rstrip("/")
        self.query_string = query_string.lstrip("?")
        self.expect_text = expect_text
        self.rng = random.Random(seed * 1_000_003 + idx)
        self.ws: ClientConnection | None = None
        self.cache: dict[str, tuple[bytes, int]] = {}  # hash -> (payload, run count)
        self.run_count = 0
        self.max_cache_age = 2
        self.page_hash = ""
        self.widgets: dict[str, _Widget] = {}
        self.runs = 0

    def _client_state(self, fragment_id: str = "", pressed: str = "") -> ClientState:
        """Build a ClientState like the frontend's sendRerunBackMsg (`pressed`: a button id)."""
        cs = ClientState(
            query_string=self.query_string, page_script_hash=self.page_hash, fragment_id=fragment_id
        )
        states = [_widget_state(w) for w in self.widgets.values() if w.value != ""]
        cs.widget_states.widgets.extend(states)
        if pressed:
            cs.widget_states.widgets.append(WidgetState(id=pressed, trigger_value=True))
        cs.cached_message_hashes.extend(self.cache)
        ci = cs.context_info
        ci.timezone, ci.timezone_offset, ci.locale = "UTC", 0, "en-US"
        ci.url = self.base_url + "/" + (f"?{self.query_string}" if self.query_string else "")
        ci.is_embedded, ci.color_scheme = False, "light"
        return cs

    async def open(self) -> None:
        """Open the websocket the way the frontend does."""
        self.ws = await connect(
            stream_url(self.base_url),
            subprotocols=SUBPROTOCOLS,
            origin=_origin(self.base_url),
            open_timeout=CONNECT_TIMEOUT_S,
            close_timeout=CLOSE_TIMEOUT_S,
            max_size=None,
        )

    async def close(self) -> None:
        """Close the websocket, bounded in time."""
        if self.ws is not None:
            with contextlib.suppress(TimeoutError, OSError, ConnectionClosed):
                await asyncio.wait_for(self.ws.close(), CLOSE_TIMEOUT_S + 1)

    async def run_script(
        self, fragment_id: str = "", check_text: bool = False, pressed: str = ""
    ) -> _Run:
        """Send rerun_script and read ForwardMsgs until this run's script_finished."""
        self.runs += 1
        msg = BackMsg()
        msg.rerun_script.CopyFrom(self._client_state(fragment_id, pressed))
        await asyncio.wait_for(self.ws.send(msg.SerializeToString()), SEND_TIMEOUT_S)
        run = await asyncio.wait_for(self._collect(check_text), RUN_TIMEOUT_S)
        self._finish_run(run)
        return run

    async def _collect(self, check_text: bool) -> _Run:
        """Read messages of the next run; stale messages before new_session are ignored."""
        run, run_id = _Run(), None
        for _ in range(MAX_MSGS_PER_RUN):
            fwd = self._resolve(await self.ws.recv(decode=False))
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                run, run_id = _Run(), fwd.metadata.run.script_run_id
                self._on_new_session(fwd)
            elif run_id is not None and self._dispatch(fwd, kind, run, check_text):
                sf_run_id = fwd.metadata.run.script_run_id
                if not sf_run_id or sf_run_id == run_id:
                    run.status = fwd.script_finished
                    return run
        raise _RunFailed(f"no script_finished within {MAX_MSGS_PER_RUN} messages")

    def _dispatch(self, fwd: ForwardMsg, kind: str, run: _Run, check_text: bool) -> bool:
        """Handle one in-run ForwardMsg; True if it is a final script_finished."""
        if kind == "delta":
            self._on_delta(fwd, run, check_text)
        elif kind == "page_info_changed":
            self.query_string = fwd.page_info_changed.query_string
        elif kind == "session_event" and fwd.session_event.HasField("script_compilation_exception"):
            run.exceptions.append("script compilation error")
        elif kind == "page_not_found":
            run.exceptions.append(f"page not found: {fwd.page_not_found.page_name!r}")
        return kind == "script_finished" and fwd.script_finished in _FINAL_STATUSES

    def _resolve(self, payload: bytes) -> ForwardMsg:
        """Parse a ForwardMsg, caching cacheable ones and expanding ref_hash ones."""
        fwd = ForwardMsg.FromString(payload)
        if fwd.WhichOneof("type") == "ref_hash":
            entry = self.cache.get(fwd.ref_hash)
            if entry is None:
                raise _RunFailed(f"cached ForwardMsg miss for ref_hash {fwd.ref_hash}")
            self.cache[fwd.ref_hash] = (entry[0], self.run_count)
            full = ForwardMsg.FromString(entry[0])
            full.metadata.CopyFrom(fwd.metadata)
            return full
        if fwd.metadata.cacheable and fwd.hash:
            self.cache[fwd.hash] = (payload, self.run_count)
        return fwd

    def _on_new_session(self, fwd: ForwardMsg) -> None:
        """Remember the page hash and cache age limit announced by the server."""
        self.page_hash = fwd.new_session.page_script_hash
        self.max_cache_age = fwd.new_session.config.max_cached_message_age or self.max_cache_age

    def _on_delta(self, fwd: ForwardMsg, run: _Run, check_text: bool) -> None:
        """Collect widgets, exceptions and (optionally) the expected text from a delta."""
        if fwd.delta.WhichOneof("type") != "new_element":
            return
        element = fwd.delta.new_element
        if element.WhichOneof("type") == "exception" and not element.exception.is_warning:
            run.exceptions.append(f"{element.exception.type}: {element.exception.message[:200]}")
        if element.WhichOneof("type") == "button" and NEXT_STEP_KEY_PREFIX in element.button.id:
            run.next_step = element.button.id
        widget = _discover(element, fwd.delta.fragment_id)
        if widget is not None:
            old = self.widgets.get(widget.id)
            if old is not None and old.kind == widget.kind and not _is_server_set(element):
                widget.value = old.value
            run.widgets[widget.id] = widget
        if check_text and self.expect_text and not run.text_found:
            run.text_found = any(self.expect_text in s for s in _strings(element))

    def _finish_run(self, run: _Run) -> None:
        """Update widget set and message cache ages after a completed run."""
        self.run_count += 1
        if run.status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
            self.widgets.update(run.widgets)
            return
        self.widgets = run.widgets
        self.cache = {
            h: e for h, e in self.cache.items() if self.run_count - e[1] <= self.max_cache_age
        }

    def pick_change(self) -> str:
        """Change one known widget's value (if any); return its fragment id."""
        if not self.widgets:
            return ""
        widget = self.widgets[self.rng.choice(sorted(self.widgets))]
        widget.value = _changed_value(widget, self.rng)
        return widget.fragment_id


def _is_server_set(element) -> bool:
    """True if the element carries a value set server-side (e.g. via session_state)."""
    kind = element.WhichOneof("type")
    return bool(getattr(getattr(element, kind), "set_value", False))


def _run_problems(sess: _Session, run: _Run, label: str) -> list[str]:
    """Error strings for a finished run (exceptions, compile errors)."""
    problems = [f"session {sess.idx}: {label}: exception element: {e}" for e in run.exceptions]
    if run.status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
        problems.append(f"session {sess.idx}: {label}: script finished with compile error")
    return problems


async def _page_load(sess: _Session, result: LoadResult) -> None:
    """Connect and load the page; record timing and verification."""
    t0 = time.perf_counter()
    await sess.open()
    result.sessions += 1
    run = await sess.run_script(check_text=True)
    text_found = run.text_found
    problems = _run_problems(sess, run, "page load")
    for _ in range(MAX_STEPS):  # the rest of a page sent in steps, as the page script asks
        if not run.next_step:
            break
        run = await sess.run_script(pressed=run.next_step)
        problems += _run_problems(sess, run, "page load step")
    result.page_load_ms.append((time.perf_counter() - t0) * 1000.0)
    if sess.expect_text and not text_found:
        problems.append(f"session {sess.idx}: expected text not received")
    if run.next_step:
        problems.append(f"session {sess.idx}: page still incomplete after {MAX_STEPS} steps")
    result.errors.extend(problems)
    result.verified_sessions += not problems


async def _interact(
    sess: _Session, result: LoadResult, deadline: float, interval_s: float, jitter_s: float
) -> None:
    """Change a widget every interval (+-jitter) until the deadline; time each rerun."""
    for n in range(MAX_RERUNS_PER_SESSION):
        wait = max(0.0, sess.rng.uniform(interval_s - jitter_s, interval_s + jitter_s))
        if time.monotonic() + wait >= deadline:
            return
        await asyncio.sleep(wait)
        fragment_id = sess.pick_change()
        t0 = time.perf_counter()
        run = await sess.run_script(fragment_id)
        result.rerun_ms.append((time.perf_counter() - t0) * 1000.0)
        result.errors.extend(_run_problems(sess, run, f"rerun {n + 1}"))


async def _session_main(
    sess: _Session, result: LoadResult, deadline: float, interval_s: float, jitter_s: float
) -> None:
    """Page load then interaction loop; every failure is recorded, never raised."""
    phase = "page load"
    try:
        await _page_load(sess, result)
        phase = "rerun"
        await _interact(sess, result, deadline, interval_s, jitter_s)
    except TimeoutError:
        result.errors.append(f"session {sess.idx}: timeout during {phase}")
    except ConnectionClosed as exc:
        result.errors.append(f"session {sess.idx}: connection closed during {phase}: {exc}")
    except Exception as exc:
        result.errors.append(f"session {sess.idx}: {phase}: {type(exc).__name__}: {exc}")
    finally:
        result.runs += sess.runs
        await sess.close()


async def run_load(
    base_url: str,
    n_sessions: int,
    duration_s: float,
    interval_s: float = 3.0,
    jitter_s: float = 1.0,
    query_string: str = "",
    expect_text: str | None = None,
    seed: int = 0,
) -> LoadResult:
    """Run n concurrent simulated students for duration_s (measured from the call) and aggregate."""
    result = LoadResult(sessions=0, errors=[], rerun_ms=[], page_load_ms=[], verified_sessions=0)
    deadline = time.monotonic() + duration_s
    sessions = [_Session(i, base_url, query_string, expect_text, seed) for i in range(n_sessions)]
    tasks = [
        asyncio.create_task(_session_main(s, result, deadline, interval_s, jitter_s))
        for s in sessions
    ]
    if not tasks:
        return result
    hard_limit = duration_s + CONNECT_TIMEOUT_S + 2 * RUN_TIMEOUT_S + 4 * CLOSE_TIMEOUT_S
    _, pending = await asyncio.wait(tasks, timeout=hard_limit)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    result.errors.extend(f"session task cancelled after {hard_limit:.0f} s" for _ in pending)
    return result
