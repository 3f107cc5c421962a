"""Split a page into blocks: the article's paragraphs, related-news teasers, and the rest.

HTML goes through trafilatura (main text and metadata) and htmldate (the publication date, from
the page's markup only). Text copied from a browser is a different problem: no HTML is left for
an extractor to use, so a short line filter does the job. It classifies each line (page
furniture, image file names and captions, bylines, datelines, section labels, headings,
sentence-like prose), weighs them (prose by its words and stop words, every other line at a
cost) and keeps the run of lines with the largest weight as the article, dropping the
captions, adverts and teaser blocks inside it but not its subheadings and lists; the
header before it gives the title, dek, section, byline and date, and headline-plus-prose groups
after it become teasers. Every kept block is a verbatim piece of `Page.source_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafting.dates import find_published_date
from drafting.source import DraftError, Source

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

# Function words: prose has many of them, headlines, menus and credits few.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "although",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "may",
        "me",
        "might",
        "more",
        "most",
        "must",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "said",
        "says",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)

# Page furniture, whole line or start of line (case-insensitive).
_FURNITURE = re.compile(
    r"""^(?:follow\ us\b|share\b|share\ (?:this|on)|subscribe\b|sign\ (?:up|in)\b|log\ ?in\b
    |newsletter|read\ more\b|keep\ reading|show\ (?:more|less)|see\ (?:more|all)\b
    |advertisement$|sponsored\b|skip\ to\b|back\ to\ top|most\ (?:read|popular|viewed)
    |related(?:\ (?:articles|stories|posts|content|news))?\s*(?::|$)|see\ also\b|trending\b
    |latest(?:\ news)?$
    |tags?\s*:|topics?\s*:|filed\ under\b|comments?\b|leave\ a\ (?:comment|reply)|click\ here
    |download\ (?:the|our)\ app|listen\ to\b|\d+\s*min(?:ute)?s?\ read|print$|email$
    |copy\ link|copyright\b|all\ rights\ reserved|privacy\ policy|terms\ (?:of|and)\b
    |cookie|accept\ all|manage\ preferences|loading\b|menu$|search$|home$|close$|next$
    |previous$|more\ from\b|you\ may\ also\ like|recommended\b|don'?t\ miss\b|support\ us\b
    |donate\b|become\ a\ member|facebook$|twitter$|x$|linkedin$|whatsapp$|instagram$|reddit$)""",
    re.IGNORECASE | re.VERBOSE,
)
_FURNITURE_ANYWHERE = re.compile(
    r"©|\ball rights reserved\b|\bsubscribe (?:now|today|to)\b|\bsign up (?:for|to)\b"
    r"|\bkeep reading\b|\bshow less\b|\bcookies?\b.*\b(?:accept|consent)\b",
    re.IGNORECASE,
)
# A legal notice however long (a footer's data-provider disclaimers run to 150 words).
_LEGAL_NOTICE = re.compile(r"\ball rights reserved\b", re.IGNORECASE)
_FILE_NAME = re.compile(r"^[\w.-]+(?:\.(?:jpe?g|png|gif|webp|svg|avif)|_[\w.-]+)$", re.IGNORECASE)
_REPUBLISHED = re.compile(
    r"^(?:this (?:article|piece|story|post|essay|commentary|analysis|op-ed)\b.{0,60}?"
    r"\b(?:published|appeared|republished|reprinted|adapted)\b|(?:originally|first) "
    r"(?:published|appeared)\b|(?:republished|reprinted|adapted) (?:with permission )?from\b)",
    re.IGNORECASE,
)
_CAPTION_LABEL = re.compile(
    r"^(?:top |header |featured |lead |main )?(?:image|photo(?:graph)?|picture|illustration"
    r"|video)(?: credit| caption)?s?\s*:\s*|^(?:credit|caption)s?\s*:\s*",
    re.IGNORECASE,
)
_AGENCY = (
    r"(?:Getty Images|REUTERS|Reuters|AFP|AP Photo|Associated Press|EPA|Shutterstock"
    r"|Wikimedia|Flickr|Unsplash|Alamy|Bloomberg|Xinhua|Anadolu)"
)
_CAPTION_CREDIT = re.compile(
    rf"\((?:photo|image|credit|pictured|cc[ -]by|©|courtesy)[^()]*\)\s*$"
    rf"|\([^()]*\b{_AGENCY}\b[^()]*\)\s*$|(?:/|\bvia\s){_AGENCY}\b|\bFILE PHOTO\b"
    rf"|(?:^|\|\s*)(?:data\s+)?sources?:\s",
    re.IGNORECASE,
)
_CREDIT_PART = re.compile(rf"/|\bvia\b|\b{_AGENCY}\b|\bphoto\b|©|\bCC[ -]BY\b", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:by|words by|written by|reporting by)\s+(?=[A-Z])(.{2,120})$", re.IGNORECASE
)
_SECTION = re.compile(
    r"^[\w&'’.-]+(?: [\w&'’.-]+){0,3}(?: ?(?:\||›|»|>|/) ?[\w&'’.-]+"
    r"(?: [\w&'’.-]+){0,3})+$"
)
_WORD = re.compile(r"[^\W\d_](?:[\w’'-]*\w)?")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"”’»]$")
_MARKDOWN_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*•]\s+|\d{1,3}[.)]\s+)")
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
    kind: str  # furniture, file, republished, caption, byline, dateline, section, sentence,
    #            heading, short
    detail: str = ""


def classify(line: str) -> tuple[str, str]:
    """(kind, detail) of one line of page text; the line filter's decision, testable alone."""
    text = line.strip()
    words = _WORD.findall(text)
    if not words:
        return "furniture", "no words"
    if (
        _FURNITURE.match(text)
        or (len(words) <= 40 and _FURNITURE_ANYWHERE.search(text))
        or _LEGAL_NOTICE.search(text)
    ):
        return "furniture", "page furniture"
    if _FILE_NAME.match(text):
        return "file", "image file name"
    if _REPUBLISHED.match(text):
        return "republished", "republication credit"
    if _CAPTION_LABEL.match(text) or (len(words) <= 80 and _CAPTION_CREDIT.search(text)):
        return "caption", "image caption"
    if (byline := _BYLINE.match(text)) and len(words) <= 16 and not text.endswith("."):
        return "byline", byline.group(1).strip()
    if len(words) <= 10 and (date := find_published_date(text)):
        return "dateline", date
    if _SECTION.match(text) and len(words) <= 8:
        return "section", text
    return _prose_kind(text, words)


