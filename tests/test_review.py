"""The article under review: every edit the Prepare page makes, without a browser."""

from __future__ import annotations

import dataclasses
import json

import pytest

from core.bundle import load_bundle, load_bundle_files
from core.problems import Problem
from core.text import as_they_are, plural, split_ids
from core.vocabulary import CONFIRMED, SUGGESTED
from drafting import review
from drafting.page import ARTICLE, DROP, TEASER
from drafting.review.work import replace_draft
from drafting.source import DraftError
from tests.helpers import ARTICLES

SLUG = "iran-russia-suspicious-bind"


@pytest.fixture(scope="module")
def work(seed_page_and_draft):
    page, draft = seed_page_and_draft
    return review.begin(page, draft, "pasted text")


def actor(work, name):
    return next(row for row in work.draft.actors if row["name"] == name)


def test_a_fresh_review_starts_from_the_engines_choice_with_every_row_suggested(work):
    assert work.roles == work.drafted_roles and not work.needs_redraft
    assert work.step == review.PARAGRAPHS
    assert {row["review"] for row in work.draft.actors + work.draft.events} == {SUGGESTED}


def test_changing_a_blocks_role_asks_for_names_and_dates_again(work):
    first = work.roles.index(ARTICLE)
    changed = review.with_role(work, first, DROP)
    assert changed.needs_redraft and not work.needs_redraft
    assert review.with_role(work, first, "nonsense") is work
    assert review.with_role(work, len(work.blocks) + 3, DROP) is work


def test_drafting_again_keeps_accepted_rows_and_drops_a_left_out_paragraph(work):
    putin = actor(work, "Vladimir Putin")["id"]
    reviewed = review.edit_actors(work, {putin: {"role": "President of Russia"}})
    last = max(i for i, role in enumerate(work.roles) if role == ARTICLE)
    again = review.redraft(review.with_role(reviewed, last, DROP))
    assert not again.needs_redraft
    assert len(again.draft.paragraphs) == len(work.draft.paragraphs) - 1
    kept = actor(again, "Vladimir Putin")
    assert kept["role"] == "President of Russia" and kept["review"] == CONFIRMED
    assert [row["name"] for row in again.draft.actors].count("Vladimir Putin") == 1
    ids = {row["id"] for row in again.draft.actors}
    assert all(set(split_ids(e["actors"])) <= ids for e in again.draft.events)


def test_a_block_newly_called_related_news_becomes_a_teaser(work):
    dropped = [i for i, role in enumerate(work.roles) if role == DROP]
    lone = next(i for i in dropped if i > 0 and work.roles[i - 1] != TEASER)
    again = review.redraft(review.with_role(work, lone, TEASER))
    assert work.blocks[lone].text in {t["title"] for t in again.draft.teasers}
    # The teacher chose them at the paragraphs step: none is left a suggestion.
    assert {t["review"] for t in again.draft.teasers} == {CONFIRMED}


def test_keeping_no_paragraph_is_refused_with_one_line(work):
    nothing = dataclasses.replace(work, roles=tuple(DROP for _ in work.blocks))
    with pytest.raises(DraftError, match="keep at least one"):
        review.redraft(nothing)


def test_a_changed_cell_accepts_the_row_unless_the_teacher_set_the_tick(work):
    iran = actor(work, "Iran")["id"]
    edited = review.edit_actors(work, {iran: {"aliases": ["Iran", "Islamic Republic"]}})
    row = actor(edited, "Iran")
    assert row["aliases"] == "Iran|Islamic Republic" and row["review"] == CONFIRMED
    unticked = review.edit_actors(work, {iran: {"aliases": ["Iran", "Persia"], "accept": False}})
    assert actor(unticked, "Iran")["review"] == SUGGESTED
    ticked = review.edit_actors(work, {iran: {"accept": True}})
    assert actor(ticked, "Iran")["review"] == CONFIRMED
    untouched = [r for r in ticked.draft.actors if r["id"] != iran]
    assert {r["review"] for r in untouched} == {SUGGESTED}


