"""The article as HTML: header, draft banner, numbered paragraphs with mentions, terms and
margins, the highlight legend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.analysis import NO_MARGINS, Margins
from core.markup.escaping import EMPTY, Html, join, reference_html, safe_href
from core.markup.style import GROUP_STYLES, HIGHLIGHT_TEXT, UNGROUPED_STYLE
from core.mentions import TERM, Span
from core.model import Actor, Bundle, Group, Note, Term
from core.state import SAME_PAGE, Links, paragraph_anchor


@dataclass(frozen=True)
class Highlighting:
    """How mentions are drawn: actors by id, each group's style, the actor focus, and the
    glossary terms by the term (the key of their spans)."""

    actors: dict[str, Actor]
    group_index: dict[str, int]
    focus: frozenset[str] = frozenset()
    terms: dict[str, Term] = field(default_factory=dict)

    @classmethod
    def for_bundle(cls, bundle: Bundle, focus: Iterable[str] = ()) -> Highlighting:
        index = {group.id: number for number, group in enumerate(bundle.groups)}
        terms = {term.term: term for term in bundle.glossary}
        return cls(bundle.actor_by_id, index, frozenset(focus), terms)

    def style(self, actor: Actor) -> tuple[str, str]:
        """(background, underline style) for an actor's group."""
        return self.group_style(actor.group)

    def group_style(self, group_id: str) -> tuple[str, str]:
        number = self.group_index.get(group_id)
        return UNGROUPED_STYLE if number is None else GROUP_STYLES[number % len(GROUP_STYLES)]


_MARK = Html(
    '<mark class="rr-m{}" data-actor="{}" title="{}" '
    'style="background:{};border-bottom:3px {} {}">{}</mark>'
)
_TERM = Html('<dfn class="rr-term" title="{}">{}</dfn>')


def highlight(
    text: str, spans: Sequence[Span], highlighting: Highlighting, terms: Sequence[Span] = ()
) -> Html:
    """Text with each mention in <mark> and each glossary term in <dfn>.

    With a focus, only the focused actors' mentions are marked. `terms` are glossary spans
    that overlap no mention.
    """
    pieces, position = [], 0
    for span in sorted((*spans, *terms)):
        wrapped = _wrapped(text[span.start : span.end], span, highlighting)
        if wrapped is None:
            continue
        pieces += [text[position : span.start], wrapped]
        position = span.end
    pieces.append(text[position:])
    return join(pieces)


def _wrapped(surface: str, span: Span, highlighting: Highlighting) -> Html | None:
    """The markup for one span, or None when it is not shown under this focus."""
    if span.kind == TERM:
        term = highlighting.terms.get(span.key)
        return None if term is None else _TERM.format(term.definition, surface)
    actor = highlighting.actors.get(span.key)
    if actor is None or (highlighting.focus and actor.id not in highlighting.focus):
        return None
    background, underline = highlighting.style(actor)
    focus = " rr-focus" if actor.id in highlighting.focus else ""
    tip = f"{actor.name} — {actor.role}" if actor.role else actor.name
    return _MARK.format(focus, actor.id, tip, background, underline, HIGHLIGHT_TEXT, surface)


def paragraph_link(number: int, links: Links) -> Html:
    """'¶7' linking to paragraph 7: on this page, or the reader's view of it."""
    return Html('<a href="{}">¶{}</a>').format(safe_href(links.paragraph(number)), number)


def draft_banner_html(bundle: Bundle) -> Html:
    """Above the text of a draft: highlighting many suggestions no person has confirmed yet."""
    if not bundle.needs_review:
        return EMPTY
    count = bundle.suggestion_count
    suggestions = "suggestion" if count == 1 else "suggestions"
    return Html('<div class="rr-draft" role="status">Draft: {} {} not reviewed yet</div>').format(
        count, suggestions
    )


# How the header shows the note on how the article is dated: one tap away (on screen), open
# (on paper, where nothing can be tapped), or left out.
DATING_FOLDED, DATING_OPEN, DATING_LEFT_OUT = "folded", "open", "left out"


def article_header_html(bundle: Bundle, dating: str = DATING_FOLDED) -> Html:
    """Title, section, dek, the date line (and how the date is known, as `dating` says),
    image caption and credit, and the republication credit."""
    meta = bundle.meta
    lines = [Html('<div class="rr-tag">{}</div>').format(meta.section) if meta.section else EMPTY]
    lines.append(Html("<h1>{}</h1>").format(meta.title))
    if meta.dek:
        lines.append(Html("<p><em>{}</em></p>").format(meta.dek))
    parts = (meta.publisher, _original(meta.original_publisher), _published(bundle))
    lines.append(Html('<p class="rr-muted">{}</p>').format(" · ".join(p for p in parts if p)))
    if dating != DATING_LEFT_OUT:
        lines.append(_dating(meta.published_note, meta.published_reference, dating == DATING_OPEN))
    if meta.image_caption or meta.image_credit:
        credit = f" ({meta.image_credit})" if meta.image_credit else ""
        lines.append(Html('<p class="rr-muted">Image: {}{}</p>').format(meta.image_caption, credit))
    return join(lines)


