"""Hostile markup in every bundle field and in the URL: nothing runs, nothing is injected."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_nothing_ran
from tests.hostile import CANONICAL_PAYLOADS, HOSTILE_SLUG


def test_hostile_bundle_fields_render_as_text(bundles_server, page_factory):
    page = page_factory()
    page.goto(
        f"{bundles_server.base_url}/?article={HOSTILE_SLUG}&actor=actor-0,actor-1&event=event-2"
    )
    expect(page.locator("#rr-p-1")).to_be_visible()
    assert_nothing_ran(page)
    text = page.locator("[data-testid=stMain]").inner_text()
    for payload in CANONICAL_PAYLOADS:
        assert payload in text


def test_hostile_url_parameters_render_nothing(server, page_factory):
    page = page_factory()
    for payload in CANONICAL_PAYLOADS:
        query = "&".join(f"{key}={quote(payload)}" for key in ("article", "actor", "event", "year"))
        page.goto(f"{server.base_url}/?{query}")
        expect(page.locator("#rr-p-1")).to_be_visible()
        assert_nothing_ran(page)


# Payloads that got in, each caught by one part of the check: the dialog or sentinel (the
# element removes itself once it has run), an event handler, a script URL, a script.
GOT_IN = (
    '<img src=x onerror="alert(1);this.remove()">',
    '<details open ontoggle="confirm(1);this.remove()"></details>',
    "<svg><animate onbegin=x attributeName=x></animate></svg>",
    "<a href=' JaVaScRiPt:void(0)'>link</a>",
    "<svg><a xlink:href='javascript:void(0)'><text y=20>link</text></a></svg>",
    '<a href="data:text/html,<b>x</b>">link</a>',
    "<script>window.x = 1</script>",
)


@pytest.mark.parametrize("markup", GOT_IN)
def test_the_check_catches_a_payload_that_got_in(page_factory, markup):
    page = page_factory()
    page.set_content(f"<div data-testid=stApp><main data-testid=stMain>{markup}</main></div>")
    with pytest.raises(AssertionError):
        assert_nothing_ran(page, ready=lambda page: None)
