"""A class taking part, end to end over Streamlit's websocket: N students and a projector.

Each student is one websocket session (bench/classroom_load.py's client) that opens the class's
join link with a question on the page, joins with a name (the join form, as a browser submits
it), and answers once when the question opens: the answers come in a burst, each student
after a random pause of up to BURST_S. Their screens poll as a browser's would (the classmates'
fragment every 10 s). A projector session shows the wall in presenter mode and polls it every
3 s (the wall's `run_every`). Measured: errors, posts stored against posts sent (0 lost), the
rerun p95 of every script and fragment run, the time from a post's reply to its first
appearance on the projector's wall (p50, p95; bounded by the poll interval), and the server's
memory per session. On SQLite (a file in a temporary state folder) and PostgreSQL (a
throwaway cluster, bench/postgres.py), at 40, 80 and 200 students.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time

from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.classroom_load import _Run, _Session
from bench.common import DASHBOARD_APP, ROOT, percentile
from bench.load import _Sampler
from bench.server_stats import ServerProcess

LEVELS = (40, 80, 200)
SLUG = "iran-russia-suspicious-bind"
# As components/class_wall.py polls (a test checks they agree).
WALL_POLL_S, STUDENT_POLL_S = 3.0, 10.0
BURST_S = 10.0  # the answers arrive within this many seconds of the question opening
WATCH_S = 15.0  # the projector keeps polling this long after the last answer
ANSWER_PREFIX = "bench-answer-"
# How fast students arrive: under the joins per class per minute (core/vocabulary.py), which
# refuses the rest with "Too many people are joining at once".
ARRIVALS_PER_MINUTE = 100


class _ClassSession(_Session):
    """A browser tab that also knows the text fields, form buttons and polling fragments of
    its page, and which strings each run sent."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields: dict[str, str] = {}  # label -> widget id (text inputs and areas)
        self.buttons: dict[str, tuple[str, str]] = {}  # label -> (id, form id)
        self.fragments: set[str] = set()
        self.seen: list[str] = []

    def _on_delta(self, fwd, run: _Run, check_text: bool) -> None:
        super()._on_delta(fwd, run, check_text)
        if fwd.delta.fragment_id:
            self.fragments.add(fwd.delta.fragment_id)
        if fwd.delta.WhichOneof("type") != "new_element":
            return
        element = fwd.delta.new_element
        kind = element.WhichOneof("type")
        if kind in ("text_input", "text_area"):
            widget = getattr(element, kind)
            self.fields[widget.label] = widget.id
        elif kind == "button":
            self.buttons[element.button.label] = (element.button.id, element.button.form_id)
        elif kind == "html":
            self.seen.append(element.html.body)
        elif kind in ("alert", "markdown"):
            self.seen.append(getattr(element, kind).body)

    async def submit(self, values: dict[str, str], button: str) -> _Run:
        """Fill the fields and press a form's button, as the browser sends a form."""
        self.seen = []
        widget_id, _ = self.buttons[button]
        extra = [WidgetState(id=self.fields[label], string_value=v) for label, v in values.items()]
        return await self._run_with(extra, widget_id)

    async def _run_with(self, extra: list[WidgetState], pressed: str) -> _Run:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        self.runs += 1
        state = self._client_state("", pressed)
        state.widget_states.widgets.extend(extra)
        msg = BackMsg()
        msg.rerun_script.CopyFrom(state)
        await asyncio.wait_for(self.ws.send(msg.SerializeToString()), 10)
        run = await asyncio.wait_for(self._collect(False), 60)
        self._finish_run(run)
        return run

    async def poll(self) -> _Run:
        """Rerun the page's polling fragment, as the browser's timer does."""
        self.seen = []
        fragment = sorted(self.fragments)[-1] if self.fragments else ""
        return await self.run_script(fragment)


class _Tally:
    def __init__(self):
        self.errors: list[str] = []
        self.rerun_ms: list[float] = []
        self.by_kind: dict[str, list[float]] = {"join": [], "answer": [], "poll": [], "wall": []}
        self.sent: dict[str, float] = {}  # answer text -> when its reply arrived
        self.on_wall: dict[str, float] = {}
        self.runs = 0


async def _timed(tally: _Tally, kind: str, call) -> _Run:
    started = time.perf_counter()
    run = await call
    elapsed = (time.perf_counter() - started) * 1000
    tally.rerun_ms.append(elapsed)
    tally.by_kind[kind].append(elapsed)
    tally.errors += [f"exception: {e}" for e in run.exceptions]
    return run


async def _poll_until(session: _ClassSession, tally: _Tally, until: float) -> None:
    """The student's screen polling every STUDENT_POLL_S until `until`."""
    while time.monotonic() + STUDENT_POLL_S < until:
        await asyncio.sleep(STUDENT_POLL_S)
        await _timed(tally, "poll", session.poll())
    await asyncio.sleep(max(0.0, until - time.monotonic()))


async def _student(
    number: int, base: str, code: str, tally: _Tally, arrives: float, opened: float
) -> None:
    query = f"article={SLUG}&class={code}&q=1"
    session = _ClassSession(number, base, query, None, number)
    try:
        await asyncio.sleep(max(0.0, arrives - time.monotonic()))
        await session.open()
        run = await session.run_script()
        while run.next_step:
            run = await session.run_script(pressed=run.next_step)
        await _timed(tally, "join", session.submit({"Your name (optional)": f"S{number}"}, "Join"))
        if "Send the answer" not in session.buttons:
            tally.errors.append(f"student {number}: no answer box after joining")
            return
        # The screen polls while the student waits for the question, then they answer.
        await _poll_until(session, tally, opened + random.uniform(0, BURST_S))
        text = f"{ANSWER_PREFIX}{number}"
        answering = session.submit({"Your answer to question 1": text}, "Send the answer")
        await _timed(tally, "answer", answering)
        if not any("Sent." in seen for seen in session.seen):
            tally.errors.append(f"student {number}: the answer was not confirmed")
            return
        tally.sent[text] = time.monotonic()
        await _poll_until(session, tally, opened + BURST_S + WATCH_S)
    except Exception as error:
        tally.errors.append(f"student {number}: {type(error).__name__}: {error}")
    finally:
        tally.runs += session.runs
        await session.close()


