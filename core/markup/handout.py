"""The printable handout: one self-contained HTML document (and a Markdown twin).

Self-contained means no script, no external stylesheet, font or image: it opens offline.
"""

from __future__ import annotations

from core.analysis import Analysis
from core.markup.article import Highlighting, article_header_html, reader_html, section_heading
from core.markup.cards import teaser_card_html
from core.markup.escaping import Html, join, markdown_label
from core.markup.panels import glossary_html, notes_list_html, questions_html
from core.markup.style import STYLE
from core.model import Bundle
from core.state import Links

PRINT_STYLE = Html("""<style>
body{font-family:Georgia,'Times New Roman',serif;max-width:48rem;margin:2rem auto;padding:0 1rem;
 color:#111;background:#fff}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
h2{margin-top:2rem;border-bottom:1px solid #999}
@media print{body{margin:0;max-width:none}a{color:#111;text-decoration:none}
 h2{break-after:avoid}.rr-p,.rr-card,tr,li{break-inside:avoid}}
</style>""")


def handout_html(bundle: Bundle, analysis: Analysis) -> Html:
    """The whole lesson on paper: article, related news, actors, timeline, questions, glossary,
    notes. On paper there is no app to open: every link is an anchor on the same page."""
    highlighting = Highlighting.for_bundle(bundle)
    links = Links.handout()
    spans = analysis.paragraph_spans
    article = reader_html(bundle, spans, highlighting, margins=analysis.margins, links=links)
    sections = [
        article_header_html(bundle),
        Html("<h2>Article</h2>"),
        article,
        *_related_news(bundle, analysis, highlighting),
        Html("<h2>Actors</h2>"),
        _actor_table(bundle, analysis.mention_counts),
        Html("<h2>Timeline</h2>"),
        _event_table(analysis),
    ]
    if bundle.questions:
        sections += [Html("<h2>Discussion questions</h2>"), questions_html(bundle, links)]
    if bundle.glossary:
        sections += [Html("<h2>Glossary</h2>"), glossary_html(bundle)]
    if bundle.notes:
        sections += [Html("<h2>Reader’s notes</h2>"), notes_list_html(bundle, links)]
    return Html(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>{} — handout</title>{}{}</head>"
        '<body><div class="rr">{}</div></body></html>'
    ).format(bundle.meta.title, STYLE, PRINT_STYLE, join(sections))


def _related_news(bundle: Bundle, analysis: Analysis, highlighting: Highlighting) -> list[Html]:
    if not bundle.teasers:
        return []
    cards = [
        teaser_card_html(
            t, analysis.teaser_spans[t.id], highlighting, analysis.notes_by_teaser.get(t.id, ())
        )
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


def handout_markdown(bundle: Bundle, analysis: Analysis) -> str:
    """The same handout as Markdown, for editors and plain-text readers."""
    counts = analysis.mention_counts
    meta, md = bundle.meta, markdown_label
    lines = [f"# {md(meta.title)}", "", f"_{md(meta.dek)}_" if meta.dek else "", ""]
    credits = [meta.publisher, meta.republication_credit, meta.image_caption, meta.image_credit]
    lines += [" · ".join(md(part) for part in credits if part), ""]
    lines += [f"**¶{n}** {md(text)}\n" for n, text in enumerate(bundle.paragraphs, 1)]
    if bundle.teasers:
        lines += ["## Related news on the same page", ""]
        for teaser in bundle.teasers:
            lines += [f"### {md(teaser.title)}", "", *(f"{md(p)}\n" for p in teaser.paragraphs)]
    lines += ["## Actors", ""]
    lines += [
        f"- **{md(a.name)}** ({md(a.kind)}): {md(a.role)} · {_mentions(counts.get(a.id, 0))}"
        for a in bundle.actors
    ]
    lines += ["", "## Timeline", ""]
    lines += [
        f"- {md(e.when_label())}: {md(e.title)} ({md(e.status)})" for e in analysis.events_by_date
    ]
    if bundle.questions:
        lines += ["", "## Discussion questions", ""]
        lines += [f"{q.number}. {md(q.text)}" for q in bundle.questions]
    if bundle.glossary:
        lines += ["", "## Glossary", ""]
        lines += [f"- **{md(t.term)}**: {md(t.definition)}" for t in bundle.glossary]
    if bundle.notes:
        lines += ["", "## Reader’s notes", ""]
        lines += [
            f"- {md(n.kind)}: “{md(n.quote)}” {md(n.note)} ({md(n.reference)})"
            for n in bundle.notes
        ]
    return "\n".join(lines) + "\n"
