"""Cards for an actor, an event, a teaser, and the panels for problems and notices."""

from __future__ import annotations

from collections.abc import Sequence

from core.dates import when_label
from core.markup.escaping import escape, reference_html
from core.markup.text import Highlighting, highlight, note_html, paragraph_link
from core.mentions import Span
from core.model import Actor, Event, Group, Note, Teaser
from core.problems import Problem


def actor_card_html(
    actor: Actor,
    group: Group | None,
    paragraphs: Sequence[int],
    events: Sequence[Event],
) -> str:
    """Role, group, description, evidence, paragraph links and events of one actor."""
    links = ", ".join(paragraph_link(number) for number in paragraphs) or "not in the article body"
    event_items = "".join(
        f"<li>{escape(when_label(e.start, e.end, e.qualifier))}: {escape(e.title)}</li>"
        for e in events
    )
    parts = [
        f'<div class="rr-tag">{escape(actor.kind)}</div><h2 class="rr-h">{escape(actor.name)}</h2>',
        f"<p>{escape(actor.role)}</p>" if actor.role else "",
        f"<p><strong>Camp:</strong> {escape(group.label)}</p>" if group else "",
        f"<p>{escape(actor.description)}</p>" if actor.description else "",
        f"<blockquote>“{escape(actor.evidence)}”</blockquote>",
        f"<p><strong>Mentioned in:</strong> {links}</p>",
        f"<p><strong>Events:</strong></p><ul>{event_items}</ul>" if event_items else "",
    ]
    return f'<div class="rr-card">{"".join(parts)}</div>'


def event_card_html(
    event: Event,
    actors: Sequence[Actor],
    source_label: str,
    paragraph: int | None,
) -> str:
    """An event with its date as written, status, actors, evidence and where it comes from."""
    where = paragraph_link(paragraph) if paragraph else escape(source_label)
    names = ", ".join(escape(actor.name) for actor in actors) or "none named"
    reference = reference_html(event.reference)
    parts = [
        f'<div class="rr-tag">{escape(event.status)} · {escape(event.lane)}</div>',
        f'<h2 class="rr-h">{escape(event.title)}</h2>',
        f"<p><strong>When:</strong> {escape(when_label(event.start, event.end, event.qualifier))}"
        f" (precision: {escape(event.start.precision)})</p>",
        f"<p>{escape(event.summary)}</p>" if event.summary else "",
        f"<p><strong>Actors:</strong> {names}</p>",
        f"<blockquote>“{escape(event.evidence)}”</blockquote>",
        f"<p><strong>Source:</strong> {where}</p>",
        f"<p><strong>Reference:</strong> {reference}</p>" if reference else "",
    ]
    return f'<div class="rr-card">{"".join(parts)}</div>'


def teaser_card_html(
    teaser: Teaser, spans: Sequence[Sequence[Span]], how: Highlighting, notes: Sequence[Note] = ()
) -> str:
    """A related-news teaser: kicker, headline, summary, date and image, mentions highlighted.

    `spans` holds the mentions of each of `teaser.texts`, in that order.
    """
    marked = [
        highlight(text, text_spans, how)
        for text, text_spans in zip(teaser.texts, spans, strict=True)
    ]
    title, *paragraphs, caption, credit = marked
    date = teaser.date.label() if teaser.date else "date not given on the page"
    image = " ".join(part for part in (caption, credit) if part)
    parts = [
        f'<div class="rr-tag">{escape(teaser.kicker)}</div>',
        f'<h2 class="rr-h">{title}</h2>',
        f'<p class="rr-muted">{escape(date)}</p>',
        "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
        f'<p class="rr-muted">Image: {image}</p>' if image else "",
        *(note_html(note) for note in notes),
    ]
    return f'<div class="rr-card">{"".join(parts)}</div>'


def problems_html(slug: str, problems: Sequence[Problem], blocking: bool = True) -> str:
    """The error panel: every problem of a bundle, each with where, what and what is valid."""
    heading = "cannot be shown as it is" if blocking else "opens, but its bundle needs fixing"
    items = "".join(
        f"<li><code>{escape(problem.location)}</code> · <strong>{escape(problem.field)}</strong>"
        f" = <code>{escape(repr(problem.shown_value))}</code>: expected {escape(problem.expected)}"
        f"{' (warning)' if problem.severity == 'warning' else ''}</li>"
        for problem in problems
    )
    return (
        f'<div class="rr-card" role="alert">'
        f'<h2 class="rr-h">The article “{escape(slug)}” {heading}</h2>'
        f"<p>{len(problems)} problem(s) in its bundle:</p><ul>{items}</ul></div>"
    )


def notices_html(notices: Sequence[str]) -> str:
    """Short notices, e.g. about ids in a link that this article does not have."""
    items = "".join(f"<li>{escape(notice)}</li>" for notice in notices)
    return f'<div class="rr-card" role="status"><ul>{items}</ul></div>'
