"""Problems found in a bundle: each names the file, line, field, bad value and what is valid."""

from __future__ import annotations

from dataclasses import dataclass

from core.text import plural

_SHOWN_VALUE_CHARS = 120
# The row checks' rules (core/checks.py): an empty required cell, a value outside a list, a
# date that is not YYYY, YYYY-MM or YYYY-MM-DD, a quote not found verbatim, a word not found
# in the text, an id taken or malformed, an alias on two actors, a reference to a missing row,
# an end before its start.
REQUIRED, CHOICE, DATE, QUOTE, PHRASE = "required", "choice", "date", "quote", "phrase"
IDENT, SHARED_ALIAS, REFERENCE, ORDER = "id", "shared alias", "reference", "order"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bundle; 'warning' ones still let the article open.

    `row` is the id of the table row it concerns (the term, for a glossary row), so a tool
    can go straight to that row; `rule` names the check that failed (one of RULES), so a tool
    can word it its own way without reading `expected`.
    """

    file: str
    line: int | None
    field: str
    value: str
    expected: str
    severity: str = "error"
    row: str = ""
    rule: str = ""

    @property
    def location(self) -> str:
        """'actors.csv:7' or just 'actors.csv' when no line applies."""
        return f"{self.file}:{self.line}" if self.line else self.file

    @property
    def shown_value(self) -> str:
        """The bad value, shortened so a 50 MB cell cannot flood the screen."""
        value = str(self.value)
        if len(value) > _SHOWN_VALUE_CHARS:
            return value[:_SHOWN_VALUE_CHARS] + f"… ({len(value)} characters)"
        return value

    def __str__(self) -> str:
        return f"{self.location}: {self.field} {self.shown_value!r}: {self.expected}"


class BundleError(Exception):
    """A bundle that cannot be opened; carries every problem found, not just the first."""

    def __init__(self, slug: str, problems: list[Problem]):
        self.slug = slug
        self.problems = tuple(problems)
        super().__init__(f"article {slug!r} has {plural(len(problems), 'problem')}")
