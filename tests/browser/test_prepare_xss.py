"""The XSS corpus through the Prepare page in Chromium: pasted as a page's text, uploaded in a
saved web page, imported in a bundle zip. In the preview, then published and opened in the
reader: no dialog, no element or attribute from a payload, and the payloads shown as text.

One flow per way in, each carrying the whole corpus (several payloads to a paragraph or a
row, so that the server drafts and draws a few dozen paragraphs, not hundreds).
"""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import expect

from core.archive import bundle_zip
from core.text import fold_whitespace
from tests.browser.conftest import (
    DRAFT_TIMEOUT_MS,
    assert_nothing_ran,
    settle,
)
from tests.hostile import corpus, write_hostile_bundle

PAYLOADS = corpus()
# Pasted text holding five or more tags such as <p> or <a> is read as a page's HTML source;
# the rest is pasted as the text a browser copy gives, where every payload must stay text.
TAGGED = [p for p in PAYLOADS if re.search(r"<(?:p|div|article|h1|h2|span|a)\b", p, re.I)]
PASTED = [p for p in PAYLOADS if p not in TAGGED]
# The saved page shows each payload as text, escaped; the extractor (trafilatura) decodes
# character references once more, so '&#x0A;' shown on a page arrives as a line break. Those
# payloads must still run nothing, but only the others can be looked for verbatim.
VERBATIM = [p for p in PAYLOADS if "&" not in p]
PER_PARAGRAPH, PER_ROW = 8, 5


def _assert_nothing_ran(page) -> None:
    assert_nothing_ran(page, ready=settle)


def _assert_shown(page, payloads, where: str) -> None:
    shown = fold_whitespace(page.locator(where).first.inner_text())
    missing = [p for p in payloads if fold_whitespace(p) not in shown]
    assert not missing, missing[:10]


def _open_prepare(page, server) -> None:
    page.goto(f"{server.base_url}/prepare")
    expect(page.get_by_role("heading", name="Prepare an article")).to_be_visible()
    settle(page)


def _upload(page, path) -> None:
    page.get_by_role("tab", name="Upload a file").click()
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(path)


def _preview_publish_and_read(page, server, slug: str, payloads) -> None:
    """From a draft on screen: the preview, then publish under `slug` and open the reader."""
    expect(page.get_by_text("Step 2 of 8")).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
    settle(page)
    page.locator("[data-testid='stButtonGroup'] button", has_text="8 Preview").first.click()
    expect(page.get_by_text("Step 8 of 8")).to_be_visible()
    expect(page.locator(".rr h1").first).to_be_visible()
    _assert_nothing_ran(page)
    _assert_shown(page, payloads, "[data-testid=stMain] .rr-main")
    name = page.get_by_label(re.compile("Name in the address"))
    name.fill(slug)
    name.press("Enter")
    settle(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text(f"Published on this server as {slug}.")).to_be_visible()
    assert (server.articles / slug / "article.md").is_file()
    page.get_by_role("button", name="Open in the reader").click()
    expect(page).to_have_url(re.compile(rf"\?article={slug}"))
    expect(page.locator("#rr-p-1")).to_be_visible()
    _assert_nothing_ran(page)
    _assert_shown(page, payloads, "[data-testid=stMain] .rr-main")


def _chunks(payloads, size: int) -> list[list[str]]:
    return [payloads[start : start + size] for start in range(0, len(payloads), size)]


def _pasted_page(payloads) -> str:
    """A pasted page whose paragraphs read as prose (the line filter weighs their stop words),
    several payloads in each."""
    lines = ["Harbour talks: what the council said", "By Mara Lindqvist", "4 May 2023"]
    lines += [
        "Helena Voss said "
        + "; and ".join(f"that {p} was what she had found on the wall of the office" for p in chunk)
        + f" in Port Alder on {n % 28 + 1} March 2023, and Ruben Achebe added that it had been "
        "there for a week."
        for n, chunk in enumerate(_chunks(payloads, PER_PARAGRAPH))
    ]
    return "\n\n".join(lines)


def test_the_corpus_pasted_as_text_stays_text_in_the_preview_and_the_reader(
    save_server, page_factory
):
    page = page_factory()
    _open_prepare(page, save_server)
    page.get_by_label(re.compile("The page's text")).fill(_pasted_page(PASTED))
    page.get_by_role("button", name="Draft from this text").click()
    _preview_publish_and_read(page, save_server, "pasted-corpus", PASTED)


def test_the_corpus_in_an_uploaded_web_page_runs_nothing(save_server, page_factory, tmp_path):
    shown = "".join(
        f"<p>Helena Voss said {' and '.join(map(html.escape, chunk))} in Port Alder on "
        f"{n % 28 + 1} March 2023.</p>"
        for n, chunk in enumerate(_chunks(PAYLOADS, PER_PARAGRAPH))
    )
    live = "".join(
        f"<p>Ruben Achebe wrote {' '.join(chunk)} about the harbour in 2021.</p>"
        for chunk in _chunks(PAYLOADS, PER_PARAGRAPH)
    )
    title = html.escape(" ".join(PAYLOADS[:3]))
    saved = tmp_path / "saved-page.txt"  # the name says text; the content is a web page
    saved.write_text(
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
        f"<h1>Harbour talks {title}</h1>{shown}{live}</article></body></html>",
        encoding="utf-8",
    )
    page = page_factory()
    _open_prepare(page, save_server)
    _upload(page, saved)
    page.get_by_role("button", name="Draft from this file").click()
    _preview_publish_and_read(page, save_server, "uploaded-corpus", VERBATIM)


# Every front matter field of a hostile bundle holds its share of the payloads, and front
# matter may hold 20,000 characters: the corpus goes in two zips.
HALVES = [PAYLOADS[: len(PAYLOADS) // 2], PAYLOADS[len(PAYLOADS) // 2 :]]


@pytest.mark.parametrize("half", [0, 1])
def test_the_corpus_in_an_imported_zip_runs_nothing(save_server, page_factory, tmp_path, half):
    slug = f"zipped-corpus-{half}"
    rows = tuple(" ".join(chunk) for chunk in _chunks(HALVES[half], PER_ROW))
    write_hostile_bundle(tmp_path / "hostile", rows)
    files = {path.name: path.read_bytes() for path in (tmp_path / "hostile").iterdir()}
    upload = tmp_path / f"{slug}.zip"
    upload.write_bytes(bundle_zip(files, slug))
    page = page_factory()
    _open_prepare(page, save_server)
    _upload(page, upload)
    expect(page.get_by_text(re.compile("It passes the bundle check"))).to_be_visible()
    _assert_nothing_ran(page)
    page.get_by_role("button", name="Open it here to review and publish").click()
    _preview_publish_and_read(page, save_server, slug, HALVES[half])