def test_edits_applied_twice_change_nothing_more(work):
    iran = actor(work, "Iran")["id"]
    change = {iran: {"role": "A state", "accept": False}}
    once = review.edit_actors(work, change)
    twice = review.edit_actors(once, change)
    assert actor(once, "Iran") == actor(twice, "Iran")


def test_cells_from_the_table_are_cleaned_and_formula_safe(work):
    iran = actor(work, "Iran")["id"]
    edited = review.edit_actors(
        work,
        {iran: {"role": '=HYPERLINK("x")', "kind": "planet", "aliases": [" Iran ", "Iran", ""]}},
    )
    row = actor(edited, "Iran")
    assert row["role"] == 'HYPERLINK("x")'
    assert row["kind"] == "country" and row["aliases"] == "Iran"


def test_the_live_checks_say_where_a_quote_and_the_mentions_are(work):
    index = review.text_index(work)
    assert review.found_label(index, work.draft.paragraphs[2][:60]) == "✓ found in ¶3"
    assert review.found_label(index, "words that are not there") == "✗ not found in the text"
    assert review.found_label(index, " ") == "✗ no quote yet"
    records = {r["name"]: r for r in review.actor_table(work)}
    assert records["Vladimir Putin"]["mentions"].startswith(
        f"{sum(p.count('Putin') for p in work.draft.paragraphs)} × in ¶"
    )


def test_a_new_alias_labels_every_mention_of_it(work):
    russia = actor(work, "Russia")["id"]
    before = review.mention_places(work)[russia][0]
    moscow_count = sum(p.count("Moscow") for p in work.draft.paragraphs)
    moscow = actor(work, "Moscow")["id"]
    merged = review.merge_actors(work, [russia, moscow])
    assert review.mention_places(merged)[russia][0] == before + moscow_count


def test_merging_actors_moves_their_aliases_and_events_to_the_first(work):
    putin = actor(work, "Vladimir Putin")["id"]
    kremlin = actor(work, "Kremlin")["id"]
    merged = review.merge_actors(work, [putin, kremlin])
    row = actor(merged, "Vladimir Putin")
    assert "Kremlin" in split_ids(row["aliases"]) and row["review"] == CONFIRMED
    assert kremlin not in {r["id"] for r in merged.draft.actors}
    assert all(kremlin not in split_ids(e["actors"]) for e in merged.draft.events)
    assert review.merge_actors(work, [putin]) is work


def test_removing_actors_takes_them_out_of_the_events_too(work):
    iran = actor(work, "Iran")["id"]
    removed = review.remove_actors(work, [iran])
    assert iran not in {r["id"] for r in removed.draft.actors}
    assert all(iran not in split_ids(e["actors"]) for e in removed.draft.events)


def test_an_added_actor_is_accepted_with_its_first_sentence_as_evidence(work):
    without = review.remove_actors(work, [actor(work, "Ebrahim Raisi")["id"]])
    added, refused = review.add_actor(without, "Ebrahim Raisi", "person")
    row = added.draft.actors[-1]
    assert not refused and row["review"] == CONFIRMED and row["aliases"] == "Ebrahim Raisi"
    assert "Raisi" in row["evidence"]
    assert review.found_label(review.text_index(added), row["evidence"]).startswith("✓")
    assert review.add_actor(work, "  ", "person")[0] is work


def test_a_new_publication_date_moves_relative_events_and_says_how_many(work):
    dated, moved = review.with_published(work, "2022-09")
    assert moved > 0 and dated.draft.published == "2022-09"
    assert len(dated.draft.undated_events) < len(work.draft.undated_events)
    again, moved_again = review.with_published(dated, "2023-09")
    assert moved_again == moved
    with pytest.raises(DraftError, match="2022-13"):
        review.with_published(work, "2022-13")


