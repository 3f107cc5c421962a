"""A bundle as rows and back: generated from the vocabulary's columns, so no field is dropped."""

from __future__ import annotations

import dataclasses

import pytest

from core import model
from core.bundle import load_bundle, load_bundle_files
from core.rows import TABLES, front_matter, row_of, table_csv, table_rows
from core.vocabulary import REVIEW_COLUMN
from tests.helpers import ARTICLES, FIXTURES

RECORDS = {"groups": model.Group, "actors": model.Actor, "events": model.Event}
RECORDS["teasers"] = model.Teaser


@pytest.mark.parametrize(("name", "columns", "attribute"), TABLES)
def test_every_column_is_a_field_of_its_record_and_every_field_a_column(name, columns, attribute):
    fields = {f.name for f in dataclasses.fields(RECORDS[attribute])}
    assert set(columns) | {REVIEW_COLUMN} == fields, name


@pytest.mark.parametrize(
    ("root", "slug"), [(ARTICLES, "iran-russia-suspicious-bind"), (FIXTURES, "mini")]
)
def test_a_bundle_written_from_its_rows_reads_back_the_same(root, slug):
    bundle = load_bundle(root, slug)
    files = {p.name: p.read_bytes() for p in (root / slug).iterdir() if p.is_file()}
    rows = table_rows(bundle)
    for name, columns, attribute in TABLES:
        files[name] = table_csv(columns, rows[attribute])
    again = load_bundle_files(slug, files)
    for _, _, attribute in TABLES:
        assert getattr(again, attribute) == getattr(bundle, attribute)
    assert front_matter(again.meta) == front_matter(bundle.meta)


def test_a_new_field_travels_without_a_converter():
    """A column added to the vocabulary with its dataclass field is carried by `row_of`."""

    @dataclasses.dataclass(frozen=True)
    class Wider(model.Group):
        colour: str = ""

    row = row_of(Wider("a", "A", "", "Quote", colour="teal"), ("id", "label", "colour"))
    assert row == {"id": "a", "label": "A", "colour": "teal", REVIEW_COLUMN: "confirmed"}


def test_cells_are_written_as_the_files_write_them():
    bundle = load_bundle(ARTICLES, "iran-russia-suspicious-bind")
    event = next(e for e in bundle.events if e.end is not None)
    row = row_of(event, ("start", "end", "actors"))
    assert row["start"] == event.start.iso() and row["end"] == event.end.iso()
    assert row["actors"] == "|".join(event.actors)
    front = front_matter(bundle.meta)
    assert front["written"] == bundle.meta.written.iso() and front["published"] == ""
