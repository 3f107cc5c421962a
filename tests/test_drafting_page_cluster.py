"""The line filter's main cluster: an article broken by captions, adverts, subheadings, lists,
charts and teaser blocks is kept whole, and what breaks it is dropped."""

import pytest

from drafting.page import ARTICLE, TEASER, classify, split_page
from drafting.source import source_from_bytes, source_from_text

P1 = (
    "The council voted on Tuesday to rebuild the bridge, ending a debate that began in 2019 "
    "when engineers found cracks in two of its piers and closed it to lorries."
)
P2 = (
    "Engineers from the harbour trust said the work would take three years and that the old "
    "crossing would stay open to people on foot for as long as it was safe to do so."
)
P3 = (
    "Residents who had waited for a decision said they were relieved, although many of them "
    "doubted that the new bridge would be finished by the date the council has promised."
)
P4 = (
    "The mayor said the money would come from the regional fund and from a loan that the "
    "council would repay over twenty years, without any rise in the local taxes."
)
MENU = ["Home", "News", "Sport", "Weather", "Sign in"]
HEADER = ["Council votes to rebuild the bridge", "By Mara Lindqvist", "4 May 2023"]
AXIS = ["$900", "billion", "600", "300", "0", "’17", "’18", "’19", "’20", "’21", "’22"]

NO_STOP = (
    "The mayor said on the steps of the town hall that nobody could tell when the first "
    "lorries would cross on Feb. 9"
)
PAGES = [
    # (case, lines, paragraphs kept in order)
    ("a caption and an advert inside the article",
     [*MENU, *HEADER, P1, "The old bridge at dawn. (Photo: Tomas Berg)", P2, "Advertisement",
      "ADVERTISING", P3],
     (P1, P2, P3)),
    ("a subheading is kept, a long caption without a full stop is not",
     [*HEADER, P1, "What comes next", P2,
      "Workers on the old bridge in the rain on a grey morning in early spring last year", P3],
     (P1, "What comes next", P2, P3)),
    ("a list opened by a sentence ending in a colon",
     [*HEADER, P1, "The towns that voted for the plan were these:", "Alder", "Birch",
      "Cedar Falls", "Dunmore", P2],
     (P1, "The towns that voted for the plan were these:", "Alder", "Birch", "Cedar Falls",
      "Dunmore", P2)),
    ("a chart's axis labels between paragraphs",
     [*HEADER, P1, P2, "Spending on the bridge", *AXIS, "By The Gazette | Source: Harbour Trust",
      P3, P4],
     (P1, P2, P3, P4)),
    ("a related headline with its author and date inside the article",
     [*HEADER, P1, P2, P3, "Recommended", "Ferry timetable changes this summer", "Jane Doe",
      "Jul 17, 2014", P4, P2, P3],
     (P1, P2, P3, P4, P2, P3)),
    ("a block of them between two short parts: only the longer part is the article",
     [*HEADER, P1, "Recommended", "Ferry timetable changes this summer", "Jane Doe",
      "Jul 17, 2014", "Budget passes after late-night session", "Olu Ade", "Mar 9, 2018",
      P2, P3],
     (P2, P3)),
    ("a long legal notice after the article",
     [*HEADER, P1, P2, *MENU,
      "Market data provided by a data vendor. " * 12 + "All Rights Reserved. Terms apply."],
     (P1, P2)),
    ("strings of headlines after the article: prose with few stop words does not count",
     [*HEADER, P1, P2, "Trending",
      "Star Sings Final Song Tonight Reality Star Spotted Driving Sports Car Downtown Again "
      "Celebrity Couple Beach Photos Shock Fans Online, Awesomely Horrible Video (34 Photos).",
      "Pop Idol Shock Video: Rapper And Singer Caught On Tape Arguing Backstage . . . "
      "Exclusive Interview Tonight With Famous Host About New Album Release Plans.",
      "Tour Dates Announced: Band Confirms Stadium Shows Across Europe Next Summer Tickets "
      "On Sale Friday Morning, Fans Queue Overnight Outside Arena Box Office."],
     (P1, P2)),
    ("numbered sub-heads of one style go together: a one-word one, one that reads like a "
     "caption",
     [*HEADER, P1, "1. The vote", P2, "2. Money", P3,
      "3. Fishermen quarrel with lighthouse keepers about sunrise signals", P4],
     (P1, "The vote", P2, "Money", P3,
      "Fishermen quarrel with lighthouse keepers about sunrise signals", P4)),
    ("a short line before a paragraph on another topic is a caption, not a sub-head",
     [*HEADER, P1, "Fishing boats moored beside a lighthouse at sunrise yesterday", P2],
     (P1, P2)),
    ("a sub-head after a picture's label and caption is kept, the caption is not",
     [*HEADER, P1, P2, "Image",
      "Crews at work on the pier in 1998.CreditJane Doe for The Gazette",
      "Money from the regional fund", P3, P4],
     (P1, P2, "Money from the regional fund", P3, P4)),
    ("the closing line that answers the article's last question is kept",
     [*HEADER, P1, P2, "Asked whether the bridge would open on time, the mayor said:",
      "“It will.”", "Trending", "Share on Facebook"],
     (P1, P2, "Asked whether the bridge would open on time, the mayor said:", "“It will.”")),
    ("the dek before a section label stays out of the article",
     ["Council votes to rebuild the bridge",
      "After years of delays, councillors backed a plan to replace the old crossing.",
      "Local | Transport", P1, P2],
     (P1, P2)),
    ("a paragraph whose full stop the page left out is kept",
     [*HEADER, P1, NO_STOP, P2, P3],
     (P1, NO_STOP, P2, P3)),
    ("a headline under a related-coverage label inside the article is no sub-head",
     [*HEADER, P1, P2, "Related Coverage", "Factbox: The bridges the council rebuilt", P3, P4],
     (P1, P2, P3, P4)),
    ("a headline right above a paragraph, no blank line between, is not wrapped into it",
     [*HEADER, P1, P2, "Related Coverage", f"Factbox: The bridges the council rebuilt\n{P3}",
      P4],
     (P1, P2, P3, P4)),
    ("a slideshow's label inside the article",
     [*HEADER, P1, P2, "Slideshow ( 15 images )", P3, "Watch video 02:17", P4],
     (P1, P2, P3, P4)),
]  # fmt: skip


