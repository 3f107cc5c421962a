"""The whole draft: rows, re-dating, the files, the atomic write, and the command."""

import csv
import io
import json
import sys

import pytest

from core.bundle import list_articles, load_bundle
from core.publish import BACKUPS_FOLDER, PublishError, write_bundle
from core.text import fold_whitespace
from core.vocabulary import ACTOR_COLUMNS, EVENT_COLUMNS, REVIEW_COLUMN, SUGGESTED
from drafting.__main__ import main
from drafting.bundle_files import bundle_files
from drafting.draft import ATTENTION, draft_from_parts, draft_source, formula_safe, redate
from drafting.source import DraftError, read_source, source_from_text
from tests.helpers import ROOT

PAGE = ROOT / "tests" / "fixtures" / "pages" / "harbour-bridge.html"


@pytest.fixture(scope="module")
def seed_draft(seed_page_text):
    steps = []
    draft = draft_source(source_from_text(seed_page_text), None, lambda s, d: steps.append(s))
    return draft, steps


def test_drafting_reports_each_step_for_a_progress_display(seed_draft):
    assert seed_draft[1] == ["reading", "paragraphs", "names", "dates"]


def test_rows_are_plain_dicts_keyed_by_the_bundle_columns_and_marked_suggested(seed_draft):
    draft, _ = seed_draft
    assert draft.actors and draft.events and draft.teasers
    for row in draft.actors:
        assert tuple(row) == (*ACTOR_COLUMNS, REVIEW_COLUMN, ATTENTION)
        assert row["review"] == SUGGESTED
    for row in draft.events:
        assert tuple(row) == (*EVENT_COLUMNS, REVIEW_COLUMN, ATTENTION)
        assert row["review"] == SUGGESTED and row["id"] in draft.event_dates


def test_without_a_publication_date_relative_events_wait_and_the_note_says_so(seed_draft):
    draft, _ = seed_draft
    assert draft.published == ""
    assert draft.undated_events
    assert any(note.startswith("No publication date") for note in draft.notes)
    assert "\npublished:" not in bundle_files(draft)["article.md"].decode().split("---")[1]


def test_redating_moves_the_relative_events_and_counts_them(seed_draft):
    draft, _ = seed_draft
    dated, moved = redate(draft, "2022-09")
    assert moved == len(draft.undated_events) - sum(
        d.base != "published" for d in draft.event_dates.values() if d.relative
    )
    assert {"2022-08", "2022-07", "2022-02"} <= {row["start"] for row in dated.events}
    again, moved_again = redate(dated, "2023-09")
    assert moved_again == moved and "2023-08" in {row["start"] for row in again.events}
    assert redate(again, "2023-09")[1] == 0
    with pytest.raises(DraftError, match="Publication date"):
        redate(draft, "September")


def test_a_teacher_can_move_blocks_and_draft_again(seed_draft):
    draft, _ = seed_draft
    shorter = draft_from_parts(draft.meta, draft.paragraphs[:2], (), "2022-09",
                               source_text=draft.source_text)  # fmt: skip
    assert shorter.paragraphs == draft.paragraphs[:2] and not shorter.teasers
    assert len(shorter.actors) < len(draft.actors)


def test_every_draft_file_passes_the_validator_and_quotes_are_verbatim(seed_draft, tmp_path):
    draft, _ = seed_draft
    written = write_bundle(bundle_files(draft), tmp_path, "seed")
    bundle = load_bundle(tmp_path, "seed")
    assert written == tmp_path / "seed" and bundle.meta.draft
    assert bundle.suggestion_count == len(bundle.actors) + len(bundle.events) + len(bundle.teasers)
    source = fold_whitespace((tmp_path / "seed" / "source.txt").read_text())
    assert all(paragraph in source for paragraph in bundle.paragraphs)


def _cells(data: bytes):
    return [cell for row in csv.reader(io.StringIO(data.decode())) for cell in row]


