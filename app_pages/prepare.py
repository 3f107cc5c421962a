"""Prepare an article: paste or upload a page, review what the engine suggests, publish.

Composition only: the authoring setting decides whether and where (components/authoring.py),
the session's Work is the article in progress (components/prepare/store.py), and each step
has its view in components/prepare/, found here by the step's key.
"""

from __future__ import annotations

import streamlit as st

from components import authoring, navigation, share
from components.prepare import (
    about,
    actors,
    camps,
    engine,
    events,
    paragraphs,
    preview,
    questions,
    source,
    steps,
    store,
)
from core.markup.escaping import markdown_label
from drafting.review import (
    ABOUT,
    ACTORS,
    CAMPS,
    EVENTS,
    PARAGRAPHS,
    PREVIEW,
    QUESTIONS,
    SOURCE,
    at_step,
)

STEP_VIEWS = {
    PARAGRAPHS: paragraphs.render,
    ABOUT: about.render,
    ACTORS: actors.render,
    EVENTS: events.render,
    CAMPS: camps.render,
    QUESTIONS: questions.render,
}


def main() -> None:
    # The icon is an emoji: Streamlit draws it in the page (a page's material icon would be
    # fetched from a font server, and the app needs no network).
    st.set_page_config(
        page_title="Prepare an article · Reading Room", page_icon="📝", layout="wide"
    )
    setting = authoring.current()
    navigation.link_to_reader(st.sidebar)
    st.title("Prepare an article")
    if setting.note:
        st.info(setting.note)
    work = store.current()
    for kind, text in store.take_flashes():
        getattr(st, kind)(markdown_label(text))
    if work is not None and work.step not in (SOURCE, PARAGRAPHS) and work.needs_redraft:
        work = _draft_again(work)
    if work is None or work.step == SOURCE:
        if work is not None:
            steps.switch(work)
        else:
            steps.heading(SOURCE)
        source.render(setting)
    else:
        steps.switch(work)
        if work.step == PREVIEW:
            preview.render(work, setting)
        else:
            STEP_VIEWS[work.step](work)
    if work is not None:
        steps.back_and_next(work)
    store.write_address()
    share.page_script()


def _draft_again(work):
    """The paragraphs changed: find names and dates again before the next step shows."""
    redrafted = engine.draft_again(work)
    if redrafted is None:
        redrafted = at_step(work, PARAGRAPHS)
    # Not a step of its own to undo: undoing the change of paragraphs goes back to the
    # draft before it (a Work still waiting to be drafted again would be drafted again).
    store.put(redrafted)
    return redrafted


main()
