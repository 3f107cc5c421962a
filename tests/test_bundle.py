import csv
import io
import os

import pytest

from core.bundle import fingerprint, list_articles, load_bundle, load_bundle_files
from core.problems import BundleError
from tests.broken_bundles import BROKEN, WARNED, remove_file, swap
from tests.helpers import FIXTURES, copy_mini, mini_bundle


def test_the_fixture_bundle_loads_whole():
    bundle = mini_bundle()
    assert bundle.meta.title == "A small test: Alpha and Beta"
    assert bundle.meta.published.iso() == "2021-03"
    assert len(bundle.paragraphs) == 2
    assert [a.id for a in bundle.actors] == ["alpha", "beta", "beta-council", "gamma", "accord"]
    assert bundle.actor_by_id["alpha"].aliases == ("Alpha",)
    assert bundle.events[2].source == "teaser:gamma-news"
    assert bundle.teasers[0].paragraphs == ("Gamma signed the Accord on Monday.",)
    assert bundle.warnings == ()


@pytest.mark.parametrize(("case", "edit", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_bundle_names_file_line_and_field(tmp_path, case, edit, expected):
    edit(copy_mini(tmp_path))
    with pytest.raises(BundleError) as caught:
        load_bundle(tmp_path, "mini")
    found = [(p.file, p.line, p.field) for p in caught.value.problems]
    assert expected in found, f"{case}: {found}"
    assert all(p.expected for p in caught.value.problems)


@pytest.mark.parametrize(("case", "edit", "field"), WARNED, ids=[w[0] for w in WARNED])
def test_fixable_slips_still_load_with_a_warning(tmp_path, case, edit, field):
    edit(copy_mini(tmp_path))
    bundle = load_bundle(tmp_path, "mini")
    assert [w.field for w in bundle.warnings] == [field]
    assert len(bundle.actors) == 5


@pytest.mark.parametrize("slug", ["../../etc/passwd", "..", "Mini", "mini/", "", "a" * 65])
def test_a_slug_that_is_a_path_is_refused_before_any_file_is_read(slug):
    with pytest.raises(BundleError) as caught:
        load_bundle(FIXTURES, slug)
    assert caught.value.problems[0].field == "article"


def test_a_missing_article_names_the_ones_there_are():
    with pytest.raises(BundleError) as caught:
        load_bundle(FIXTURES, "nope")
    assert "mini" in caught.value.problems[0].expected


def test_a_symlink_out_of_the_data_folder_is_not_read(tmp_path):
    folder = copy_mini(tmp_path / "root")
    outside = tmp_path / "secret.csv"
    outside.write_text("id,label,description,evidence\n", encoding="utf-8")
    (folder / "groups.csv").unlink()
    os.symlink(outside, folder / "groups.csv")
    with pytest.raises(BundleError) as caught:
        load_bundle(tmp_path / "root", "mini")
    assert ("groups.csv", "file", "symlink") in [
        (p.file, p.field, p.value) for p in caught.value.problems
    ]


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    folder = copy_mini(tmp_path)
    with open(folder / "source.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(BundleError) as caught:
        load_bundle(tmp_path, "mini")
    assert [p.field for p in caught.value.problems][:1] == ["file size"]


def test_every_problem_is_reported_at_once(tmp_path):
    folder = copy_mini(tmp_path)
    swap("events.csv", ",alleged,", ",rumoured,")(folder)
    swap("actors.csv", ",person,", ",human,")(folder)
    remove_file("teasers.csv")(folder)
    with pytest.raises(BundleError) as caught:
        load_bundle(tmp_path, "mini")
    assert {p.file for p in caught.value.problems} >= {"events.csv", "actors.csv", "teasers.csv"}


def test_list_articles_skips_symlinks_and_odd_names(tmp_path):
    copy_mini(tmp_path)
    (tmp_path / "Not A Slug").mkdir()
    os.symlink(tmp_path / "mini", tmp_path / "linked")
    assert list_articles(tmp_path) == ["mini"]


def test_fingerprint_changes_when_a_file_changes(tmp_path):
    folder = copy_mini(tmp_path)
    before = fingerprint(tmp_path, "mini")
    (folder / "groups.csv").write_text("id,label,description,evidence\n", encoding="utf-8")
    assert fingerprint(tmp_path, "mini") != before


def _add_column(folder, name: str, column: str, values: list[str]) -> None:
    """Append `column` to a table: the header gets its name, each row one of `values`."""
    lines = (folder / name).read_text(encoding="utf-8").rstrip("\n").split("\n")
    cells = [column, *values]
    (folder / name).write_text(
        "\n".join(f"{line},{cell}" for line, cell in zip(lines, cells, strict=True)) + "\n"
    )


def test_drafted_rows_say_they_are_suggestions_and_the_rest_are_confirmed(tmp_path):
    folder = copy_mini(tmp_path)
    _add_column(folder, "actors.csv", "review", ["suggested", "", "confirmed", "suggested", ""])
    bundle = load_bundle(tmp_path, "mini")
    assert [a.review for a in bundle.actors] == [
        "suggested",
        "confirmed",
        "confirmed",
        "suggested",
        "confirmed",
    ]
    assert {e.review for e in bundle.events} == {"confirmed"}
    assert bundle.suggestion_count == 2


def test_a_review_cell_must_be_suggested_or_confirmed(tmp_path):
    folder = copy_mini(tmp_path)
    _add_column(folder, "actors.csv", "review", ["maybe", "", "", "", ""])
    with pytest.raises(BundleError) as caught:
        load_bundle(tmp_path, "mini")
    assert ("actors.csv", 2, "review") in [(p.file, p.line, p.field) for p in caught.value.problems]


def test_columns_are_read_by_name_whatever_their_order(tmp_path):
    path = copy_mini(tmp_path) / "groups.csv"
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([row[1], row[0], *row[2:]] for row in table)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert load_bundle(tmp_path, "mini").groups == mini_bundle().groups


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("publisher: No", "publisher", "No"),
        ("publisher: 2022-09-01", "publisher", "2022-09-01"),
        ("original_publisher: yes", "original_publisher", "yes"),
        ("original_publisher: 1e3", "original_publisher", "1e3"),
        ("byline: Ellie Geranmayeh", "byline", "Ellie Geranmayeh"),
    ],
)
def test_every_front_matter_value_is_read_as_text(tmp_path, line, field, expected):
    folder = copy_mini(tmp_path)
    text = (folder / "article.md").read_text(encoding="utf-8")
    (folder / "article.md").write_text(text.replace('publisher: "Test Press"\n', f"{line}\n"))
    assert getattr(load_bundle(tmp_path, "mini").meta, field) == expected


def test_a_draft_says_so_in_its_front_matter(tmp_path):
    folder = copy_mini(tmp_path)
    text = (folder / "article.md").read_text(encoding="utf-8")
    (folder / "article.md").write_text(text.replace("---\n", "---\ndraft: true\n", 1))
    assert load_bundle(tmp_path, "mini").meta.draft is True
    assert mini_bundle().meta.draft is False


def test_a_bundle_in_memory_is_checked_as_one_on_disk():
    files = {path.name: path.read_bytes() for path in (FIXTURES / "mini").iterdir()}
    from_memory = load_bundle_files("mini", files)
    assert from_memory.paragraphs == mini_bundle().paragraphs
    assert from_memory.actors == mini_bundle().actors
    del files["actors.csv"]
    files["events.csv"] = b"\x00binary"
    with pytest.raises(BundleError) as caught:
        load_bundle_files("mini", files)
    assert {(p.file, p.field) for p in caught.value.problems} >= {
        ("actors.csv", "file"),
        ("events.csv", "file"),
    }
    with pytest.raises(BundleError):
        load_bundle_files("../etc", files)
