"""Split a page into blocks: the article's paragraphs, related-news teasers, and the rest.

HTML goes through trafilatura (main text and metadata) and htmldate (the publication date, from
the page's markup only); the related news around the article is found in the markup
(drafting.related). Text copied from a browser is a different problem: no HTML is left for
an extractor to use, so a short line filter does the job. It classifies each line
(drafting.lines: page furniture, image file names and captions, bylines, datelines, time
stamps, section labels, headings, sentence-like prose), weighs them (prose by its words and
stop words, every other line at a cost) and keeps the run of lines with the largest weight as
the article, dropping the captions, adverts and teaser blocks inside it but not its
sub-headings (those of one style together) and lists; the header before it gives the title,
dek, section, byline and date, a quoted closing line after it stays with it, and headlines
with a summary after it become teasers. Every kept block is a verbatim piece of
`Page.source_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafting.byline import page_byline
from drafting.lines import (
    AGENCY,
    CAPTION_LABEL,
    PROSE_DENSITY,
    SENTENCE_END,
    SHORT_PROSE_WORDS,
    WORD,
    classify,
    reads_as_summary,
    stamp,
    stop_words,
    title_cased,
)
from drafting.related import parse_html
from drafting.source import DraftError, Source

# The line filter's tests for one line live in drafting.lines; classify stays reachable here.
__all__ = ["classify", "reads_as_summary", "stamp", "stop_words"]

ARTICLE, TEASER, DROP = "article", "teaser", "drop"
META_KEYS = (
    "title",
    "dek",
    "section",
    "publisher",
    "original_publisher",
    "byline",
    "published",
    "republication_credit",
    "image_caption",
    "image_credit",
)
_CREDIT_PART = re.compile(rf"/|\bvia\b|\b{AGENCY}\b|\bphoto\b|©|\bCC[ -]BY\b", re.IGNORECASE)
_MARKDOWN_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*•]\s+|\d{1,3}[.)]\s+)")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Block:
    """One piece of the page and what the engine made of it.

    `role` is 'article', 'teaser' or 'drop'; `reason` says why, for a person. Teaser blocks
    carry the teaser's number in `group` and their `part`: title, kicker, summary,
    image_caption or image_credit.
    """

    text: str
    role: str
    reason: str
    group: int = 0
    part: str = ""


@dataclass(frozen=True)
class Page:
    """A page split into blocks, with its front matter and the text source.txt will hold."""

    meta: dict[str, str]
    blocks: tuple[Block, ...]
    source_text: str
    original_html: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(block.text for block in self.blocks if block.role == ARTICLE)


def split_page(source: Source) -> Page:
    """Blocks and metadata of a page; raise DraftError when it holds no article text."""
    page = _split_html(source) if source.kind == "html" else _split_text(source.text)
    if not page.paragraphs:
        raise DraftError(f"No article text found in {source.name}: nothing reads like prose.")
    return page


# --- lines and what they are -----------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    text: str
    kind: str  # furniture, file, republished, caption, byline, dateline, stamp, section,
    #            sentence, heading, short
    detail: str = ""
    numbered: bool = False  # written after a number: '2. Oil', '3) The talks'


def _units(text: str) -> list[_Unit]:
    """Lines of pasted text; a paragraph hard-wrapped over several lines stays one unit."""
    units = []
    for chunk in _BLANK_LINES.split(text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if _is_wrapped(lines):
            lines = [" ".join(lines)]
        for line in lines:
            numbered = bool(_NUMBERED.match(line))
            line = _MARKDOWN_PREFIX.sub("", line).strip()
            if line:
                kind, detail = classify(line)
                units.append(_Unit(line, kind, detail, numbered))
    return units


def _is_wrapped(lines: list[str]) -> bool:
    """True for prose broken at a fixed width: long lines, most not ending a sentence."""
    if len(lines) < 2 or any(_MARKDOWN_PREFIX.match(line) for line in lines[1:]):
        return False
    body = lines[:-1]
    if any(not 40 <= len(line) <= 100 for line in body):
        return False
    if len(lines[-1]) > max(map(len, body)) + _WRAP_SLACK:
        return False  # a line past the width is no wrapped paragraph's last: a headline above prose
    return sum(not SENTENCE_END.search(line) for line in body) * 2 >= len(body)


_WRAP_SLACK = 12  # a word longer than the room left at the end of a wrapped line


# --- pasted text ------------------------------------------------------------------------------

# The article is the main cluster of prose, found as in jusText (weak lines between good ones
# stay with them) and then as the run of lines with the largest total weight:
# - a prose line weighs its words beyond the first six, if at least 30 % of them are stop
#   words (jusText's threshold; strings of headlines and link lists have fewer), else nothing;
# - any other line costs up to ten, less when tiny (a chart's axis label, "Share"), nothing when
#   it is an item of a list that a prose line ending in ':' opens;
# - a line that starts or ends an article rather than sits inside one (byline, dateline,
#   section label, republication credit, a headline with a kicker under it as teasers have)
#   costs about as much as a dek weighs, so the dek and the teasers stay outside.
# A caption, a subheading or an advert inside the article costs less than the prose on both
# sides; a block of teasers or a menu costs more.
_GAP_COST = 10
_TINY_COST = 2  # per word, up to _GAP_COST
_BOUNDARY_COST = 40
_SUBHEADING_WORDS = 12
_CAPTION_WORDS = 6  # content words
_QUOTED_LINE_WORDS = 30
_TEASER_HEADLINE_WORDS = (4, 20)
_BOUNDARY_KINDS = ("byline", "dateline", "section", "republished")


def _weights(units: list[_Unit]) -> list[int]:
    """Each line's weight for the main cluster (the rules above)."""
    weights, in_list = [], False
    for index, unit in enumerate(units):
        words = WORD.findall(unit.text)
        if unit.kind == "sentence":
            stops = sum(word.lower() in stop_words() for word in words)
            dense = stops >= PROSE_DENSITY * len(words) and not title_cased(words)
            weights.append(len(words) - SHORT_PROSE_WORDS if dense else 0)
            in_list = unit.text.rstrip().endswith(":")
        elif in_list and unit.kind in ("short", "heading"):
            weights.append(0)
        elif unit.kind in _BOUNDARY_KINDS or _teaser_start(units, index):
            weights.append(-_BOUNDARY_COST)
        else:
            weights.append(-min(_GAP_COST, _TINY_COST * (1 + len(words))))
    return weights


