"""AppTest flows: the real app.py, run without a browser."""

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.common import open_timeline, press_next_steps
from components import data
from tests.helpers import ARTICLES, FIXTURES, ROOT, copy_mini

SLUG = "iran-russia-suspicious-bind"
TIMEOUT = 30


def run(query: dict | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update(query or {})
    app.run()
    press_next_steps(app)
    assert not app.exception, app.exception
    return app


def page_html(app: AppTest) -> str:
    return "\n".join(element.proto.body for element in app.html)


def reader(app: AppTest) -> str:
    return next(e.proto.body for e in app.html if 'id="rr-p-1"' in e.proto.body)


@pytest.fixture(autouse=True)
def bundled_articles(monkeypatch):
    monkeypatch.setattr(data, "ARTICLES_ROOT", ARTICLES)


def test_the_default_view_shows_the_whole_article_with_highlights():
    app = run()
    html = page_html(app)
    assert "Suspicious bind: Iran’s relationship with Russia" in html
    assert len(re.findall(r'id="rr-p-\d+"', reader(app))) == 11
    marked = set(re.findall(r'class="rr-m (rr-[a-z0-9]+)', reader(app)))
    assert reader(app).count("<mark") > 20 and marked <= {"rr-g0", "rr-g1", "rr-person"}
    assert app.query_params["article"] == SLUG


def test_every_actor_is_highlighted_on_request_and_the_choice_lives_in_the_url():
    app = run()
    default_marks = reader(app).count("<mark")
    app.sidebar.toggle(key="all-actors").set_value(True).run()
    assert app.query_params["marks"] == "all"
    everyone = reader(app)
    assert everyone.count("<mark") > 4 * default_marks and 'class="rr-m rr-other' in everyone
    assert reader(run({"marks": "all"})) == everyone


def test_an_actor_link_focuses_the_reader_and_shows_the_card():
    app = run({"actor": "javad-zarif"})
    text = reader(app)
    assert set(re.findall(r'data-actor="([^"]+)"', text)) == {"javad-zarif"}
    assert "rr-dim" in text and "rr-hit" in text
    assert "Former foreign minister" in page_html(app)
    assert app.query_params["actor"] == "javad-zarif"


def pills_showing(app: AppTest, name: str):
    """The sidebar pills whose options include the actor called `name`."""
    return next(p for p in app.sidebar.pills if any(o.startswith(name) for o in p.options))


def test_choosing_actors_in_the_sidebar_updates_focus_and_url():
    app = run()
    pills_showing(app, "Ali Khamenei").set_value(["ali-khamenei"]).run()
    assert not app.exception
    assert app.query_params["actor"] == "ali-khamenei"
    pills_showing(app, "Javad Zarif").set_value(["javad-zarif"]).run()
    assert app.query_params["actor"] == "ali-khamenei,javad-zarif"
    app.sidebar.button(key="clear-actors").click().run()
    assert "actor" not in app.query_params


def test_search_filters_the_sidebar_and_keeps_the_focus():
    app = run({"actor": "ali-khamenei"})
    app.sidebar.text_input(key="actor_search").input("javad").run()
    shown = [option for pills in app.sidebar.pills for option in pills.options]
    assert shown == ["Javad Zarif · 2"]
    assert app.query_params["actor"] == "ali-khamenei"


def test_selecting_an_event_shows_its_card_and_marks_its_paragraph():
    app = open_timeline(run())
    app.selectbox(key="event-pick").set_value("putin-khamenei-meeting").run()
    assert app.query_params["event"] == "putin-khamenei-meeting"
    assert 'class="rr-p rr-marked" id="rr-p-2"' in reader(app)
    assert "Putin meets Khamenei in Tehran" in page_html(app)


def test_the_timeline_year_lives_in_the_url():
    app = open_timeline(run({"year": "2022"}))
    assert app.segmented_control(key="timeline-year").value == "2022"
    app.segmented_control(key="timeline-year").set_value("All years").run()
    assert "year" not in app.query_params


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"actor": "nobody"}, "no actor 'nobody'"),
        ({"event": "never"}, "no event 'never'"),
        ({"article": "no-such-article"}, "There is no article"),
        ({"article": "../../etc/passwd"}, "cannot exist"),
        ({"actor": "<script>alert(1)</script>"}, "cannot exist"),
        ({"year": "1066"}, "no events in 1066"),
    ],
)
def test_a_bad_link_gets_a_notice_and_the_default_view(query, notice):
    app = run(query)
    html = page_html(app)
    assert notice.replace("'", "&#x27;") in html
    assert "<script>alert" not in html
    assert len(re.findall(r'id="rr-p-\d+"', reader(app))) == 11


