"""The printable handout: one self-contained HTML document (and a Markdown twin).

Self-contained means no script, no external stylesheet, font or image: it opens offline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.dates import when_label
from core.markup.cards import teaser_card_html
from core.markup.escaping import escape, markdown_label
from core.markup.panels import Places, glossary_html, notes_list_html, questions_html
from core.markup.style import STYLE
from core.markup.text import Highlighting, Margins, article_header_html, reader_html
from core.model import Bundle, Event, Note

if TYPE_CHECKING:  # the analysis module builds on this package, so only for type hints
    from core.analysis import Analysis

PRINT_STYLE = """<style>
body{font-family:Georgia,'Times New Roman',serif;max-width:48rem;margin:2rem auto;padding:0 1rem;
 color:#111;background:#fff}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
h2{margin-top:2rem;border-bottom:1px solid #999}
@media print{body{margin:0;max-width:none}a{color:#111;text-decoration:none}
 h2{break-after:avoid}.rr-p,.rr-card,tr,li{break-inside:avoid}}
</style>"""


def handout_html(
    bundle: Bundle,
    analysis: Analysis,
    margins: Margins,
    places: Places,
    notes_by_teaser: dict[str, tuple[Note, ...]],
) -> str:
    """The whole lesson on paper: article, related news, actors, timeline, questions, glossary,
    notes."""
    how = Highlighting.for_bundle(bundle)
    counts = analysis.mention_counts
    sections = [
        article_header_html(bundle),
        "<h2>Article</h2>",
        reader_html(bundle, analysis.paragraph_spans, how, margins=margins),
        *_related_news(bundle, analysis, how, notes_by_teaser),
        "<h2>Actors</h2>",
        _actor_table(bundle, counts),
        "<h2>Timeline</h2>",
        _event_table(bundle),
    ]
    if bundle.questions:
        sections += [
            "<h2>Discussion questions</h2>",
            questions_html(bundle, None, places),
        ]
    if bundle.glossary:
        sections += ["<h2>Glossary</h2>", glossary_html(bundle)]
    if bundle.notes:
        sections += ["<h2>Reader’s notes</h2>", notes_list_html(bundle, places)]
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(bundle.meta.title)} — handout</title>{STYLE}{PRINT_STYLE}</head>"
        f'<body><div class="rr">{"".join(sections)}</div></body></html>'
    )


def _related_news(bundle: Bundle, analysis: Analysis, how: Highlighting, notes) -> list[str]:
    if not bundle.teasers:
        return []
    cards = [
        teaser_card_html(t, analysis.teaser_spans[t.id], how, notes.get(t.id, ()))
        for t in bundle.teasers
    ]
    return ["<h2>Related news on the same page</h2>", *cards]


def _actor_table(bundle: Bundle, counts: dict[str, int]) -> str:
    rows = "".join(
        f"<tr><td>{escape(a.name)}</td><td>{escape(a.kind)}</td><td>{escape(a.role)}</td>"
        f"<td>{escape(bundle.group_by_id[a.group].label) if a.group in bundle.group_by_id else ''}"
        f"</td><td>{counts.get(a.id, 0)}</td></tr>"
        for a in bundle.actors
    )
    head = "<tr><th>Actor</th><th>Kind</th><th>Role</th><th>Camp</th><th>Mentions</th></tr>"
    return f"<table>{head}{rows}</table>"


def _chronological(bundle: Bundle) -> list[Event]:
    return sorted(bundle.events, key=lambda event: event.start.first_day())


def _event_table(bundle: Bundle) -> str:
    rows = "".join(
        f"<tr><td>{escape(when_label(e.start, e.end, e.qualifier))}</td><td>{escape(e.title)}"
        f"</td><td>{escape(e.status)}</td><td>{escape(e.lane)}</td>"
        f"<td>“{escape(e.evidence)}”</td></tr>"
        for e in _chronological(bundle)
    )
    head = "<tr><th>When</th><th>Event</th><th>Status</th><th>Lane</th><th>Evidence</th></tr>"
    return f"<table>{head}{rows}</table>"


def _mentions(count: int) -> str:
    return "1 mention" if count == 1 else f"{count} mentions"


def handout_markdown(bundle: Bundle, counts: dict[str, int]) -> str:
    """The same handout as Markdown, for editors and plain-text readers."""
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
    lines += [f"- **{md(a.name)}** ({md(a.kind)}): {md(a.role)} · {_mentions(counts.get(a.id, 0))}"
              for a in bundle.actors]  # fmt: skip
    lines += ["", "## Timeline", ""]
    lines += [f"- {md(when_label(e.start, e.end, e.qualifier))}: {md(e.title)} ({md(e.status)})"
              for e in _chronological(bundle)]  # fmt: skip
    if bundle.questions:
        lines += ["", "## Discussion questions", ""]
        lines += [f"{q.number}. {md(q.text)}" for q in bundle.questions]
    if bundle.glossary:
        lines += ["", "## Glossary", ""]
        lines += [f"- **{md(t.term)}**: {md(t.definition)}" for t in bundle.glossary]
    if bundle.notes:
        lines += ["", "## Reader’s notes", ""]
        lines += [f"- {md(n.kind)}: “{md(n.quote)}” {md(n.note)} ({md(n.reference)})"
                  for n in bundle.notes]  # fmt: skip
    return "\n".join(lines) + "\n"