def test_no_cell_starts_like_a_formula_and_quotes_stay_verbatim(tmp_path):
    hostile = (
        '=HYPERLINK("http://x") said Mayor Helena Voss on 5 May 2021 in Port Alder.\n\n'
        "-2 degrees: @Ruben Achebe, the councillor, told the Port Alder Gazette in 2020.\n\n"
        "+ Tomas Berg said the Harbour Trust (HT) denied it in March 2019."
    )
    draft = draft_source(source_from_text(hostile), "2022-09")
    files = bundle_files(draft)
    for name in ("actors.csv", "events.csv", "teasers.csv", "groups.csv"):
        assert not any(cell and cell[0] in "=+-@\t\r" for cell in _cells(files[name])), name
    write_bundle(files, tmp_path, "hostile")
    assert load_bundle(tmp_path, "hostile").events


@pytest.mark.parametrize(
    ("text", "safe"),
    [("=1+2", "1+2"), ("+x", "x"), ("-x", "x"), ("@x", "x"), ("\t=x", "x"), ("\r+x", "x"),
     (" =x", "x"), ("x=1", "x=1"), ("", "")],
)  # fmt: skip
def test_formula_safe_drops_only_the_dangerous_start(text, safe):
    assert formula_safe(text) == safe


def test_an_existing_bundle_is_kept_unless_replaced_and_then_backed_up(seed_draft, tmp_path):
    files = bundle_files(seed_draft[0])
    write_bundle(files, tmp_path, "seed")
    marker = tmp_path / "seed" / "questions.md"
    marker.write_text("## Kept?\n")
    with pytest.raises(PublishError, match="already exists"):
        write_bundle(files, tmp_path, "seed")
    assert marker.exists()
    write_bundle(files, tmp_path, "seed", replace=True)
    (backup,) = (tmp_path / BACKUPS_FOLDER).iterdir()
    assert (backup / "questions.md").read_text() == "## Kept?\n"
    assert not (tmp_path / "seed" / "questions.md").exists()
    assert list_articles(tmp_path) == ["seed"]  # no backup or staging folder is listed
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".staging")] == []


def test_a_draft_that_fails_the_validator_is_never_put_in_place(seed_draft, tmp_path):
    files = dict(bundle_files(seed_draft[0]))
    files["source.txt"] = b"Nothing the paragraphs could be copied from.\n"
    with pytest.raises(PublishError, match="does not pass the bundle check"):
        write_bundle(files, tmp_path, "broken")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("slug", ["", "Bad Slug", "../escape", ".hidden", "a" * 80, "café"])
def test_invalid_slugs_are_refused(seed_draft, tmp_path, slug):
    with pytest.raises(PublishError, match="Invalid name"):
        write_bundle(bundle_files(seed_draft[0]), tmp_path, slug)
    assert list(tmp_path.iterdir()) == []


def test_a_saved_html_page_drafts_with_its_metadata_and_keeps_the_original(tmp_path):
    draft = draft_source(read_source(str(PAGE)))
    assert draft.meta["title"] == "Port Alder council votes to rebuild the harbour bridge"
    assert draft.meta["published"] == "2023-05-04" and draft.meta["byline"] == "Mara Lindqvist"
    assert not any("Advertisement" in p or "Read more" in p for p in draft.paragraphs)
    names = {row["name"]: row for row in draft.actors}
    assert names["Helena Voss"]["role"] == "Mayor" and "Voss" in names["Helena Voss"]["aliases"]
    assert "CIA" in names["Coastal Infrastructure Agency"]["aliases"]
    starts = {row["start"]: row for row in draft.events}
    assert starts["2019-03"]["status"] == "confirmed"
    assert starts["2023-04"]["status"] == "denied"  # 'denied the claim last month'
    assert starts["2017"]["qualifier"] == "since" and starts["2017"]["status"] == "alleged"
    files = bundle_files(draft)
    assert files["original.html"] == PAGE.read_bytes()
    write_bundle(files, tmp_path, "harbour")
    assert load_bundle(tmp_path, "harbour").meta.published.iso() == "2023-05-04"


