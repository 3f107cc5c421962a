"""The class's wall (the Class panel and presenter mode), the teacher's tools (the key shown
once, settings, moderation, exports, deleting the class) and the class's answers on a
student's screen.

The wall polls: Streamlit cannot push to another session, so one fragment per page reruns
every few seconds (`st.fragment(run_every=...)`) and reads the class's counts and visible
responses (two indexed queries). Fragments are kept flat: a page holds at most one polling
fragment, never one inside another.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import data, session
from components.classroom import (
    KEYS,
    REVEALED,
    Taking,
    class_error,
    database,
    join_address,
    shown,
    storage_api,
)
from core.classwork import (
    ANSWER,
    ClassCounts,
    export_csv,
    export_json,
    export_rows,
    newest_id,
    split_new,
)
from core.markup.classwork import (
    class_pack_html,
    class_pack_markdown,
    class_panel,
    join_banner_html,
    response_html,
)
from core.markup.handout import handout_html, handout_markdown
from core.model import Bundle
from core.state import Links, ViewState
from core.text import plural
from core.vocabulary import HELD, HIDDEN, PENDING, VISIBLE

# The projector polls every 3 s, so a post is on the wall 3 s after it is stored at most
# (plus one rerun); a student's screen every 10 s (it only says how many are new, and a
# class of 200 screens polling is most of the server's work).
WALL_POLL_S, STUDENT_POLL_S = 3.0, 10.0
SEEN = "rr_class_seen"  # per class: the newest response a student chose to see
EXPORTS = "rr_class_exports"  # per class: the files the teacher prepared, until used
MODERATE_KEY, CONFIRM_DELETE_KEY = "class-moderate", "class-delete-sure"
PAGE_KEY = "rr_class_moderation_page"
# A page of the moderation list: a class's posts can run into hundreds, each with buttons.
MODERATION_PAGE = 25
WAITING = (PENDING, HELD)  # the states that wait for the teacher
SETTINGS = ("pre_moderation", "answer_first", "frozen", "names_on_wall")
SETTING_LABELS = {
    "pre_moderation": "Approve posts before they reach the wall",
    "answer_first": "Students see classmates' answers only after answering",
    "frozen": "Freeze the wall (no new posts)",
    "names_on_wall": "Show names on the wall",
}


def _counts(stored) -> ClassCounts:
    return ClassCounts(
        dict(stored.paragraphs), dict(stored.actors), dict(stored.events), dict(stored.questions)
    )


# The wall: on the projector (presenter mode) and in the Class panel.


@st.fragment(run_every=WALL_POLL_S)
def _wall(slug: str, code: str, view: ViewState, projector: bool) -> None:
    """The wall as it is now: the view's question and its answers, the notes, the counts."""
    classes, error = storage_api(), class_error()
    bundle = data.bundle(slug)
    try:
        db = database()
        info = classes.find_class(db, code)
        if info is None:
            st.warning("This class is closed.")
            return
        stored = classes.responses(db, code)
        counts = _counts(classes.counts(db, code))
    except error as refusal:
        st.warning(str(refusal))
        return
    fingerprint = _fingerprint(bundle)
    names = bool(info.settings.names_on_wall)
    responses = [shown(r, fingerprint, None, names) for r in stored]
    links = Links.presenter(view) if projector else Links.panel(view)
    st.html(data.wall(bundle, _number(bundle, view), tuple(responses), counts.key(), links))


def _fingerprint(bundle: Bundle) -> str:
    from core.classwork import text_fingerprint

    return text_fingerprint(bundle)


def _number(bundle: Bundle, view: ViewState) -> int | None:
    """The view's question, where this article has it."""
    number = view.question
    return number if number is not None and 1 <= number <= len(bundle.questions) else None


def presenter_wall(bundle: Bundle, state: ViewState, taking: Taking) -> None:
    """Under the presented paragraph: how to join, and the wall. Nothing of the teacher's:
    no key, no moderation, names only where the teacher chose to show them."""
    st.html(class_panel(join_banner_html(taking.code, join_address(taking), large=False)))
    _wall(bundle.slug, taking.code, replace(state, teacher=False), True)


