"""Step 7, questions and glossary (optional): to be written."""

from __future__ import annotations

from drafting.review import Work


def render(work: Work) -> None:
    del work
