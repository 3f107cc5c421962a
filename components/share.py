"""'Copy link to this view', and the app's one page script."""

from __future__ import annotations

import streamlit as st

from core import page
from core.markup.script import PAGE_SCRIPT
from core.state import ViewState, href

SCRIPT_SENT = "rr_script_sent"


def link_to(state: ViewState) -> str:
    """The full address of `state` on this server (relative when the server is unknown)."""
    base = (st.context.url or "").split("?", 1)[0].split("#", 1)[0]
    return f"{base}{href(state)}"


def copy_link(state: ViewState) -> None:
    """The link to this view with its copy button, in the sidebar."""
    st.sidebar.html(page.share(link_to(state)))


def page_script() -> None:
    """The app's one constant script (copy button, scroll to a linked paragraph, next steps).

    Sent on a session's first run only: its listener stays bound in the page, and scrolling
    to a linked paragraph is wanted once per page load.
    """
    if not st.session_state.get(SCRIPT_SENT):
        st.session_state[SCRIPT_SENT] = True
        st.html(PAGE_SCRIPT, unsafe_allow_javascript=True)
