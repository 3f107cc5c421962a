"""The dashboard in a real browser: load, highlight, focus, select, share, narrow, dark."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import open_app, screenshot

SLUG = "iran-russia-suspicious-bind"


def test_the_article_loads_with_highlighted_mentions(server, page_factory):
    page = open_app(page_factory(), server)
    expect(page.locator("h1")).to_have_text("Suspicious bind: Iran’s relationship with Russia")
    expect(page.locator("[id^=rr-p-]")).to_have_count(11)
    assert page.locator("#rr-p-1 mark.rr-m").count() >= 2
    putin = page.locator("#rr-p-1 mark[data-actor=vladimir-putin]").first
    assert putin.get_attribute("aria-description").startswith("Vladimir Putin")
    expect(page).to_have_url(re.compile(f"article={SLUG}"))
    screenshot(page, "dashboard-1280-light")


def test_an_actor_link_focuses_the_reader(server, page_factory):
    page = open_app(page_factory(), server, "?actor=javad-zarif")
    marked = page.locator("[id^=rr-p-] mark.rr-m")
    assert set(marked.evaluate_all("els => els.map(e => e.dataset.actor)")) == {"javad-zarif"}
    expect(page.locator("#rr-p-6")).to_have_class(re.compile("rr-hit"))
    expect(page.locator("#rr-p-1")).to_have_class(re.compile("rr-dim"))
    opacity = page.locator("#rr-p-1").evaluate("e => getComputedStyle(e).opacity")
    assert float(opacity) < 1
    expect(page.get_by_role("heading", name="Javad Zarif")).to_be_visible()


def test_choosing_an_actor_in_the_sidebar_updates_the_url(server, page_factory):
    page = open_app(page_factory(), server)
    page.get_by_role("button", name=re.compile("^Ali Khamenei")).click()
    expect(page).to_have_url(re.compile("actor=ali-khamenei"))
    expect(page.locator("#rr-p-11")).to_have_class(re.compile("rr-dim"))


def test_an_event_link_marks_its_source_paragraph(server, page_factory):
    page = open_app(page_factory(), server, "?event=putin-khamenei-meeting")
    expect(page.locator("#rr-p-2")).to_have_class(re.compile("rr-marked"))
    card = page.locator(".rr-card", has_text="Putin meets Khamenei in Tehran")
    expect(card).to_contain_text("19 Jul 2022")
    card.get_by_role("link", name="¶2").click()
    expect(page).to_have_url(re.compile("#rr-p-2$"))
    expect(page.locator("#rr-p-2")).to_be_in_viewport()


def test_a_shared_link_reopens_exactly_that_view(server, page_factory):
    query = f"?article={SLUG}&actor=ali-khamenei,javad-zarif&event=khayyam-launch&year=2022"
    page = open_app(page_factory(), server, query)
    expect(page.locator(".rr-card", has_text="Khayyam")).to_be_visible()
    actors = page.locator("[id^=rr-p-] mark.rr-m").evaluate_all(
        "els => [...new Set(els.map(e => e.dataset.actor))].sort()"
    )
    assert actors == ["ali-khamenei", "javad-zarif"]
    assert "year=2022" in page.url


def test_a_bad_link_gets_a_notice_not_a_traceback(server, page_factory):
    page = open_app(page_factory(), server, "?actor=nobody&event=%3Cscript%3E&article=..%2F..")
    expect(page.locator("[role=status]")).to_contain_text("cannot exist")
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def test_works_at_390_px_without_horizontal_scroll(server, page_factory):
    page = open_app(page_factory(width=390, height=844), server, "?actor=ali-khamenei")
    page.wait_for_timeout(1000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    main_width = page.locator("[data-testid=stMain]").evaluate("e => e.scrollWidth")
    assert main_width <= 390
    screenshot(page, "dashboard-390-light")


def test_the_dark_theme_keeps_highlights_readable(server, page_factory):
    page = open_app(page_factory(scheme="dark"), server, "?actor=ali-khamenei")
    background = page.locator("[data-testid=stApp]").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    red, green, blue = map(int, re.findall(r"\d+", background)[:3])
    assert red + green + blue < 150, background
    mark = page.locator("mark.rr-focus").first
    assert mark.evaluate("e => getComputedStyle(e).color") == "rgb(27, 27, 27)"
    screenshot(page, "dashboard-1280-dark")


# Records, for the first paragraph, the sidebar's actor pills and the chart element, the
# number of the DOM change in which each first appeared.
def test_a_first_page_comes_whole_and_keeps_its_address(server, page_factory):
    # In which order the steps arrive is measured by `make bench` (bench/browser.py).
    page = open_app(page_factory(), server, "?actor=ali-khamenei&p=4")
    expect(page.locator("#rr-p-1")).to_be_visible()
    expect(
        page.locator("[data-testid=stSidebar] [data-testid=stButtonGroup]").first
    ).to_be_visible()
    expect(page.locator("[class*=st-key-rr-next-]")).to_have_count(0)
    expect(page).to_have_url(re.compile("actor=ali-khamenei&p=4"))
