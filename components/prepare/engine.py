"""Drafting with its progress on screen: each step of the engine in an `st.status`, with what
it found. The English model is loaded once per server process; the first draft says so."""

from __future__ import annotations

import streamlit as st

from core.markup.escaping import markdown_label
from drafting.draft import draft_page
from drafting.model import load_model
from drafting.page import split_page
from drafting.review import Work, begin, redraft
from drafting.source import DraftError, Source

STEP_LABELS = {
    "model": "Language model",
    "reading": "Reading",
    "paragraphs": "Paragraphs",
    "names": "Names",
    "dates": "Dates",
}
LOG = "rr_draft_log"


def log() -> list[str]:
    """What the last drafting found, one line per step (shown again on the next steps)."""
    return st.session_state.get(LOG, [])


class _Progress:
    """The engine's progress callback, writing into a status box and the log."""

    def __init__(self, status):
        self.status, self.lines = status, []

    def __call__(self, step: str, detail: str) -> None:
        line = f"**{STEP_LABELS.get(step, step)}**: {markdown_label(detail)}"
        self.lines.append(line)
        self.status.write(line)
        self.status.update(label=f"Drafting… {STEP_LABELS.get(step, step).lower()}")


def _load_model(report: _Progress) -> None:
    if load_model.cache_info().currsize == 0:
        report("model", "loading the English language model (once; it takes several seconds)")
        load_model()
        report("model", "loaded")


def draft(source: Source) -> Work | None:
    """Draft a new article from `source`, showing each step; None (with a message) on failure."""
    with st.status("Drafting the article…", expanded=True) as status:
        report = _Progress(status)
        try:
            size = len(source.text.encode("utf-8")) / 1024
            kind = "web page" if source.kind == "html" else "text"
            report("reading", f"{source.name}: {kind}, {size:.0f} KB")
            page = split_page(source)
            _load_model(report)
            drafted = draft_page(page, None, report)
        except DraftError as error:
            status.update(label=markdown_label(error), state="error", expanded=True)
            return None
        status.update(label="Drafted: review it step by step.", state="complete", expanded=False)
    st.session_state[LOG] = report.lines
    return begin(page, drafted, source.name)


def draft_again(work: Work) -> Work | None:
    """Names and dates found again for the paragraphs the teacher kept."""
    with st.status("Finding names and dates in the paragraphs you kept…", expanded=True) as status:
        report = _Progress(status)
        try:
            _load_model(report)
            result = redraft(work, report)
        except DraftError as error:
            status.update(label=markdown_label(error), state="error", expanded=True)
            return None
        status.update(label="Names and dates found again.", state="complete", expanded=False)
    st.session_state[LOG] = [*log(), *report.lines]
    return result
