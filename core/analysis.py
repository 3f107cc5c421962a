"""Everything derived from a bundle once: mentions per paragraph, counts, where quotes are."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from core.mentions import Span, build_alias_index, find_mentions
from core.model import Actor, Bundle, Event
from core.text import fold_whitespace


@dataclass(frozen=True, eq=False)  # identity hash: cached per bundle, used as a cache key
class Analysis:
    """Mentions of every actor in the article and the teasers, and what follows from them."""

    paragraph_spans: tuple[tuple[Span, ...], ...]
    teaser_spans: dict[str, tuple[tuple[Span, ...], ...]]
    mention_counts: Counter
    paragraphs_by_actor: dict[str, tuple[int, ...]]


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
            counts[span.actor_id] += 1
            if by_actor.setdefault(span.actor_id, [])[-1:] != [number]:
                by_actor[span.actor_id].append(number)
    for spans_of_teaser in teaser_spans.values():
        counts.update(span.actor_id for spans in spans_of_teaser for span in spans)
    paragraphs = {actor_id: tuple(numbers) for actor_id, numbers in by_actor.items()}
    return Analysis(paragraph_spans, teaser_spans, counts, paragraphs)


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
    kinds = {kind: number for number, kind in enumerate(KIND_ORDER)}
    others = [actor for actor in bundle.actors if actor.group not in bundle.group_by_id]
    others.sort(key=lambda actor: kinds.get(actor.kind, len(kinds)))
    sections.append(("Other actors, by kind", others))
    return [(label, members) for label, members in sections if members]


KIND_ORDER = ("country", "bloc", "organisation", "person", "media", "agreement")
