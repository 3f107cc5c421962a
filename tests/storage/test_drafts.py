"""Drafts in progress in the database, on SQLite and PostgreSQL: saved and read back, bounded
as the drafts folder is (a session's own oldest make room, a full store refuses rather than
evicting anyone else's, untouched drafts expire), and two servers saving at once."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import insert, text

from storage import Database, schema
from storage import drafts as d

pytestmark = pytest.mark.xdist_group("storage")

NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
ROOMY = d.DraftLimits(session_bytes=10**9, total_bytes=10**12, max_age=dt.timedelta(days=14))
_tokens = itertools.count(1)


def token() -> str:
    return f"draft-token-{next(_tokens):08d}-xxxxxxxx"


def test_a_draft_is_saved_replaced_and_read_back(db):
    mine = token()
    d.save(db, mine, '{"step": 2}', ROOMY, now=NOW)
    d.save(db, mine, '{"step": 3, "title": "Ça va — ✓"}', ROOMY, now=NOW)
    assert d.load(db, mine) == '{"step": 3, "title": "Ça va — ✓"}'
    assert d.load(db, token()) is None


def test_the_newest_come_first(databases):
    db = databases.open()
    first, second = token(), token()
    d.save(db, first, "{}", ROOMY, now=NOW)
    d.save(db, second, "{}", ROOMY, now=NOW + dt.timedelta(minutes=1))
    assert [s.token for s in d.newest(db)] == [second, first]
    assert [s.token for s in d.newest(db, limit=1)] == [second]
    assert d.newest(db)[0].saved == NOW + dt.timedelta(minutes=1)


def test_drafts_untouched_too_long_are_removed(databases):
    db = databases.open()
    old, recent = token(), token()
    d.save(db, old, "{}", ROOMY, now=NOW - dt.timedelta(days=15))
    d.save(db, recent, "{}", ROOMY, now=NOW)
    assert d.load(db, old) is None and d.load(db, recent) == "{}"


def test_a_session_makes_room_from_its_own_oldest_drafts(databases):
    db = databases.open()
    limits = d.DraftLimits(session_bytes=25, total_bytes=10**6, max_age=dt.timedelta(days=14))
    oldest, older, newest, someone_elses = token(), token(), token(), token()
    d.save(db, someone_elses, "x" * 10, limits, now=NOW)
    d.save(db, oldest, "a" * 10, limits, now=NOW)
    d.save(db, older, "b" * 10, limits, session_tokens=[oldest], now=NOW)
    d.save(db, newest, "c" * 10, limits, session_tokens=[oldest, older], now=NOW)
    assert d.load(db, oldest) is None
    assert d.load(db, older) == "b" * 10 and d.load(db, newest) == "c" * 10
    assert d.load(db, someone_elses) == "x" * 10
    with pytest.raises(d.DraftNotSaved, match="together"):
        d.save(db, token(), "z" * 26, limits, now=NOW)


def test_a_full_store_refuses_a_new_draft_and_keeps_everyone_elses(databases):
    db = databases.open()
    limits = d.DraftLimits(session_bytes=100, total_bytes=30, max_age=dt.timedelta(days=14))
    kept = [token() for _ in range(3)]
    for other in kept:
        d.save(db, other, "k" * 10, limits, now=NOW)
    with pytest.raises(d.DraftNotSaved, match="full"):
        d.save(db, token(), "n" * 10, limits, now=NOW)
    d.save(db, kept[0], "j" * 10, limits, now=NOW)  # replacing one's own still fits
    assert [d.load(db, other) for other in kept] == ["j" * 10, "k" * 10, "k" * 10]


def test_a_new_draft_another_server_is_saving_meanwhile_is_updated_not_refused(databases):
    """Server A's first save of a draft is not committed yet when server B saves it too (two
    tabs, one draft): on PostgreSQL B's insert waits for A's row, then finds it taken and
    updates it instead; on SQLite B waits for A's write lock. B's save is kept, whole."""
    url = databases.migrated_url()
    server_a, server_b, watcher = (databases.open(url) for _ in range(3))
    mine = token()
    with ThreadPoolExecutor(1) as pool:
        with server_a.write() as conn:
            conn.execute(insert(schema.drafts).values(token=mine, work="{}", size=2, saved=NOW))
            saving = pool.submit(d.save, server_b, mine, '{"from": "b"}', ROOMY, (), NOW)
            if databases.kind == "postgresql":
                _wait_until_one_waits_for_a_lock(watcher)
        saving.result(timeout=120)
    assert d.load(server_a, mine) == '{"from": "b"}'
    assert [s.token for s in d.newest(server_a)].count(mine) == 1


def _wait_until_one_waits_for_a_lock(db: Database, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    while time.monotonic() < deadline:
        with db.read() as conn:
            if conn.execute(query).scalar_one():
                return
        time.sleep(0.05)
    raise AssertionError("the other server's save never waited for the row")


def test_a_database_that_does_not_answer_is_said_plainly(databases):
    if databases.kind == "postgresql":
        away = Database("postgresql://postgres@127.0.0.1:1/none")
        with pytest.raises(d.DraftNotSaved, match="not answering"):
            d.save(away, token(), "{}", ROOMY, now=NOW)
        with pytest.raises(d.DraftNotSaved, match="not answering"):
            d.load(away, token())
        assert d.newest(away) == []
        return
    url = databases.migrated_url()
    impatient = databases.open(url, sqlite_busy_timeout_ms=100)
    with databases.open(url).write() as other_server:
        other_server.exec_driver_sql("SELECT 1")
        with pytest.raises(d.DraftNotSaved, match="not answering"):
            d.save(impatient, token(), "{}", ROOMY, now=NOW)
