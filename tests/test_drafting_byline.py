"""The byline of a saved page: a fact-check's claim author is not its author; names once."""

import json

import pytest

from drafting.byline import claim_authors, page_byline
from drafting.page import split_page
from drafting.source import source_from_bytes

CHECK = {"@type": "ClaimReview", "author": {"@type": "Organization", "name": "Fact Desk"},
         "claimReviewed": "The bridge will cost the town nothing."}  # fmt: skip


def _page(*data, broken=False) -> str:
    scripts = "".join(
        '<script type="application/ld+json">'
        + (json.dumps(d)[:-1] + ",]" if broken else json.dumps(d))
        + "</script>"
        for d in data
    )
    body = (
        "The Port Alder council said the new harbour bridge would cost the town nothing, and "
        "this check looks at the figures the council gave and those it left out. "
    ) * 4
    return (
        f"<html><head><title>Will the bridge cost nothing?</title>{scripts}</head><body>"
        f"<article><h1>Will the bridge cost nothing?</h1><p>{body}</p></article></body></html>"
    )


CLAIMANTS = [
    # (case, structured data, broken JSON, the claim authors)
    ("a claim author as a Person node of the graph",
     {"@context": "https://schema.org", "@graph": [
         {**CHECK, "itemReviewed": {"@type": "Claim", "author": {"@id": "#claimant"}}},
         {"@type": "Person", "@id": "#claimant", "name": "Jo  Bloggs"}]},
     False, {"jo bloggs"}),
    ("a claim author inside the review, and where the claim appeared",
     {**CHECK, "itemReviewed": {"@type": "Claim", "author": [{"name": "Jo Bloggs"}],
                                "appearance": {"@type": "CreativeWork",
                                               "author": {"name": "Sam Vale"}}}},
     False, {"jo bloggs", "sam vale"}),
    ("structured data too broken to parse",
     {**CHECK, "itemReviewed": {"@type": "Claim", "author": {"@type": "Person",
                                                             "name": "Jo Bloggs"}}},
     True, {"jo bloggs"}),
    ("an article's own author is no claimant",
     {"@type": "NewsArticle", "author": {"@type": "Person", "name": "Mara Lindqvist"}},
     False, set()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "data", "broken", "names"), CLAIMANTS, ids=[c[0] for c in CLAIMANTS]
)
def test_the_authors_of_reviewed_claims_are_found(case, data, broken, names):
    assert claim_authors(_page(data, broken=broken)) == names


BYLINES = [
    # (authors the extractor found, the byline)
    ("", ""),
    ("Jo Bloggs", ""),
    ("Jo Bloggs; Mara Lindqvist", "Mara Lindqvist"),
    ("Mara Lindqvist; MARA LINDQVIST", "Mara Lindqvist"),
    ("Mara Lindqvist; Olu Ade; Tomas Berg", "Mara Lindqvist, Olu Ade and Tomas Berg"),
    ("Brenda Goodman; MA", "Brenda Goodman, MA"),
    ("Joshua Sokol May", "Joshua Sokol"),
]


@pytest.mark.parametrize(("found", "byline"), BYLINES)
def test_the_byline_leaves_out_the_claimant_and_names_each_author_once(found, byline):
    graph = CLAIMANTS[0][1]
    assert page_byline(_page(graph), found) == byline


def test_a_saved_fact_check_is_credited_to_its_writer_not_to_the_claimant():
    graph = {"@context": "https://schema.org", "@graph": [
        {**CHECK, "itemReviewed": {"@type": "Claim", "author": {"@id": "#claimant"}}},
        {"@type": "Person", "@id": "#claimant", "name": "Jo Bloggs"}]}  # fmt: skip
    author = '<meta name="author" content="Mara Lindqvist">'
    html = _page(graph).replace("</title>", f"</title>{author}")
    page = split_page(source_from_bytes(html.encode(), "check.html"))
    assert page.meta["byline"] == "Mara Lindqvist"  # trafilatura: "Mara Lindqvist; Jo Bloggs"
    bare = split_page(source_from_bytes(_page(graph).encode(), "check.html"))
    assert bare.meta["byline"] == ""  # trafilatura alone says "Jo Bloggs"


def _page_with(head: str, body: str) -> str:
    text = "The Port Alder council said the harbour bridge would cost the town nothing. " * 6
    return (
        f"<html><head><title>The bridge</title>{head}</head><body><article><h1>The bridge</h1>"
        f"<p>{text}</p>{body}</article></body></html>"
    )


PUBLISHER = '<meta name="author" content="Harbour Broadcasting (www.harbour.example.com)">'
AUTHOR_LINES = [
    # (case, head, body, the authors the extractor found, the byline)
    ("the publisher as meta author gives way to the page's author line",
     PUBLISHER, '<p class="author"> Author: Mara Lindqvist (eg) </p>',
     "Harbour Broadcasting", "Mara Lindqvist"),
    ("a byline element when the extractor found nobody",
     "", '<div class="article-byline">By Olu Ade</div>', "", "Olu Ade"),
    ("the publisher alone, and no author line, is no byline",
     PUBLISHER, "", "Harbour Broadcasting", ""),
    ("a person as meta author is kept",
     '<meta name="author" content="Tomas Berg">', '<p class="author">Author: Olu Ade</p>',
     "Tomas Berg", "Tomas Berg"),
    ("a commenter is no author",
     "", '<section class="comments"><span class="comment-author">Sam Vale</span></section>',
     "", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "head", "body", "found", "byline"), AUTHOR_LINES, ids=[c[0] for c in AUTHOR_LINES]
)
def test_a_publisher_is_no_byline_and_the_pages_author_line_is_read(
    case, head, body, found, byline
):
    assert page_byline(_page_with(head, body), found) == byline
