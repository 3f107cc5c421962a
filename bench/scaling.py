"""How cost grows: mention finding and first render on synthetic articles of growing size."""

from __future__ import annotations

import random
import re

from bench.common import median, timed
from core.analysis import analyse
from core.markup.article import Highlighting, reader_html
from core.markup.style import panel
from core.mentions import build_alias_index, find_mentions
from core.model import Actor, ArticleMeta, Bundle

SIZES = (10_000, 100_000, 1_000_000)
ALIAS_COUNTS = (10, 100, 1_000)
WORDS = [
    "the",
    "talks",
    "said",
    "and",
    "of",
    "government",
    "summit",
    "in",
    "sanctions",
    "a",
    "deal",
    "with",
    "relationship",
    "energy",
    "after",
    "pressure",
    "to",
]
PARAGRAPH_CHARS = 800


SYLLABLES = [
    "ka",
    "ve",
    "sh",
    "to",
    "lo",
    "mir",
    "an",
    "dre",
    "zo",
    "fa",
    "ri",
    "qu",
    "el",
    "ba",
    "nu",
    "os",
    "ti",
    "gra",
    "pe",
    "hu",
    "yo",
    "ix",
    "cor",
    "wen",
]


def _name(rng: random.Random) -> str:
    """A made-up proper name, so aliases start with varied letters as real names do."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def synthetic_aliases(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """`count` distinct (alias, actor id) pairs: names of one to three words."""
    aliases: dict[str, str] = {}
    while len(aliases) < count:
        alias = " ".join(_name(rng) for _ in range(rng.randint(1, 3)))
        aliases.setdefault(alias, f"actor-{len(aliases)}")
    return list(aliases.items())


def synthetic_text(chars: int, aliases: list[tuple[str, str]], rng: random.Random) -> str:
    """Plain words with an alias (sometimes possessive) about every tenth word."""
    pieces, size = [], 0
    while size < chars:
        word = rng.choice(WORDS)
        if rng.random() < 0.1:
            word = rng.choice(aliases)[0] + rng.choice(("", "", "’s", "'s"))
        pieces.append(word)
        size += len(word) + 1
    return " ".join(pieces)


def plain_alternation(aliases: list[tuple[str, str]]) -> re.Pattern:
    """The baseline: one regex alternation of every alias, longest first, on word boundaries."""
    ordered = sorted((alias for alias, _ in aliases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")


def _bundle(text: str, aliases: list[tuple[str, str]]) -> Bundle:
    paragraphs = tuple(
        text[start : start + PARAGRAPH_CHARS] for start in range(0, len(text), PARAGRAPH_CHARS)
    )
    actors = tuple(
        Actor(actor_id, alias, "person", "", "", (alias,), "", "") for alias, actor_id in aliases
    )
    return Bundle("synthetic", ArticleMeta(title="Synthetic"), paragraphs, (), actors, (), ())


def _first_render(bundle: Bundle) -> int:
    """What a first view costs in the core: find all mentions, then build the reader HTML."""
    analysis = analyse(bundle)
    highlighting = Highlighting.for_bundle(bundle)
    return len(panel(reader_html(bundle, analysis.paragraph_spans, highlighting)))


def measure(chars: int, alias_count: int, repeat: int) -> dict:
    rng = random.Random(chars * 7 + alias_count)
    aliases = synthetic_aliases(alias_count, rng)
    text = synthetic_text(chars, aliases, rng)
    index = build_alias_index(aliases)
    pattern = plain_alternation(aliases)
    ours = median(timed(lambda: find_mentions(text, index), repeat))
    baseline = median(timed(lambda: pattern.findall(text), max(1, repeat // 3)))
    spans = find_mentions(text, index)
    found_by_regex = len(pattern.findall(text))
    render = median(timed(lambda: _first_render(_bundle(text, aliases)), max(1, repeat // 3)))
    return {
        "target_chars": chars,
        "text_chars": len(text),
        "aliases": alias_count,
        "mentions": len(spans),
        "same_mentions_as_regex": len(spans) == found_by_regex,
        "find_mentions_ms": ours * 1000,
        "regex_alternation_ms": baseline * 1000,
        "speedup_vs_regex": baseline / ours,
        "first_render_ms": render * 1000,
    }


def run() -> dict:
    rows = [
        measure(chars, count, repeat=3 if chars >= 1_000_000 else 9)
        for chars in SIZES
        for count in ALIAS_COUNTS
    ]
    largest = next(r for r in rows if r["target_chars"] == SIZES[-1] and r["aliases"] == 1000)
    return {
        "rows": rows,
        "speedup_at_1mb_1000_aliases": largest["speedup_vs_regex"],
        "target_speedup": 15.0,
    }
