"""The reader beside its cards (event, focused actors, related news), as cached HTML."""

from __future__ import annotations

import streamlit as st

from components import data
from core.model import Bundle
from core.state import ViewState


def header(bundle: Bundle) -> None:
    st.html(data.header(bundle))


def reader_and_cards(bundle: Bundle, state: ViewState) -> None:
    """One HTML block: a CSS grid keeps it to one element per rerun and stacks on phones."""
    st.html(data.reader_and_cards(bundle, state.actors, state.event))
