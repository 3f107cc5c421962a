"""Find actor mentions in text: aliases -> sorted, non-overlapping spans.

Matching is exact and case-sensitive, on word boundaries, longest alias first, and a
possessive ('s or ’s) is taken into the span. Instead of one regex alternation of every
alias (which retries each alias at each position), the text is scanned word by word and
only the aliases that start with that word are tried: cost grows with the text, not with
the number of aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

_WORD = re.compile(r"\w+")
_POSSESSIVES = ("'s", "’s")


class Span(NamedTuple):
    """A mention of `actor_id` at text[start:end]."""

    start: int
    end: int
    actor_id: str


AliasIndex = dict[str, tuple[tuple[str, str], ...]]


def build_alias_index(aliases: Iterable[tuple[str, str]]) -> AliasIndex:
    """Index (alias, actor_id) pairs by the alias's first word, longest alias first."""
    by_first_word: dict[str, list[tuple[str, str]]] = {}
    for alias, actor_id in aliases:
        first = _WORD.match(alias)
        if first:
            by_first_word.setdefault(first.group(), []).append((alias, actor_id))
    return {
        word: tuple(sorted(pairs, key=lambda pair: -len(pair[0])))
        for word, pairs in by_first_word.items()
    }


def find_mentions(text: str, index: AliasIndex) -> list[Span]:
    """Every mention in `text`, left to right, none overlapping."""
    spans: list[Span] = []
    covered_until = 0
    for word in _WORD.finditer(text):
        start = word.start()
        candidates = index.get(word.group())
        if candidates is None or start < covered_until:
            continue
        for alias, actor_id in candidates:
            end = start + len(alias)
            if text.startswith(alias, start) and _ends_word(text, end):
                end = _with_possessive(text, end)
                spans.append(Span(start, end, actor_id))
                covered_until = end
                break
    return spans


def _ends_word(text: str, end: int) -> bool:
    """True when no letter, digit or underscore continues the word at `end`."""
    return end >= len(text) or not (text[end].isalnum() or text[end] == "_")


def _with_possessive(text: str, end: int) -> int:
    """Extend a span over a following 's or ’s, but not over 'ssomething'."""
    if text[end : end + 2] in _POSSESSIVES and _ends_word(text, end + 2):
        return end + 2
    return end
