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
Later runs of the session send everything at once.
"""

from __future__ import annotations

import streamlit as st

from core.markup.script import NEXT_STEP_KEY_PREFIX

TEXT, TOOLS, CHART = 0, 1, 2
STEP = "rr_step"
NEXT_LABELS = {TEXT: "Load the reading tools", TOOLS: "Draw the timeline"}


def step() -> int:
    """How much of the page this session has been sent: TEXT, TOOLS or CHART (everything)."""
    return st.session_state.get(STEP, TEXT)


def reached(wanted: int) -> bool:
    """True once this session's page includes step `wanted` (TOOLS or CHART)."""
    return step() >= wanted


def _advance() -> None:
    st.session_state[STEP] = min(step() + 1, CHART)


def hold_room(height: int, message: str = "", next_step: bool = False) -> None:
    """Keep `height` pixels for what comes later, with a short message; with `next_step`, the
    button that loads the next step (one per step: the view that draws last holds it)."""
    current = step()
    with st.container(height=height, border=False):
        if message:
            st.caption(message)
        if next_step:
            st.button(
                NEXT_LABELS[current],
                key=f"{NEXT_STEP_KEY_PREFIX}{current}",
                on_click=_advance,
                type="tertiary",
            )
