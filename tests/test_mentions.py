import pytest

from core.mentions import Span, build_alias_index, find_mentions

ALIASES = [
    ("Vladimir Putin", "putin"),
    ("Putin", "putin"),
    ("Iran", "iran"),
    ("the Kremlin", "kremlin"),
    ("Moscow", "kremlin"),
    ("U.S.", "us"),
    ("US", "us"),
    ("Islamic Revolutionary Guards Corps", "irgc"),
    ("IRGC", "irgc"),
]
INDEX = build_alias_index(ALIASES)

# (text, [(surface, actor_id), ...]) — edge cases first.
CASES = [
    ("", []),
    (" ", []),
    ("no actors here", []),
    ("Putin", [("Putin", "putin")]),
    ("Vladimir Putin spoke", [("Vladimir Putin", "putin")]),
    ("Putin’s visit", [("Putin’s", "putin")]),
    ("Putin's visit", [("Putin's", "putin")]),
    ("Iranian leaders", []),
    ("Putinism", []),
    ("Iran-Russia ties", [("Iran", "iran")]),
    ("the Putin-Khamenei meeting", [("Putin", "putin")]),
    ("the Kremlin’s concerns", [("the Kremlin’s", "kremlin")]),
    ("The Kremlin", []),
    ("Moscow and Iran", [("Moscow", "kremlin"), ("Iran", "iran")]),
    ("the U.S. and the US", [("U.S.", "us"), ("US", "us")]),
    ("USA", []),
    ("Corps (IRGC)", [("IRGC", "irgc")]),
    (
        "Islamic Revolutionary Guards Corps (IRGC)",
        [("Islamic Revolutionary Guards Corps", "irgc"), ("IRGC", "irgc")],
    ),
    ("Irans", []),
    ("Iran’sh", [("Iran", "iran")]),
    ("Iran_x", []),
    ("putin", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_mentions(text, expected):
    spans = find_mentions(text, INDEX)
    assert [(text[s.start : s.end], s.key) for s in spans] == expected


def test_longest_alias_wins_whatever_the_input_order():
    index = build_alias_index([("Ali", "ali"), ("Ali Shamkhani", "shamkhani")])
    assert find_mentions("Ali Shamkhani and Ali", index) == [
        Span(0, 13, "shamkhani"),
        Span(18, 21, "ali"),
    ]


def test_spans_are_sorted_and_do_not_overlap():
    text = "Putin met Putin’s ally in Moscow; the Kremlin and Iran agreed. " * 50
    spans = find_mentions(text, INDEX)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert len(spans) == 5 * 50


def test_an_alias_thousands_of_characters_long_is_found():
    # A hostile bundle's alias may be far longer than any name; one character per trie level
    # once made the pattern recurse past Python's limit.
    long_alias = "Harbour " * 1000 + "Council"
    index = build_alias_index([(long_alias, "council"), (long_alias + " of Elders", "elders")])
    text = f"Before {long_alias} met."
    assert find_mentions(text, index) == [Span(7, 7 + len(long_alias), "council")]