def test_dates_the_teacher_typed_stay_when_the_publication_date_changes(work):
    dated, _ = review.with_published(work, "2022-09")
    relative = next(
        row for row in dated.draft.events
        if dated.draft.event_dates.get(row["id"]) and dated.draft.event_dates[row["id"]].relative
        and dated.draft.event_dates[row["id"]].base == "published"
    )  # fmt: skip
    typed = review.edit_events(dated, {relative["id"]: {"start": "2022-07-19"}})
    redated, _ = review.with_published(typed, "2023-09")
    row = next(r for r in redated.draft.events if r["id"] == relative["id"])
    assert row["start"] == "2022-07-19" and row["review"] == CONFIRMED


@pytest.mark.parametrize(
    ("start", "end", "check"),
    [
        ("2022", "", "✓ 2022"),
        ("2022-07", "", "✓ Jul 2022"),
        ("2014", "2015", "✓ 2014–2015"),
        ("2022-13", "", "✗ '2022-13' is not a real date"),
        ("July 2022", "", "✗ expected YYYY"),
        ("2022-07", "2021", "✗ the end is before the start"),
        ("", "", "✗ needs a start date"),
    ],
)
def test_event_dates_are_text_checked_as_typed(start, end, check):
    row = {"start": start, "end": end, "qualifier": "", "summary": ""}
    assert review.date_check(row).startswith(check)


@pytest.mark.parametrize(
    ("source", "start", "check"),
    [
        ("article", "2023-03", "⚠ Mar 2023: after the publication date"),
        ("article", "2023", "⚠ 2023: after the publication date"),
        ("article", "2022", "✓ 2022"),  # the year of publication may hold it
        ("article", "2022-11-30", "✓ 30 Nov 2022"),
        ("teaser", "2023-03", "✓ Mar 2023"),  # a teaser may look ahead of the article
    ],
)
def test_an_articles_event_after_its_publication_is_warned_never_checked(source, start, check):
    row = {"source": source, "start": start, "end": "", "qualifier": "", "summary": ""}
    assert review.date_check(row, published="2022-12-01") == check


def test_event_actors_come_from_accepted_actors_and_unknown_ids_are_dropped(work):
    putin = actor(work, "Vladimir Putin")["id"]
    accepted = review.accept(work, "actors", [putin])
    options = review.event_actor_options(accepted)
    assert next(iter(options)) == putin
    event = accepted.draft.events[0]["id"]
    edited = review.edit_events(accepted, {event: {"actors": [putin, "no-such-actor"]}})
    assert edited.draft.events[0]["actors"] == putin


def test_camps_take_members_and_a_removed_camp_frees_them(work):
    with_camp = review.add_camp(work, "Advocates of ties with Russia")
    camp = with_camp.draft.groups[-1]["id"]
    putin = actor(work, "Vladimir Putin")["id"]
    joined = review.set_members(with_camp, camp, [putin])
    assert actor(joined, "Vladimir Putin")["group"] == camp
    assert (
        review.actor_table(joined)[[r["id"] for r in joined.draft.actors].index(putin)]["camp"]
        == "Advocates of ties with Russia"
    )
    freed = review.remove_camps(joined, [camp])
    assert actor(freed, "Vladimir Putin")["group"] == "" and not freed.draft.groups


def test_the_reviewed_bundle_passes_the_check_and_says_what_is_still_suggested(work):
    putin = actor(work, "Vladimir Putin")["id"]
    reviewed = review.accept(work, "actors", [putin])
    files = review.files(reviewed)
    assert b"draft: true" not in files["article.md"]
    bundle = load_bundle_files("try-it", files)
    assert bundle.actor_by_id[putin].review == CONFIRMED
    assert bundle.suggestion_count == sum(r["review"] == SUGGESTED for r in (
        *reviewed.draft.actors, *reviewed.draft.teasers,
        *(e for e in reviewed.draft.events if e["start"]),
    ))  # fmt: skip
    assert isinstance(review.checked(reviewed), type(bundle))


