"""The printable handouts: a short one for students and the teacher's pack, each one
self-contained HTML document (and a Markdown twin).

- The student handout: the article with its key, the related news, the questions (never the
  teacher's notes) and the glossary; what a student reads on paper.
- The teacher's pack: everything, the teacher's notes labelled as such under each question,
  the reader's notes, the actors and the timeline.

Self-contained means no script, no external stylesheet, font or image: it opens offline.
"""

from __future__ import annotations

from dataclasses import replace

from core.analysis import Analysis, PlacedNote
from core.markup.article import (
    DATING_LEFT_OUT,
    DATING_OPEN,
    Highlighting,
    article_header_html,
    byline,
    key_html,
    reader_html,
    section_heading,
)
from core.markup.cards import teaser_card_html
from core.markup.escaping import EMPTY, Html, join, markdown_label
from core.markup.panels import TEACHERS_NOTE, glossary_html, notes_list_html, questions_html
from core.markup.style import STYLE
from core.model import Bundle
from core.state import Links

STUDENT, TEACHER = "student handout", "teacher’s pack"

PRINT_STYLE = Html("""<style>
body{font-family:Georgia,'Times New Roman',serif;max-width:48rem;margin:2rem auto;padding:0 1rem;
 color:#111;background:#fff}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
h2{margin-top:2rem;border-bottom:1px solid #999}
.rr .rr-kind{font-size:.85rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;
 border:2px solid #111;padding:.3rem .6rem;margin:0 0 1rem 0}
.rr .rr-key{font-size:.9rem;border:1px solid #999;padding:.4rem .6rem;margin:0 0 1rem 0}
@media print{body{margin:0;max-width:none}a{color:#111;text-decoration:none}
 .rr{font-size:11pt;line-height:1.45}.rr .rr-p{margin:0 0 .5rem 0}
 .rr dl.rr-glossary{columns:2;column-gap:1.5rem;font-size:9.5pt}
 .rr dl.rr-glossary dd{break-inside:avoid}
 h2{break-after:avoid}.rr-card,tr,li{break-inside:avoid}}
</style>""")


def handout_html(
    bundle: Bundle, analysis: Analysis, teacher: bool = False, class_section: Html = EMPTY
) -> Html:
    """The student handout, or with `teacher` the teacher's pack, as one HTML document;
    `class_section`: a class's responses, at the end of the teacher's pack.

    On paper there is no app to open: every link is an anchor on the same page.
    """
    highlighting = Highlighting.for_bundle(bundle)
    links = Links.handout()
    # The reader's notes are long; on the student's sheet the margins keep only the links to
    # the questions, and the notes stay in the teacher's pack.
    margins = analysis.margins if teacher else replace(analysis.margins, notes={})
    article = reader_html(
        bundle, analysis.paragraph_spans, highlighting, margins=margins, links=links
    )
    sections = [
        Html('<p class="rr-kind">{}</p>').format(_kind_line(teacher)),
        # How the date was worked out from the text is left to the class; on paper it is open.
        article_header_html(bundle, DATING_OPEN if teacher else DATING_LEFT_OUT),
        _key(bundle, teacher),
        Html("<h2>Article</h2>"),
        article,
        *_related_news(bundle, analysis, highlighting, with_notes=teacher),
    ]
    if bundle.questions:
        heading = (
            "Discussion questions, with the teacher’s notes" if teacher else "Discussion questions"
        )
        sections += [section_heading(heading), questions_html(bundle, links, teacher=teacher)]
    if bundle.glossary:
        sections += [Html("<h2>Glossary</h2>"), glossary_html(bundle)]
    if teacher and bundle.notes:
        sections += [Html("<h2>Reader’s notes</h2>"), notes_list_html(analysis.placed_notes, links)]
    if teacher:
        sections += [
            Html("<h2>Actors</h2>"),
            _actor_table(bundle, analysis.mention_counts),
            Html("<h2>Timeline</h2>"),
            _event_table(analysis),
            class_section,
        ]
    return Html(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>{} — {}</title>{}{}</head>"
        '<body><div class="rr">{}</div></body></html>'
    ).format(
        bundle.meta.title, STUDENT if not teacher else TEACHER, STYLE, PRINT_STYLE, join(sections)
    )


def _kind_line(teacher: bool) -> str:
    if teacher:
        return "Teacher’s pack: holds the teacher’s notes (the expected answers). Not for students."
    return "Student handout"


def _key(bundle: Bundle, teacher: bool) -> Html:
    """What the marks in the text mean, for a page that cannot be hovered (every actor is
    highlighted on paper)."""
    notes = teacher and bool(bundle.notes)
    return key_html(bundle.groups, True, bool(bundle.glossary), notes, screen=False)


