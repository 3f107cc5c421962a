"""Published articles in the database when one is configured (components/published.py): the
reader finds them, sees a replaced one within a second, and the Prepare page's publish goes
there instead of the folder. On SQLite here; tests/storage/test_articles.py runs the storage
on both engines, tests/browser/test_school.py across two servers on PostgreSQL."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.common import press_next_steps
from components import data, database_setting, participation, published
from core.publish import PublishError
from storage import articles, engine, open_database
from tests.helpers import ARTICLES, FIXTURES, ROOT

MINI = {path.name: path.read_bytes() for path in (FIXTURES / "mini").iterdir()}
BUNDLED = "iran-russia-suspicious-bind"


def later(note: str) -> dict[str, bytes]:
    """A later version of the mini bundle: its captured page ends with another line."""
    return {**MINI, "source.txt": MINI["source.txt"] + f"\n{note}\n".encode()}


def fresh() -> None:
    """Forget every server-wide cache of the database and what came from it."""
    participation._database.clear()
    published._CATALOGUE = published._Catalogue()
    published.files.cache_clear()


@pytest.fixture
def database(tmp_path, monkeypatch):
    """A database URL configured for the app (a SQLite file), the bundled articles beneath."""
    url = f"sqlite:///{tmp_path / 'school.sqlite3'}"
    monkeypatch.setenv(database_setting.DATABASE_URL_ENV, url)
    monkeypatch.setattr(data, "ARTICLES_ROOT", ARTICLES)
    fresh()
    db = open_database(url)
    yield db
    db.close()
    fresh()


def test_the_app_reads_the_database_setting_where_storage_does():
    assert database_setting.DATABASE_URL_ENV == engine.DATABASE_URL_ENV


def test_an_article_published_in_the_database_opens_in_the_reader(database):
    articles.publish(database, "from-the-database", MINI)
    assert data.articles() == sorted([BUNDLED, "from-the-database"])
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params["article"] = "from-the-database"
    press_next_steps(app.run())
    assert not app.exception, app.exception
    assert any("A small test: Alpha and Beta" in element.proto.body for element in app.html)


def test_a_replaced_article_is_read_anew_within_a_second(database, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(published.time, "monotonic", lambda: clock[0])
    articles.publish(database, "lesson", MINI)
    assert data.bundle_files("lesson") == MINI
    articles.publish(database, "lesson", later("second version"), replace=True)  # elsewhere
    clock[0] += published.CHECK_EVERY_S / 2
    assert data.bundle_files("lesson") == MINI  # one query a second per server, not per run
    clock[0] += published.CHECK_EVERY_S / 2
    assert data.bundle_files("lesson") == later("second version")


def test_publishing_goes_to_the_database_and_leaves_the_folder_alone(database, tmp_path):
    data.ARTICLES_ROOT = tmp_path / "articles"  # undone by the fixture's monkeypatch
    data.publish(MINI, "prepared")
    assert not (tmp_path / "articles" / "prepared").exists()
    assert articles.files(database, "prepared") == MINI
    assert data.is_published("prepared")
    with pytest.raises(PublishError, match="prepared is already published"):
        data.publish(later("again"), "prepared")
    data.publish(later("again"), "prepared", replace=True)
    assert [v.version for v in articles.versions(database, "prepared")] == [2, 1]
    assert data.bundle_files("prepared") == later("again")  # this server at once


def test_a_name_in_the_folder_of_bundled_articles_is_taken_in_the_database_too(database):
    assert data.is_published(BUNDLED)
    with pytest.raises(PublishError, match="already published"):
        data.publish(MINI, BUNDLED)
    assert BUNDLED not in articles.catalogue(database)


def test_a_database_that_does_not_answer_leaves_the_folder_articles_readable(monkeypatch):
    monkeypatch.setenv(database_setting.DATABASE_URL_ENV, "postgresql://postgres@127.0.0.1:1/none")
    monkeypatch.setattr(data, "ARTICLES_ROOT", ARTICLES)
    fresh()
    try:
        assert data.articles() == [BUNDLED]
        assert data.bundle(BUNDLED).slug == BUNDLED
        with pytest.raises(PublishError, match="not answering; nothing was published"):
            data.publish(MINI, "while-it-is-down")
    finally:
        fresh()
