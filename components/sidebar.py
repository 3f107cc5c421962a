"""The sidebar: the article picker, preparing and opening articles, the actors, presenter mode,
the legend and the link."""

from __future__ import annotations

import streamlit as st

from components import actors, authoring, data, library, loading, navigation, session, share
from core.model import Bundle
from core.page import presenter_start
from core.state import ViewState

ARTICLE_PICK_KEY = "article-pick"


def _on_article_pick() -> None:
    session.set_view(ViewState(article=st.session_state[ARTICLE_PICK_KEY]))


def article_picker(slugs: list[str], current: str | None) -> None:
    """A choice of article, when there is more than one."""
    if len(slugs) > 1:
        st.session_state[ARTICLE_PICK_KEY] = current
        st.sidebar.selectbox("Article", slugs, key=ARTICLE_PICK_KEY, on_change=_on_article_pick)


def render(bundle: Bundle, state: ViewState) -> None:
    """The actors, the presenter mode button, the legend and the link to this view."""
    if not loading.reached(loading.TOOLS):
        st.sidebar.caption("Loading the actors…")
        return
    authoring_tools()
    actors.render(bundle, data.analysis(bundle), state.actors)
    st.sidebar.button(
        "Presenter mode",
        key="present-enter",
        on_click=session.change,
        kwargs={
            "present": True,
            "paragraph": presenter_start(bundle, data.analysis(bundle), state),
        },
    )
    share.sidebar_footer(bundle, state)


def authoring_tools() -> None:
    """The link to the Prepare page (unless authoring is off) and, where prepared articles
    live in the session, the control that opens a bundle .zip."""
    setting = authoring.current()
    if setting.prepares:
        navigation.link_to_prepare(st.sidebar)
    if setting.mode == authoring.SESSION:
        library.open_zip_control(st.sidebar)
