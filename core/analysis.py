"""Everything derived from a bundle once: mentions per paragraph, counts, where quotes are."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from core.markup import Margins, term_key
from core.mentions import Span, build_alias_index, find_mentions
from core.model import Actor, Bundle, Event, Note, Teaser
from core.state import href, question_view
from core.text import fold_whitespace
from core.vocabulary import ACTOR_KINDS


@dataclass(frozen=True, eq=False)  # identity hash: cached per bundle, used as a cache key
class Analysis:
    """Mentions of every actor in the article and the teasers, and what follows from them."""

    paragraph_spans: tuple[tuple[Span, ...], ...]
    teaser_spans: dict[str, tuple[tuple[Span, ...], ...]]
    mention_counts: Counter
    paragraphs_by_actor: dict[str, tuple[int, ...]]
    term_spans: tuple[tuple[Span, ...], ...] = ()
    sidebar_sections: tuple[tuple[str, tuple[Actor, ...]], ...] = ()
    events_by_date: tuple[Event, ...] = ()


def analyse(bundle: Bundle) -> Analysis:
    """Find all mentions once; the views only look things up afterwards."""
    index = build_alias_index(
        (alias, actor.id) for actor in bundle.actors for alias in actor.aliases
    )
    paragraph_spans = tuple(tuple(find_mentions(text, index)) for text in bundle.paragraphs)
    term_spans = _glossary_spans(bundle, paragraph_spans)
    teaser_spans = {
        teaser.id: tuple(tuple(find_mentions(text, index)) for text in teaser.texts)
        for teaser in bundle.teasers
    }
    counts: Counter = Counter()
    by_actor: dict[str, list[int]] = {}
    for number, spans in enumerate(paragraph_spans, 1):
        for span in spans:
            counts[span.actor_id] += 1
            if by_actor.setdefault(span.actor_id, [])[-1:] != [number]:
                by_actor[span.actor_id].append(number)
    for spans_of_teaser in teaser_spans.values():
        counts.update(span.actor_id for spans in spans_of_teaser for span in spans)
    paragraphs = {actor_id: tuple(numbers) for actor_id, numbers in by_actor.items()}
    sections = tuple((label, tuple(members)) for label, members in actors_in_order(bundle))
    by_date = tuple(sorted(bundle.events, key=lambda event: event.start.first_day()))
    return Analysis(
        paragraph_spans, teaser_spans, counts, paragraphs, term_spans, sections, by_date
    )


def _glossary_spans(bundle: Bundle, mentions) -> tuple[tuple[Span, ...], ...]:
    """Glossary terms in each paragraph, leaving out any that overlap an actor mention."""
    index = build_alias_index(
        (surface, term_key(number))
        for number, term in enumerate(bundle.glossary)
        for surface in (term.term, *term.aliases)
    )
    return tuple(
        tuple(t for t in find_mentions(text, index) if not _overlaps(t, actor_spans))
        for text, actor_spans in zip(bundle.paragraphs, mentions, strict=True)
    )


def _overlaps(span: Span, others) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)


def question_links(bundle: Bundle) -> dict[int, str]:
    """For each question number, the link that opens the question's view."""
    return {q.number: href(question_view(bundle.slug, q)) for q in bundle.questions}


def margins(bundle: Bundle, analysis: Analysis, links: dict[int, str] | None = None) -> Margins:
    """Notes, question links and glossary spans for each paragraph of the reader.

    `links` are where the question links go (default: each question's view in the app).
    """
    notes: dict[int, list[Note]] = {}
    for note in bundle.notes:
        number = quote_paragraph(bundle, note.quote)
        if number is not None:
            notes.setdefault(number, []).append(note)
    questions: dict[int, list] = {}
    links = links if links is not None else question_links(bundle)
    for question in bundle.questions:
        link = links[question.number]
        for number in question.paragraphs:
            questions.setdefault(number, []).append((question, link))
    return Margins(
        {number: tuple(found) for number, found in notes.items()},
        {number: tuple(found) for number, found in questions.items()},
        analysis.term_spans,
    )


def quote_paragraph(bundle: Bundle, quote: str) -> int | None:
    """The 1-based number of the article paragraph that holds `quote`, if any."""
    needle = fold_whitespace(quote)
    for number, paragraph in enumerate(bundle.paragraphs, 1):
        if needle and needle in paragraph:
            return number
    return None


def source_label(bundle: Bundle, event: Event) -> str:
    """Where an event comes from, for readers: the article, a teaser, or background."""
    if event.source.startswith("teaser:"):
        teaser = bundle.teaser_by_id.get(event.source.removeprefix("teaser:"))
        return f"related news: {teaser.title}" if teaser else event.source
    return "background (not stated in the text)" if event.source == "context" else "the article"


def events_of(bundle: Bundle, actor_ids: frozenset[str] | set[str]) -> tuple[Event, ...]:
    """Events that involve any of `actor_ids`, in time order."""
    found = [event for event in bundle.events if actor_ids.intersection(event.actors)]
    return tuple(sorted(found, key=lambda event: event.start.first_day()))


def actors_in_order(bundle: Bundle) -> list[tuple[str, list[Actor]]]:
    """Actors for the sidebar: each camp (in bundle order), then everyone else ordered by kind."""
    sections: list[tuple[str, list[Actor]]] = [
        (group.label, [a for a in bundle.actors if a.group == group.id]) for group in bundle.groups
    ]
    kinds = {kind: number for number, kind in enumerate(ACTOR_KINDS)}
    others = [actor for actor in bundle.actors if actor.group not in bundle.group_by_id]
    others.sort(key=lambda actor: kinds.get(actor.kind, len(kinds)))
    sections.append(("Other actors, by kind", others))
    return [(label, members) for label, members in sections if members]


def teaser_notes(bundle: Bundle, teaser: Teaser) -> tuple[Note, ...]:
    """The reader's notes whose quote is in this teaser."""
    text = fold_whitespace(" \n ".join(teaser.texts))
    return tuple(note for note in bundle.notes if fold_whitespace(note.quote) in text)
