"""Presenter mode: one paragraph at a time in large type, for a projector."""

from __future__ import annotations

import streamlit as st

from components import data, session
from core.model import Bundle
from core.state import ViewState


def render(bundle: Bundle, state: ViewState) -> None:
    """Previous / next through the paragraphs; the actors and events of each beside it."""
    number = state.paragraph or 1
    last = len(bundle.paragraphs)
    back, forward, leave = st.columns(3)
    back.button(
        "← Previous paragraph",
        key="present-previous",
        disabled=number <= 1,
        on_click=session.change,
        kwargs={"paragraph": number - 1},
        width="stretch",
    )
    forward.button(
        "Next paragraph →",
        key="present-next",
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
    st.html(data.presenter(bundle, number, frozenset(state.actors)))
