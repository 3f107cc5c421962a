"""Published articles in the database, when one is configured: what a school's servers share.

With `READING_ROOM_DATABASE_URL` (or the app's secrets `[connections.participation] url`)
set, the Prepare page publishes into that database (storage/articles.py), and the reader of
every server finds a new or replaced article there; `data/articles/` stays the read-only base
beneath (a name published in the database is read from it). Without a database URL nothing
here touches a database or imports SQLAlchemy: articles are folders, as on one computer.

How fresh: each server asks the database for its list of published names and their current
versions (one small query) at most once every CHECK_EVERY_S, for all its sessions together,
and reads an article's files once per version. So an article published on one server is
readable on every other on its first run after at most CHECK_EVERY_S (one second); a
replaced one shows its new version then, never the old one after that.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Mapping
from functools import lru_cache

from components import database_setting
from core.problems import BundleError, Problem

CHECK_EVERY_S = 1.0

log = logging.getLogger(__name__)


class _Catalogue:
    """The names published in the database and their current versions, as last asked."""

    def __init__(self) -> None:
        self.versions: Mapping[str, int] = {}
        self.checked = -math.inf
        self.lock = threading.Lock()

    def current(self) -> Mapping[str, int]:
        if time.monotonic() - self.checked < CHECK_EVERY_S:
            return self.versions
        with self.lock:  # one query per server, however many sessions ask at once
            if time.monotonic() - self.checked >= CHECK_EVERY_S:
                asked = self._asked()
                if asked is not None:
                    self.versions = asked
                self.checked = time.monotonic()
        return self.versions

    def _asked(self) -> Mapping[str, int] | None:
        if not database_setting.configured():  # looked at once a second too: it costs 40 µs
            return {}
        from storage import articles

        try:
            return articles.catalogue(_database())
        except Exception:  # the database away: the last list stands, the folder still serves
            log.warning("published articles: the database did not answer", exc_info=True)
            return None

    def forget(self) -> None:
        """Ask again on the next look (after this server published)."""
        self.checked = -math.inf


_CATALOGUE = _Catalogue()


def catalogue() -> Mapping[str, int]:
    """Each name published in the database with its current version ({} without one)."""
    return _CATALOGUE.current()


def version(slug: str) -> int | None:
    """The current version of `slug` in the database, or None if it is not published there."""
    return catalogue().get(slug)


@lru_cache(maxsize=32)
def files(slug: str, number: int) -> Mapping[str, bytes]:
    """The files of version `number` of `slug` (read once per version: versions never change).
    Raises BundleError when the database does not answer."""
    from storage import articles

    try:
        return articles.files(_database(), slug, number)
    except Exception:
        log.warning("published article %s: the database did not answer", slug, exc_info=True)
        raise BundleError(
            slug,
            [Problem("the database", None, "article", slug, "not answering: reload in a moment")],
        ) from None


def publish(files_: Mapping[str, bytes], slug: str, replace: bool, taken: bool, publisher: str):
    """Publish into the database (storage/articles.py); raises PublishError with one line."""
    from storage import articles

    try:
        database = _database()
    except Exception:
        from core.publish import PublishError

        raise PublishError(articles.UNAVAILABLE) from None
    try:
        return articles.publish(
            database, slug, files_, replace=replace, taken=taken, publisher=publisher
        )
    finally:  # published, or found taken: either way the list has changed
        _CATALOGUE.forget()


def _database():
    from components import participation

    return participation.database()
