"""The Prepare page in AppTest: every step, going back and forth, publishing, the modes."""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from bench.common import edit_table as send_table_edits
from components import authoring, data
from components.prepare import store
from core.bundle import load_bundle
from core.publish import BACKUPS_FOLDER
from core.vocabulary import CONFIRMED
from drafting import review
from drafting.page import ARTICLE, DROP
from drafting.review.work import replace_draft
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
    # As `make run` starts it: listening on this computer only, where `save` is the default.
    monkeypatch.setattr(authoring, "listens_on_loopback_only", lambda: True)
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
    assert re.search(r"\b1 problem to fix|\b\d+ problems to fix", texts(app))
    assert "(s)" not in texts(app)
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
        secrets={"authoring_passphrase": "open sesame, said the teacher"},
    )
    assert app.button(key="publish").disabled
    app.text_input(key="publish-passphrase").input("wrong").run()
    assert "not the passphrase" in texts(app) and app.button(key="publish").disabled
    app.text_input(key="publish-passphrase").input("open sesame, said the teacher").run()
    app.button(key="publish").click().run()
    assert (data.ARTICLES_ROOT / "locked").is_dir()


@pytest.fixture
def tiny_limits(monkeypatch):
    """This server's drafting worker with a CPU limit of one second per job."""
    from core import jobs

    tiny = jobs.Pool(1, jobs.Limits(cpu_s=1, memory_mb=1536, wall_s=120))
    monkeypatch.setattr(jobs, "_POOL", tiny)
    yield tiny
    tiny.close()


def test_a_page_past_the_workers_limits_gets_one_line_keeps_nothing_and_the_app_serves(
    folders, tiny_limits, seed_page_text
):
    _, drafts = folders
    pasted = "\n\n".join([seed_page_text] * 40)  # a long page: seconds of drafting
    app = prepare()
    app.text_area(key="source-paste").input(pasted)
    app.button(key="draft-paste").click().run()
    assert not app.exception
    labels = [str(s.label) for s in app.status]
    assert any("too large or too complex to draft here" in label for label in labels), labels
    assert app.session_state[store.WORK] is None and not list(drafts.glob("*.json"))
    assert app.session_state["source-paste"] == pasted
    reader = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not reader.exception and reader.html  # the reader still serves
    app.text_area(key="source-paste").input(seed_page_text)
    app.button(key="draft-paste").click().run()  # and a page of its size still drafts
    assert step(app) == review.PARAGRAPHS


def test_a_weak_passphrase_turns_publishing_to_the_server_off_and_says_so(
    folders, fresh_work, monkeypatch
):
    monkeypatch.setenv("READING_ROOM_AUTHORING", "save")
    app = prepare(
        review.at_step(fresh_work, review.PREVIEW), secrets={"authoring_passphrase": "sesame"}
    )
    assert "6 characters long; it needs 16 at least" in texts(app)
    assert app.button(key="publish").label == "Publish in this session"


# --- never losing work -------------------------------------------------------------------------


def undo_button(app: AppTest):
    return app.button(key="prepare-undo")


def test_a_wiped_table_waits_for_a_yes_and_every_edit_can_be_undone(folders, fresh_work):
    app = prepare(review.at_step(fresh_work, review.ACTORS))
    rows = fresh_work.draft.actors
    wipe = {
        n: {"accept": False, "role": None, "aliases": None, "evidence": None}
        for n in range(len(rows))
    }  # fmt: skip  (Ctrl+A, then Delete)
    edit_table(app, "actors", wipe)
    assert current(app).draft.actors == rows, "nothing changes before the teacher says yes"
    assert f"empty the aliases or evidence of {len(rows)} actors" in texts(app)
    app.button(key="held-keep-actors").click().run()
    assert current(app).draft.actors == rows and "Nothing has changed" not in texts(app)
    edit_table(app, "actors", wipe)
    app.button(key="held-apply-actors").click().run()
    assert not any(row["aliases"] for row in current(app).draft.actors)
    assert undo_button(app).label == f"↶ Undo: edit {len(rows)} actors"
    undo_button(app).click().run()
    assert current(app).draft.actors == rows and f"Undone: edit {len(rows)} actors" in texts(app)


def test_undo_names_the_cell_an_edit_changed(folders, fresh_work):
    app = prepare(review.at_step(fresh_work, review.ACTORS))
    first = fresh_work.draft.actors[0]
    edit_table(app, "actors", {0: {"role": "harbour master"}})
    assert undo_button(app).label == f"↶ Undo: edit role of {first['name']}"


