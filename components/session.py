"""The view state of one browser session, read from the URL once and written back each run.

Session state holds only the ids the reader chose: the article, the focused actors and the
selected event. The URL is the source of truth when a session starts, so a shared link
opens exactly that view; afterwards every change is written back to the URL.
"""

from __future__ import annotations

import streamlit as st

from core.state import ViewState, parse_query, to_query

ARTICLE, ACTORS, EVENT, YEAR = "rr_article", "rr_actors", "rr_event", "rr_year"
NOTICES = "rr_notices"


def start(articles: list[str]) -> None:
    """On a session's first run, take the view from the URL (unknown parts become notices)."""
    if ARTICLE in st.session_state:
        return
    state, notices = parse_query(st.query_params.to_dict())
    article = state.article
    if article is not None and article not in articles:
        default = articles[0] if articles else "none"
        notices.append(f"There is no article {article!r} here; showing {default!r} instead.")
        article = None
    st.session_state[ARTICLE] = article or (articles[0] if articles else None)
    st.session_state[ACTORS] = list(state.actors)
    st.session_state[EVENT] = state.event
    st.session_state[YEAR] = state.year
    st.session_state[NOTICES] = notices


def current() -> ViewState:
    """The view this run shows."""
    session = st.session_state
    return ViewState(session[ARTICLE], tuple(session[ACTORS]), session[EVENT], session[YEAR])


def notices() -> list[str]:
    return st.session_state.get(NOTICES, [])


def set_view(state: ViewState) -> None:
    """Make `state` the session's view; notices about the old link no longer apply."""
    st.session_state[ARTICLE] = state.article
    st.session_state[ACTORS] = list(state.actors)
    st.session_state[EVENT] = state.event
    st.session_state[YEAR] = state.year
    st.session_state[NOTICES] = []


def write_url(state: ViewState) -> None:
    """Keep the address bar in step with the view, so copying it shares this view."""
    query = to_query(state)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)


def adopt(state: ViewState, more_notices: list[str]) -> None:
    """Take a corrected view (unknown ids dropped) and say what was dropped."""
    earlier = notices()
    set_view(state)
    st.session_state[NOTICES] = [*earlier, *more_notices]
