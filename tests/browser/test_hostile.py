"""Hostile markup in every bundle field and in the URL: nothing runs, nothing is injected."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import expect

from bench.chromium import wait_for_whole_page
from tests.hostile import CANONICAL_PAYLOADS, HOSTILE_SLUG

# Elements or attributes a payload could add. Inside the app, its own page script is the one
# <script> allowed, recognised by its text (Streamlit's page shell has scripts of its own).
FOREIGN = """() => [
  ...[...document.querySelectorAll("[data-testid=stApp] script")].filter(
        s => !s.src && !s.textContent.includes("rrCopyBound") && s.textContent.trim()),
  ...document.querySelectorAll(
    "[data-testid=stMain] img[src=x], [data-testid=stMain] svg[onload], " +
    "[onerror], [onload], [onmouseover], [onfocus], iframe, object, embed, " +
    'a[href^="javascript:"], a[href^="data:"], form[action], base[href], meta[http-equiv]'),
].map(e => e.outerHTML.slice(0, 120))"""


def _assert_nothing_ran(page):
    wait_for_whole_page(page)
    page.wait_for_timeout(1500)
    assert page.dialogs == []
    assert page.evaluate("window.__xss") == []
    assert page.evaluate(FOREIGN) == []


def test_hostile_bundle_fields_render_as_text(bundles_server, page_factory):
    page = page_factory()
    page.goto(
        f"{bundles_server.base_url}/?article={HOSTILE_SLUG}&actor=actor-0,actor-1&event=event-2"
    )
    expect(page.locator("#rr-p-1")).to_be_visible()
    _assert_nothing_ran(page)
    text = page.locator("[data-testid=stMain]").inner_text()
    for payload in CANONICAL_PAYLOADS:
        assert payload in text


def test_hostile_url_parameters_render_nothing(server, page_factory):
    page = page_factory()
    for payload in CANONICAL_PAYLOADS:
        query = "&".join(f"{key}={quote(payload)}" for key in ("article", "actor", "event", "year"))
        page.goto(f"{server.base_url}/?{query}")
        expect(page.locator("#rr-p-1")).to_be_visible()
        _assert_nothing_ran(page)
