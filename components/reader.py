"""The reader: the article's header (with the draft banner), the introduction for a first visit,
and the numbered paragraphs beside the cards of the selected event, the focused actors and the
related news."""

from __future__ import annotations

import streamlit as st

from components import data
from core.classwork import ClassCounts
from core.model import Bundle
from core.state import ViewState

# Session state, not the view: hiding the introduction is this visitor's choice, and a link
# they share still opens with it for someone new.
ORIENTATION_HIDDEN = "rr_orientation_hidden"


def header(bundle: Bundle) -> None:
    st.html(data.header(bundle))


def render(bundle: Bundle, state: ViewState, counts: ClassCounts | None = None) -> None:
    """The text; with a class's `counts`, its responses beside the paragraph numbers."""
    st.html(data.reader(bundle, state, counts))


def _hide_orientation() -> None:
    st.session_state[ORIENTATION_HIDDEN] = True


def orientation(bundle: Bundle, state: ViewState) -> None:
    """A short introduction and the key, until the reader hides it (for this visit)."""
    if st.session_state.get(ORIENTATION_HIDDEN):
        return
    st.html(data.orientation(bundle, state.all_actors))
    st.button(
        "Hide this introduction",
        key="rr-intro-hide",
        on_click=_hide_orientation,
        type="tertiary",
        icon=":material/close:",
    )
