"""'Copy link to this view': the address of the current view, with a copy button."""

from __future__ import annotations

import streamlit as st

from core.state import ViewState, href


def link_to(state: ViewState) -> str:
    """The full address of `state` on this server (relative when the server is unknown)."""
    base = (st.context.url or "").split("?", 1)[0].split("#", 1)[0]
    return f"{base}{href(state)}"


def copy_link(state: ViewState, where=st) -> None:
    """A code box holding the link; its copy button puts the link on the clipboard."""
    where.markdown("**Copy link to this view**")
    where.code(link_to(state), language=None, wrap_lines=True)