def _teaser_start(units: list[_Unit], index: int) -> bool:
    """A headline, a short kicker line, then prose: how a related-news teaser begins."""
    kinds = [unit.kind for unit in units[index : index + 3]]
    return kinds == ["heading", "short", "sentence"]


def _main_cluster(units: list[_Unit]) -> tuple[int | None, int]:
    """[start, end) of the run of lines with the largest total weight (Kadane's algorithm)."""
    best, best_sum = (None, 0), 0
    start, total = 0, 0
    for index, weight in enumerate(_weights(units)):
        if total <= 0:
            start, total = index, 0
        total += weight
        if total > best_sum:
            best, best_sum = (start, index + 1), total
    return best


def _cluster_blocks(units: list[_Unit], start: int, end: int) -> dict[int, Block]:
    """Roles inside the cluster: prose is the article; in each gap between prose lines, the
    heading right before the next paragraph is a subheading (unless it is a caption, on
    another topic than that paragraph), sub-headings of one style go together, and the lines
    after a sentence ending in ':' are its list; captions, furniture and the rest (a teaser
    block inside the article) are dropped."""
    roles: dict[int, Block] = {}
    index = start
    while index < end:
        if units[index].kind == "sentence":
            roles[index] = Block(units[index].text, ARTICLE, "article paragraph")
            index += 1
            continue
        gap_end = index
        while gap_end < end and units[gap_end].kind != "sentence":
            gap_end += 1
        kept = _kept_in_gap(units, index, gap_end, gap_end < end)
        for gap_index in range(index, gap_end):
            unit = units[gap_index]
            if gap_index in kept:
                roles[gap_index] = Block(unit.text, ARTICLE, kept[gap_index])
            else:
                roles[gap_index] = Block(unit.text, DROP, _drop_reason(unit, inside=True))
        index = gap_end
    _same_style_together(units, roles, start, end)
    return roles


