"""Prepare an article: paste or upload a page, review what the engine suggests, publish.

Composition only: the authoring setting decides whether and where (components/authoring.py),
the session's Work is the article in progress (components/prepare/store.py), and each step
has its view in components/prepare/.
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
    source,
    steps,
    store,
)
from core.markup.escaping import markdown_label
from drafting.review import PARAGRAPHS, SOURCE, at_step

STEP_VIEWS = {
    2: paragraphs.render,
    3: about.render,
    4: actors.render,
    5: events.render,
    6: camps.render,
}


def main() -> None:
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
    if work is not None and work.step > PARAGRAPHS and work.needs_redraft:
        work = _draft_again(work)
    if work is None or work.step == SOURCE:
        if work is not None:
            steps.switch(work)
        else:
            steps.heading(SOURCE)
        source.render(setting)
    else:
        steps.switch(work)
        if work.step in STEP_VIEWS:
            STEP_VIEWS[work.step](work)
        else:
            preview.render(work, setting)
    if work is not None:
        steps.back_and_next(work)
    store.write_address()
    share.page_script()


def _draft_again(work):
    """The paragraphs changed: find names and dates again before the next step shows."""
    redrafted = engine.draft_again(work)
    if redrafted is None:
        redrafted = at_step(work, PARAGRAPHS)
    store.put(redrafted)
    return redrafted


main()
