"""Drafts in progress in the database when one is configured (components/prepare/store.py):
the Prepare page's autosave goes there, not to the drafts folder, and another server (a new
session with the draft's address) continues where the teacher was. AppTest on SQLite; the
storage runs on both engines in tests/storage/test_drafts.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components import authoring, data, database_setting, participation, published
from components.prepare import store
from core.bundle import load_bundle
from drafting import review
from storage import drafts, open_database
from tests.helpers import ARTICLES, ROOT

SLUG = "iran-russia-suspicious-bind"
TOKEN = "t" * 22


@pytest.fixture
def school(tmp_path, monkeypatch):
    """A database named for the app (a SQLite file); the drafts folder must stay unused."""
    url = f"sqlite:///{tmp_path / 'school.sqlite3'}"
    monkeypatch.setenv(database_setting.DATABASE_URL_ENV, url)
    monkeypatch.setattr(store, "DRAFTS_ROOT", tmp_path / "drafts")
    monkeypatch.setattr(data, "ARTICLES_ROOT", ARTICLES)
    for name in ("READING_ROOM_AUTHORING", "READING_ROOM_HOSTED", "HOSTNAME"):
        monkeypatch.delenv(name, raising=False)
    # As on one's own computer (`make run`): listening there only, so drafts are listed.
    monkeypatch.setattr(authoring, "listens_on_loopback_only", lambda: True)
    participation._database.clear()
    published._CATALOGUE = published._Catalogue()
    db = open_database(url)
    yield db
    db.close()
    participation._database.clear()


@pytest.fixture(scope="module")
def work() -> review.Work:
    """The bundled article opened for review, as an uploaded bundle .zip is (no drafting)."""
    files = {p.name: p.read_bytes() for p in (ARTICLES / SLUG).iterdir() if p.is_file()}
    return review.from_bundle(load_bundle(ARTICLES, SLUG), files)


def prepare(work=None, query: dict | None = None) -> AppTest:
    """A session of the Prepare page (with `work` under TOKEN), as a server would run it."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.run()
    app.query_params.clear()
    app.query_params.update(query or {})
    if work is not None:
        app.session_state[store.WORK] = work
        app.session_state[store.TOKEN] = TOKEN
    app.switch_page("app_pages/prepare.py").run()
    assert not app.exception, app.exception
    return app


def texts(app: AppTest) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "warning") for e in app.get(kind))


def test_the_autosave_goes_to_the_database_and_another_server_continues(school, work):
    on_a = prepare(work)
    on_a.pills(key="prepare-step").set_value(review.EVENTS).run()  # every change is saved
    assert not on_a.exception, on_a.exception
    assert not store.DRAFTS_ROOT.exists()
    assert review.from_json(drafts.load(school, TOKEN)).step == review.EVENTS

    on_b = prepare(query={"draft": TOKEN})  # a new session: another server, or a restart
    assert on_b.session_state[store.WORK].step == review.EVENTS
    assert on_b.session_state[store.WORK].title == work.title


def test_the_drafts_in_the_database_are_listed_on_ones_own_computer(school, work):
    store.save("s" * 22, work)
    assert "Continue where you left off" in texts(prepare())


def test_a_draft_that_is_not_there_says_so(school):
    app = prepare(query={"draft": "n" * 22})
    assert app.session_state[store.WORK] is None
    assert "no longer here" in texts(app)


def test_a_database_that_does_not_answer_keeps_the_work_in_the_tab(work, monkeypatch, tmp_path):
    monkeypatch.setenv(database_setting.DATABASE_URL_ENV, "postgresql://postgres@127.0.0.1:1/x")
    monkeypatch.setattr(store, "DRAFTS_ROOT", tmp_path / "drafts")
    monkeypatch.setattr(data, "ARTICLES_ROOT", ARTICLES)
    participation._database.clear()
    published._CATALOGUE = published._Catalogue()
    try:
        app = prepare(work)
        app.pills(key="prepare-step").set_value(review.EVENTS).run()
        assert not app.exception, app.exception
        assert app.session_state[store.WORK].step == review.EVENTS
        assert "Not saved" in texts(app) and "not answering" in texts(app)
        assert not store.DRAFTS_ROOT.exists()
    finally:
        participation._database.clear()
