"""The classroom panels: camps side by side, questions, glossary, notes, presenter view."""

from __future__ import annotations

from collections.abc import Sequence

from core.analysis import Margins, PlacedNote
from core.markup.article import Highlighting, byline, highlight, note_html, paragraph_link
from core.markup.escaping import EMPTY, Html, join, reference_html, safe_href
from core.mentions import Span
from core.model import Actor, Bundle, Event, Group, Question
from core.state import Links, note_anchor, paragraph_anchor, question_anchor
from core.text import SearchableText

TEACHERS_NOTE = "Teacher’s note"


def _quote(bundle: Bundle, quote: str, links: Links) -> Html:
    """A quote, with a link to the paragraph it stands in."""
    number = bundle.paragraph_of(quote)
    where = Html(" ({})").format(paragraph_link(number, links)) if number else EMPTY
    return Html("<blockquote>“{}”{}</blockquote>").format(quote, where)


def camps_html(bundle: Bundle, members: dict[str, list[Actor]], links: Links) -> Html:
    """One column per group: what the text says it wants, its members, each with evidence."""
    columns = [
        _camp_column(bundle, group, members.get(group.id, []), links) for group in bundle.groups
    ]
    return Html('<div class="rr-camps">{}</div>').format(join(columns))


def _camp_column(bundle: Bundle, group: Group, members: list[Actor], links: Links) -> Html:
    shown = [group.evidence]
    items = []
    for actor in members:
        items.append(
            Html("<li><strong>{}</strong>{}{}</li>").format(
                actor.name,
                f" — {actor.role}" if actor.role else "",
                _evidence_once(bundle, actor.evidence, shown, links),
            )
        )
        shown.append(actor.evidence)
    return Html(
        '<section class="rr-card"><h2 class="rr-h">{}</h2>'
        "<p><strong>What the text says they want:</strong> {}</p>{}"
        "<p><strong>Members ({}):</strong></p><ul>{}</ul></section>"
    ).format(
        group.label,
        group.description,
        _quote(bundle, group.evidence, links),
        len(members),
        join(items),
    )


def _evidence_once(bundle: Bundle, quote: str, shown: list[str], links: Links) -> Html:
    """A member's evidence, unless the camp already shows it (or a quote that holds it): then a
    pointer to it, so one long passage is never printed twice in the same column."""
    if not SearchableText.of(shown).has_quote(quote):
        return _quote(bundle, quote, links)
    number = bundle.paragraph_of(quote)
    where = Html(", ¶{}").format(number) if number else EMPTY
    return Html('<p class="rr-muted">(evidence: the passage quoted above{})</p>').format(where)


def questions_html(bundle: Bundle, links: Links, teacher: bool = False) -> Html:
    """Every discussion question with what it is about and a link to its view; with `teacher`,
    each question's teacher's note (the expected answer), labelled as the teacher's.

    A handout has no app to open a view in, so there its questions have no such link.
    """
    items = join(_question_item(bundle, question, links, teacher) for question in bundle.questions)
    return Html('<ol class="rr-questions">{}</ol>').format(items)


def teachers_note_html(note: str) -> Html:
    """A teacher's note, labelled as such in words (it holds the expected answer)."""
    return Html(
        '<div class="rr-teacher" role="note"><span class="rr-tag">{}</span> {}</div>'
    ).format(TEACHERS_NOTE, note)


def _question_item(bundle: Bundle, question: Question, links: Links, teacher: bool) -> Html:
    about = [join((paragraph_link(number, links) for number in question.paragraphs), ", ")]
    about += [bundle.actor_by_id[a].name for a in question.actors]
    about += [bundle.event_by_id[e].title for e in question.events]
    note = teachers_note_html(question.note) if teacher and question.note else EMPTY
    view = links.question_view(question)
    opener = (
        Html('<p><a href="{}">Open this question’s view</a></p>').format(safe_href(view))
        if view
        else EMPTY
    )
    return Html(
        '<li id="{}"><p><strong>{}</strong></p><p class="rr-muted">About: {}</p>{}{}</li>'
    ).format(
        question_anchor(question.number),
        question.text,
        join((part for part in about if part), "; "),
        opener,
        note,
    )


