"""The class's pure parts: codes in links, quotes, tags, counts, new answers, exports, and
every piece of student text through the one markup module."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from core.analysis import analyse
from core.classwork import (
    ANSWER,
    NOTE,
    ClassCounts,
    Shown,
    counts_from_responses,
    export_csv,
    export_json,
    export_rows,
    join_link,
    known_tags,
    quote_problem,
    readable_code,
    split_new,
    text_fingerprint,
)
from core.markup.classwork import (
    class_pack_html,
    class_pack_markdown,
    join_banner_html,
    qr_data_uri,
    response_html,
    seat_html,
    wall_html,
)
from core.page import available_panels, chosen_panel, reader, timeline
from core.state import Links, ViewState, class_code, href, parse_query, to_query
from tests.helpers import mini_bundle
from tests.hostile import CANONICAL_PAYLOADS

BUNDLE = mini_bundle()
LINKS = Links.panel(ViewState(article="mini", class_code="K7QM2PX"))


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("K7QM2PX", "K7QM2PX"),
        ("k7q-m2px", "K7QM2PX"),
        (" k7q m2p x ", "K7QM2PX"),
        ("", None),
        ("ab", None),
        ("<script>", None),
        ("x" * 40, None),
    ],
)
def test_a_typed_or_linked_class_code_is_read_one_way(typed, code):
    assert class_code(typed) == code


def test_the_class_code_lives_in_the_link_and_the_teacher_key_never_does():
    state, notices = parse_query({"article": "mini", "class": "k7q-m2px", "key": "secret"})
    assert state.class_code == "K7QM2PX" and notices == []
    assert to_query(state) == {"article": "mini", "class": "K7QM2PX"}
    assert "key" not in href(state) and "secret" not in href(state)


def test_a_class_code_that_cannot_exist_is_a_notice():
    state, notices = parse_query({"class": "<img src=x onerror=alert(1)>"})
    assert state.class_code is None and "class code" in notices[0]


def test_links_inside_a_class_keep_the_class():
    view = ViewState(article="mini", class_code="K7QM2PX", panel="class")
    assert "class=K7QM2PX" in Links.panel(view).paragraph(2)
    assert "class=K7QM2PX" in Links.presenter(view).paragraph(2)


def test_the_join_link_opens_the_article_with_the_class():
    link = join_link("http://room.example/read?x=1#top", "mini", "K7QM2PX")
    assert link == "http://room.example/read?article=mini&class=K7QM2PX"
    assert readable_code("K7QM2PX") == "K7QM-2PX"


def test_the_class_panel_is_offered_only_with_a_class():
    assert "class" not in available_panels(BUNDLE)
    assert "class" in available_panels(BUNDLE, with_class=True)
    assert chosen_panel(BUNDLE, ViewState("mini", panel="class")) == "reader"
    assert chosen_panel(BUNDLE, ViewState("mini", panel="class", class_code="K7QM2PX")) == "class"


def test_a_quote_must_stand_word_for_word_in_its_paragraph():
    paragraph = BUNDLE.paragraphs[0]
    words = " ".join(paragraph.split()[:4])
    assert quote_problem(BUNDLE, 1, words) == ""
    assert quote_problem(BUNDLE, 1, "  " + words.replace(" ", "\n ") + " ") == ""
    assert quote_problem(BUNDLE, 1, "") == ""
    assert "not word for word in ¶1" in quote_problem(BUNDLE, 1, words + " and more")
    assert "no paragraph 99" in quote_problem(BUNDLE, 99, words)
    if len(BUNDLE.paragraphs) > 1 and words not in BUNDLE.paragraphs[1]:
        assert quote_problem(BUNDLE, 2, words)  # in the article, but not in that paragraph


def test_tags_are_the_bundles_own_actors_and_events_only():
    actor, event = BUNDLE.actors[0].id, BUNDLE.events[0].id
    assert known_tags(BUNDLE, [actor, "nobody", "<b>"], [event, "never"]) == (
        (actor,),
        (event,),
    )


def test_the_fingerprint_changes_with_the_text_only():
    from dataclasses import replace

    same = replace(BUNDLE, teasers=())
    changed = replace(BUNDLE, paragraphs=(*BUNDLE.paragraphs[:-1], "A new last paragraph."))
    assert text_fingerprint(same) == text_fingerprint(BUNDLE) != text_fingerprint(changed)


def _answer(number: int, **fields) -> Shown:
    return Shown(
        **{"id": number, "kind": ANSWER, "body": f"answer {number}", "question": 1} | fields
    )


def test_new_answers_wait_behind_the_button_but_ones_own_never_do():
    responses = [_answer(1), _answer(2), _answer(3, mine=True), _answer(4)]
    shown, waiting = split_new(responses, seen_up_to=2)
    assert [r.id for r in shown] == [1, 2, 3] and [r.id for r in waiting] == [4]
    assert split_new(responses, None) == (responses, [])


def test_counts_are_over_visible_responses():
    actor, event = BUNDLE.actors[0].id, BUNDLE.events[0].id
    responses = [
        _answer(1, actors=(actor,)),
        Shown(2, NOTE, "note", paragraph=3, events=(event,)),
        Shown(3, NOTE, "hidden", paragraph=3, state="hidden"),
    ]
    counts = counts_from_responses(responses)
    assert counts == ClassCounts({3: 1}, {actor: 1}, {event: 1}, {1: 1})
    assert ClassCounts.from_key(counts.key()) == counts


def test_the_reader_shows_counts_beside_the_paragraph_numbers_only_in_a_class():
    analysis = analyse(BUNDLE)
    view = ViewState("mini")
    plain = reader(BUNDLE, analysis, view)
    counted = reader(BUNDLE, analysis, view, ClassCounts({2: 3}))
    assert "rr-count" not in plain
    badge = re.search(r'id="rr-p-2">.*?</a>(<span class="rr-count">.*?</span></span>)', counted)
    assert badge and "3" in badge.group(1) and "class responses" in badge.group(1)
    assert counted.count('class="rr-count"') == 1


def test_the_timeline_markers_carry_the_class_counts_as_data():
    event = BUNDLE.events[0].id
    figure = timeline(BUNDLE, frozenset(), None, None, ((event, 4),))
    markers = [trace for trace in figure.data if trace.mode and "markers" in trace.mode]
    labelled = {
        custom: text
        for trace in markers
        for custom, text in zip(trace.customdata, trace.text, strict=True)
    }
    assert labelled[event] == "4" and set(labelled.values()) <= {"4", ""}
    assert any("Class: 4 responses" in hover for t in markers for hover in t.hovertext)
    plain = timeline(BUNDLE, frozenset(), None, None)
    assert all(trace.mode in ("lines", "markers") for trace in plain.data)


@pytest.mark.parametrize("payload", CANONICAL_PAYLOADS)
def test_every_piece_of_student_text_is_escaped(payload):
    response = Shown(
        7, NOTE, payload, paragraph=1, quote=payload, name=payload, seat="3", actors=("x",)
    )
    html = str(response_html(BUNDLE, response, LINKS, moderating=True))
    html += str(seat_html("K7QM2PX", "K7Q-2MX", payload))
    html += str(wall_html(BUNDLE, None, [response], ClassCounts(), LINKS))
    html += str(class_pack_html(BUNDLE, "K7QM2PX", [response], ClassCounts()))
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    if "<" in payload:
        assert payload not in html and "&lt;" in html
    else:  # a plain string stays plain text, never a link
        assert 'href="javascript' not in html


def test_a_right_to_left_override_stays_inside_its_response():
    response = Shown(1, ANSWER, "\u202eevil", question=1, name="\u202ename")
    html = str(response_html(BUNDLE, response, LINKS, moderating=True))
    assert "<bdi>\u202eevil</bdi>" in html and "<bdi>\u202ename</bdi>" in html


def test_names_show_only_where_given():
    anonymous = Shown(1, ANSWER, "text", question=1)
    named = Shown(2, ANSWER, "text", question=1, name="Ada", seat="4")
    assert "Ada" not in response_html(BUNDLE, anonymous, LINKS)
    assert "Ada" in response_html(BUNDLE, named, LINKS) and "seat 4" in str(
        response_html(BUNDLE, named, LINKS)
    )
    assert "Ada" not in response_html(BUNDLE, named.without_name(), LINKS)


def test_the_wall_shows_the_questions_answers_and_notes_by_paragraph():
    question = BUNDLE.questions[0] if BUNDLE.questions else None
    responses = [
        _answer(1, body="first answer"),
        _answer(2, body="answer to another", question=2),
        Shown(3, NOTE, "a note on two", paragraph=2),
    ]
    html = str(wall_html(BUNDLE, question, responses, ClassCounts({2: 1}), LINKS))
    assert "a note on two" in html and "first answer" in html
    if question is not None:
        assert "answer to another" not in html
    assert re.search(r'>¶2</a></span> <span class="rr-count">1<', html)
    assert re.search(r'>¶1</a></span> <span class="rr-muted">·<', html)


def test_the_join_banner_has_the_code_the_link_and_a_local_qr_code():
    link = "http://room.example/?article=mini&class=K7QM2PX"
    html = str(join_banner_html("K7QM2PX", link))
    assert (
        "K7QM-2PX" in html and 'href="http://room.example/?article=mini&amp;class=K7QM2PX"' in html
    )
    assert qr_data_uri(link).startswith("data:image/svg+xml")
    assert 'alt="QR code that opens the join link' in html


def test_the_qr_code_encodes_the_join_link():
    import segno

    link = "http://room.example/?article=mini&class=K7QM2PX"
    assert segno.make(link, error="m").svg_data_uri(
        scale=6, border=2, dark="#000000", light="#FFFFFF"
    ) == qr_data_uri(link)


ROWS = [
    {
        "id": 1,
        "seat": 2,
        "display_name": '=HYPERLINK("http://evil")',
        "kind": ANSWER,
        "question": 1,
        "paragraph": None,
        "quote": "",
        "body": "+1 -2 @me",
        "actors": ["a", "b"],
        "events": [],
        "state": "visible",
        "created": "2026-12-06T10:00:00+00:00",
        "edited": None,
        "current": False,
    }
]


def test_the_csv_export_is_formula_safe():
    rows = export_rows(ROWS)
    text = export_csv(rows).decode("utf-8")
    records = list(csv.DictReader(io.StringIO(text)))
    assert records[0]["display_name"].startswith("'=") and records[0]["body"] == "'+1 -2 @me"
    assert records[0]["actors"] == "a|b" and records[0]["older_version"] == "yes"
    for record in records:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in record.values())


def test_the_json_export_keeps_text_as_text():
    document = json.loads(export_json("K7QM2PX", "mini", export_rows(ROWS)))
    assert document["responses"][0]["display_name"] == '=HYPERLINK("http://evil")'
    assert document["class"] == "K7QM2PX" and document["article"] == "mini"
    assert "token" not in json.dumps(document) and "key" not in document


def test_the_class_section_of_the_teachers_pack_in_markdown_is_escaped():
    response = Shown(1, ANSWER, "*bold* [x](javascript:alert(1))", question=1, name="Ada")
    text = class_pack_markdown(BUNDLE, "K7QM2PX", [response])
    assert "\\*bold\\*" in text and "\\[x\\]\\(javascript" in text and "Ada" in text


def test_a_response_to_an_earlier_text_is_marked():
    older = Shown(1, NOTE, "note", paragraph=1, older=True)
    assert "earlier version of the text" in response_html(BUNDLE, older, LINKS)
    assert "earlier version" not in response_html(BUNDLE, Shown(2, NOTE, "n", paragraph=1), LINKS)


def test_the_class_bench_polls_as_the_views_do():
    from bench import class_load
    from components import class_wall

    assert (class_load.WALL_POLL_S, class_load.STUDENT_POLL_S) == (
        class_wall.WALL_POLL_S,
        class_wall.STUDENT_POLL_S,
    )
