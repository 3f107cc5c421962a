"""A lesson's classroom items in the core: the question a link opens, the teacher's notes,
the place presenter mode opens at, the reader's notes in reading order, the camps' quotes,
the date line, and the two handouts."""

import html
import re
from dataclasses import replace

import pytest

from core import page
from core.analysis import analyse, place_notes
from core.bundle import load_bundle
from core.markup.article import article_header_html
from core.markup.handout import handout_html, handout_markdown
from core.markup.panels import TEACHERS_NOTE, camps_html, notes_list_html, questions_html
from core.state import Links, ViewState, href, parse_query, resolve, to_query
from tests.helpers import ARTICLES, copy_mini

SLUG = "iran-russia-suspicious-bind"


@pytest.fixture(scope="module")
def bundled():
    bundle = load_bundle(ARTICLES, SLUG)
    return bundle, analyse(bundle)


def _text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", " ", fragment))


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# The question on the page: `q` in the link, kept by every link that keeps the view.


def test_a_question_link_carries_the_question(bundled):
    bundle, _ = bundled
    third = bundle.questions[2]
    link = Links.reader(SLUG).question(third)
    assert "q=3" in link.split("&")
    state, notices = parse_query(dict(pair.split("=") for pair in link[1:].split("&")))
    assert state.question == 3 and not notices


def test_a_question_the_article_does_not_have_is_dropped_with_a_notice(bundled):
    bundle, _ = bundled
    resolved, notices = resolve(ViewState(SLUG, question=99), bundle)
    assert resolved.question is None and "no discussion question 99" in notices[0]
    state, notices = parse_query({"q": "three"})
    assert state.question is None and "question number" in notices[0]


def test_the_question_banner_shows_the_question_and_its_paragraphs(bundled):
    bundle, _ = bundled
    banner = str(page.question_banner(bundle, 3, Links.reader(SLUG)))
    text = _folded(_text_of(banner))
    assert f"Discussion question 3 of {len(bundle.questions)}" in text
    assert bundle.questions[2].text in html.unescape(banner)
    assert bundle.questions[2].note not in html.unescape(banner)  # never the answer
    assert re.findall(r'href="#rr-p-(\d+)"', banner) == [
        str(n) for n in bundle.questions[2].paragraphs
    ]


# The teacher's notes: shown only when asked, labelled, and in no link.


def test_the_questions_panel_hides_the_teachers_notes_unless_asked(bundled):
    bundle, _ = bundled
    links = Links.panel(ViewState(SLUG, panel="questions"))
    students = html.unescape(str(questions_html(bundle, links)))
    teachers = html.unescape(str(questions_html(bundle, links, teacher=True)))
    notes = [q.note for q in bundle.questions if q.note]
    assert notes, "the bundled questions have teacher's notes"
    assert not any(note in students for note in notes) and TEACHERS_NOTE not in students
    for note in notes:
        assert f"{TEACHERS_NOTE}</span> {note}" in teachers


def test_the_teachers_switch_is_read_but_never_written_into_a_link():
    state, notices = parse_query({"article": SLUG, "teacher": "1", "q": "2"})
    assert state.teacher and state.question == 2 and not notices
    assert "teacher" not in to_query(state) and "teacher" not in href(state)
    assert to_query(state) == {"article": SLUG, "q": "2"}
    panel_links = Links.panel(replace(state, panel="questions"))
    assert "teacher" not in panel_links.paragraph(3)


# Presenter mode opens where the reader is.


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (ViewState(SLUG), 1),
        (ViewState(SLUG, paragraph=7, event="putin-khamenei-meeting"), 7),
        (ViewState(SLUG, event="putin-khamenei-meeting", actors=("javad-zarif",)), 2),
        (ViewState(SLUG, actors=("javad-zarif", "nasser-kanani")), 4),
        (ViewState(SLUG, actors=("javad-zarif",), question=2), 6),
        (ViewState(SLUG, question=4), 2),
        (ViewState(SLUG, event="khayyam-launch", question=4), 1),
    ],
)
def test_presenter_mode_opens_at_the_place_in_view(bundled, view, expected):
    bundle, analysis = bundled
    assert page.presenter_start(bundle, analysis, view) == expected


def test_presenter_paragraph_links_stay_in_presenter_mode():
    links = Links.presenter(ViewState(SLUG, present=True, paragraph=3, question=2, teacher=True))
    assert links.paragraph(5) == f"?article={SLUG}&p=5&present=1&q=2"


# The reader's notes in reading order, each saying where it stands.


def test_the_readers_notes_come_in_reading_order_and_name_their_news_item(bundled):
    bundle, analysis = bundled
    placed = analysis.placed_notes
    assert sorted(p.note.id for p in placed) == sorted(n.id for n in bundle.notes)
    in_article = [p.paragraph for p in placed if p.paragraph is not None]
    assert in_article == sorted(in_article)
    first_teaser = next(i for i, p in enumerate(placed) if p.paragraph is None)
    assert all(p.paragraph is None for p in placed[first_teaser:])
    teaser_order = [bundle.teasers.index(p.teaser) for p in placed[first_teaser:]]
    assert teaser_order == sorted(teaser_order)
    listed = html.unescape(str(notes_list_html(placed, Links.handout())))
    for p in placed[first_teaser:]:
        assert f"related news, “{p.teaser.title}”: " in listed
    assert re.search(r"related news:", listed) is None


def test_notes_in_one_paragraph_come_in_the_order_of_their_quotes(tmp_path):
    folder = copy_mini(tmp_path)
    (folder / "notes.csv").write_text(
        "id,quote,kind,note,reference\n"
        "later,said so in 2020,context,Second.,A source\n"
        "news,signed the Accord on Monday,update,Third.,A source\n"
        "earlier,Alpha’s plan,context,First.,A source\n"
        "opening,Alpha met Beta,context,Zeroth.,A source\n",
        encoding="utf-8",
    )
    bundle = load_bundle(tmp_path, "mini")
    assert [p.note.id for p in place_notes(bundle)] == ["opening", "earlier", "later", "news"]


# The camps never show one quote twice.


def test_a_camp_never_repeats_a_quote(tmp_path):
    folder = copy_mini(tmp_path)
    actors = (folder / "actors.csv").read_text(encoding="utf-8")
    # Beta joins the hawks with the same evidence as Alpha, which holds the camp's own quote.
    actors = actors.replace("beta,Beta,country,,,", "beta,Beta,country,,hawks,")
    (folder / "actors.csv").write_text(actors, encoding="utf-8")
    bundle = load_bundle(tmp_path, "mini")
    members = {"hawks": [bundle.actor_by_id["alpha"], bundle.actor_by_id["beta"]]}
    camps = str(camps_html(bundle, members, Links.handout()))
    assert camps.count("<blockquote>") == 2  # the camp's quote, then Alpha's (which holds it)
    assert camps.count("the passage quoted above") == 1  # Beta's is Alpha's again


def test_the_bundled_camps_show_each_quote_once(bundled):
    bundle, _ = bundled
    camps = str(page.classroom_panel(bundle, bundled[1], "camps", Links.handout()))
    for column in re.findall(r'<section class="rr-card">.*?</section>', camps, flags=re.S):
        quotes = re.findall(r"<blockquote>(.*?)</blockquote>", column, flags=re.S)
        quotes = [re.sub(r" \(<a.*", "", quote) for quote in quotes]
        assert len(quotes) == len(set(quotes)), quotes


# The date line says the same as the cards: not stated; written by internal evidence.


def test_the_header_says_how_the_article_is_dated(bundled):
    bundle, _ = bundled
    header = html.unescape(str(article_header_html(bundle)))
    assert "publication date not stated on the page; written in Sep 2022 by internal evidence" in (
        header
    )
    assert "not given" not in header
    assert "<summary>How this article is dated</summary>" in header
    assert bundle.meta.published_note in header


