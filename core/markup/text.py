"""The article as HTML: header, numbered paragraphs with mentions, terms and margins."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.markup.escaping import escape, reference_html, safe_href
from core.markup.style import GROUP_STYLES, HIGHLIGHT_TEXT, UNGROUPED_STYLE
from core.mentions import Span
from core.model import Actor, Bundle, Group, Note, Question, Term


@dataclass(frozen=True)
class Highlighting:
    """How mentions are drawn: actors by id, each group's style, and the actor focus."""

    actors: dict[str, Actor]
    group_index: dict[str, int]
    focus: frozenset[str] = frozenset()
    terms: dict[str, Term] = field(default_factory=dict)

    @classmethod
    def for_bundle(cls, bundle: Bundle, focus: Iterable[str] = ()) -> Highlighting:
        index = {group.id: number for number, group in enumerate(bundle.groups)}
        terms = {term_key(number): term for number, term in enumerate(bundle.glossary)}
        return cls(bundle.actor_by_id, index, frozenset(focus), terms)

    def style(self, actor: Actor) -> tuple[str, str]:
        """(background, underline style) for an actor's group."""
        number = self.group_index.get(actor.group)
        return UNGROUPED_STYLE if number is None else GROUP_STYLES[number % len(GROUP_STYLES)]


def term_key(number: int) -> str:
    """The span key of glossary entry `number`; cannot clash with an actor id (no colon)."""
    return f"term:{number}"


def highlight(
    text: str, spans: Sequence[Span], how: Highlighting, terms: Sequence[Span] = ()
) -> str:
    """Text with each mention in <mark> and each glossary term in <dfn>.

    With a focus, only the focused actors' mentions are marked. `terms` are glossary spans
    that overlap no mention (their `actor_id` is a key of `how.terms`).
    """
    pieces, position = [], 0
    for span in sorted((*spans, *terms)):
        wrapped = _wrapped(text[span.start : span.end], span.actor_id, how)
        if wrapped is None:
            continue
        pieces.append(escape(text[position : span.start]))
        pieces.append(wrapped)
        position = span.end
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def _wrapped(surface: str, key: str, how: Highlighting) -> str | None:
    """The markup for one span, or None when it is not shown under this focus."""
    term = how.terms.get(key)
    if term is not None:
        return f'<dfn class="rr-term" title="{escape(term.definition)}">{escape(surface)}</dfn>'
    actor = how.actors.get(key)
    if actor is None or (how.focus and actor.id not in how.focus):
        return None
    return _mark(surface, actor, how)


def _mark(surface: str, actor: Actor, how: Highlighting) -> str:
    background, underline = how.style(actor)
    focus = " rr-focus" if actor.id in how.focus else ""
    tip = f"{actor.name} — {actor.role}" if actor.role else actor.name
    return (
        f'<mark class="rr-m{focus}" data-actor="{escape(actor.id)}" title="{escape(tip)}" '
        f'style="background:{background};border-bottom:3px {underline} {HIGHLIGHT_TEXT}">'
        f"{escape(surface)}</mark>"
    )


def paragraph_id(number: int) -> str:
    """The anchor of paragraph `number` (1-based), used by links that scroll there."""
    return f"rr-p-{number}"


def paragraph_link(number: int, href: str | None = None) -> str:
    """'¶7' linking to paragraph 7 on this page, or to `href` (e.g. the reader view of it)."""
    return f'<a href="{safe_href(href or "#" + paragraph_id(number))}">¶{number}</a>'


def article_header_html(bundle: Bundle) -> str:
    """Title, section, dek, image caption and credit, and the republication credit."""
    meta = bundle.meta
    lines = [f'<div class="rr-tag">{escape(meta.section)}</div>' if meta.section else ""]
    lines.append(f"<h1>{escape(meta.title)}</h1>")
    if meta.dek:
        lines.append(f"<p><em>{escape(meta.dek)}</em></p>")
    byline = " · ".join(
        escape(part)
        for part in (meta.publisher, _original(meta.original_publisher), _published(bundle))
        if part
    )
    lines.append(f'<p class="rr-muted">{byline}</p>')
    if meta.image_caption or meta.image_credit:
        credit = f" ({escape(meta.image_credit)})" if meta.image_credit else ""
        lines.append(f'<p class="rr-muted">Image: {escape(meta.image_caption)}{credit}</p>')
    return "".join(lines)


