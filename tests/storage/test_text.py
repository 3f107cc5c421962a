"""What a student's text is made into before it is stored (storage/text.py), and what the
database keeps about a student at all."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.schema import metadata
from storage.text import clean_line, clean_text

pytestmark = pytest.mark.xdist_group("storage")

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ANY_TEXT = st.text(st.characters(codec=None), max_size=200)


def _hidden(char: str) -> bool:
    return char in BIDI_CONTROLS or (unicodedata.category(char) in ("Cc", "Cs") and char != "\n")


@given(ANY_TEXT)
def test_no_hidden_control_survives_and_cleaning_twice_changes_nothing(text):
    cleaned = clean_text(text)
    assert not any(_hidden(char) for char in cleaned)
    assert cleaned == cleaned.strip()
    assert clean_text(cleaned) == cleaned
    cleaned.encode("utf-8")  # storable: no lone surrogates, which would raise here


@given(ANY_TEXT)
def test_a_line_has_no_line_break(text):
    assert "\n" not in clean_line(text)
    assert clean_line(clean_line(text)) == clean_line(text)


@given(st.text(st.characters(categories=("L", "N", "P", "Zs")), max_size=200))
def test_visible_text_is_kept_but_for_its_spacing(text):
    cleaned = clean_text(text)
    assert cleaned.split() == unicodedata.normalize("NFC", text).split()


def test_nothing_about_a_student_but_their_chosen_name_and_words_is_stored():
    columns = {f"{table.name}.{column.name}" for table in metadata.sorted_tables
               for column in table.columns}  # fmt: skip
    for word in ("email", "mail", "ip", "address", "agent", "browser", "device", "password"):
        assert not [name for name in columns if word in name.split(".")[1].split("_")], word
    secrets = [name for name in columns if name.endswith("_hash")]
    assert sorted(secrets) == [
        "classes.teacher_key_hash",
        "seat_tokens.token_hash",
        "seats.rejoin_hash",
    ]