@pytest.mark.parametrize(("case", "lines", "paragraphs"), PAGES, ids=[p[0] for p in PAGES])
def test_the_article_is_the_main_cluster_of_prose(case, lines, paragraphs):
    page = split_page(source_from_text("\n\n".join(lines)))
    assert page.paragraphs == paragraphs


def test_the_dek_and_header_are_read_around_the_cluster():
    lines = ["Council votes to rebuild the bridge",
             "After years of delays, councillors backed a plan to replace the old crossing.",
             "Local | Transport", "By Mara Lindqvist", P1, "Advertisement", P2]  # fmt: skip
    page = split_page(source_from_text("\n\n".join(lines)))
    assert page.meta["title"] == "Council votes to rebuild the bridge"
    assert page.meta["dek"].startswith("After years of delays")
    assert page.meta["byline"] == "Mara Lindqvist"


def test_a_headline_above_its_standfirst_and_a_byline_with_a_job_are_read():
    lines = ["Local", "Council votes to rebuild the bridge",
             "Councillors back a plan to replace the old crossing after years of delays",
             "Mara Lindqvist Transport correspondent", "4 May 2023", P1, P2]  # fmt: skip
    page = split_page(source_from_text("\n\n".join(lines)))
    assert page.meta["title"] == "Council votes to rebuild the bridge"
    assert page.meta["dek"].startswith("Councillors back a plan")
    assert page.meta["byline"] == "Mara Lindqvist"


def test_teasers_with_long_summaries_stay_teasers():
    summary = P4.replace("mayor", "treasurer")
    other = summary.replace("loan", "bond")
    lines = [*HEADER, P1, P2, P3,
             "This article was originally published by the Alder Review.",
             "Ferry timetable changes this summer", "Local", summary,
             "Budget passes after late-night session", "News", other]  # fmt: skip
    page = split_page(source_from_text("\n\n".join(lines)))
    assert page.paragraphs == (P1, P2, P3)
    assert [b.part for b in page.blocks if b.role == TEASER].count("title") == 2


LINES = [
    ("2 hours ago", "stamp"),
    ("Updated 5 min ago", "stamp"),
    ("1:57 PM ET", "stamp"),
    ("Image", "furniture"),
    ("Continue reading the main story", "furniture"),
    ("Crews at work on the pier in 1998.CreditJane Doe for The Gazette", "caption"),
    ("Mara Lindqvist/Gazette", "caption"),
    ("The vote passed 12 to 2 hours after midnight.", "sentence"),
    ("Related: Ferry timetable changes this summer", "furniture"),
    ("See also: the council's budget for next year", "furniture"),
    ("Related stories", "furniture"),
    ("By The New York Times | Source: Congressional Budget Office", "caption"),
    ("Source: Harbour Trust annual report", "caption"),
    ("Data provided by a vendor, delayed by 15 minutes. " * 8 + "All rights reserved.",
     "furniture"),
    ("The report's source was a council official who asked not to be named.", "sentence"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "kind"), LINES)
def test_related_links_chart_credits_and_long_legal_notices_are_classified(line, kind):
    assert classify(line)[0] == kind


def test_a_copy_with_a_few_tags_written_out_is_text_and_markup_is_html():
    plain = "\n\n".join([*MENU, P1, P2, P3, P4] * 3)
    tags = '<span class="x">Sponsored</span> A deal\n<img src="a.jpg" alt="" />'
    copied = (plain + "\n\n" + "\n\n".join([tags] * 4)).encode()
    assert source_from_text(copied.decode()).kind == "text"
    assert source_from_bytes(copied, "copied.txt").kind == "text"
    fragment = "\n".join(f"<p>{p}</p>" for p in (P1, P2, P3, P4, P1, P2)).encode()
    assert source_from_bytes(fragment, "fragment.txt").kind == "html"
    assert all(block.role != ARTICLE or block.text for block in split_page(
        source_from_bytes(fragment, "fragment.html")).blocks)  # fmt: skip


