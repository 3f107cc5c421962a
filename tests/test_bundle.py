import os

import pytest

from core.bundle import fingerprint, list_articles, load_bundle
from core.problems import BundleError
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


def _replace(name, old, new):
    def edit(folder):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _remove(name):
    return lambda folder: (folder / name).unlink()


def _write_bytes(name, data):
    return lambda folder: (folder / name).write_bytes(data)


# (case, edit to the fixture, (file, line, field) expected among the problems)
BROKEN = [
    ("missing file", _remove("events.csv"), ("events.csv", None, "file")),
    ("empty file", _write_bytes("groups.csv", b""), ("groups.csv", 1, "header")),
    ("misspelled column", _replace("actors.csv", ",aliases,", ",alias,"),
     ("actors.csv", 1, "column aliases")),
    ("extra column", _replace("groups.csv", "evidence\n", "evidence,notes\n"),
     ("groups.csv", 1, "column")),
    ("semicolons", _write_bytes("groups.csv", b"id;label;description;evidence\n"),
     ("groups.csv", 1, "header")),
    ("non-UTF-8 bytes", _write_bytes("teasers.csv", "id,caf\xe9".encode("latin-1")),
     ("teasers.csv", 1, "encoding")),
    ("binary file", _write_bytes("actors.csv", b"\x89PNG\r\n\x1a\n\x00\x00"),
     ("actors.csv", None, "file")),
    ("bad date", _replace("events.csv", "2021-02,", "2021-02-30,"), ("events.csv", 2, "start")),
    ("end before start", _replace("events.csv", "2021-03-01,2021-03-02", "2021-03-01,2020-01"),
     ("events.csv", 4, "end")),
    ("unknown actor", _replace("events.csv", "alpha|beta", "alpha|zeta"),
     ("events.csv", 2, "actors")),
    ("unknown group", _replace("actors.csv", "Leader,hawks", "Leader,doves"),
     ("actors.csv", 2, "group")),
    ("duplicate id", _replace("actors.csv", "beta,Beta,", "alpha,Beta,"), ("actors.csv", 3, "id")),
    ("shared alias", _replace("actors.csv", ",,,Gamma,", ",,,Gamma|Alpha,"),
     ("actors.csv", 5, "aliases")),
    ("evidence not in text", _replace("groups.csv", "Alpha met Beta\n", "Alpha hit Beta\n"),
     ("groups.csv", 2, "evidence")),
    ("paragraph not in source", _replace("article.md", "Alpha met Beta", "Alpha saw Beta"),
     ("article.md", 7, "paragraph")),
    ("bad kind", _replace("actors.csv", ",person,", ",human,"), ("actors.csv", 2, "kind")),
    ("bad status", _replace("events.csv", ",alleged,", ",rumoured,"), ("events.csv", 3, "status")),
    ("bad qualifier", _replace("events.csv", ",about,", ",circa,"), ("events.csv", 4, "qualifier")),
    ("unknown teaser source", _replace("events.csv", "teaser:gamma-news", "teaser:nope"),
     ("events.csv", 4, "source")),
    ("context without reference", _replace("events.csv", ",article,\n", ",context,\n"),
     ("events.csv", 2, "reference")),
    ("invalid YAML", _replace("article.md", 'section: "Menu"', "section: [unclosed"),
     ("article.md", 3, "front matter")),
    ("nested YAML", _replace("article.md", 'section: "Menu"', "section: [[[[1]]]]"),
     ("article.md", 3, "section")),
    ("unknown front matter key", _replace("article.md", 'section: "Menu"', 'sektion: "Menu"'),
     ("article.md", 3, "front matter key")),
    ("no front matter", _replace("article.md", "---\n", "", ), ("article.md", 1, "front matter")),
    ("bad published date", _replace("article.md", '"2021-03"', '"March 2021"'),
     ("article.md", 5, "published")),
    ("short row", _replace("groups.csv", ",Alpha met Beta\n", "\n"), ("groups.csv", 2, "row")),
]  # fmt: skip


@pytest.mark.parametrize(("case", "edit", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_bundle_names_file_line_and_field(tmp_path, case, edit, expected):
    edit(copy_mini(tmp_path))
    with pytest.raises(BundleError) as caught:
        load_bundle(tmp_path, "mini")
    found = [(p.file, p.line, p.field) for p in caught.value.problems]
    assert expected in found, f"{case}: {found}"
    assert all(p.expected for p in caught.value.problems)


WARNED = [
    ("BOM", lambda f: (f / "groups.csv").write_bytes(b"\xef\xbb\xbf" + (f / "groups.csv")
                                                      .read_bytes()), "encoding"),
    ("CRLF", lambda f: (f / "actors.csv").write_bytes((f / "actors.csv").read_bytes()
                                                      .replace(b"\n", b"\r\n")), "line ends"),
    ("alias not in text", _replace("actors.csv", ",,,Gamma,", ",,,Gamma|Delta,"), "aliases"),
]  # fmt: skip


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
    _replace("events.csv", ",alleged,", ",rumoured,")(folder)
    _replace("actors.csv", ",person,", ",human,")(folder)
    _remove("teasers.csv")(folder)
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
