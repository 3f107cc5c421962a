"""The class's database on both engines: a `db` fixture over SQLite and PostgreSQL.

One PostgreSQL cluster per test session (bench/postgres.py); the storage tests share one
xdist group, so it is one cluster per run. Each test gets a fresh, migrated database of its
own when it asks `databases` for one, copied from one migrated once: a file copy on SQLite,
`CREATE DATABASE ... TEMPLATE` on PostgreSQL; `db` is one database per engine that tests
share, each working in classes of its own. Each module marks itself
`xdist_group("storage")`. Without PostgreSQL installed its half is skipped, saying why,
unless READING_ROOM_REQUIRE_POSTGRES=1 (CI), where a missing PostgreSQL fails the run.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest

from bench.postgres import REQUIRE_ENV, PostgresCluster, missing_reason
from storage import Database, Limits, open_database

ENGINES = ("sqlite", "postgresql")
TEMPLATE = "reading_room_template"
_numbers = itertools.count(1)


def without_postgres(reason: str, env) -> None:
    """Skip, saying why; in CI (READING_ROOM_REQUIRE_POSTGRES=1) fail instead."""
    if env.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{REQUIRE_ENV}=1 but {reason}")
    pytest.skip(f"{reason}; its half of the storage tests is skipped")


@pytest.fixture(scope="session")
def postgres():
    """The session's PostgreSQL cluster, or a skip (a failure in CI) saying why there is none."""
    reason = missing_reason()
    if reason:
        without_postgres(reason, os.environ)
    with PostgresCluster() as cluster:
        open_database(cluster.create_database(TEMPLATE)).close()
        yield cluster


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    open_database(f"sqlite:///{path}").close()  # closing checkpoints the WAL into the file
    return path


class Databases:
    """New databases on one engine: migrated (copies of the template) or empty."""

    def __init__(self, kind: str, request, tmp_path: Path):
        self.kind, self._request, self._tmp = kind, request, tmp_path
        self._opened: list[Database] = []

    def empty_url(self) -> str:
        number = next(_numbers)
        if self.kind == "sqlite":
            return f"sqlite:///{self._tmp / f'db{number}.sqlite3'}"
        return self._postgres.create_database(f"empty_{os.getpid()}_{number}")

    def migrated_url(self) -> str:
        number = next(_numbers)
        if self.kind == "sqlite":
            path = self._tmp / f"db{number}.sqlite3"
            shutil.copyfile(self._request.getfixturevalue("sqlite_template"), path)
            return f"sqlite:///{path}"
        return self._postgres.create_database(f"test_{os.getpid()}_{number}", TEMPLATE)

    @property
    def _postgres(self) -> PostgresCluster:
        return self._request.getfixturevalue("postgres")

    def open(self, url: str | None = None, limits: Limits | None = None, **options) -> Database:
        db = Database(url or self.migrated_url(), limits=limits, **options)
        self._opened.append(db)
        return db

    def close(self) -> None:
        for db in self._opened:
            db.close()


@pytest.fixture(params=ENGINES)
def databases(request, tmp_path):
    made = Databases(request.param, request, tmp_path)
    yield made
    made.close()


@pytest.fixture(scope="session", params=ENGINES)
def shared_db(request, tmp_path_factory):
    made = Databases(request.param, request, tmp_path_factory.mktemp(f"shared-{request.param}"))
    yield made.open()
    made.close()


@pytest.fixture
def db(shared_db) -> Database:
    """A migrated database, on each engine in turn, shared by the tests of a session: each test
    opens classes of its own (tests that look at the whole database use `databases`)."""
    return shared_db
