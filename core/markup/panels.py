"""The classroom panels: camps side by side, questions, glossary, notes, presenter view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.dates import when_label
from core.markup.escaping import escape, reference_html, safe_href
from core.markup.text import (
    Highlighting,
    Margins,
    highlight,
    note_html,
    paragraph_id,
    paragraph_link,
)
from core.mentions import Span
from core.model import Actor, Bundle, Event, Group, Question


@dataclass(frozen=True)
class Places:
    """Where panels link to: the paragraph holding a quote, and the link to a paragraph.

    In the app a paragraph link opens the reader at that paragraph; in the handout, where the
    article is on the same page, it is an in-page anchor.
    """

    paragraph_of: Callable[[str], int | None]
    paragraph_href: Callable[[int], str] = lambda number: f"#{paragraph_id(number)}"

    def link(self, number: int) -> str:
        return paragraph_link(number, self.paragraph_href(number))

    def quote(self, quote: str) -> str:
        number = self.paragraph_of(quote)
        where = f" ({self.link(number)})" if number else ""
        return f"<blockquote>“{escape(quote)}”{where}</blockquote>"


def camps_html(bundle: Bundle, members: dict[str, list[Actor]], places: Places) -> str:
    """One column per group: what the text says it wants, its members, each with evidence."""
    columns = [_camp_column(group, members.get(group.id, []), places) for group in bundle.groups]
    return f'<div class="rr-camps">{"".join(columns)}</div>'


def _camp_column(group: Group, members: list[Actor], places: Places) -> str:
    items = "".join(
        f"<li><strong>{escape(actor.name)}</strong>"
        f"{' — ' + escape(actor.role) if actor.role else ''}{places.quote(actor.evidence)}</li>"
        for actor in members
    )
    return (
        f'<section class="rr-card"><h2 class="rr-h">{escape(group.label)}</h2>'
        f"<p><strong>What the text says they want:</strong> {escape(group.description)}</p>"
        f"{places.quote(group.evidence)}"
        f"<p><strong>Members ({len(members)}):</strong></p><ul>{items}</ul></section>"
    )


def questions_html(bundle: Bundle, links: dict[int, str] | None, places: Places) -> str:
    """Every discussion question with what it is about, a link to its view and the note.

    Without `links` (a handout on paper or on disk) there is no view to open, so no link.
    """
    items = "".join(_question_item(bundle, question, (links or {}).get(question.number), places)
                    for question in bundle.questions)  # fmt: skip
    return f'<ol class="rr-questions">{items}</ol>'


def _question_item(bundle: Bundle, question: Question, link: str | None, places: Places) -> str:
    about = [", ".join(places.link(number) for number in question.paragraphs)]
    about += [escape(bundle.actor_by_id[a].name) for a in question.actors]
    about += [escape(bundle.event_by_id[e].title) for e in question.events]
    note = f'<p class="rr-muted">{escape(question.note)}</p>' if question.note else ""
    opener = f'<p><a href="{safe_href(link)}">Open this question’s view</a></p>' if link else ""
    return (
        f'<li id="rr-q-{question.number}"><p><strong>{escape(question.text)}</strong></p>'
        f'<p class="rr-muted">About: {"; ".join(part for part in about if part)}</p>'
        f"{opener}{note}</li>"
    )


def glossary_html(bundle: Bundle) -> str:
    """Terms and their definitions, each with the source the definition was checked against."""
    rows = "".join(
        f"<dt>{escape(term.term)}"
        f"{' (' + escape(', '.join(term.aliases)) + ')' if term.aliases else ''}</dt>"
        f"<dd>{escape(term.definition)}"
        f' <span class="rr-muted">Source: {reference_html(term.reference)}</span></dd>'
        for term in sorted(bundle.glossary, key=lambda term: term.term.casefold())
    )
    return f'<dl class="rr-glossary">{rows}</dl>'


def notes_list_html(bundle: Bundle, places: Places) -> str:
    """Every reader's note with where its quote stands."""
    items = []
    for note in bundle.notes:
        number = places.paragraph_of(note.quote)
        place = places.link(number) if number else "related news"
        items.append(f'<li id="rr-note-{escape(note.id)}">{place}: {note_html(note)}</li>')
    return f'<ul class="rr-notes">{"".join(items)}</ul>'


def presenter_html(
    bundle: Bundle,
    number: int,
    spans: Sequence[Span],
    how: Highlighting,
    margins: Margins,
    events: Sequence[Event],
) -> str:
    """One paragraph in large type, with its actors, events, notes and questions beside it."""
    text = bundle.paragraphs[number - 1]
    terms = margins.terms[number - 1] if margins.terms else ()
    actors = list(dict.fromkeys(span.actor_id for span in spans))
    side = [_presenter_actors(bundle, actors), _presenter_events(events)]
    side += [note_html(note) for note in margins.notes.get(number, ())]
    side += [f"<p><strong>Q{q.number}.</strong> {escape(q.text)}</p>"
             for q, _ in margins.questions.get(number, ())]  # fmt: skip
    return (
        f'<div class="rr-present"><div class="rr-present-text" id="rr-p-{number}">'
        f'<div class="rr-tag">¶{number} of {len(bundle.paragraphs)} · '
        f"{escape(bundle.meta.title)}</div><p>{highlight(text, spans, how, terms)}</p></div>"
        f'<aside class="rr-present-side">{"".join(side)}</aside></div>'
    )


def _presenter_actors(bundle: Bundle, actor_ids: list[str]) -> str:
    if not actor_ids:
        return ""
    items = "".join(
        f"<li><strong>{escape(bundle.actor_by_id[a].name)}</strong>"
        f"{' — ' + escape(bundle.actor_by_id[a].role) if bundle.actor_by_id[a].role else ''}</li>"
        for a in actor_ids
    )
    return f'<h2 class="rr-h">Actors</h2><ul>{items}</ul>'


def _presenter_events(events: Sequence[Event]) -> str:
    if not events:
        return ""
    items = "".join(
        f"<li>{escape(when_label(e.start, e.end, e.qualifier))}: {escape(e.title)}"
        f" <em>({escape(e.status)})</em></li>"
        for e in events
    )
    return f'<h2 class="rr-h">Events</h2><ul>{items}</ul>'
