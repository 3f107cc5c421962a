"""Page assembly: each part of a page, from a bundle, its analysis and the view.

One function per part a view shows: the header (with the draft banner), the reader with its
cards, the timeline's figure and controls, each classroom panel, presenter mode, the handout,
the sidebar's legend and link, the notices. Pure: no Streamlit. components/data.py caches
these results and the views in components/ pass them to `st.*`.

A new panel: its name in core/vocabulary.py PANELS, its label in PANEL_LABELS below, its
markup in core/markup/panels.py, one branch in `classroom_panel`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from core.analysis import Analysis, camp_members
from core.classwork import ClassCounts, Shown
from core.markup.article import (
    Highlighting,
    article_header_html,
    draft_banner_html,
    key_html,
    orientation_html,
    reader_html,
    section_heading,
)
from core.markup.cards import (
    actor_card_html,
    event_card_html,
    notices_html,
    problems_html,
    teaser_card_html,
)
from core.markup.classwork import answers_html, class_panel, reader_counts, wall_html
from core.markup.escaping import Html, join
from core.markup.handout import handout_html, handout_markdown
from core.markup.panels import (
    camps_html,
    glossary_html,
    notes_list_html,
    presenter_html,
    question_banner_html,
    questions_html,
)
from core.markup.script import share_html, step_marker_html
from core.markup.style import panel, print_only, reading_layout
from core.model import Bundle, Event
from core.problems import Problem
from core.state import SAME_PAGE, Links, ViewState
from core.timeline import busy_years, chart_height, events_frame, timeline_figure
from core.vocabulary import PANELS

READER, CLASS_PANEL = "reader", "class"
PANEL_LABELS = {
    "reader": "Reader",
    "camps": "Camps",
    "questions": "Questions",
    "glossary": "Glossary",
    "notes": "Reader’s notes",
    "handout": "Handout & data",
    "class": "Class",
}
RELATED_NEWS = "Related news on the same page"


def header(bundle: Bundle) -> Html:
    """The draft banner (for a bundle that needs review), title, dek, credits; and the key,
    for paper only (on screen the sidebar holds it)."""
    key = print_only(key_html(bundle.groups, True, bool(bundle.glossary), bool(bundle.notes)))
    return panel(draft_banner_html(bundle), article_header_html(bundle), key)


def reader(
    bundle: Bundle, analysis: Analysis, view: ViewState, counts: ClassCounts | None = None
) -> Html:
    """The numbered paragraphs with the cards of what the view chose and the related news;
    with a class's `counts`, its responses per paragraph beside the paragraph numbers."""
    focus = view.actors
    highlighting = Highlighting.for_bundle(bundle, focus, everyone=view.all_actors)
    links = Links.reader(bundle.slug, view)
    marked = analysis.event_paragraphs.get(view.event) if view.event else None
    spans = analysis.paragraph_spans
    badges = reader_counts(counts) if counts is not None else None
    text = reader_html(
        bundle, spans, highlighting, marked, view.paragraph, analysis.margins, links, badges
    )
    chosen = [_event_card(bundle, analysis, view.event, links)] if view.event else []
    chosen += [_actor_card(bundle, analysis, actor_id, links) for actor_id in focus]
    layout = reading_layout(text, join(chosen), _news(bundle, analysis, highlighting))
    return class_panel(layout) if counts is not None else panel(layout)


def _news(bundle: Bundle, analysis: Analysis, highlighting: Highlighting) -> Html:
    """The related news on the article's page, highlighted like the text."""
    if not bundle.teasers:
        return Html()
    cards = [
        teaser_card_html(
            teaser,
            analysis.teaser_spans[teaser.id],
            highlighting,
            analysis.notes_by_teaser[teaser.id],
        )
        for teaser in bundle.teasers
    ]
    return join([section_heading(RELATED_NEWS), *cards])


def _event_card(bundle: Bundle, analysis: Analysis, event_id: str, links: Links) -> Html:
    event = bundle.event_by_id[event_id]
    actors = [bundle.actor_by_id[a] for a in event.actors if a in bundle.actor_by_id]
    paragraph = analysis.event_paragraphs.get(event_id)
    return event_card_html(event, actors, source_label(bundle, event), paragraph, links)


