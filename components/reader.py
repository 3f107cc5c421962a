"""The reader: the article's header (with the draft banner), and the numbered paragraphs beside
the cards of the selected event, the focused actors and the related news."""

from __future__ import annotations

import streamlit as st

from components import data
from core.model import Bundle
from core.state import ViewState


def header(bundle: Bundle) -> None:
    st.html(data.header(bundle))


def render(bundle: Bundle, state: ViewState) -> None:
    st.html(data.reader(bundle, state.actors, state.event, state.paragraph))
