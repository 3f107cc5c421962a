"""Published articles in the database, on SQLite and PostgreSQL: the folder's promises kept
(atomic, checked, never over an article unless asked, the old one kept as a backup), and two
servers publishing one name at once."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.publish import PublishError
from storage import Database
from storage import articles as a
from tests.helpers import FIXTURES

pytestmark = pytest.mark.xdist_group("storage")

BUNDLE = {path.name: path.read_bytes() for path in (FIXTURES / "mini").iterdir()}
_names = itertools.count(1)
BARRIER_TIMEOUT_S = 120


def new_name() -> str:
    """A name no other test publishes (the tests of a session share a database)."""
    return f"article-{next(_names)}"


def retitled(note: str) -> dict[str, bytes]:
    """Another version of the bundle: its captured page ends with another line."""
    return {**BUNDLE, "source.txt": BUNDLE["source.txt"] + f"\n{note}\n".encode()}


def test_a_published_article_is_listed_and_read_back_byte_for_byte(db):
    slug = new_name()
    when = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
    published = a.publish(db, slug, BUNDLE, publisher="draft abc", now=when)
    assert (published.version, published.published, published.publisher) == (1, when, "draft abc")
    assert a.catalogue(db)[slug] == 1
    assert a.files(db, slug) == BUNDLE
    assert a.versions(db, slug) == [published]


def test_a_published_name_is_not_replaced_unless_asked(db):
    slug = new_name()
    a.publish(db, slug, BUNDLE)
    with pytest.raises(PublishError, match=f"{slug} is already published.*replace it"):
        a.publish(db, slug, retitled("Another"))
    assert a.files(db, slug) == BUNDLE
    assert [v.version for v in a.versions(db, slug)] == [1]


def test_replacing_keeps_every_earlier_version_with_its_files(db):
    slug = new_name()
    a.publish(db, slug, BUNDLE)
    a.publish(db, slug, retitled("Second"), replace=True)
    a.publish(db, slug, retitled("Third"), replace=True)
    assert a.catalogue(db)[slug] == 3
    assert a.files(db, slug) == retitled("Third")
    assert a.files(db, slug, 1) == BUNDLE
    assert a.files(db, slug, 2) == retitled("Second")
    assert [v.version for v in a.versions(db, slug)] == [3, 2, 1]


def test_a_name_in_the_folder_of_bundled_articles_counts_as_published(db):
    slug = new_name()
    with pytest.raises(PublishError, match="already published"):
        a.publish(db, slug, BUNDLE, taken=True)
    assert slug not in a.catalogue(db)
    a.publish(db, slug, BUNDLE, taken=True, replace=True)
    assert a.catalogue(db)[slug] == 1


@pytest.mark.parametrize(
    ("slug", "files", "refusal"),
    [
        ("Bad Name", BUNDLE, "Invalid name"),
        ("fine-name", {k: v for k, v in BUNDLE.items() if k != "actors.csv"}, "bundle check"),
        ("fine-name", {**BUNDLE, "article.md": b"\xff\xfe not text"}, "bundle check"),
    ],
)
def test_a_bundle_that_fails_its_check_writes_nothing(db, slug, files, refusal):
    with pytest.raises(PublishError, match=refusal):
        a.publish(db, slug, files)
    assert slug not in a.catalogue(db)


def test_only_the_bundles_own_files_are_kept(db):
    slug = new_name()
    a.publish(db, slug, {**BUNDLE, "../escape.csv": b"x", "notes.exe": b"MZ"})
    assert a.files(db, slug) == BUNDLE


def _at_once(databases_, work) -> list:
    """Run work(db) on each database, all starting together; each outcome (a result or the
    exception raised), in order."""
    barrier = threading.Barrier(len(databases_), timeout=BARRIER_TIMEOUT_S)

    def one(db):
        barrier.wait()
        try:
            return work(db)
        except Exception as error:  # each outcome is looked at
            return error

    with ThreadPoolExecutor(len(databases_)) as pool:
        return list(pool.map(one, databases_))


def test_two_servers_publishing_one_new_name_at_once_one_wins_and_the_other_is_asked(databases):
    url = databases.migrated_url()
    servers = [databases.open(url), databases.open(url)]  # an engine each, as two servers
    slug = new_name()
    versions = {id(db): retitled(f"From server {n}") for n, db in enumerate(servers)}
    outcomes = _at_once(servers, lambda db: a.publish(db, slug, versions[id(db)]))
    won = [o for o in outcomes if isinstance(o, a.Version)]
    refused = [o for o in outcomes if isinstance(o, PublishError)]
    assert len(won) == 1 and len(refused) == 1, outcomes
    assert "already published" in str(refused[0])
    winner = versions[id(servers[outcomes.index(won[0])])]
    assert a.files(servers[0], slug) == winner  # whole: the winner's files, nothing mixed
    assert a.catalogue(servers[1])[slug] == 1


def test_two_servers_replacing_at_once_both_are_kept_and_the_later_is_current(databases):
    url = databases.migrated_url()
    servers = [databases.open(url), databases.open(url)]
    slug = new_name()
    a.publish(servers[0], slug, BUNDLE)
    versions = {id(db): retitled(f"From server {n}") for n, db in enumerate(servers)}
    outcomes = _at_once(servers, lambda db: a.publish(db, slug, versions[id(db)], replace=True))
    assert all(isinstance(o, a.Version) for o in outcomes), outcomes
    assert sorted(o.version for o in outcomes) == [2, 3]
    later = versions[id(servers[[o.version for o in outcomes].index(3)])]
    assert a.files(servers[0], slug) == later
    assert {v.version for v in a.versions(servers[0], slug)} == {1, 2, 3}
    assert a.files(servers[0], slug, 1) == BUNDLE


def test_a_database_that_does_not_answer_is_said_plainly_and_nothing_is_published(databases):
    slug = new_name()
    if databases.kind == "postgresql":
        with pytest.raises(PublishError, match="not answering; nothing was published"):
            a.publish(Database("postgresql://postgres@127.0.0.1:1/none"), slug, BUNDLE)
        return
    url = databases.migrated_url()
    impatient = databases.open(url, sqlite_busy_timeout_ms=100)
    with databases.open(url).write() as other_server:  # holds SQLite's write lock meanwhile
        other_server.exec_driver_sql("SELECT 1")
        with pytest.raises(PublishError, match="not answering; nothing was published"):
            a.publish(impatient, slug, BUNDLE)
    assert slug not in a.catalogue(impatient)
