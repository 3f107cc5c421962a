"""Alembic migrations, run from code (no alembic.ini): up, down, and the start-up upgrade.

At start-up a lock-free look at the database's revision comes first (the common case: already
at the newest). Only when it is behind does a server take the lock and upgrade, checking
again under the lock, so several servers starting at once against an empty database make one
migration between them and none fails: on PostgreSQL a transaction-level advisory lock (the
migration is one transaction, PostgreSQL's DDL being transactional), on SQLite the write lock
BEGIN IMMEDIATE takes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from storage.engine import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed 64-bit number, the same in every server: the advisory lock's name.
ADVISORY_LOCK_KEY = 0x52_52_43_4C_41_53_53  # "RRCLASS"

log = logging.getLogger(__name__)


def _config(conn: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def heads() -> set[str]:
    """The newest revision(s) this code knows."""
    return set(ScriptDirectory.from_config(_config()).get_heads())


def _current(conn: Connection) -> set[str]:
    return set(MigrationContext.configure(conn).get_current_heads())


def current(db: Database) -> set[str]:
    """The revision(s) the database is at (empty for a new database)."""
    with db.read() as conn:
        return _current(conn)


def _known(revisions: set[str]) -> bool:
    script = ScriptDirectory.from_config(_config())
    return all(script.get_revision(rev) is not None for rev in revisions) if revisions else True


def _locked(conn: Connection) -> None:
    """Hold the migration lock until this transaction ends (SQLite: BEGIN IMMEDIATE has it)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})


def upgrade(db: Database, target: str = "head") -> None:
    with db.write() as conn:
        _locked(conn)
        command.upgrade(_config(conn), target)


def downgrade(db: Database, target: str = "base") -> None:
    with db.write() as conn:
        _locked(conn)
        command.downgrade(_config(conn), target)


def migrate_at_startup(db: Database) -> bool:
    """Bring the database to the newest schema; True if this call migrated it."""
    newest = heads()
    try:
        if current(db) == newest:
            return False
    except Exception:  # e.g. a brand-new PostgreSQL schema being created by another server
        log.debug("revision check failed; migrating under the lock", exc_info=True)
    with db.write() as conn:
        _locked(conn)
        found = _current(conn)
        if found == newest:
            return False
        try:
            revisions_known = _known(found)
        except Exception:
            revisions_known = False
        if not revisions_known:
            raise RuntimeError(
                f"The class's database is at revision {sorted(found)}, which this version of "
                "Reading Room does not know: run the newer version, or a database of its own."
            )
        command.upgrade(_config(conn), "head")
        log.info("class database migrated from %s to %s", sorted(found) or "empty", sorted(newest))
        return True