def glossary_html(bundle: Bundle) -> Html:
    """Terms and their definitions, each with the source the definition was checked against."""
    entry = Html('<dt>{}{}</dt><dd>{} <span class="rr-muted">Source: {}</span></dd>')
    rows = join(
        entry.format(
            term.term,
            f" ({', '.join(term.aliases)})" if term.aliases else "",
            term.definition,
            reference_html(term.reference),
        )
        for term in sorted(bundle.glossary, key=lambda term: term.term.casefold())
    )
    return Html('<dl class="rr-glossary">{}</dl>').format(rows)


def notes_list_html(placed_notes: Sequence[PlacedNote], links: Links) -> Html:
    """Every reader's note, in reading order, with where its quote stands: a paragraph, or
    the related news item by its headline."""
    items = [
        Html('<li id="{}">{}: {}</li>').format(
            note_anchor(placed.note.id), _note_place(placed, links), note_html(placed.note)
        )
        for placed in placed_notes
    ]
    return Html('<ul class="rr-notes">{}</ul>').format(join(items))


def _note_place(placed: PlacedNote, links: Links) -> Html:
    if placed.paragraph is not None:
        return paragraph_link(placed.paragraph, links)
    if placed.teaser is not None:
        return Html("related news, “{}”").format(placed.teaser.title)
    return Html("related news")


def question_banner_html(bundle: Bundle, question: Question, links: Links) -> Html:
    """The discussion question a link opened, shown above the text: which of how many, the
    question, and links to the paragraphs it is about."""
    paragraphs = join((paragraph_link(number, links) for number in question.paragraphs), ", ")
    about = Html(" · read {}").format(paragraphs) if question.paragraphs else EMPTY
    return Html(
        '<section class="rr-question" aria-label="Discussion question {}">'
        '<div class="rr-tag">Discussion question {} of {}{}</div>'
        '<p class="rr-question-text">{}</p></section>'
    ).format(question.number, question.number, len(bundle.questions), about, question.text)


def presenter_html(
    bundle: Bundle,
    number: int,
    spans: Sequence[Span],
    highlighting: Highlighting,
    margins: Margins,
    events: Sequence[Event],
) -> Html:
    """One paragraph in large type, with its actors, events, notes and questions beside it."""
    text = bundle.paragraphs[number - 1]
    actors = list(dict.fromkeys(span.key for span in spans))
    side = [_presenter_actors(bundle, actors), _presenter_events(events)]
    side += [note_html(note) for note in margins.notes.get(number, ())]
    side += [
        Html("<p><strong>Q{}.</strong> {}</p>").format(q.number, q.text)
        for q in margins.questions.get(number, ())
    ]
    title = " · ".join(part for part in (bundle.meta.title, byline(bundle.meta.byline)) if part)
    return Html(
        '<div class="rr-present"><div class="rr-present-text" id="{}">'
        '<div class="rr-tag">¶{} of {} · {}</div><p>{}</p></div>'
        '<aside class="rr-present-side">{}</aside></div>'
    ).format(
        paragraph_anchor(number),
        number,
        len(bundle.paragraphs),
        title,
        highlight(text, spans, highlighting, margins.terms_of(number)),
        join(side),
    )


def _presenter_actors(bundle: Bundle, actor_ids: list[str]) -> Html:
    if not actor_ids:
        return EMPTY
    actors = [bundle.actor_by_id[actor_id] for actor_id in actor_ids]
    items = join(
        Html("<li><strong>{}</strong>{}</li>").format(a.name, f" — {a.role}" if a.role else "")
        for a in actors
    )
    return Html('<h2 class="rr-h">Actors</h2><ul>{}</ul>').format(items)


def _presenter_events(events: Sequence[Event]) -> Html:
    if not events:
        return EMPTY
    items = join(
        Html("<li>{}: {} <em>({})</em></li>").format(e.when_label(), e.title, e.status)
        for e in events
    )
    return Html('<h2 class="rr-h">Events</h2><ul>{}</ul>').format(items)