def _actor_card(bundle: Bundle, analysis: Analysis, actor_id: str, links: Links) -> Html:
    actor = bundle.actor_by_id[actor_id]
    return actor_card_html(
        actor,
        bundle.group_by_id.get(actor.group),
        analysis.paragraphs_by_actor.get(actor_id, ()),
        analysis.events_of({actor_id}),
        links,
    )


def source_label(bundle: Bundle, event: Event) -> str:
    """Where an event comes from, for readers: the article, a teaser, or background."""
    if event.teaser_id is not None:
        teaser = bundle.teaser_by_id.get(event.teaser_id)
        return f"related news: {teaser.title}" if teaser else event.source
    return "background (not stated in the text)" if event.is_background else "the article"


@dataclass(frozen=True)
class TimelineControls:
    """What the timeline offers, once per bundle: the event picker's options in date order
    (None: no event), the years worth zooming to, and the chart's height in pixels (known
    before any figure is built, so a first page can keep room for it)."""

    options: dict[str | None, str]
    busy_years: tuple[int, ...]
    chart_height: int
    summary: str = "Timeline"  # what the collapsed timeline says it holds

    def years(self, chosen: int | None) -> list[int]:
        """The periods to offer: the busy years, and the year the view shows."""
        return sorted({*self.busy_years, *([chosen] if chosen else [])})


def timeline_controls(bundle: Bundle, analysis: Analysis) -> TimelineControls:
    options: dict[str | None, str] = {None: "No event selected"}
    for event in analysis.events_by_date:
        options[event.id] = f"{event.when_label()}: {event.title}"
    return TimelineControls(
        options,
        tuple(busy_years(bundle.events)),
        chart_height(bundle.events),
        timeline_summary(bundle.events),
    )


def timeline_summary(events: Sequence[Event]) -> str:
    """'Timeline: 24 events, 2005–2024': what the timeline holds, before it is opened."""
    if not events:
        return "Timeline: no dated events"
    first = min(event.first_day().year for event in events)
    last = max(event.last_day().year for event in events)
    span = str(first) if first == last else f"{first}–{last}"
    count = f"{len(events)} event" + ("" if len(events) == 1 else "s")
    return f"Timeline: {count}, {span}"


def timeline(
    bundle: Bundle,
    focus: frozenset[str],
    selected: str | None,
    year: int | None,
    class_events: tuple[tuple[str, int], ...] | None = None,
) -> go.Figure:
    """The timeline figure for this focus, selected event and year; with `class_events`
    (a class's responses per event), each tagged marker carries its count."""
    counts = dict(class_events) if class_events is not None else None
    return timeline_figure(events_frame(bundle.events, focus), selected, year, counts)


def class_wall(
    bundle: Bundle,
    question: int | None,
    responses: Sequence[Shown],
    counts: ClassCounts,
    links: Links,
    waiting_note: str = "",
) -> Html:
    """The class's wall: question `question`'s answers (every answer without one), the notes,
    the counts per paragraph, actor and event."""
    chosen = (
        bundle.questions[question - 1] if question and question <= len(bundle.questions) else None
    )
    return class_panel(wall_html(bundle, chosen, responses, counts, links, waiting_note))


def class_answers(
    bundle: Bundle, question: int, responses: Sequence[Shown], links: Links, waiting_note: str = ""
) -> Html:
    """The class's answers to question `question`, under a student's answer box."""
    return class_panel(
        answers_html(bundle.questions[question - 1], responses, bundle, links, waiting_note)
    )


def available_panels(bundle: Bundle, with_class: bool = False) -> list[str]:
    """Panels with something to show for this bundle, in the vocabulary's order; the class's
    wall only while a class is in the view."""
    empty = {
        "camps": not bundle.groups,
        "questions": not bundle.questions,
        "glossary": not bundle.glossary,
        "notes": not bundle.notes,
        CLASS_PANEL: not with_class,
    }
    return [name for name in PANELS if not empty.get(name)]


def chosen_panel(bundle: Bundle, view: ViewState) -> str:
    """The panel the view asks for, or the reader when this bundle has nothing to show there."""
    offered = available_panels(bundle, view.class_code is not None)
    return view.panel if view.panel in offered else READER


