"""Drafts in progress in the database (the Prepare page's autosave), when one is configured:
a teacher whose next request lands on another server, or who comes back after a restart,
continues where they were.

A draft is its random token (also in the page's address) and the Work as JSON
(drafting/review/), which this module stores and returns as text without reading it. The
same bounds as the drafts folder, counted in the database so they hold across servers: a
session's drafts together at most `session_bytes` (its own oldest go first to make room),
all drafts at most `total_bytes` (past which a draft is refused, never another teacher's
evicted), and drafts untouched for `max_age` removed. Each save is one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, exc, func, insert, select, update

from storage import schema as t
from storage.engine import Database

UNAVAILABLE = "the database is not answering"


class DraftNotSaved(Exception):
    """A draft the bounds keep out, or a database that did not answer; str() says which."""


@dataclass(frozen=True)
class DraftLimits:
    session_bytes: int
    total_bytes: int
    max_age: dt.timedelta


@dataclass(frozen=True)
class StoredDraft:
    token: str
    work: str  # the Work as JSON
    saved: dt.datetime


def save(
    db: Database,
    token: str,
    work: str,
    limits: DraftLimits,
    session_tokens: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> None:
    """Store the draft `token` (replacing its earlier save) within the bounds;
    `session_tokens` are the drafts this session saved before, oldest first."""
    now = now or dt.datetime.now(dt.UTC)
    size = len(work.encode("utf-8"))
    try:
        with db.write() as conn:
            conn.execute(delete(t.drafts).where(t.drafts.c.saved < now - limits.max_age))
            _make_room_in_session(conn, token, size, session_tokens, limits.session_bytes)
            others = conn.execute(
                select(func.coalesce(func.sum(t.drafts.c.size), 0)).where(t.drafts.c.token != token)
            ).scalar_one()
            if others + size > limits.total_bytes:
                raise DraftNotSaved("the drafts' storage is full just now")
            _upsert(conn, token, work, size, now)
    except (exc.OperationalError, exc.InterfaceError, exc.TimeoutError):
        raise DraftNotSaved(UNAVAILABLE) from None


def _make_room_in_session(conn, token: str, size: int, session_tokens, session_bytes: int):
    older = [other for other in session_tokens if other != token]
    sizes = dict(
        conn.execute(
            select(t.drafts.c.token, t.drafts.c.size).where(t.drafts.c.token.in_(older))
        ).all()
    )
    older = [other for other in older if other in sizes]
    while older and sum(sizes[other] for other in older) + size > session_bytes:
        conn.execute(delete(t.drafts).where(t.drafts.c.token == older.pop(0)))
    if size > session_bytes:
        raise DraftNotSaved(
            f"a session's drafts can be {session_bytes // (1024 * 1024)} MB together"
        )


def _upsert(conn, token: str, work: str, size: int, now: dt.datetime) -> None:
    changed = conn.execute(
        update(t.drafts).where(t.drafts.c.token == token).values(work=work, size=size, saved=now)
    ).rowcount
    if not changed:
        # Two tabs saving one new draft at the same moment: PostgreSQL makes the second
        # wait for the first's row, then fail; the later save is kept either way.
        try:
            with conn.begin_nested():  # an error rolls back to here, and leaves the rest
                conn.execute(insert(t.drafts).values(token=token, work=work, size=size, saved=now))
            return
        except exc.IntegrityError:
            pass
        conn.execute(
            update(t.drafts)
            .where(t.drafts.c.token == token)
            .values(work=work, size=size, saved=now)
        )


def load(db: Database, token: str) -> str | None:
    """The draft's Work as JSON, or None when there is no such draft (or it was removed).
    Raises DraftNotSaved(UNAVAILABLE) when the database does not answer."""
    try:
        with db.read() as conn:
            return conn.execute(select(t.drafts.c.work).where(t.drafts.c.token == token)).scalar()
    except (exc.OperationalError, exc.InterfaceError, exc.TimeoutError):
        raise DraftNotSaved(UNAVAILABLE) from None


def newest(db: Database, limit: int | None = None) -> list[StoredDraft]:
    """The drafts, the latest saved first (`limit` of them when given)."""
    query = select(t.drafts.c.token, t.drafts.c.work, t.drafts.c.saved).order_by(
        t.drafts.c.saved.desc()
    )
    if limit is not None:
        query = query.limit(limit)
    try:
        with db.read() as conn:
            return [StoredDraft(*row) for row in conn.execute(query).all()]
    except (exc.OperationalError, exc.InterfaceError, exc.TimeoutError):
        return []
