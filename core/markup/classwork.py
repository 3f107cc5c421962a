"""The class taking part, as HTML: the join banner with its QR code, the seat line, the wall
of answers and notes, the counts beside paragraphs, and the class's section of the teacher's
pack.

Every piece of student text (answers, notes, quotes, display names) reaches a page through
these templates only: escaped by construction (`Html`), and isolated with `<bdi>` so that a
right-to-left override typed into one response cannot reorder the text around it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import segno

from core.classwork import ANSWER, VISIBLE, ClassCounts, Shown, readable_code
from core.markup.article import paragraph_link
from core.markup.escaping import EMPTY, Html, join, markdown_label, safe_href
from core.markup.style import panel
from core.model import Bundle, Question
from core.state import Links
from core.text import plural

# How each moderation state is named beside a response the teacher sees (the wall shows only
# visible ones).
STATE_LABELS = {  # keyed by core/vocabulary.py RESPONSE_STATES
    "visible": "on the wall",
    "pending": "waiting for approval",
    "held": "held: matches the word list",
    "hidden": "hidden by the teacher",
}
QR_SCALE = 6

# The class's own rules, sent only with the class's blocks (a page without a class carries
# none of them). Counts are light tints under dark text, as the highlights, so they read the
# same in both themes; the QR code keeps its white quiet zone on the dark theme.
CLASS_STYLE = Html("""<style>
.rr .rr-count{display:inline-block;min-width:1.5em;height:fit-content;padding:0 .35em;
 border-radius:.75em;background:#FFDDA1;color:#1B1B1B;font-size:.75rem;font-weight:700;
 line-height:1.5;text-align:center}
.rr .rr-p>.rr-count{flex:0 0 auto;margin:.25rem 0 0 -.5rem}
.rr .rr-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);
 white-space:nowrap}
