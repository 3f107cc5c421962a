"""The view state of one browser session: read from the URL once, written back each run.

Session state holds one small frozen ViewState (the ids the reader chose) and the notices
about the link. The URL is the source of truth when a session starts, so a shared link
opens exactly that view; afterwards every change is written back to the URL. Nothing else
reads the URL: every view, and the page config, asks `current()`.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.state import ViewState, parse_query, to_query

VIEW, NOTICES = "rr_view", "rr_notices"
LEFT_PRESENTER = "rr_left_presenter"  # set for one run, so the sidebar opens again


def start(articles: list[str]) -> None:
    """On a session's first run, take the view from the URL (unknown parts become notices)."""
    if VIEW in st.session_state:
        return
    state, notices = parse_query(st.query_params.to_dict())
    if state.article is not None and state.article not in articles:
        default = articles[0] if articles else "none"
        notices.append(f"There is no article {state.article!r} here; showing {default!r} instead.")
        state = replace(state, article=None)
    if state.article is None and articles:
        state = replace(state, article=articles[0])
    st.session_state[VIEW] = state
    st.session_state[NOTICES] = notices


def current() -> ViewState:
    """The view this run shows."""
    return st.session_state[VIEW]


def notices() -> list[str]:
    return st.session_state.get(NOTICES, [])


def set_view(state: ViewState) -> None:
    """Make `state` the session's view; notices about the old link no longer apply."""
    st.session_state[VIEW] = state
    st.session_state[NOTICES] = []


def change(**changes) -> None:
    """Change parts of the view, e.g. `change(event="x")` from a widget callback."""
    set_view(replace(current(), **changes))


def leave_presenter() -> None:
    st.session_state[LEFT_PRESENTER] = True
    change(present=False)


def sidebar_state() -> str:
    """Collapsed while presenting; opened again right after leaving presenter mode."""
    if current().present:
        return "collapsed"
    return "expanded" if st.session_state.pop(LEFT_PRESENTER, False) else "auto"


def adopt(state: ViewState, more_notices: list[str]) -> None:
    """Take a corrected view (unknown ids dropped) and say what was dropped."""
    st.session_state[VIEW] = state
    st.session_state[NOTICES] = [*notices(), *more_notices]


def write_url(state: ViewState) -> None:
    """Keep the address bar in step with the view, so copying it shares this view."""
    query = to_query(state)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
