"""Moving between the steps: the step switch at the top, Back and Next at the bottom.

The steps come from one table (drafting/review/steps.py) and are named by key. Every step
shows the session's Work, so going back and forth keeps every edit. Leaving the paragraphs
step counts its teasers as reviewed; the page finds names and dates again when the
paragraphs changed (app_pages/prepare.py).
"""

from __future__ import annotations

import streamlit as st

from components.prepare import store
from core import page
from core.markup.escaping import markdown_label
from drafting.review import PARAGRAPHS, STEPS, Work, after, at_step, confirm_teasers, number, step

SWITCH_KEY = "prepare-step"


def go(key: str) -> None:
    """Move the session's Work to step `key` (a callback); a row being fixed is let go."""
    st.session_state.pop(store.FIXING, None)
    work = store.current()
    if work is None or key == work.step:
        return
    if work.step == PARAGRAPHS:
        work = confirm_teasers(work)
    store.put(at_step(work, key))


def _on_switch() -> None:
    chosen = st.session_state.get(SWITCH_KEY)
    if chosen:
        go(chosen)


def switch(work: Work) -> None:
    """The steps as pills (they wrap on a phone), the current one selected."""
    st.session_state[SWITCH_KEY] = work.step
    st.pills(
        "Steps",
        [s.key for s in STEPS],
        key=SWITCH_KEY,
        format_func=lambda key: f"{number(key)} {step(key).name}",
        on_change=_on_switch,
        label_visibility="collapsed",
    )
    heading(work.step)
    undo()


def undo() -> None:
    """What the last undo did, and the button to take back the edit before it (always there,
    so the step's tables do not move down under the pointer after the first edit)."""
    said = store.said("undo")
    if said:
        getattr(st, said[0])(markdown_label(said[1]))
    last = store.history().last
    st.button(
        f"↶ Undo: {last}" if last else "↶ Undo (nothing to undo yet)",
        key="prepare-undo",
        on_click=store.undo,
        type="tertiary",
        disabled=not last,
        help="Takes back the last change, whole (every row it changed).",
    )


def heading(key: str) -> None:
    """The step's heading (it also carries the page's style, which buttons and captions need
    before any other markup is on the page)."""
    title = f"Step {number(key)} of {len(STEPS)}: {step(key).title}"
    st.html(page.prepare_step(key, title))


def back_and_next(work: Work) -> None:
    back, forward = st.columns(2)
    previous, following = after(work.step, -1), after(work.step)
    if previous is not None:
        back.button(
            f"← {previous.name}",
            key="prepare-back",
            on_click=go,
            args=(previous.key,),
            width="stretch",
        )
    if following is not None:
        forward.button(
            f"Next: {following.name} →",
            key="prepare-next",
            type="primary",
            on_click=go,
            args=(following.key,),
            width="stretch",
        )
