"""Every payload of the XSS corpus, in every bundle field and every URL parameter, in Chromium.

Pass only when no payload runs (no dialog, the sentinel stays empty), no element or attribute
from a payload reaches the page, and the text is still shown to the reader as text.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from core.text import fold_whitespace
from core.vocabulary import PANELS
from tests.browser.test_hostile import _assert_nothing_ran
from tests.hostile import CORPUS_SLUGS, corpus, corpus_batches

PAYLOADS = corpus()
BATCHES = corpus_batches()
BUNDLES = CORPUS_SLUGS
URL_PARAMETERS = ("article", "actor", "event", "year", "p", "panel", "present")


def test_the_corpus_is_large_enough():
    assert len(set(PAYLOADS)) == len(PAYLOADS) >= 150


def _open(page, server, query: str, ready: str):
    page.goto(f"{server.base_url}/?{query}")
    expect(page.locator(ready).first).to_be_visible()


@pytest.mark.parametrize("number", range(len(BUNDLES)))
def test_reader_shows_every_payload_as_text(bundles_server, page_factory, number):
    payloads = BATCHES[number]
    page = page_factory()
    _open(
        page,
        bundles_server,
        f"article={BUNDLES[number]}&actor=actor-0,actor-1&event=event-2&p=3",
        "#rr-p-1",
    )
    _assert_nothing_ran(page)
    for index, payload in enumerate(payloads, 1):
        shown = fold_whitespace(page.locator(f"#rr-p-{index} p").first.inner_text())
        assert fold_whitespace(payload) in shown, (index, payload)


PANEL_VIEWS = [name for name in PANELS if name not in ("reader", "handout")]


@pytest.mark.parametrize("number", range(len(BUNDLES)))
def test_every_panel_and_presenter_run_nothing(bundles_server, page_factory, number):
    page = page_factory()
    slug = BUNDLES[number]
    for panel in PANEL_VIEWS:
        _open(page, bundles_server, f"article={slug}&panel={panel}", ".rr")
        _assert_nothing_ran(page)
    _open(page, bundles_server, f"article={slug}&present=1&p=2", ".rr-present-text")
    _assert_nothing_ran(page)


@pytest.mark.parametrize("number", range(len(BUNDLES)))
def test_the_handout_runs_nothing_when_opened(bundles_server, page_factory, number, tmp_path):
    page = page_factory()
    _open(
        page,
        bundles_server,
        f"article={BUNDLES[number]}&panel=handout",
        "button:has-text('Student handout (HTML, printable)')",
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Student handout (HTML, printable)").click()
    path = tmp_path / "handout.html"
    download.value.save_as(path)
    page.goto(path.as_uri())
    page.wait_for_timeout(500)
    assert page.dialogs == [] and page.evaluate("window.__xss") == []
    assert (
        page.evaluate("document.querySelectorAll('script,[onerror],[onload],iframe').length") == 0
    )


URL_CHUNKS = [PAYLOADS[start : start + 63] for start in range(0, len(PAYLOADS), 63)]


@pytest.mark.parametrize("chunk", range(len(URL_CHUNKS)))
def test_payloads_in_every_url_parameter_run_nothing(server, page_factory, chunk):
    page = page_factory()
    payloads = URL_CHUNKS[chunk]
    for start in range(0, len(payloads), len(URL_PARAMETERS)):
        values = payloads[start : start + len(URL_PARAMETERS)]
        query = "&".join(
            f"{name}={quote(v)}" for name, v in zip(URL_PARAMETERS, values, strict=False)
        )
        page.goto(f"{server.base_url}/?{query}")
        expect(page.locator("[data-testid=stMain] .rr").first).to_be_visible()
        _assert_nothing_ran(page)
