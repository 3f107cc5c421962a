"""Properties of the core, fuzzed with hypothesis (a longer run: `make fuzz`)."""

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from core.bundle import load_bundle
from core.markup.article import Highlighting, highlight
from core.mentions import build_alias_index, find_mentions
from core.model import Actor
from core.problems import BundleError
from core.state import parse_query, to_query
from tests.helpers import copy_mini

WORDS = st.sampled_from(["Iran", "Russia", "the Kremlin", "Putin", "US", "U.S.", "Ali", "Ali K"])
TEXT = st.lists(
    st.one_of(WORDS, st.text(alphabet="abc XYZ’'s.-_<>&\"\n", max_size=6)), max_size=30
).map("".join)
ALIASES = st.lists(WORDS, min_size=1, max_size=6, unique=True)


def reference_mentions(text, aliases):
    """What a plain regex alternation, longest alias first, finds (without possessives)."""
    ordered = sorted(aliases, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
    return [(m.start(), m.group()) for m in pattern.finditer(text)]


@given(TEXT, ALIASES)
def test_spans_stay_in_the_text_sorted_and_apart(text, aliases):
    spans = find_mentions(text, build_alias_index((a, a) for a in aliases))
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


@given(TEXT, ALIASES)
def test_mentions_agree_with_a_plain_alternation(text, aliases):
    spans = find_mentions(text, build_alias_index((a, a) for a in aliases))
    assert [(s.start, s.key) for s in spans] == reference_mentions(text, aliases)


@given(TEXT, ALIASES, st.text(max_size=20))
def test_stripping_the_markup_gives_back_the_text(text, aliases, name):
    index = build_alias_index((a, a) for a in aliases)
    actors = {a: Actor(a, name, "person", name, "", (a,), "", "") for a in aliases}
    fragment = highlight(text, find_mentions(text, index), Highlighting(actors, {}))
    assert html.unescape(re.sub(r"<[^>]*>", "", fragment)) == text
    assert "<" not in re.sub(r"</?mark[^>]*>", "", fragment)


PARAMS = st.dictionaries(
    st.sampled_from(["article", "actor", "event", "year", "other"]),
    st.one_of(st.text(max_size=80), st.lists(st.text(max_size=20), max_size=3), st.none()),
)


@given(PARAMS)
def test_url_state_parsing_never_raises_and_round_trips(params):
    state, notices = parse_query(params)
    assert all(isinstance(notice, str) for notice in notices)
    assert parse_query(to_query(state)) == (state, [])


FILE_NAMES = st.sampled_from(
    ["article.md", "actors.csv", "events.csv", "groups.csv", "teasers.csv"]
)


@given(FILE_NAMES, st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_the_loader_raises_only_its_own_error(tmp_path_factory, name, content):
    root = tmp_path_factory.mktemp("fuzz")
    (copy_mini(root) / name).write_bytes(content)
    try:
        load_bundle(root, "mini")
    except BundleError as error:
        assert error.problems and all(p.expected for p in error.problems)
