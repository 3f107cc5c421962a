"""The line filter for text copied from a browser: each line's kind, then whole pages."""

import pytest

from drafting.page import ARTICLE, DROP, TEASER, classify, split_caption, split_page
from drafting.source import DraftError, source_from_text

PROSE = (
    "The council voted on Tuesday to rebuild the bridge, ending a debate that began in 2019 "
    "when engineers found cracks in two of its piers."
)

LINES = [
    # (line, kind) — edge cases first
    ("", "furniture"),
    ("   ", "furniture"),
    ("•", "furniture"),
    ("Follow us on social", "furniture"),
    ("Read more: Ferry timetable changes this summer", "furniture"),
    ("keep readingShow less", "furniture"),
    ("Subscribe now to our weekly round-up and don't miss a beat.", "furniture"),
    ("Advertisement", "furniture"),
    ("© 2023 The Gazette. All rights reserved.", "furniture"),
    ("Share on Facebook", "furniture"),
    ("5 min read", "furniture"),
    ("Slideshow ( 15 images )", "furniture"),
    ("Watch video 02:17", "furniture"),
    ("Do Not Sell My Personal Information", "furniture"),
    ("Feedback: Send us your feedback.", "furniture"),
    ("Ali_khamenei_and_vladimir_putin", "file"),
    ("harbour-bridge-2023.jpg", "file"),
    ("This article has been republished with permission from the Example Council.", "republished"),
    ("This piece originally appeared in The Example Review.", "republished"),
    ("Leaders meet in the capital. (CC BY 4.0)", "caption"),
    ("Top image credit: A crowd gathers. JANE DOE/Pool via REUTERS", "caption"),
    ("Photo: Tomas Berg", "caption"),
    ("Media caption The mayor told the Gazette that the bridge would open in spring", "caption"),
    ("The harbour at dusk. (Photo by Tomas Berg)", "caption"),
    ("By Mara Lindqvist and Olu Ade", "byline"),
    ("Mara Lindqvist Education editor", "byline"),
    ("Meet the new education editor", "heading"),
    ("September 5, 2022", "dateline"),
    ("Published 12 March 2021", "dateline"),
    ("Analysis | Middle East", "section"),
    ("World > Europe > France", "section"),
    (PROSE, "sentence"),
    ("“We have waited long enough,” she said.", "sentence"),
    ("Suspicious bind: Iran’s relationship with Russia", "heading"),
    ("What comes next", "heading"),
    ("QiOSK", "short"),
]


@pytest.mark.parametrize(("line", "kind"), LINES)
def test_each_line_is_classified(line, kind):
    assert classify(line)[0] == kind


def test_a_dateline_gives_the_date_at_the_precision_written():
    assert classify("September 5, 2022") == ("dateline", "2022-09-05")
    assert classify("Updated September 5, 2022")[0] != "dateline"


CAPTIONS = [
    ("Leaders meet. (CC BY 4.0)", ("Leaders meet.", "CC BY 4.0")),
    (
        "Top image credit: FILE PHOTO: A crowd in Tel Aviv, 28 October 2023. JANE DOE POOL/Pool "
        "via REUTERS/File Photo",
        (
            "FILE PHOTO: A crowd in Tel Aviv, 28 October 2023.",
            "JANE DOE POOL/Pool via REUTERS/File Photo",
        ),
    ),
    ("A quiet street in the old town.", ("A quiet street in the old town.", "")),
]


@pytest.mark.parametrize(("text", "parts"), CAPTIONS)
def test_a_caption_is_split_from_its_credit_and_both_stay_verbatim(text, parts):
    assert split_caption(text) == parts
    assert all(part in text for part in parts)


def _page(lines):
    return split_page(source_from_text("\n\n".join(lines)))


def _roles(page):
    return [(block.role, block.text) for block in page.blocks]