def _related_news(
    bundle: Bundle, analysis: Analysis, highlighting: Highlighting, with_notes: bool
) -> list[Html]:
    if not bundle.teasers:
        return []
    notes = analysis.notes_by_teaser if with_notes else {}
    cards = [
        teaser_card_html(t, analysis.teaser_spans[t.id], highlighting, notes.get(t.id, ()))
        for t in bundle.teasers
    ]
    return [section_heading("Related news on the same page"), *cards]


def _actor_table(bundle: Bundle, counts: dict[str, int]) -> Html:
    row = Html("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>")
    rows = join(
        row.format(a.name, a.kind, a.role, _camp_label(bundle, a.group), counts.get(a.id, 0))
        for a in bundle.actors
    )
    head = Html("<tr><th>Actor</th><th>Kind</th><th>Role</th><th>Camp</th><th>Mentions</th></tr>")
    return Html("<table>{}{}</table>").format(head, rows)


def _camp_label(bundle: Bundle, group_id: str) -> str:
    group = bundle.group_by_id.get(group_id)
    return group.label if group else ""


def _event_table(analysis: Analysis) -> Html:
    row = Html("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>“{}”</td></tr>")
    rows = join(
        row.format(e.when_label(), e.title, e.status, e.lane, e.evidence)
        for e in analysis.events_by_date
    )
    head = Html("<tr><th>When</th><th>Event</th><th>Status</th><th>Lane</th><th>Evidence</th></tr>")
    return Html("<table>{}{}</table>").format(head, rows)


def _mentions(count: int) -> str:
    return "1 mention" if count == 1 else f"{count} mentions"


def handout_markdown(bundle: Bundle, analysis: Analysis, teacher: bool = False) -> str:
    """The same handout (or with `teacher` the teacher's pack) as Markdown, for editors and
    plain-text readers."""
    meta, md = bundle.meta, markdown_label
    lines = [f"_{md(_kind_line(teacher))}_", "", f"# {md(meta.title)}", ""]
    lines += [f"_{md(meta.dek)}_" if meta.dek else "", ""]
    credits = [byline(meta.byline), meta.publisher, meta.republication_credit]
    credits += [meta.image_caption, meta.image_credit]
    lines += [" · ".join(md(part) for part in credits if part), ""]
    lines += [f"**¶{n}** {md(text)}\n" for n, text in enumerate(bundle.paragraphs, 1)]
    if bundle.teasers:
        lines += ["## Related news on the same page", ""]
        for teaser in bundle.teasers:
            lines += [f"### {md(teaser.title)}", "", *(f"{md(p)}\n" for p in teaser.paragraphs)]
    if bundle.questions:
        lines += ["## Discussion questions", ""]
        for q in bundle.questions:
            lines.append(f"{q.number}. {md(q.text)}")
            if teacher and q.note:
                lines.append(f"   - **{md(TEACHERS_NOTE)}:** {md(q.note)}")
        lines.append("")
    if bundle.glossary:
        lines += ["## Glossary", ""]
        lines += [f"- **{md(t.term)}**: {md(t.definition)}" for t in bundle.glossary]
        lines.append("")
    if teacher:
        lines += _teachers_sections_markdown(bundle, analysis)
    return "\n".join(lines) + "\n"


def _teachers_sections_markdown(bundle: Bundle, analysis: Analysis) -> list[str]:
    """The reader's notes, the actors and the timeline, as in the teacher's pack."""
    counts, md = analysis.mention_counts, markdown_label
    lines = []
    if bundle.notes:
        lines += ["## Reader’s notes", ""]
        lines += [
            f"- {_place_markdown(p)} · {md(p.note.kind)}: “{md(p.note.quote)}” {md(p.note.note)}"
            f" ({md(p.note.reference)})"
            for p in analysis.placed_notes
        ]
        lines.append("")
    lines += ["## Actors", ""]
    lines += [
        f"- **{md(a.name)}** ({md(a.kind)}): {md(a.role)} · {_mentions(counts.get(a.id, 0))}"
        for a in bundle.actors
    ]
    lines += ["", "## Timeline", ""]
    lines += [
        f"- {md(e.when_label())}: {md(e.title)} ({md(e.status)})" for e in analysis.events_by_date
    ]
    return lines


def _place_markdown(placed: PlacedNote) -> str:
    if placed.paragraph is not None:
        return f"¶{placed.paragraph}"
    if placed.teaser is not None:
        return f"related news, “{markdown_label(placed.teaser.title)}”"
    return "related news"
