"""Find mentions in text: aliases -> sorted, non-overlapping spans (actors or glossary terms).

Matching is exact and case-sensitive, on word boundaries, longest alias first, and a
possessive ('s or ’s) is taken into the span. All aliases are compiled into one regular
expression shaped as a trie (aliases that share a beginning share one path), so the regex
engine tests one character per branch instead of retrying every alias at every position:
the cost grows with the text and hardly with the number of aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

_END = ""  # marks, inside a trie node, that an alias ends there
_WORD_START = re.compile(r"\w")
_POSSESSIVE = r"(?:['’]s(?!\w))?"
# Aliases that continue one another ("a", "a b", "a b c", …) nest one optional group per
# alias in the trie pattern; Python's regex compiler recurses once per level, so past this
# depth the aliases are written as one flat alternation instead (slower, never failing).
MAX_NESTED_ALIASES = 100


# What a span marks: an actor's mention, or a glossary term.
ACTOR, TERM = "actor", "term"


class Span(NamedTuple):
    """text[start:end] names `key`: an actor's id (kind ACTOR) or a glossary term (TERM)."""

    start: int
    end: int
    key: str
    kind: str = ACTOR


@dataclass(frozen=True)
class AliasIndex:
    """Every alias compiled into one pattern, the key each alias names, and their kind."""

    pattern: re.Pattern | None
    key_of: dict[str, str]
    kind: str = ACTOR


def build_alias_index(aliases: Iterable[tuple[str, str]], kind: str = ACTOR) -> AliasIndex:
    """Compile (alias, key) pairs naming things of one `kind`; the first pair wins if an
    alias repeats."""
    key_of: dict[str, str] = {}
    for alias, key in aliases:
        if alias:
            key_of.setdefault(alias, key)
    if not any(_WORD_START.match(alias) for alias in key_of):
        return AliasIndex(None, key_of, kind)
    aliases = [alias for alias in key_of if _WORD_START.match(alias)]
    trie = _trie(aliases)
    if _nesting(trie) > MAX_NESTED_ALIASES:
        body = _flat_alternatives(aliases)
    else:
        body = _word_start_alternatives(trie)
    pattern = re.compile(rf"({body})(?!\w){_POSSESSIVE}")
    return AliasIndex(pattern, key_of, kind)


def find_mentions(text: str, index: AliasIndex) -> list[Span]:
    """Every mention in `text`, left to right, none overlapping."""
    if index.pattern is None:
        return []
    key_of, kind = index.key_of, index.kind
    return [
        Span(match.start(), match.end(), key_of[match.group(1)], kind)
        for match in index.pattern.finditer(text)
    ]


def _trie(aliases: Iterable[str]) -> dict:
    root: dict = {}
    for alias in aliases:
        node = root
        for char in alias:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _nesting(root: dict) -> int:
    """How deep the trie pattern would nest groups: the most places on one path where an
    alias ends or aliases part (counted without recursion, however long the aliases)."""
    deepest, stack = 0, [(root, 0)]
    while stack:
        node, depth = stack.pop()
        depth += _END in node or len(node) > 1
        deepest = max(deepest, depth)
        stack.extend((child, depth) for char, child in node.items() if char)
    return deepest


def _flat_alternatives(aliases: list[str]) -> str:
    """Every alias in one alternation, longest first (so the longest wins), with the same
    check that no word character precedes it."""
    ordered = sorted(aliases, key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(re.escape(alias) for alias in ordered) + ")"


def _word_start_alternatives(root: dict) -> str:
    """The first trie level, each branch checking that no letter precedes the alias.

    The check that no word character precedes the alias comes after its first character,
    not before it, so the pattern still begins with plain characters and the engine can skip
    straight to positions where some alias could start (a leading lookbehind would make it
    try every position).
    """
    return (
        "(?:"
        + "|".join(
            re.escape(char) + r"(?<!\w.)" + _alternatives(child) for char, child in root.items()
        )
        + ")"
    )


def _alternatives(node: dict) -> str:
    """The regex for one trie node; a greedy optional group makes the longest alias win.

    When an alias ends here but longer ones continue, `(?:longer)?` tries the longer path
    first and falls back to ending here if the word boundary after it fails. A run of nodes
    with one way on is written as one literal, so the depth of the recursion (and of the
    pattern's groups) is the number of places where aliases part, not their length.
    """
    literal = []
    while _END not in node and len(node) == 1:
        char, node = next(iter(node.items()))
        literal.append(re.escape(char))
    prefix = "".join(literal)
    branches = [re.escape(char) + _alternatives(child) for char, child in node.items() if char]
    if not branches:
        return prefix
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"{prefix}(?:{body})?"
    return prefix + body