# --- the command ---------------------------------------------------------------------------


def _run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_drafts_the_bundled_page_text(capsys, tmp_path):
    source = ROOT / "data" / "articles" / "iran-russia-suspicious-bind" / "source.txt"
    code, out, err = _run(capsys, source, "--slug", "try", "--into", tmp_path)
    assert code == 0, err
    assert "paragraphs 11" in out and "No publication date found" in out
    assert "(none found: left out of article.md)" in out
    load_bundle(tmp_path, "try")
    code, out, err = _run(capsys, source, "--slug", "try", "--into", tmp_path,
                          "--published", "2022-09", "--replace")  # fmt: skip
    assert code == 0, err
    assert "published  2022-09" in out and (tmp_path / BACKUPS_FOLDER).is_dir()


def test_the_command_drafts_a_saved_html_page(capsys, tmp_path):
    code, out, _ = _run(capsys, PAGE, "--slug", "harbour", "--into", tmp_path)
    assert code == 0 and "published  2023-05-04" in out
    assert (tmp_path / "harbour" / "original.html").exists()


def _write(path, data):
    path.write_bytes(data)
    return path


HOSTILE = [
    (lambda d: _write(d / "empty.txt", b""), "is empty"),
    (lambda d: _write(d / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256))), "binary"),
    (lambda d: _write(d / "latin.txt", "Caf\xe9 cr\xe8me, d\xe9j\xe0 vu.".encode("latin-1")),
     "not UTF-8"),
    (lambda d: _write(d / "menu.txt", b"Home\nNews\nSign in\nFollow us"), "No article text"),
    (lambda d: _write(d / "empty.html", b"<html><body><nav>Home</nav></body></html>"),
     "No article text"),
    (lambda d: d / "missing.txt", "No such file"),
    (lambda d: "http://127.0.0.1:9/", "not a public internet address"),
    (lambda d: "file:///etc/passwd", "Only http and https"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "message"), HOSTILE)
def test_hostile_sources_write_nothing_and_say_why_in_one_line(capsys, tmp_path, make, message):
    into = tmp_path / "articles"
    code, out, err = _run(capsys, make(tmp_path), "--slug", "x", "--into", into)
    assert code != 0 and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err + out
    assert not into.exists() or list(into.iterdir()) == []


def test_a_50_mb_file_is_refused_by_the_command(capsys, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, _, err = _run(capsys, big, "--slug", "x", "--into", tmp_path / "a")
    assert code == 1 and "50.0 MB" in err and not (tmp_path / "a").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--slug", "Bad Slug"], "Invalid name"), (["--slug", "x", "--published", "Sept"],
      "Publication date"), (["--slug", "x", "--published", "2022-13"], "Publication date")],
)  # fmt: skip
def test_bad_options_write_nothing(capsys, tmp_path, args, message):
    code, _, err = _run(capsys, PAGE, *args, "--into", tmp_path / "a")
    assert code == 1 and message in err and not (tmp_path / "a").exists()


def test_an_existing_slug_without_replace_is_refused_and_kept(capsys, tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "article.md").write_text("mine")
    code, _, err = _run(capsys, PAGE, "--slug", "x", "--into", tmp_path)
    assert code == 1 and "already exists" in err and "REPLACE=1" in err
    assert (tmp_path / "x" / "article.md").read_text() == "mine"


def test_the_reader_does_not_import_the_drafting_stack():
    import subprocess

    code = (
        "import sys, json\n"
        "import core.bundle, core.markup, core.timeline, core.state, core.validate\n"
        "import components.reader, components.actors, components.timeline, components.panels\n"
        "print(json.dumps(sorted(m for m in ('spacy', 'trafilatura', 'dateparser', 'rapidfuzz',"
        " 'htmldate', 'babel', 'drafting') if m in sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)  # fmt: skip
    assert json.loads(result.stdout) == []