def _kept_in_gap(units: list[_Unit], start: int, stop: int, before_prose: bool):
    """The lines of a gap between prose lines that belong to the article, with why."""
    gap = range(start, stop)
    texts = [i for i in gap if units[i].kind in ("heading", "short")]
    if start > 0 and units[start - 1].text.rstrip().endswith(":"):
        return dict.fromkeys(texts, "list item inside the article")
    if not before_prose or any(units[i].kind in _BOUNDARY_KINDS for i in gap):
        return {}
    if stop - start == 1 and _paragraph_without_stop(units[start]):
        return {start: "article paragraph without its full stop"}
    if any(_RELATED_LABEL.match(units[i].text) for i in gap):
        return {}  # 'Related coverage' then a headline: a link to another story, not a sub-head
    last = units[stop - 1]
    if not _is_subheading(last) or (stop - 1 > start and units[stop - 2].text == last.text):
        return {}  # a link's text repeated under its picture is a teaser, not a sub-head
    if _caption_before(last, units[stop]):
        return {}
    return {stop - 1: "heading inside the article"}


# A label that introduces links to other stories inside an article.
_RELATED_LABEL = re.compile(
    r"^(?:related\b|read (?:more|also)\b|see also\b|more (?:from|on)\b|recommended\b"
    r"|you may also like\b|also read\b)",
    re.IGNORECASE,
)
# What a reporter's sentence says and a caption does not: someone said, told, added.
_REPORTED = re.compile(
    r"\b(?:said|says|told|added|asked|announced|explained|according to|wrote)\b", re.IGNORECASE
)
_PARAGRAPH_WORDS = 12


def _paragraph_without_stop(unit: _Unit) -> bool:
    """A line alone between two paragraphs that reads as prose, is longer than a sub-head
    and reports what someone said: a paragraph whose full stop the page left out."""
    return (
        unit.kind == "heading"
        and len(WORD.findall(unit.text)) >= _PARAGRAPH_WORDS
        and reads_as_summary(unit.text)
        and bool(_REPORTED.search(unit.text))
    )


def _is_subheading(unit: _Unit) -> bool:
    """A heading short enough to be a subheading rather than a caption without a full stop,
    starting as a heading does (a capital, a digit or a quote), not an address."""
    words = len(WORD.findall(unit.text))
    one_word = unit.kind == "short" and words == 1
    return (
        (unit.kind == "heading" or one_word)
        and words <= _SUBHEADING_WORDS
        and not unit.text[:1].islower()
        and not re.search(r"https?:|www\.|\.(?:com|org|net)\b|@", unit.text)
    )


def _caption_before(line: _Unit, paragraph: _Unit) -> bool:
    """A line long enough to describe a picture, sharing no word that means something with
    the paragraph after it: a caption, not that paragraph's sub-heading."""
    words = _content_words(line.text)
    return len(words) >= _CAPTION_WORDS and not words & _content_words(paragraph.text)


def _content_words(text: str) -> set[str]:
    """Words that are not stop words, compared by their first five letters ('utilities' and
    'utility', 'construction' and 'constructing')."""
    return {
        word.lower()[:5]
        for word in WORD.findall(text)
        if len(word) > 3 and word.lower() not in stop_words()
    }


def _same_style_together(units: list[_Unit], roles: dict[int, Block], start: int, end: int):
    """Sub-heads written in one style (numbered, in capitals, or ending in a question mark)
    are kept or dropped together, as most of them were: a page does not number half its
    sections."""
    styles: dict[str, list[int]] = {}
    for index in range(start, end):
        style = _heading_style(units[index])
        if style and (index + 1 < end and units[index + 1].kind == "sentence"):
            styles.setdefault(style, []).append(index)
    for style, indexes in styles.items():
        kept = [i for i in indexes if roles[i].role == ARTICLE]
        if len(indexes) < 2 or not kept or len(kept) == len(indexes):
            continue
        together = len(kept) * 2 >= len(indexes)
        for index in indexes:
            unit = units[index]
            roles[index] = (
                Block(unit.text, ARTICLE, f"heading inside the article ({style}, as the others)")
                if together
                else Block(unit.text, DROP, f"{_drop_reason(unit, inside=True)} ({style})")
            )