def test_a_problem_points_to_the_step_and_row_to_fix(work):
    russia, moscow = actor(work, "Russia")["id"], actor(work, "Moscow")["id"]
    clash = review.edit_actors(work, {russia: {"aliases": ["Russia", "Moscow"]}})
    error = review.checked(clash)
    problem = next(p for p in error.problems if p.field == "aliases")
    fix = review.fix_for(clash, problem)
    assert (fix.step, fix.table) == (review.ACTORS, "actors")
    assert (fix.row, fix.name) in {(moscow, "Moscow"), (russia, "Russia")}
    assert fix.words.startswith("“Moscow” is an alias of")
    meta = Problem("article.md", 3, "title", "", "a non-empty title")
    assert review.fix_for(clash, meta).step == review.ABOUT


def test_saved_work_comes_back_whole(work):
    dated, _ = review.with_published(work, "2022-09")
    edited = review.edit_actors(dated, {dated.draft.actors[0]["id"]: {"accept": True}})
    again = review.from_json(review.to_json(review.at_step(edited, review.ACTORS)))
    assert again.step == review.ACTORS and again.roles == edited.roles
    assert review.files(again) == review.files(edited)
    assert again.draft.event_dates.keys() == edited.draft.event_dates.keys()
    redated, moved = review.with_published(again, "2023-09")
    assert moved == review.with_published(edited, "2023-09")[1]


@pytest.mark.parametrize("text", ["", "{}", "[1, 2]", '{"format": 1}', "not json"])
def test_a_saved_file_that_is_not_a_review_is_refused_with_one_line(text):
    with pytest.raises(DraftError, match="cannot be read"):
        review.from_json(text)


def test_a_bundle_opens_for_review_and_publishes_the_same_bundle():
    bundle = load_bundle(ARTICLES, SLUG)
    files = {p.name: p.read_bytes() for p in (ARTICLES / SLUG).iterdir() if p.is_file()}
    work = review.from_bundle(bundle, files)
    assert work.slug == SLUG and not work.needs_redraft
    again = load_bundle_files(SLUG, review.files(work))
    assert again.paragraphs == bundle.paragraphs
    assert again.actors == bundle.actors and again.events == bundle.events
    assert again.groups == bundle.groups and again.teasers == bundle.teasers
    assert again.questions == bundle.questions and again.notes == bundle.notes
    assert again.meta == bundle.meta


def test_the_steps_come_from_one_table_and_drafts_save_the_steps_key(work):
    assert [s.key for s in review.STEPS][:2] == [review.SOURCE, review.PARAGRAPHS]
    assert review.after(review.CAMPS).key == review.QUESTIONS
    assert review.after(review.PREVIEW) is None and review.after(review.SOURCE, -1) is None
    saved = json.loads(review.to_json(review.at_step(work, review.QUESTIONS)))
    assert saved["step"] == "questions"
    assert review.at_step(work, "no-such-step") is work


@pytest.mark.parametrize(
    ("number", "key"),
    [(1, "source"), (2, "paragraphs"), (4, "actors"), (6, "camps"), (7, "preview")],
)
def test_a_draft_saved_with_a_step_number_opens_at_that_step(work, number, key):
    """Drafts saved before steps had keys (format 1) stored the number among seven steps."""
    saved = json.loads(review.to_json(work))
    saved.update(format=1, step=number)
    for name in ("questions", "glossary", "removed"):
        del saved[name]
    assert review.from_json(json.dumps(saved)).step == key


