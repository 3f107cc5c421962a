"""The bundle's plain dataclasses: what one curated article holds, and what each row can say
about itself (an event's dates, where a quote stands).

Everything above the loader (analysis, markup, page assembly, the drafting engine) works on
these; a new bundle field is added here, in core/vocabulary.py (its column) and in
core/checks.py (how it is read and checked).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from core.dates import PartialDate, when_label
from core.problems import Problem
from core.text import SearchableText
from core.vocabulary import CONFIRMED, CONTEXT_SOURCE, SUGGESTED, TEASER_SOURCE_PREFIX

# The front matter fields that are quoted from the page, where evidence may stand too.
QUOTED_META = ("title", "dek", "republication_credit", "image_caption", "image_credit")


def teaser_texts(title: str, summary: str, image_caption: str, image_credit: str):
    """A teaser's shown texts in reading order: title, summary paragraphs, caption, credit."""
    paragraphs = (p.strip() for p in re.split(r"\n\s*\n", summary) if p.strip())
    return (title, *paragraphs, image_caption, image_credit)


def quote_places(
    paragraphs: Sequence[str], meta: Mapping[str, object], teasers: Iterable[Sequence[str]]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Everywhere a quote (an evidence, a note's quote) may stand, each with what to call it
    and its texts (a quote never runs from one text into the next): '¶1'…, the quoted front
    matter ('title', 'dek', 'image caption'…), then 'teaser 1'… (`teasers` holds each teaser's
    `teaser_texts`). The validator and the Prepare page look quotes up here."""
    places = [(f"¶{number}", (text,)) for number, text in enumerate(paragraphs, 1)]
    places += [(key.replace("_", " "), (str(meta.get(key) or ""),)) for key in QUOTED_META]
    places += [(f"teaser {n}", tuple(texts)) for n, texts in enumerate(teasers, 1)]
    return tuple(places)


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
    # When the text was written, by internal evidence, where the page states no date;
    # `published_note` says how it is known.
    written: PartialDate | None = None
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

    def matches(self, query: str) -> bool:
        """Case-insensitive search on name, role or any alias; an empty query matches all."""
        query = query.strip().casefold()
        return not query or any(
            query in text.casefold() for text in (self.name, self.role, *self.aliases)
        )


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

    def when_label(self) -> str:
        """The date as written, for readers: 'after Feb 2022', '2014–2015', '19 Jul 2022'."""
        return when_label(self.start, self.end, self.qualifier)

    def first_day(self) -> dt.date:
        """The earliest day the event may mean; events are put in time order by this."""
        return self.start.first_day()

    def last_day(self) -> dt.date:
        """The latest day the event may mean (inclusive): the end's, or the start's."""
        return (self.end or self.start).last_day()

    def covers_year(self, year: int) -> bool:
        """True when any day the event may mean falls in `year`."""
        return self.first_day().year <= year <= self.last_day().year

    def involves(self, actor_ids: Iterable[str]) -> bool:
        return not set(self.actors).isdisjoint(actor_ids)

    @property
    def teaser_id(self) -> str | None:
        """The teaser the event comes from, if it comes from one."""
        if self.source.startswith(TEASER_SOURCE_PREFIX):
            return self.source.removeprefix(TEASER_SOURCE_PREFIX)
        return None

    @property
    def is_background(self) -> bool:
        """Background the text does not state (it carries a public reference instead)."""
        return self.source == CONTEXT_SOURCE


def in_time_order(events: Iterable[Event]) -> tuple[Event, ...]:
    """Events by the first day each may mean; events on the same day keep their order."""
    return tuple(sorted(events, key=Event.first_day))


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
        return self.texts[1:-2]

    @property
    def texts(self) -> tuple[str, ...]:
        """Every shown text in reading order: title, summary paragraphs, caption, credit."""
        return teaser_texts(self.title, self.summary, self.image_caption, self.image_credit)

    def has_quote(self, quote: str) -> bool:
        return SearchableText.of(self.texts).has_quote(quote)


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

    @property
    def needs_review(self) -> bool:
        """A draft, or a bundle with suggestions no person has confirmed yet."""
        return self.meta.draft or self.suggestion_count > 0

    def paragraph_of(self, quote: str) -> int | None:
        """The 1-based number of the article paragraph that holds `quote`, if any."""
        for number, paragraph in enumerate(self.paragraphs, 1):
            if SearchableText(paragraph).has_quote(quote):  # paragraphs are folded on loading
                return number
        return None
