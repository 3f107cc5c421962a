"""Related news on a saved page: the lists of teasers around the article, found in its HTML.

The main-text extractor keeps the article and drops the rest of the page, related news with
it. This finds them again in the page's markup: a teaser is a card holding one headline link
(4 to 20 words) and at least one of a kicker (a label of one to three words), a summary that
reads as prose, a date or time stamp, or an image caption; related news is a list of two or
more such cards side by side. Menus, page headers and footers, forms, comment threads,
sharing buttons and sponsored link boxes are never looked at, and a card whose headline is in
the article's own text is not a teaser.

`related_news(html, main_text)` returns the cards in page order, each as its parts' verbatim
texts; drafting.page turns them into blocks of the role TEASER.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Elements whose text is never a teaser, and class or id words of the boxes that hold no
# related news (navigation, sharing, comments, newsletters, adverts and sponsored links).
_SKIPPED_TAGS = frozenset(
    ("script", "style", "noscript", "template", "svg", "iframe", "nav", "header", "footer")
    + ("form", "button", "select", "textarea", "input", "label", "object", "embed", "canvas")
    + ("video", "audio")
)
_SKIPPED_BOX = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|footer|masthead|sitemap|share|sharing|"
    r"social|comments?|newsletter|subscribe|signup|sponsor(?:ed)?|promoted|advert\w*|ads?|"
    r"outbrain|taboola|zergnet|revcontent|cookie|consent|paywall|login|modal|popup)(?:$|[\s_-])",
    re.IGNORECASE,
)
# The card's author line: a name there is not a kicker.
_BYLINE_BOX = re.compile(r"byline|author|writer|contributor|credit", re.IGNORECASE)
_AUTHOR_LINK = re.compile(r"/(?:authors?|writers?|contributors?|people|profiles?)/", re.IGNORECASE)
_TEXT_BLOCKS = frozenset(
    ("p", "div", "span", "a", "time", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "li")
    + ("small", "strong", "em", "b", "i", "cite", "dd", "dt")
)
_WORD = re.compile(r"[^\W\d_](?:[\w’'-]*\w)?")
_HEADLINE_WORDS = (4, 20)
_MIN_CARDS = 2
_MAX_CLIMB = 6  # a card is at most this many levels above its headline link
# A card links its headline, its picture, its section and its author: more links than this
# around a headline make a menu or a list of links, not a card.
_MAX_CARD_LINKS = 5
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
# A date in brackets closing a summary: the card's date.
_DATE_AFTER = re.compile(r"\s*\(([^()]{6,30})\)\s*$")


@dataclass(frozen=True)
class Card:
    """One teaser found in the markup: its parts' texts, as the page writes them."""

    title: str
    kicker: str = ""
    summary: str = ""
    date: str = ""
    image_caption: str = ""


def related_news(page, main_text: str) -> list[Card]:
    """The page's related-news cards in page order; [] when it has none, or is unreadable.
    `page` is its HTML, or the tree `parse_html` read from it."""
    root = parse_html(page) if isinstance(page, str) else page
    if root is None:
        return []
    article = _fold(main_text).casefold()
    tree = root.getroottree()
    cards: dict[str, list] = {}  # the list's path in the page -> [(position, Card)]
    seen: set[str] = set()
    for position, (link, title) in enumerate(_headlines(root)):
        if title.casefold() in seen or title.casefold() in article:
            continue
        box = _card_box(link, title)
        card = _card(box, link, title) if box is not None else None
        if card is not None:
            seen.add(title.casefold())
            cards.setdefault(tree.getpath(box.getparent()), []).append((position, card))
    listed = [item for group in cards.values() if len(group) >= _MIN_CARDS for item in group]
    return [card for _, card in sorted(listed, key=lambda item: item[0])]


# --- reading the markup ------------------------------------------------------------------------


def parse_html(html: str):
    """The page as an lxml tree, or None when it cannot be read as HTML."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(html)
    except (ValueError, etree.ParserError):
        try:  # a page that declares its encoding must be given as bytes
            return lxml_html.document_fromstring(html.encode("utf-8"))
        except (ValueError, etree.ParserError):
            return None


def _fold(text: str) -> str:
    return " ".join(text.split())


def _text(element) -> str:
    return _fold(element.text_content())


def _skipped(element) -> bool:
    """An element in a menu, a page header or footer, a form, a sharing or sponsored box."""
    for node in (element, *element.iterancestors()):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag.lower() in _SKIPPED_TAGS:
            return True
        marks = f"{node.get('class', '')} {node.get('id', '')} {node.get('role', '')}"
        if _SKIPPED_BOX.search(marks) or node.get("aria-hidden") == "true":
            return True
    return False


def _headlines(root):
    """(element, headline) of each link whose text reads as a headline, outside the boxes
    that hold none; for a link that wraps a whole card (its picture, headline, date and
    summary), the heading inside it."""
    for link in root.iter("a"):
        if _skipped(link):
            continue
        found = _headline_of(link)
        if found is not None:
            yield found


def _headline_of(link):
    """(element, headline) of one link, or None when it holds no headline: a heading inside
    it first (a link around a whole card holds its summary and date too)."""
    for heading in link.iter(*_HEADINGS):
        title = _heading_title(heading)
        if _is_headline(title):
            return heading, title
    text = _text(link)
    return (link, text) if _is_headline(text) else None


def _heading_title(heading) -> str:
    """A heading's words without the date a card may write inside it."""
    from drafting.lines import stamp

    title = _text(heading)
    for element in heading.iterdescendants():
        text = _text(element)
        if text and (element.tag == "time" or _is_date(text) or stamp(text)):
            title = title.replace(text, " ")
    return _fold(title)


