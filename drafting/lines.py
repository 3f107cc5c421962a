"""Lines of page text and what each one is: the line filter's decisions for one line.

`classify(line)` names a line's kind (page furniture, image file name, republication credit,
caption, byline, date line, time stamp, section label, sentence, heading or short line);
`reads_as_summary` and `stamp` are the tests a teaser's parts pass, for copied text
(drafting.page) and saved pages (drafting.related) alike. Prose is told from the rest by its
stop words: jusText's English list (installed with trafilatura).
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafting.dates import find_published_date

SHORT_PROSE_WORDS = 6
PROSE_DENSITY = 0.3  # jusText's threshold for its stop list
_TITLE_CASE_SHARE = 0.6
_TEASER_SUMMARY_WORDS = 8


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words: prose has many of them, headlines, menus and credits few. jusText's
    English list (installed with trafilatura), the list its 30 % prose threshold is set for."""
    import justext  # only when a page is split

    return frozenset(justext.get_stoplist("English"))


# Page furniture, whole line or start of line (case-insensitive).
_FURNITURE = re.compile(
    r"""^(?:follow\ us\b|share\b|share\ (?:this|on)|subscribe\b|sign\ (?:up|in)\b|log\ ?in\b
    |newsletter|read\ more\b|keep\ reading|continue\ reading\b|show\ (?:more|less)
    |see\ (?:more|all)\b|(?:image|photo|picture|video|graphic|chart|map|gallery)s?$
    |advert(?:isement|ising)?$|sponsored\b|skip\ to\b|back\ to\ top|most\ (?:read|popular|viewed)
    |related(?:\ (?:articles|stories|posts|content|news|coverage))?\s*(?::|$)|read\ now$
    |see\ also\b|trending\b
    |latest(?:\ news)?$
    |tags?\s*:|topics?\s*:|filed\ under\b|comments?\b|leave\ a\ (?:comment|reply)|click\ here
    |download\ (?:the|our)\ app|listen\ to\b|\d+\s*min(?:ute)?s?\ read|print$|email$
    |copy\ link|copyright\b|all\ rights\ reserved|privacy\ policy|terms\ (?:of|and)\b
    |cookie|accept\ all|manage\ preferences|loading\b|menu$|search$|home$|close$|next$
    |previous$|more\ from\b|you\ may\ also\ like|recommended\b|don'?t\ miss\b|support\ us\b
    |donate\b|become\ a\ member|facebook$|twitter$|x$|linkedin$|whatsapp$|instagram$|reddit$
    |slide\ ?shows?\b|(?:watch|play)\ (?:the\ )?video\b|do\ not\ sell\b|permalink\b
    |print\ this\b|send\ us\ (?:your\ )?feedback\b|feedback\s*:)""",
    re.IGNORECASE | re.VERBOSE,
)
_FURNITURE_ANYWHERE = re.compile(
    r"©|\ball rights reserved\b|\bsubscribe (?:now|today|to)\b|\bsign up (?:for|to)\b"
    r"|\bkeep reading\b|\bshow less\b|\bcookies?\b.*\b(?:accept|consent)\b"
    r"|\(\s*\d+\s+(?:images|photos|pictures|slides)\s*\)\s*$",  # a gallery's count
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
CAPTION_LABEL = re.compile(
    r"^(?:top |header |featured |lead |main )?(?:image|photo(?:graph)?|picture|illustration"
    r"|video)(?: credit| caption)?s?\s*:\s*|^(?:credit|caption)s?\s*:\s*"
    r"|^(?:media|video|image|photo) caption\s+(?=[A-Z])",
    re.IGNORECASE,
)
AGENCY = (
    r"(?:Getty Images|REUTERS|Reuters|AFP|AP Photo|Associated Press|EPA|Shutterstock"
    r"|Wikimedia|Flickr|Unsplash|Alamy|Bloomberg|Xinhua|Anadolu)"
)
_CAPTION_CREDIT = re.compile(
    rf"\((?:photo|image|credit|pictured|cc[ -]by|©|courtesy)[^()]*\)\s*$"
    rf"|\([^()]*\b{AGENCY}\b[^()]*\)\s*$|(?:/|\bvia\s){AGENCY}\b|\bFILE PHOTO\b"
    rf"|(?:^|\|\s*)(?:data\s+)?sources?:\s"
    # 'winter weather.CreditKirsten Luce for …', 'Jane Doe/Agency'
    rf"|[.!?][\"”’]?\s*Credit\s*:?\s*[A-Z]"
    rf"|^[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){{1,2}}/[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){{0,2}}$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|words by|written by|reporting by)\s+(?=[A-Z])(.{2,120})$", re.IGNORECASE
)
# 'Richard Adams Education editor', 'Jane Doe Senior correspondent': a name and the writer's job.
_ROLE_BYLINE = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2}?)"
    r"(?: [A-Z]?[a-z]+){0,2} (?:editor|correspondent|reporter|writer|columnist|contributor)$"
)
# "2 hours ago", "Updated 5 min ago", "1:57 PM ET": when a list item was posted, not a name
# or a headline of its own.
_STAMP = re.compile(
    r"^(?:(?:updated|posted|published)\s*:?\s*)?(?:(?:an?|\d+)\s*(?:s|secs?|seconds?|m|mins?"
    r"|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)\s+ago"
    r"|just now|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)\.?$",
    re.IGNORECASE,
)
_SECTION = re.compile(
    r"^[\w&'’.-]+(?: [\w&'’.-]+){0,3}(?: ?(?:\||›|»|>|/) ?[\w&'’.-]+"
    r"(?: [\w&'’.-]+){0,3})+$"
)
WORD = re.compile(r"[^\W\d_](?:[\w’'-]*\w)?")
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"”’»]$")


