"""The class taking part: opening a class, joining it, answering and annotating, the seat.

Thin views over the class's database (storage/, reached through components/participation.py)
and the pure parts in core/classwork.py and core/markup/classwork.py. The wall, moderation
and the exports are in components/class_wall.py.

Nothing here touches the database, or imports SQLAlchemy, unless a class is in the view or a
teacher opens one: the storage modules are imported inside the functions that need them, so a
reader with no class costs what it did before (tests/test_class_views.py checks).

What a session keeps (session state, on the server; never in an address or a link):
- `KEYS`: the teacher key of each class this session may moderate (after opening the class,
  or after the teacher typed the key);
- `SEATS`: this session's seat in each class it joined (its token and rejoin code);
- `REVEALED`: the key just made, shown once behind "reveal" until the teacher puts it away.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from components import session
from core.classwork import (
    ANSWER,
    NOTE,
    ClassCounts,
    Shown,
    join_link,
    known_tags,
    quote_problem,
    readable_code,
    text_fingerprint,
)
from core.markup.classwork import class_panel, names_notice_html, response_html, seat_html
from core.model import Bundle
from core.state import Links, ViewState, class_code
from core.vocabulary import (
    CLASS_DAYS_DEFAULT,
    CLASS_DAYS_MAX,
    CLASS_DAYS_MIN,
    MAX_DISPLAY_NAME_CHARS,
    MAX_QUOTE_CHARS,
    MAX_RESPONSE_CHARS,
)

KEYS, SEATS, REVEALED = "rr_class_keys", "rr_class_seats", "rr_class_revealed"
LAST = "rr_class_last"  # per class: the class as this screen last saw it
MESSAGE = "rr_class_message"  # (form key, kind, text) of the last post, shown once
TOOLS_SHOWN = "rr_class_tools"  # the sidebar's class forms are open
TOOLS_LABEL = "Class: students answer from their devices"
DAYS_KEY, JOIN_CODE_KEY = "class-days", "class-join-code"
RETURN_CODE_KEY, RETURN_KEY_KEY = "class-return-code", "class-return-key"
NAME_KEY, REJOIN_KEY = "class-name", "class-rejoin"
DEFAULT_DAYS, MIN_DAYS, MAX_DAYS = CLASS_DAYS_DEFAULT, CLASS_DAYS_MIN, CLASS_DAYS_MAX


def storage_api():
    """The class API, imported on first use (SQLAlchemy stays out of a reader with no class)."""
    from storage import classes

    return classes


def database():
    """This process's class database (components/participation.py), imported on first use."""
    from components import participation

    return participation.database()


def class_error():
    from storage.errors import ClassError

    return ClassError


@dataclass(frozen=True)
class Taking:
    """The class in the view as this session takes part in it: who this session is there
    (teacher, a seat, or not joined yet), the class's settings and its counts."""

    code: str
    article: str
    settings: object
    counts: ClassCounts
    fingerprint: str
    teacher_key: str = ""
    seat: object = None

    @property
    def teacher(self) -> bool:
        return bool(self.teacher_key)


def _kept(name: str) -> dict:
    return st.session_state.setdefault(name, {})


def current(bundle: Bundle, state: ViewState) -> Taking | None:
    """The class of the view, or None (with one clear line) when its code opens no class or
    the database is not answering. Called only when the view names a class."""
    classes, error = storage_api(), class_error()
    last = _kept(LAST)
    try:
        db = database()
        info = classes.find_class(db, state.class_code)
        if info is None:
            st.warning(
                f"No class has the code {readable_code(state.class_code)}, or its time is up. "
                "Check the code on the board."
            )
            _leave_button()
            return None
        counts = _counts(classes.counts(db, info.code))
    except error as refusal:
        # The database did not answer: the class as this screen last saw it, so every box
        # is drawn again with what was typed in it.
        st.warning(str(refusal))
        return last.get(state.class_code)
    if info.article != bundle.slug:
        session.change(article=info.article, actors=(), event=None, paragraph=None)
        st.rerun()
    taking = Taking(
        code=info.code,
        article=info.article,
        settings=info.settings,
        counts=counts,
        fingerprint=text_fingerprint(bundle),
        teacher_key=_kept(KEYS).get(info.code, ""),
        seat=_kept(SEATS).get(info.code),
    )
    last[info.code] = taking
    return taking


