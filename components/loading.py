"""A session's first page arrives in steps: the text, then the reading tools, then the chart.

The browser loads the code for each kind of element the first time one arrives, and draws
nothing new until all of it is loaded and run. Plotly's code is several megabytes, and the
widgets' code comes in a few rounds, so a page sent whole shows its first paragraph only
after all of that. Sent in steps, the article is on screen about as soon as a page of
plain text would be; the tools and the chart follow within a second.

Each step ends with a "next step" button; the page script presses it once the step has been
drawn (a reader can press it too). Later runs of the session send everything at once.
"""

from __future__ import annotations

import streamlit as st

TEXT, TOOLS, CHART = 0, 1, 2
STEP = "rr_step"
# The page script presses a button whose key starts with this (core/markup/style.py).
NEXT_KEY_PREFIX = "rr-next-"
NEXT_LABELS = {TEXT: "Load the reading tools", TOOLS: "Draw the timeline"}
# Room kept, besides the chart's own height, for the controls that arrive with the tools
# above the text: the period switch (60 px), the event picker (68) and the panel switch (60),
# with the 16 px gaps between them, as measured at desktop width. So the text does not jump
# when they arrive (on a phone the panel switch wraps and the text moves by a line).
CONTROLS_HEIGHT = 236


def step() -> int:
    """How much of the page this session has been sent: TEXT, TOOLS or CHART (everything)."""
    return st.session_state.get(STEP, TEXT)


def _advance() -> None:
    st.session_state[STEP] = min(step() + 1, CHART)


def placeholder(height: int, message: str) -> None:
    """Room of `height` pixels, a short message, and the button that loads the next step."""
    current = step()
    with st.container(height=height, border=False):
        st.caption(message)
        st.button(
            NEXT_LABELS[current], key=f"{NEXT_KEY_PREFIX}{current}", on_click=_advance,
            type="tertiary",
        )  # fmt: skip