def _original(original_publisher: str) -> str:
    return f"first published by {original_publisher}" if original_publisher else ""


def _published(bundle: Bundle) -> str:
    published = bundle.meta.published
    return f"published {published.label()}" if published else "publication date not given"


@dataclass(frozen=True)
class Margins:
    """What the reader shows beside paragraphs: notes, question links, glossary spans."""

    notes: dict[int, tuple[Note, ...]] = field(default_factory=dict)
    questions: dict[int, tuple[tuple[Question, str], ...]] = field(default_factory=dict)
    terms: Sequence[Sequence[Span]] = ()


def reader_html(
    bundle: Bundle,
    spans: Sequence[Sequence[Span]],
    how: Highlighting,
    marked_paragraph: int | None = None,
    target_paragraph: int | None = None,
    margins: Margins = Margins(),
) -> str:
    """The numbered paragraphs with mentions highlighted; others dimmed under a focus."""
    blocks = []
    for number, (text, paragraph_spans) in enumerate(zip(bundle.paragraphs, spans, strict=True), 1):
        classes = ["rr-p", *_paragraph_classes(number, paragraph_spans, how)]
        classes += ["rr-marked"] if number == marked_paragraph else []
        classes += ["rr-target"] if number == target_paragraph else []
        terms = margins.terms[number - 1] if margins.terms else ()
        blocks.append(
            f'<div class="{" ".join(classes)}" id="{paragraph_id(number)}">'
            f'<a class="rr-pn" href="#{paragraph_id(number)}" aria-label="Paragraph {number}">'
            f'¶{number}</a><div class="rr-pbody"><p>{highlight(text, paragraph_spans, how, terms)}'
            f"</p>{_margin(number, margins)}</div></div>"
        )
    credit = bundle.meta.republication_credit
    if credit:
        blocks.append(f'<p class="rr-muted"><em>{escape(credit)}</em></p>')
    return "".join(blocks)


def _paragraph_classes(number: int, spans: Sequence[Span], how: Highlighting) -> list[str]:
    if not how.focus:
        return []
    return ["rr-hit" if any(span.actor_id in how.focus for span in spans) else "rr-dim"]


def _margin(number: int, margins: Margins) -> str:
    """Reader's notes and links to the discussion questions about this paragraph."""
    parts = [note_html(note) for note in margins.notes.get(number, ())]
    links = [
        f'<a href="{safe_href(href)}" title="{escape(question.text)}">Q{question.number}</a>'
        for question, href in margins.questions.get(number, ())
    ]
    if links:
        parts.append(f'<div class="rr-qlinks">Discussion: {", ".join(links)}</div>')
    return "".join(parts)


def note_html(note: Note) -> str:
    """A reader's note: its kind (as a word, not only a colour), the quote, the note, the source."""
    return (
        f'<div class="rr-note rr-note-{escape(note.kind)}" role="note"><span class="rr-tag">'
        f"{escape(note.kind)}</span> “{escape(note.quote)}”: {escape(note.note)}"
        f' <span class="rr-muted">Source: {reference_html(note.reference)}</span></div>'
    )


def legend_html(groups: Sequence[Group]) -> str:
    """What each highlight colour and underline means."""
    how = Highlighting({}, {group.id: n for n, group in enumerate(groups)})
    items = [
        _legend_item(how.style(Actor("", "", "", "", group.id, (), "", "")), group.label)
        for group in groups
    ]
    items.append(_legend_item(UNGROUPED_STYLE, "other actors"))
    return f'<div class="rr-legend rr-muted">{"".join(items)}</div>'


def _legend_item(style: tuple[str, str], label: str) -> str:
    background, underline = style
    return (
        f'<span><mark class="rr-m" style="background:{background};'
        f'border-bottom:3px {underline} {HIGHLIGHT_TEXT}">{escape(label)}</mark> '
        f"({underline} underline)</span>"
    )


def share_html(url: str) -> str:
    """The link to the current view with a copy button (the page script does the copying)."""
    return (
        '<div class="rr-share"><button type="button" id="rr-copy-link">'
        "Copy link to this view</button>"
        f'<input id="rr-share-url" readonly value="{escape(url)}" aria-label="Link to this view">'
        "</div>"
    )


def section_heading(text: str) -> str:
    return f"<h2>{escape(text)}</h2>"
