"""Cards for an actor, an event, a teaser, and the panels for problems and notices."""

from __future__ import annotations

from collections.abc import Sequence

from core.markup.article import Highlighting, highlight, note_html, paragraph_link
from core.markup.escaping import EMPTY, Html, join, reference_html
from core.mentions import Span
from core.model import Actor, Event, Group, Note, Teaser
from core.problems import Problem
from core.state import SAME_PAGE, Links
from core.text import plural

_CARD = Html('<div class="rr-card">{}</div>')
# A card for something the reader chose names it, so the page script can bring a new one
# into view (core/markup/script.py).
_CHOSEN_CARD = Html('<div class="rr-card" data-rr-card="{}-{}">{}</div>')
_BLOCKQUOTE = Html("<blockquote>“{}”</blockquote>")


def actor_card_html(
    actor: Actor,
    group: Group | None,
    paragraphs: Sequence[int],
    events: Sequence[Event],
    links: Links = SAME_PAGE,
) -> Html:
    """Role, group, description, evidence, paragraph links and events of one actor."""
    mentioned = join((paragraph_link(number, links) for number in paragraphs), ", ")
    event_items = join(Html("<li>{}: {}</li>").format(e.when_label(), e.title) for e in events)
    parts = [
        Html('<div class="rr-tag">{}</div><h2 class="rr-h">{}</h2>').format(actor.kind, actor.name),
        Html("<p>{}</p>").format(actor.role) if actor.role else EMPTY,
        Html("<p><strong>Camp:</strong> {}</p>").format(group.label) if group else EMPTY,
        Html("<p>{}</p>").format(actor.description) if actor.description else EMPTY,
        _BLOCKQUOTE.format(actor.evidence),
        Html("<p><strong>Mentioned in:</strong> {}</p>").format(
            mentioned or "not in the article body"
        ),
        Html("<p><strong>Events:</strong></p><ul>{}</ul>").format(event_items)
        if event_items
        else EMPTY,
    ]
    return _CHOSEN_CARD.format("actor", actor.id, join(parts))


def event_card_html(
    event: Event,
    actors: Sequence[Actor],
    source_label: str,
    paragraph: int | None,
    links: Links = SAME_PAGE,
) -> Html:
    """An event with its date as written, status, actors, evidence and where it comes from."""
    where = paragraph_link(paragraph, links) if paragraph else source_label
    names = ", ".join(actor.name for actor in actors) or "none named"
    reference = reference_html(event.reference)
    parts = [
        Html('<div class="rr-tag">{} · {}</div>').format(event.status, event.lane),
        Html('<h2 class="rr-h">{}</h2>').format(event.title),
        Html("<p><strong>When:</strong> {} (precision: {})</p>").format(
            event.when_label(), event.start.precision
        ),
        Html("<p>{}</p>").format(event.summary) if event.summary else EMPTY,
        Html("<p><strong>Actors:</strong> {}</p>").format(names),
        _BLOCKQUOTE.format(event.evidence),
        Html("<p><strong>Source:</strong> {}</p>").format(where),
        Html("<p><strong>Reference:</strong> {}</p>").format(reference) if reference else EMPTY,
    ]
    return _CHOSEN_CARD.format("event", event.id, join(parts))


def teaser_card_html(
    teaser: Teaser,
    spans: Sequence[Sequence[Span]],
    highlighting: Highlighting,
    notes: Sequence[Note] = (),
) -> Html:
    """A related-news teaser: kicker, headline, summary, date and image, mentions highlighted.

    `spans` holds the mentions of each of `teaser.texts`, in that order.
    """
    marked = [
        highlight(text, text_spans, highlighting)
        for text, text_spans in zip(teaser.texts, spans, strict=True)
    ]
    title, *paragraphs, caption, credit = marked
    date = teaser.date.label() if teaser.date else "date not given on the page"
    image = join((part for part in (caption, credit) if part), " ")
    parts = [
        Html('<div class="rr-tag">{}</div>').format(teaser.kicker),
        Html('<h2 class="rr-h">{}</h2>').format(title),
        Html('<p class="rr-muted">{}</p>').format(date),
        join(Html("<p>{}</p>").format(paragraph) for paragraph in paragraphs),
        Html('<p class="rr-muted">Image: {}</p>').format(image) if image else EMPTY,
        *(note_html(note, collapsed=True) for note in notes),
    ]
    return _CARD.format(join(parts))


def problems_html(slug: str, problems: Sequence[Problem], blocking: bool = True) -> Html:
    """The error panel: every problem of a bundle, each with where, what and what is valid."""
    heading = "cannot be shown as it is" if blocking else "opens, but its bundle needs fixing"
    item = Html("<li><code>{}</code> · <strong>{}</strong> = <code>{}</code>: expected {}{}</li>")
    items = join(
        item.format(
            problem.location,
            problem.field,
            repr(problem.shown_value),
            problem.expected,
            " (warning)" if problem.severity == "warning" else "",
        )
        for problem in problems
    )
    return Html(
        '<div class="rr-card" role="alert"><h2 class="rr-h">The article “{}” {}</h2>'
        "<p>{} in its bundle:</p><ul>{}</ul></div>"
    ).format(slug, heading, plural(len(problems), "problem"), items)


def notices_html(notices: Sequence[str]) -> Html:
    """Short notices, e.g. about ids in a link that this article does not have."""
    items = join(Html("<li>{}</li>").format(notice) for notice in notices)
    return Html('<div class="rr-card" role="status"><ul>{}</ul></div>').format(items)