def _counts(stored) -> ClassCounts:
    return ClassCounts(
        dict(stored.paragraphs), dict(stored.actors), dict(stored.events), dict(stored.questions)
    )


def _leave_button() -> None:
    st.button("Read without the class", key="class-leave", on_click=_leave)


def _leave() -> None:
    session.change(class_code=None, panel="reader")


# The reader's sidebar: open a class, join one by its code, come back as its teacher.


def sidebar(bundle: Bundle, state: ViewState, taking: Taking | None) -> None:
    """The class's corner of the sidebar: where one is open, who this session is in it;
    otherwise opening, joining and returning to moderate."""
    bar = st.sidebar
    if taking is not None:
        who = "you moderate it" if taking.teacher else _seat_words(taking)
        bar.markdown(f"**Class {readable_code(taking.code)}**: {who}.")
        bar.button("Leave the class view", key="class-leave-side", on_click=_leave)
        return
    if not st.session_state.get(TOOLS_SHOWN):
        # One button until it is wanted: a reader with no class pays for one element.
        bar.button(
            TOOLS_LABEL,
            key="class-tools",
            icon=":material/groups:",
            on_click=_show_tools,
            args=(True,),
        )
        return
    with bar.container(border=True, key="class-tools-box"):
        st.markdown(f"**{TOOLS_LABEL}**")
        _open_form(bundle)
        _join_form()
        _return_form()
        st.button("Hide", key="class-tools-hide", on_click=_show_tools, args=(False,))


def _show_tools(shown: bool) -> None:
    st.session_state[TOOLS_SHOWN] = shown


def _seat_words(taking: Taking) -> str:
    if taking.seat is None:
        return "not joined yet"
    return f"seat {taking.seat['rejoin_code']}"


def _open_form(bundle: Bundle) -> None:
    with st.form("class-open", border=False):
        st.number_input(
            "Keep the responses for (days)",
            min_value=MIN_DAYS,
            max_value=MAX_DAYS,
            value=DEFAULT_DAYS,
            key=DAYS_KEY,
            help="After this the class and everything in it are deleted.",
        )
        lasting = _lasting_notice()
        if lasting:
            st.caption(lasting)
        st.form_submit_button("Open a class for this article", on_click=_open_class, args=(bundle,))


def _lasting_notice() -> str:
    """On a hosted demo with no database of its own, responses last until the app restarts."""
    from components import authoring

    if authoring.current().hosted and not _database_named():
        return (
            "This hosted app has no database of its own: a class's responses last only until "
            "the app restarts."
        )
    return ""


def _database_named() -> bool:
    """Whether the app was given a database (READING_ROOM_DATABASE_URL, or the secrets'
    `[connections.participation] url`), rather than the SQLite file on its own disk."""
    if os.environ.get("READING_ROOM_DATABASE_URL"):
        return True
    try:
        return bool(st.secrets.get("connections", {}).get("participation", {}).get("url"))
    except StreamlitSecretNotFoundError:
        return False


def _open_class(bundle: Bundle) -> None:
    classes, error = storage_api(), class_error()
    try:
        opened = classes.open_class(
            database(), bundle.slug, text_fingerprint(bundle), days=int(st.session_state[DAYS_KEY])
        )
    except error as refusal:
        _say("class-open", "error", str(refusal))
        return
    _kept(KEYS)[opened.code] = opened.teacher_key
    st.session_state[REVEALED] = opened.code
    session.change(class_code=opened.code, panel="class", present=False)


