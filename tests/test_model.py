"""What the data says about itself: each vocabulary used once, an event's dates, where quotes
stand, what a span is, the draft banner."""

import datetime as dt
from dataclasses import replace

import pytest

from components.actors import KIND_ICONS
from core.analysis import analyse
from core.markup.article import draft_banner_html
from core.mentions import ACTOR, TERM, build_alias_index, find_mentions
from core.model import Term, in_time_order
from core.page import PANEL_LABELS, header
from core.text import SearchableText
from core.timeline import QUALIFIER_DASH, STATUS_SYMBOLS
from core.vocabulary import (
    ACTOR_KINDS,
    DATE_QUALIFIERS,
    EVENT_STATUSES,
    PANELS,
    SUGGESTED,
)
from tests.helpers import ROOT, mini_bundle


@pytest.mark.parametrize(
    ("keyed", "vocabulary"),
    [
        (KIND_ICONS, ACTOR_KINDS),
        (STATUS_SYMBOLS, EVENT_STATUSES),
        (QUALIFIER_DASH, ("", *DATE_QUALIFIERS)),
        (PANEL_LABELS, PANELS),
    ],
)
def test_every_table_keyed_by_a_vocabulary_has_exactly_its_words(keyed, vocabulary):
    assert set(keyed) == set(vocabulary)


def test_the_id_pattern_is_written_once():
    pattern = "[a-z0-9]+(?:-[a-z0-9]+)*"
    holders = [
        path.relative_to(ROOT).as_posix()
        for folder in ("core", "components")
        for path in (ROOT / folder).rglob("*.py")
        if pattern in path.read_text(encoding="utf-8")
    ]
    assert holders == ["core/vocabulary.py"]


def test_an_event_knows_its_days_label_and_year():
    events = mini_bundle().event_by_id
    accord, council = events["accord-signed"], events["council-says"]
    assert accord.when_label() == "about 1 Mar 2021–2 Mar 2021"
    assert (accord.first_day(), accord.last_day()) == (dt.date(2021, 3, 1), dt.date(2021, 3, 2))
    assert (council.first_day(), council.last_day()) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert council.covers_year(2020) and not council.covers_year(2021)
    assert accord.teaser_id == "gamma-news" and council.teaser_id is None
    assert accord.involves({"gamma"}) and not accord.involves({"alpha"})


def test_events_in_time_order_keep_bundle_order_on_the_same_day():
    events = mini_bundle().events
    assert [e.id for e in in_time_order(events)] == ["council-says", "meeting", "accord-signed"]
    twin = replace(events[0], id="twin")
    assert [e.id for e in in_time_order([twin, events[0]])] == ["twin", "meeting"]


QUOTES = [
    ("", False),
    ("Alpha met Beta", True),
    ("Alpha   met\nBeta", True),
    ("in Gamma. Alpha’s plan", False),  # runs from one text into the next
    ("alpha met beta", False),
]


@pytest.mark.parametrize(("quote", "found"), QUOTES)
def test_one_quote_matcher_folds_whitespace_and_keeps_texts_apart(quote, found):
    searchable = SearchableText.of(mini_bundle().paragraphs)
    assert searchable.has_quote(quote) is found


@pytest.mark.parametrize(
    ("phrase", "found"), [("Beta", True), ("Bet", False), ("Beta Council", True), ("", False)]
)
def test_a_phrase_is_found_only_as_whole_words(phrase, found):
    assert SearchableText.of(mini_bundle().paragraphs).has_phrase(phrase) is found


def test_a_quote_is_placed_in_its_paragraph():
    bundle = mini_bundle()
    assert bundle.paragraph_of("which said  so in 2020") == 2
    assert bundle.paragraph_of("Gamma signed the Accord") is None  # a teaser's, not the text's
    assert bundle.paragraph_of("") is None


def test_spans_say_whether_they_mark_an_actor_or_a_term():
    actors = build_alias_index([("Alpha", "alpha")])
    terms = build_alias_index([("Accord", "Accord")], kind=TERM)
    text = "Alpha signed the Accord"
    assert [(s.key, s.kind) for s in find_mentions(text, actors)] == [("alpha", ACTOR)]
    assert [(s.key, s.kind) for s in find_mentions(text, terms)] == [("Accord", TERM)]


def test_glossary_spans_are_terms_keyed_by_the_term_and_yield_to_mentions():
    bundle = mini_bundle()
    glossary = (Term("plan", (), "An intention.", ""), Term("Council", (), "A body.", ""))
    spans = analyse(replace(bundle, glossary=glossary)).margins.terms
    # "Council" lies inside the mention "the Beta Council", so only "plan" is marked.
    assert [(number, s.key, s.kind) for number, p in enumerate(spans, 1) for s in p] == [
        (2, "plan", TERM)
    ]


def test_a_reviewed_bundle_shows_no_draft_banner():
    assert str(draft_banner_html(mini_bundle())) == ""
    assert "Draft:" not in header(mini_bundle())


@pytest.mark.parametrize(
    ("draft", "suggested", "banner"),
    [
        (True, 0, "Draft: 0 suggestions not reviewed yet"),
        (False, 1, "Draft: 1 suggestion not reviewed yet"),
        (True, 3, "Draft: 3 suggestions not reviewed yet"),
    ],
)
def test_a_draft_or_a_bundle_with_suggestions_shows_the_banner(draft, suggested, banner):
    bundle = mini_bundle()
    actors = tuple(
        replace(actor, review=SUGGESTED) if number < suggested else actor
        for number, actor in enumerate(bundle.actors)
    )
    drafted = replace(bundle, meta=replace(bundle.meta, draft=draft), actors=actors)
    shown = header(drafted)
    assert banner in shown and 'role="status"' in shown
    assert shown.index(banner) < shown.index("<h1>")
