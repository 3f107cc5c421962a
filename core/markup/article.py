"""The article as HTML: header, draft banner, numbered paragraphs with mentions, terms and
margins, the key to the marks and the introduction for a first visit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from core.analysis import NO_MARGINS, Margins
from core.markup.escaping import EMPTY, Html, join, safe_href, titled_references_html
from core.markup.style import GROUP_STYLES, OTHER_STYLE, group_class
from core.mentions import TERM, Span
from core.model import Actor, Bundle, Group, Note, Term
from core.state import SAME_PAGE, Links, paragraph_anchor

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
PERSON = "person"  # core/vocabulary.py ACTOR_KINDS: people are highlighted by default


@dataclass(frozen=True)
class Highlighting:
    """How mentions are drawn: actors by id, each group's style, the actor focus, the glossary
    terms by the term (the key of their spans), and whether every actor is marked.

    Without `everyone`, only the camps' members and the people are marked, so the marks that
    carry the article's argument are not lost among hundreds of countries and organisations.
    A focus marks the focused actors, whoever they are.
    """

    actors: dict[str, Actor]
    group_index: dict[str, int]
    focus: frozenset[str] = frozenset()
    terms: dict[str, Term] = field(default_factory=dict)
    everyone: bool = True

    @classmethod
    def for_bundle(
        cls, bundle: Bundle, focus: Iterable[str] = (), everyone: bool = True
    ) -> Highlighting:
        index = {group.id: number for number, group in enumerate(bundle.groups)}
        terms = {term.term: term for term in bundle.glossary}
        return cls(bundle.actor_by_id, index, frozenset(focus), terms, everyone)

    def css_class(self, actor: Actor) -> str:
        """The highlight class of an actor: its camp's, a person's, or any other actor's."""
        number = self.group_index.get(actor.group)
        if number is not None:
            return group_class(number)
        return "rr-person" if actor.kind == PERSON else "rr-other"

    def shows(self, actor: Actor) -> bool:
        """Whether this actor's mentions are marked under this focus and choice."""
        if self.focus:
            return actor.id in self.focus
        return self.everyone or self.css_class(actor) != "rr-other"


# A mark and a term take keyboard focus, and show their tip (the same words as on hover) on
# :hover and :focus with CSS alone, so a tap or Tab shows it where no mouse hovers. The tip's
# words are the aria-description, which screen readers announce too.
_MARK = Html('<mark class="rr-m {}{}" data-actor="{}" tabindex="0" aria-description="{}">{}</mark>')
_TERM = Html('<dfn class="rr-term" tabindex="0" aria-description="{}">{}</dfn>')


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
        return None if term is None else _TERM.format(f"{term.term}: {term.definition}", surface)
    actor = highlighting.actors.get(span.key)
    if actor is None or not highlighting.shows(actor):
        return None
    focus = " rr-focus" if actor.id in highlighting.focus else ""
    tip = f"{actor.name} — {actor.role}" if actor.role else actor.name
    return _MARK.format(highlighting.css_class(actor), focus, actor.id, tip, surface)


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
    """Title, section, dek, the byline and date line (and how the date is known, as `dating`
    says), image caption and credit, and the republication credit."""
    meta = bundle.meta
    lines = [Html('<div class="rr-tag">{}</div>').format(meta.section) if meta.section else EMPTY]
    lines.append(Html("<h1>{}</h1>").format(meta.title))
    if meta.dek:
        lines.append(Html("<p><em>{}</em></p>").format(meta.dek))
    parts = (byline(meta.byline), meta.publisher, _original(meta.original_publisher))
    parts += (_published(bundle),)
    lines.append(Html('<p class="rr-muted">{}</p>').format(" · ".join(p for p in parts if p)))
    if dating != DATING_LEFT_OUT:
        lines.append(_dating(meta.published_note, meta.published_reference, dating == DATING_OPEN))
    if meta.image_caption or meta.image_credit:
        credit = f" ({meta.image_credit})" if meta.image_credit else ""
        # The page's image itself is not shown; on a phone its caption gives way to the text.
        lines.append(
            Html('<p class="rr-muted rr-image-caption">Image: {}{}</p>').format(
                meta.image_caption, credit
            )
        )
    return join(lines)


def byline(name: str) -> str:
    """'by Mara Lindqvist': the credit a classroom owes the author ('' when unknown)."""
    name = " ".join(name.split())
    if not name or name.casefold().startswith("by "):
        return name
    return f"by {name}"


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
        Html(' <span class="rr-muted">Source: {}</span>').format(titled_references_html(reference))
        if reference
        else EMPTY
    )
    return Html(
        '<details class="rr-dating rr-muted"{}><summary>How this article is dated</summary>'
        "<p>{}{}</p></details>"
    ).format(Html(" open") if opened else EMPTY, note, source)


