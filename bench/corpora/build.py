"""Rebuild the drafting benchmark's corpora from local git copies of their public sources.

    python -m bench.corpora.build --readability DIR --uner DIR [--out DIR]

DIR is a git directory (bare or not) of github.com/mozilla/readability and of
github.com/UniversalNER/UNER_English-PUD; the commits used are read from it and written to
<out>/SOURCES.json. The files written are described in bench/corpora/README.md. Rendering the
pages' copied text needs Chromium (Playwright drives /usr/bin/chromium, every request blocked).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from bench.corpora.paths import DEFAULT_OUT

# English news articles among readability's test pages, checked by eye (README.md says why
# the others are left out).
NEWS_PAGES = (
    "ars-1", "bbc-1", "breitbart", "buzzfeed-1", "citylab-1", "cnet", "cnn", "engadget",
    "guardian-1", "herald-sun-1", "medicalnewstoday", "msn", "nytimes-1", "nytimes-2",
    "nytimes-3", "nytimes-4", "quanta-1", "salon-1", "seattletimes-1", "telegraph", "theverge",
    "tmz-1", "videos-1", "wapo-1", "wapo-2", "webmd-1", "wikia", "yahoo-1", "yahoo-3",
)  # fmt: skip
# Corrections to readability's expected output, which is that library's approved output rather
# than text written by a person: it keeps some page furniture and related-news lists. Each
# correction removes whole lines, never edits one (README.md lists them).
FURNITURE_LINES = frozenset({"Photo", "Image", "View photo", ".", "Continue reading the main story",
                             "SIGN UP FOR OUR NEWSLETTER"})  # fmt: skip
DROPPED_LINES = {
    "cnn": ("Powered by SmartAsset.com", "Related: Rich are paying more in taxes but not as much "
            "as they used to", "Related: Chicago is America's most segregated city"),
    "yahoo-3": ("'GMA' Cookie Search:",
                "Pizza Man Making Special Delivery Pizza Delivery to Afghanistan During Super Bowl",
                "Redesigned Scopes Fail to Stop 'Superbug Outbreaks",
                "Antarctica 'Penguin Post Office' Attracts Record Number of Applicants"),
}  # fmt: skip
CUT_FROM = {  # the line that starts a newsletter box or a related-news list, to the end
    "nytimes-3": "A version of this article appears in print on",
    "nytimes-4": "A version of this article appears in print on",
    "theverge": "Sign up for Command Line,",
    "wapo-1": "Read more:",
    "yahoo-1": "More games news:",
}
UNER_FILE = "en_pud-ud-test.iob2"
NEWS_SENTENCE_PREFIX = "n"  # PUD sentence ids: n… from news, w… from Wikipedia
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
))  # fmt: skip
PAGE_ORIGIN = "http://127.0.0.1:9"  # never contacted: the browser answers it from the saved page
# Two pages hide themselves until a script of their own shows them (engadget against
# clickjacking: html {display: none}; seattletimes-1 for an analytics service: body
# {visibility: hidden}, whose script is broken in the saved copy). Scripts are off here, so the
# page is shown as that script shows it on the live site.
UNHIDE = """
document.getElementById('chartbeat-flicker-control-style')?.remove();
if (getComputedStyle(document.documentElement).display === 'none')
    document.documentElement.style.display = 'block';
"""
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout


def _show(repo: Path, path: str) -> bytes:
    return _git(repo, "show", f"HEAD:{path}")


# --- the expected main text -------------------------------------------------------------


class _Paragraphs(HTMLParser):
    """Collects a fragment's text with a paragraph break around each block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skipping = 0  # inside <script> or <style>

    def handle_starttag(self, tag, attrs):
        self._tag(tag, opening=True)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, opening=True)
        self._tag(tag, opening=False)

    def handle_endtag(self, tag):
        self._tag(tag, opening=False)

    def _tag(self, tag: str, opening: bool) -> None:
        if tag in ("script", "style"):
            self.skipping += 1 if opening else -1
        elif tag == "br" and opening:
            self.pieces.append("\n")
        elif tag in BLOCK_TAGS:
            self.pieces.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.pieces.append(data)


def html_to_paragraphs(markup: str) -> str:
    """A page fragment's text as paragraphs: one line per block, blocks apart by a blank line."""
    parser = _Paragraphs()
    parser.feed(markup)
    parser.close()
    lines = (
        re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip()
        for line in "".join(parser.pieces).split("\n")
    )
    return re.sub(r"\n{2,}", "\n\n", "\n".join(lines)).strip() + "\n"


# --- the text a browser copy gives --------------------------------------------------------


def copied_texts(pages: dict[str, bytes]) -> dict[str, str]:
    """What select-all + copy puts on the clipboard for each page, in Chromium.

    Each page is served as it was saved from a made-up local address (no server: the request
    is answered in the browser) with scripts off; every other request (stylesheets, images,
    frames) is refused, so only the page's own inline styles apply. Ctrl+A, Ctrl+C, then the
    clipboard is read: that is the text a person pastes, image alt texts included.
    """
    from playwright.sync_api import sync_playwright

    texts = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
        context = browser.new_context(
            java_script_enabled=False, viewport={"width": 1280, "height": 900}
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=PAGE_ORIGIN)
        current: list[bytes] = []

        def answer(route):
            if route.request.url == PAGE_ORIGIN + "/":
                route.fulfill(body=current[0], content_type="text/html; charset=utf-8")
            else:
                route.abort()

        context.route("**/*", answer)
        page = context.new_page()
        for name, source in pages.items():
            current[:] = [source]
            page.goto(PAGE_ORIGIN + "/", wait_until="load")
            page.evaluate(UNHIDE)
            page.evaluate("navigator.clipboard.writeText('')")
            page.keyboard.press("Control+A")
            page.keyboard.press("Control+C")
            texts[name] = page.evaluate("navigator.clipboard.readText()")
        browser.close()
    return texts


