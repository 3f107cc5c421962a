"""The reader: read the view, load the bundle, call the views (composition only).

The app's default page (app.py routes; components/navigation.py registers the pages).
Everything this script imports stays clear of the drafting engine, so the reader starts
without the NLP stack (tests/test_layers.py checks).
"""

from __future__ import annotations

import streamlit as st

from components import (
    class_wall,
    classroom,
    data,
    notices,
    panels,
    presenter,
    reader,
    session,
    share,
    sidebar,
    timeline,
)
from core.model import Bundle
from core.problems import BundleError
from core.state import ViewState, resolve


def main() -> None:
    slugs = data.articles()
    session.start(slugs)
    st.set_page_config(
        page_title="Reading Room",
        page_icon="📖",
        layout="wide",
        initial_sidebar_state=session.sidebar_state(),
    )
    state = session.current()
    if not state.present:
        sidebar.article_picker(slugs, state.article)
    if state.article is None:
        st.info("No articles yet: add a bundle folder under data/articles/, or prepare one.")
        sidebar.authoring_tools()
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
    """The dashboard: header, introduction, the panel switch and the (collapsed) timeline above
    the text, the reader or a panel, the sidebar.

    The tools are filled in last, so the text is sent first (components/loading.py).
    """
    notices.link_notices(session.notices())
    notices.bundle_warnings(bundle.slug, bundle.warnings)
    # The class's database is reached only when the view names a class.
    taking = classroom.current(bundle, state) if state.class_code else None
    reader.header(bundle)
    if taking is not None:
        classroom.join_form(taking)  # first thing under the title, on a phone too
    reader.orientation(bundle, state)
    tools = st.container()
    counts = taking.counts if taking is not None else None
    panels.render(bundle, state, taking)
    sidebar.render(bundle, state, taking)
    with tools:
        panels.switch(bundle, state)
        timeline.render(bundle, state, counts)
    share.page_script()


def present(bundle: Bundle, state: ViewState) -> None:
    """Presenter mode: no sidebar, one paragraph at a time."""
    notices.link_notices(session.notices())
    taking = classroom.current(bundle, state) if state.class_code else None
    presenter.render(bundle, state)
    if taking is not None:
        class_wall.presenter_wall(bundle, state, taking)
    share.page_script()


main()
