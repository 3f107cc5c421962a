"""The sidebar: the article picker, preparing and opening articles, the teacher's controls
and the key, then the actors."""

from __future__ import annotations

import streamlit as st

from components import (
    actors,
    authoring,
    classroom,
    data,
    library,
    loading,
    navigation,
    session,
    share,
)
from core.model import Bundle
from core.page import presenter_start
from core.state import ViewState

ARTICLE_PICK_KEY = "article-pick"
ALL_ACTORS_KEY = "all-actors"


def _on_article_pick() -> None:
    session.set_view(ViewState(article=st.session_state[ARTICLE_PICK_KEY]))


def article_picker(slugs: list[str], current: str | None) -> None:
    """A choice of article, when there is more than one."""
    if len(slugs) > 1:
        st.session_state[ARTICLE_PICK_KEY] = current
        st.sidebar.selectbox(
            "Article",
            slugs,
            key=ARTICLE_PICK_KEY,
            on_change=_on_article_pick,
            format_func=data.title,
        )


def _on_all_actors() -> None:
    session.change(all_actors=st.session_state[ALL_ACTORS_KEY])


def render(bundle: Bundle, state: ViewState, taking: classroom.Taking | None = None) -> None:
    """What a teacher reaches for first (presenter mode, the link to this view, clearing the
    focus, all actors on or off), the class (open, join, moderate) and the key, then the
    actors (with the class's tags beside them)."""
    if not loading.reached(loading.TOOLS):
        st.sidebar.caption("Loading the actors…")
        return
    bar = st.sidebar
    bar.button(
        "Presenter mode",
        key="present-enter",
        on_click=session.change,
        kwargs={
            "present": True,
            "paragraph": presenter_start(bundle, data.analysis(bundle), state),
        },
    )
    share.copy_link(state)
    if state.actors:
        bar.button(
            "Clear actor focus", key="clear-actors", on_click=session.change, kwargs={"actors": ()}
        )
    st.session_state[ALL_ACTORS_KEY] = state.all_actors
    bar.toggle(
        "Highlight all actors",
        key=ALL_ACTORS_KEY,
        on_change=_on_all_actors,
        help="Off: the camps and the people. On: countries, organisations and the rest too.",
    )
    classroom.sidebar(bundle, state, taking)
    with bar.expander("Key to the marks", expanded=True):
        st.html(data.key(bundle, state.all_actors))
    authoring_tools()
    tagged = tuple(sorted(taking.counts.actors.items())) if taking is not None else ()
    actors.render(bundle, data.analysis(bundle), state.actors, tagged)


def authoring_tools() -> None:
    """The link to the Prepare page (unless authoring is off) and, where prepared articles
    live in the session, the control that opens a bundle .zip."""
    setting = authoring.current()
    if setting.prepares:
        navigation.link_to_prepare(st.sidebar)
    if setting.mode == authoring.SESSION:
        library.open_zip_control(st.sidebar)
