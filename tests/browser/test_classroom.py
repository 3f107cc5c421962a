"""Classroom use in a real browser: presenter mode, copy link, paragraph links, the handout."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from bench.chromium import wait_for_whole_page
from tests.browser.conftest import open_app, screenshot


def test_presenter_mode_steps_through_paragraphs_in_large_type(server, page_factory):
    page = page_factory()
    page.goto(f"{server.base_url}/?present=1&p=1")
    text = page.locator(".rr-present-text p")
    expect(text).to_be_visible()
    assert float(text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 28
    expect(page.locator("[data-testid=stSidebar]")).not_to_be_visible()
    page.get_by_role("button", name="Next paragraph →").click()
    expect(page.locator(".rr-present-text .rr-tag")).to_contain_text("¶2 of 11")
    expect(page).to_have_url(re.compile(r"p=2"))
    screenshot(page, "presenter-1280-light")
    page.get_by_role("button", name="← Previous paragraph").click()
    expect(page.locator(".rr-present-text .rr-tag")).to_contain_text("¶1 of 11")
    page.get_by_role("button", name="Leave presenter mode").click()
    expect(page.locator("#rr-p-1")).to_be_visible()
    expect(page.locator("[data-testid=stSidebar]")).to_be_visible()
    wait_for_whole_page(page)  # the dashboard's steps follow, as on a first page
    expect(page.get_by_role("button", name=re.compile("^Ali Khamenei"))).to_be_visible()


def test_presenter_mode_is_readable_in_the_dark_theme(server, page_factory):
    page = page_factory(scheme="dark")
    page.goto(f"{server.base_url}/?present=1&p=5")
    expect(page.locator(".rr-present-text p")).to_be_visible()
    screenshot(page, "presenter-1280-dark")


def test_the_copy_link_control_copies_this_view(server, page_factory):
    page = open_app(page_factory(), server, "?actor=javad-zarif&event=khayyam-launch")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    field = page.locator("#rr-share-url")
    expect(field).to_have_value(re.compile("actor=javad-zarif"))
    button = page.get_by_role("button", name="Copy link to this view")
    button.click()
    expect(page.get_by_role("button", name="Link copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(server.base_url) and "event=khayyam-launch" in copied
    other = page.context.new_page()
    other.goto(copied)
    expect(other.locator(".rr-card", has_text="Khayyam")).to_be_visible()


def test_a_paragraph_link_scrolls_to_and_marks_it(server, page_factory):
    page = open_app(page_factory(), server, "?p=9")
    target = page.locator("#rr-p-9")
    expect(target).to_have_class(re.compile("rr-target"))
    expect(target).to_be_in_viewport()


def test_the_handout_downloads_and_opens_with_no_network(server, page_factory, tmp_path):
    page = page_factory()
    page.goto(f"{server.base_url}/?panel=handout")
    button = page.get_by_role("button", name="Student handout (HTML, printable)")
    expect(button).to_be_visible()
    with page.expect_download() as download:
        button.click()
    path = tmp_path / "handout.html"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.count('class="rr-p') >= 11
    assert "Discussion questions" in text and "Teacher’s note" not in text
    offline = page.context.new_page()
    requests = []
    offline.on("request", lambda request: requests.append(request.url))
    offline.goto(path.as_uri())
    expect(offline.locator("h1")).to_contain_text("Suspicious bind")
    assert requests == [path.as_uri()]
    offline.emulate_media(media="print")
    screenshot(offline, "handout-print")
    # The student's copy is short: the article with its key, the news, questions, glossary.
    pages = len(re.findall(rb"/Type\s*/Page[^s]", offline.pdf(format="A4")))
    assert 3 <= pages <= 8, pages
