import html
import re
from dataclasses import replace

import pytest

from core.analysis import analyse
from core.markup.article import Highlighting, article_header_html, highlight, reader_html
from core.markup.cards import actor_card_html, event_card_html, problems_html, teaser_card_html
from core.markup.escaping import Html, markdown_label, plotly_text
from core.markup.style import panel
from core.mentions import Span
from core.model import Actor
from core.problems import Problem
from tests.helpers import mini_bundle

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "' onmouseover='alert(1)",
    '<a href="javascript:alert(1)">x</a>',
]
ACTOR = Actor("a", "Alpha", "person", "Leader", "", ("Alpha",), "", "Alpha spoke")


def _text_of(fragment: str) -> str:
    """What a reader sees: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def _no_markup_from(payload: str, fragment: str) -> None:
    assert payload not in fragment or "<" not in payload and '"' not in payload
    assert "<script" not in fragment.replace("&lt;script", "")
    assert not re.search(r"<(img|svg|a href=\"javascript)", fragment)


@pytest.mark.parametrize("payload", HOSTILE)
def test_highlight_escapes_text_around_and_inside_mentions(payload):
    text = f"{payload} Alpha {payload}"
    start = text.index("Alpha")
    how = Highlighting({"a": replace(ACTOR, name=payload, role=payload)}, {})
    fragment = highlight(text, [Span(start, start + 5, "a")], how)
    _no_markup_from(payload, fragment)
    assert _text_of(fragment) == text


@pytest.mark.parametrize("payload", HOSTILE)
def test_every_card_escapes_every_field(payload):
    bundle = mini_bundle()
    meta_fields = ("title", "dek", "section", "publisher", "image_caption", "image_credit")
    hostile_meta = replace(bundle.meta, **dict.fromkeys(meta_fields, payload))
    event = replace(
        bundle.events[0],
        title=payload,
        summary=payload,
        evidence=payload,
        lane=payload,
        reference=payload,
    )
    actor = replace(ACTOR, name=payload, role=payload, description=payload, evidence=payload)
    teaser = replace(
        bundle.teasers[0], kicker=payload, title=payload, summary=payload, image_caption=payload
    )
    fragments = [
        article_header_html(replace(bundle, meta=hostile_meta)),
        event_card_html(event, [actor], payload, None),
        actor_card_html(actor, None, [1], [event]),
        teaser_card_html(teaser, [()] * len(teaser.texts), Highlighting({}, {})),
        problems_html(payload, [Problem(payload, 1, payload, payload, payload)]),
    ]
    for fragment in fragments:
        _no_markup_from(payload, fragment)
        assert payload in _text_of(fragment)


def test_reader_shows_back_exactly_the_paragraph_text():
    bundle = mini_bundle()
    spans = analyse(bundle).paragraph_spans
    page = reader_html(bundle, spans, Highlighting.for_bundle(bundle))
    for number, paragraph in enumerate(bundle.paragraphs, 1):
        block = re.search(rf'id="rr-p-{number}".*?<p>(.*?)</p>', page).group(1)
        assert _text_of(block) == paragraph


def test_a_focus_marks_only_its_actors_and_dims_other_paragraphs():
    bundle = mini_bundle()
    spans = analyse(bundle).paragraph_spans
    page = reader_html(bundle, spans, Highlighting.for_bundle(bundle, ["beta-council"]))
    assert page.count("<mark") == 1
    assert 'data-actor="beta-council"' in page
    assert re.search(r'class="rr-p rr-dim" id="rr-p-1"', page)
    assert re.search(r'class="rr-p rr-hit" id="rr-p-2"', page)


def test_the_marked_paragraph_is_outlined():
    bundle = mini_bundle()
    page = reader_html(bundle, analyse(bundle).paragraph_spans, Highlighting.for_bundle(bundle), 2)
    assert re.search(r'class="rr-p rr-marked" id="rr-p-2"', page)


def test_groups_differ_by_more_than_colour():
    bundle = mini_bundle()
    how = Highlighting.for_bundle(bundle)
    grouped = how.style(bundle.actor_by_id["alpha"])
    ungrouped = how.style(bundle.actor_by_id["beta"])
    assert grouped[1] != ungrouped[1]


LABELS = [
    ("U.S.", r"U\.S\."),
    ("[x](javascript:alert(1))", r"\[x\]\(javascript\:alert\(1\)\)"),
    ("**bold** _it_ `code` :smile:", r"\*\*bold\*\* \_it\_ \`code\` \:smile\:"),
    ("plain", "plain"),
]


@pytest.mark.parametrize(("text", "escaped"), LABELS)
def test_markdown_labels_are_escaped(text, escaped):
    assert markdown_label(text) == escaped


def test_plotly_text_escapes_tags():
    assert plotly_text("<b>x</b>\ny") == "&lt;b&gt;x&lt;/b&gt;<br>y"


@pytest.mark.parametrize(
    ("reference", "linked"),
    [
        ("See https://example.org/a?b=1 for more", "https://example.org/a?b=1"),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
    ],
)
def test_only_http_references_become_links(reference, linked):
    event = replace(mini_bundle().events[0], reference=reference)
    card = event_card_html(event, [], "the article", None)
    hrefs = re.findall(r'href="([^"]*)"', card)
    assert hrefs == ([linked] if linked else [])


def test_a_panel_is_shown_by_st_html_exactly_as_built():
    """Html's _repr_html_ is what st.html takes as is (a plain string is dedented first)."""
    built = panel(Html("  <p>indented</p>\n"))
    assert isinstance(built, Html) and built._repr_html_() == str(built)
    assert type(built._repr_html_()) is str and built.endswith("</p>\n</div>")


def test_text_joined_with_markup_is_escaped_unless_it_is_markup():
    """Escaping by construction: only Html passes as markup; any other value is shown as text."""
    built = panel("<b>plain text</b>", Html("<b>markup</b>"))
    assert "&lt;b&gt;plain text&lt;/b&gt;" in built and "<b>markup</b>" in built
    assert Html("<p>{}</p>").format("'x' & \"y\"") == "<p>&#x27;x&#x27; &amp; &quot;y&quot;</p>"
