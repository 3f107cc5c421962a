"""The panel switch, and the main area below it: the reader, or one of the classroom panels."""

from __future__ import annotations

import streamlit as st

from components import data, loading, reader, session
from core.model import Bundle
from core.page import PANEL_LABELS, READER, available_panels, chosen_panel
from core.state import Links, ViewState

PANEL_KEY = "panel"
SWITCH_HEIGHT = 32  # the pills on one line (scrolled sideways where narrow), as measured


def _on_panel() -> None:
    session.change(panel=st.session_state[PANEL_KEY] or READER)


def switch(bundle: Bundle, state: ViewState) -> None:
    """The pills that choose the panel (room for them while a first page loads its tools)."""
    if not loading.reached(loading.TOOLS):
        loading.hold_room(SWITCH_HEIGHT)
        return
    st.session_state[PANEL_KEY] = chosen_panel(bundle, state)
    # Pills wrap onto a second line on a phone, where a segmented control would overflow.
    st.pills(
        "Show",
        available_panels(bundle),
        key=PANEL_KEY,
        format_func=PANEL_LABELS.__getitem__,
        on_change=_on_panel,
        label_visibility="collapsed",
    )


def render(bundle: Bundle, state: ViewState) -> None:
    """The chosen panel."""
    chosen = chosen_panel(bundle, state)
    if chosen == READER:
        reader.render(bundle, state)
    elif chosen == "handout":
        downloads(bundle)
    else:
        st.html(data.classroom_panel(bundle, chosen, Links.panel(state)))


def downloads(bundle: Bundle) -> None:
    """The handout to print and the bundle's data to reuse.

    The files are built once per bundle and passed as content, not as callables: content has
    a stable address across reruns, while a callable gets a new one on every run, so a click
    that lands during a rerun (as when a first page loads its next step) would fetch nothing.
    """
    st.markdown(
        "The handout holds the numbered article, the actors, the timeline, the questions, "
        "the glossary and the reader’s notes. It opens without a network connection and "
        "prints cleanly from the browser (File → Print)."
    )
    slug = bundle.slug
    handout_html, handout_markdown = data.handout(bundle)
    left, right = st.columns(2)
    left.download_button(
        "Handout (HTML, printable)",
        str(handout_html),
        f"{slug}-handout.html",
        "text/html",
        key="download-handout-html",
        on_click="ignore",
    )
    left.download_button(
        "Handout (Markdown)",
        handout_markdown,
        f"{slug}-handout.md",
        "text/markdown",
        key="download-handout-md",
        on_click="ignore",
    )
    files = data.bundle_files(slug)
    for name in ("actors.csv", "events.csv"):
        right.download_button(
            f"{name.removesuffix('.csv').capitalize()} (CSV)",
            files.get(name, b""),
            f"{slug}-{name}",
            "text/csv",
            key=f"download-{name}",
            on_click="ignore",
        )
    right.download_button(
        "Whole bundle (zip)",
        data.bundle_zip(slug),
        f"{slug}.zip",
        "application/zip",
        key="download-zip",
        on_click="ignore",
    )