.rr .rr-join{display:flex;gap:1rem 1.5rem;align-items:center;flex-wrap:wrap;
 border:2px solid #0072B2;border-radius:.6rem;padding:.6rem 1rem;margin:0 0 .6rem 0}
.rr .rr-join-text{flex:1 1 14rem;min-width:0}
.rr .rr-join-code{font-size:1.5rem;line-height:1.2;margin:.1rem 0}
.rr .rr-join-code strong{font-family:ui-monospace,monospace;letter-spacing:.06em}
.rr .rr-join-link{margin:.2rem 0 0 0;overflow-wrap:anywhere}
.rr .rr-join-large .rr-join-code{font-size:clamp(2rem,5vw,3.6rem)}
.rr .rr-join-large .rr-join-link{font-size:clamp(1rem,2vw,1.5rem)}
.rr img.rr-qr{width:8rem;height:8rem;image-rendering:pixelated;background:#FFFFFF}
.rr .rr-join-large img.rr-qr{width:min(14rem,45vw);height:auto}
.rr .rr-seat{border-left:6px solid #009E73;padding:.4rem .8rem;margin:0 0 .6rem 0;
 background:rgba(0,158,115,.10)}
.rr .rr-response{border:1px solid rgba(128,128,128,.55);border-radius:.5rem;
 padding:.5rem .8rem;margin:0 0 .6rem 0}
.rr .rr-response-body{margin:.2rem 0;white-space:pre-wrap}
.rr .rr-response-hidden,.rr .rr-response-pending,.rr .rr-response-held{border-style:dashed;
 border-width:2px}
.rr .rr-older{font-size:.85rem;font-style:italic}
.rr ul.rr-response-tags{list-style:none;margin:.2rem 0 0 0;padding:0;display:flex;
 flex-wrap:wrap;gap:.3rem}
.rr ul.rr-response-tags li{font-size:.85rem;border:1px solid rgba(128,128,128,.7);
 border-radius:.8rem;padding:0 .5rem}
.rr .rr-wall{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem 2rem}
@container (min-width:46rem){.rr .rr-wall{grid-template-columns:minmax(0,2fr) minmax(12rem,1fr)}}
.rr ul.rr-pcounts{list-style:none;margin:0 0 .6rem 0;padding:0;display:flex;flex-wrap:wrap;
 gap:.3rem .9rem}
.rr .rr-present-side .rr-wall{font-size:20px}
</style>""")


def class_panel(*fragments: Html) -> Html:
    """One styled block for `st.html`, with the class's rules."""
    return panel(CLASS_STYLE, *fragments)


def qr_data_uri(link: str) -> str:
    """The join link as a QR code: an SVG drawn here (segno), no network, dark on white so a
    phone reads it from a projector in either theme."""
    code = segno.make(link, error="m")
    return code.svg_data_uri(scale=QR_SCALE, border=2, dark="#000000", light="#FFFFFF")


def join_banner_html(code: str, link: str, large: bool = True) -> Html:
    """The class code, the join link and its QR code, large enough to read on a projector."""
    size = " rr-join-large" if large else ""
    return Html(
        '<section class="rr-join{}" aria-label="Join the class">'
        '<div class="rr-join-text"><div class="rr-tag">Join the class</div>'
        '<p class="rr-join-code">Code <strong>{}</strong></p>'
        '<p class="rr-join-link">or open <a href="{}">{}</a></p></div>'
        '<img class="rr-qr" src="{}" alt="QR code that opens the join link {}"></section>'
    ).format(size, readable_code(code), safe_href(link), link, qr_data_uri(link), link)


def seat_html(code: str, rejoin_code: str, name: str) -> Html:
    """What a student keeps: their seat's code, which brings the seat back after a refresh."""
    called = Html(" as <bdi>{}</bdi>").format(name) if name else EMPTY
    return Html(
        '<div class="rr-seat" role="status"><strong>Seat {}</strong> in class {}{}. '
        '<span class="rr-muted">Keep this seat code: after a refresh, or when your phone '
        "wakes, type it to get your seat and your posts back.</span></div>"
    ).format(rejoin_code, readable_code(code), called)


NAMES_NOTICE = "Your name is optional. On the projector names are hidden; your teacher sees them."


def names_notice_html() -> Html:
    return Html('<p class="rr-muted">{}</p>').format(NAMES_NOTICE)


def count_badge(count: int, what: str = "class response") -> Html:
    """A small count beside a paragraph number, an actor or an event (nothing for zero)."""
    if not count:
        return EMPTY
    return Html('<span class="rr-count">{}<span class="rr-sr"> {}</span></span>').format(
        count, plural(count, what).split(" ", 1)[1]
    )


def response_html(bundle: Bundle, response: Shown, links: Links, moderating: bool = False) -> Html:
    """One answer or note: where it stands, its quote and text, its tags, and (where names
    show) who wrote it; for the teacher, its moderation state."""
    return Html(
        '<article class="rr-response{}" data-response="{}">'
        '<div class="rr-response-head">{}{}{}{}</div>{}<p class="rr-response-body">'
        "<bdi>{}</bdi></p>{}</article>"
    ).format(
        "" if response.state == VISIBLE else " rr-response-" + response.state,
        response.id,
        _where(response, links),
        _author(response),
        _older(response),
        _state(response) if moderating else EMPTY,
        _quote(response),
        response.body,
        _tags(bundle, response),
    )


def _where(response: Shown, links: Links) -> Html:
    if response.kind == ANSWER:
        return Html('<span class="rr-tag">Answer · Q{}</span>').format(response.question)
    if response.paragraph is not None:
        return Html('<span class="rr-tag">Note · {}</span>').format(
            paragraph_link(response.paragraph, links)
        )
    return Html('<span class="rr-tag">Note</span>')


def _author(response: Shown) -> Html:
    if response.mine:
        return Html(' <span class="rr-muted">· yours</span>')
    if not response.name and not response.seat:
        return EMPTY
    name = response.name or "no name"
    seat = Html(" (seat {})").format(response.seat) if response.seat else EMPTY
    return Html(' <span class="rr-muted">· <bdi>{}</bdi>{}</span>').format(name, seat)


def _older(response: Shown) -> Html:
    if not response.older:
        return EMPTY
    return Html(' <span class="rr-older">· written on an earlier version of the text</span>')


def _state(response: Shown) -> Html:
    return Html(' <span class="rr-muted">· {}</span>').format(
        STATE_LABELS.get(response.state, response.state)
    )


def _quote(response: Shown) -> Html:
    if not response.quote:
        return EMPTY
    return Html("<blockquote>“<bdi>{}</bdi>”</blockquote>").format(response.quote)


def _tags(bundle: Bundle, response: Shown) -> Html:
    names = [bundle.actor_by_id[a].name for a in response.actors if a in bundle.actor_by_id]
    names += [bundle.event_by_id[e].title for e in response.events if e in bundle.event_by_id]
    if not names:
        return EMPTY
    items = join(Html("<li>{}</li>").format(name) for name in names)
    return Html('<ul class="rr-response-tags" aria-label="Tags">{}</ul>').format(items)


def paragraph_counts_html(bundle: Bundle, counts: ClassCounts, links: Links) -> Html:
    """Every paragraph's number with the class's responses on it, in reading order."""
    items = join(
        Html('<li><span class="rr-pcount-n">{}</span> {}</li>').format(
            paragraph_link(number, links), _count_word(counts.paragraphs.get(number, 0))
        )
        for number in range(1, len(bundle.paragraphs) + 1)
    )
    return Html(
        '<section aria-label="Responses per paragraph"><h2 class="rr-h">Per paragraph</h2>'
        '<ul class="rr-pcounts">{}</ul></section>'
    ).format(items)


def _count_word(count: int) -> Html:
    if not count:
        return Html('<span class="rr-muted">·</span>')
    return count_badge(count, "response")


def tag_counts_html(bundle: Bundle, counts: ClassCounts) -> Html:
    """The actors and events the class tagged, most tagged first."""
    actors = [
        (count, bundle.actor_by_id[a].name)
        for a, count in counts.actors.items()
        if a in bundle.actor_by_id and count
    ]
    events = [
        (count, bundle.event_by_id[e].title)
        for e, count in counts.events.items()
        if e in bundle.event_by_id and count
    ]
    if not actors and not events:
        return EMPTY
    parts = []
    for heading, rows in (("Actors tagged", actors), ("Events tagged", events)):
        if rows:
            items = join(
                Html("<li>{} <strong>{}</strong></li>").format(name, count)
                for count, name in sorted(rows, key=lambda row: (-row[0], row[1]))
            )
            parts.append(Html('<h2 class="rr-h">{}</h2><ul>{}</ul>').format(heading, items))
    return Html('<section aria-label="Tags">{}</section>').format(join(parts))


def wall_html(
    bundle: Bundle,
    question: Question | None,
    responses: Sequence[Shown],
    counts: ClassCounts,
    links: Links,
    waiting_note: str = "",
) -> Html:
    """The wall: the question on the page and its answers, the notes by paragraph, and the
    counts per paragraph, actor and event. `responses` are what this screen may show."""
    answers = [r for r in responses if r.kind == ANSWER]
    if question is not None:
        answers = [r for r in answers if r.question == question.number]
    notes = sorted(
        (r for r in responses if r.kind != ANSWER), key=lambda r: (r.paragraph or 0, r.id)
    )
    heading = (
        Html("Answers to Q{}: {}").format(question.number, question.text)
        if question is not None
        else Html("Answers")
    )
    return Html(
        '<div class="rr-wall"><section class="rr-wall-main" aria-label="Answers">'
        '<h2 class="rr-h">{}</h2>{}{}<h2 class="rr-h">Notes on the text</h2>{}</section>'
        '<aside class="rr-wall-side">{}{}</aside></div>'
    ).format(
        heading,
        Html('<p class="rr-muted">{}</p>').format(waiting_note) if waiting_note else EMPTY,
        _listed(bundle, answers, links, "No answers yet."),
        _listed(bundle, notes, links, "No notes yet."),
        paragraph_counts_html(bundle, counts, links),
        tag_counts_html(bundle, counts),
    )


def answers_html(
    question: Question,
    responses: Sequence[Shown],
    bundle: Bundle,
    links: Links,
    waiting_note: str = "",
) -> Html:
    """The class's answers to one question (a student's screen, under their answer box)."""
    return Html(
        '<section class="rr-answers" aria-label="The class\u2019s answers">'
        '<h2 class="rr-h">The class’s answers to Q{}</h2>{}{}</section>'
    ).format(
        question.number,
        Html('<p class="rr-muted">{}</p>').format(waiting_note) if waiting_note else EMPTY,
        _listed(bundle, [r for r in responses if r.kind == ANSWER], links, "No answers yet."),
    )


def responses_html(
    bundle: Bundle, responses: Sequence[Shown], links: Links, moderating: bool = False
) -> Html:
    """Responses one after the other (a student's own, or the teacher's moderation list)."""
    return _listed(bundle, responses, links, "Nothing here yet.", moderating)


def _listed(
    bundle: Bundle,
    responses: Sequence[Shown],
    links: Links,
    empty: str,
    moderating: bool = False,
) -> Html:
    if not responses:
        return Html('<p class="rr-muted">{}</p>').format(empty)
    return join(response_html(bundle, r, links, moderating) for r in responses)


def class_pack_html(
    bundle: Bundle, code: str, responses: Sequence[Shown], counts: ClassCounts
) -> Html:
    """The class's section of the teacher's pack: every response by question and paragraph,
    names as the teacher sees them, and the counts. On paper every link is on the page."""
    links = Links.handout()
    by_question = {
        q.number: [r for r in responses if r.kind == ANSWER and r.question == q.number]
        for q in bundle.questions
    }
    parts = [CLASS_STYLE, Html("<h2>Class {}: responses</h2>").format(readable_code(code))]
    for question in bundle.questions:
        parts.append(
            Html('<h3 class="rr-h">Q{}. {}</h3>{}').format(
                question.number,
                question.text,
                _listed(bundle, by_question[question.number], links, "No answers.", True),
            )
        )
    notes = [r for r in responses if r.kind != ANSWER]
    parts.append(
        Html('<h3 class="rr-h">Notes on the text</h3>{}').format(
            _listed(bundle, notes, links, "No notes.", True)
        )
    )
    parts.append(paragraph_counts_html(bundle, counts, links))
    parts.append(tag_counts_html(bundle, counts))
    return join(parts)


def class_pack_markdown(bundle: Bundle, code: str, responses: Sequence[Shown]) -> str:
    """The same section as Markdown."""
    md = markdown_label
    lines = [f"## Class {md(readable_code(code))}: responses", ""]
    for response in responses:
        where = (
            f"Q{response.question}" if response.kind == ANSWER else f"¶{response.paragraph or ''}"
        )
        who = md(response.name or "no name")
        quote = f" “{md(response.quote)}”" if response.quote else ""
        state = "" if response.state == VISIBLE else f" ({md(STATE_LABELS[response.state])})"
        lines.append(f"- **{where}** {who}:{quote} {md(response.body)}{state}")
    return "\n".join(lines) + "\n"


def reader_counts(counts: ClassCounts) -> Mapping[int, Html]:
    """The badge beside each paragraph number in the reader."""
    return {n: count_badge(c) for n, c in counts.paragraphs.items() if c}