def corrected(name: str, text: str) -> str:
    """The expected text without the lines listed above for this page."""
    paragraphs = text.strip().split("\n\n")
    cut = CUT_FROM.get(name)
    if cut:
        paragraphs = paragraphs[: next(i for i, p in enumerate(paragraphs) if p.startswith(cut))]
    missing = set(DROPPED_LINES.get(name, ())) - set(paragraphs)
    if missing:  # the source changed: look at the page again
        raise SystemExit(f"{name}: lines to drop not found: {sorted(missing)}")
    dropped = FURNITURE_LINES | set(DROPPED_LINES.get(name, ()))
    return "\n\n".join(p for p in paragraphs if p not in dropped) + "\n"


def write_html_corpus(readability: Path, out: Path) -> None:
    sources = {
        name: _show(readability, f"test/test-pages/{name}/source.html") for name in NEWS_PAGES
    }
    copied = copied_texts(sources)
    for name, source in sources.items():
        if len(copied[name].split()) < 100:
            raise SystemExit(f"{name}: the copied page has almost no text; is it hidden?")
        folder = out / "html" / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "source.html").write_bytes(source)
        expected = _show(readability, f"test/test-pages/{name}/expected.html").decode("utf-8")
        (folder / "expected.txt").write_text(
            corrected(name, html_to_paragraphs(expected)), encoding="utf-8"
        )
        (folder / "copied.txt").write_text(copied[name].strip() + "\n", encoding="utf-8")
        metadata = _show(readability, f"test/test-pages/{name}/expected-metadata.json")
        (folder / "metadata.json").write_bytes(metadata)


# --- names ---------------------------------------------------------------------------------


def _sentences(iob2: str):
    """(document id, sentence id, text, tokens with tags) for each sentence of the IOB2 file."""
    doc_id = sent_id = text = None
    tokens: list[tuple[str, str]] = []
    for line in iob2.splitlines() + [""]:
        if line.startswith("# newdoc id = "):
            doc_id = line.split("= ", 1)[1]
        elif line.startswith("# sent_id = "):
            sent_id = line.split("= ", 1)[1]
        elif line.startswith("# text = "):
            text = line.split("= ", 1)[1]
        elif line.strip():
            columns = line.split("\t")
            tokens.append((columns[1], columns[2]))
        elif tokens:
            yield doc_id, sent_id, text, tokens
            tokens, text = [], None


def sentence_entities(text: str, tokens: list[tuple[str, str]]) -> list[list]:
    """[start, end, label] character spans of the IOB2 entities, by finding each token in turn."""
    spans, position, current = [], 0, None
    for token, tag in tokens:
        start = text.index(token, position)
        end = position = start + len(token)
        if tag.startswith("B-") or (
            tag.startswith("I-") and (current is None or current[2] != tag[2:])
        ):
            current = [start, end, tag[2:]]
            spans.append(current)
        elif tag.startswith("I-"):
            current[1] = end
        else:
            current = None
    return spans


def uner_documents(iob2: str, prefix: str) -> list[dict]:
    """One record per document: its sentences joined by a space, the entity spans on that text."""
    documents: dict[str, dict] = {}
    for doc_id, sent_id, text, tokens in _sentences(iob2):
        if not sent_id.startswith(prefix):
            continue
        document = documents.setdefault(
            doc_id, {"id": doc_id, "sentences": 0, "text": "", "entities": []}
        )
        document["sentences"] += 1
        offset = len(document["text"]) + (1 if document["text"] else 0)
        document["text"] += (" " if document["text"] else "") + text
        document["entities"] += [
            [s + offset, e + offset, label] for s, e, label in sentence_entities(text, tokens)
        ]
    return list(documents.values())


def write_names_corpus(uner: Path, out: Path) -> None:
    documents = uner_documents(_show(uner, UNER_FILE).decode("utf-8"), NEWS_SENTENCE_PREFIX)
    folder = out / "names"
    folder.mkdir(parents=True, exist_ok=True)
    lines = (json.dumps(document, ensure_ascii=False) for document in documents)
    (folder / "uner-english-pud-news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--readability", type=Path, required=True, help="git dir of mozilla/readability"
    )
    parser.add_argument("--uner", type=Path, required=True, help="git dir of UNER_English-PUD")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    write_names_corpus(args.uner, args.out)
    write_html_corpus(args.readability, args.out)
    commits = {
        "mozilla/readability": _git(args.readability, "rev-parse", "HEAD").decode().strip(),
        "UniversalNER/UNER_English-PUD": _git(args.uner, "rev-parse", "HEAD").decode().strip(),
    }
    (args.out / "SOURCES.json").write_text(json.dumps(commits, indent=1) + "\n")
    print(f"wrote {len(NEWS_PAGES)} pages and the names corpus to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
