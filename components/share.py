"""'Copy link to this view': the address of the current view, with a copy button."""

from __future__ import annotations

import streamlit as st

from core.markup import PAGE_SCRIPT, panel, share_html
from core.state import ViewState, href


def link_to(state: ViewState) -> str:
    """The full address of `state` on this server (relative when the server is unknown)."""
    base = (st.context.url or "").split("?", 1)[0].split("#", 1)[0]
    return f"{base}{href(state)}"


def copy_link(state: ViewState, where=st) -> None:
    """The link in a read-only box, and a button that copies it."""
    where.html(panel(share_html(link_to(state))))


def page_script() -> None:
    """The app's one constant script: the copy button and scrolling to a linked paragraph."""
    st.html(PAGE_SCRIPT, unsafe_allow_javascript=True)