def _prose_kind(text: str, words: list[str]) -> tuple[str, str]:
    stops = sum(word.lower() in STOP_WORDS for word in words)
    ends = bool(_SENTENCE_END.search(text))
    if (len(words) >= 5 and ends and stops >= 2) or (len(words) >= 25 and stops >= 5):
        return "sentence", ""
    if 2 <= len(words) <= 24 and not text.endswith((".", ",", ";")):
        return "heading", ""
    return "short", ""


def _units(text: str) -> list[_Unit]:
    """Lines of pasted text; a paragraph hard-wrapped over several lines stays one unit."""
    units = []
    for chunk in _BLANK_LINES.split(text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if _is_wrapped(lines):
            lines = [" ".join(lines)]
        for line in lines:
            line = _MARKDOWN_PREFIX.sub("", line).strip()
            if line:
                kind, detail = classify(line)
                units.append(_Unit(line, kind, detail))
    return units


def _is_wrapped(lines: list[str]) -> bool:
    """True for prose broken at a fixed width: long lines, most not ending a sentence."""
    if len(lines) < 2 or any(_MARKDOWN_PREFIX.match(line) for line in lines[1:]):
        return False
    body = lines[:-1]
    if any(not 40 <= len(line) <= 100 for line in body):
        return False
    return sum(not _SENTENCE_END.search(line) for line in body) * 2 >= len(body)


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
_SHORT_PROSE_WORDS = 6
_PROSE_DENSITY = 0.3
_GAP_COST = 10
_TINY_COST = 2  # per word, up to _GAP_COST
_BOUNDARY_COST = 40
_SUBHEADING_WORDS = 12
_BOUNDARY_KINDS = ("byline", "dateline", "section", "republished")


def _weights(units: list[_Unit]) -> list[int]:
    """Each line's weight for the main cluster (the rules above)."""
    weights, in_list = [], False
    for index, unit in enumerate(units):
        words = _WORD.findall(unit.text)
        if unit.kind == "sentence":
            stops = sum(word.lower() in STOP_WORDS for word in words)
            dense = stops >= _PROSE_DENSITY * len(words)
            weights.append(len(words) - _SHORT_PROSE_WORDS if dense else 0)
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
    """Roles inside the cluster: prose is the article; in each gap between prose lines, a lone
    heading is a subheading and the lines after a sentence ending in ':' are its list; captions,
    furniture and the rest (a teaser block inside the article) are dropped."""
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
        kept = _kept_in_gap(units, index, gap_end)
        for gap_index in range(index, gap_end):
            unit = units[gap_index]
            if gap_index in kept:
                roles[gap_index] = Block(unit.text, ARTICLE, kept[gap_index])
            else:
                reason = f"{_drop_reason(unit)} inside the article"
                roles[gap_index] = Block(unit.text, DROP, reason)
        index = gap_end
    return roles


def _kept_in_gap(units: list[_Unit], start: int, stop: int) -> dict[int, str]:
    """The lines of a gap between prose lines that belong to the article, with why."""
    gap = range(start, stop)
    texts = [i for i in gap if units[i].kind in ("heading", "short")]
    if start > 0 and units[start - 1].text.rstrip().endswith(":"):
        return dict.fromkeys(texts, "list item inside the article")
    lone = len(texts) == 1 and _is_subheading(units[texts[0]])
    if lone and not any(units[i].kind in _BOUNDARY_KINDS for i in gap):
        return {texts[0]: "heading inside the article"}
    return {}


def _is_subheading(unit: _Unit) -> bool:
    """A heading short enough to be a subheading rather than a caption without a full stop."""
    return unit.kind == "heading" and len(_WORD.findall(unit.text)) <= _SUBHEADING_WORDS


def _split_text(text: str) -> Page:
    units = _units(text)
    start, end = _main_cluster(units)
    roles: dict[int, Block] = {}
    meta: dict[str, str] = dict.fromkeys(META_KEYS, "")
    if start is not None:
        roles = _cluster_blocks(units, start, end)
        _header(units, start, meta, roles)
        _tail(units, end, meta, roles)
    blocks = tuple(
        roles.get(i) or Block(u.text, DROP, _drop_reason(u)) for i, u in enumerate(units)
    )
    notes = _fill_title(meta, blocks)
    return Page(meta, blocks, text, None, notes)


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
        if unit.kind == "sentence" and not meta["dek"] and len(_WORD.findall(unit.text)) > 60:
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
    short = len(_WORD.findall(unit.text)) <= 60
    if unit.kind == "sentence" and short and not meta["dek"] and not meta["title"]:
        meta["dek"] = unit.text
        return "dek (front matter)"
    if unit.kind == "heading" and not meta["title"]:
        meta["title"] = unit.text
        return "title (front matter)"
    return ""


def _tail(units: list[_Unit], end: int, meta: dict, roles: dict[int, Block]) -> None:
    """Republication credit, the article's image caption, then teasers."""
    teaser = _TeaserBuilder(units, roles)
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


class _TeaserBuilder:
    """Groups the lines after the article into teasers: [caption] headline [kicker] prose…"""

    def __init__(self, units: list[_Unit], roles: dict[int, Block]):
        self.units, self.roles = units, roles
        self.count, self.open = 0, False
        self.heads: list[int] = []
        self.caption: int | None = None
        self.started = False

    def add(self, index: int) -> None:
        kind = self.units[index].kind
        if kind == "sentence":
            self._prose(index)
        elif kind == "heading":
            self.close()
            self.heads.append(index)
        elif kind == "short" and self.heads and not self.open:
            self.heads.append(index)
        elif kind == "caption":
            self.close()
            self.caption = index
        else:
            self.close()

    def _prose(self, index: int) -> None:
        if self.open:
            self._mark(index, "summary", "teaser text")
            return
        title = next((i for i in reversed(self.heads) if self.units[i].kind == "heading"), None)
        if title is None:
            return
        self.count, self.open, self.started = self.count + 1, True, True
        kicker = [i for i in self.heads if i > title]
        self._mark(title, "title", "teaser headline")
        if kicker:
            self._mark(kicker[-1], "kicker", "teaser kicker")
        if self.caption is not None:
            self._mark(self.caption, "image_caption", "teaser image caption")
        self._mark(index, "summary", "teaser text")
        self.heads, self.caption = [], None

    def _mark(self, index: int, part: str, reason: str) -> None:
        self.roles[index] = Block(self.units[index].text, TEASER, reason, self.count, part)

    def close(self) -> None:
        self.open = False


def split_caption(text: str) -> tuple[str, str]:
    """'Leaders meet. (CC BY 4.0)' -> ('Leaders meet.', 'CC BY 4.0'); a trailing credit such
    as 'NAME/Pool via AGENCY' after the last sentence is split off too. Both stay verbatim."""
    text = _CAPTION_LABEL.sub("", text.strip()).strip()
    bracket = re.search(r"\s*\(([^()]+)\)\s*$", text)
    if (
        bracket
        and _CREDIT_PART.search(bracket.group(1))
        or (bracket and len(_WORD.findall(bracket.group(1))) <= 6)
    ):
        return text[: bracket.start()].strip(), bracket.group(1).strip()
    for match in reversed(list(re.finditer(r"[.!?][\"”’)]*\s+", text))):
        tail = text[match.end() :]
        if tail and _CREDIT_PART.search(tail) and len(_WORD.findall(tail)) <= 25:
            return text[: match.end()].strip(), tail.strip()
    return text, ""


def _drop_reason(unit: _Unit) -> str:
    return {
        "furniture": "page furniture",
        "file": "image file name",
        "republished": "republication credit",
        "caption": "image caption",
        "byline": "byline",
        "dateline": "date line",
        "section": "section label",
        "sentence": "prose outside the article",
        "heading": "headline outside the article",
        "short": "short line outside the article",
    }[unit.kind]


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
    meta = dict.fromkeys(META_KEYS, "")
    meta.update(
        title=_one_line(document.title),
        dek=_one_line(document.description),
        publisher=_one_line(document.sitename),
        byline=_one_line(document.author),
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
    header = [meta[key] for key in ("title", "dek", "section") if meta[key]]
    source_text = "\n\n".join([*header, *(line for line in document.text.split("\n"))])
    notes = _fill_title(meta, tuple(blocks))
    return Page(meta, tuple(blocks), source_text, html, notes)


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
