"""The bundle's plain dataclasses: what one curated article holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from core.dates import PartialDate
from core.problems import Problem
from core.vocabulary import CONFIRMED, SUGGESTED, is_valid_id


@dataclass(frozen=True)
class ArticleMeta:
    """The article's front matter; empty strings where the bundle leaves a field out."""

    title: str
    dek: str = ""
    section: str = ""
    publisher: str = ""
    original_publisher: str = ""
    republication_credit: str = ""
    published: PartialDate | None = None
    published_reference: str = ""
    published_note: str = ""
    image_caption: str = ""
    image_credit: str = ""
    byline: str = ""
    # A bundle drafted from a page, not yet reviewed and published by a person.
    draft: bool = False


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    description: str
    evidence: str
    review: str = CONFIRMED


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    role: str
    group: str
    aliases: tuple[str, ...]
    description: str
    evidence: str
    review: str = CONFIRMED


@dataclass(frozen=True)
class Event:
    id: str
    start: PartialDate
    end: PartialDate | None
    qualifier: str
    title: str
    summary: str
    lane: str
    actors: tuple[str, ...]
    status: str
    evidence: str
    source: str
    reference: str
    review: str = CONFIRMED


@dataclass(frozen=True)
class Teaser:
    id: str
    kicker: str
    title: str
    summary: str
    date: PartialDate | None
    image_caption: str
    image_credit: str
    review: str = CONFIRMED

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The summary's blank-line separated paragraphs."""
        return tuple(p.strip() for p in re.split(r"\n\s*\n", self.summary) if p.strip())

    @property
    def texts(self) -> tuple[str, ...]:
        """Every shown text in reading order: title, summary paragraphs, caption, credit."""
        return (self.title, *self.paragraphs, self.image_caption, self.image_credit)


@dataclass(frozen=True)
class Question:
    """A discussion question and what it is about: paragraphs, actors, events."""

    number: int
    text: str
    paragraphs: tuple[int, ...]
    actors: tuple[str, ...]
    events: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Term:
    """A glossary entry; `aliases` are other spellings of the term in the text."""

    term: str
    aliases: tuple[str, ...]
    definition: str
    reference: str


@dataclass(frozen=True)
class Note:
    """A reader's note anchored to a verbatim quote of the article or a teaser."""

    id: str
    quote: str
    kind: str
    note: str
    reference: str


# eq=False: a bundle is compared and hashed by identity, so caches keyed on it cost nothing
# to look up (one loaded bundle object stands for one version of the files).
@dataclass(frozen=True, eq=False)
class Bundle:
    """One article with everything curated about it; `warnings` did not stop it loading."""

    slug: str
    meta: ArticleMeta
    paragraphs: tuple[str, ...]
    groups: tuple[Group, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    teasers: tuple[Teaser, ...]
    questions: tuple[Question, ...] = ()
    glossary: tuple[Term, ...] = ()
    notes: tuple[Note, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())

    @cached_property
    def actor_by_id(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in self.actors}

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self.events}

    @cached_property
    def group_by_id(self) -> dict[str, Group]:
        return {group.id: group for group in self.groups}

    @cached_property
    def teaser_by_id(self) -> dict[str, Teaser]:
        return {teaser.id: teaser for teaser in self.teasers}

    @cached_property
    def suggestion_count(self) -> int:
        """Rows a drafting engine suggested that no person has confirmed yet."""
        rows = (*self.groups, *self.actors, *self.events, *self.teasers)
        return sum(row.review == SUGGESTED for row in rows)


def is_valid_slug(slug: object) -> bool:
    """True for lowercase-kebab names such as 'iran-russia'; never for paths."""
    return is_valid_id(slug)
