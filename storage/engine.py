"""The class's database: a SQLite file on one computer, PostgreSQL when one is named.

`open_database()` is all a caller needs: it makes the engine, creates the SQLite file on
first use, migrates to the newest schema and removes expired classes. The components layer
passes the URL it read from the app's secrets; storage itself knows nothing of Streamlit.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from core.vocabulary import (
    JOINS_PER_CLASS_PER_MINUTE,
    POSTS_PER_SEAT_PER_MINUTE,
    SEATS_PER_CLASS,
    WRONG_REJOINS_PER_CLASS_PER_MINUTE,
)

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL_ENV = "READING_ROOM_DATABASE_URL"
STATE_ENV = "READING_ROOM_STATE"
SQLITE_FILE = "reading-room.sqlite3"
# How long a SQLite writer waits for another's lock before giving up (then the student is told
# the database is not answering, and keeps their text).
SQLITE_BUSY_TIMEOUT_MS = 10_000
# How often, at most, a process removes expired classes on its own (purge_expired is cheap, but
# there is no need to run it on every join).
PURGE_EVERY_S = 600.0

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """The limits counted in the database (so they hold across several servers)."""

    posts_per_seat_per_minute: int = POSTS_PER_SEAT_PER_MINUTE
    joins_per_class_per_minute: int = JOINS_PER_CLASS_PER_MINUTE
    seats_per_class: int = SEATS_PER_CLASS
    wrong_rejoins_per_class_per_minute: int = WRONG_REJOINS_PER_CLASS_PER_MINUTE


def state_dir(env: Mapping[str, str] = os.environ) -> Path:
    """The folder for the app's own state (not in git, not in data/): READING_ROOM_STATE or
    state/ at the project's root."""
    return Path(env.get(STATE_ENV) or ROOT / "state")


def database_url(secrets_url: str | None = None, env: Mapping[str, str] = os.environ) -> str:
    """Which database: READING_ROOM_DATABASE_URL, else the app's secrets
    `[connections.participation] url` (read by the caller), else the SQLite file."""
    chosen = env.get(DATABASE_URL_ENV) or secrets_url
    if chosen:
        return chosen
    return f"sqlite:///{state_dir(env) / SQLITE_FILE}"


def _driver_url(url: str) -> URL:
    """The URL with the driver this package uses: psycopg 3 for PostgreSQL (`postgres://` and
    `postgresql://` as hosting services write them), pysqlite for SQLite."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    if parsed.get_backend_name() == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        return parsed.set(drivername="sqlite+pysqlite")
    raise ValueError(f"Classes are stored in SQLite or PostgreSQL, not {parsed.drivername}")


class Database:
    """One engine per process, and the two ways to use it: `read()` and `write()`.

    On SQLite every write transaction starts with BEGIN IMMEDIATE: it takes the write lock
    before reading, so a read-then-write (count the posts, then insert one) never finds at its
    write that another writer got in first. With a plain BEGIN, SQLite cannot wait for that
    lock (waiting would deadlock) and answers "database is locked" at once, whatever the busy
    timeout (tests/test_storage_concurrency.py shows both).
    """

    def __init__(
        self,
        url: str,
        *,
        limits: Limits | None = None,
        sqlite_begin: str = "IMMEDIATE",
        sqlite_busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
    ):
        self.url = _driver_url(url)
        self.limits = limits or Limits()
        self.engine = _make_engine(self.url, sqlite_begin, sqlite_busy_timeout_ms)
        self._writer = self.engine.execution_options(reading_room_write=True)
        self._local_writer = threading.Lock() if self.kind == "sqlite" else None
        self._busy_timeout_s = sqlite_busy_timeout_ms / 1000
        self._purged_at = -PURGE_EVERY_S
        self._purge_lock = threading.Lock()

    @property
    def kind(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    @property
    def is_local_file(self) -> bool:
        """True for the SQLite file: it lasts only as long as this computer's disk (a hosted
        app without a database URL loses it at a restart)."""
        return self.kind == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction, committed at the end of the block, rolled back on an error.

        On SQLite this process's writers also queue on a lock of their own: SQLite's busy
        handler sleeps in steps of up to 100 ms while another connection writes, so forty
        sessions of one server posting at once waited far longer through it than in a queue
        (other processes still wait through the busy timeout)."""
        with self._queued(), self._writer.begin() as conn:
            yield conn

    @contextmanager
    def _queued(self) -> Iterator[None]:
        """This process's turn to write on SQLite, waited for no longer than the busy timeout
        (then the caller is told the database is not answering)."""
        if self._local_writer is None:
            yield
            return
        if not self._local_writer.acquire(timeout=self._busy_timeout_s):
            raise exc.OperationalError("waiting for this server's other writers", None, None)
        try:
            yield
        finally:
            self._local_writer.release()

    def purge_due(self) -> bool:
        """True once every PURGE_EVERY_S in this process (the caller then purges)."""
        with self._purge_lock:
            if time.monotonic() - self._purged_at < PURGE_EVERY_S:
                return False
            self._purged_at = time.monotonic()
            return True

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:  # never the password
        return f"Database({self.url.render_as_string(hide_password=True)!r})"


def _make_engine(url: URL, sqlite_begin: str, busy_timeout_ms: int) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, sqlite_begin, busy_timeout_ms)
    # A small pool per process, checked before use: a server restarted between two polls of
    # the wall costs one reconnect, not an error.
    return create_engine(
        url,
        pool_size=5,
        max_overflow=5,
        pool_timeout=10,
        pool_pre_ping=True,
        pool_recycle=1800,
        hide_parameters=True,  # students' text never lands in a log
        connect_args={"connect_timeout": 5, "application_name": "reading-room"},
    )


def _sqlite_engine(url: URL, sqlite_begin: str, busy_timeout_ms: int) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        pool_size=10,
        max_overflow=40,
        pool_timeout=30,
        hide_parameters=True,
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
    )

    # SQLAlchemy's documented recipe for pysqlite: stop the driver from issuing its own
    # BEGIN (it would issue a deferred one, and only before a write), and issue ours.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get("reading_room_write"):
            conn.exec_driver_sql(f"BEGIN {sqlite_begin}")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine
