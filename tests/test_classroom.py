"""The teacher's files: questions.md, glossary.csv, notes.csv; and the handout built from them."""

import html
import re

import pytest

from core.analysis import analyse
from core.bundle import load_bundle
from core.markup.escaping import markdown_label
from core.markup.handout import handout_html, handout_markdown
from core.problems import BundleError
from core.state import Links, ViewState, href, parse_query, question_view, to_query
from tests.helpers import ARTICLES, copy_mini

QUESTIONS = """# Discussion questions

## Why did Alpha meet Beta?
paragraphs: 1
actors: alpha, beta
events: meeting

Look at the first sentence.

## What did the council say?
paragraphs: 2
"""
GLOSSARY = "term,aliases,definition,reference\nAccord,,An agreement.,Dictionary\n"
NOTES = "id,quote,kind,note,reference\nwhen,said so in 2020,context,Dated.,A source\n"


def _with_files(tmp_path, questions=QUESTIONS, glossary=GLOSSARY, notes=NOTES):
    folder = copy_mini(tmp_path)
    (folder / "questions.md").write_text(questions, encoding="utf-8")
    (folder / "glossary.csv").write_text(glossary, encoding="utf-8")
    (folder / "notes.csv").write_text(notes, encoding="utf-8")
    return load_bundle(tmp_path, "mini")


def test_the_teachers_files_load(tmp_path):
    bundle = _with_files(tmp_path)
    first, second = bundle.questions
    assert (first.number, first.paragraphs, first.actors, first.events) == (
        1,
        (1,),
        ("alpha", "beta"),
        ("meeting",),
    )
    assert first.note == "Look at the first sentence."
    assert second.text == "What did the council say?" and second.actors == ()
    assert [t.term for t in bundle.glossary] == ["Accord"]
    assert [n.id for n in bundle.notes] == ["when"]


BROKEN = [
    (
        {"questions": QUESTIONS.replace("paragraphs: 1", "paragraphs: 9")},
        ("questions.md", 4, "paragraphs"),
    ),
    ({"questions": QUESTIONS.replace("alpha, beta", "alpha, zeta")}, ("questions.md", 5, "actors")),
    (
        {"questions": QUESTIONS.replace("events: meeting", "events: nope")},
        ("questions.md", 6, "events"),
    ),
    ({"glossary": GLOSSARY.replace("Accord,,", "Treaty,,")}, ("glossary.csv", 2, "term")),
    ({"glossary": GLOSSARY + "Accord,,Again.,X\n"}, ("glossary.csv", 3, "term")),
    ({"notes": NOTES.replace("said so in 2020", "said so in 2021")}, ("notes.csv", 2, "quote")),
    ({"notes": NOTES.replace(",context,", ",opinion,")}, ("notes.csv", 2, "kind")),
    ({"notes": "id;quote\n"}, ("notes.csv", 1, "header")),
]


@pytest.mark.parametrize(("files", "expected"), BROKEN)
def test_mistakes_in_the_teachers_files_are_named(tmp_path, files, expected):
    with pytest.raises(BundleError) as caught:
        _with_files(tmp_path, **files)
    assert expected in [(p.file, p.line, p.field) for p in caught.value.problems]


def test_a_bundle_without_teachers_files_still_loads(tmp_path):
    copy_mini(tmp_path)
    bundle = load_bundle(tmp_path, "mini")
    assert (bundle.questions, bundle.glossary, bundle.notes) == ((), (), ())


def test_margins_place_notes_and_question_links_by_paragraph(tmp_path):
    bundle = _with_files(tmp_path)
    found = analyse(bundle).margins
    assert [n.id for n in found.notes[2]] == ["when"]
    (question,) = found.questions[1]
    link = Links.reader(bundle.slug).question(question)
    assert question.number == 1
    assert link == "?article=mini&actor=alpha,beta&event=meeting&p=1&q=1"


def test_the_bundled_teachers_pack_has_everything_and_needs_no_network():
    bundle = load_bundle(ARTICLES, "iran-russia-suspicious-bind")
    found = analyse(bundle)
    page = handout_html(bundle, found, teacher=True)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert all(h.startswith(("#rr-", "https://", "http://")) for h in hrefs), hrefs
    assert len(re.findall(r'id="rr-p-\d+"', page)) == len(bundle.paragraphs)
    text = html.unescape(re.sub(r"<[^>]*>", "", page))
    for question in bundle.questions:
        assert question.text in text
    for note in bundle.notes:
        assert f'id="rr-note-{note.id}"' in page
    for teaser in bundle.teasers:
        assert teaser.title in text
    assert "<script" not in page and "<link" not in page
    assert not re.search(r"""(src|srcset)\s*=|url\(""", page)
    markdown = handout_markdown(bundle, found, teacher=True)
    assert markdown.count("**¶") == len(bundle.paragraphs)
    for teaser in bundle.teasers:
        assert f"### {markdown_label(teaser.title)}" in markdown
    assert " 1 mentions" not in markdown


STATES = [
    ViewState("a", paragraph=7),
    ViewState("a", panel="camps"),
    ViewState("a", ("x",), "e", 2022, 3, "questions", True),
    ViewState("a", paragraph=2, question=4),
]


@pytest.mark.parametrize("state", STATES)
def test_every_view_state_round_trips_through_the_url(state):
    assert parse_query(to_query(state)) == (state, [])


def test_links_from_an_older_version_still_open_their_view():
    state, notices = parse_query({"actors": "x,y", "paragraph": "4", "view": "glossary"})
    assert state == ViewState(actors=("x", "y"), paragraph=4, panel="glossary")
    assert notices == []


def test_an_unknown_panel_falls_back_to_the_reader_with_a_notice():
    state, notices = parse_query({"panel": "<b>"})
    assert state.panel == "reader" and len(notices) == 1


def test_a_question_view_opens_its_first_paragraph_and_event(tmp_path):
    question = _with_files(tmp_path).questions[0]
    assert (
        href(question_view("mini", question))
        == "?article=mini&actor=alpha,beta&event=meeting&p=1&q=1"
    )
