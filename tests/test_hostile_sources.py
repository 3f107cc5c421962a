"""Hostile sources end to end below the browser: the XSS corpus pasted, uploaded as a saved
page and imported as a zip, through the drafting engine and the bundle check, to every part of
the page the reader builds. No element or attribute comes from a payload, no script but the
app's own, no link to another scheme, each kept paragraph shown back as its text, and no CSV
cell that a spreadsheet would run, whatever the page says.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import page
from core.analysis import analyse
from core.archive import bundle_zip, check_bundle_zip
from core.bundle import load_bundle, load_bundle_files
from core.markup.script import PAGE_SCRIPT
from core.markup.style import STYLE
from core.model import Bundle
from core.problems import Problem
from core.state import Links, ViewState
from core.text import fold_whitespace, starts_like_formula
from drafting.bundle_files import bundle_files
from drafting.draft import draft_source, formula_safe
from drafting.source import DraftError, source_from_bytes, source_from_text
from tests.helpers import ARTICLES, FIXTURES
from tests.hostile import CANONICAL_PAYLOADS, corpus, write_hostile_bundle

PAYLOADS = corpus()
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster"}


class _Markup(HTMLParser):
    """The elements, attributes, links, embedded code and text of a fragment, as a browser
    would parse them."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.pairs: set[tuple[str, str]] = set()
        self.urls: list[str] = []
        self.code: list[str] = []  # the text of <script> and <style> elements
        self.text: list[str] = []
        self._in_code = False
        self.feed(str(fragment))
        self.close()

    def handle_starttag(self, tag, attrs):
        self.pairs.add((tag, ""))
        self.pairs.update((tag, name) for name, _ in attrs)
        self.urls += [value or "" for name, value in attrs if name in URL_ATTRIBUTES]
        self._in_code = tag in ("script", "style")

    def handle_endtag(self, tag):
        self._in_code = False

    def handle_data(self, data):
        (self.code if self._in_code else self.text).append(data)


def _parts(bundle: Bundle) -> list[str]:
    """Every piece of HTML the app builds for a bundle, with cards and panels opened."""
    analysis = analyse(bundle)
    focus = tuple(actor.id for actor in bundle.actors[:6])
    event = bundle.events[0].id if bundle.events else None
    view = ViewState(article=bundle.slug, actors=focus, event=event)
    parts = [
        page.header(bundle),
        page.reader(bundle, analysis, replace(view, paragraph=1)),
        page.reader(bundle, analysis, replace(view, all_actors=True)),
        page.presenter(bundle, analysis, 1, frozenset(focus)),
        page.handout(bundle, analysis)[0],
        page.share(f"?article={bundle.slug}"),
        page.key(bundle, view),
        page.orientation(bundle, view),
        page.problems(bundle.slug, bundle.warnings, blocking=False),
    ]
    parts += [
        page.classroom_panel(bundle, analysis, name, Links.panel(view), teacher=True)
        for name in page.available_panels(bundle)
        if name not in ("reader", "handout")
    ]
    figure = page.timeline(bundle, frozenset(focus), event, None)
    parts.append(_figure_text(figure.to_plotly_json()))
    return [str(part) for part in parts]


def _figure_text(value) -> str:
    """Every string in the timeline figure (Plotly shows some tags in labels), in a <div>."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_figure_text(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " ".join(_figure_text(v) for v in value)
    return ""


def _own_markup() -> tuple[set[tuple[str, str]], set[str]]:
    """The elements and attributes the app's own markup uses, and its scripts and styles,
    from the bundles that hold no payloads."""
    bundles = [load_bundle(ARTICLES, path.name) for path in ARTICLES.iterdir() if path.is_dir()]
    bundles.append(load_bundle(FIXTURES, "mini"))
    parsed = [_Markup(part) for bundle in bundles for part in _parts(bundle)]
    broken = [Problem("actors.csv", 2, "kind", "persn", "one of person | country")]
    parsed += [_Markup(page.problems("x", broken)), _Markup(PAGE_SCRIPT), _Markup(STYLE)]
    code = {fold_whitespace(text) for markup in parsed for text in markup.code}
    return {pair for markup in parsed for pair in markup.pairs}, code


ALLOWED, OWN_CODE = _own_markup()


def _assert_inert(bundle: Bundle) -> None:
    """Nothing in the bundle's page parts is markup that came from its text."""
    for part in _parts(bundle):
        markup = _Markup(part)
        foreign = markup.pairs - ALLOWED
        assert not foreign, (sorted(foreign), part[:300])
        assert not [name for _, name in markup.pairs if name.startswith("on")]
        assert all(fold_whitespace(code) in OWN_CODE for code in markup.code if code.strip())
        odd = [url for url in markup.urls if not url.startswith(("?", "#", "http://", "https://"))]
        assert not odd, odd