def test_an_older_drafts_questions_and_glossary_files_become_rows(work):
    raisi = actor(work, "Ebrahim Raisi")["id"]
    saved = json.loads(review.to_json(work))
    saved.update(format=1, step=5)
    saved["extra_files"] = {
        "questions.md": f"## Why?\nparagraphs: 2\nactors: {raisi}\n\nBecause.\n",
        "glossary.csv": "term,aliases,definition,reference\nKremlin,,The seat,\n",
        "notes.csv": "id,quote,kind,note,reference\n",
    }
    opened = review.from_json(json.dumps(saved))
    assert opened.step == review.EVENTS
    assert [(q["question"], q["paragraphs"], q["actors"], q["note"]) for q in opened.questions] == [
        ("Why?", "2", raisi, "Because.")
    ]
    assert [t["term"] for t in opened.glossary] == ["Kremlin"]
    assert set(opened.extra_files) == {"notes.csv"}


def test_a_problem_carries_the_id_of_its_row_and_the_rule_it_broke(work):
    putin = actor(work, "Vladimir Putin")["id"]
    emptied = review.edit_actors(work, {putin: {"evidence": ""}})
    problem = next(p for p in review.checked(emptied).problems if p.field == "evidence")
    assert (problem.row, problem.rule) == (putin, "required")
    fix = review.fix_for(emptied, problem)
    assert fix.words == "Vladimir Putin needs a sentence quoted from the text"
    assert (fix.step, fix.row) == (review.ACTORS, putin)


# --- undo, and what a redraft remembers --------------------------------------------------------


def test_undo_takes_back_the_last_edit_whole_and_keeps_a_short_history(work):
    history = review.History()
    merged = review.merge_actors(
        work, [actor(work, "Vladimir Putin")["id"], actor(work, "Kremlin")["id"]]
    )
    history = history.record(work, "merge Kremlin into Vladimir Putin")
    assert history.last == "merge Kremlin into Vladimir Putin"
    before, what, earlier = history.undo()
    assert before is work and what == history.last and not earlier.entries
    assert merged is not work
    for number in range(review.history.LIMIT + 5):
        history = history.record(work, f"edit {number}")
    assert len(history.entries) == review.history.LIMIT and history.last.endswith("34")


def test_a_redraft_leaves_out_the_actors_and_events_the_teacher_removed(work):
    kremlin = actor(work, "Kremlin")["id"]
    event = work.draft.events[0]
    removed = review.remove_events(review.remove_actors(work, [kremlin]), [event["id"]])
    last = max(i for i, role in enumerate(work.roles) if role == ARTICLE)
    again = review.redraft(review.with_role(removed, last, DROP))
    assert "Kremlin" not in {row["name"] for row in again.draft.actors}
    assert (event["evidence"], event["title"]) not in {
        (row["evidence"], row["title"]) for row in again.draft.events
    }
    added, refused = review.add_actor(again, "Kremlin", "organisation")
    assert not refused and "Kremlin" in {row["name"] for row in added.draft.actors}


def test_choices_for_many_blocks_are_one_change_and_runs_fold_the_page(work):
    drops = [i for i, role in enumerate(work.roles) if role == DROP]
    chosen = review.with_roles(work, dict.fromkeys(drops, ARTICLE))
    assert chosen.needs_redraft and all(chosen.roles[i] == ARTICLE for i in drops)
    assert review.with_roles(work, {0: work.roles[0]}) is work
    assert review.with_roles(work, {len(work.blocks): DROP, 0: "nonsense"}) is work
    runs = review.runs(work)
    assert [i for run in runs for i in run.indexes] == list(range(len(work.blocks)))
    assert all(a.role != b.role for a, b in zip(runs, runs[1:], strict=False))


# --- what a table edit may and may not do -------------------------------------------------------


def test_a_wiped_selection_is_seen_for_what_it_empties(work):
    rows = work.draft.actors
    wipe = {row["id"]: {"aliases": "", "evidence": None, "role": ""} for row in rows}
    assert review.emptied(rows, wipe) == [row["id"] for row in rows]
    one = {rows[0]["id"]: {"aliases": "Iran"}, rows[1]["id"]: {"role": ""}}
    assert review.emptied(rows, one) == []