def test_a_broken_bundle_shows_its_problems_and_other_articles_still_open(tmp_path, monkeypatch):
    copy_mini(tmp_path, "good")
    broken = copy_mini(tmp_path, "broken")
    (broken / "events.csv").write_text("id;start\n", encoding="utf-8")
    monkeypatch.setattr(data, "ARTICLES_ROOT", tmp_path)
    app = run({"article": "broken"})
    html = page_html(app)
    assert "cannot be shown as it is" in html
    assert "events.csv:1" in html
    good = run({"article": "good"})
    assert "A small test" in page_html(good)


def test_fixture_bundle_opens_with_its_teaser():
    data.ARTICLES_ROOT = FIXTURES
    app = run({"article": "mini", "event": "accord-signed"})
    assert "related news: Gamma news" in page_html(app)


@pytest.mark.parametrize(
    ("panel", "expected"),
    [
        ("camps", "What the text says they want"),
        ("questions", "Open this question’s view"),
        ("glossary", "Joint Comprehensive Plan of Action"),
        ("notes", "Wrong court name"),
    ],
)
def test_each_classroom_panel_opens_from_its_link(panel, expected):
    app = run({"panel": panel})
    assert expected in page_html(app)
    assert app.pills(key="panel").value == panel
    assert app.query_params["panel"] == panel


def test_an_article_without_camps_offers_no_camps_panel_and_its_link_opens_the_reader(
    tmp_path, monkeypatch
):
    folder = copy_mini(tmp_path, "no-camps")
    (folder / "groups.csv").write_text("id,label,description,evidence\n", encoding="utf-8")
    actors = (folder / "actors.csv").read_text(encoding="utf-8")
    (folder / "actors.csv").write_text(actors.replace(",hawks,", ",,"), encoding="utf-8")
    monkeypatch.setattr(data, "ARTICLES_ROOT", tmp_path)
    app = run({"article": "no-camps", "panel": "camps"})
    assert "camps" not in app.pills(key="panel").options
    assert "questions" not in app.pills(key="panel").options  # hidden alike: none to show
    assert app.pills(key="panel").value == "reader"
    assert 'class="rr-camps"' not in page_html(app)
    assert 'id="rr-p-1"' in page_html(app)


def test_switching_panels_updates_the_url():
    app = run()
    app.pills(key="panel").set_value("glossary").run()
    assert app.query_params["panel"] == "glossary"
    app.pills(key="panel").set_value("reader").run()
    assert "panel" not in app.query_params


def download_labels(app: AppTest) -> list[str]:
    return [button.proto.label for button in app.get("download_button")]


def test_the_handout_panel_offers_the_teachers_pack_only_to_the_teacher():
    app = run({"panel": "handout"})
    assert download_labels(app) == [
        "Student handout (HTML, printable)",
        "Student handout (Markdown)",
        "Actors (CSV)",
        "Events (CSV)",
    ]
    app.toggle(key="teacher-notes").set_value(True).run()
    assert download_labels(app) == [
        "Student handout (HTML, printable)",
        "Student handout (Markdown)",
        "Teacher’s pack (HTML, printable)",
        "Teacher’s pack (Markdown)",
        "Actors (CSV)",
        "Events (CSV)",
        "Whole bundle (zip)",
    ]
    assert "teacher" not in app.query_params


