"""The drafting engine's jobs, run in the server's worker processes (core/jobs.py): drafting a
page from any source, and finding names and dates again. Each refuses an input it cannot
draft with one line (JobRefused)."""

from __future__ import annotations

from collections.abc import Callable

from core.jobs import JobRefused
from drafting.draft import draft_page
from drafting.page import split_page
from drafting.review import begin, redraft
from drafting.source import (
    MAX_UPLOAD_BYTES,
    DraftError,
    read_source,
    source_from_bytes,
    source_from_text,
)

# What a drafting worker runs as it starts: the language model, loaded once per worker.
PRELOAD = ("drafting.model", "load_model")


def draft_job(given: tuple, progress: Callable[[str, str], None]):
    """Read a source and draft it: the Work under review (drafting.review). `given` is
    ('text', pasted text), ('file', bytes, file name) or ('address', an http(s) address)."""
    try:
        return _draft(given, progress)
    except DraftError as error:
        raise JobRefused(str(error)) from None


def _draft(given: tuple, progress: Callable[[str, str], None]):
    kind = given[0]
    if kind == "text":
        source = source_from_text(given[1])
    elif kind == "file":
        source = source_from_bytes(given[1], given[2], max_bytes=MAX_UPLOAD_BYTES)
    else:
        progress("reading", f"fetching {given[1]}")
        source = read_source(given[1])
    size = len(source.text.encode("utf-8")) / 1024
    kind_name = "web page" if source.kind == "html" else "text"
    progress("reading", f"{source.name}: {kind_name}, {size:.0f} KB")
    page = split_page(source)
    return begin(page, draft_page(page, None, progress), source.name)


def redraft_job(work, progress: Callable[[str, str], None]):
    """Names and dates found again in the paragraphs a teacher kept (drafting.review)."""
    try:
        return redraft(work, progress)
    except DraftError as error:
        raise JobRefused(str(error)) from None
