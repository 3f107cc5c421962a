import html
import re
from dataclasses import replace

import pytest

from core.analysis import analyse
from core.markup.article import (
    Highlighting,
    article_header_html,
    highlight,
    key_html,
    note_html,
    orientation_html,
    reader_html,
)
from core.markup.cards import actor_card_html, event_card_html, problems_html, teaser_card_html
from core.markup.escaping import Html, markdown_label, plotly_text
from core.markup.style import GROUP_STYLES, OTHER_STYLE, PERSON_STYLE, panel
from core.mentions import TERM, Span
from core.model import Actor, Note, Term
from core.problems import Problem
from core.state import Links, ViewState
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
    assert how.css_class(bundle.actor_by_id["alpha"]) == "rr-g0"
    assert how.css_class(bundle.actor_by_id["beta"]) == "rr-other"
    assert GROUP_STYLES[0][1] != OTHER_STYLE[1] != PERSON_STYLE[1]


def _marked(page: str) -> set[str]:
    return set(re.findall(r'data-actor="([^"]+)"', page))


def test_by_default_only_the_camps_and_people_are_marked_and_all_on_request():
    bundle = mini_bundle()
    spans = analyse(bundle).paragraph_spans
    default = reader_html(bundle, spans, Highlighting.for_bundle(bundle, everyone=False))
    everyone = reader_html(bundle, spans, Highlighting.for_bundle(bundle, everyone=True))
    assert _marked(default) == {"alpha"}
    assert _marked(everyone) == {"alpha", "beta", "beta-council", "gamma"}
    # A focus marks the focused actor, whoever it is.
    focused = Highlighting.for_bundle(bundle, ["gamma"], everyone=False)
    assert _marked(reader_html(bundle, spans, focused)) == {"gamma"}


def test_marks_and_terms_take_focus_and_carry_their_tip():
    how = replace(Highlighting({"a": ACTOR}, {}), terms={"plan": Term("plan", (), "A scheme", "")})
    text = "Alpha has a plan"
    fragment = highlight(text, [Span(0, 5, "a")], how, [Span(12, 16, "plan", TERM)])
    assert re.search(
        r'<mark [^>]*tabindex="0" aria-description="Alpha — Leader">Alpha</mark>', fragment
    )
    assert re.search(
        r'<dfn [^>]*tabindex="0" aria-description="plan: A scheme">plan</dfn>', fragment
    )
    assert "title=" not in fragment  # no native tooltip over the CSS one
    assert _text_of(fragment) == text


def test_a_paragraph_number_opens_this_view_at_that_paragraph():
    bundle = mini_bundle()
    view = ViewState(article="mini", actors=("alpha",), event="e1", paragraph=1)
    page = reader_html(
        bundle,
        analyse(bundle).paragraph_spans,
        Highlighting.for_bundle(bundle),
        links=Links.reader("mini", view),
    )
    numbers = re.findall(r'class="rr-pn" href="([^"]+)"', page)
    assert numbers[1] == "?article=mini&amp;actor=alpha&amp;event=e1&amp;p=2"
    # Without a view (the handout), the number is an anchor on the page.
    handout = reader_html(bundle, analyse(bundle).paragraph_spans, Highlighting.for_bundle(bundle))
    assert re.findall(r'class="rr-pn" href="([^"]+)"', handout)[1] == "#rr-p-2"


NOTE = Note(
    "n1",
    "Alpha met Beta",
    "correction",
    "Not in Gamma. They met elsewhere, as the record shows.",
    "Meeting report (1 May 2021). Daily Paper. https://example.org/a ; javascript:alert(1)",
)


def test_a_note_beside_the_text_is_collapsed_with_its_kind_and_titled_sources():
    collapsed = note_html(NOTE, collapsed=True)
    assert re.search(
        r"<details [^>]*><summary><span class=\"rr-tag\">correction</span> "
        r"Not in Gamma\.</summary>",
        collapsed,
    )
    assert re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', collapsed) == [
        ("https://example.org/a", "Meeting report (1 May 2021). Daily Paper.")
    ]
    assert "<details" not in note_html(NOTE)


@pytest.mark.parametrize("payload", HOSTILE)
def test_notes_escape_every_field(payload):
    hostile = Note("n1", payload, "context", payload, f"{payload} https://example.org/x {payload}")
    for fragment in (note_html(hostile), note_html(hostile, collapsed=True)):
        _no_markup_from(payload, fragment)


def test_the_key_names_every_mark():
    bundle = mini_bundle()
    key = _text_of(key_html(bundle.groups, everyone=False, terms=True, notes=True))
    for words in (
        "Hawks camp (solid underline)",
        "other people",
        "other actors (dotted underline, shown with “Highlight all actors”)",
        "glossary term",
        "reader’s note",
        "selected event",
        "the link points to",
        "actor in focus",
    ):
        assert words in key, words


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


@pytest.mark.parametrize(
    ("groups", "glossary", "everyone", "said", "unsaid"),
    [
        (True, True, False, ["the camps and people are highlighted", "wavy underline"], []),
        (False, False, False, ["the people are highlighted"], ["camps", "wavy underline"]),
        (False, False, True, ["every actor is highlighted"], ["camps"]),
    ],
)
def test_the_introduction_speaks_only_of_what_the_article_has(
    groups, glossary, everyone, said, unsaid
):
    bundle = mini_bundle()
    term = Term("quay", (), "a platform where boats tie up", "")
    bundle = replace(
        bundle, groups=bundle.groups if groups else (), glossary=(term,) if glossary else ()
    )
    text = html.unescape(re.sub(r"<[^>]+>", "", str(orientation_html(bundle, everyone))))
    intro = text.split("Key to the marks")[0]
    assert all(words in intro for words in said)
    assert not any(words in intro for words in unsaid)
