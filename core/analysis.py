"""Everything derived from a bundle once: mentions and glossary terms per paragraph, counts,
where each quote stands, what the margins hold, the sidebar's sections.

Plain data, no HTML and no links: the markup and the page assembly above it look things up
here. Nothing here imports the markup (core/markup/ builds on this module).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from core.mentions import TERM, Span, build_alias_index, find_mentions
from core.model import Actor, Bundle, Event, Note, Question, Teaser, in_time_order
from core.text import SearchableText
from core.vocabulary import ACTOR_KINDS

OTHER_ACTORS = "Other actors, by kind"


@dataclass(frozen=True)
class Margins:
    """What the reader shows beside each paragraph (by number): notes, questions, terms."""

    notes: dict[int, tuple[Note, ...]] = field(default_factory=dict)
    questions: dict[int, tuple[Question, ...]] = field(default_factory=dict)
    terms: tuple[tuple[Span, ...], ...] = ()

    def terms_of(self, number: int) -> tuple[Span, ...]:
        return self.terms[number - 1] if self.terms else ()


NO_MARGINS = Margins()


@dataclass(frozen=True)
class PlacedNote:
    """A reader's note and where its quote stands: an article paragraph, or a teaser."""

    note: Note
    paragraph: int | None = None
    teaser: Teaser | None = None


@dataclass(frozen=True, eq=False)  # identity hash: cached per bundle, used as a cache key
class Analysis:
    """Mentions of every actor in the article and the teasers, and what follows from them."""

    paragraph_spans: tuple[tuple[Span, ...], ...]
    teaser_spans: dict[str, tuple[tuple[Span, ...], ...]]
    mention_counts: Counter
    paragraphs_by_actor: dict[str, tuple[int, ...]]
    margins: Margins = NO_MARGINS
    sidebar_sections: tuple[tuple[str, tuple[Actor, ...]], ...] = ()
    events_by_date: tuple[Event, ...] = ()
    # The paragraph each event's evidence stands in (events quoted from a teaser have none).
    event_paragraphs: dict[str, int] = field(default_factory=dict)
    notes_by_teaser: dict[str, tuple[Note, ...]] = field(default_factory=dict)
    # Every reader's note in reading order: by paragraph, then the teasers (see `place_notes`).
    placed_notes: tuple[PlacedNote, ...] = ()

    def events_of(self, actor_ids: frozenset[str] | set[str]) -> tuple[Event, ...]:
        """Events that involve any of `actor_ids`, in time order."""
        return tuple(event for event in self.events_by_date if event.involves(actor_ids))


def analyse(bundle: Bundle) -> Analysis:
    """Find all mentions once; the views only look things up afterwards."""
    index = build_alias_index(
        (alias, actor.id) for actor in bundle.actors for alias in actor.aliases
    )
    paragraph_spans = tuple(tuple(find_mentions(text, index)) for text in bundle.paragraphs)
    teaser_spans = {
        teaser.id: tuple(tuple(find_mentions(text, index)) for text in teaser.texts)
        for teaser in bundle.teasers
    }
    counts: Counter = Counter()
    by_actor: dict[str, list[int]] = {}
    for number, spans in enumerate(paragraph_spans, 1):
        for span in spans:
            counts[span.key] += 1
            if by_actor.setdefault(span.key, [])[-1:] != [number]:
                by_actor[span.key].append(number)
    for spans_of_teaser in teaser_spans.values():
        counts.update(span.key for spans in spans_of_teaser for span in spans)
    return Analysis(
        paragraph_spans,
        teaser_spans,
        counts,
        {actor_id: tuple(numbers) for actor_id, numbers in by_actor.items()},
        _margins(bundle, paragraph_spans),
        tuple((label, tuple(members)) for label, members in actors_in_order(bundle)),
        in_time_order(bundle.events),
        _event_paragraphs(bundle),
        {teaser.id: _teaser_notes(bundle, teaser.id) for teaser in bundle.teasers},
        place_notes(bundle),
    )


def _margins(bundle: Bundle, mentions: tuple[tuple[Span, ...], ...]) -> Margins:
    """Notes, questions and glossary terms of each paragraph."""
    notes: dict[int, list[Note]] = {}
    for note in bundle.notes:
        number = bundle.paragraph_of(note.quote)
        if number is not None:
            notes.setdefault(number, []).append(note)
    questions: dict[int, list[Question]] = {}
    for question in bundle.questions:
        for number in question.paragraphs:
            questions.setdefault(number, []).append(question)
    return Margins(
        {number: tuple(placed) for number, placed in notes.items()},
        {number: tuple(placed) for number, placed in questions.items()},
        _glossary_spans(bundle, mentions),
    )


def _glossary_spans(bundle: Bundle, mentions) -> tuple[tuple[Span, ...], ...]:
    """Glossary terms in each paragraph, leaving out any that overlap an actor mention."""
    index = build_alias_index(
        (
            (surface, term.term)
            for term in bundle.glossary
            for surface in (term.term, *term.aliases)
        ),
        kind=TERM,
    )
    return tuple(
        tuple(t for t in find_mentions(text, index) if not _overlaps(t, actor_spans))
        for text, actor_spans in zip(bundle.paragraphs, mentions, strict=True)
    )


def _overlaps(span: Span, others) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)


def _event_paragraphs(bundle: Bundle) -> dict[str, int]:
    placed = {event.id: bundle.paragraph_of(event.evidence) for event in bundle.events}
    return {event_id: number for event_id, number in placed.items() if number is not None}


def _teaser_notes(bundle: Bundle, teaser_id: str) -> tuple[Note, ...]:
    """The reader's notes whose quote is in this teaser."""
    teaser = bundle.teaser_by_id[teaser_id]
    return tuple(note for note in bundle.notes if teaser.has_quote(note.quote))


def place_notes(bundle: Bundle) -> tuple[PlacedNote, ...]:
    """The reader's notes in the order a reader meets their quotes: the article's paragraphs
    from first to last (by where the quote starts), then the teasers in page order. A note
    whose quote stands nowhere (the validator rejects those) comes last."""
    places = [
        (SearchableText(text), number, None) for number, text in enumerate(bundle.paragraphs, 1)
    ]
    places += [(SearchableText.of(teaser.texts), None, teaser) for teaser in bundle.teasers]

    def where(note: Note) -> tuple[int, int, PlacedNote]:
        for order, (text, number, teaser) in enumerate(places):
            position = text.position(note.quote)
            if position is not None:
                return order, position, PlacedNote(note, number, teaser)
        return len(places), 0, PlacedNote(note)

    found = sorted((where(note) for note in bundle.notes), key=lambda item: item[:2])
    return tuple(placed for _, _, placed in found)


def actors_in_order(bundle: Bundle) -> list[tuple[str, list[Actor]]]:
    """Actors for the sidebar: each camp (in bundle order), then everyone else ordered by kind."""
    sections: list[tuple[str, list[Actor]]] = [
        (group.label, camp_members(bundle, group.id)) for group in bundle.groups
    ]
    kinds = {kind: number for number, kind in enumerate(ACTOR_KINDS)}
    others = [actor for actor in bundle.actors if actor.group not in bundle.group_by_id]
    others.sort(key=lambda actor: kinds.get(actor.kind, len(kinds)))
    sections.append((OTHER_ACTORS, others))
    return [(label, members) for label, members in sections if members]


def camp_members(bundle: Bundle, group_id: str) -> list[Actor]:
    return [actor for actor in bundle.actors if actor.group == group_id]