def _heading_style(unit: _Unit) -> str:
    """What sets a sub-head's style apart, or '' for a plain one."""
    if unit.kind not in ("heading", "short") or len(WORD.findall(unit.text)) > _SUBHEADING_WORDS:
        return ""
    if unit.numbered:
        return "numbered"
    letters = [c for c in unit.text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return "in capitals"
    if unit.text.rstrip().endswith("?"):
        return "a question"
    return ""


def _split_text(text: str) -> Page:
    units = _units(text)
    start, end = _main_cluster(units)
    roles: dict[int, Block] = {}
    meta: dict[str, str] = dict.fromkeys(META_KEYS, "")
    if start is not None:
        roles = _cluster_blocks(units, start, end)
        _header(units, start, meta, roles)
        _tail(units, end, meta, roles)
        _read_more_teasers(units, roles)
    blocks = tuple(
        roles.get(i) or Block(u.text, DROP, _drop_reason(u)) for i, u in enumerate(units)
    )
    notes = _fill_title(meta, blocks)
    return Page(meta, blocks, text, None, notes)


# 'Third of staff have experienced bullying Read more': a link to another story set in the
# page, its headline and the link's words on one line or two.
_READ_MORE = re.compile(r"^(?P<title>.*?)\s*(?:Read more|Continue reading)\s*[»›→]?$", re.I)


def _read_more_teasers(units: list[_Unit], roles: dict[int, Block]) -> None:
    """A headline followed by 'Read more' is related news, wherever it stands, without the
    link's words; a 'Read more' line of its own is left out."""
    group = max((block.group for block in roles.values() if block.role == TEASER), default=0)
    for index, unit in enumerate(units):
        found = _READ_MORE.match(unit.text)
        if not found:
            continue
        title, headline = found["title"], index
        if not title and index > 0:
            title, headline = units[index - 1].text, index - 1
            roles[index] = Block(unit.text, DROP, "the link's words after a headline")
        if title and _looks_like_headline(_unit(title)):
            group += 1
            reason = "related news: a headline with 'Read more'"
            roles[headline] = Block(title, TEASER, reason, group, "title")


def _header(units: list[_Unit], start: int, meta: dict, roles: dict[int, Block]) -> None:
    """Title, dek, section, byline, date and top image from the lines before the article."""
    index = start - 1
    while index >= 0 and start - index <= 12:
        unit = units[index]
        if meta["title"] and unit.kind not in ("section", "furniture", "short", "file"):
            break
        reason = _header_field(unit, meta)
        if reason:
            roles[index] = Block(unit.text, DROP, reason)
        above = units[index - 1] if index > 0 else None
        if reason.startswith("title") and above and _looks_like_headline(above) and not meta["dek"]:
            # a headline, then its standfirst without a full stop: the upper one is the title
            meta["dek"], meta["title"] = meta["title"], above.text
            roles[index] = Block(unit.text, DROP, "dek (front matter)")
            roles[index - 1] = Block(above.text, DROP, "title (front matter)")
            break
        if unit.kind == "sentence" and not meta["dek"] and len(WORD.findall(unit.text)) > 60:
            break
        index -= 1


def _header_field(unit: _Unit, meta: dict) -> str:
    """Put one header line into the front matter; return why, or '' when it is not used."""
    if unit.kind == "section" and not meta["section"] and not meta["title"]:
        meta["section"] = unit.text
        return "section (front matter)"
    if unit.kind == "byline" and not meta["byline"]:
        meta["byline"] = unit.detail
        return "byline (front matter)"
    if unit.kind == "dateline" and not meta["published"]:
        meta["published"] = unit.detail
        return "publication date (front matter)"
    if unit.kind == "caption" and not meta["image_caption"]:
        meta["image_caption"], meta["image_credit"] = split_caption(unit.text)
        return "image caption (front matter)"
    short = len(WORD.findall(unit.text)) <= 60
    if unit.kind == "sentence" and short and not meta["dek"] and not meta["title"]:
        meta["dek"] = unit.text
        return "dek (front matter)"
    if unit.kind == "heading" and not meta["title"]:
        meta["title"] = unit.text
        return "title (front matter)"
    return ""


def _tail(units: list[_Unit], end: int, meta: dict, roles: dict[int, Block]) -> None:
    """A closing quoted line, the republication credit, the article's image caption, then
    teasers."""
    teaser = _TeaserBuilder(units, roles)
    if end < len(units) and _continues_quotation(units[end - 1], units[end]):
        roles[end] = Block(
            units[end].text, ARTICLE, "closing line: the article's quotation goes on"
        )
        end += 1
    for index in range(end, len(units)):
        unit = units[index]
        if unit.kind == "republished" and not meta["republication_credit"]:
            meta["republication_credit"] = unit.text
            roles[index] = Block(unit.text, DROP, "republication credit (front matter)")
        elif unit.kind == "caption" and not meta["image_caption"] and not teaser.started:
            meta["image_caption"], meta["image_credit"] = split_caption(unit.text)
            roles[index] = Block(unit.text, DROP, "image caption (front matter)")
        else:
            teaser.add(index)
    teaser.close()


_OPENING_QUOTE = "“\"‘'«—–"
_CLOSED = re.compile(r"[.!?…][\"”’»]?$|[\"”’»]$")


def _continues_quotation(last: _Unit, line: _Unit) -> bool:
    """A short quoted line right after the last paragraph, which quotes someone or ends with
    a colon: the answer the article closes on ('“Not yet.”'), not page furniture."""
    words = WORD.findall(line.text)
    quoting = last.text.rstrip().endswith(":") or any(q in last.text for q in '“"”')
    return (
        line.kind in ("sentence", "heading", "short")
        and 0 < len(words) <= _QUOTED_LINE_WORDS
        and line.text[:1] in _OPENING_QUOTE
        and bool(_CLOSED.search(line.text))
        and quoting
    )


class _TeaserBuilder:
    """Groups the lines after the article into teasers: [caption] headline [kicker] summary…

    A teaser is what related news looks like: a headline (4 to 20 words) and a summary that
    reads as prose, with a kicker (a label of one to three words) and an image caption when
    they are there. A stamp ('2 hours ago') or a date line between them is passed over; a list
    of bare headlines, a menu or a comment form is not a teaser.
    """

    def __init__(self, units: list[_Unit], roles: dict[int, Block]):
        self.units, self.roles = units, roles
        self.count, self.open = 0, False
        self.heads: list[int] = []
        self.caption: int | None = None
        self.date: int | None = None
        self.started = False
        self.previous = ""

    def add(self, index: int) -> None:
        unit = self.units[index]
        repeated, self.previous = unit.text == self.previous, unit.text
        if unit.kind in ("stamp", "dateline") or repeated:  # a card's date, a link's alt text
            if unit.kind == "dateline" and (self.heads or self.open):
                self.date = index
            return
        if unit.kind == "sentence" and reads_as_summary(unit.text):
            self._prose(index)
        elif _looks_like_headline(unit):
            self.close()
            self.heads = [index]
        elif self.heads and not self.open and _looks_like_kicker(unit):
            self.heads.append(index)
        elif unit.kind == "caption":
            self.close()
            self.caption = index
        else:
            self.close()
            self.caption = None

    def _prose(self, index: int) -> None:
        if self.open:
            self._mark(index, "summary", "teaser text")
            return
        if not self.heads:
            return
        title, *kicker = self.heads
        self.count, self.open, self.started = self.count + 1, True, True
        self._mark(title, "title", "teaser headline")
        if kicker:
            self._mark(kicker[-1], "kicker", "teaser kicker")
        if self.caption is not None:
            self._mark(self.caption, "image_caption", "teaser image caption")
        if self.date is not None:
            self._mark(self.date, "date", "teaser date")
        self._mark(index, "summary", "teaser text")
        self.heads, self.caption, self.date = [], None, None

    def _mark(self, index: int, part: str, reason: str) -> None:
        self.roles[index] = Block(self.units[index].text, TEASER, reason, self.count, part)

    def close(self) -> None:
        """The open teaser ends; a headline waiting for its summary is not one."""
        self.open, self.heads, self.date = False, [], None


def _looks_like_headline(unit: _Unit) -> bool:
    """A heading of 4 to 20 words that is not a menu ('About | Contact'), an address, a
    form's prompt ('Enter your email:') or a name alone."""
    words = WORD.findall(unit.text)
    return (
        unit.kind == "heading"
        and _TEASER_HEADLINE_WORDS[0] <= len(words) <= _TEASER_HEADLINE_WORDS[1]
        and not re.search(r"[|@»›]|https?:|www\.|\.com\b", unit.text)
        and not unit.text.rstrip().endswith(":")
    )


def _looks_like_kicker(unit: _Unit) -> bool:
    """A label of one to three words ('Analysis', 'Middle East'): no digits, no prompt."""
    words = WORD.findall(unit.text)
    return (
        unit.kind in ("short", "heading")
        and 1 <= len(words) <= 3
        and not re.search(r"\d|[!?:|@]", unit.text)
        and unit.text[:1].isupper()
    )


def split_caption(text: str) -> tuple[str, str]:
    """'Leaders meet. (CC BY 4.0)' -> ('Leaders meet.', 'CC BY 4.0'); a trailing credit such
    as 'NAME/Pool via AGENCY' after the last sentence is split off too. Both stay verbatim."""
    text = CAPTION_LABEL.sub("", text.strip()).strip()
    bracket = re.search(r"\s*\(([^()]+)\)\s*$", text)
    if (
        bracket
        and _CREDIT_PART.search(bracket.group(1))
        or (bracket and len(WORD.findall(bracket.group(1))) <= 6)
    ):
        return text[: bracket.start()].strip(), bracket.group(1).strip()
    for match in reversed(list(re.finditer(r"[.!?][\"”’)]*\s+", text))):
        tail = text[match.end() :]
        if tail and _CREDIT_PART.search(tail) and len(WORD.findall(tail)) <= 25:
            return text[: match.end()].strip(), tail.strip()
    return text, ""


_KIND_NAMES = {
    "furniture": "page furniture",
    "file": "image file name",
    "republished": "republication credit",
    "caption": "image caption",
    "byline": "byline",
    "dateline": "date line",
    "stamp": "time stamp",
    "section": "section label",
    "sentence": "prose",
    "heading": "headline",
    "short": "short line",
}


def _drop_reason(unit: _Unit, inside: bool = False) -> str:
    """Why a line is left out: what it is, and for prose, headlines and short lines, where
    it stands ('headline inside the article' is a caption or a teaser's headline there)."""
    name = _KIND_NAMES[unit.kind]
    if unit.kind in ("sentence", "heading", "short"):
        return f"{name} {'inside' if inside else 'outside'} the article"
    return f"{name} inside the article" if inside else name


def _fill_title(meta: dict, blocks: tuple[Block, ...]) -> tuple[str, ...]:
    """A title is required: without one, the start of the first paragraph stands in."""
    first = next((block.text for block in blocks if block.role == ARTICLE), "")
    if meta["title"] or not first:
        return ()
    words = first.split()
    meta["title"] = " ".join(words[:10]).rstrip(",;:")
    return ("No title found: the start of the first paragraph stands in; write the real one.",)


# --- HTML -------------------------------------------------------------------------------------


def _split_html(source: Source) -> Page:
    from trafilatura import bare_extraction  # heavy, only when drafting HTML

    html = source.text
    try:  # recall over precision: a person deletes an extra paragraph sooner than finds a lost one
        document = bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
        )
    except Exception as error:  # trafilatura raises many kinds on broken markup
        raise DraftError(f"Cannot read {source.name} as a web page: {error}") from None
    if document is None or not (document.text or "").strip():
        raise DraftError(f"No article text found in {source.name}: the page's main text is empty.")
    tree = parse_html(html)  # read once, for the byline and the related news
    meta = dict.fromkeys(META_KEYS, "")
    meta.update(
        title=_one_line(document.title),
        dek=_one_line(document.description),
        publisher=_one_line(document.sitename),
        byline=page_byline(html, _one_line(document.author), tree),
        section=_one_line((document.categories or [""])[0]),
        published=_html_date(html),
    )
    blocks, header = [], []
    for line in (line.strip() for line in document.text.split("\n")):
        text = _MARKDOWN_PREFIX.sub("", line).strip() if line else ""
        if text:
            blocks.append(_html_block(text, meta))
    if blocks and blocks[0].text == meta["title"]:
        blocks[0] = Block(blocks[0].text, DROP, "title (front matter)")
    blocks = _after_the_last_paragraph(_repeats_dropped(blocks))
    teasers = _related_blocks(tree, document.text)
    blocks += teasers
    header = [meta[key] for key in ("title", "dek", "section") if meta[key]]
    lines = [*header, *document.text.split("\n"), *(block.text for block in teasers)]
    source_text = "\n\n".join(lines)
    notes = _fill_title(meta, tuple(blocks))
    return Page(meta, tuple(blocks), source_text, html, notes)