_PARAGRAPH = Html(
    '<div class="{}" id="{}"><a class="rr-pn" href="{}" aria-label="Paragraph {}">¶{}</a>{}'
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
    badges: Mapping[int, Html] | None = None,
) -> Html:
    """The numbered paragraphs with mentions highlighted; others dimmed under a focus.

    `badges`: what stands under a paragraph's number (a class's count of responses on it).
    """
    badges = badges or {}
    blocks = []
    for number, (text, paragraph_spans) in enumerate(zip(bundle.paragraphs, spans, strict=True), 1):
        classes = ["rr-p", *_paragraph_classes(paragraph_spans, highlighting)]
        classes += ["rr-marked"] if number == marked_paragraph else []
        classes += ["rr-target"] if number == target_paragraph else []
        anchor = paragraph_anchor(number)
        body = highlight(text, paragraph_spans, highlighting, margins.terms_of(number))
        margin = _margin(number, margins, links)
        number_link = safe_href(links.paragraph_number(number))
        blocks.append(
            _PARAGRAPH.format(
                " ".join(classes),
                anchor,
                number_link,
                number,
                number,
                badges.get(number, EMPTY),
                body,
                margin,
            )
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
    parts = [note_html(note, collapsed=True) for note in margins.notes.get(number, ())]
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


def note_html(note: Note, collapsed: bool = False) -> Html:
    """A reader's note: its kind (as a word, not only a colour), the quote, the note, and its
    sources as titled links. `collapsed`: only the kind and the note's first sentence show
    until the reader opens it, so notes beside the text do not interrupt it."""
    kind = Html('<span class="rr-tag">{}</span>').format(note.kind)
    body = Html('<p>“{}”: {}</p><div class="rr-muted">Sources: {}</div>').format(
        note.quote, note.note, titled_references_html(note.reference)
    )
    if collapsed:
        return Html(
            '<details class="rr-note rr-note-{}" role="note"><summary>{} {}</summary>{}</details>'
        ).format(note.kind, kind, first_sentence(note.note), body)
    return Html('<div class="rr-note rr-note-{}" role="note">{} {}</div>').format(
        note.kind, kind, body
    )


def first_sentence(text: str, limit: int = 90) -> str:
    """The first sentence of `text`, cut at a word near `limit` characters."""
    match = _SENTENCE_END.search(text)
    sentence = text[: match.end()].strip() if match else text
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + "…"


def key_html(
    groups: Sequence[Group], everyone: bool, terms: bool, notes: bool, screen: bool = True
) -> Html:
    """The complete key: each camp's highlight, other people, other actors, glossary terms,
    reader's notes and, on `screen`, the marks on paragraphs (paper has none of them: no
    event is selected, no link followed, no actor in focus). Every line wraps."""
    item = Html("<li>{} {}</li>")
    lines = [
        item.format(
            _sample(group_class(number), group.label),
            f"camp ({GROUP_STYLES[number % len(GROUP_STYLES)][1]} underline)",
        )
        for number, group in enumerate(groups)
    ]
    lines.append(item.format(_sample("rr-person", "Name"), "other people (grey, no underline)"))
    shown = "" if everyone else ", shown with “Highlight all actors”"
    lines.append(
        item.format(
            _sample("rr-other", "Name"),
            f"countries, organisations and other actors ({OTHER_STYLE[1]} underline{shown})",
        )
    )
    if terms:
        lines.append(
            item.format(
                Html('<dfn class="rr-term">term</dfn>'),
                "glossary term (wavy underline): its meaning on hover, tap or Tab"
                if screen
                else "glossary term (wavy underline): see the glossary",
            )
        )
    if notes:
        lines.append(
            item.format(
                Html('<span class="rr-tag">correction</span>'),
                "reader’s note under a paragraph (correction, update or context): open it",
            )
        )
    paragraph_marks = (
        ("rr-key-marked", "the paragraph of the selected event (orange frame)"),
        ("rr-key-target", "the paragraph the link points to (blue band)"),
        ("rr-key-hit", "mentions an actor in focus (blue bar; the others are dimmed)"),
    )
    lines += [
        item.format(Html('<span class="rr-key-p {}"></span>').format(css), meaning)
        for css, meaning in (paragraph_marks if screen else ())
    ]
    return Html('<ul class="rr-key" aria-label="Key">{}</ul>').format(join(lines))


def _sample(css_class: str, label: str) -> Html:
    return Html('<mark class="rr-m {}">{}</mark>').format(css_class, label)


def orientation_html(bundle: Bundle, everyone: bool) -> Html:
    """A short introduction for a first visit: what the page is and how to read it."""
    key = key_html(bundle.groups, everyone, bool(bundle.glossary), bool(bundle.notes))
    marked = "every actor is" if everyone else "the camps and people are"
    if not everyone and not bundle.groups:
        marked = "the people are"
    glossary = ", to a word with a wavy underline for its meaning" if bundle.glossary else ""
    return Html(
        '<section class="rr-intro" aria-label="How to read this page"><p><strong>How to read '
        "this page:</strong> {} highlighted. Hover, tap or Tab to a name for who it is{}. "
        "The sidebar lists the actors."
        "</p><details><summary>Key to the marks</summary>{}</details></section>"
    ).format(marked, glossary, key)


def section_heading(text: str) -> Html:
    return Html('<h2 class="rr-h">{}</h2>').format(text)
