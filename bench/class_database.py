"""The class's database under a burst: write p95 on SQLite and PostgreSQL when 40, 80 and 200
students post at once (a question opens), and the read cost of what a projector polls (the
counts and a wall page).

Each figure is a ratio against the same engine's floor measured in the same run under the
same load: for writes, a bare write transaction (one row into one table, BEGIN IMMEDIATE on
SQLite) by as many writers at once; for reads, a bare `SELECT 1`. Writers are threads of one
process sharing one Database (its pool), as a Streamlit server's sessions do. PostgreSQL is a
throwaway cluster with fsync and synchronous commit on, as a real server would run.

The helpers (`class_databases`, `seated_class`, `burst`) are meant for other benchmarks too,
e.g. the end-to-end class over Streamlit's websocket.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.common import median, percentile
from bench.postgres import PostgresCluster, missing_reason
from storage import Database, Limits, open_database
from storage import classes as c

LEVELS = (40, 80, 200)
ENGINES = ("sqlite", "postgresql")
FINGERPRINT = "bench"
READ_REPEAT = 200
# No limit gets in the way of a burst (the limits have their own tests).
BENCH_LIMITS = Limits(
    posts_per_seat_per_minute=1000, joins_per_class_per_minute=10_000, seats_per_class=10_000
)


@contextlib.contextmanager
def class_databases(engines=ENGINES, durable: bool = True) -> Iterator[dict[str, str]]:
    """{engine: URL} of new, empty databases: a SQLite file in a temporary folder and, where
    PostgreSQL is installed, a database in a throwaway cluster (removed on exit)."""
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rr-bench-")))
        urls = {}
        if "sqlite" in engines:
            urls["sqlite"] = f"sqlite:///{folder / 'class.sqlite3'}"
        if "postgresql" in engines and missing_reason() is None:
            cluster = stack.enter_context(PostgresCluster(durable=durable))
            urls["postgresql"] = cluster.create_database("bench")
        yield urls


@dataclass(frozen=True)
class SeatedClass:
    code: str
    teacher_key: str
    seats: tuple[c.Seat, ...]


def seated_class(db: Database, students: int, article: str = "bench") -> SeatedClass:
    """A new class with `students` seats."""
    opened = c.open_class(db, article, FINGERPRINT)
    seats = tuple(c.join(db, opened.code, f"Student {n + 1}") for n in range(students))
    return SeatedClass(opened.code, opened.teacher_key, seats)


@dataclass(frozen=True)
class Burst:
    seconds: list[float]  # one per successful call
    errors: list[str]

    def summary(self) -> dict:
        ms = [s * 1000 for s in self.seconds]
        return {
            "calls": len(ms) + len(self.errors),
            "errors": len(self.errors),
            "p50_ms": median(ms),
            "p95_ms": percentile(ms, 95),
            "max_ms": max(ms, default=float("nan")),
        }


def burst(calls: list[Callable[[], object]]) -> Burst:
    """Run every call in its own thread, all released at once; each one's time or error."""
    barrier = threading.Barrier(len(calls), timeout=300)

    def timed(call: Callable[[], object]) -> float | str:
        barrier.wait()
        started = time.perf_counter()
        try:
            call()
        except Exception as error:  # every failure is counted and reported
            return f"{type(error).__name__}: {error}"
        return time.perf_counter() - started

    with ThreadPoolExecutor(len(calls)) as pool:
        outcomes = list(pool.map(timed, calls))
    return Burst(
        [o for o in outcomes if isinstance(o, float)], [o for o in outcomes if isinstance(o, str)]
    )


def answer_calls(db: Database, seated: SeatedClass, question: int = 1) -> list[Callable]:
    """One answer per student to `question`, tagged as a real answer would be."""
    return [
        lambda seat=seat: c.post(
            db,
            seated.code,
            seat.token,
            "answer",
            f"Student {seat.number}: Russia needs Iran's drones more than Iran needs Russia.",
            question=question,
            actors=("iran", "russia"),
            events=("drone-deliveries",),
            fingerprint=FINGERPRINT,
        )
        for seat in seated.seats
    ]


def _bare_write_calls(db: Database, class_id: int, n: int) -> list[Callable]:
    """The floor: one row into one table in a write transaction, nothing read."""
    from sqlalchemy import insert

    from storage.schema import limit_events

    def write() -> None:
        with db.write() as conn:
            conn.execute(
                insert(limit_events).values(class_id=class_id, action="bench", at=c._now(None))
            )

    return [write] * n