def test_a_bad_written_date_is_named(tmp_path):
    folder = copy_mini(tmp_path)
    article = (folder / "article.md").read_text(encoding="utf-8")
    (folder / "article.md").write_text(
        article.replace('published: "2021-03"', 'written: "2021-13"'), encoding="utf-8"
    )
    from core.problems import BundleError

    with pytest.raises(BundleError) as caught:
        load_bundle(tmp_path, "mini")
    assert [p.field for p in caught.value.problems] == ["written"]


# Two handouts: a short one for students, the teacher's pack with everything.


def test_the_student_handout_never_holds_the_teachers_notes(bundled):
    bundle, analysis = bundled
    for document in (handout_html(bundle, analysis), handout_markdown(bundle, analysis)):
        text = _folded(html.unescape(str(document)).replace("\\", ""))
        assert "Student handout" in text and TEACHERS_NOTE not in text
        for question in bundle.questions:
            assert _folded(question.text) in text
            assert _folded(question.note)[:60] not in text


def test_the_student_handout_is_the_reading_and_its_key(bundled):
    bundle, analysis = bundled
    student = str(handout_html(bundle, analysis))
    assert len(re.findall(r'id="rr-p-\d+"', student)) == len(bundle.paragraphs)
    assert 'class="rr-key"' in student
    # Paper has no selected event, followed link or actor in focus: only the marks it shows.
    key = student[student.index('class="rr-key"') :]
    key = key[: key.index("</ul>")]
    assert 'class="rr-key-p' not in key and "on hover" not in key
    for group in bundle.groups:
        assert html.escape(group.label) in student
    assert "<h2>Actors</h2>" not in student and "<h2>Timeline</h2>" not in student
    assert 'class="rr-note' not in student  # the long reader's notes stay in the pack
    assert "Discussion: " in student  # but each paragraph still points to its questions
    assert "How this article is dated" not in student


def test_the_teachers_pack_has_everything_with_the_notes_labelled(bundled):
    bundle, analysis = bundled
    pack = html.unescape(str(handout_html(bundle, analysis, teacher=True)))
    assert "Teacher’s pack" in pack and "Not for students" in pack
    for question in bundle.questions:
        if question.note:
            assert f"{TEACHERS_NOTE}</span> {question.note}" in pack
    for section in ("Reader’s notes", "Actors", "Timeline", "Glossary", "Discussion questions"):
        assert section in pack
    assert f"open><summary>How this article is dated</summary><p>{bundle.meta.published_note}" in (
        pack
    )
    for note in bundle.notes:
        assert f'id="rr-note-{note.id}"' in pack
    markdown = handout_markdown(bundle, analysis, teacher=True)
    assert markdown.count(f"**{TEACHERS_NOTE}:**") == sum(bool(q.note) for q in bundle.questions)
    assert "## Reader’s notes" in markdown and "## Timeline" in markdown


def test_the_page_script_presses_the_presenters_own_buttons():
    from core.markup.script import PAGE_SCRIPT, PRESENT_NEXT_KEY, PRESENT_PREVIOUS_KEY

    for key in (PRESENT_NEXT_KEY, PRESENT_PREVIOUS_KEY):
        assert f".st-key-{key} button" in PAGE_SCRIPT


# The byline: credit matters in a classroom handout.


def test_the_byline_is_credited_in_the_header_presenter_mode_and_both_handouts():
    from tests.helpers import mini_bundle

    plain = mini_bundle()
    bundle = replace(plain, meta=replace(plain.meta, byline="Mara Lindqvist & <Olu Ade>"))
    analysis = analyse(bundle)
    credit = "by Mara Lindqvist & <Olu Ade>"
    assert credit in _text_of(str(article_header_html(bundle)))
    assert credit in _text_of(str(page.presenter(bundle, analysis, 1, frozenset())))
    assert credit in _text_of(str(handout_html(bundle, analysis)))
    assert "by Mara Lindqvist & \\<Olu Ade\\>" in handout_markdown(bundle, analysis)
    assert "<Olu" not in str(article_header_html(bundle))  # escaped, never markup
    assert " by " not in _text_of(str(article_header_html(plain)))  # none known: none shown
