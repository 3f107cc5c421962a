"""Alembic's migrations on both engines: up and down, the schema they make agrees with
storage/schema.py, and several processes migrating one empty database at once make one
migration between them, none failing."""

from __future__ import annotations

import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from storage import Database
from storage.migrate import current, downgrade, heads, migrate_at_startup, upgrade
from storage.schema import metadata
from tests.helpers import ROOT

pytestmark = pytest.mark.xdist_group("storage")

TABLES = set(metadata.tables)


def _tables(db: Database) -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_migrations_go_up_and_down_and_up_again(databases):
    db = databases.open(databases.empty_url())
    assert current(db) == set() and _tables(db) == set()
    upgrade(db)
    assert current(db) == heads() and _tables(db) == TABLES
    downgrade(db, "base")
    assert current(db) == set() and _tables(db) == set()
    upgrade(db)
    assert current(db) == heads() and _tables(db) == TABLES


def test_the_migrated_schema_is_the_one_the_code_uses(databases):
    db = databases.open(databases.empty_url())
    upgrade(db)
    with db.read() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_start_up_migrates_an_empty_database_once_and_then_only_looks(databases):
    db = databases.open(databases.empty_url())
    assert migrate_at_startup(db) is True
    assert migrate_at_startup(db) is False
    assert current(db) == heads()


def test_a_database_newer_than_the_code_is_refused_plainly(databases):
    db = databases.open(databases.empty_url())
    upgrade(db)
    with db.write() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    with pytest.raises(RuntimeError, match="does not know"):
        migrate_at_startup(db)


RACER = """
import sys
from pathlib import Path
from storage import Database
from storage.migrate import migrate_at_startup
db = Database(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()  # all start together, once all three have imported
print("migrated" if migrate_at_startup(db) else "at head", flush=True)
"""


def test_three_processes_migrating_one_empty_database_at_once(databases):
    url = databases.empty_url()
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, url],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    assert [racer.stdout.readline().strip() for racer in racers] == ["ready"] * 3
    for racer in racers:
        racer.stdin.write("go\n")
        racer.stdin.flush()
    results = [racer.communicate(timeout=120) for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0, 0], [err for _, err in results]
    said = sorted(out.strip() for out, _ in results)
    assert said == ["at head", "at head", "migrated"]
    db = databases.open(url)
    assert current(db) == heads() and _tables(db) == TABLES
