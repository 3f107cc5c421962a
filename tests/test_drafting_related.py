"""Related news on a saved page: lists of teaser cards outside the main text, found in the
markup and offered at the paragraph step as related news; menus, sponsored boxes and bare
link lists are not."""

import pytest

from drafting.page import TEASER, split_page
from drafting.related import Card, related_news
from drafting.source import source_from_bytes

ARTICLE = """
<p>The Port Alder city council voted on Tuesday to rebuild the harbour bridge, ending a
debate that began in 2019 when engineers found cracks in two of its piers.</p>
<p>Mayor Helena Voss said the vote was the only responsible choice for a town whose fishing
fleet and ferry service depend on the crossing, and that work would start next spring.</p>
<p>Residents who crossed the bridge daily in the 1990s remember a busier harbour, and many of
them say that the new crossing, which should open by 2026, is long overdue.</p>
<p>Read more: <a href="/news/festival">Harbour festival draws record crowds this year</a></p>
"""


def card(headline, *, kicker="", summary="", date="", image=""):
    parts = [f'<a class="kicker" href="/section">{kicker}</a>' if kicker else ""]
    if image:
        parts.append(f'<figure><img src="a.jpg" alt="{image}"></figure>')
    parts.append(f'<h3><a href="/news/{len(headline)}">{headline}</a></h3>')
    if summary:
        parts.append(f"<p>{summary}</p>")
    if date:
        parts.append(f"<time>{date}</time>")
    parts.append('<span class="byline"><a href="/authors/jane-doe">Jane Doe</a></span>')
    return "<li>" + "".join(parts) + "</li>"


def page(*sidebars: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Council votes to rebuild the bridge</title></head>"
        "<body><nav><ul><li><a href='/'>Home news and sport from the harbour</a></li>"
        "<li><a href='/a'>Weather for the week ahead in Port Alder</a></li></ul></nav>"
        f"<main><article><h1>Council votes to rebuild the bridge</h1>{ARTICLE}</article>"
        f"{''.join(sidebars)}</main><footer><p>© The Alder Gazette</p></footer></body></html>"
    )