def _join_form() -> None:
    with st.form("class-join", border=False):
        st.text_input("Class code", key=JOIN_CODE_KEY, placeholder="e.g. K7Q-M2P", max_chars=16)
        st.form_submit_button("Join the class", on_click=_go_to_class)
    _said("class-join")


def _go_to_class() -> None:
    code = class_code(st.session_state.get(JOIN_CODE_KEY, ""))
    if code is None:
        _say("class-join", "error", "A class code has 4 to 12 letters and digits.")
        return
    session.change(class_code=code, panel="reader", present=False)


def _return_form() -> None:
    with st.form("class-return", border=False):
        st.markdown("**Moderate a class** (teachers)")
        st.text_input("Class code", key=RETURN_CODE_KEY, max_chars=16)
        st.text_input("Teacher key", key=RETURN_KEY_KEY, type="password")
        st.form_submit_button("Moderate", on_click=_return_as_teacher)
    _said("class-return")


def _return_as_teacher() -> None:
    classes, error = storage_api(), class_error()
    code = class_code(st.session_state.get(RETURN_CODE_KEY, ""))
    key = st.session_state.get(RETURN_KEY_KEY, "").strip()
    try:
        allowed = code is not None and key and classes.is_teacher(database(), code, key)
    except error as refusal:
        _say("class-return", "error", str(refusal))
        return
    if not allowed:
        _say("class-return", "error", "That code and teacher key do not open a class.")
        return
    st.session_state[RETURN_KEY_KEY] = ""
    _kept(KEYS)[code] = key
    session.change(class_code=code, panel="class", present=False)


# Messages after a form's button: one clear line under the form, once.