def _is_date(text: str) -> bool:
    from drafting.dates import find_published_date

    return bool(find_published_date(text)) or bool(_NUMERIC_DATE.fullmatch(text.strip()))


def _is_headline(text: str) -> bool:
    """4 to 20 words, not a sentence of prose with its full stop, not a prompt or an address."""
    words = _WORD.findall(text)
    return (
        _HEADLINE_WORDS[0] <= len(words) <= _HEADLINE_WORDS[1]
        and not text.endswith((".", ":", ","))
        and not text[:1].islower()
        and not re.search(r"https?:|www\.|@|\.com\b|[|»›]", text)
    )


def _card_box(link, title: str):
    """The largest element around the headline `link` that holds no other headline, no more
    links than a card has, and no more than one item of a list (a list of links with no
    other headline is a menu): the teaser's card."""
    box, node = None, link
    for _ in range(_MAX_CLIMB):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        links = list(parent.iter("a"))
        if len(links) > _MAX_CARD_LINKS or _list_of_items(parent):
            break
        others = {found[1] for a in links if (found := _headline_of(a)) is not None}
        if others - {title}:
            break
        box = node = parent
    return box


def _list_of_items(element) -> bool:
    """A list of several items: a card is one item of a list, never the list."""
    return element.tag in ("ul", "ol") and len(element.findall("li")) > 1


def _card(box, link, title: str) -> Card | None:
    """The card's parts; None when the headline stands alone (a bare link is not a teaser)."""
    from drafting.lines import classify, reads_as_summary, stamp

    found: dict[str, str] = {}
    for text, element in _pieces(box, link, title):
        dated = _DATE_AFTER.search(text)
        if dated and _is_date(dated.group(1)) and dated.start():
            text = text[: dated.start()]  # '… doesn't go far enough. (30.01.2019)'
            found.setdefault("date", dated.group(1))
        kind, _ = classify(text)
        if "summary" not in found and kind == "sentence" and reads_as_summary(text):
            found["summary"] = text
        elif "date" not in found and (element.tag == "time" or _is_date(text) or stamp(text)):
            found["date"] = text
        elif "image_caption" not in found and element.tag == "figcaption":
            found["image_caption"] = text
        elif "kicker" not in found and _is_kicker(text, kind) and not _byline(element, box):
            found["kicker"] = text
    if "image_caption" not in found:
        found.update(_image_caption(box, title))
    return Card(title, **found) if found else None


def _pieces(box, link, title: str):
    """Each piece of text in the card outside its headline: the innermost text elements."""
    seen: set[str] = set()
    for element in box.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() not in _TEXT_BLOCKS or _skipped(element):
            continue
        if _within(element, link) and _text(element) in title:
            continue  # the headline's own words; a date written inside its heading is a piece
        if any(child.tag in _TEXT_BLOCKS and _text(child) for child in element.iterdescendants()):
            continue  # its children are the pieces
        text = _text(element)
        if text and text not in seen and text != title:
            seen.add(text)
            yield text, element


def _byline(element, box) -> bool:
    """The element names the card's author: it sits in a byline box or links to an author."""
    for node in (element, *element.iterancestors()):
        if _BYLINE_BOX.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
        if node is box:
            break
    links = [element] if element.tag == "a" else list(element.iter("a"))
    return any(_AUTHOR_LINK.search(link.get("href", "")) for link in links)


def _within(element, link) -> bool:
    """`element` is the link or inside it (compared as nodes: lxml makes a new Python object
    for a node each time one is asked for, so ids cannot tell)."""
    return element == link or any(ancestor == link for ancestor in element.iterancestors())


def _is_kicker(text: str, kind: str) -> bool:
    words = _WORD.findall(text)
    return (
        kind in ("short", "heading", "section")
        and 1 <= len(words) <= 3
        and not re.search(r"\d|[!?:|@]", text)
        and text[:1].isupper()
    )


def _image_caption(box, title: str) -> dict[str, str]:
    """An image's description in the card (its alt text), when it says more than the title."""
    headline = {word.casefold() for word in _WORD.findall(title)}
    for image in box.iter("img"):
        alt = _fold(image.get("alt", ""))
        if "|" in alt:
            continue  # 'Conflict in Libya | Fighting': an archive's keywords, not a caption
        words = {word.casefold() for word in _WORD.findall(alt)}
        if len(words) >= 3 and len(words & headline) * 2 < len(words):
            return {"image_caption": alt}
    return {}
