"""Published articles in the database: what a school's several app servers share.

The same promises as publishing into a folder (core/publish.py), kept by one transaction:

- `publish(db, slug, files)` checks the bundle first (a valid name, the bundle check), then
  writes the new version with all its files, or nothing; a reader never finds half of one.
- A name already published (in the database, or in the read-only folder of bundled articles,
  which the caller says with `taken`) is replaced only when asked; every earlier version is
  kept with its files (`versions`, `files(db, slug, version)`): those are the backups.
- Two publishers of one new name at once: one wins; the other is told the name is taken and
  may replace it. Two replacing at once: the name's row is locked for the transaction, so
  each gets a version number of its own, the later is current, and both are kept.

`catalogue(db)` is the cheap check a reader makes: one query on a table of one row per name,
giving each name's current version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import exc, insert, select, update

from core.archive import ARCHIVED_FILES
from core.bundle import load_bundle_files
from core.problems import BundleError
from core.publish import PublishError
from core.vocabulary import is_valid_id
from storage import schema as t
from storage.engine import Database

MAX_PUBLISHER_CHARS = 200
UNAVAILABLE = "The database is not answering; nothing was published. Try again in a moment."
_ATTEMPTS = 3  # a replace that met another publisher's new row tries again


@dataclass(frozen=True)
class Version:
    """One published version of an article."""

    slug: str
    version: int
    published: dt.datetime
    publisher: str
    fingerprint: str


def taken_message(slug: str) -> str:
    return (
        f"An article named {slug} is already published: choose another name, or replace it "
        "(the old one is then kept as a backup)."
    )


def catalogue(db: Database) -> dict[str, int]:
    """Every published name with its current version number."""
    with db.read() as conn:
        return dict(conn.execute(select(t.articles.c.slug, t.articles.c.version)).all())


def files(db: Database, slug: str, version: int | None = None) -> dict[str, bytes]:
    """The files of `slug` at `version` (by default the current one); {} if there is none."""
    with db.read() as conn:
        if version is None:
            version = conn.execute(
                select(t.articles.c.version).where(t.articles.c.slug == slug)
            ).scalar()
        rows = conn.execute(
            select(t.article_files.c.name, t.article_files.c.data)
            .join(t.article_versions, t.article_versions.c.id == t.article_files.c.version_id)
            .where(t.article_versions.c.slug == slug, t.article_versions.c.version == version)
        ).all()
    return {name: bytes(data) for name, data in rows}


def versions(db: Database, slug: str) -> list[Version]:
    """Every version of `slug`, the newest first."""
    v = t.article_versions.c
    with db.read() as conn:
        rows = conn.execute(
            select(v.slug, v.version, v.published, v.publisher, v.fingerprint)
            .where(v.slug == slug)
            .order_by(v.version.desc())
        ).all()
    return [Version(*row) for row in rows]


def publish(
    db: Database,
    slug: str,
    files_: Mapping[str, bytes],
    *,
    replace: bool = False,
    taken: bool = False,
    publisher: str = "",
    now: dt.datetime | None = None,
) -> Version:
    """Publish a bundle as `slug`'s next version (see the module's docstring); `taken` says the
    name is published elsewhere (the folder of bundled articles). Raises PublishError with a
    line for the person publishing; nothing is written then."""
    kept = _checked(slug, files_)
    now = now or dt.datetime.now(dt.UTC)
    fingerprint = _fingerprint(kept)
    for attempt in range(_ATTEMPTS):
        try:
            with db.write() as conn:
                number = _next_version(conn, slug, replace, taken, now)
                version_id = conn.execute(
                    insert(t.article_versions)
                    .values(
                        slug=slug,
                        version=number,
                        published=now,
                        publisher=publisher[:MAX_PUBLISHER_CHARS],
                        fingerprint=fingerprint,
                    )
                    .returning(t.article_versions.c.id)
                ).scalar_one()
                conn.execute(
                    insert(t.article_files),
                    [{"version_id": version_id, "name": n, "data": d} for n, d in kept.items()],
                )
            return Version(slug, number, now, publisher[:MAX_PUBLISHER_CHARS], fingerprint)
        except exc.IntegrityError:
            # Another publisher made this name's first row meanwhile.
            if not replace or attempt == _ATTEMPTS - 1:
                raise PublishError(taken_message(slug)) from None
        except (exc.OperationalError, exc.InterfaceError, exc.TimeoutError):
            raise PublishError(UNAVAILABLE) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _checked(slug: str, given: Mapping[str, bytes]) -> dict[str, bytes]:
    """The bundle's own files, once its name and the bundle check allow it."""
    if not is_valid_id(slug):
        raise PublishError(
            f"Invalid name {slug!r}: use lowercase letters, digits and single hyphens, "
            "e.g. 'iran-russia'."
        )
    kept = {name: bytes(given[name]) for name in ARCHIVED_FILES if name in given}
    try:
        load_bundle_files(slug, kept)
    except BundleError as error:
        problems = [p for p in error.problems if p.severity == "error"]
        first = str(problems[0]) if problems else str(error)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise PublishError(f"The bundle does not pass the bundle check: {first}{more}") from None
    return kept


def _fingerprint(kept: Mapping[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(kept):
        digest.update(name.encode() + b"\0" + hashlib.sha256(kept[name]).digest())
    return digest.hexdigest()


def _next_version(conn, slug: str, replace: bool, taken: bool, now: dt.datetime) -> int:
    """Claim the name's next version number, holding its row until the transaction ends."""
    current = conn.execute(
        select(t.articles.c.version).where(t.articles.c.slug == slug).with_for_update()
    ).scalar()
    if (current is not None or taken) and not replace:
        raise PublishError(taken_message(slug))
    if current is None:
        conn.execute(insert(t.articles).values(slug=slug, version=1, updated=now))
        return 1
    conn.execute(
        update(t.articles).where(t.articles.c.slug == slug).values(version=current + 1, updated=now)
    )
    return current + 1
