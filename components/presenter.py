"""Presenter mode: one paragraph at a time in large type, for a projector."""

from __future__ import annotations

import streamlit as st

from components import data, question, session
from core.markup.script import PRESENT_NEXT_KEY, PRESENT_PREVIOUS_KEY
from core.model import Bundle
from core.state import Links, ViewState


def render(bundle: Bundle, state: ViewState) -> None:
    """Previous / next through the paragraphs (the page script presses them for the arrow and
    Page Up/Down keys); the question of the view above, the actors and events beside."""
    number = state.paragraph or 1
    last = len(bundle.paragraphs)
    back, forward, leave = st.columns(3)
    back.button(
        "← Previous paragraph",
        key=PRESENT_PREVIOUS_KEY,
        disabled=number <= 1,
        on_click=session.change,
        kwargs={"paragraph": number - 1},
        width="stretch",
    )
    forward.button(
        "Next paragraph →",
        key=PRESENT_NEXT_KEY,
        disabled=number >= last,
        type="primary",
        on_click=session.change,
        kwargs={"paragraph": number + 1},
        width="stretch",
    )
    leave.button(
        "Leave presenter mode",
        key="present-leave",
        width="stretch",
        on_click=session.leave_presenter,
    )
    question.banner(bundle, state, Links.presenter(state))
    st.html(data.presenter(bundle, number, frozenset(state.actors)))
