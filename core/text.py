"""Small text helpers shared by the core: whitespace folding and quote lookup."""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s+")


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WHITESPACE.sub(" ", text).strip()


def split_ids(cell: str) -> tuple[str, ...]:
    """'a|b| c' -> ('a', 'b', 'c'); empty parts dropped, inner whitespace folded.

    Folded because the article's paragraphs are folded when loaded: an alias typed with a
    double space must still match the text.
    """
    return tuple(fold_whitespace(part) for part in cell.split("|") if part.strip())
