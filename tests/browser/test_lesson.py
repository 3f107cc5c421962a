"""A lesson in a real browser: a link to a question shows it, the teacher's notes stay the
teacher's, the reader's notes and camps read in order, presenter mode keeps its place and
follows a clicker's keys, the dashboard prints the reading."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bench.chromium import wait_for_whole_page
from tests.browser.conftest import DRAWN_IN_SCHEME, assert_accessible, screenshot

BANNER = ".st-key-rr-question"


def open_page(page, server, query: str, ready: str):
    """Load a view and wait until `ready` is visible and the whole first page has come."""
    page.goto(f"{server.base_url}/{query}")
    expect(page.locator(ready).first).to_be_visible()
    wait_for_whole_page(page)
    return page


def show_panel(page, label: str) -> None:
    """Choose a panel in the "Show" switch (single-choice pills are radio buttons)."""
    page.get_by_role("radiogroup", name="Show").get_by_role("radio", name=label).click()


def share_link(page) -> str:
    return page.locator("#rr-share-url").input_value()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_a_link_to_a_question_shows_the_question_above_the_text(
    server, page_factory, width, height
):
    page = open_page(page_factory(width, height), server, "", "#rr-p-1")
    page.locator("#rr-p-1 .rr-qlinks a", has_text="Q3").click()
    banner = page.locator(BANNER)
    expect(banner).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]q=3\b"))
    expect(banner).to_contain_text("Discussion question 3 of")
    expect(banner).to_contain_text("How does the article report the claims")
    expect(banner).to_be_in_viewport()
    assert re.search(r"[?&]q=3\b", share_link(page))  # the link shares the question too
    # The question stays in view while the class reads the text under it.
    page.locator("#rr-p-9").scroll_into_view_if_needed()
    expect(banner).to_be_in_viewport()
    box = banner.bounding_box()
    assert box["height"] < height / 3, box
    screenshot(page, f"question-banner-{width}")
    page.get_by_role("button", name="Close the question").click()
    expect(banner).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"[?&]q="))
    expect(page.locator("#rr-p-3")).to_be_visible()


def test_presenter_mode_keeps_the_place_and_follows_a_clickers_keys(server, page_factory):
    page = open_page(
        page_factory(1280, 800), server, "?event=putin-khamenei-meeting&q=4", "#rr-p-2"
    )
    page.get_by_role("button", name="Presenter mode").click()
    place = page.locator(".rr-present-text .rr-tag")
    expect(place).to_contain_text("¶2 of 11")  # the event's paragraph
    expect(page.locator(BANNER)).to_contain_text("Discussion question 4 of")
    screenshot(page, "presenter-question-1280")
    for key, expected in [
        ("ArrowRight", 3),
        ("PageDown", 4),
        ("ArrowDown", 5),
        ("PageUp", 4),
        ("ArrowLeft", 3),
    ]:
        page.keyboard.press(key)
        expect(place).to_contain_text(f"¶{expected} of 11")
        expect(page).to_have_url(re.compile(rf"[?&]p={expected}\b"))
    page.get_by_role("button", name="Leave presenter mode").click()
    presented = page.locator("#rr-p-3")
    expect(presented).to_have_class(re.compile(r"\brr-target\b"))
    expect(presented).to_be_in_viewport()
    expect(page).not_to_have_url(re.compile(r"present="))
    # The reader's keys are the page's again: an arrow key scrolls, it does not present.
    page.keyboard.press("PageDown")
    expect(page.locator(".rr-present-text")).to_have_count(0)
    screenshot(page, "presenter-left-1280")


def test_the_teachers_notes_show_only_when_asked_and_never_in_a_link(server, page_factory):
    page = open_page(page_factory(1280, 800), server, "?panel=questions", "ol.rr-questions")
    notes = page.locator(".rr-teacher")
    expect(notes).to_have_count(0)
    page.get_by_text("Teacher’s notes", exact=True).click()
    expect(notes.first).to_be_visible()
    expect(notes.first).to_contain_text("Teacher’s note")
    assert notes.count() == page.locator("ol.rr-questions > li").count()
    assert "teacher" not in page.url and "teacher" not in share_link(page)
    screenshot(page, "questions-teacher-1280")
    show_panel(page, "Handout & data")
    expect(page.get_by_role("button", name="Teacher’s pack (HTML, printable)")).to_be_visible()
    # The link the teacher shares opens the same panel, without the teacher's pack or notes.
    student = page.context.new_page()
    student.goto(share_link(page))
    handout = student.get_by_role("button", name="Student handout (HTML, printable)")
    expect(handout).to_be_visible()
    wait_for_whole_page(student)
    expect(student.get_by_role("button", name=re.compile("Teacher’s pack"))).to_have_count(0)
    show_panel(student, "Questions")
    expect(student.locator("ol.rr-questions")).to_be_visible()
    expect(student.locator(".rr-teacher")).to_have_count(0)


def test_the_readers_notes_and_the_camps_read_in_order_without_repeats(server, page_factory):
    page = open_page(page_factory(1280, 800), server, "?panel=notes", "ul.rr-notes")
    places = page.locator("ul.rr-notes > li").evaluate_all(
        "items => items.map(li => li.textContent.split(':')[0].trim())"
    )
    numbers = [int(place[1:]) for place in places if place.startswith("¶")]
    assert numbers == sorted(numbers), places
    news = places[len(numbers) :]
    assert news and all(place.startswith("related news, “") for place in news), places
    screenshot(page, "notes-1280")
    show_panel(page, "Camps")
    columns = page.locator(".rr-camps > section")
    expect(columns.first).to_be_visible()
    for column in columns.all():
        quotes = column.locator("blockquote").evaluate_all(
            "qs => qs.map(q => q.firstChild.textContent)"
        )
        assert len(quotes) == len(set(quotes)), quotes


def test_printing_the_dashboard_prints_the_reading(server, page_factory):
    page = open_page(
        page_factory(1280, 800), server, "?actor=javad-zarif&event=khayyam-launch", "#rr-p-1"
    )
    page.emulate_media(media="print")
    for hidden in (
        "[data-testid=stSidebar]",
        "[data-testid=stPlotlyChart]",
        "[data-testid=stSelectbox]",
        "[data-testid=stButtonGroup]",
    ):
        expect(page.locator(hidden).first).to_be_hidden()
    for shown in ("#rr-p-1", "#rr-p-11", ".rr-print-key .rr-key", ".rr-side .rr-card"):
        expect(page.locator(shown).first).to_be_visible()
    header = page.locator(".rr", has=page.locator("h1")).first
    expect(header).to_contain_text("not stated on the page; written in Sep 2022")
    assert (
        page.locator("[data-testid=stMain]").evaluate("e => getComputedStyle(e).overflow")
        == "visible"
    )
    screenshot(page, "dashboard-print-1280")


# The views this lesson's changes touched, each loaded once and checked in both themes
# (Streamlit follows the browser's colour scheme as it changes).
LESSON_VIEWS = {
    "question-1280": ("?actor=javad-zarif&p=6&q=1", 1280, 800, "#rr-p-6"),
    "question-390": ("?actor=javad-zarif&p=6&q=1", 390, 844, "#rr-p-6"),
    "questions-teacher": ("?panel=questions&teacher=1", 1280, 800, ".rr-teacher"),
    "notes": ("?panel=notes", 1280, 800, "ul.rr-notes"),
    "camps": ("?panel=camps", 1280, 800, ".rr-camps"),
    "handout-teacher": ("?panel=handout&teacher=1", 1280, 800, "[data-testid=stDownloadButton]"),
    "presenter-question-1280": ("?present=1&p=2&q=4", 1280, 800, ".rr-present-text"),
    "presenter-question-390": ("?present=1&p=2&q=4", 390, 844, ".rr-present-text"),
}


@pytest.mark.parametrize("view", LESSON_VIEWS)
def test_axe_finds_no_serious_violations_in_the_lessons_views(server, page_factory, view):
    query, width, height, ready = LESSON_VIEWS[view]
    page = open_page(page_factory(width, height), server, query, ready)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function(DRAWN_IN_SCHEME[scheme])
        assert_accessible(page, f"{view}, {scheme}")