def class_panel_view(bundle: Bundle, state: ViewState, taking: Taking) -> None:
    """The Class panel: how to join (large, for the projector), the teacher's tools for a key
    holder, and the wall (for a student: with new answers behind a button)."""
    st.html(class_panel(join_banner_html(taking.code, join_address(taking))))
    if taking.teacher:
        teacher_tools(bundle, taking)
        if st.session_state.get(MODERATE_KEY):
            return
        _wall(bundle.slug, taking.code, replace(state, teacher=False), False)
    elif taking.seat is not None:
        classmates(bundle, state, taking, compact=False)
    else:
        st.info("Join the class (the form at the top of the page) to see its wall.")


# A student's screen: classmates' responses wait behind "N new: show".


def _on_show_new(code: str, newest: int) -> None:
    st.session_state.setdefault(SEEN, {})[code] = newest


def classmates(bundle: Bundle, state: ViewState, taking: Taking, compact: bool = True) -> None:
    _classmates(bundle.slug, taking.code, state, taking.seat["seat_id"], compact)


@st.fragment(run_every=STUDENT_POLL_S)
def _classmates(slug: str, code: str, view: ViewState, seat_id: int, compact: bool) -> None:
    """The class's responses on a student's screen. New ones wait behind a button, so the
    page does not move while the student reads or writes; with "answer first", answers to a
    question appear once the student has answered it. `compact` (under the answer box): the
    answers to the question on the page only, read with one query."""
    classes, error = storage_api(), class_error()
    bundle = data.bundle(slug)
    number = _number(bundle, view)
    if compact and number is None:
        return
    try:
        db = database()
        info = classes.find_class(db, code)
        if info is None:
            st.warning("This class is closed.")
            return
        stored = classes.responses(db, code, question=number if compact else None)
        counts = None if compact else _counts(classes.counts(db, code))
    except error as refusal:
        st.warning(str(refusal))
        return
    fingerprint = _fingerprint(bundle)
    responses = [shown(r, fingerprint, seat_id, False) for r in stored]
    if compact:
        responses = [r for r in responses if r.kind == ANSWER]
    responses, held_back = _answer_first(responses, info.settings.answer_first)
    seen = st.session_state.setdefault(SEEN, {})
    if code not in seen:
        seen[code] = newest_id(responses)
    visible, waiting = split_new(responses, seen[code])
    if waiting:
        _show_new_button(code, waiting, newest_id(responses))
    note = (
        "Answers to the questions you have not answered yet appear once you have answered."
        if held_back
        else ""
    )
    links = Links.panel(view)
    if compact:
        st.html(data.answers(bundle, number, tuple(visible), links, note))
    else:
        st.html(data.wall(bundle, number, tuple(visible), counts.key(), links, note))


def _show_new_button(code: str, waiting, newest: int) -> None:
    """'3 new answers: show' (and notes), which shows them."""
    answers = sum(1 for r in waiting if r.kind == ANSWER)
    words = plural(answers, "new answer") if answers else plural(len(waiting), "new note")
    if answers and len(waiting) > answers:
        words += " and " + plural(len(waiting) - answers, "note")
    st.button(
        f"{words}: show",
        key="class-show-new",
        icon=":material/arrow_downward:",
        on_click=_on_show_new,
        args=(code, newest),
    )


def _answer_first(responses, answer_first: bool):
    """With "answer first", classmates' answers to a question the student has not answered
    are held back; returns (the rest, whether any were held back)."""
    if not answer_first:
        return responses, False
    answered = {r.question for r in responses if r.mine and r.kind == ANSWER}
    kept = [r for r in responses if r.mine or r.kind != ANSWER or r.question in answered]
    return kept, len(kept) < len(responses)


# The teacher's tools: the key shown once, settings, moderation, exports, deleting the class.


def teacher_tools(bundle: Bundle, taking: Taking) -> None:
    if st.session_state.get(REVEALED) == taking.code:
        _key_once(taking)
    st.toggle(
        "Moderate (shows names and hidden posts: not for the projector)",
        key=MODERATE_KEY,
    )
    if not st.session_state.get(MODERATE_KEY):
        return
    _settings(taking)
    _moderation(bundle, taking)
    _exports(bundle, taking)
    _delete(taking)


