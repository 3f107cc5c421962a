"""Reading Room: composition only. Read the view from the URL, load the bundle, call the views."""

from __future__ import annotations

import streamlit as st

from components import (
    actors,
    data,
    loading,
    notices,
    panels,
    presenter,
    reader,
    session,
    share,
    timeline,
)
from core.model import Bundle
from core.problems import BundleError
from core.state import ViewState, resolve
from core.timeline import chart_height

ARTICLE_PICK_KEY = "article-pick"


def _on_article_pick() -> None:
    session.set_view(ViewState(article=st.session_state[ARTICLE_PICK_KEY]))


def article_picker(slugs: list[str], current: str | None) -> None:
    if len(slugs) > 1:
        st.session_state[ARTICLE_PICK_KEY] = current
        st.sidebar.selectbox("Article", slugs, key=ARTICLE_PICK_KEY, on_change=_on_article_pick)


def sidebar_state() -> str:
    """Collapsed while presenting; opened again right after leaving presenter mode."""
    view = st.session_state.get(session.VIEW)
    if view.present if view else st.query_params.get("present") == "1":
        return "collapsed"
    return "expanded" if st.session_state.pop(presenter.LEFT, False) else "auto"


def main() -> None:
    st.set_page_config(
        page_title="Reading Room", page_icon="📖", layout="wide",
        initial_sidebar_state=sidebar_state(),
    )  # fmt: skip
    slugs = data.articles()
    session.start(slugs)
    state = session.current()
    if not state.present:
        article_picker(slugs, state.article)
    if state.article is None:
        st.info("No articles yet: add a bundle folder under data/articles/.")
        return
    try:
        bundle = data.bundle(state.article)
    except BundleError as error:
        notices.link_notices(session.notices())
        notices.bundle_problems(error)
        session.write_url(ViewState(article=state.article))
        return
    resolved, dropped = resolve(state, bundle)
    if resolved != state:
        session.adopt(resolved, dropped)
        state = resolved
    (present if state.present else show)(bundle, state)
    session.write_url(state)


def show(bundle: Bundle, state: ViewState) -> None:
    """The dashboard: header, timeline, the reader or a classroom panel, and the sidebar.

    A session's first page comes in steps (components/loading.py): the text first.
    """
    with_tools = loading.step() >= loading.TOOLS
    notices.link_notices(session.notices())
    notices.bundle_warnings(bundle.slug, bundle.warnings)
    reader.header(bundle)
    timeline_slot = st.container()
    if with_tools:
        panels.switch(bundle, state)
    panels.render(bundle, state)
    if with_tools:
        sidebar(bundle, state)
    else:
        st.sidebar.caption("Loading the actors…")
    with timeline_slot:
        if with_tools:
            timeline.render(bundle, state.actors, state.event, state.year)
        else:
            height = chart_height(bundle.events) + loading.CONTROLS_HEIGHT
            loading.placeholder(height, "Loading the timeline and the reading tools…")
    share.page_script()


def sidebar(bundle: Bundle, state: ViewState) -> None:
    actors.render(bundle, data.analysis(bundle), state.actors)
    st.sidebar.button(
        "Presenter mode", key="present-enter", on_click=session.change,
        kwargs={"present": True, "paragraph": state.paragraph or 1},
    )  # fmt: skip
    share.sidebar_footer(bundle, state)


def present(bundle: Bundle, state: ViewState) -> None:
    """Presenter mode: no sidebar, one paragraph at a time."""
    notices.link_notices(session.notices())
    presenter.render(bundle, state)


main()