def test_a_merge_names_who_it_merges_and_sees_when_surnames_differ(work):
    ids = {row["name"]: row["id"] for row in work.draft.actors}
    plan = review.merge_plan(work, [ids["Ali Khamenei"], ids["Javad Zarif"]])
    assert plan.summary == "Javad Zarif into Ali Khamenei"
    assert plan.surnames_differ and plan.surnames == ("Khamenei", "Zarif")
    same = review.merge_plan(work, [ids["Vladimir Putin"], ids["Kremlin"], ids["Moscow"]])
    assert same.summary == "Kremlin and Moscow into Vladimir Putin" and not same.surnames_differ
    assert review.merge_plan(work, [ids["Iran"]]) is None


def test_merge_into_on_a_row_asks_for_a_merge_and_is_no_cell(work):
    ids = {row["name"]: row["id"] for row in work.draft.actors}
    changes = {ids["Kremlin"]: {"merge into": "Vladimir Putin"}, ids["Iran"]: {"role": "x"}}
    assert review.merge_requests(work, changes) == [(ids["Kremlin"], ids["Vladimir Putin"])]
    edited = review.edit_actors(work, changes)
    assert actor(edited, "Kremlin") == actor(work, "Kremlin")


def test_a_merge_says_which_actor_keeps_its_name_and_the_merge_does_so(work):
    ids = {row["name"]: row["id"] for row in work.draft.actors}
    plan = review.merge_plan(work, [ids["Vladimir Putin"], ids["Kremlin"]])
    assert plan.outcome.startswith("Vladimir Putin keeps its name and evidence; Kremlin goes,")
    merged = review.merge_actors(work, [ids["Vladimir Putin"], ids["Kremlin"]])
    kept = actor(merged, "Vladimir Putin")
    assert kept["evidence"] == actor(work, "Vladimir Putin")["evidence"]
    assert set(split_ids(actor(work, "Kremlin")["aliases"])) <= set(split_ids(kept["aliases"]))
    two = review.merge_plan(work, [ids["Vladimir Putin"], ids["Kremlin"], ids["Moscow"]])
    assert "Kremlin and Moscow go, their aliases" in two.outcome


def with_attention(work, reasons: dict[str, str]):
    rows = tuple({**row, "attention": reasons.get(row["name"], "")} for row in work.draft.actors)
    return replace_draft(work, actors=rows)


def test_merge_into_leaves_out_the_row_alone_and_offers_its_likely_duplicate_first(work):
    flagged = with_attention(
        work,
        {
            "Kremlin": "possible duplicate of Moscow; no evidence in the article: named in the "
            "header",
            "Iran": "possible duplicate: Russia or Vladimir Putin have this name",
        },
    )
    ids = {row["name"]: row["id"] for row in work.draft.actors}
    names = [row["name"] for row in work.draft.actors]
    alone = review.merge_choices(flagged, [ids["Kremlin"]])
    assert alone[0] == "Moscow" and "Kremlin" not in alone
    assert sorted(alone) == sorted(set(names) - {"Kremlin"})
    assert review.merge_choices(flagged, [ids["Iran"]])[:2] == ["Russia", "Vladimir Putin"]
    every = review.merge_choices(flagged, list(ids.values()))
    assert set(every[:3]) == {"Moscow", "Russia", "Vladimir Putin"}
    assert sorted(every) == sorted(names)  # one list for the whole column
    assert review.merge_choices(work, [ids["Kremlin"]]) == [n for n in names if n != "Kremlin"]


def test_events_to_pick_are_told_apart_by_date_then_evidence(work):
    first, second, third = (dict(row) for row in work.draft.events[:3])
    first.update(title="Talks", start="2022-07", evidence="Talks went on. Then more.")
    second.update(title="Talks", start="2022-07", evidence="The talks ended badly in July.")
    third.update(title="Talks", start="", evidence="")
    rows = (first, second, third, *work.draft.events[3:])
    labels = review.event_choices(replace_draft(work, events=rows))
    assert labels[first["id"]] == "Talks · 2022-07 · “Talks went on. Then more.”"
    assert labels[second["id"]] == "Talks · 2022-07 · “The talks ended badly in July.”"
    assert labels[third["id"]] == "Talks · no date"
    assert len(set(labels.values())) == len(rows)