def _related_blocks(tree, main_text: str) -> list[Block]:
    """The page's related news (drafting.related) as teaser blocks after the article."""
    from drafting.related import related_news

    blocks = []
    for number, card in enumerate(related_news(tree, main_text), 1):
        for part in ("image_caption", "kicker", "title", "date", "summary"):
            text = getattr(card, part)
            if text:
                reason = f"related news on the page: {_TEASER_PARTS[part]}"
                blocks.append(Block(text, TEASER, reason, number, part))
    return blocks


_TEASER_PARTS = {
    "image_caption": "image caption",
    "kicker": "kicker",
    "title": "headline",
    "date": "date",
    "summary": "summary",
}


def _html_block(text: str, meta: dict) -> Block:
    kind, _ = classify(text)
    if kind == "republished" and not meta["republication_credit"]:
        meta["republication_credit"] = text
        return Block(text, DROP, "republication credit (front matter)")
    if kind in ("furniture", "file", "caption", "republished"):
        return Block(text, DROP, _drop_reason(_Unit(text, kind)))
    if kind == "heading":
        return Block(text, ARTICLE, "heading inside the article")
    return Block(text, ARTICLE, "article paragraph")


def _repeats_dropped(blocks: list[Block]) -> list[Block]:
    """A run of blocks the page repeats word for word (a box of page details shown twice)
    is kept once; one line repeated alone (a line of code, a refrain) stays."""
    seen: set[str] = set()
    repeated = []
    for block in blocks:
        repeated.append(block.role == ARTICLE and block.text in seen)
        seen.add(block.text)
    kept = list(blocks)
    for index, block in enumerate(blocks):
        neighbours = [n for n in (index - 1, index + 1) if 0 <= n < len(blocks)]
        in_a_run = any(repeated[n] and blocks[n].text != block.text for n in neighbours)
        if repeated[index] and in_a_run:
            kept[index] = Block(block.text, DROP, "repeated on the page")
    return kept