def test_a_reason_says_where_a_line_stands_once():
    lines = [*HEADER, P1, "Trending", "Ferry timetable changes this summer", P2, P3,
             "Workers on the old bridge in the rain on a grey morning in early spring", P4,
             "Ferry timetable changes this summer"]  # fmt: skip
    reasons = [block.reason for block in split_page(source_from_text("\n\n".join(lines))).blocks]
    assert "headline inside the article" in reasons
    assert "headline outside the article" in reasons
    assert not [r for r in reasons if "outside" in r and "inside" in r]


SUMMARY = "The ferry will run every half hour from June, the operator said on Monday."
TEASER_PAGES = [
    # (case, lines after the article, teasers as (title, kicker, summary, date))
    ("a headline, a kicker and a summary",
     ["Ferry timetable changes this summer", "Local", SUMMARY],
     [("Ferry timetable changes this summer", "Local", SUMMARY, "")]),
    ("a stamp and a date line between headline and summary are passed over; the date is kept",
     ["Ferry timetable changes this summer", "2 hours ago", "4 May 2023", SUMMARY],
     [("Ferry timetable changes this summer", "", SUMMARY, "2023-05-04")]),
    ("a list of bare headlines with their stamps is not related news",
     ["Ferry timetable changes this summer", "2 hours ago",
      "Budget passes after late-night session", "3 hours ago",
      "Harbour festival draws record crowds", "5 hours ago"],
     []),
    ("a name, a form's prompt or a menu is no headline",
     ["Mara Lindqvist", SUMMARY, "Enter your email address:", SUMMARY,
      "About | Contact | Careers | Privacy", SUMMARY],
     []),
    ("a headline followed by another headline ending in a full stop is not a teaser",
     ["Ferry timetable changes this summer", "Budget Passes After Late Night Session Ends."],
     []),
    ("a headline with 'Read more' is related news, without those words",
     ["Budget passes after late-night session\n Read more", P4,
      "Harbour festival draws record crowds", "Read more"],
     [("Budget passes after late-night session", "", "", ""),
      ("Harbour festival draws record crowds", "", "", "")]),
    ("a footer's privacy link above a notice is no teaser",
     ["Apps", "Newsletters", "Cookies", "Terms of Use", "Privacy",
      "Do Not Sell My Personal Information",
      "All quotes delayed a minimum of 15 minutes. See here for a complete list of exchanges."],
     []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "after", "teasers"), TEASER_PAGES, ids=[t[0] for t in TEASER_PAGES]
)
def test_related_news_is_offered_only_for_blocks_that_look_like_teasers(case, after, teasers):
    from drafting.draft import page_parts

    page = split_page(source_from_text("\n\n".join([*HEADER, P1, P2, P3, *after])))
    rows = page_parts(page)[2]
    assert [(r["title"], r["kicker"], r["summary"], r["date"]) for r in rows] == teasers


def test_the_drafting_log_counts_the_teasers_the_draft_holds():
    from drafting.draft import draft_page

    lines = [
        *HEADER,
        P1,
        P2,
        P3,
        "Ferry timetable changes this summer",
        "Local",
        SUMMARY,
        "Budget passes after late-night session",
        "News",
        SUMMARY.replace("ferry", "bus"),
    ]
    page = split_page(source_from_text("\n\n".join(lines)))
    said = {}
    draft = draft_page(page, None, lambda step, detail: said.setdefault(step, detail))
    blocks = sum(block.role == TEASER for block in page.blocks)
    assert f"{len(draft.teasers)} related news teasers in {blocks} blocks" in said["paragraphs"]
    assert len(draft.teasers) == 2


def test_a_saved_pages_details_after_the_article_and_its_repeats_are_left_out():
    details = ["Watch video 02:17", "Date 04.05.2023", "Author Mara Lindqvist",
               "Keywords bridge, harbour, council", "Print Print this page",
               "Permalink https://example.org/p/3WRPd"]  # fmt: skip
    body = "".join(f"<p>{p}</p>" for p in (P1, "What comes next", P2, P3))
    box = "<ul>" + "".join(f"<li>{line}</li>" for line in details) + "</ul>"
    html = (
        "<html><head><title>Council votes to rebuild the bridge</title></head><body><article>"
        f"<h1>Council votes to rebuild the bridge</h1>{body}{box}{box}</article></body></html>"
    )
    page = split_page(source_from_bytes(html.encode(), "saved.html"))
    assert page.paragraphs == (P1, "What comes next", P2, P3)
    left_out = {block.text: block.reason for block in page.blocks if block.role != ARTICLE}
    assert set(details) <= set(left_out)