def classroom_panel(
    bundle: Bundle, analysis: Analysis, name: str, links: Links, teacher: bool = False
) -> Html:
    """The camps, questions, glossary or notes panel; with `teacher`, the questions carry the
    teacher's notes.

    A panel does not show the text, so `links` (`Links.panel(view)`) make its paragraph
    links open the reader at that paragraph, keeping the rest of the view.
    """
    if name == "camps":
        members = {group.id: camp_members(bundle, group.id) for group in bundle.groups}
        return panel(camps_html(bundle, members, links))
    if name == "questions":
        return panel(questions_html(bundle, links, teacher))
    if name == "glossary":
        return panel(glossary_html(bundle))
    return panel(notes_list_html(analysis.placed_notes, links))


def question_banner(bundle: Bundle, number: int, links: Links) -> Html:
    """Discussion question `number` (1-based), shown above the text a link to it opens."""
    return panel(question_banner_html(bundle, bundle.questions[number - 1], links))


def presenter_start(bundle: Bundle, analysis: Analysis, view: ViewState) -> int:
    """The paragraph presenter mode opens at: the place the reader is at.

    The view's paragraph, else the selected event's, else the first paragraph that mentions
    a focused actor, else the first paragraph of the question on the page, else the first.
    """
    if view.paragraph is not None:
        return view.paragraph
    if view.event is not None and view.event in analysis.event_paragraphs:
        return analysis.event_paragraphs[view.event]
    mentioned = [analysis.paragraphs_by_actor.get(actor, ())[:1] for actor in view.actors]
    firsts = [numbers[0] for numbers in mentioned if numbers]
    if firsts:
        return min(firsts)
    if view.question is not None and 1 <= view.question <= len(bundle.questions):
        paragraphs = bundle.questions[view.question - 1].paragraphs
        if paragraphs:
            return paragraphs[0]
    return 1


def presenter(bundle: Bundle, analysis: Analysis, number: int, focus: frozenset[str]) -> Html:
    """Paragraph `number` in presenter type, with what belongs beside it."""
    spans = analysis.paragraph_spans[number - 1]
    events = [e for e in bundle.events if analysis.event_paragraphs.get(e.id) == number]
    highlighting = Highlighting.for_bundle(bundle, focus)
    return panel(presenter_html(bundle, number, spans, highlighting, analysis.margins, events))


def handout(bundle: Bundle, analysis: Analysis, teacher: bool = False) -> tuple[Html, str]:
    """The printable student handout, or with `teacher` the teacher's pack, as (HTML, Markdown)."""
    return handout_html(bundle, analysis, teacher), handout_markdown(bundle, analysis, teacher)


def share(url: str) -> Html:
    """The link to this view with its copy button."""
    return panel(share_html(url))


def key(bundle: Bundle, view: ViewState) -> Html:
    """The key to every mark on the page."""
    return panel(
        key_html(bundle.groups, view.all_actors, bool(bundle.glossary), bool(bundle.notes))
    )


def orientation(bundle: Bundle, view: ViewState) -> Html:
    """The introduction for a first visit, with the key."""
    return panel(orientation_html(bundle, view.all_actors))


def notices(messages: Sequence[str]) -> Html:
    return panel(notices_html(messages))


def problems(slug: str, listed: Sequence[Problem], blocking: bool = True) -> Html:
    """Every problem of a bundle, each with file, line, field, value and what is valid."""
    return panel(problems_html(slug, listed, blocking))


def prepare_step(step: str, heading: str) -> Html:
    """The Prepare page's heading for `step` (the page script scrolls up when it changes)."""
    return panel(step_marker_html(step, heading))


def share_box(url: str) -> Html:
    """A link with its copy button (the page script does the copying)."""
    return panel(share_html(url))


def preview(bundle: Bundle, analysis: Analysis) -> Html:
    """The reader on an article not published yet, header included. There is no view of it
    to open yet, so every link stays on the page (paragraph anchors only)."""
    highlighting = Highlighting.for_bundle(bundle, ())
    spans, margins = analysis.paragraph_spans, analysis.margins
    text = reader_html(bundle, spans, highlighting, None, None, margins, SAME_PAGE)
    news = _news(bundle, analysis, highlighting)
    layout = reading_layout(text, Html(), news)
    return panel(draft_banner_html(bundle), article_header_html(bundle), layout)