def test_counts_are_worded_in_the_singular_for_one():
    assert plural(1, "event") == "1 event" and plural(2, "block") == "2 blocks"
    assert plural(0, "problem") == "0 problems" and plural(3, "person", "people") == "3 people"
    assert f"accept {plural(1, 'actor')} as {as_they_are(1)}" == "accept 1 actor as it is"
    assert as_they_are(2) == "they are"


# --- adding what the engine missed -------------------------------------------------------------


def small_work(*paragraphs: str) -> review.Work:
    """A Work on hand-written paragraphs (no language model needed)."""
    from drafting.draft import Draft

    draft = Draft({"title": "A title"}, paragraphs, (), (), ())
    return review.Work(draft, (), (), ())


def test_a_name_with_dots_gets_its_whole_sentence_as_evidence():
    work = small_work(
        "Officials met on Monday. The U.S. Navy sent Dr. J. Smith to Oman. It was quiet."
    )
    assert review.first_sentence_with(work, "U.S. Navy") == (
        "The U.S. Navy sent Dr. J. Smith to Oman."
    )
    added, refused = review.add_actor(work, "U.S. Navy", "organisation")
    assert not refused and added.draft.actors[-1]["evidence"].startswith("The U.S. Navy")
    assert review.add_actor(work, "Oman Navy", "organisation")[1].startswith("“Oman Navy” is not")


def test_an_event_the_engine_missed_is_added_checked_like_the_tables_rows(work):
    sentence = next(s for s in review.checks.sentences(work.draft.paragraphs[1]) if "July" in s)
    added, refused = review.add_event(work, "2022-07", "Putin visits Tehran", sentence)
    row = added.draft.events[-1]
    assert not refused and row["review"] == CONFIRMED and row["source"] == "article"
    assert actor(work, "Vladimir Putin")["id"] in split_ids(row["actors"])
    bundle = review.checked(added)
    assert row["id"] in bundle.event_by_id
    assert review.add_event(work, "July 2022", "A title", sentence)[1].startswith("The date")
    assert review.add_event(work, "2022", "A title", "Words not in it.")[1].startswith("Quote")
    assert review.add_event(work, "2022", " ", sentence)[1].startswith("Give the event")


def test_an_event_waiting_for_a_date_says_which_and_a_typed_date_drops_the_engines_note(work):
    waiting = work.draft.undated_events[0]
    dating = work.draft.event_dates[waiting["id"]]
    assert review.date_check(waiting, dating) == f"✗ “{dating.phrase}” needs the publication date"
    typed = review.edit_events(work, {waiting["id"]: {"start": "2022-07"}})
    row = next(r for r in typed.draft.events if r["id"] == waiting["id"])
    assert row["summary"] == "" and waiting["id"] not in typed.draft.event_dates


# --- questions and glossary --------------------------------------------------------------------


def test_questions_and_glossary_are_written_as_the_reader_reads_them(work):
    putin = actor(work, "Vladimir Putin")["id"]
    asked = review.add_question(work, "Why does Tehran tilt towards Moscow?")
    question = asked.questions[-1]["id"]
    asked, refused = review.edit_questions(
        asked, {question: {"paragraphs": [2, 99], "actors": [putin, "nobody"], "note": "Why."}}
    )
    assert not refused
    glossed, refused = review.add_term(asked, "multipolar", "With several centres of power.")
    assert not refused
    bundle = review.checked(glossed)
    (read,) = bundle.questions
    assert (read.text, read.paragraphs, read.actors, read.note) == (
        "Why does Tehran tilt towards Moscow?", (2,), (putin,), "Why.",
    )  # fmt: skip
    assert [(t.term, t.definition) for t in bundle.glossary] == [
        ("multipolar", "With several centres of power.")
    ]
    assert review.add_term(glossed, "unipolarity", "x")[1].startswith("“unipolarity” is not")
    assert review.add_term(glossed, "multipolar", "x")[1].endswith("already.")
    _, refused = review.edit_questions(glossed, {question: {"note": "actors: a, b"}})
    assert refused == [question]


