"""The Prepare page's steps, in one table: a step is added or moved here and nowhere else.

A step is known by its key everywhere (the Work, a saved draft, the page's views); its number
is only its place in the table, shown to the teacher.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """`name` is short (the step pills, Back and Next); `title` heads the step's screen."""

    key: str
    name: str
    title: str


STEPS = (
    Step("source", "Source", "Source"),
    Step("paragraphs", "Paragraphs", "Paragraphs: keep, teaser or leave out"),
    Step("about", "About", "About the article"),
    Step("actors", "Actors", "Actors"),
    Step("events", "Events", "Events"),
    Step("camps", "Camps", "Camps (optional)"),
    Step("questions", "Questions", "Questions and glossary (optional)"),
    Step("preview", "Preview", "Preview and publish"),
)
KEYS = tuple(step.key for step in STEPS)
SOURCE, PARAGRAPHS, ABOUT, ACTORS, EVENTS, CAMPS, QUESTIONS, PREVIEW = KEYS
_BY_KEY = {step.key: step for step in STEPS}
# Drafts saved before steps had keys stored the step's number in the seven steps of then.
_NUMBERED = dict(enumerate((SOURCE, PARAGRAPHS, ABOUT, ACTORS, EVENTS, CAMPS, PREVIEW), 1))


def step(key: str) -> Step:
    """The step called `key`; KeyError for a key that names none."""
    return _BY_KEY[key]


def number(key: str) -> int:
    """The step's place, counted from 1, as the teacher sees it ('Step 4 of 8')."""
    return KEYS.index(key) + 1


def after(key: str, offset: int = 1) -> Step | None:
    """The step `offset` places after `key` (before it, for a negative one); None past an end."""
    place = KEYS.index(key) + offset
    return STEPS[place] if 0 <= place < len(STEPS) else None


def saved_step(value: object) -> str:
    """The step a saved draft names: a key, or the number an older draft stored.

    Raises ValueError for anything else."""
    if isinstance(value, str) and value in _BY_KEY:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value in _NUMBERED:
        return _NUMBERED[value]
    raise ValueError(f"step {value!r}")