def _assert_paragraphs_shown(bundle: Bundle) -> None:
    """Each paragraph reaches the reader as the text it is, not as markup."""
    shown = fold_whitespace(
        "".join(_Markup(page.reader(bundle, analyse(bundle), ViewState(article=bundle.slug))).text)
    )
    for paragraph in bundle.paragraphs:
        assert fold_whitespace(paragraph) in shown, paragraph[:200]


def _assert_no_formula_cells(files: dict[str, bytes], bundle: Bundle) -> None:
    for name, data in files.items():
        if name.endswith(".csv"):
            cells = [c for row in csv.reader(io.StringIO(data.decode())) for c in row]
            assert not [c for c in cells if starts_like_formula(c)], name
    assert not [p for p in bundle.warnings if "formula" in p.expected]


def _drafted(source, published="2023-05-04") -> tuple[dict[str, bytes], Bundle]:
    files = bundle_files(draft_source(source, published))
    return files, load_bundle_files("hostile", files)


def _pasted_page(payloads) -> str:
    """A pasted page whose paragraphs read as prose (the line filter weighs their stop words)
    with a payload in each."""
    lines = ["Harbour talks: what the council said", "By Mara Lindqvist", "4 May 2023"]
    lines += [
        f"Helena Voss said that {payload} was what she had found on the wall of the old harbour "
        f"office in Port Alder on {n % 28 + 1} March 2023, and Ruben Achebe added that it had "
        "been there for a week or more before the council met."
        for n, payload in enumerate(payloads)
    ]
    return "\n\n".join(lines)


def _saved_page(payloads) -> bytes:
    """A saved web page showing the payloads as text, and carrying each as live markup too."""
    shown = "".join(
        f"<p>Helena Voss said {html.escape(p)} in Port Alder on {n % 28 + 1} March 2023.</p>"
        for n, p in enumerate(payloads)
    )
    live = "".join(f"<p>Ruben Achebe wrote {p} about the harbour in 2021.</p>" for p in payloads)
    title = html.escape(" ".join(payloads[:3]))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f'<meta name="description" content="{title}"></head><body><article>'
        f"<h1>Harbour talks {title}</h1>{shown}{live}</article></body></html>"
    ).encode()


BATCHES = [PAYLOADS[start : start + 125] for start in range(0, len(PAYLOADS), 125)]
# Pasted text with five or more tags such as <p> or <a> is read as HTML (a page's source), the
# rest as the text a browser copy gives; the corpus is pasted both ways.
TAGGED = [p for p in PAYLOADS if re.search(r"<(?:p|div|article|h1|h2|span|a)\b", p, re.I)]
UNTAGGED = [p for p in PAYLOADS if p not in TAGGED]
PASTES = [UNTAGGED[start : start + 125] for start in range(0, len(UNTAGGED), 125)] + [TAGGED]


@pytest.mark.parametrize("batch", range(len(PASTES)))
def test_the_corpus_pasted_drafts_into_inert_text(batch):
    payloads = PASTES[batch]
    source = source_from_text(_pasted_page(payloads))
    files, bundle = _drafted(source)
    _assert_inert(bundle)
    _assert_paragraphs_shown(bundle)
    _assert_no_formula_cells(files, bundle)
    if source.kind == "text":
        kept = " ".join(bundle.paragraphs)
        shown = [p for p in payloads if fold_whitespace(p) in kept]
        assert len(shown) >= 0.9 * len(payloads), sorted(set(payloads) - set(shown))[:20]
    else:
        assert payloads is TAGGED


@pytest.mark.parametrize("batch", range(len(BATCHES)))
def test_the_corpus_in_a_saved_page_drafts_into_inert_text(batch):
    source = source_from_bytes(_saved_page(BATCHES[batch]), "page.txt")
    assert source.kind == "html"
    files, bundle = _drafted(source)
    shown = " ".join(bundle.paragraphs)
    assert sum(fold_whitespace(p) in shown for p in BATCHES[batch]) >= len(BATCHES[batch]) // 2
    _assert_inert(bundle)
    _assert_paragraphs_shown(bundle)
    _assert_no_formula_cells(files, bundle)


