"""The main area below the timeline: the reader, or one of the classroom panels."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import data, session
from core.model import Bundle
from core.state import ViewState

PANEL_KEY = "panel"
PANEL_LABELS = {
    "reader": "Reader", "camps": "Camps", "questions": "Questions",
    "glossary": "Glossary", "notes": "Reader’s notes", "handout": "Handout & data",
}  # fmt: skip


def _on_panel() -> None:
    session.change(panel=st.session_state[PANEL_KEY] or "reader")


def _available(bundle: Bundle) -> list[str]:
    """Panels with something to show for this bundle."""
    empty = {"questions": not bundle.questions, "glossary": not bundle.glossary,
             "notes": not bundle.notes}  # fmt: skip
    return [name for name in PANEL_LABELS if not empty.get(name)]


def _chosen(bundle: Bundle, state: ViewState) -> str:
    panel = state.panel or "reader"
    return panel if panel in _available(bundle) else "reader"


def switch(bundle: Bundle, state: ViewState) -> None:
    """The pills that choose the panel."""
    st.session_state[PANEL_KEY] = _chosen(bundle, state)
    # Pills wrap onto a second line on a phone, where a segmented control would overflow.
    st.pills(
        "Show", _available(bundle), key=PANEL_KEY, format_func=PANEL_LABELS.__getitem__,
        on_change=_on_panel,
    )  # fmt: skip


def render(bundle: Bundle, state: ViewState) -> None:
    """The chosen panel."""
    chosen = _chosen(bundle, state)
    if chosen == "reader":
        st.html(data.reader_and_cards(bundle, state.actors, state.event, state.paragraph))
    elif chosen == "handout":
        downloads(bundle)
    else:
        view = replace(state, paragraph=None, panel="reader")  # the part that links keep
        st.html(data.classroom_panel(bundle, chosen, view))


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
    left, right = st.columns(2)
    left.download_button(
        "Handout (HTML, printable)", data.handout(bundle)[0], f"{slug}-handout.html",
        "text/html", key="download-handout-html", on_click="ignore",
    )  # fmt: skip
    left.download_button(
        "Handout (Markdown)", data.handout(bundle)[1], f"{slug}-handout.md",
        "text/markdown", key="download-handout-md", on_click="ignore",
    )  # fmt: skip
    files = data.bundle_files(slug)
    for name in ("actors.csv", "events.csv"):
        right.download_button(
            f"{name.removesuffix('.csv').capitalize()} (CSV)", files.get(name, b""),
            f"{slug}-{name}", "text/csv", key=f"download-{name}", on_click="ignore",
        )  # fmt: skip
    right.download_button(
        "Whole bundle (zip)", data.bundle_zip(slug), f"{slug}.zip", "application/zip",
        key="download-zip", on_click="ignore",
    )  # fmt: skip
