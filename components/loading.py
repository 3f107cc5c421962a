"""A session's first page arrives in steps: the text, then the reading tools, then the chart.

The browser loads the code for each kind of element the first time one arrives, and draws
nothing new until all of it is loaded and run. Plotly's code is several megabytes, and the
widgets' code comes in a few rounds, so a page sent whole shows its first paragraph only
after all of that. Sent in steps, the article is on screen about as soon as a page of
plain text would be; the tools and the chart follow within a second.

This module is the one seam: a view asks `reached(step)` before drawing what belongs to a
later step and, until then, keeps its own room with `hold_room` so the text does not jump
when the rest arrives. Each step ends with a "next step" button; the page script
(core/markup/script.py) presses it once the step has been drawn (a reader can press it too).
Later runs of the session send everything at once, and so does the first run of a session
whose browser shows the page already (`resume_drawn_page`).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.markup.script import NEXT_STEP_KEY_PREFIX

TEXT, TOOLS, CHART = 0, 1, 2
STEP, STARTED = "rr_step", "rr_started"
NEXT_LABELS = {TEXT: "Load the reading tools", TOOLS: "Draw the timeline"}


def resume_drawn_page() -> None:
    """Call first thing in every run. A browser whose server went away reconnects (through the
    load balancer, to another server; or to the same one restarted) into a session that
    server does not know, and that session's first run arrives carrying the values of the
    widgets the browser shows. Its page is drawn already, so that run sends all of it: sent
    in steps, the widgets not in the first step would lose their values (a text being
    typed). A new visitor's first run carries none.

    Streamlit runs no widget callback in that run (the new session never drew the widget),
    so on a page without a polling fragment the first click after such a move only redraws
    the page as it was; a page with one (a class's wall) is rerun by the browser at once."""
    if STARTED in st.session_state:
        return
    st.session_state[STARTED] = True
    if _browser_sent_widget_values():
        st.session_state[STEP] = CHART


def _browser_sent_widget_values() -> bool:
    """Whether this run came with widget values from the browser. Streamlit has no public
    way to ask: `st.session_state` hides the values of widgets this session has not drawn
    yet. Should its internals change, this says False and the page comes in steps."""
    context = get_script_run_ctx()
    try:
        return len(context.session_state._state._new_widget_state) > 0
    except AttributeError:
        return False


def step() -> int:
    """How much of the page this session has been sent: TEXT, TOOLS or CHART (everything)."""
    return st.session_state.get(STEP, TEXT)


def reached(wanted: int) -> bool:
    """True once this session's page includes step `wanted` (TOOLS or CHART)."""
    return step() >= wanted


def _advance() -> None:
    reach(step() + 1)


def reach(wanted: int) -> None:
    """From now on this session's page includes step `wanted` (and those before it)."""
    st.session_state[STEP] = max(step(), min(wanted, CHART))


def hold_room(height: int, message: str = "", next_step: bool = False) -> None:
    """Keep `height` pixels for what comes later, with a short message; with `next_step`, the
    button that loads the next step (one per step: the view that draws last holds it)."""
    with st.container(height=height, border=False):
        if message:
            st.caption(message)
        if next_step:
            next_step_button()


def next_step_button() -> None:
    """The button that loads the page's next step (the page script presses it)."""
    current = step()
    st.button(
        NEXT_LABELS[current],
        key=f"{NEXT_STEP_KEY_PREFIX}{current}",
        on_click=_advance,
        type="tertiary",
    )