def _class_id(db: Database, code: str) -> int:
    from sqlalchemy import select

    from storage.schema import classes

    with db.read() as conn:
        return conn.execute(select(classes.c.id).where(classes.c.code == code)).scalar_one()


def _write_level(db: Database, writers: int) -> dict:
    seated = seated_class(db, writers)
    floor = burst(_bare_write_calls(db, _class_id(db, seated.code), writers)).summary()
    posts = burst(answer_calls(db, seated)).summary()
    stored = c.counts(db, seated.code).questions.get(1, 0)
    return {
        "writers": writers,
        "errors": posts["errors"],
        "lost": writers - posts["errors"] - stored,
        "post_p50_ms": posts["p50_ms"],
        "post_p95_ms": posts["p95_ms"],
        "post_max_ms": posts["max_ms"],
        "floor_p95_ms": floor["p95_ms"],
        "p95_ratio": posts["p95_ms"] / floor["p95_ms"],
    }


def _notes_calls(db: Database, seated: SeatedClass) -> list[Callable]:
    return [
        lambda seat=seat: c.post(
            db, seated.code, seat.token, "note", "This paragraph hedges.",
            paragraph=1 + seat.number % 11, quote="", actors=("iran",), fingerprint=FINGERPRINT,
        )
        for seat in seated.seats
    ]  # fmt: skip


def _timed_median_ms(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return median(times)


def _read_cost(db: Database, students: int) -> dict:
    """A class of `students` that each answered and left a note: what the projector polls."""
    from sqlalchemy import text

    seated = seated_class(db, students)
    burst(answer_calls(db, seated))
    burst(_notes_calls(db, seated))

    def select_one() -> None:
        with db.read() as conn:
            conn.execute(text("SELECT 1")).scalar_one()

    floor = _timed_median_ms(select_one, READ_REPEAT)
    counts = _timed_median_ms(lambda: c.counts(db, seated.code), READ_REPEAT)
    wall = _timed_median_ms(lambda: c.responses(db, seated.code, question=1), READ_REPEAT)
    newest = c.responses(db, seated.code)[-1].id
    poll = _timed_median_ms(lambda: c.responses(db, seated.code, since_id=newest), READ_REPEAT)
    return {
        "responses": 2 * students,
        "select_one_ms": floor,
        "counts_ms": counts,
        "wall_page_ms": wall,
        "new_since_ms": poll,
        "counts_plus_wall_ratio": (counts + wall) / floor,
    }


def run(levels=LEVELS) -> dict:
    results: dict = {"levels": [], "reads": [], "skipped": {}}
    with class_databases() as urls:
        for engine in ENGINES:
            if engine not in urls:
                results["skipped"][engine] = missing_reason()
                continue
            db = open_database(urls[engine], limits=BENCH_LIMITS)
            try:
                for writers in levels:
                    results["levels"].append({"engine": engine, **_write_level(db, writers)})
                results["reads"].append({"engine": engine, **_read_cost(db, max(levels))})
            finally:
                db.close()
    return results


def rows(result: dict) -> list[tuple[str, str, str, str]]:
    """(benchmark, figure, value, budget) rows for RESULTS.md."""
    table = [
        (
            "storage",
            f"{r['engine']}: {r['writers']} students post at once",
            f"{r['errors']} errors, {r['lost']} lost; write p50/p95 {r['post_p50_ms']:.0f}/"
            f"{r['post_p95_ms']:.0f} ms, {r['p95_ratio']:.2f}x a bare write's p95 "
            f"({r['floor_p95_ms']:.0f} ms)",
            "0 errors, 0 lost",
        )
        for r in result["levels"]
    ]
    table += [
        (
            "storage",
            f"{r['engine']}: projector's poll, {r['responses']} responses",
            f"counts {r['counts_ms']:.1f} ms + wall page {r['wall_page_ms']:.1f} ms = "
            f"{r['counts_plus_wall_ratio']:.1f}x a bare SELECT 1 ({r['select_one_ms']:.2f} ms); "
            f"new since last poll {r['new_since_ms']:.1f} ms",
            "counts + wall ≤ 50 ms",
        )
        for r in result["reads"]
    ]
    table += [
        ("storage", f"{engine}: not measured", reason, "—")
        for engine, reason in result.get("skipped", {}).items()
    ]
    return table


if __name__ == "__main__":
    import json
    import sys

    chosen = tuple(int(n) for n in sys.argv[1:]) or LEVELS
    print(json.dumps(run(chosen), indent=1))