def classify(line: str) -> tuple[str, str]:
    """(kind, detail) of one line of page text; the line filter's decision, testable alone."""
    text = line.strip()
    words = WORD.findall(text)
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
    if CAPTION_LABEL.match(text) or (len(words) <= 80 and _CAPTION_CREDIT.search(text)):
        return "caption", "image caption"
    if (byline := _BYLINE.match(text)) and len(words) <= 16 and not text.endswith("."):
        return "byline", byline.group(1).strip()
    if byline := _ROLE_BYLINE.match(text):
        return "byline", byline["name"]
    if len(words) <= 10 and (date := find_published_date(text)):
        return "dateline", date
    if stamp(text):
        return "stamp", "time stamp"
    if _SECTION.match(text) and len(words) <= 8:
        return "section", text
    return _prose_kind(text, words)


def _prose_kind(text: str, words: list[str]) -> tuple[str, str]:
    stops = sum(word.lower() in stop_words() for word in words)
    ends = bool(SENTENCE_END.search(text))
    if (len(words) >= 5 and ends and stops >= 2) or (len(words) >= 25 and stops >= 5):
        return "sentence", ""
    if 2 <= len(words) <= 24 and not text.endswith((".", ",", ";")):
        return "heading", ""
    return "short", ""


def title_cased(words: list[str]) -> bool:
    """Most words capitalised: a string of headlines or a menu, not a sentence (prose
    capitalises names and the first word; a longer stop list alone lets headlines in)."""
    capitals = sum(word[:1].isupper() for word in words)
    return len(words) >= SHORT_PROSE_WORDS and capitals >= _TITLE_CASE_SHARE * len(words)


def reads_as_summary(text: str) -> bool:
    """Prose, as a teaser's summary is: enough words, enough stop words, not a headline."""
    words = WORD.findall(text)
    stops = sum(word.lower() in stop_words() for word in words)
    return (
        len(words) >= _TEASER_SUMMARY_WORDS
        and stops >= PROSE_DENSITY * len(words)
        and not title_cased(words)
    )


def stamp(text: str) -> bool:
    """A time stamp such as '2 hours ago' or '1:57 PM ET'."""
    return len(WORD.findall(text)) <= 6 and bool(_STAMP.match(text.strip()))