def test_questions_follow_their_paragraphs_and_actors_through_edits(work):
    putin, kremlin = actor(work, "Vladimir Putin")["id"], actor(work, "Kremlin")["id"]
    asked = review.add_question(work, "Who speaks for Russia?")
    question = asked.questions[-1]["id"]
    asked, _ = review.edit_questions(asked, {question: {"paragraphs": [2, 3], "actors": [kremlin]}})
    merged = review.merge_actors(asked, [putin, kremlin])
    assert merged.questions[-1]["actors"] == putin
    first = work.roles.index(ARTICLE)
    again = review.redraft(review.with_role(merged, first, DROP))
    assert again.questions[-1]["paragraphs"] == "1|2"  # ¶2 and ¶3 moved up one


def test_the_default_name_is_whole_words_and_never_ends_on_a_small_word(work):
    assert review.default_slug(work) == "suspicious-bind-irans-relationship-with-russia"
    title = "Ferry timetable changes this summer for the people of the town of Alder and more"
    long = review.with_meta(work, "title", title)
    assert review.default_slug(long) == "ferry-timetable-changes-this-summer-for-the-people"


@pytest.mark.parametrize(
    ("field", "rule", "value", "words"),
    [
        ("evidence", "required", "", "Vladimir Putin needs a sentence quoted from the text"),
        ("evidence", "quote", "Words", "Vladimir Putin: the evidence is not word for word"),
        ("aliases", "phrase", "Vlad", "“Vlad”, an alias of Vladimir Putin, is not in the text"),
        ("aliases", "shared alias", "Putin", "“Putin” is an alias of Vladimir Putin and of"),
        ("name", "required", "", "Vladimir Putin needs a name"),
    ],
)
def test_problems_are_worded_for_a_teacher(work, field, rule, value, words):
    putin = actor(work, "Vladimir Putin")["id"]
    problem = Problem("actors.csv", 9, field, value, "…", "error", putin, rule)
    assert review.fix_for(work, problem).words.startswith(words)


def test_a_row_that_fails_because_another_does_says_which(work):
    camp = review.add_camp(work, "Pragmatists")  # no quote yet: it cannot be published
    putin = actor(work, "Vladimir Putin")["id"]
    joined = review.set_members(camp, camp.draft.groups[-1]["id"], [putin])
    problems = review.checked(joined).problems
    member = next(p for p in problems if p.row == putin and p.field == "group")
    assert review.fix_for(joined, member).words == (
        "Vladimir Putin names “Pragmatists”, which cannot be published until it is fixed"
    )
    camp_problem = next(p for p in problems if p.file == "groups.csv")
    assert review.fix_for(joined, camp_problem).words == (
        "Pragmatists needs a sentence quoted from the text"
    )


def test_why_a_row_needs_a_look_is_kept_shown_and_never_published(work):
    putin = actor(work, "Vladimir Putin")["id"]
    rows = tuple({**r, review.ATTENTION: "possible duplicate"} if r["id"] == putin else r
                 for r in work.draft.actors)  # fmt: skip
    flagged = dataclasses.replace(work, draft=dataclasses.replace(work.draft, actors=rows))
    again = review.from_json(review.to_json(flagged))
    assert actor(again, "Vladimir Putin")[review.ATTENTION] == "possible duplicate"
    record = next(r for r in review.actor_table(again) if r["id"] == putin)
    assert record[review.ATTENTION] == "possible duplicate"
    assert b"possible duplicate" not in review.files(again)["actors.csv"]
