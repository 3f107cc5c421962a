"""The panel switch, and the main area below it: the reader, or one of the classroom panels."""

from __future__ import annotations

import streamlit as st

from components import class_wall, classroom, data, loading, question, reader, session
from core.model import Bundle
from core.page import CLASS_PANEL, PANEL_LABELS, READER, available_panels, chosen_panel
from core.state import Links, ViewState

PANEL_KEY = "panel"
SWITCH_HEIGHT = 32  # the pills on one line (scrolled sideways where narrow), as measured


def _on_panel() -> None:
    session.change(panel=st.session_state[PANEL_KEY] or READER)


def switch(bundle: Bundle, state: ViewState) -> None:
    """The pills that choose the panel (room for them while a first page loads its tools)."""
    if not loading.reached(loading.TOOLS):
        loading.hold_room(SWITCH_HEIGHT)
        return
    st.session_state[PANEL_KEY] = chosen_panel(bundle, state)
    # Pills wrap onto a second line on a phone, where a segmented control would overflow.
    st.pills(
        "Show",
        available_panels(bundle, state.class_code is not None),
        key=PANEL_KEY,
        format_func=PANEL_LABELS.__getitem__,
        on_change=_on_panel,
        label_visibility="collapsed",
    )


def render(bundle: Bundle, state: ViewState, taking: classroom.Taking | None = None) -> None:
    """The chosen panel; above the reader, the discussion question the link opened and, in a
    class, the student's seat, answer box and note."""
    chosen = chosen_panel(bundle, state)
    if chosen == READER:
        question.banner(bundle, state, Links.reader(bundle.slug))
        if taking is not None:
            classroom.student_area(bundle, state, taking)
            if taking.seat is not None and state.question is not None:
                class_wall.classmates(bundle, state, taking)
        reader.render(bundle, state, taking.counts if taking is not None else None)
    elif chosen == CLASS_PANEL:
        if taking is not None:
            class_wall.class_panel_view(bundle, state, taking)
    elif chosen == "handout":
        teacher_switch(state)
        downloads(bundle, state.teacher)
    else:
        if chosen == "questions":
            teacher_switch(state)
        teacher = state.teacher and chosen == "questions"
        st.html(data.classroom_panel(bundle, chosen, Links.panel(state), teacher))


TEACHER_KEY = "teacher-notes"


def _on_teacher() -> None:
    session.change(teacher=bool(st.session_state[TEACHER_KEY]))


def teacher_switch(state: ViewState) -> None:
    """Show or hide the teacher's notes (the expected answers) and the teacher's pack.

    The choice is kept for this session only: no address or link the app makes carries it.
    """
    st.session_state[TEACHER_KEY] = state.teacher
    st.toggle(
        "Teacher’s notes",
        key=TEACHER_KEY,
        on_change=_on_teacher,
        help="The expected answer under each question, and the teacher’s pack. Shown on this "
        "screen only: never in a link you copy, in the address bar or in presenter mode.",
    )


def downloads(bundle: Bundle, teacher: bool = False) -> None:
    """The handouts to print and the bundle's data to reuse; the teacher's pack and the whole
    bundle (its questions.md holds the teacher's notes) only with the teacher's notes on.

    The files are built once per bundle and passed as content, not as callables: content has
    a stable address across reruns, while a callable gets a new one on every run, so a click
    that lands during a rerun (as when a first page loads its next step) would fetch nothing.
    """
    st.markdown(
        "The student handout holds the numbered article with its key, the related news, the "
        "discussion questions and the glossary. Handouts open without a network connection "
        "and print cleanly from the browser (File → Print)."
    )
    if teacher:
        st.markdown(
            "The teacher’s pack adds the teacher’s notes under each question, the reader’s "
            "notes, the actors and the timeline."
        )
    slug = bundle.slug
    left, right = st.columns(2)
    _handout_buttons(left, bundle, teacher=False)
    if teacher:
        _handout_buttons(left, bundle, teacher=True)
    for name in ("actors.csv", "events.csv"):
        right.download_button(
            f"{name.removesuffix('.csv').capitalize()} (CSV)",
            data.spreadsheet_table(slug, name),
            f"{slug}-{name}",
            "text/csv",
            key=f"download-{name}",
            on_click="ignore",
        )
    if teacher:
        right.download_button(
            "Whole bundle (zip)",
            data.bundle_zip(slug),
            f"{slug}.zip",
            "application/zip",
            key="download-zip",
            on_click="ignore",
        )


HANDOUTS = {False: ("Student handout", "handout"), True: ("Teacher’s pack", "teachers-pack")}


def _handout_buttons(column, bundle: Bundle, teacher: bool) -> None:
    """The student handout or the teacher's pack, as printable HTML and as Markdown."""
    label, name = HANDOUTS[teacher]
    html, markdown = data.handout(bundle, teacher)
    column.download_button(
        f"{label} (HTML, printable)",
        str(html),
        f"{bundle.slug}-{name}.html",
        "text/html",
        key=f"download-{name}-html",
        on_click="ignore",
    )
    column.download_button(
        f"{label} (Markdown)",
        markdown,
        f"{bundle.slug}-{name}.md",
        "text/markdown",
        key=f"download-{name}-md",
        on_click="ignore",
    )