def test_a_merge_on_a_row_is_asked_then_made_and_undone(folders, fresh_work):
    app = prepare(review.at_step(fresh_work, review.ACTORS))
    names = [row["name"] for row in fresh_work.draft.actors]
    edit_table(app, "actors", {names.index("Kremlin"): {"merge into": "Kremlin"}})
    assert "cannot be merged into itself" in texts(app)
    edit_table(app, "actors", {names.index("Kremlin"): {"merge into": "Vladimir Putin"}})
    assert len(current(app).draft.actors) == len(names)
    assert "Vladimir Putin keeps its name and evidence; Kremlin goes" in texts(app)
    app.button(key="merge-yes-actors").click().run()
    assert "Kremlin" not in {row["name"] for row in current(app).draft.actors}
    assert "Merged Kremlin into Vladimir Putin." in texts(app)
    undo_button(app).click().run()
    assert [row["name"] for row in current(app).draft.actors] == names


def test_merging_two_surnames_asks_again_inside_the_tools(folders, fresh_work):
    app = prepare(review.at_step(fresh_work, review.ACTORS))
    ids = {row["name"]: row["id"] for row in fresh_work.draft.actors}
    app.multiselect(key="actors-pick").set_value([ids["Ali Khamenei"], ids["Javad Zarif"]]).run()
    assert app.button(key="actors-merge").label == "Merge Javad Zarif into Ali Khamenei"
    app.button(key="actors-merge").click().run()
    assert ids["Javad Zarif"] in {row["id"] for row in current(app).draft.actors}
    assert "Their surnames differ (“Khamenei” and “Zarif”)" in texts(app)
    app.button(key="merge-no-actors-tools").click().run()
    assert ids["Javad Zarif"] in {row["id"] for row in current(app).draft.actors}


def test_a_cell_the_table_cannot_take_is_named_not_dropped(folders, fresh_work):
    app = prepare(review.at_step(fresh_work, review.ACTORS))
    edit_table(app, "actors", {0: {"kind": None}})
    assert current(app).draft.actors[0]["kind"] == fresh_work.draft.actors[0]["kind"]
    assert "Not changed: kind of " in texts(app)


def test_fix_in_opens_the_step_on_the_row_worded_for_a_teacher(folders, fresh_work):
    putin = next(row["id"] for row in fresh_work.draft.actors if row["name"] == "Vladimir Putin")
    broken = review.edit_actors(fresh_work, {putin: {"evidence": ""}})
    app = prepare(review.at_step(broken, review.PREVIEW))
    assert "Vladimir Putin needs a sentence quoted from the text" in texts(app)
    labels = {re.sub(r"\\(.)", r"\1", b.label): b for b in app.button}
    labels["Fix in Actors: Vladimir Putin"].click().run()
    assert step(app) == review.ACTORS
    table = next(e for e in app.data_editor if e.key.startswith("table-actors-")).value
    assert list(table["name"]) == ["Vladimir Putin"]
    app.button(key="fixing-actors-all").click().run()
    table = next(e for e in app.data_editor if e.key.startswith("table-actors-")).value
    assert len(table) == len(broken.draft.actors)


def test_fix_in_camps_shows_that_camp_alone(folders, fresh_work):
    camps = review.add_camp(review.add_camp(fresh_work, "Hawks"), "Doves")
    quoted = review.edit_camps(camps, {"hawks": {"evidence": fresh_work.draft.paragraphs[0]}})
    app = prepare(review.at_step(quoted, review.PREVIEW))
    labels = {re.sub(r"\\(.)", r"\1", b.label): b for b in app.button}
    labels["Fix in Camps: Doves"].click().run()
    table = next(e for e in app.data_editor if e.key.startswith("table-camps-")).value
    assert list(table["label"]) == ["Doves"]
    edit_table(app, "camps", {0: {"evidence": fresh_work.draft.paragraphs[1]}})
    doves, hawks = (
        next(g for g in current(app).draft.groups if g["id"] == i) for i in ("doves", "hawks")
    )
    assert doves["evidence"] == fresh_work.draft.paragraphs[1]
    assert hawks["evidence"] == fresh_work.draft.paragraphs[0]


# --- the paragraphs, the events, the questions ---------------------------------------------------


def test_many_blocks_change_at_once_and_a_folded_run_opens(folders, fresh_work):
    app = prepare(fresh_work)
    teasers = current(app).roles.count("teaser")
    app.button(key="blocks-drop-teasers").click().run()
    assert "teaser" not in current(app).roles
    assert undo_button(app).label == "↶ Undo: mark all related news as leave out"
    folded = next(run for run in review.runs(current(app)) if run.role == DROP and len(run) >= 3)
    app.session_state[f"fold-{folded.first}-{folded.last}"] = True
    app.run()
    app.button(key=f"fold-{folded.first}-{folded.last}-article").click().run()
    assert all(current(app).roles[i] == ARTICLE for i in folded.indexes)
    undo_button(app).click().run()
    undo_button(app).click().run()
    assert current(app).roles.count("teaser") == teasers


