"""A whole school on it: several app servers behind HAProxy, in a real Chromium.

How a test knows which server served whom: HAProxy names the server in a cookie of its own
(`RR_SERVER`, the sticky session) and in the `X-Reading-Room-Server` header of every
response (deploy/balancer.py). A test reads both from the browser.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from deploy.balancer import SERVER_HEADER, STICKY_COOKIE
from deploy.serve import School
from tests.browser.conftest import SETTLED, TIMEOUT_MS, open_app, screenshot, settle
from tests.test_deploy import needs_haproxy

SERVER_START_TIMEOUT_S = 240.0


@pytest.fixture(scope="module")
def school_server():
    """Two app servers behind HAProxy, started at once."""
    needs_haproxy()
    with School(2, throwaway_database=False) as school:
        yield school


def sticky_server(page) -> str | None:
    """The server HAProxy's cookie keeps this page's browser on."""
    cookies = page.context.cookies()
    return next((c["value"] for c in cookies if c["name"] == STICKY_COOKIE), None)


def answering_servers(page) -> list[str]:
    """Start recording the server that answered each response of the page (through the
    balancer, every response names it)."""
    answered: list[str] = []
    page.on(
        "response", lambda response: answered.append(response.headers.get(SERVER_HEADER.lower()))
    )
    return answered


def wait_until(condition, what: str, timeout_s: float = TIMEOUT_MS / 1000) -> None:
    """Poll `condition` until it holds (a busy machine makes this slower, never fail)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what}")
        time.sleep(0.2)


def test_a_browser_keeps_its_server_and_moves_on_when_that_server_dies(school_server, page_factory):
    page = page_factory(isolated=True)
    answered = answering_servers(page)
    open_app(page, school_server, "?p=5")
    home = sticky_server(page)
    assert home in school_server.servers
    assert set(answered) == {home}  # the page, its code and its data: all from one server

    school_server.kill(home)
    wait_until(lambda: sticky_server(page) not in (None, home), "the browser to move on")
    page.wait_for_function(SETTLED)
    other = sticky_server(page)
    answered.clear()
    # The new server's first run of this browser (asked for by the first thing the reader
    # does: a page without a polling fragment asks for none by itself) sends the page
    # whole: the same view, and what the reader typed stays.
    search = page.get_by_label("Search actors")
    search.fill("Zarif")
    search.press("Enter")
    settle(page)
    expect(page.get_by_role("button", name=re.compile("^Javad Zarif"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Ali Khamenei"))).to_have_count(0)
    expect(search).to_have_value("Zarif")
    expect(page.locator("#rr-p-5")).to_have_class(re.compile("rr-target"))
    expect(page.locator("[class*='st-key-rr-next-']")).to_have_count(0)
    # From then on the page is answered as before, by the other server.
    page.get_by_test_id("stCheckbox").get_by_text("Highlight all actors").click()
    expect(page).to_have_url(re.compile("marks=all"))
    settle(page)
    assert home not in answered
    assert sticky_server(page) == other
    screenshot(page, "school-after-failover")
