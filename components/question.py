"""The discussion question a link opened, as a banner above the text (reader and presenter)."""

from __future__ import annotations

import streamlit as st

from components import data, session
from core.model import Bundle
from core.state import Links, ViewState

# Its container carries the class st-key-rr-question, which core/markup/style.py keeps in
# view while the text scrolls under it.
BANNER_KEY = "rr-question"


def banner(bundle: Bundle, state: ViewState, links: Links) -> None:
    """The question of the view (`q` in the link), with a button that closes it."""
    if state.question is None:
        return
    with st.container(key=BANNER_KEY, horizontal=True, vertical_alignment="center", gap="small"):
        st.html(data.question_banner(bundle, state.question, links))
        st.button(
            "Close the question",
            key="question-close",
            icon=":material/close:",
            type="tertiary",
            on_click=session.change,
            kwargs={"question": None},
        )
