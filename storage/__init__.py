"""The class's database: SQLAlchemy Core on SQLite or PostgreSQL, Alembic migrations.

No Streamlit here; components/participation.py gives the views one engine per process.
"""

from __future__ import annotations

from storage.classes import purge_expired
from storage.engine import Database, Limits, database_url, state_dir
from storage.errors import ClassError
from storage.migrate import migrate_at_startup


def open_database(
    url: str | None = None, *, limits: Limits | None = None, migrate: bool = True
) -> Database:
    """The class's database at `url` (else database_url()), migrated to the newest schema,
    with expired classes removed."""
    db = Database(url or database_url(), limits=limits)
    if migrate:
        migrate_at_startup(db)
        purge_expired(db)
    return db


__all__ = ["ClassError", "Database", "Limits", "database_url", "open_database", "state_dir"]
