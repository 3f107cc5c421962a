"""A class writing at once: forty students posting together lose nothing and see no "database
is locked", on SQLite and PostgreSQL; and why SQLite needs BEGIN IMMEDIATE for that."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, insert, select

from storage import Database, Limits, open_database
from storage import classes as c
from storage.schema import limit_events

pytestmark = pytest.mark.xdist_group("storage")

WRITERS, POSTS_EACH = 40, 10
BARRIER_TIMEOUT_S = 120


def test_forty_writers_posting_at_once_lose_nothing(databases):
    db = databases.open(limits=Limits(posts_per_seat_per_minute=POSTS_EACH))
    opened = c.open_class(db, "iran-russia", "fp")
    seats = [c.join(db, opened.code, f"Student {n}") for n in range(WRITERS)]
    barrier = threading.Barrier(WRITERS, timeout=BARRIER_TIMEOUT_S)

    def student(seat: c.Seat) -> list[str]:
        """Each post reads (the class, the seat, the seat's posts this minute) then writes."""
        barrier.wait()
        failures = []
        for n in range(POSTS_EACH):
            try:
                c.post(
                    db,
                    opened.code,
                    seat.token,
                    "answer",
                    f"answer {n}",
                    question=1,
                    fingerprint="fp",
                )
            except Exception as error:  # every failure is counted
                failures.append(f"{type(error).__name__}: {error}")
        return failures

    with ThreadPoolExecutor(WRITERS) as pool:
        failures = [f for found in pool.map(student, seats) for f in found]
    assert failures == []
    assert c.counts(db, opened.code).questions == {1: WRITERS * POSTS_EACH}
    per_seat = {}
    for response in c.responses(db, opened.code):
        per_seat[response.seat_id] = per_seat.get(response.seat_id, 0) + 1
    assert set(per_seat.values()) == {POSTS_EACH} and len(per_seat) == WRITERS


def _read_then_write(db: Database, class_id: int, barrier: threading.Barrier, inside: bool):
    """Count this minute's events, then add one: the shape of every limited write."""
    if not inside:
        barrier.wait()
    with db.write() as conn:
        conn.execute(select(func.count()).select_from(limit_events)).scalar_one()
        if inside:
            barrier.wait()  # every writer has read before any writes
        conn.execute(insert(limit_events).values(class_id=class_id, action="post", at=c._now(None)))


@pytest.mark.parametrize("begin", ["DEFERRED", "IMMEDIATE"])
def test_sqlite_loses_read_then_write_transactions_without_begin_immediate(tmp_path, begin):
    """With a plain (deferred) BEGIN, writers that have read cannot wait for the write lock:
    SQLite answers "database is locked" at once, whatever the busy timeout. The barrier
    inside the transaction makes certain what a busy class makes likely. With BEGIN
    IMMEDIATE the same writers queue for the lock and all succeed."""
    url = f"sqlite:///{tmp_path / 'class.sqlite3'}"
    open_database(url).close()
    db = Database(url, sqlite_begin=begin)
    opened = c.open_class(db, "iran-russia", "fp")
    with db.read() as conn:
        class_id = conn.execute(select(c.t.classes.c.id)).scalar_one()
    writers = 10
    barrier = threading.Barrier(writers, timeout=BARRIER_TIMEOUT_S)
    deferred = begin == "DEFERRED"

    def writer(_n: int) -> str | None:
        try:
            _read_then_write(db, class_id, barrier, inside=deferred)
        except Exception as error:
            return str(error)
        return None

    with ThreadPoolExecutor(writers) as pool:
        errors = [e for e in pool.map(writer, range(writers)) if e]
    if deferred:
        assert errors and all("database is locked" in e for e in errors), errors
    else:
        assert errors == []
    assert opened.code
    db.close()