def _key_once(taking: Taking) -> None:
    """The teacher key, once, behind "reveal", with a copy button (the code block's own)."""
    with st.container(border=True, key="class-key-box"):
        st.markdown(
            "**Teacher key**: with it you, or a co-teacher, moderate this class from any "
            "device. It is shown only now: keep it somewhere safe."
        )
        if st.toggle("Reveal the teacher key", key="class-key-reveal"):
            st.code(taking.teacher_key, language=None)
        st.button("I have kept the key: hide it", key="class-key-kept", on_click=_key_kept)


def _key_kept() -> None:
    st.session_state.pop(REVEALED, None)
    st.session_state.pop("class-key-reveal", None)


def _settings(taking: Taking) -> None:
    settings = taking.settings
    with st.form("class-settings"):
        st.markdown("**Settings**")
        for name in SETTINGS:
            st.toggle(
                SETTING_LABELS[name], value=bool(getattr(settings, name)), key=f"class-{name}"
            )
        st.text_area(
            "Hold posts with these words for review (one a line)",
            value="\n".join(settings.word_list),
            key="class-word-list",
            help="No list is built in: this article is about war and sanctions, and generic "
            "lists hold the wrong posts.",
        )
        st.form_submit_button("Save the settings", on_click=_save_settings, args=(taking,))


def _save_settings(taking: Taking) -> None:
    classes, error = storage_api(), class_error()
    words = [w for w in st.session_state.get("class-word-list", "").splitlines() if w.strip()]
    changes = {name: bool(st.session_state.get(f"class-{name}")) for name in SETTINGS}
    try:
        classes.update_settings(
            database(), taking.code, taking.teacher_key, word_list=tuple(words), **changes
        )
    except error as refusal:
        st.session_state["class-settings-error"] = str(refusal)