def _say(form: str, kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (form, kind, text)


def _said(form: str) -> None:
    message = st.session_state.get(MESSAGE)
    if not message or message[0] != form:
        return
    del st.session_state[MESSAGE]
    _, kind, text = message
    (st.error if kind == "error" else st.success)(text)


# The student's part, above the text: join, the seat, answer, note, one's own responses.


def student_area(bundle: Bundle, state: ViewState, taking: Taking) -> None:
    """What a student sees above the text while a class is in the view."""
    if taking.teacher or taking.seat is None:
        return
    seat = taking.seat
    st.html(class_panel(seat_html(taking.code, seat["rejoin_code"], seat["name"])))
    if taking.settings.frozen:
        st.info("The teacher has paused the wall: nothing new can be sent for now.")
    if state.question is None:
        _pick_question(bundle, state)
    _composer(bundle, state, taking)


@st.fragment
def _composer(bundle: Bundle, state: ViewState, taking: Taking) -> None:
    """The answer box, the note and one's own responses. A fragment: sending, editing or
    deleting reruns this part of the page only, so a class answering at once costs the
    server a form each, not a page each (the rest follows on the next change of view)."""
    if state.question is not None:
        _answer_form(bundle, state, taking)
    with st.expander("Leave a note on a paragraph", key="class-note-open"):
        _note_form(bundle, state, taking)
    _own_responses(bundle, taking)


def join_form(taking: Taking) -> None:
    """For someone in the class's view who has no seat yet (and is not its teacher): join,
    or take one's seat back."""
    if taking.teacher or taking.seat is not None:
        return
    with st.container(border=True, key="class-join-box"):
        st.markdown(f"### Join class {readable_code(taking.code)}")
        st.html(class_panel(names_notice_html()))
        with st.form("class-seat", border=False):
            st.text_input("Your name (optional)", key=NAME_KEY, max_chars=MAX_DISPLAY_NAME_CHARS)
            st.form_submit_button("Join", type="primary", on_click=_take_seat, args=(taking,))
        _said("class-seat")
        with st.form("class-rejoin", border=False):
            st.text_input(
                "Back in class? Your seat code", key=REJOIN_KEY, placeholder="e.g. K7Q-2MX"
            )
            st.form_submit_button("Get my seat back", on_click=_take_seat_back, args=(taking,))
        _said("class-rejoin")


def _take_seat(taking: Taking) -> None:
    classes, error = storage_api(), class_error()
    try:
        seat = classes.join(database(), taking.code, st.session_state.get(NAME_KEY, ""))
    except error as refusal:
        _say("class-seat", "error", str(refusal))
        return
    _keep_seat(taking.code, seat)


def _take_seat_back(taking: Taking) -> None:
    classes, error = storage_api(), class_error()
    try:
        seat = classes.rejoin(database(), taking.code, st.session_state.get(REJOIN_KEY, ""))
    except error as refusal:
        _say("class-rejoin", "error", str(refusal))
        return
    _keep_seat(taking.code, seat)


def _keep_seat(code: str, seat) -> None:
    """This session's seat in class `code` (the name as the class stored it)."""
    _kept(SEATS)[code] = {
        "token": seat.token,
        "rejoin_code": seat.rejoin_code,
        "seat_id": seat.seat_id,
        "name": seat.display_name,
    }


def _pick_question(bundle: Bundle, state: ViewState) -> None:
    """With no question on the page, the questions to answer, each a button that opens it."""
    if not bundle.questions:
        return
    st.caption("Answer a discussion question:")
    with st.container(horizontal=True, gap="small"):
        for question in bundle.questions:
            st.button(
                f"Q{question.number}",
                key=f"class-q-{question.number}",
                help=question.text,
                on_click=session.change,
                kwargs={"question": question.number},
            )


def _answer_form(bundle: Bundle, state: ViewState, taking: Taking) -> None:
    number = state.question
    form = f"class-answer-{number}"
    with st.form(form):
        st.text_area(
            f"Your answer to question {number}",
            key=f"{form}-body",
            max_chars=MAX_RESPONSE_CHARS,
            height=110,
        )
        _tag_pickers(bundle, form)
        st.form_submit_button(
            "Send the answer",
            type="primary",
            on_click=_post,
            args=(bundle, taking, form, ANSWER),
            kwargs={"question": number},
        )
    _said(form)


def _note_form(bundle: Bundle, state: ViewState, taking: Taking) -> None:
    form = "class-note"
    paragraphs = list(range(1, len(bundle.paragraphs) + 1))
    with st.form(form, border=False):
        st.selectbox(
            "Paragraph",
            paragraphs,
            index=(state.paragraph or 1) - 1,
            key=f"{form}-paragraph",
            format_func=lambda number: f"¶{number}",
        )
        st.text_input(
            "Quote from it (optional, word for word)",
            key=f"{form}-quote",
            max_chars=MAX_QUOTE_CHARS,
        )
        st.text_area("Your note", key=f"{form}-body", max_chars=MAX_RESPONSE_CHARS, height=90)
        _tag_pickers(bundle, form)
        st.form_submit_button(
            "Send the note", type="primary", on_click=_post, args=(bundle, taking, form, NOTE)
        )
    _said(form)


def _tag_pickers(bundle: Bundle, form: str) -> None:
    """Tags picked from the article's own actors and events, never typed."""
    actors = {actor.id: actor.name for actor in bundle.actors}
    events = {event.id: f"{event.when_label()}: {event.title}" for event in bundle.events}
    left, right = st.columns(2)
    left.multiselect(
        "Actors it is about", list(actors), key=f"{form}-actors", format_func=actors.get
    )
    right.multiselect(
        "Events it is about", list(events), key=f"{form}-events", format_func=events.get
    )


def _post(bundle: Bundle, taking: Taking, form: str, kind: str, question: int | None = None):
    """Send a form's response. Stored: the box empties and says so. Refused: one line says
    why, and everything typed stays in the box."""
    classes, error = storage_api(), class_error()
    body = st.session_state.get(f"{form}-body", "")
    paragraph = st.session_state.get(f"{form}-paragraph") if kind == NOTE else None
    quote = st.session_state.get(f"{form}-quote", "") if kind == NOTE else ""
    problem = quote_problem(bundle, paragraph, quote) if paragraph else ""
    if problem:
        _say(form, "error", problem)
        return
    actors, events = known_tags(
        bundle,
        st.session_state.get(f"{form}-actors", ()),
        st.session_state.get(f"{form}-events", ()),
    )
    try:
        classes.post(
            database(),
            taking.code,
            taking.seat["token"],
            kind,
            body,
            question=question,
            paragraph=paragraph,
            quote=quote,
            actors=actors,
            events=events,
            fingerprint=taking.fingerprint,
        )
    except error as refusal:
        _say(form, "error", str(refusal))
        return
    for field in ("body", "quote", "actors", "events"):
        st.session_state.pop(f"{form}-{field}", None)
    _say(form, "success", "Sent. It is on your screen below" + _where_it_goes(taking))


def _where_it_goes(taking: Taking) -> str:
    if taking.settings.pre_moderation:
        return ", and on the wall once the teacher approves it."
    return " and on the wall."


def shown(response, fingerprint: str, seat_id: int | None, names: bool) -> Shown:
    """A stored response as a view shows it (names only where `names`)."""
    mine = seat_id is not None and response.seat_id == seat_id
    return Shown(
        id=response.id,
        kind=response.kind,
        body=response.body,
        question=response.question,
        paragraph=response.paragraph,
        quote=response.quote,
        actors=tuple(response.actors),
        events=tuple(response.events),
        name=response.display_name if names else "",
        state=response.state,
        seat=str(response.seat_number) if names else "",
        mine=mine,
        older=response.fingerprint != fingerprint,
    )


def join_address(taking: Taking) -> str:
    """The full address students open to join (the article with the class's code)."""
    base = (st.context.url or "").split("?", 1)[0]
    return join_link(base, taking.article, taking.code)


def _own_responses(bundle: Bundle, taking: Taking) -> None:
    """The student's own responses, where each stands (on the wall, waiting, hidden), each
    to edit or delete."""
    classes, error = storage_api(), class_error()
    seat = taking.seat
    try:
        mine = classes.responses(database(), taking.code, seat=seat["seat_id"], include_hidden=True)
    except error as refusal:
        st.warning(str(refusal))
        return
    if not mine:
        return
    links = Links.panel(ViewState(article=bundle.slug, class_code=taking.code))
    with st.expander(f"Your responses ({len(mine)})", key="class-mine"):
        _said("class-mine")
        for response in mine:
            item = shown(response, taking.fingerprint, seat["seat_id"], False)
            st.html(class_panel(response_html(bundle, item, links, moderating=True)))
            _edit_form(taking, item)


def _edit_form(taking: Taking, item: Shown) -> None:
    form = f"class-edit-{item.id}"
    with st.popover("Edit or delete", key=f"{form}-open"):
        with st.form(form, border=False):
            st.text_area(
                "Your text", value=item.body, key=f"{form}-body", max_chars=MAX_RESPONSE_CHARS
            )
            st.form_submit_button("Save", on_click=_edit, args=(taking, item.id, form))
        st.button("Delete it", key=f"{form}-delete", on_click=_delete, args=(taking, item.id, form))
        _said(form)


def _edit(taking: Taking, response_id: int, form: str) -> None:
    classes, error = storage_api(), class_error()
    try:
        classes.edit_response(
            database(),
            taking.code,
            taking.seat["token"],
            response_id,
            st.session_state.get(f"{form}-body", ""),
        )
    except error as refusal:
        _say(form, "error", str(refusal))
        return
    _say("class-mine", "success", "Saved.")


def _delete(taking: Taking, response_id: int, form: str) -> None:
    classes, error = storage_api(), class_error()
    try:
        classes.delete_response(database(), taking.code, taking.seat["token"], response_id)
    except error as refusal:
        _say(form, "error", str(refusal))