def teachers_notes_shown(app: AppTest) -> int:
    return page_html(app).count('class="rr-teacher"')


def test_the_teachers_notes_show_only_when_the_teacher_asks_and_never_in_a_link():
    app = run({"panel": "questions"})
    assert teachers_notes_shown(app) == 0
    assert not app.toggle(key="teacher-notes").value
    app.toggle(key="teacher-notes").set_value(True).run()
    questions = len(re.findall(r'<li id="rr-q-\d+"', page_html(app)))
    assert teachers_notes_shown(app) == questions > 0
    assert "Teacher’s note" in page_html(app)
    assert "teacher" not in app.query_params
    assert "teacher" not in share_link(app)
    app.toggle(key="teacher-notes").set_value(False).run()
    assert teachers_notes_shown(app) == 0


def test_a_teacher_link_opens_with_the_notes_but_leaves_the_address_without_it():
    app = run({"panel": "questions", "teacher": "1"})
    assert app.toggle(key="teacher-notes").value and teachers_notes_shown(app) > 0
    assert "teacher" not in app.query_params and "teacher" not in share_link(app)
    app.button(key="present-enter").click().run()  # projected: never the answers
    assert "Teacher’s note" not in page_html(app)


def banner(app: AppTest) -> str:
    return next((e.proto.body for e in app.html if 'class="rr-question-text"' in e.proto.body), "")


def test_a_question_link_shows_the_question_until_it_is_closed():
    app = run({"actor": "javad-zarif", "p": "6", "q": "1"})
    assert "Discussion question 1 of" in banner(app)
    assert app.query_params["q"] == "1" and "q=1" in share_link(app)
    app.button(key="question-close").click().run()
    assert not banner(app) and "q" not in app.query_params
    assert app.query_params["actor"] == "javad-zarif"  # the rest of the view stays


def test_a_question_link_shows_the_question_in_presenter_mode_too():
    app = run({"present": "1", "p": "2", "q": "4"})
    assert "Discussion question 4 of" in banner(app)
    app.button(key="present-next").click().run()
    assert "Discussion question 4 of" in banner(app) and app.query_params["p"] == "3"


def test_the_questions_own_links_open_the_question():
    app = run({"panel": "questions"})
    opened = re.findall(r'href="([^"]*)">Open this question’s view', page_html(app))
    assert opened and all(f"q={n}" in link for n, link in enumerate(opened, 1))
    margin = re.findall(r'href="([^"]*)" title="[^"]*">Q(\d+)</a>', reader(run()))
    assert margin and all(f"q={number}" in link for link, number in margin)


def test_presenter_mode_opens_at_the_selected_event_and_leaves_at_the_presented_paragraph():
    app = run({"event": "putin-khamenei-meeting"})
    app.sidebar.button(key="present-enter").click().run()
    assert app.query_params["present"] == "1" and app.query_params["p"] == "2"
    assert "¶2 of 11" in page_html(app)
    app.button(key="present-next").click().run()
    app.button(key="present-leave").click().run()
    assert "present" not in app.query_params and app.query_params["p"] == "3"
    assert 'class="rr-p rr-marked" id="rr-p-2"' in reader(app)  # the event is still marked
    assert "rr-target" in re.search(r'<div class="[^"]*" id="rr-p-3"', reader(app)).group()


def test_presenter_mode_opens_at_the_first_paragraph_of_the_focus():
    app = run({"actor": "nasser-kanani"})
    app.sidebar.button(key="present-enter").click().run()
    assert app.query_params["p"] == "4" and "¶4 of 11" in page_html(app)


def test_a_paragraph_link_marks_that_paragraph():
    app = run({"p": "7"})
    assert 'class="rr-p rr-target" id="rr-p-7"' in reader(app)