async def _projector(base: str, code: str, tally: _Tally, opened: float, expected: int) -> None:
    query = f"article={SLUG}&class={code}&present=1&q=1"
    session = _ClassSession(10_000, base, query, None, 0)
    try:
        await session.open()
        await session.run_script()
        end = opened + BURST_S + WATCH_S
        while time.monotonic() < end or len(tally.on_wall) < len(tally.sent) < expected:
            await asyncio.sleep(WALL_POLL_S)
            await _timed(tally, "wall", session.poll())
            now = time.monotonic()
            page = "".join(session.seen)
            for text in list(tally.sent):
                if text not in tally.on_wall and f">{text}<" in page:
                    tally.on_wall[text] = now
            if time.monotonic() > end + 60:
                break
    except Exception as error:
        tally.errors.append(f"projector: {type(error).__name__}: {error}")
    finally:
        tally.runs += session.runs
        await session.close()


async def _class(base: str, code: str, students: int) -> _Tally:
    tally = _Tally()
    start = time.monotonic()
    # Students come in over the first minutes (a class joins at the door, not in one
    # millisecond; joins per class per minute are limited), then the question opens.
    gap = 60.0 / ARRIVALS_PER_MINUTE
    opened = start + students * gap + 15
    tasks = [_projector(base, code, tally, opened, students)]
    tasks += [_student(n, base, code, tally, start + n * gap, opened) for n in range(students)]
    await asyncio.gather(*tasks)
    return tally


async def _warm(base: str, code: str) -> None:
    """One student and the projector once, so imports and first-use caches are not counted."""
    student = _ClassSession(0, base, f"article={SLUG}&class={code}&q=1", None, 0)
    await student.open()
    run = await student.run_script()
    while run.next_step:
        run = await student.run_script(pressed=run.next_step)
    await student.submit({"Your name (optional)": "warm"}, "Join")
    await student.submit({"Your answer to question 1": "warm"}, "Send the answer")
    await student.poll()
    await student.close()
    projector = _ClassSession(1, base, f"article={SLUG}&class={code}&present=1&q=1", None, 0)
    await projector.open()
    await projector.run_script()
    await projector.poll()
    await projector.close()


def _level(server: ServerProcess, database_url: str, students: int) -> dict:
    from storage import classes as api
    from storage import open_database

    db = open_database(database_url)
    asyncio.run(_warm(server.base_url, api.open_class(db, SLUG, "bench").code))
    opened = api.open_class(db, SLUG, "bench")
    before = server.stats()
    with _Sampler(server) as sampler:
        tally = asyncio.run(_class(server.base_url, opened.code, students))
    stored = api.export(db, opened.code, opened.teacher_key)
    db.close()
    texts = {row["body"] for row in stored}
    lost = [text for text in tally.sent if text not in texts]
    delays = [tally.on_wall[t] - tally.sent[t] for t in tally.on_wall]
    mib = 1024 * 1024
    return {
        "students": students,
        "errors": len(tally.errors),
        "first_errors": tally.errors[:5],
        "answers_confirmed": len(tally.sent),
        "answers_stored": len(texts),
        "lost_posts": len(lost),
        "answers_seen_on_wall": len(tally.on_wall),
        "runs": len(tally.rerun_ms),
        "rerun_p50_ms": percentile(tally.rerun_ms, 50),
        "rerun_p95_ms": percentile(tally.rerun_ms, 95),
        **{f"{kind}_p95_ms": percentile(times, 95) for kind, times in tally.by_kind.items()},
        **{f"{kind}_p50_ms": percentile(times, 50) for kind, times in tally.by_kind.items()},
        "post_to_wall_p50_s": percentile(delays, 50),
        "post_to_wall_p95_s": percentile(delays, 95),
        "wall_poll_s": WALL_POLL_S,
        "rss_growth_per_session_mib": (sampler.peak_rss - before["rss_bytes"])
        / mib
        / (students + 1),
    }


def _engine(name: str, env: dict[str, str], url: str, levels: tuple[int, ...]) -> list[dict]:
    with ServerProcess(DASHBOARD_APP, cwd=ROOT, env=env) as server:
        return [{"engine": name, **_level(server, url, n)} for n in levels]


def run(levels: tuple[int, ...] = LEVELS) -> dict:
    """Every level on SQLite, then on PostgreSQL where it is installed."""
    from bench.postgres import PostgresCluster, missing_reason

    rows = []
    with tempfile.TemporaryDirectory() as state:
        url = f"sqlite:///{state}/reading-room.sqlite3"
        rows += _engine("sqlite", {"READING_ROOM_STATE": state}, url, levels)
    reason = missing_reason()
    if reason is None:
        with PostgresCluster() as cluster:
            url = cluster.create_database("bench_class")
            rows += _engine("postgresql", {"READING_ROOM_DATABASE_URL": url}, url, levels)
    return {"levels": rows, "postgresql_missing": reason, "budget": {"rerun_p95_ms": 300}}


if __name__ == "__main__":
    import json
    import sys

    chosen = tuple(int(n) for n in sys.argv[1:]) or LEVELS
    print(json.dumps(run(chosen), indent=1, default=str))
