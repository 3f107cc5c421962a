"""The reading room in a real browser: the first screen, where chosen cards appear, paragraph
links, the sidebar's order and key, contrast in the dark theme, tips by touch and keyboard.

Each test fails on the layout before issue 12 (the sizes are the issue's) and keeps a
screenshot in test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bench.chromium import wait_for_whole_page
from tests.browser.conftest import SCROLL_SETTLED, open_app, screenshot
from tests.test_safety_settings import blend, contrast

LINE = 29  # one line of the text: 1.05rem at line-height 1.7
SETTLE_MS = 500
# Set before the page script runs, it leaves a first page's steps to the test (the script
# presses each step's button only when it binds that listener itself).
STEPS_BY_HAND = "window.rrStepsBound = true;"
BOX = """e => { const r = e.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, right: r.right, viewport: innerHeight}; }"""


PLOT_READY = """() => {
  const plot = document.querySelector(".js-plotly-plot");
  const app = document.querySelector("[data-testid=stApp]");
  return !!plot && !!plot._fullLayout && !plot._transitioning && plot.offsetHeight > 0
    && !!app && app.dataset.testScriptState === "notRunning";
}"""


def box(locator) -> dict:
    return locator.evaluate(BOX)


def rgb(css: str) -> str:
    """'rgb(1, 2, 3)' as '#010203'."""
    return "#" + "".join(f"{int(n):02X}" for n in re.findall(r"[\d.]+", css)[:3])


def open_timeline(page) -> None:
    page.locator(".st-key-timeline-open summary").click()
    expect(page.get_by_role("combobox", name="Selected event")).to_be_visible()


def sidebar_open(page) -> bool:
    return box(page.locator("[data-testid=stSidebarContent]"))["right"] > 0


def open_sidebar(page) -> None:
    if not sidebar_open(page):
        page.get_by_role("button", name="Expand sidebar").click()
    expect(page.get_by_role("button", name="Presenter mode")).to_be_in_viewport()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)], ids=["1280", "390"])
def test_the_first_screen_shows_the_text_which_stays_put_as_the_tools_arrive(
    server, page_factory, width, height
):
    page = page_factory(width, height, touch=width < 600)
    page.add_init_script(STEPS_BY_HAND)
    page.goto(f"{server.base_url}/")
    first = page.locator("#rr-p-1")
    expect(first).to_be_visible()
    page.evaluate("document.fonts.ready.then(() => true)")
    with_text_only = box(first)["top"]
    assert with_text_only + 3 * LINE <= height, f"¶1 starts at {with_text_only} px"
    button = page.locator(".st-key-rr-next-0 button")
    button.wait_for(state="attached")
    button.evaluate("button => button.click()")
    wait_for_whole_page(page)
    page.wait_for_timeout(SETTLE_MS)
    assert abs(box(first)["top"] - with_text_only) <= 1, "the text moved as the tools arrived"
    introduction = page.get_by_role("region", name="How to read this page")
    expect(introduction).to_be_in_viewport()
    screenshot(page, f"first-screen-{width}")
    page.get_by_role("button", name="Hide this introduction").click()
    expect(introduction).to_have_count(0)


@pytest.mark.parametrize("width", [390, 800])
def test_on_a_narrow_screen_what_was_chosen_shows_where_the_reader_looks(
    server, page_factory, width
):
    page = open_app(page_factory(width, 844, touch=width < 600), server)
    open_sidebar(page)
    page.get_by_role("button", name=re.compile("^Javad Zarif")).click()
    actor = page.locator("[data-rr-card=actor-javad-zarif]")
    expect(actor).to_be_in_viewport()
    text = page.locator("#rr-p-1")
    assert box(actor)["top"] < box(text)["top"], "the card should stand above the text"
    if width < 600:  # the sidebar lies over the text on a phone: close it to go on reading
        page.get_by_role("button", name="Collapse sidebar").click()
    open_timeline(page)
    picker = page.get_by_role("combobox", name="Selected event")
    picker.scroll_into_view_if_needed()
    page.evaluate(SCROLL_SETTLED)  # a scroll closes an open list (see SCROLL_SETTLED)
    picker.click()
    page.keyboard.type("Putin meets")  # the list is long: narrow it as a reader would
    page.get_by_role("option", name=re.compile("Putin meets Khamenei")).click()
    event = page.locator("[data-rr-card=event-putin-khamenei-meeting]")
    expect(event).to_be_in_viewport()
    assert 0 <= box(event)["top"] < 844 / 2 and box(event)["top"] < box(text)["top"]
    last = page.locator("[id^=rr-p-]").last
    assert box(page.locator(".rr-news"))["top"] > box(last)["bottom"], "news after the text"
    screenshot(page, f"chosen-cards-{width}")


def test_clicking_a_timeline_marker_brings_its_card_and_paragraph_into_view(server, page_factory):
    page = open_app(page_factory(1280, 800), server)
    open_timeline(page)
    # A click lands only once Plotly has laid the chart out in the opened expander and the
    # page has stopped scrolling.
    page.wait_for_function(PLOT_READY)
    page.evaluate(SCROLL_SETTLED)
    page.locator(".js-plotly-plot .scatterlayer .trace .points path").first.click(force=True)
    expect(page).to_have_url(re.compile("event="))
    event_id = re.search(r"event=([\w-]+)", page.url).group(1)
    card = page.locator(f"[data-rr-card=event-{event_id}]")
    expect(card).to_contain_text("Source:")
    expect(card).to_be_in_viewport()
    assert 0 <= box(card)["top"] < 800 - 3 * LINE
    marked = page.locator(".rr-p.rr-marked")
    if marked.count():
        expect(marked).to_be_in_viewport()
    screenshot(page, "timeline-marker-1280")


def test_a_clicked_paragraph_number_is_part_of_the_view_and_its_link(server, page_factory):
    page = open_app(page_factory(1280, 800), server, "?actor=javad-zarif")
    page.locator("#rr-p-6 a.rr-pn").click()
    expect(page).to_have_url(re.compile(r"actor=javad-zarif&p=6$"))
    paragraph = page.locator("#rr-p-6")
    expect(paragraph).to_have_class(re.compile("rr-target"))
    expect(paragraph).to_be_in_viewport()
    expect(page.locator("#rr-share-url")).to_have_value(re.compile(r"[?&]p=6\b"))
    screenshot(page, "paragraph-number-1280")


def test_the_teachers_controls_and_the_whole_key_lead_the_sidebar(server, page_factory):
    page = open_app(page_factory(1280, 800), server, "?actor=javad-zarif")
    sidebar = page.locator("[data-testid=stSidebar]")
    first_actor = box(sidebar.locator("[data-testid=stButtonGroup] button").first)
    for name in ("Presenter mode", "Copy link to this view", "Clear actor focus"):
        control = box(sidebar.get_by_role("button", name=name))
        assert control["bottom"] <= 800 and control["top"] < first_actor["top"], name
    key = sidebar.locator("ul.rr-key")
    assert box(key)["top"] < 800 and box(key)["top"] < first_actor["top"]
    expect(key).to_contain_text("camp (solid underline)")
    edge = box(sidebar)["right"]
    for item in key.locator("li").all():
        assert box(item)["right"] <= edge, item.inner_text()
        assert item.evaluate("e => e.scrollWidth <= e.clientWidth"), item.inner_text()
    screenshot(page, "sidebar-1280")


def test_the_dark_theme_gives_the_primary_button_and_the_timeline_bars_enough_contrast(
    server, page_factory
):
    page = page_factory(1280, 800, "dark")
    page.goto(f"{server.base_url}/?present=1&p=2")
    button = page.get_by_role("button", name="Next paragraph →")
    expect(button).to_be_visible()
    label, fill = button.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    )
    assert contrast(rgb(label), rgb(fill)) >= 4.5, (label, fill)
    screenshot(page, "presenter-dark-button")
    open_app(page, server)
    open_timeline(page)
    background = rgb(
        page.locator("[data-testid=stApp]").evaluate("e => getComputedStyle(e).backgroundColor")
    )
    bar = page.locator(".js-plotly-plot .scatterlayer .trace .js-line").first
    stroke, opacity = bar.evaluate(
        """e => [getComputedStyle(e).stroke, Number(getComputedStyle(e).strokeOpacity)
          * Number(getComputedStyle(e.closest('.trace')).opacity)]"""
    )
    assert contrast(blend(rgb(stroke), opacity, background), background) >= 3, (stroke, opacity)
    screenshot(page, "timeline-dark")


def test_a_tap_or_tab_shows_the_tip_and_notes_open_on_request(server, page_factory):
    page = open_app(page_factory(390, 844, touch=True), server)
    for target in (
        page.locator("#rr-p-2 mark.rr-m").first,
        page.locator(".rr-main dfn.rr-term").first,
    ):
        target.tap()
        tip = target.evaluate("e => getComputedStyle(e, '::after').content")
        assert tip == f'"{target.get_attribute("aria-description")}"' and len(tip) > 5
    screenshot(page, "tip-tap-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("#rr-p-1 a.rr-pn").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert focused.startswith('"') and len(focused) > 5, focused
    note = page.locator(".rr-main details.rr-note").first
    expect(note).not_to_have_attribute("open", re.compile(".*"))
    expect(note.locator("summary .rr-tag")).to_have_text(re.compile("correction|update|context"))
    note.locator("summary").tap()
    source = note.locator("a").first
    expect(source).to_be_visible()
    assert not source.inner_text().startswith("http"), "sources are titled links"
