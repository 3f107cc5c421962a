"""The one place that turns text into HTML (or Markdown labels); every piece of text is escaped.

Views never build HTML themselves: they call these functions and pass the string to
`st.html`. Each function takes plain data and returns a string, so the escaping is
tested without a browser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.dates import when_label
from core.mentions import Span
from core.model import Actor, Bundle, Event, Group, Teaser
from core.problems import Problem

# Okabe-Ito hues (colour-blind safe) as light tints under dark text, so every highlight
# reads the same in light and dark themes; the underline style is the cue that is not colour.
GROUP_STYLES = (
    ("#FFDDA1", "solid"),  # orange
    ("#C6E5F7", "double"),  # sky blue
    ("#BDE6D6", "dashed"),  # bluish green
    ("#F2D2E4", "dotted"),  # reddish purple
)
UNGROUPED_STYLE = ("#E6E6E6", "dotted")
HIGHLIGHT_TEXT = "#1B1B1B"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")
STYLE = """<style>
.rr{font-size:1.05rem;line-height:1.7}
.rr mark.rr-m{color:#1B1B1B;padding:0 .12em;border-radius:.2em;border-bottom-width:3px}
.rr mark.rr-focus{font-weight:700;outline:2px solid #1B1B1B;outline-offset:0}
.rr .rr-p{display:flex;gap:.6rem;margin:0 0 1rem 0;padding:.25rem .4rem;border-radius:.3rem;
 scroll-margin-top:4rem}
.rr .rr-p:target{outline:3px solid #0072B2}
.rr .rr-pn{flex:0 0 2.3rem;font-size:.8rem;opacity:.9;text-decoration:none;color:inherit;
 padding-top:.2rem}
.rr .rr-dim{opacity:.72}
.rr .rr-hit{border-left:4px solid #0072B2}
.rr .rr-marked{outline:3px solid #D55E00;outline-offset:2px}
.rr .rr-tag{font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.rr .rr-muted{opacity:.85;font-size:.9rem}
.rr .rr-card{border:1px solid rgba(128,128,128,.45);border-radius:.5rem;padding:.8rem 1rem;
 margin-bottom:1rem;overflow-wrap:anywhere}
.rr blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid rgba(128,128,128,.6)}
.rr h1{font-size:2rem;line-height:1.2;margin:.2rem 0 .5rem 0}
.rr h3{font-size:1.15rem;margin:.2rem 0 .4rem 0}
.rr ul{margin:.2rem 0 .4rem 1.1rem;padding:0}
.rr .rr-legend span{margin-right:.8rem;white-space:nowrap}
.rr .rr-cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:2.5rem}
@media (max-width:900px){.rr .rr-cols{grid-template-columns:minmax(0,1fr);gap:1rem}}
@media (max-width:640px){.rr h1{font-size:1.5rem}.rr .rr-pn{flex-basis:1.8rem}}
</style>"""


def panel(*fragments: str) -> str:
    """Wrap fragments from this module into one styled block for `st.html`."""
    return f'{STYLE}<div class="rr">{"".join(fragments)}</div>'


def two_columns(main: str, side: str) -> str:
    """The reader beside its cards; stacked on narrow screens."""
    return (
        f'<div class="rr-cols"><div class="rr-main">{main}</div>'
        f'<aside class="rr-side" aria-label="Cards">{side}</aside></div>'
    )


def escape(text: object) -> str:
    """Escape text for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def markdown_label(text: object) -> str:
    """Escape text for a Streamlit widget label, which renders Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text).replace("\n", " "))


def plotly_text(text: object) -> str:
    """Escape text for Plotly hover labels, which interpret a few HTML tags."""
    return html.escape(str(text), quote=False).replace("\n", "<br>")


@dataclass(frozen=True)
class Highlighting:
    """How mentions are drawn: actors by id, each group's style, and the actor focus."""

    actors: dict[str, Actor]
    group_index: dict[str, int]
    focus: frozenset[str] = frozenset()

    @classmethod
    def for_bundle(cls, bundle: Bundle, focus: Iterable[str] = ()) -> Highlighting:
        index = {group.id: number for number, group in enumerate(bundle.groups)}
        return cls(bundle.actor_by_id, index, frozenset(focus))

    def style(self, actor: Actor) -> tuple[str, str]:
        """(background, underline style) for an actor's group."""
        number = self.group_index.get(actor.group)
        return UNGROUPED_STYLE if number is None else GROUP_STYLES[number % len(GROUP_STYLES)]


def highlight(text: str, spans: Sequence[Span], how: Highlighting) -> str:
    """Text with each mention wrapped in <mark>; with a focus, only focused actors marked."""
    pieces, position = [], 0
    for span in spans:
        actor = how.actors.get(span.actor_id)
        if actor is None or (how.focus and actor.id not in how.focus):
            continue
        pieces.append(escape(text[position : span.start]))
        pieces.append(_mark(text[span.start : span.end], actor, how))
        position = span.end
    pieces.append(escape(text[position:]))
    return "".join(pieces)


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


def paragraph_link(number: int) -> str:
    return f'<a href="#{paragraph_id(number)}">¶{number}</a>'


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


def reader_html(
    bundle: Bundle,
    spans: Sequence[Sequence[Span]],
    how: Highlighting,
    marked_paragraph: int | None = None,
) -> str:
    """The numbered paragraphs with mentions highlighted; others dimmed under a focus."""
    blocks = []
    for number, (text, paragraph_spans) in enumerate(zip(bundle.paragraphs, spans, strict=True), 1):
        hit = any(span.actor_id in how.focus for span in paragraph_spans)
        classes = ["rr-p"]
        if how.focus:
            classes.append("rr-hit" if hit else "rr-dim")
        if number == marked_paragraph:
            classes.append("rr-marked")
        blocks.append(
            f'<div class="{" ".join(classes)}" id="{paragraph_id(number)}">'
            f'<a class="rr-pn" href="#{paragraph_id(number)}" aria-label="Paragraph {number}">'
            f"¶{number}</a><p>{highlight(text, paragraph_spans, how)}</p></div>"
        )
    credit = bundle.meta.republication_credit
    if credit:
        blocks.append(f'<p class="rr-muted"><em>{escape(credit)}</em></p>')
    return "".join(blocks)


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
        f'<div class="rr-tag">{escape(actor.kind)}</div><h3>{escape(actor.name)}</h3>',
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
    reference = _reference_html(event.reference)
    parts = [
        f'<div class="rr-tag">{escape(event.status)} · {escape(event.lane)}</div>',
        f"<h3>{escape(event.title)}</h3>",
        f"<p><strong>When:</strong> {escape(when_label(event.start, event.end, event.qualifier))}"
        f" (precision: {escape(event.start.precision)})</p>",
        f"<p>{escape(event.summary)}</p>" if event.summary else "",
        f"<p><strong>Actors:</strong> {names}</p>",
        f"<blockquote>“{escape(event.evidence)}”</blockquote>",
        f"<p><strong>Source:</strong> {where}</p>",
        f"<p><strong>Reference:</strong> {reference}</p>" if reference else "",
    ]
    return f'<div class="rr-card">{"".join(parts)}</div>'


def _reference_html(reference: str) -> str:
    """A reference as text, with an http(s) URL in it made a link; no other scheme is linked."""
    match = re.search(r"https?://[^\s<>\"']+", reference)
    if not match:
        return escape(reference)
    url = match.group()
    before, after = reference[: match.start()], reference[match.end() :]
    link = f'<a href="{escape(url)}" rel="noopener noreferrer" target="_blank">{escape(url)}</a>'
    return f"{escape(before)}{link}{escape(after)}"


def teaser_card_html(teaser: Teaser, spans: Sequence[Sequence[Span]], how: Highlighting) -> str:
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
        f"<h3>{title}</h3>",
        f'<p class="rr-muted">{escape(date)}</p>',
        "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
        f'<p class="rr-muted">Image: {image}</p>' if image else "",
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
        f"<h3>The article “{escape(slug)}” {heading}</h3>"
        f"<p>{len(problems)} problem(s) in its bundle:</p><ul>{items}</ul></div>"
    )


def notices_html(notices: Sequence[str]) -> str:
    """Short notices, e.g. about ids in a link that this article does not have."""
    items = "".join(f"<li>{escape(notice)}</li>" for notice in notices)
    return f'<div class="rr-card" role="status"><ul>{items}</ul></div>'