def test_presenter_mode_steps_through_paragraphs():
    app = run({"present": "1", "p": "2"})
    assert "¶2 of 11" in page_html(app)
    assert not app.sidebar.pills
    app.button(key="present-next").click().run()
    assert app.query_params["p"] == "3" and "¶3 of 11" in page_html(app)
    app.button(key="present-previous").click().run()
    app.button(key="present-previous").click().run()
    assert app.query_params["p"] == "1"
    assert app.button(key="present-previous").disabled
    app.button(key="present-leave").click().run()
    assert "present" not in app.query_params


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_every_presenter_link_collapses_the_sidebar(monkeypatch, value):
    """The URL is read once, into the view state; the page config asks that, not the URL."""
    asked = []
    real = st.set_page_config
    monkeypatch.setattr(st, "set_page_config", lambda **kw: (asked.append(kw), real(**kw))[1])
    app = run({"present": value, "p": "3"})
    assert "¶3 of 11" in page_html(app) and not app.sidebar.pills
    assert asked and asked[-1]["initial_sidebar_state"] == "collapsed"
    app.button(key="present-leave").click().run()
    assert asked[-1]["initial_sidebar_state"] == "expanded"  # the sidebar comes back
    app.run()
    assert asked[-1]["initial_sidebar_state"] == "auto"


def share_link(app: AppTest) -> str:
    share = next(e.proto.body for e in app.sidebar.html if "rr-share-url" in e.proto.body)
    return re.search(r'value="([^"]*)"', share).group(1)


def test_the_share_box_holds_a_link_to_this_view():
    app = run({"actor": "ali-khamenei", "event": "khayyam-launch"})
    link = share_link(app)
    assert link.endswith(
        "?article=iran-russia-suspicious-bind&amp;actor=ali-khamenei&amp;event=khayyam-launch"
    )


def test_paragraph_links_in_a_panel_open_the_reader_at_that_paragraph():
    app = run({"panel": "camps", "actor": "javad-zarif", "year": "2022"})
    links = set(re.findall(r'href="([^"]*p=\d+)"', page_html(app)))
    assert (
        "?article=iran-russia-suspicious-bind&amp;actor=javad-zarif&amp;year=2022&amp;p=5" in links
    )
    assert not re.search(r'href="#rr-p-', page_html(app))


def element_kinds(app: AppTest) -> set[str]:
    return {node.type for node in (*app.main, *app.sidebar)}


def test_a_first_page_comes_in_steps_text_then_tools():
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.query_params.update({"actor": "ali-khamenei", "p": "3"})
    app.run()
    assert 'id="rr-p-3"' in reader(app) and 'data-actor="ali-khamenei"' in reader(app)
    assert not app.sidebar.pills and "plotly_chart" not in element_kinds(app)
    assert app.query_params["actor"] == "ali-khamenei"  # the link is kept while loading
    app.button(key="rr-next-0").click().run()
    assert app.sidebar.pills
    assert not [b for b in app.button if (b.key or "").startswith("rr-next-")]
    app.sidebar.button(key="clear-actors").click().run()  # later runs send everything
    assert app.sidebar.pills and "actor" not in app.query_params


def test_the_collapsed_timeline_sends_nothing_until_it_is_opened():
    """Plotly's code and the chart are sent only to a reader who opens the timeline."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.run()
    app.button(key="rr-next-0").click().run()
    assert "plotly_chart" not in element_kinds(app)
    assert not [s for s in app.selectbox if s.key == "event-pick"]
    open_timeline(app)
    assert "plotly_chart" in element_kinds(app) and app.selectbox(key="event-pick") is not None


def test_the_page_script_presses_the_next_step_buttons():
    from core.markup.script import NEXT_STEP_KEY_PREFIX, PAGE_SCRIPT

    assert f"st-key-{NEXT_STEP_KEY_PREFIX}" in PAGE_SCRIPT