def _original(original_publisher: str) -> str:
    return f"first published by {original_publisher}" if original_publisher else ""


def _published(bundle: Bundle) -> str:
    """The date line: the publication date, or that the page states none, and when the text
    was written by internal evidence where the bundle knows it."""
    meta = bundle.meta
    if meta.published:
        return f"published {meta.published.label()}"
    written = f"; written in {meta.written.label()} by internal evidence" if meta.written else ""
    return f"publication date not stated on the page{written}"


def _dating(note: str, reference: str, opened: bool) -> Html:
    """How the date is known (the bundle's `published_note`), one tap or Enter away."""
    if not note:
        return EMPTY
    source = (
        Html(' <span class="rr-muted">Source: {}</span>').format(reference_html(reference))
        if reference
        else EMPTY
    )
    return Html(
        '<details class="rr-dating rr-muted"{}><summary>How this article is dated</summary>'
        "<p>{}{}</p></details>"
    ).format(Html(" open") if opened else EMPTY, note, source)


_PARAGRAPH = Html(
    '<div class="{}" id="{}"><a class="rr-pn" href="#{}" aria-label="Paragraph {}">¶{}</a>'
    '<div class="rr-pbody"><p>{}</p>{}</div></div>'
)


def reader_html(
    bundle: Bundle,
    spans: Sequence[Sequence[Span]],
    highlighting: Highlighting,
    marked_paragraph: int | None = None,
    target_paragraph: int | None = None,
    margins: Margins = NO_MARGINS,
    links: Links = SAME_PAGE,
) -> Html:
    """The numbered paragraphs with mentions highlighted; others dimmed under a focus."""
    blocks = []
    for number, (text, paragraph_spans) in enumerate(zip(bundle.paragraphs, spans, strict=True), 1):
        classes = ["rr-p", *_paragraph_classes(paragraph_spans, highlighting)]
        classes += ["rr-marked"] if number == marked_paragraph else []
        classes += ["rr-target"] if number == target_paragraph else []
        anchor = paragraph_anchor(number)
        body = highlight(text, paragraph_spans, highlighting, margins.terms_of(number))
        margin = _margin(number, margins, links)
        blocks.append(
            _PARAGRAPH.format(" ".join(classes), anchor, anchor, number, number, body, margin)
        )
    credit = bundle.meta.republication_credit
    if credit:
        blocks.append(Html('<p class="rr-muted"><em>{}</em></p>').format(credit))
    return join(blocks)


def _paragraph_classes(spans: Sequence[Span], highlighting: Highlighting) -> list[str]:
    if not highlighting.focus:
        return []
    return ["rr-hit" if any(span.key in highlighting.focus for span in spans) else "rr-dim"]


def _margin(number: int, margins: Margins, links: Links) -> Html:
    """Reader's notes and links to the discussion questions about this paragraph."""
    parts = [note_html(note) for note in margins.notes.get(number, ())]
    question_links = [
        Html('<a href="{}" title="{}">Q{}</a>').format(
            safe_href(links.question(question)), question.text, question.number
        )
        for question in margins.questions.get(number, ())
    ]
    if question_links:
        parts.append(
            Html('<div class="rr-qlinks">Discussion: {}</div>').format(join(question_links, ", "))
        )
    return join(parts)


def note_html(note: Note) -> Html:
    """A reader's note: its kind (as a word, not only a colour), the quote, the note, the source."""
    return Html(
        '<div class="rr-note rr-note-{}" role="note"><span class="rr-tag">{}</span> “{}”: {}'
        ' <span class="rr-muted">Source: {}</span></div>'
    ).format(note.kind, note.kind, note.quote, note.note, reference_html(note.reference))


def legend_html(groups: Sequence[Group]) -> Html:
    """What each highlight colour and underline means."""
    highlighting = Highlighting({}, {group.id: n for n, group in enumerate(groups)})
    items = [_legend_item(highlighting.group_style(group.id), group.label) for group in groups]
    items.append(_legend_item(UNGROUPED_STYLE, "other actors"))
    return Html('<div class="rr-legend rr-muted">{}</div>').format(join(items))


def _legend_item(style: tuple[str, str], label: str) -> Html:
    background, underline = style
    return Html(
        '<span><mark class="rr-m" style="background:{};border-bottom:3px {} {}">{}</mark> '
        "({} underline)</span>"
    ).format(background, underline, HIGHLIGHT_TEXT, label, underline)


def section_heading(text: str) -> Html:
    return Html("<h2>{}</h2>").format(text)
