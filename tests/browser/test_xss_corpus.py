"""Every payload of the XSS corpus, in every bundle field and every URL parameter, in Chromium.

Pass only when no payload runs (no dialog, the sentinel stays empty), no element or attribute
from a payload reaches the page, and the text is still shown to the reader as text.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from bench.server_stats import ServerProcess
from core.text import fold_whitespace
from core.vocabulary import PANELS
from tests.browser.test_hostile import _assert_nothing_ran
from tests.helpers import ROOT
from tests.hostile import corpus, write_hostile_bundle

PAYLOADS = corpus()
BATCH = 75
BUNDLES = [f"xss-{n}" for n in range(0, (len(PAYLOADS) + BATCH - 1) // BATCH)]
URL_PARAMETERS = ("article", "actor", "event", "year", "p", "panel", "present")
LOAD_TIMEOUT = 45_000


def test_the_corpus_is_large_enough():
    assert len(set(PAYLOADS)) == len(PAYLOADS) >= 150


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss-articles")
    for number, slug in enumerate(BUNDLES):
        write_hostile_bundle(root / slug, tuple(PAYLOADS[number * BATCH : (number + 1) * BATCH]))
    with ServerProcess(ROOT / "app.py", cwd=ROOT, env={"READING_ROOM_ARTICLES": str(root)}) as s:
        yield s


def _open(page, server, query: str, ready: str):
    page.goto(f"{server.base_url}/?{query}")
    expect(page.locator(ready).first).to_be_visible(timeout=LOAD_TIMEOUT)


@pytest.mark.parametrize("number", range(len(BUNDLES)))
def test_reader_shows_every_payload_as_text(corpus_server, page_factory, number):
    payloads = PAYLOADS[number * BATCH : (number + 1) * BATCH]
    page = page_factory()
    _open(
        page,
        corpus_server,
        f"article={BUNDLES[number]}&actor=actor-0,actor-1&event=event-2&p=3",
        "#rr-p-1",
    )
    _assert_nothing_ran(page)
    for index, payload in enumerate(payloads, 1):
        shown = fold_whitespace(page.locator(f"#rr-p-{index} p").first.inner_text())
        assert fold_whitespace(payload) in shown, (index, payload)


PANEL_VIEWS = [name for name in PANELS if name not in ("reader", "handout")]


@pytest.mark.parametrize("number", range(len(BUNDLES)))
def test_every_panel_and_presenter_run_nothing(corpus_server, page_factory, number):
    page = page_factory()
    slug = BUNDLES[number]
    for panel in PANEL_VIEWS:
        _open(page, corpus_server, f"article={slug}&panel={panel}", ".rr")
        _assert_nothing_ran(page)
    _open(page, corpus_server, f"article={slug}&present=1&p=2", ".rr-present-text")
    _assert_nothing_ran(page)


@pytest.mark.parametrize("number", range(len(BUNDLES)))
def test_the_handout_runs_nothing_when_opened(corpus_server, page_factory, number, tmp_path):
    page = page_factory()
    _open(
        page,
        corpus_server,
        f"article={BUNDLES[number]}&panel=handout",
        "button:has-text('Handout (HTML, printable)')",
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Handout (HTML, printable)").click()
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
        expect(page.locator("[data-testid=stMain] .rr").first).to_be_visible(timeout=LOAD_TIMEOUT)
        _assert_nothing_ran(page)
