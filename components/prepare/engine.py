"""Drafting with its progress on screen: each step of the engine in an `st.status`, with what
it found. The engine runs in a worker process of this server (drafting/jobs.py), with limits
on CPU time, memory and wall-clock time; while it waits for a worker, the status says how
many articles are ahead. The English model stays loaded in the worker; the first draft says
it loads."""

from __future__ import annotations

import streamlit as st

from core import jobs
from core.archive import check_zip_job
from core.markup.escaping import markdown_label
from drafting.jobs import PRELOAD, draft_job, redraft_job
from drafting.review import Work

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

    def waiting(self, ahead: int) -> None:
        articles = "article" if ahead == 1 else "articles"
        self.status.update(label=f"Waiting: {ahead} {articles} ahead of yours…")


def warm_up() -> None:
    """Start this server's drafting workers, so the model is loading before the first draft."""
    jobs.pool().start(preload=PRELOAD)


def draft(given: tuple) -> Work | None:
    """Draft a new article from `given` (drafting.jobs.draft_job), showing each step; None
    (with the reason on screen) when it cannot be drafted."""
    with st.status("Drafting the article…", expanded=True) as status:
        report = _Progress(status)
        try:
            work = jobs.pool().run(
                draft_job, given, progress=report, waiting=report.waiting, what="page"
            )
        except jobs.JobFailed as error:
            status.update(label=markdown_label(error), state="error", expanded=True)
            return None
        status.update(label="Drafted: review it step by step.", state="complete", expanded=False)
    st.session_state[LOG] = report.lines
    return work


def draft_again(work: Work) -> Work | None:
    """Names and dates found again for the paragraphs the teacher kept."""
    with st.status("Finding names and dates in the paragraphs you kept…", expanded=True) as status:
        report = _Progress(status)
        try:
            result = jobs.pool().run(
                redraft_job, work, progress=report, waiting=report.waiting, what="article"
            )
        except jobs.JobFailed as error:
            status.update(label=markdown_label(error), state="error", expanded=True)
            return None
        status.update(label="Names and dates found again.", state="complete", expanded=False)
    st.session_state[LOG] = [*log(), *report.lines]
    return result


def check_zip(data: bytes):
    """An uploaded bundle zip checked in a worker: (unpacked, bundle or None, problems), or a
    JobFailed whose message says why it cannot be opened."""
    with st.spinner("Checking the bundle…"):
        return jobs.pool().run(check_zip_job, data, what="bundle")
