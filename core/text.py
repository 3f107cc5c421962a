"""Text helpers shared by the core: whitespace folding, id lists, and the one quote matcher."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from core.vocabulary import FORMULA_STARTS

_WHITESPACE = re.compile(r"\s+")


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WHITESPACE.sub(" ", text).strip()


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 answer', '3 answers', '2 people' (with `many`): every count the app shows in words."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def as_they_are(count: int) -> str:
    """'it is' for one, 'they are' for more: 'accept 1 event as it is'."""
    return "it is" if count == 1 else "they are"


def split_ids(cell: str) -> tuple[str, ...]:
    """'a|b| c' -> ('a', 'b', 'c'); empty parts dropped, inner whitespace folded.

    Folded because the article's paragraphs are folded when loaded: an alias typed with a
    double space must still match the text.
    """
    return tuple(fold_whitespace(part) for part in cell.split("|") if part.strip())


def starts_like_formula(cell: str) -> bool:
    """True for a cell a spreadsheet would run as a formula: it starts with one of
    FORMULA_STARTS, also after leading blanks or invisible characters (a zero-width space),
    which some spreadsheets drop on import, and in its full-width form ('＝', '＋')."""
    if cell.startswith(FORMULA_STARTS):
        return True
    start = _blank_lead(cell)
    return start < len(cell) and _is_formula_sign(cell[start])


def formula_lead(cell: str) -> int:
    """How many characters at the start of `cell` are blanks, invisible characters or
    formula signs: what to cut so that no spreadsheet runs it."""
    position = 0
    while position < len(cell):
        position = _blank_lead(cell, position)
        if position < len(cell) and _is_formula_sign(cell[position]):
            position += 1
        else:
            break
    return position


def _blank_lead(cell: str, position: int = 0) -> int:
    """The position after the blanks and invisible (format) characters from `position`."""
    while position < len(cell) and (
        cell[position].isspace() or unicodedata.category(cell[position]) == "Cf"
    ):
        position += 1
    return position


def _is_formula_sign(char: str) -> bool:
    return char in FORMULA_STARTS or unicodedata.normalize("NFKC", char) in FORMULA_STARTS


def spreadsheet_cell(cell: str) -> str:
    """OWASP's guard for a cell that would run as a formula: a leading single quote, which a
    spreadsheet takes as "this is text" and does not show."""
    return "'" + cell if starts_like_formula(cell) else cell


@dataclass(frozen=True)
class SearchableText:
    """Texts that quotes and phrases are looked up in, the one place that decides a match.

    Each text is whitespace-folded once and kept apart from the next by a line break, so a
    quote never runs from one text (a paragraph, a teaser's title) into another.
    """

    folded: str

    @classmethod
    def of(cls, texts: Iterable[str]) -> SearchableText:
        return cls("\n".join(fold_whitespace(text) for text in texts))

    def has_quote(self, quote: str) -> bool:
        """True when `quote` stands here verbatim (whitespace folded); never for an empty one."""
        return self.position(quote) is not None

    def position(self, quote: str, start: int = 0) -> int | None:
        """Where `quote` first stands here (in the folded text) from `start` on, or None."""
        needle = fold_whitespace(quote)
        found = self.folded.find(needle, start) if needle else -1
        return None if found < 0 else found

    def has_phrase(self, phrase: str) -> bool:
        """True when `phrase` occurs as whole words: 'Iran' in "Iran's", not in 'Iranian'."""
        return bool(phrase) and bool(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", self.folded))