FERRY = "Ferry timetable changes this summer"
BUDGET = "Council budget passes after late-night session"
SUMMARY = "The ferry will run every half hour from June, the operator said on Monday."
RELATED = (
    '<aside class="related"><h2>More news</h2><ul>'
    + card(FERRY, kicker="Transport", summary=SUMMARY, date="Nov 21, 2024")
    + card(BUDGET, kicker="Politics", image="Councillors vote in the town hall")
    + "</ul></aside>"
)
# A card whose one link holds its picture, headline (with its date), and summary.
WRAPPED = (
    '<div class="news"><a href="/news/{0}"><img src="a.jpg" alt=""><h2>{0}'
    '<span class="date">{1}</span></h2><p>{2}</p></a></div>'
)
# A language menu in two columns, a name of four words in each.
LANGUAGES = "<div id='languageSection'>" + "".join(
    "<ul>" + "".join(
        f'<li><a href="/{english[:2]}/">{english} <span class="native">{native}</span></a></li>'
        for english, native in column
    ) + "</ul>"
    for column in [
        [("Albanian", "Shqip"), ("Bosnian", "B/H/S"), ("Bulgarian", "Български")],
        [("Croatian", "Hrvatski"), ("Portuguese", "Português para África"), ("Dari", "دری")],
    ]
) + "</div>"  # fmt: skip
CASES = [
    # (case, sidebars, the cards found)
    ("a list of cards with kickers, summaries, dates and pictures", [RELATED],
     [Card(FERRY, "Transport", SUMMARY, "Nov 21, 2024"),
      Card(BUDGET, "Politics", image_caption="Councillors vote in the town hall")]),
    ("bare headline links are not teasers",
     ["<aside><ul><li><a href='/1'>Ferry timetable changes this summer</a></li>"
      "<li><a href='/2'>Council budget passes after late-night session</a></li></ul></aside>"],
     []),
    ("a sponsored box is not related news",
     ['<div class="sponsored-links"><ul>' + card(FERRY, summary=SUMMARY)
      + card(BUDGET, summary=SUMMARY.replace("ferry", "bus")) + "</ul></div>"],
     []),
    ("one card alone is not a list",
     ["<aside><ul>" + card(FERRY, summary=SUMMARY) + "</ul></aside>"],
     []),
    ("a headline the article itself links to is not a teaser",
     ["<aside><ul>" + card("Harbour festival draws record crowds this year", kicker="Events")
      + card(FERRY, kicker="Transport") + "</ul></aside>"],
     []),
    ("an author's name is not a kicker",
     ["<aside><ul>" + card(FERRY, date="2 hours ago") + card(BUDGET, date="3 hours ago")
      + "</ul></aside>"],
     [Card(FERRY, date="2 hours ago"), Card(BUDGET, date="3 hours ago")]),
    ("a link that wraps the whole card: the heading inside it is the headline",
     ['<div class="relatedContent"><h4>Related content</h4>'
      + WRAPPED.format(FERRY, "21.11.2024", SUMMARY)
      + WRAPPED.format(BUDGET, "20.11.2024", SUMMARY.replace("ferry", "bus")) + "</div>"],
     [Card(FERRY, summary=SUMMARY, date="21.11.2024"),
      Card(BUDGET, summary=SUMMARY.replace("ferry", "bus"), date="20.11.2024")]),
    ("an image's keywords ('A | B') are no caption",
     ["<aside><ul>" + card(FERRY, kicker="Transport", image="Harbour ferry | Alder | Timetable")
      + card(BUDGET, kicker="Politics", image="Councillors vote in the town hall")
      + "</ul></aside>"],
     [Card(FERRY, "Transport"),
      Card(BUDGET, "Politics", image_caption="Councillors vote in the town hall")]),
    ("a date in brackets closing the summary is the card's date",
     ['<div class="relatedContent"><h4>Related content</h4>'
      + WRAPPED.replace('<span class="date">{1}</span>', "").format(
          FERRY, "", SUMMARY + " (21.11.2024)")
      + WRAPPED.replace('<span class="date">{1}</span>', "").format(
          BUDGET, "", SUMMARY.replace("ferry", "bus") + " (20.11.2024)") + "</div>"],
     [Card(FERRY, summary=SUMMARY, date="21.11.2024"),
      Card(BUDGET, summary=SUMMARY.replace("ferry", "bus"), date="20.11.2024")]),
    ("a language menu is no list of teasers", [LANGUAGES], []),
    ("a site map is no list of teasers",
     ['<ul class="sitemap"><li><a href="/europe">Europe</a><ul><li>'
      '<a href="/s/1">Germany and Turkey - a difficult relationship</a></li></ul></li>'
      '<li><a href="/africa">Africa</a><ul><li><a href="/s/2">Africa on the Move series</a>'
      "</li></ul></li></ul>"],
     []),
]  # fmt: skip


@pytest.mark.parametrize(("case", "sidebars", "cards"), CASES, ids=[c[0] for c in CASES])
def test_related_news_cards_are_found_in_the_markup(case, sidebars, cards):
    assert related_news(page(*sidebars), ARTICLE.replace("<p>", "").replace("</p>", "")) == cards


def test_unreadable_markup_gives_no_cards():
    assert related_news("", "") == []
    assert (
        related_news('<?xml version="1.0" encoding="utf-8"?><html><body></body></html>', "") == []
    )


def test_a_saved_page_offers_its_related_news_at_the_paragraph_step():
    from drafting.draft import page_parts

    split = split_page(source_from_bytes(page(RELATED).encode(), "saved.html"))
    blocks = [(b.group, b.part, b.text) for b in split.blocks if b.role == TEASER]
    assert blocks == [
        (1, "kicker", "Transport"), (1, "title", FERRY), (1, "date", "Nov 21, 2024"),
        (1, "summary", SUMMARY), (2, "image_caption", "Councillors vote in the town hall"),
        (2, "kicker", "Politics"), (2, "title", BUDGET),
    ]  # fmt: skip
    assert all(b.reason.startswith("related news on the page") for b in split.blocks if b.part)
    teasers = page_parts(split)[2]
    assert [(t["title"], t["date"]) for t in teasers] == [(FERRY, "2024-11-21"), (BUDGET, "")]
    assert all(text in split.source_text for _, _, text in blocks)  # kept verbatim
    assert "Home news and sport" not in " ".join(split.paragraphs)


def test_the_same_page_gives_the_same_cards_every_time():
    cards = "".join(card(f"{FERRY} on route {n}", summary=SUMMARY) for n in range(12))
    html = page(f"<aside><ul>{cards}</ul></aside>")
    first = related_news(html, "")
    assert len(first) == 12
    assert all(related_news(html, "") == first for _ in range(5))
