"""A class writing at once: forty students posting together lose nothing and see no "database
is locked", on SQLite and PostgreSQL; and why SQLite needs BEGIN IMMEDIATE for that.

Each writer has a Database (an engine, a pool, a connection) of its own, as forty server
processes would: on SQLite, the writers of one Database also queue on a lock of that process
(storage/engine.py), which would hide SQLite's own locking from the test. One more test runs
the writers as one server's sessions do, sharing one Database.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, insert, select

from storage import Database, Limits, open_database
from storage import classes as c
from storage.schema import limit_events

pytestmark = pytest.mark.xdist_group("storage")

WRITERS = 40
BARRIER_TIMEOUT_S = 120
LIMITS = Limits(posts_per_seat_per_minute=10)


def _post_at_once(dbs: list[Database], code: str, seats: list[c.Seat], posts: int) -> list[str]:
    """Every writer posts `posts` answers, all starting together; each post reads (the class,
    the seat, the seat's posts this minute) and then writes. The failures, as text."""
    barrier = threading.Barrier(len(seats), timeout=BARRIER_TIMEOUT_S)

    def student(n: int) -> list[str]:
        barrier.wait()
        failures = []
        for k in range(posts):
            try:
                c.post(
                    dbs[n],
                    code,
                    seats[n].token,
                    "answer",
                    f"answer {k}",
                    question=1,
                    fingerprint="fp",
                )
            except Exception as error:  # every failure is counted
                failures.append(f"{type(error).__name__}: {error}")
        return failures

    with ThreadPoolExecutor(len(seats)) as pool:
        return [f for found in pool.map(student, range(len(seats))) for f in found]


def _assert_all_stored(db: Database, code: str, posts: int) -> None:
    assert c.counts(db, code).questions == {1: WRITERS * posts}
    per_seat: dict[int, int] = {}
    for response in c.responses(db, code):
        per_seat[response.seat_id] = per_seat.get(response.seat_id, 0) + 1
    assert len(per_seat) == WRITERS and set(per_seat.values()) == {posts}


def test_forty_writers_of_their_own_posting_at_once_lose_nothing(databases):
    url = databases.migrated_url()
    dbs = [databases.open(url, limits=LIMITS) for _ in range(WRITERS)]
    opened = c.open_class(dbs[0], "iran-russia", "fp")
    seats = [c.join(dbs[0], opened.code, f"Student {n}") for n in range(WRITERS)]
    assert _post_at_once(dbs, opened.code, seats, posts=10) == []
    _assert_all_stored(dbs[0], opened.code, posts=10)


def test_one_servers_sessions_posting_at_once_lose_nothing(databases):
    db = databases.open(limits=LIMITS)
    opened = c.open_class(db, "iran-russia", "fp")
    seats = [c.join(db, opened.code, f"Student {n}") for n in range(WRITERS)]
    assert _post_at_once([db] * WRITERS, opened.code, seats, posts=3) == []
    _assert_all_stored(db, opened.code, posts=3)


@pytest.mark.parametrize("begin", ["DEFERRED", "IMMEDIATE"])
def test_sqlite_loses_read_then_write_transactions_without_begin_immediate(tmp_path, begin):
    """With a plain (deferred) BEGIN, writers that have read cannot wait for the write lock:
    SQLite answers "database is locked" at once, whatever the busy timeout. The barrier
    inside the transaction makes certain what a busy class makes likely (in a run of the
    forty-writer test above with a deferred BEGIN, 394 of 400 posts failed so). With BEGIN
    IMMEDIATE the same writers queue for the lock and all succeed."""
    url = f"sqlite:///{tmp_path / 'class.sqlite3'}"
    open_database(url).close()
    writers = 10
    dbs = [Database(url, sqlite_begin=begin) for _ in range(writers)]
    c.open_class(dbs[0], "iran-russia", "fp")
    with dbs[0].read() as conn:
        class_id = conn.execute(select(c.t.classes.c.id)).scalar_one()
    barrier = threading.Barrier(writers, timeout=BARRIER_TIMEOUT_S)
    deferred = begin == "DEFERRED"

    def writer(n: int) -> str | None:
        """Count this minute's events, then add one: the shape of every limited write."""
        try:
            if not deferred:
                barrier.wait()
            with dbs[n].write() as conn:
                conn.execute(select(func.count()).select_from(limit_events)).scalar_one()
                if deferred:
                    barrier.wait()  # every writer has read before any writes
                conn.execute(
                    insert(limit_events).values(class_id=class_id, action="post", at=c._now(None))
                )
        except Exception as error:  # every failure is counted
            return str(error)
        return None

    with ThreadPoolExecutor(writers) as pool:
        errors = [e for e in pool.map(writer, range(writers)) if e]
    if deferred:
        assert errors and all("database is locked" in e for e in errors), errors
    else:
        assert errors == []
    for db in dbs:
        db.close()