@pytest.mark.parametrize("batch", range(len(BATCHES)))
def test_the_corpus_in_an_imported_zip_is_inert(tmp_path, batch):
    write_hostile_bundle(tmp_path / "hostile", tuple(BATCHES[batch]))
    files = {path.name: path.read_bytes() for path in (tmp_path / "hostile").iterdir()}
    unpacked, bundle, problems = check_bundle_zip(bundle_zip(files, "hostile"))
    assert bundle is not None, problems[:3]
    _assert_inert(bundle)
    _assert_paragraphs_shown(bundle)


def test_the_validators_report_on_a_hostile_zip_is_inert(tmp_path):
    write_hostile_bundle(tmp_path / "hostile", CANONICAL_PAYLOADS)
    files = {path.name: path.read_bytes() for path in (tmp_path / "hostile").iterdir()}
    files["actors.csv"] = files["actors.csv"].replace(
        b",person,", b",<img src=x onerror=alert(1)>,"
    )
    _, bundle, problems = check_bundle_zip(bundle_zip(files, "hostile"))
    assert bundle is None and any("<img" in p.value for p in problems)
    report = _Markup(page.problems("hostile", problems))
    assert not report.pairs - ALLOWED and "<img src=x onerror=alert(1)>" in "".join(report.text)


def test_the_inspector_finds_what_a_payload_would_bring():
    """The checks above can fail: markup built without escaping is caught."""
    bundle = load_bundle(FIXTURES, "mini")
    unescaped = f"{page.header(bundle)}<p>{CANONICAL_PAYLOADS[1]}</p>"
    assert _Markup(unescaped).pairs - ALLOWED == {("img", ""), ("img", "src"), ("img", "onerror")}


PREFIXES = ["", "", "=", "+", "-", "@", "\t", " =", "\u00a0+", "=-@", '=HYPERLINK("x") ']
sentences = st.builds(
    lambda prefix, name, payload, when: f"{prefix}{name} said {payload} {when}.",
    st.sampled_from(PREFIXES),
    st.sampled_from(["Helena Voss", "@Ruben Achebe", "the Harbour Trust (HT)", "=Port Alder"]),
    st.sampled_from([*CANONICAL_PAYLOADS, *PAYLOADS[::25]]),
    st.sampled_from(["in March 2019", "last month", "on 4 May 2023", ""]),
)
hostile_lines = st.lists(
    st.one_of(sentences, st.builds(str.__add__, st.sampled_from(PREFIXES), st.text(max_size=30))),
    min_size=1,
    max_size=8,
)


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(hostile_lines, st.sampled_from(["\n", "\n\n"]))
def test_any_hostile_page_text_drafts_into_formula_safe_inert_bundles(lines, separator):
    try:
        files, bundle = _drafted(source_from_text(separator.join(lines)))
    except DraftError:
        return  # refused with a message: allowed
    _assert_no_formula_cells(files, bundle)
    _assert_inert(bundle)


@given(st.text())
def test_formula_safe_leaves_no_formula_start_and_keeps_a_verbatim_piece(text):
    safe = formula_safe(text)
    assert not starts_like_formula(safe)
    assert text.endswith(safe)


def test_a_hostile_paste_through_every_path_keeps_the_payload_as_text():
    payload = CANONICAL_PAYLOADS[1]
    files, bundle = _drafted(source_from_text(_pasted_page([payload] * 3)))
    assert any(payload in p for p in bundle.paragraphs)
    reader = str(page.reader(bundle, analyse(bundle), ViewState(article=bundle.slug)))
    assert html.escape(payload, quote=False) in reader or html.escape(payload) in reader
    assert check_bundle_zip(bundle_zip(files, "hostile"))[1] is not None


@pytest.mark.parametrize("sentence", ["Since 2014?", "2019: yes.", "On 1 March 2023, oh."])
def test_a_sentence_that_is_little_more_than_its_date_drafts(sentence):
    # These once stopped drafting with a ValueError (an event title of no words).
    text = (
        "Harbour talks: what the council said\n\nHelena Voss met Ruben Achebe in Port Alder on "
        f"4 May 2023, and the two talked for an hour about the harbour. {sentence}"
    )
    files, bundle = _drafted(source_from_text(text))
    assert len(bundle.events) >= 2 and all(event.title for event in bundle.events)
