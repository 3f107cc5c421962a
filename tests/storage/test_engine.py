"""Where the class's database is and how it is opened: the URL's sources, the state folder,
SQLite's settings, PostgreSQL's driver and pool, and the one accessor the views use."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from storage import Database, database_url, open_database, state_dir
from storage.engine import DATABASE_URL_ENV, ROOT, SQLITE_FILE, STATE_ENV
from storage.schema import metadata

pytestmark = pytest.mark.xdist_group("storage")


def test_the_url_comes_from_the_environment_then_the_secrets_then_the_state_folder(tmp_path):
    env = {DATABASE_URL_ENV: "postgresql://db.example/rr"}
    assert database_url("postgresql://secret/rr", env) == "postgresql://db.example/rr"
    assert database_url("postgresql://secret/rr", {}) == "postgresql://secret/rr"
    assert database_url(None, {STATE_ENV: str(tmp_path)}) == f"sqlite:///{tmp_path / SQLITE_FILE}"
    assert state_dir({}) == ROOT / "state"
    assert database_url(None, {}) == f"sqlite:///{ROOT / 'state' / SQLITE_FILE}"


def test_the_state_folder_is_ignored_by_git_and_outside_data():
    assert "state/" in (ROOT / ".gitignore").read_text().splitlines()
    assert not state_dir({}).is_relative_to(ROOT / "data")


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgres://u:p@h/db", "postgresql+psycopg"),
        ("postgresql://u:p@h/db", "postgresql+psycopg"),
        ("postgresql+psycopg://u:p@h/db", "postgresql+psycopg"),
        ("sqlite:///x.sqlite3", "sqlite+pysqlite"),
    ],
)
def test_postgresql_is_reached_through_psycopg_3(given, driver, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = Database(given)
    assert db.url.drivername == driver
    assert "p@" not in repr(db)  # the password stays out of logs
    db.close()


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="SQLite or PostgreSQL"):
        Database("mysql://u@h/db")


def test_the_sqlite_file_and_its_folder_are_made_on_first_use(tmp_path):
    path = tmp_path / "new" / "folder" / SQLITE_FILE
    db = open_database(f"sqlite:///{path}")
    assert path.exists()
    assert set(metadata.tables) <= set(inspect(db.engine).get_table_names())
    db.close()


def test_sqlite_is_set_up_for_a_class_writing_at_once(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with db.read() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 1,
        "foreign_keys": 1,
        "busy_timeout": 10_000,
    }
    assert db.engine.hide_parameters
    db.close()


def test_a_write_takes_sqlites_write_lock_at_its_start(tmp_path):
    """BEGIN IMMEDIATE: while one write transaction is open, and before it has written
    anything, a second writer cannot start (a reader still can)."""
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    db = open_database(url)
    other = Database(url, sqlite_busy_timeout_ms=50)
    with db.write() as conn:
        conn.execute(text("SELECT 1"))
        with pytest.raises(Exception, match="locked"), other.write():
            pass
        with other.read() as reader:
            assert reader.execute(text("SELECT count(*) FROM classes")).scalar() == 0
    with other.write():
        pass
    db.close()
    other.close()


def test_postgresql_gets_a_small_pool_checked_before_use(postgres):
    db = Database(postgres.url)
    assert db.engine.pool.size() == 5
    assert db.engine.pool._pre_ping
    assert db.engine.hide_parameters
    assert not db.is_local_file
    db.close()


def test_the_views_get_one_database_per_process(tmp_path, monkeypatch):
    from components import participation

    monkeypatch.setenv(STATE_ENV, str(tmp_path))
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    participation._database.clear()
    try:
        first = participation.database()
        assert first is participation.database()
        assert first.is_local_file
        assert (tmp_path / SQLITE_FILE).exists()
    finally:
        participation._database.clear()
        first.close()


def test_a_database_down_at_start_up_is_a_message_not_a_traceback(monkeypatch):
    from bench.server_stats import free_port
    from components import participation
    from storage import ClassError

    url = f"postgresql://postgres@127.0.0.1:{free_port()}/nothing"
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    with pytest.raises(ClassError) as caught:
        participation.database()
    assert caught.value.reason == "unavailable"


def test_without_postgresql_its_tests_skip_saying_why_and_fail_in_ci(monkeypatch):
    import bench.postgres
    from tests.storage.conftest import without_postgres

    monkeypatch.setattr(bench.postgres, "bin_dir", lambda: None)
    reason = bench.postgres.missing_reason()
    assert "apt-get install postgresql" in reason
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        without_postgres(reason, {})
    with pytest.raises(pytest.fail.Exception, match="READING_ROOM_REQUIRE_POSTGRES=1"):
        without_postgres(reason, {"READING_ROOM_REQUIRE_POSTGRES": "1"})


def test_a_writer_waiting_too_long_in_its_own_server_is_told_the_database_is_not_answering(
    tmp_path,
):
    from storage import ClassError
    from storage import classes as c

    db = open_database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    waiting = Database(str(db.url), sqlite_busy_timeout_ms=100)
    waiting._local_writer = db._local_writer  # as two sessions of one server share it
    with db.write(), pytest.raises(ClassError) as caught:
        c.open_class(waiting, "iran-russia", "fp")
    assert caught.value.reason == "unavailable"
    db.close()
    waiting.close()


def test_postgresql_connections_lost_under_the_pool_are_replaced_unseen(postgres):
    """A database restart (here: every connection of the app ended by the server) costs the
    next call a reconnect, not an error: the pool checks a connection before using it."""
    from storage import classes as c

    db = open_database(postgres.create_database("reconnect"))
    opened = c.open_class(db, "iran-russia", "fp")
    admin = Database(postgres.url)
    with admin.write() as conn:
        ended = conn.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = 'reconnect' AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    assert ended >= 1
    assert c.find_class(db, opened.code) is not None
    db.close()
    admin.close()


def test_the_views_read_the_url_from_the_apps_secrets(monkeypatch):
    from components import participation

    url = "postgresql://teacher@db.example/classes"
    secrets = {"connections": {"participation": {"url": url}}}
    monkeypatch.setattr(participation.st, "secrets", secrets)
    assert participation.secrets_url() == url
    for empty in ({}, {"connections": {}}, {"connections": {"participation": {}}}):
        monkeypatch.setattr(participation.st, "secrets", empty)
        assert participation.secrets_url() is None
