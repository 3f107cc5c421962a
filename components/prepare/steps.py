"""Moving between the steps: the step switch at the top, Back and Next at the bottom.

Every step shows the session's Work, so going back and forth keeps every edit. Leaving the
paragraphs step counts its teasers as reviewed; the page finds names and dates again when
the paragraphs changed (app_pages/prepare.py).
"""

from __future__ import annotations

import streamlit as st

from components.prepare import store
from core import page
from drafting.review import PARAGRAPHS, PREVIEW, SOURCE, STEPS, Work, at_step, confirm_teasers

SWITCH_KEY = "prepare-step"
TITLES = {
    1: "Source",
    2: "Paragraphs: keep, teaser or leave out",
    3: "About the article",
    4: "Actors",
    5: "Events",
    6: "Camps (optional)",
    7: "Preview and publish",
}


def go(step: int) -> None:
    """Move the session's Work to `step` (a callback)."""
    work = store.current()
    if work is None or step == work.step:
        return
    if work.step == PARAGRAPHS:
        work = confirm_teasers(work)
    store.put(at_step(work, step))


def _on_switch() -> None:
    chosen = st.session_state.get(SWITCH_KEY)
    if chosen:
        go(int(chosen))


def switch(work: Work) -> None:
    """The steps as pills (they wrap on a phone), the current one selected."""
    st.session_state[SWITCH_KEY] = work.step
    st.pills(
        "Steps",
        list(range(SOURCE, PREVIEW + 1)),
        key=SWITCH_KEY,
        format_func=lambda n: f"{n} {STEPS[n - 1]}",
        on_change=_on_switch,
        label_visibility="collapsed",
    )
    heading(work.step)


def heading(step: int) -> None:
    """The step's heading (it also carries the page's style, which buttons and captions need
    before any other markup is on the page)."""
    st.html(page.prepare_step(step, f"Step {step} of {PREVIEW}: {TITLES[step]}"))


def back_and_next(work: Work) -> None:
    back, forward = st.columns(2)
    if work.step > SOURCE:
        back.button(
            f"← {STEPS[work.step - 2]}",
            key="prepare-back",
            on_click=go,
            args=(work.step - 1,),
            width="stretch",
        )
    if work.step < PREVIEW:
        forward.button(
            f"Next: {STEPS[work.step]} →",
            key="prepare-next",
            type="primary",
            on_click=go,
            args=(work.step + 1,),
            width="stretch",
        )