def test_events_to_remove_are_named_with_their_dates_and_counted_in_words(folders, fresh_work):
    first = {**fresh_work.draft.events[0], "start": "2022-07"}
    twin = {**first, "id": first["id"] + "-twin", "start": "", "evidence": "Another sentence."}
    events = (first, twin, *fresh_work.draft.events[1:])
    app = prepare(review.at_step(replace_draft(fresh_work, events=events), review.EVENTS))
    picker = app.multiselect(key="events-pick")
    assert picker.options[0] == f"{first['title']} · {first['start']}"
    assert picker.options[1] == f"{first['title']} · no date"
    picker.set_value([twin["id"]]).run()
    assert app.button(key="events-remove").label == "Remove 1 event"
    app.button(key="events-remove").click().run()
    assert f"Removed {first['title']}; drafting again will not bring it back." in texts(app)
    assert undo_button(app).label == f"↶ Undo: remove {first['title']}"
    app.button(key="events-accept-all").click().run()
    assert undo_button(app).label.endswith("events as they are")
    assert "(s)" not in texts(app)


def test_an_event_the_drafting_missed_is_added_by_the_teacher(folders, fresh_work):
    app = prepare(review.at_step(fresh_work, review.EVENTS))
    sentence = fresh_work.draft.paragraphs[1].split(". ")[1] + "."
    app.text_input(key="events-new-start").input("2022-07")
    app.text_input(key="events-new-title").input("The Putin-Khamenei meeting")
    app.text_input(key="events-new-evidence").input("Not a sentence of this article.")
    app.button(key="events-add").click().run()
    assert "Quote the sentence" in texts(app)
    assert app.text_input(key="events-new-title").value == "The Putin-Khamenei meeting"
    app.text_input(key="events-new-evidence").input(sentence)
    app.button(key="events-add").click().run()
    assert current(app).draft.events[-1]["title"] == "The Putin-Khamenei meeting"


def test_questions_and_a_glossary_are_published_for_the_reader(folders, fresh_work):
    articles, _ = folders
    app = prepare(review.at_step(fresh_work, review.QUESTIONS))
    app.text_input(key="questions-new").input("Why does Tehran tilt towards Moscow?")
    app.button(key="questions-add").click().run()
    question = current(app).questions[0]["id"]
    app.multiselect(key=f"question-{question}-paragraphs").set_value([1, 2]).run()
    app.text_area(key=f"question-{question}-note").input("Sanctions.").run()
    app.text_input(key="glossary-new-term").input("multipolar")
    app.text_input(key="glossary-new-def").input("With several centres of power.")
    app.button(key="glossary-add").click().run()
    go_to(app, review.PREVIEW)
    app.text_input(key="publish-slug").input("with-questions").run()
    app.button(key="publish").click().run()
    bundle = load_bundle(articles, "with-questions")
    assert [(q.text, q.paragraphs, q.note) for q in bundle.questions] == [
        ("Why does Tehran tilt towards Moscow?", (1, 2), "Sanctions.")
    ]
    assert [t.term for t in bundle.glossary] == ["multipolar"]


def test_after_publishing_the_article_is_this_drafts_and_no_clash_is_suggested(folders, fresh_work):
    app = prepare(review.at_step(review.with_slug(fresh_work, "mine"), review.PREVIEW))
    app.button(key="publish").click().run()
    assert "Published on this server as mine." in texts(app)
    assert not [c for c in app.checkbox if c.key == "publish-replace"]
    again = app.button(key="publish")
    assert again.label.startswith("Publish your changes again") and not again.disabled


def test_the_paste_box_holds_the_pasted_text_in_a_new_session(folders, fresh_work, seed_page_text):
    token = "p" * 22
    store.DRAFTS_ROOT.mkdir(parents=True)
    pasted = dataclasses.replace(fresh_work, source_name="pasted text")
    store.save(token, review.at_step(pasted, review.SOURCE))
    app = prepare(query={"draft": token})
    assert app.text_area(key="source-paste").value == pasted.draft.source_text


def test_undoing_a_change_of_paragraphs_goes_back_to_the_draft_before_it(folders, fresh_work):
    app = prepare(fresh_work)
    last = max(i for i, role in enumerate(fresh_work.roles) if role == ARTICLE)
    app.radio(key=f"block-{last}").set_value(DROP).run()
    go_to(app, review.ABOUT)
    assert len(current(app).draft.paragraphs) == len(fresh_work.draft.paragraphs) - 1
    assert undo_button(app).label == f"↶ Undo: mark block {last + 1} as Leave out"
    undo_button(app).click().run()
    assert step(app) == review.PARAGRAPHS and not current(app).needs_redraft
    assert current(app).draft.paragraphs == fresh_work.draft.paragraphs
    assert undo_button(app).disabled
