"""The class API on both engines (the `db` fixture runs each test on SQLite and PostgreSQL):
opening and finding a class, seats, posts, edits, the wall's reads, moderation, export,
deletion, and every refusal with its message."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text

from core.vocabulary import (
    CLASS_CODE_ALPHABET,
    CLASS_CODE_CHARS,
    HELD,
    HIDDEN,
    MAX_DISPLAY_NAME_CHARS,
    MAX_RESPONSE_CHARS,
    PENDING,
    VISIBLE,
)
from storage import ClassError, Limits, schema
from storage import classes as c

pytestmark = pytest.mark.xdist_group("storage")

# "Now" for every call that takes one; the calls that read without it (the wall's reads) see
# the real time, which is within the classes' 30 days of T0.
T0 = dt.datetime.now(dt.UTC).replace(microsecond=0)
FP = "fingerprint-1"


def _refused(reason: str, call, *args, **kwargs) -> ClassError:
    with pytest.raises(ClassError) as caught:
        call(*args, **kwargs)
    assert caught.value.reason == reason
    assert str(caught.value) == c.ClassError(reason).message
    return caught.value


@pytest.fixture
def opened(db) -> c.OpenedClass:
    return c.open_class(db, "iran-russia", FP, now=T0)


@pytest.fixture
def seat(db, opened) -> c.Seat:
    return c.join(db, opened.code, "Ann", now=T0)


def _answer(db, opened, seat, body="Iran needs Russia's vetoes.", question=1, **kwargs):
    return c.post(
        db,
        opened.code,
        seat.token,
        "answer",
        body,
        question=question,
        fingerprint=FP,
        now=kwargs.pop("now", T0),
        **kwargs,
    )


def _note(db, opened, seat, body="See how the drones arrive.", paragraph=3, **kwargs):
    return c.post(
        db,
        opened.code,
        seat.token,
        "note",
        body,
        paragraph=paragraph,
        fingerprint=FP,
        now=kwargs.pop("now", T0),
        **kwargs,
    )


def _all_text(db) -> str:
    """Every value stored in every table, as one string (to look for what must not be there)."""
    found = []
    with db.read() as conn:
        for table in schema.metadata.sorted_tables:
            found += [repr(tuple(row)) for row in conn.execute(select(table))]
    return "\n".join(found)


# ---- opening and finding ----------------------------------------------------------------


def test_a_class_gets_a_readable_code_and_a_secret_key_stored_only_as_a_hash(db, opened):
    assert len(opened.code) == CLASS_CODE_CHARS
    assert set(opened.code) <= set(CLASS_CODE_ALPHABET)
    assert not set(opened.code) & set("0O1IL")
    assert len(opened.teacher_key) >= 32  # 24 random bytes, base64: 192 bits
    assert opened.expires == T0 + dt.timedelta(days=30)
    stored = _all_text(db)
    assert opened.code in stored
    assert opened.teacher_key not in stored


def test_codes_differ_between_classes(db):
    codes = {c.open_class(db, "iran-russia", FP, now=T0).code for _ in range(20)}
    assert len(codes) == 20


@pytest.mark.parametrize("days", [1, 7, 180])
def test_a_class_lasts_the_days_chosen(db, days):
    opened = c.open_class(db, "iran-russia", FP, days=days, now=T0)
    assert opened.expires == T0 + dt.timedelta(days=days)
    assert c.find_class(db, opened.code, now=T0 + dt.timedelta(days=days, seconds=-1))
    assert c.find_class(db, opened.code, now=T0 + dt.timedelta(days=days)) is None


@pytest.mark.parametrize("days", [0, -1, 181, 1000, "30", 7.5, True, None])
def test_days_outside_one_to_180_are_refused(db, days):
    _refused("bad_days", c.open_class, db, "iran-russia", FP, days=days, now=T0)


@pytest.mark.parametrize("article", ["", "../etc", "Iran Russia", "a" * 65, None])
def test_an_article_must_be_a_slug(db, article):
    _refused("bad_article", c.open_class, db, article, FP, now=T0)


def test_find_class_is_tolerant_of_how_the_code_is_typed(db, opened):
    code = opened.code
    for typed in (code, code.lower(), f" {code[:3]} {code[3:]} ", f"{code[:3]}-{code[3:]}"):
        found = c.find_class(db, typed, now=T0)
        assert found is not None, typed
        assert (found.code, found.article, found.fingerprint) == (code, "iran-russia", FP)
        assert found.settings == c.ClassSettings()


@pytest.mark.parametrize("typed", ["", "ABC", "OOOOOOO", "1111111", None, 42, "A" * 10_000])
def test_an_unknown_or_malformed_code_finds_nothing(db, opened, typed):
    assert c.find_class(db, typed, now=T0) is None
    _refused("unknown_class", c.join, db, typed, now=T0)


def test_the_teacher_key_is_checked(db, opened):
    other = c.open_class(db, "iran-russia", FP, now=T0)
    assert c.is_teacher(db, opened.code, opened.teacher_key, now=T0)
    assert c.is_teacher(db, opened.code.lower(), f" {opened.teacher_key} ", now=T0)
    for wrong in (other.teacher_key, "", None, opened.teacher_key[:-1], "x" * 10_000):
        assert not c.is_teacher(db, opened.code, wrong, now=T0)
    assert not c.is_teacher(db, "ZZZZZZZ", opened.teacher_key, now=T0)


def test_an_expired_code_is_given_back_to_a_new_class(databases, monkeypatch):
    db = databases.open()
    monkeypatch.setattr(c, "_random_code", lambda length: "A" * length)
    first = c.open_class(db, "iran-russia", FP, days=1, now=T0)
    _refused("unavailable", c.open_class, db, "iran-russia", FP, now=T0)  # code taken, live
    later = T0 + dt.timedelta(days=2)
    second = c.open_class(db, "iran-russia", "fingerprint-2", now=later)
    assert second.code == first.code
    assert c.find_class(db, second.code, now=later).fingerprint == "fingerprint-2"


# ---- seats -----------------------------------------------------------------------------------


def test_joining_gives_a_seat_with_a_short_rejoin_code_and_stores_only_hashes(db, opened):
    first = c.join(db, opened.code, "  Ann  ", now=T0)
    second = c.join(db, opened.code.lower(), now=T0)
    assert (first.number, first.display_name) == (1, "Ann")
    assert (second.number, second.display_name) == (2, "")
    assert len(first.rejoin_code) == 7 and first.rejoin_code[3] == "-"
    assert len(first.token) >= 32
    stored = _all_text(db)
    for secret in (
        first.token,
        second.token,
        first.rejoin_code,
        first.rejoin_code.replace("-", ""),
    ):
        assert secret not in stored


def test_a_display_name_is_at_most_24_characters_and_one_clean_line(db, opened):
    longest = "N" * MAX_DISPLAY_NAME_CHARS
    assert c.join(db, opened.code, longest, now=T0).display_name == longest
    _refused("name_too_long", c.join, db, opened.code, longest + "N", now=T0)
    assert c.join(db, opened.code, "Ann\u202e\nB\x00ob", now=T0).display_name == "Ann Bob"


def test_rejoin_gives_the_same_seat_and_a_new_token_both_working(db, opened, seat):
    typed = seat.rejoin_code.lower().replace("-", " ")
    again = c.rejoin(db, opened.code, typed, now=T0)
    assert (again.seat_id, again.number, again.rejoin_code) == (
        seat.seat_id,
        seat.number,
        seat.rejoin_code,
    )
    assert again.token != seat.token
    for token in (seat.token, again.token):
        assert c.find_seat(db, opened.code, token, now=T0).seat_id == seat.seat_id
    posted = _answer(db, opened, again)
    assert posted.seat_id == seat.seat_id


@pytest.mark.parametrize("typed", ["", "AAA-AAA", "K7Q", None, 7, "x" * 500])
def test_a_wrong_rejoin_code_is_refused(db, opened, seat, typed):
    _refused("unknown_rejoin", c.rejoin, db, opened.code, typed, now=T0)


def test_a_seat_belongs_to_its_class(db, opened, seat):
    other = c.open_class(db, "iran-russia", FP, now=T0)
    assert c.find_seat(db, other.code, seat.token, now=T0) is None
    _refused(
        "unknown_seat",
        c.post,
        db,
        other.code,
        seat.token,
        "answer",
        "x",
        question=1,
        fingerprint=FP,
        now=T0,
    )
    _refused("unknown_rejoin", c.rejoin, db, other.code, seat.rejoin_code, now=T0)
    for token in ("", None, "nonsense", seat.token + "x"):
        _refused("unknown_seat", _answer, db, opened, c.Seat(1, 1, "", "", token))


# ---- posting -------------------------------------------------------------------------------


def test_an_answer_and_a_note_are_stored_with_their_tags_and_counted(db, opened, seat):
    answer = _answer(db, opened, seat, actors=["iran", "russia", "iran"], events=["drones"])
    note = _note(db, opened, seat, quote="  the drones  ", actors=["iran"])
    assert (answer.kind, answer.question, answer.paragraph, answer.quote) == ("answer", 1, None, "")
    assert answer.actors == ("iran", "russia") and answer.events == ("drones",)
    assert (note.kind, note.question, note.paragraph, note.quote) == ("note", None, 3, "the drones")
    assert answer.state == note.state == VISIBLE
    assert answer.fingerprint == FP and answer.created == T0 and answer.edited is None
    assert (answer.seat_number, answer.display_name) == (1, "Ann")
    assert c.responses(db, opened.code) == [answer, note]
    assert c.counts(db, opened.code) == c.Counts(
        paragraphs={3: 1}, actors={"iran": 2, "russia": 1}, events={"drones": 1}, questions={1: 1}
    )


def test_an_answer_keeps_no_quote(db, opened, seat):
    assert _answer(db, opened, seat, quote="ignored").quote == ""


REFUSED_POSTS = [
    ("empty", {"body": ""}),
    ("empty", {"body": " \n\t "}),
    ("empty", {"body": "\u202e\u2066\x00\x07"}),
    ("too_long", {"body": "x" * (MAX_RESPONSE_CHARS + 1)}),
    ("quote_too_long", {"kind": "note", "paragraph": 2, "quote": "q" * 501}),
    ("bad_kind", {"kind": "essay"}),
    ("bad_kind", {"kind": None}),
    ("no_question", {"question": None}),
    ("no_question", {"question": 0}),
    ("no_question", {"question": "1"}),
    ("no_question", {"question": True}),
    ("no_paragraph", {"kind": "note", "paragraph": None}),
    ("no_paragraph", {"kind": "note", "paragraph": -3}),
    ("bad_tag", {"actors": ["Iran"]}),
    ("bad_tag", {"events": ["../x"]}),
    ("bad_tag", {"actors": [None]}),
    ("too_many_tags", {"actors": [f"a{n}" for n in range(21)]}),
]


@pytest.mark.parametrize(("reason", "changes"), REFUSED_POSTS)
def test_a_post_that_cannot_be_stored_is_refused_and_nothing_is_stored(
    db, opened, seat, reason, changes
):
    fields = {"kind": "answer", "body": "fine", "question": 1, **changes}
    kind, body = fields.pop("kind"), fields.pop("body")
    _refused(
        reason, c.post, db, opened.code, seat.token, kind, body, fingerprint=FP, now=T0, **fields
    )
    assert c.responses(db, opened.code, include_hidden=True) == []


def test_the_longest_body_is_stored_whole(db, opened, seat):
    body = "é" * MAX_RESPONSE_CHARS
    assert _answer(db, opened, seat, body=body).body == body


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("a\u202eevil\u202c b", "aevil b"),  # right-to-left override and its end
        ("a\u2066b\u2069c", "abc"),  # isolates
        ("nul\x00 bell\x07 esc\x1b[31m", "nul bell esc[31m"),
        ("line one\r\nline two\rthree", "line one\nline two\nthree"),
        ("tab\there", "tab here"),
        ("lone \ud800 surrogate", "lone surrogate"),
        ("e\u0301", "é"),  # NFC
        ("שלום \u200f עולם", "שלום \u200f עולם"),  # a right-to-left mark is real writing
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # escaped when shown
        ('=HYPERLINK("x")', '=HYPERLINK("x")'),  # made safe when exported
    ],
)
def test_hidden_controls_are_stripped_and_the_visible_text_kept(db, opened, seat, typed, stored):
    assert _answer(db, opened, seat, body=typed).body == stored
    assert c.responses(db, opened.code)[-1].body == stored


def test_a_student_edits_and_deletes_only_their_own(db, opened, seat):
    other = c.join(db, opened.code, "Bo", now=T0)
    mine = _note(db, opened, seat, quote="drones", actors=["iran"])
    theirs = _answer(db, opened, other)
    later = T0 + dt.timedelta(seconds=5)
    edited = c.edit_response(db, opened.code, seat.token, mine.id, "Second thought", now=later)
    assert (edited.body, edited.quote, edited.actors, edited.edited) == (
        "Second thought",
        "drones",
        ("iran",),
        later,
    )
    edited = c.edit_response(db, opened.code, seat.token, mine.id, "Third", actors=[], now=later)
    assert edited.actors == ()
    _refused("not_yours", c.edit_response, db, opened.code, seat.token, theirs.id, "x", now=T0)
    _refused("not_yours", c.delete_response, db, opened.code, seat.token, theirs.id, now=T0)
    _refused("unknown_response", c.edit_response, db, opened.code, seat.token, 10**9, "x")
    _refused("empty", c.edit_response, db, opened.code, seat.token, mine.id, "  ", now=T0)
    c.delete_response(db, opened.code, seat.token, mine.id, now=T0)
    assert [r.id for r in c.responses(db, opened.code, include_hidden=True)] == [theirs.id]
    assert c.counts(db, opened.code).actors == {}


def test_the_wall_reads_by_question_since_an_id_and_by_seat(db, opened, seat):
    other = c.join(db, opened.code, now=T0)
    a1 = _answer(db, opened, seat, question=1)
    a2 = _answer(db, opened, other, question=2)
    n1 = _note(db, opened, other)
    assert c.responses(db, opened.code, question=1) == [a1]
    assert c.responses(db, opened.code, since_id=a1.id) == [a2, n1]
    assert c.responses(db, opened.code, seat=other.seat_id) == [a2, n1]
    assert c.responses(db, opened.code, question=2, seat=seat.seat_id) == []


def test_a_response_keeps_the_text_version_it_was_written_against(db, opened, seat):
    old = _answer(db, opened, seat)
    new = c.post(
        db,
        opened.code,
        seat.token,
        "note",
        "After the edit",
        paragraph=3,
        fingerprint="fingerprint-2",
        now=T0,
    )
    assert (old.fingerprint, new.fingerprint) == (FP, "fingerprint-2")
    rows = c.export(db, opened.code, opened.teacher_key, now=T0)
    assert [row["current"] for row in rows] == [True, False]


# ---- moderation ------------------------------------------------------------------------------


def test_pre_moderation_holds_posts_until_the_teacher_approves(db, opened, seat):
    settings = c.update_settings(db, opened.code, opened.teacher_key, pre_moderation=True, now=T0)
    assert settings.settings.pre_moderation
    waiting = _answer(db, opened, seat)
    assert waiting.state == PENDING
    assert c.responses(db, opened.code) == []
    assert c.counts(db, opened.code).questions == {}
    assert c.responses(db, opened.code, seat=seat.seat_id, include_hidden=True) == [waiting]
    approved = c.set_visibility(db, opened.code, opened.teacher_key, waiting.id, VISIBLE, now=T0)
    assert approved.state == VISIBLE
    assert c.counts(db, opened.code).questions == {1: 1}


def test_hidden_is_not_deleted_and_can_be_unhidden(db, opened, seat):
    posted = _note(db, opened, seat, actors=["iran"])
    c.set_visibility(db, opened.code, opened.teacher_key, posted.id, HIDDEN, now=T0)
    assert c.responses(db, opened.code) == []
    assert c.counts(db, opened.code) == c.Counts({}, {}, {}, {})
    assert [r.state for r in c.responses(db, opened.code, include_hidden=True)] == [HIDDEN]
    assert [row["state"] for row in c.export(db, opened.code, opened.teacher_key)] == [HIDDEN]
    # An edit by the student does not bring a hidden response back.
    edited = c.edit_response(db, opened.code, seat.token, posted.id, "Changed", now=T0)
    assert edited.state == HIDDEN
    c.set_visibility(db, opened.code, opened.teacher_key, posted.id, VISIBLE, now=T0)
    assert [r.body for r in c.responses(db, opened.code)] == ["Changed"]


def test_the_word_list_holds_matching_posts_for_review(databases):
    db = databases.open(limits=Limits(posts_per_seat_per_minute=10))
    opened = c.open_class(db, "iran-russia", FP, now=T0)
    seat = c.join(db, opened.code, now=T0)
    info = c.update_settings(
        db, opened.code, opened.teacher_key, word_list=["Idiot", " stupid war ", "", "idiot"]
    )
    assert info.settings.word_list == ("Idiot", "stupid war")
    held = [
        _answer(db, opened, seat, body="What an IDIOT."),
        _answer(db, opened, seat, body="a Stupid  War indeed"),
        _note(db, opened, seat, body="fine", quote="idiot"),
    ]
    passed = [
        _answer(db, opened, seat, body="idiotic but not a match"),
        _answer(db, opened, seat, body="the war in Warsaw"),
    ]
    assert [r.state for r in held + passed] == [HELD] * 3 + [VISIBLE] * 2
    edited = c.edit_response(db, opened.code, seat.token, passed[0].id, "idiot", now=T0)
    assert edited.state == HELD
    assert [r.id for r in c.responses(db, opened.code)] == [passed[1].id]
    approved = c.set_visibility(db, opened.code, opened.teacher_key, held[0].id, VISIBLE)
    assert approved.state == VISIBLE


def test_a_blocked_seat_cannot_post_or_edit_until_unblocked(db, opened, seat):
    posted = _answer(db, opened, seat)
    blocked = c.block_seat(db, opened.code, opened.teacher_key, seat.seat_id, now=T0)
    assert blocked.blocked
    _refused("blocked", _answer, db, opened, seat)
    _refused("blocked", c.edit_response, db, opened.code, seat.token, posted.id, "x", now=T0)
    assert c.find_seat(db, opened.code, seat.token, now=T0).blocked
    c.block_seat(db, opened.code, opened.teacher_key, seat.seat_id, blocked=False, now=T0)
    assert _answer(db, opened, seat).state == VISIBLE
    _refused("unknown_seat", c.block_seat, db, opened.code, opened.teacher_key, 10**9)


def test_a_frozen_wall_refuses_posts_but_a_student_may_still_delete(db, opened, seat):
    posted = _answer(db, opened, seat)
    c.update_settings(db, opened.code, opened.teacher_key, frozen=True, now=T0)
    _refused("frozen", _answer, db, opened, seat)
    _refused("frozen", c.edit_response, db, opened.code, seat.token, posted.id, "x", now=T0)
    c.delete_response(db, opened.code, seat.token, posted.id, now=T0)
    c.update_settings(db, opened.code, opened.teacher_key, frozen=False, now=T0)
    assert _answer(db, opened, seat).state == VISIBLE


def test_settings_change_only_what_is_given(db, opened):
    key = opened.teacher_key
    c.update_settings(db, opened.code, key, answer_first=True, names_on_wall=True)
    info = c.update_settings(db, opened.code, key, pre_moderation=True)
    assert info.settings == c.ClassSettings(
        pre_moderation=True, answer_first=True, frozen=False, names_on_wall=True
    )
    _refused("word_list_too_long", c.update_settings, db, opened.code, key, word_list=["w" * 65])
    words = [f"w{n}" for n in range(201)]
    _refused("word_list_too_long", c.update_settings, db, opened.code, key, word_list=words)


def test_every_teacher_action_needs_the_key(db, opened, seat):
    posted = _answer(db, opened, seat)
    other = c.open_class(db, "iran-russia", FP, now=T0)
    for key in (other.teacher_key, "", None):
        _refused("not_teacher", c.set_visibility, db, opened.code, key, posted.id, HIDDEN)
        _refused("not_teacher", c.block_seat, db, opened.code, key, seat.seat_id)
        _refused("not_teacher", c.update_settings, db, opened.code, key, frozen=True)
        _refused("not_teacher", c.export, db, opened.code, key)
        _refused("not_teacher", c.class_seats, db, opened.code, key)
        _refused("not_teacher", c.delete_class, db, opened.code, key)
    # A response of another class is not this teacher's to moderate.
    _refused(
        "unknown_response", c.set_visibility, db, other.code, other.teacher_key, posted.id, HIDDEN
    )
    _refused("bad_state", c.set_visibility, db, opened.code, opened.teacher_key, posted.id, "gone")
    assert c.responses(db, opened.code) == [posted]


def test_the_teacher_sees_every_seat(db, opened, seat):
    c.join(db, opened.code, "Bo", now=T0)
    seats = c.class_seats(db, opened.code, opened.teacher_key, now=T0)
    assert [(s.number, s.display_name, s.blocked) for s in seats] == [
        (1, "Ann", False),
        (2, "Bo", False),
    ]


# ---- after class -------------------------------------------------------------------------


def test_export_gives_every_response_as_plain_rows(db, opened, seat):
    _note(db, opened, seat, quote="drones", actors=["iran"], events=["e1"])
    rows = c.export(db, opened.code, opened.teacher_key, now=T0)
    assert rows == [
        {
            "id": rows[0]["id"],
            "seat": 1,
            "display_name": "Ann",
            "kind": "note",
            "question": None,
            "paragraph": 3,
            "quote": "drones",
            "body": "See how the drones arrive.",
            "actors": ["iran"],
            "events": ["e1"],
            "state": VISIBLE,
            "created": T0.isoformat(),
            "edited": None,
            "current": True,
        }
    ]


def _rows_of_class(db, code: str) -> int:
    """Rows anywhere in the database that belong to the class `code`."""
    with db.read() as conn:
        class_id = conn.execute(
            select(schema.classes.c.id).where(schema.classes.c.code == code)
        ).scalar()
        if class_id is None:
            return 0
        total = 1
        for table in (schema.seats, schema.responses, schema.response_tags, schema.limit_events):
            total += conn.execute(
                select(func.count()).where(table.c.class_id == class_id)
            ).scalar_one()
        total += conn.execute(
            select(func.count())
            .select_from(schema.seat_tokens.join(schema.seats))
            .where(schema.seats.c.class_id == class_id)
        ).scalar_one()
        return total


def _fill(db, opened) -> None:
    seat = c.join(db, opened.code, "Ann", now=T0)
    _note(db, opened, seat, actors=["iran"], events=["e1"])
    c.rejoin(db, opened.code, seat.rejoin_code, now=T0)


def test_delete_class_removes_everything_it_holds(db, opened):
    _fill(db, opened)
    kept = c.open_class(db, "iran-russia", FP, now=T0)
    _fill(db, kept)
    before = _rows_of_class(db, kept.code)
    assert _rows_of_class(db, opened.code) > 5
    c.delete_class(db, opened.code, opened.teacher_key, now=T0)
    assert _rows_of_class(db, opened.code) == 0
    assert _rows_of_class(db, kept.code) == before
    assert c.find_class(db, opened.code, now=T0) is None


def test_expired_classes_refuse_everything_and_are_purged_with_all_they_hold(databases):
    db = databases.open()
    short = c.open_class(db, "iran-russia", FP, days=1, now=T0)
    long = c.open_class(db, "iran-russia", FP, days=30, now=T0)
    _fill(db, short)
    _fill(db, long)
    seat = c.join(db, short.code, now=T0)
    after = T0 + dt.timedelta(days=1)
    assert c.find_class(db, short.code, now=after) is None
    assert not c.is_teacher(db, short.code, short.teacher_key, now=after)
    assert c.find_seat(db, short.code, seat.token, now=after) is None
    _refused("unknown_class", c.join, db, short.code, now=after)
    _refused("unknown_class", _answer, db, short, seat, now=after)
    _refused("unknown_class", c.responses, db, short.code, now=after)
    _refused("unknown_class", c.counts, db, short.code, now=after)
    _refused("unknown_class", c.export, db, short.code, short.teacher_key, now=after)
    assert _rows_of_class(db, short.code) > 0  # refused, not yet removed
    assert c.purge_expired(db, now=after) == 1
    assert _rows_of_class(db, short.code) == 0
    assert c.find_class(db, long.code, now=after) is not None
    assert c.purge_expired(db, now=after) == 0


def test_purge_drops_limit_events_older_than_the_limits_look(databases):
    db = databases.open()
    opened = c.open_class(db, "iran-russia", FP, now=T0)
    _answer(db, opened, c.join(db, opened.code, now=T0))
    with db.read() as conn:
        assert conn.execute(select(func.count()).select_from(schema.limit_events)).scalar() == 2
    c.purge_expired(db, now=T0 + dt.timedelta(minutes=2))
    with db.read() as conn:
        assert conn.execute(select(func.count()).select_from(schema.limit_events)).scalar() == 0


# ---- limits counted in the database ------------------------------------------------------


def test_posts_per_seat_per_minute(databases):
    db = databases.open(limits=Limits(posts_per_seat_per_minute=3))
    opened = c.open_class(db, "iran-russia", FP, now=T0)
    seat, other = (c.join(db, opened.code, now=T0) for _ in range(2))
    for n in range(3):
        _answer(db, opened, seat, now=T0 + dt.timedelta(seconds=n))
    _refused("too_many_posts", _answer, db, opened, seat, now=T0 + dt.timedelta(seconds=30))
    edit = c.edit_response  # edits count too
    _refused("too_many_posts", edit, db, opened.code, seat.token, 1, "x", now=T0)
    assert _answer(db, opened, other, now=T0 + dt.timedelta(seconds=30)).state == VISIBLE
    assert _answer(db, opened, seat, now=T0 + dt.timedelta(seconds=61)).state == VISIBLE
    assert len(c.responses(db, opened.code)) == 5


def test_joins_per_class_per_minute_count_rejoins_too(databases):
    db = databases.open(limits=Limits(joins_per_class_per_minute=3))
    opened = c.open_class(db, "iran-russia", FP, now=T0)
    other = c.open_class(db, "iran-russia", FP, now=T0)
    seat = c.join(db, opened.code, now=T0)
    c.rejoin(db, opened.code, seat.rejoin_code, now=T0)
    c.join(db, opened.code, now=T0)
    _refused("too_many_joins", c.join, db, opened.code, now=T0)
    _refused("too_many_joins", c.rejoin, db, opened.code, seat.rejoin_code, now=T0)
    assert c.join(db, other.code, now=T0)  # another class is not held up
    minute_later = T0 + dt.timedelta(seconds=61)
    assert c.rejoin(db, opened.code, seat.rejoin_code, now=minute_later).seat_id == seat.seat_id


def test_wrong_rejoin_codes_per_class_per_minute(databases):
    db = databases.open(limits=Limits(wrong_rejoins_per_class_per_minute=2))
    opened = c.open_class(db, "iran-russia", FP, now=T0)
    seat = c.join(db, opened.code, now=T0)
    for guess in ("AAA-AAA", "BBB-BBB"):
        _refused("unknown_rejoin", c.rejoin, db, opened.code, guess, now=T0)
    _refused("too_many_rejoins", c.rejoin, db, opened.code, seat.rejoin_code, now=T0)
    assert c.join(db, opened.code, now=T0)  # joining is not held up
    minute_later = T0 + dt.timedelta(seconds=61)
    assert c.rejoin(db, opened.code, seat.rejoin_code, now=minute_later).seat_id == seat.seat_id


def test_seats_per_class(databases):
    db = databases.open(limits=Limits(seats_per_class=2))
    opened = c.open_class(db, "iran-russia", FP, now=T0)
    first = c.join(db, opened.code, now=T0)
    c.join(db, opened.code, now=T0)
    _refused("class_full", c.join, db, opened.code, now=T0 + dt.timedelta(minutes=5))
    assert c.rejoin(db, opened.code, first.rejoin_code, now=T0).seat_id == first.seat_id


# ---- the database briefly unavailable ----------------------------------------------------


def test_a_database_that_does_not_answer_gives_one_clear_message(databases, tmp_path):
    if databases.kind == "sqlite":
        url = databases.migrated_url()
        db = databases.open(url, sqlite_busy_timeout_ms=100)
        opened = c.open_class(db, "iran-russia", FP, now=T0)
        seat = c.join(db, opened.code, now=T0)
        other = databases.open(url)
        with other.write():  # another writer holds the lock past the busy timeout
            error = _refused("unavailable", _answer, db, opened, seat)
        assert "still in the box" in str(error)
        assert c.responses(db, opened.code) == []
    else:
        from bench.server_stats import free_port

        db = databases.open(f"postgresql://postgres@127.0.0.1:{free_port()}/nothing")
        for call in (
            lambda: c.open_class(db, "iran-russia", FP),
            lambda: c.find_class(db, "ABCDEFG"),
            lambda: c.join(db, "ABCDEFG"),
            lambda: c.counts(db, "ABCDEFG"),
        ):
            _refused("unavailable", call)


def test_sql_parameters_never_reach_an_error_message(db, opened):
    secret = "a student's private words"
    with pytest.raises(Exception) as caught, db.write() as conn:
        conn.execute(
            text("INSERT INTO classes (id, code) VALUES (:id, :code)"),
            {"id": 1, "code": secret},
        )
    assert secret not in str(caught.value)