def _after_the_last_paragraph(blocks: list[Block]) -> list[Block]:
    """Lines after the article's last paragraph that are no sentences ('Date 19.01.2020',
    'Author …', 'Keywords …', 'Print this page', a list of section names) are the page's
    details and links around the article, not its text; a quoted line that goes on with the
    paragraph's quotation stays."""
    paragraphs = [
        index
        for index, block in enumerate(blocks)
        if block.role == ARTICLE and _paragraph_of_prose(block.text)
    ]
    if not paragraphs:
        return blocks
    last = paragraphs[-1]
    kept = list(blocks)
    for index in range(last + 1, len(blocks)):
        block = blocks[index]
        if block.role != ARTICLE or classify(block.text)[0] == "sentence":
            continue
        if index == last + 1 and _continues_quotation(_unit(blocks[last].text), _unit(block.text)):
            continue
        kept[index] = Block(block.text, DROP, "a line after the article's last paragraph")
    return kept


def _paragraph_of_prose(text: str) -> bool:
    return classify(text)[0] == "sentence" and len(WORD.findall(text)) > SHORT_PROSE_WORDS


def _unit(text: str) -> _Unit:
    return _Unit(text, *classify(text))


def _html_date(html: str) -> str:
    """The publication date the page's markup states (meta tags, time elements), or ''."""
    from htmldate import find_date

    try:
        found = find_date(html, original_date=True, extensive_search=False)
    except Exception:  # htmldate raises on odd markup; no date is the honest answer
        return ""
    return found or ""


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())
