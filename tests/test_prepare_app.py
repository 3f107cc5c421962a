"""The Prepare page in AppTest: every step, going back and forth, publishing, the modes."""

from __future__ import annotations

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from bench.common import edit_table as send_table_edits
from components import data
from components.prepare import store
from core.bundle import load_bundle
from core.publish import BACKUPS_FOLDER
from core.vocabulary import CONFIRMED
from drafting import review
from drafting.page import ARTICLE, DROP
from tests.helpers import ARTICLES, ROOT

TIMEOUT = 120
SLUG = "iran-russia-suspicious-bind"


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """A private articles folder (with the bundled article) and drafts folder."""
    articles, drafts = tmp_path / "articles", tmp_path / "drafts"
    shutil.copytree(ARTICLES, articles)
    monkeypatch.setattr(data, "ARTICLES_ROOT", articles)
    monkeypatch.setattr(store, "DRAFTS_ROOT", drafts)
    for name in ("READING_ROOM_AUTHORING", "READING_ROOM_HOSTED", "HOSTNAME"):
        monkeypatch.delenv(name, raising=False)
    return articles, drafts


@pytest.fixture
def fresh_work(seed_page_and_draft):
    page, draft = seed_page_and_draft
    return review.begin(page, draft, "pasted text")


def prepare(work=None, query: dict | None = None, secrets: dict | None = None) -> AppTest:
    """The app opened on the reader, then on the Prepare page (with `work` in the session)."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.secrets.update(secrets or {})
    app.run()
    app.query_params.clear()
    app.query_params.update(query or {})  # the address the browser opens /prepare with
    if work is not None:
        app.session_state[store.WORK] = work
        app.session_state[store.TOKEN] = "t" * 22
    app.switch_page("app_pages/prepare.py").run()
    assert not app.exception, app.exception
    return app


def current(app: AppTest) -> review.Work:
    return app.session_state[store.WORK]


def step(app: AppTest) -> int:
    return current(app).step


def go_to(app: AppTest, number: int) -> AppTest:
    app.session_state  # noqa: B018 (the pills widget below is how a teacher moves)
    app.pills(key="prepare-step").set_value(number).run()
    assert not app.exception, app.exception
    return app


def edit_table(app: AppTest, name: str, edits: dict[int, dict]) -> AppTest:
    """Edit cells of a review table as the browser does (by row position, then column)."""
    send_table_edits(app, name, edits)
    assert not app.exception, app.exception
    return app


def texts(app: AppTest) -> str:
    """Every message on the page, Markdown escapes undone."""
    shown = [*app.markdown, *app.success, *app.info, *app.warning, *app.error, *app.caption]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(e.value) for e in shown))


def test_pasting_the_page_drafts_it_step_by_step_and_saves_the_draft(folders, seed_page_text):
    _, drafts = folders
    app = prepare()
    app.text_area(key="source-paste").input(seed_page_text)
    app.button(key="draft-paste").click().run()
    assert not app.exception, app.exception
    assert step(app) == review.PARAGRAPHS
    found = texts(app)
    for label in ("Reading", "Paragraphs", "Names", "Dates"):
        assert f"**{label}**" in found
    work = current(app)
    folded = [run for run in review.runs(work) if run.role == DROP and len(run) >= 3]
    assert folded, "a browser copy's menus fold into a line"
    assert len(app.radio) == len(work.blocks) - sum(len(run) for run in folded)
    token = app.query_params["draft"]
    assert (drafts / f"{token}.json").is_file()


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("   ", "empty"),
        ("Menu\nHome\nSubscribe", "No article text"),
        ("a\x00b" * 10, "binary"),
    ],
)
def test_a_source_that_cannot_be_drafted_gets_one_line_and_keeps_the_text(folders, pasted, message):
    app = prepare()
    app.text_area(key="source-paste").input(pasted)
    app.button(key="draft-paste").click().run()
    assert not app.exception
    assert message in texts(app) or any(message in str(s.label) for s in app.status)
    assert app.session_state["source-paste"] == pasted
    assert app.session_state[store.WORK] is None


def test_going_back_and_forth_keeps_every_edit(folders, fresh_work):
    app = prepare(fresh_work)
    assert step(app) == review.PARAGRAPHS
    last = max(i for i, role in enumerate(fresh_work.roles) if role == ARTICLE)
    app.radio(key=f"block-{last}").set_value(DROP).run()
    go_to(app, review.ABOUT)
    assert not current(app).needs_redraft
    assert len(current(app).draft.paragraphs) == len(fresh_work.draft.paragraphs) - 1
    app.text_input(key="about-title").input("A shorter title").run()
    go_to(app, review.ACTORS)
    edit_table(app, "actors", {0: {"role": "A country"}})
    go_to(app, review.ABOUT)
    assert app.text_input(key="about-title").value == "A shorter title"
    go_to(app, review.PARAGRAPHS)
    assert current(app).roles[last] == DROP
    go_to(app, review.ACTORS)
    table = next(e for e in app.data_editor if e.key.startswith("table-actors-")).value
    assert table.iloc[0]["role"] == "A country" and bool(table.iloc[0]["accept"])
    app.button(key="prepare-next").click().run()
    assert step(app) == review.EVENTS
    app.button(key="prepare-back").click().run()
    assert step(app) == review.ACTORS


def test_a_new_publication_date_re_resolves_relative_dates_and_says_how_many_moved(
    folders, fresh_work
):
    app = prepare(review.at_step(fresh_work, review.ABOUT))
    waiting = len(fresh_work.draft.undated_events)
    app.text_input(key="about-published").input("2022-09").run()
    said = texts(app)
    moved = re.search(r"Publication date 2022-09: (\d+) events? moved", said)
    assert moved and int(moved.group(1)) > 0
    assert len(current(app).draft.undated_events) < waiting
    app.text_input(key="about-published").input("2022-13").run()
    assert "2022-13" in texts(app) and current(app).draft.published == "2022-09"
    assert app.text_input(key="about-published").value == "2022-09"


def test_the_actor_table_accepts_renames_and_types_a_new_alias(folders, fresh_work):
    app = prepare(review.at_step(fresh_work, review.ACTORS))
    names = [row["name"] for row in fresh_work.draft.actors]
    putin = names.index("Vladimir Putin")
    edit_table(app, "actors", {putin: {"aliases": ["Vladimir Putin", "Putin", "Mr Putin"]}})
    row = current(app).draft.actors[putin]
    assert row["aliases"] == "Vladimir Putin|Putin|Mr Putin" and row["review"] == CONFIRMED
    table = next(e for e in app.data_editor if e.key.startswith("table-actors-")).value
    assert table.iloc[putin]["found"].startswith("✓ found in ")
    app.button(key="actors-accept-shown").click().run()
    assert {r["review"] for r in current(app).draft.actors} == {CONFIRMED}


def test_actors_are_merged_removed_and_added_below_the_table(folders, fresh_work):
    app = prepare(review.at_step(fresh_work, review.ACTORS))
    ids = {row["name"]: row["id"] for row in fresh_work.draft.actors}
    app.multiselect(key="actors-pick").set_value([ids["Vladimir Putin"], ids["Kremlin"]]).run()
    app.button(key="actors-merge").click().run()
    assert ids["Kremlin"] not in {r["id"] for r in current(app).draft.actors}
    app.multiselect(key="actors-pick").set_value([ids["Ebrahim Raisi"]]).run()
    app.button(key="actors-remove").click().run()
    assert ids["Ebrahim Raisi"] not in {r["id"] for r in current(app).draft.actors}
    app.text_input(key="actors-new-name").input("Ebrahim Raisi")
    app.button(key="actors-add").click().run()
    assert current(app).draft.actors[-1]["name"] == "Ebrahim Raisi"
    assert not app.exception


def test_event_dates_are_typed_and_checked_as_text(folders, fresh_work):
    app = prepare(review.at_step(fresh_work, review.EVENTS))
    dated = [i for i, row in enumerate(fresh_work.draft.events) if row["start"] >= "2015"]
    waiting = [i for i, row in enumerate(fresh_work.draft.events) if not row["start"]]
    first, second, third = dated[0], dated[1], waiting[0]
    edit_table(app, "events", {first: {"start": "2018-05-08"}, second: {"end": "2014"}})
    events = current(app).draft.events
    assert events[first]["start"] == "2018-05-08" and events[first]["review"] == CONFIRMED
    table = next(e for e in app.data_editor if e.key.startswith("table-events-")).value
    assert table.iloc[first]["date check"] == "✓ 8 May 2018"
    assert table.iloc[second]["date check"] == "✗ the end is before the start"
    assert "needs the publication date" in table.iloc[third]["date check"]


def test_camps_are_named_and_given_members(folders, fresh_work):
    app = prepare(review.at_step(fresh_work, review.CAMPS))
    app.text_input(key="camps-new").input("Pragmatists")
    app.button(key="camps-add").click().run()
    camp = current(app).draft.groups[0]["id"]
    zarif = next(r["id"] for r in fresh_work.draft.actors if "Zarif" in r["name"])
    app.multiselect(key=f"camp-members-{camp}").set_value([zarif]).run()
    assert next(r for r in current(app).draft.actors if r["id"] == zarif)["group"] == camp


def test_the_preview_lists_problems_each_with_a_way_to_its_row(folders, fresh_work):
    names = [row["name"] for row in fresh_work.draft.actors]
    clash = review.edit_actors(
        fresh_work, {fresh_work.draft.actors[names.index("Russia")]["id"]: {"aliases": ["Moscow"]}}
    )
    app = prepare(review.at_step(clash, review.PREVIEW))
    assert "problem(s) to fix" in texts(app)
    assert app.button(key="publish").disabled
    fix = next(b for b in app.button if b.label.startswith("Fix in Actors"))
    fix.click().run()
    assert step(app) == review.ACTORS and "To fix:" in texts(app)


def test_publishing_writes_the_bundle_and_opens_it_in_the_reader(folders, fresh_work):
    articles, _ = folders
    dated, _ = review.with_published(fresh_work, "2022-09")
    app = prepare(review.at_step(dated, review.PREVIEW))
    app.text_input(key="publish-slug").input("my-article").run()
    app.button(key="publish").click().run()
    assert not app.exception, app.exception
    bundle = load_bundle(articles, "my-article")
    assert bundle.meta.published.iso() == "2022-09" and not bundle.meta.draft
    assert current(app).published_as == "my-article"
    app.button(key="open-in-reader").click().run()
    assert not app.exception, app.exception
    assert app.query_params["article"] == "my-article"
    assert any("Suspicious bind" in e.proto.body for e in app.html)


def test_an_existing_article_is_replaced_only_when_asked_and_kept_as_a_backup(folders, fresh_work):
    articles, _ = folders
    app = prepare(review.at_step(review.with_slug(fresh_work, SLUG), review.PREVIEW))
    assert app.button(key="publish").disabled
    app.checkbox(key="publish-replace").check().run()
    app.button(key="publish").click().run()
    assert not app.exception, app.exception
    assert len(list((articles / BACKUPS_FOLDER).iterdir())) == 1
    assert load_bundle(articles, SLUG).meta.title == fresh_work.title


def test_a_refreshed_page_continues_the_same_draft(folders, fresh_work):
    token = "r" * 22
    store.DRAFTS_ROOT.mkdir(parents=True)
    store.save(token, review.at_step(fresh_work, review.EVENTS))
    app = prepare(query={"draft": token})
    assert step(app) == review.EVENTS and current(app).title == fresh_work.title
    assert prepare(query={"draft": "../../etc/passwd"}).session_state[store.WORK] is None


def test_drafts_are_listed_on_ones_own_computer_only(folders, fresh_work, monkeypatch):
    store.DRAFTS_ROOT.mkdir(parents=True)
    store.save("s" * 22, fresh_work)
    assert "Continue where you left off" in texts(prepare())
    monkeypatch.setenv("READING_ROOM_HOSTED", "1")
    assert "Continue where you left off" not in texts(prepare())


def test_session_mode_keeps_the_article_in_the_session_for_the_reader(
    folders, fresh_work, monkeypatch
):
    articles, _ = folders
    monkeypatch.setenv("READING_ROOM_AUTHORING", "session")
    app = prepare(review.at_step(review.with_slug(fresh_work, "held-here"), review.PREVIEW))
    app.button(key="publish").click().run()
    assert not (articles / "held-here").exists()
    app.button(key="open-in-reader").click().run()
    assert not app.exception, app.exception
    assert app.query_params["article"] == "held-here"
    assert any("Suspicious bind" in e.proto.body for e in app.html)


def test_off_hides_the_prepare_page(folders, monkeypatch):
    monkeypatch.setenv("READING_ROOM_AUTHORING", "off")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not app.exception
    with pytest.raises(ValueError):
        app.switch_page("app_pages/prepare.py")


def test_saving_on_a_hosted_demo_needs_the_passphrase(folders, fresh_work, monkeypatch):
    monkeypatch.setenv("READING_ROOM_HOSTED", "1")
    monkeypatch.setenv("READING_ROOM_AUTHORING", "save")
    without = prepare(review.at_step(fresh_work, review.PREVIEW))
    assert "needs a passphrase" in texts(without)
    assert without.button(key="publish").label == "Publish in this session"
    app = prepare(
        review.at_step(review.with_slug(fresh_work, "locked"), review.PREVIEW),
        secrets={"authoring_passphrase": "open sesame"},
    )
    assert app.button(key="publish").disabled
    app.text_input(key="publish-passphrase").input("wrong").run()
    assert "not the passphrase" in texts(app) and app.button(key="publish").disabled
    app.text_input(key="publish-passphrase").input("open sesame").run()
    app.button(key="publish").click().run()
    assert (data.ARTICLES_ROOT / "locked").is_dir()