def _moderation(bundle: Bundle, taking: Taking) -> None:
    """The responses with their state and who wrote them, each with its actions: those
    waiting for the teacher first, then the newest, a page at a time."""
    classes, error = storage_api(), class_error()
    if message := st.session_state.pop("class-settings-error", None):
        st.error(message)
    try:
        stored = classes.responses(database(), taking.code, include_hidden=True)
    except error as refusal:
        st.warning(str(refusal))
        return
    ordered = sorted(stored, key=lambda r: (r.state not in WAITING, -r.id))
    pages = max(1, -(-len(ordered) // MODERATION_PAGE))
    page = min(st.session_state.get(PAGE_KEY, 0), pages - 1)
    waiting = sum(1 for r in stored if r.state in WAITING)
    st.markdown(
        f"**Responses**: {len(stored)}, {waiting} waiting for you (those first, then the newest)"
    )
    with st.container(horizontal=True, gap="small"):
        st.button("Check for new posts", key="class-refresh", icon=":material/refresh:")
        if pages > 1:
            _page_buttons(page, pages)
    fingerprint = _fingerprint(bundle)
    links = Links.panel(ViewState(article=bundle.slug, class_code=taking.code))
    for response in ordered[page * MODERATION_PAGE : (page + 1) * MODERATION_PAGE]:
        item = shown(response, fingerprint, None, True)
        with st.container(key=f"class-mod-{item.id}"):
            st.html(class_panel(response_html(bundle, item, links, moderating=True)))
            with st.container(horizontal=True, gap="small"):
                for label, state in _actions(item.state):
                    st.button(
                        label,
                        key=f"class-{state}-{item.id}",
                        on_click=_set_state,
                        args=(taking, item.id, state),
                    )
                st.button(
                    "Block this seat",
                    key=f"class-block-{item.id}",
                    on_click=_block,
                    args=(taking, response.seat_id),
                )


def _page_buttons(page: int, pages: int) -> None:
    st.button(
        "Newer",
        key="class-page-newer",
        disabled=page == 0,
        on_click=_turn,
        args=(page - 1,),
    )
    st.caption(f"page {page + 1} of {pages}")
    st.button(
        "Older",
        key="class-page-older",
        disabled=page >= pages - 1,
        on_click=_turn,
        args=(page + 1,),
    )


def _turn(page: int) -> None:
    st.session_state[PAGE_KEY] = page


def _actions(state: str) -> list[tuple[str, str]]:
    """The buttons a response in `state` gets: (label, the state it puts it in)."""
    if state == VISIBLE:
        return [("Hide", HIDDEN)]
    if state == HIDDEN:
        return [("Show again", VISIBLE)]
    return [("Approve", VISIBLE), ("Hide", HIDDEN)]


def _set_state(taking: Taking, response_id: int, state: str) -> None:
    classes, error = storage_api(), class_error()
    try:
        classes.set_visibility(database(), taking.code, taking.teacher_key, response_id, state)
    except error as refusal:
        st.session_state["class-settings-error"] = str(refusal)


def _block(taking: Taking, seat_id: int) -> None:
    classes, error = storage_api(), class_error()
    try:
        classes.block_seat(database(), taking.code, taking.teacher_key, seat_id)
    except error as refusal:
        st.session_state["class-settings-error"] = str(refusal)


def _exports(bundle: Bundle, taking: Taking) -> None:
    """The class's responses as CSV and JSON, and the teacher's pack with them: made when
    asked (the class changes), then offered as files."""
    st.markdown("**After class**")
    made = st.session_state.get(EXPORTS, {}).get(taking.code)
    if made is None:
        st.button(
            "Prepare the exports (CSV, JSON, teacher's pack)",
            key="class-export",
            on_click=_prepare_exports,
            args=(bundle, taking),
        )
        return
    name = f"{bundle.slug}-class-{taking.code}"
    files = (
        ("Responses (CSV)", "csv", "text/csv"),
        ("Responses (JSON)", "json", "application/json"),
        ("Teacher's pack with the class (HTML)", "html", "text/html"),
        ("Teacher's pack with the class (Markdown)", "md", "text/markdown"),
    )
    for column, (label, suffix, mime) in zip(st.columns(len(files)), files, strict=True):
        column.download_button(
            label, made[suffix], f"{name}.{suffix}", mime, key=f"class-download-{suffix}"
        )


def _prepare_exports(bundle: Bundle, taking: Taking) -> None:
    classes, error = storage_api(), class_error()
    try:
        db = database()
        rows = classes.export(db, taking.code, taking.teacher_key)
        stored = classes.responses(db, taking.code, include_hidden=True)
        counts = _counts(classes.counts(db, taking.code))
    except error as refusal:
        st.session_state["class-settings-error"] = str(refusal)
        return
    fingerprint = _fingerprint(bundle)
    exported = export_rows(rows)
    responses = [shown(r, fingerprint, None, True) for r in stored]
    section = class_pack_html(bundle, taking.code, responses, counts)
    pack = handout_html(bundle, data.analysis(bundle), True, section)
    st.session_state.setdefault(EXPORTS, {})[taking.code] = {
        "csv": export_csv(exported),
        "json": export_json(taking.code, bundle.slug, exported),
        "html": str(pack),
        "md": handout_markdown(bundle, data.analysis(bundle), True)
        + "\n"
        + class_pack_markdown(bundle, taking.code, responses),
    }


def _delete(taking: Taking) -> None:
    st.markdown("**Delete this class now**: its seats and every response, for good.")
    sure = st.checkbox("Yes, delete the class and everything in it", key=CONFIRM_DELETE_KEY)
    st.button(
        "Delete this class now",
        key="class-delete",
        disabled=not sure,
        on_click=_delete_class,
        args=(taking,),
    )


def _delete_class(taking: Taking) -> None:
    classes, error = storage_api(), class_error()
    try:
        classes.delete_class(database(), taking.code, taking.teacher_key)
    except error as refusal:
        st.session_state["class-settings-error"] = str(refusal)
        return
    st.session_state.get(KEYS, {}).pop(taking.code, None)
    st.session_state.pop(CONFIRM_DELETE_KEY, None)
    st.session_state.pop(MODERATE_KEY, None)
    session.change(class_code=None, panel="reader")
