from dataclasses import fields

import pytest

from core.state import MAX_ACTORS, PARAMETERS, ViewState, parse_query, resolve, to_query
from tests.helpers import mini_bundle

PARSED = [
    ({}, ViewState(), 0),
    ({"article": "mini"}, ViewState("mini"), 0),
    ({"article": ["other", "mini"]}, ViewState("mini"), 0),
    ({"actor": "alpha,beta"}, ViewState(actors=("alpha", "beta")), 0),
    ({"actor": "alpha,,alpha, beta"}, ViewState(actors=("alpha", "beta")), 0),
    ({"event": "meeting"}, ViewState(event="meeting"), 0),
    ({"article": "../../etc/passwd"}, ViewState(), 1),
    ({"actor": "<script>alert(1)</script>"}, ViewState(), 1),
    ({"event": "x" * 500}, ViewState(), 1),
    ({"article": 7, "actor": None, "event": ["", ""]}, ViewState(), 0),
]


@pytest.mark.parametrize(("params", "expected", "notice_count"), PARSED)
def test_parse_query_never_raises(params, expected, notice_count):
    state, notices = parse_query(params)
    assert state == expected
    assert len(notices) == notice_count


def test_too_many_actors_are_capped_with_a_notice():
    ids = ",".join(f"a{n}" for n in range(MAX_ACTORS + 5))
    state, notices = parse_query({"actor": ids})
    assert len(state.actors) == MAX_ACTORS
    assert notices


ROUND_TRIPS = [
    ViewState("mini"),
    ViewState("mini", ("alpha",)),
    ViewState("mini", ("alpha", "beta"), "meeting"),
]


@pytest.mark.parametrize("state", ROUND_TRIPS)
def test_query_round_trips(state):
    assert parse_query(to_query(state)) == (state, [])


def test_to_query_always_names_the_article_and_leaves_out_empty_parts():
    assert to_query(ViewState("mini")) == {"article": "mini"}


def test_resolve_drops_unknown_ids_with_a_notice():
    state = ViewState("mini", ("alpha", "nobody"), "no-such-event")
    resolved, notices = resolve(state, mini_bundle())
    assert resolved == ViewState("mini", ("alpha",), None)
    assert len(notices) == 2
    assert "nobody" in notices[0]


def test_many_unknown_actors_make_one_notice():
    state = ViewState("mini", tuple(f"ghost-{n}" for n in range(12)))
    resolved, notices = resolve(state, mini_bundle())
    assert resolved.actors == () and len(notices) == 1 and notices[0].count("ghost-") == 5


@pytest.mark.parametrize(
    ("text", "notice"), [("00003", ""), ("123456", "far too large"), ("3a", "not a number")]
)
def test_paragraph_numbers_are_read_with_clear_notices(text, notice):
    state, notices = parse_query({"p": text})
    assert (state.paragraph == 3) if not notice else notice in notices[0]


def test_a_year_inside_a_long_event_is_kept():
    bundle = mini_bundle()
    assert resolve(ViewState("mini", year=2021), bundle) == (ViewState("mini", year=2021), [])


def test_every_parameter_is_read_and_every_written_one_is_named():
    params = {"article": "a", "actor": "x,y", "event": "e", "year": "2022", "p": "3"}
    params |= {"panel": "notes", "present": "1", "q": "2", "marks": "all", "teacher": "1"}
    params |= {"class": "k7q-m2p"}
    state, notices = parse_query(params)
    assert notices == [] and set(params) == set(PARAMETERS)
    assert all(getattr(state, field.name) != field.default for field in fields(ViewState))
    assert set(to_query(state)) | {"teacher"} == set(PARAMETERS)
