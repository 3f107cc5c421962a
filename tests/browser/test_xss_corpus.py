"""Every payload of the XSS corpus, in every bundle field and every URL parameter, in Chromium.

Pass only when no payload runs (no dialog, the sentinel stays empty), no element or attribute
from a payload reaches the page, and the text is still shown to the reader as text.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote

import pytest
from playwright.sync_api import expect

from core.state import PARAMETERS, RENAMED
from core.text import fold_whitespace
from core.vocabulary import PANELS
from tests.browser.conftest import assert_nothing_ran
from tests.hostile import CORPUS_SLUGS, corpus, corpus_batches

PAYLOADS = corpus()
BATCHES = corpus_batches()
BUNDLES = CORPUS_SLUGS


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
    assert_nothing_ran(page)
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
        assert_nothing_ran(page)
    _open(page, bundles_server, f"article={slug}&present=1&p=2", ".rr-present-text")
    assert_nothing_ran(page)


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


# One load per batch of payloads, one payload in every parameter a link may carry; every
# other load spells the parameters that have an older name (still read) that way.
OLDER_NAMES = {current: old for old, current in RENAMED.items()}
NAMINGS = (PARAMETERS, tuple(OLDER_NAMES.get(name, name) for name in PARAMETERS))
QUERIES = [
    "&".join(
        f"{name}={quote(value)}"
        for name, value in zip(
            NAMINGS[number % 2], PAYLOADS[start : start + len(PARAMETERS)], strict=False
        )
    )
    for number, start in enumerate(range(0, len(PAYLOADS), len(PARAMETERS)))
]
URL_CHUNK_COUNT = 6  # tests, so that both workers share the loads


@pytest.mark.parametrize("chunk", range(URL_CHUNK_COUNT))
def test_payloads_in_every_url_parameter_run_nothing(server, page_factory, chunk):
    page = page_factory()
    for query in QUERIES[chunk::URL_CHUNK_COUNT]:
        page.goto(f"{server.base_url}/?{query}")
        expect(page.locator("[data-testid=stMain] .rr").first).to_be_visible()
        assert_nothing_ran(page)


def test_every_payload_goes_in_every_url_parameter():
    sent = [parse_qsl(query, keep_blank_values=True) for query in QUERIES]
    assert sorted(value for pairs in sent for _, value in pairs) == sorted(PAYLOADS)
    assert {name for pairs in sent for name, _ in pairs} == set(PARAMETERS) | set(RENAMED)