def test_a_browser_copy_keeps_the_run_of_prose_and_reads_the_header():
    page = _page([
        "Home", "News", "Sign in",
        "Council votes to rebuild the bridge",
        "After years of delays, councillors backed a plan to replace the crossing.",
        "Local | Transport",
        "By Mara Lindqvist",
        "4 May 2023",
        "The harbour bridge at dusk. (Photo: Tomas Berg)",
        PROSE,
        "Years of delays",
        "The trust that owns the bridge had allegedly known about the damage since 2017.",
        "Advertisement",
        "Residents remember a busier harbour, and many of them say the new crossing is overdue.",
        "This article was originally published by the Alder Review.",
        "Related stories",
    ])  # fmt: skip
    assert page.meta["title"] == "Council votes to rebuild the bridge"
    assert page.meta["dek"].startswith("After years of delays")
    assert page.meta["section"] == "Local | Transport"
    assert page.meta["byline"] == "Mara Lindqvist"
    assert page.meta["published"] == "2023-05-04"
    assert page.meta["image_caption"] == "The harbour bridge at dusk."
    assert page.meta["image_credit"] == "Photo: Tomas Berg"
    assert page.meta["republication_credit"].startswith("This article was originally")
    assert page.paragraphs == (
        PROSE,
        "Years of delays",  # a subheading inside the article stays with it
        "The trust that owns the bridge had allegedly known about the damage since 2017.",
        "Residents remember a busier harbour, and many of them say the new crossing is overdue.",
    )
    assert (DROP, "Advertisement") in _roles(page)


def test_teasers_after_the_article_become_groups_with_headline_kicker_and_text():
    page = _page([
        PROSE, PROSE.replace("bridge", "tunnel"),
        "Related",
        "Ferry timetable changes this summer",
        "Local",
        "The ferry will run every half hour from June, the operator said on Monday.",
        "Read more",
        "Photo: Jane Doe/Gazette",
        "Budget passes after late-night session",
        "News",
        "Councillors approved the budget at two in the morning after a long debate.",
    ])  # fmt: skip
    teasers = [b for b in page.blocks if b.role == TEASER]
    assert [(b.group, b.part) for b in teasers] == [
        (1, "title"), (1, "kicker"), (1, "summary"),
        (2, "image_caption"), (2, "title"), (2, "kicker"), (2, "summary"),
    ]  # fmt: skip
    assert len(page.paragraphs) == 2


def test_lists_and_quotes_in_markdown_keep_their_words_verbatim():
    text = "# A title for the piece\n\n" + PROSE + "\n\n> " + PROSE.replace("council", "mayor")
    text += "\n\n- The first point of the plan is a new bridge over the harbour by 2026.\n"
    text += "- The second point is a ferry that runs every half hour from June onwards."
    page = split_page(source_from_text(text))
    assert page.meta["title"] == "A title for the piece"
    assert len(page.paragraphs) == 4
    assert all(paragraph in text for paragraph in page.paragraphs)


def test_plain_paragraphs_wrapped_at_a_fixed_width_stay_whole():
    wrapped = (
        "The council voted on Tuesday to rebuild the bridge, ending a\n"
        "debate that began in 2019 when engineers found cracks in two\n"
        "of its piers and the harbour authority closed it to lorries."
    )
    page = split_page(source_from_text(wrapped + "\n\n" + PROSE))
    assert page.paragraphs[0] == " ".join(wrapped.split())


def test_a_page_without_prose_is_refused():
    with pytest.raises(DraftError, match="No article text"):
        _page(["Home", "News", "Sign in", "Follow us on social"])


def test_without_a_title_the_start_of_the_first_paragraph_stands_in_and_is_flagged():
    page = _page([PROSE])
    assert PROSE.startswith(page.meta["title"])
    assert any("No title" in note for note in page.notes)


def test_every_kept_block_is_verbatim_in_the_source_text(seed_page_text):
    from core.text import fold_whitespace

    page = split_page(source_from_text(seed_page_text))
    source = fold_whitespace(page.source_text)
    kept = [b.text for b in page.blocks if b.role in (ARTICLE, TEASER)]
    assert kept and all(fold_whitespace(text) in source for text in kept)
