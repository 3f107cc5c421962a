"""Date phrases in prose: what they say, at the precision written, and how they are hedged.

`find_dates(sentence)` finds phrases such as "in April 2021", "in 2014 and 2015", "since
February", "last month" or "on Thursday"; each `DateMention.resolve(base)` turns one into a
start, an end and a qualifier. Absolute dates need nothing else; relative ones are resolved
against the publication date (`base`) when it is known, and stay unresolved when it is not (or
when it is too coarse: "yesterday" needs a day). A date written without a year ("in October",
"on March 3", "on Tuesday") is the one at or before the publication date, unless its own
clause speaks of what is to come: tense comes from the clause the date belongs to (with
spaCy's parse, the verb it hangs on and that verb's auxiliaries: "will meet", "is expected to
meet", "plans to meet"; "the upcoming summit"), never from a cue elsewhere in the sentence.
"next Tuesday" is after the publication date, "last Tuesday" before it. `after_publication`
says when a date lands after the publication date anyway, for the review to flag.
Durations ("40 years of experience", "for two weeks"), ages and weekdays used as adjectives
("Friday prayers") are not dates and are never matched.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from core.dates import PartialDate, parse_partial_date

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?"
    r"|Dec\.?)"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
SEASON = r"(?:spring|summer|autumn|fall|winter)"
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": None,
}

# A qualifier word right before the phrase: how the date is hedged.
_QUALIFIERS = {
    "since": "since",
    "until": "until",
    "till": "until",
    "through": "until",
    "before": "before",
    "prior to": "before",
    "by": "before",
    "after": "after",
    "following": "after",
    "about": "about",
    "around": "about",
    "circa": "about",
    "c.": "about",
    "approximately": "about",
    "roughly": "about",
}
_QUALIFIER = r"(?i:(?P<qual>since|until|till|through|before|prior to|by|after|following|about|around|circa|c\.|approximately|roughly)\s+)?"  # noqa: E501
# Bounded: an unbounded run of lead words ("the the the …") made every date pattern try every
# length of it at every position (seconds to minutes for a few thousand words).
_LEAD = r"(?i:(?:in|on|of|from|during|between|early|late|mid-?|the)\s+){0,3}"
# The finder reads at most this much at once; a longer "sentence" (a page with no full
# stops) is read in pieces cut at a space, so its cost grows with its length.
MAX_TEXT_CHARS = 2000
# How far back a hint before a date is looked for ('$', 'No.', a qualifier word).
_LOOK_BACK = 40

# Quantities: a year-like number followed by one of these is a count, not a year.
_COUNT_NOUNS = re.compile(
    r"\s*(?:%|per ?cent|percent|people|persons|troops|soldiers|km|kilomet|miles|metres|meters|"
    r"tonnes|tons|units|dollars|euros|pounds|members|votes|cases|deaths|casualties|workers|"
    r"students|feet|ft|kg|barrels|acres|hectares|jobs|homes|residents|[a-z]+-year-old)\b",
    re.IGNORECASE,
)

_PATTERNS = [
    # 28 October 2023 / 28th of October, 2023
    (
        "day",
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH}),?\s+(?P<year>{YEAR})\b",
    ),
    # October 30, 2024
    ("day", rf"(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{YEAR})\b"),
    ("day", r"(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)\b"),
    # between March and May 2022
    (
        "month_range",
        rf"(?P<month>{MONTH})\s+(?:and|to|through|until|-|–)\s+(?P<month2>{MONTH}),?\s+(?P<year>{YEAR})\b",
    ),
    ("month", rf"(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR})\b"),
    # summer 2022 / the summer of 2022
    ("season", rf"(?P<season>{SEASON})\s+(?:of\s+)?(?P<year>{YEAR})\b"),
    # between 2011-12 and 2017-18: from the first season's start to the last one's end
    (
        "year_range",
        rf"(?P<year>{YEAR})[-–/]\d\d\s*(?:and|to|through|until|–|—)\s*(?:19|20)\d\d[-–/](?P<year2>\d\d)\b",
    ),
    # 2014 and 2015 / 2014-15 / 2014 to 2016
    (
        "year_range",
        rf"(?P<year>{YEAR})\s*(?:and|to|through|until|-|–|—)\s*(?P<year2>{YEAR}|\d\d)\b(?!\s*-?\s*(?:year|day|month))",
    ),
    ("decade", r"(?P<decade>(?:1[5-9]|20)\d0)s\b"),
    ("year", rf"(?P<year>{YEAR})\b(?![-–]\w|,\d|\.\d)"),
    # relative ones: the publication date is needed
    (
        "ago",
        r"(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week|month|year)s?\s+ago\b",
    ),
    (
        "offset",
        r"(?i:(?P<which>last|this|next|earlier this|later this|past))\s+"
        r"(?P<unit>week|month|year)\b",
    ),
    (
        "season_rel",
        rf"(?i:(?P<which>last|this|next|earlier this|later this))\s+(?P<season>{SEASON})\b",
    ),
    ("day_rel", r"(?i:(?P<word>yesterday|today|tomorrow))\b"),
    (
        "weekday",
        rf"(?i:(?P<which>on|last|this|next|since|until|by|before|after))\s+(?P<weekday>{WEEKDAY})\b(?!\s+(?:prayers?|sermons?|services?|market|night\s+lights))",
    ),
    ("weekday", rf"(?P<weekday>{WEEKDAY})(?:’s|'s)\s"),
    ("month_day", rf"(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d)"),
    # a month named alone needs a preposition: "in July", "since February", never "May"
    (
        "month_only",
        rf"(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bduring\s)|(?<=\bfrom\s)|(?<=\bearly\s)|(?<=\blate\s)|(?<=\bmid-)|(?<=\blast\s)|(?<=\bthis\s)|(?<=\bnext\s)|(?<=\bIn\s)|(?<=\bSince\s)|(?<=\bBy\s)|(?<=\bThis\s)|(?<=\bNext\s)|(?<=\bLast\s))(?P<month>{MONTH})\b(?!\s+\d)",
    ),
]
_COMPILED = [
    (kind, re.compile(rf"(?<![\w$£€-])(?:{_QUALIFIER}){_LEAD}(?P<phrase>{pattern})"))
    for kind, pattern in _PATTERNS
]
_RELATIVE_KINDS = ("ago", "offset", "season_rel", "day_rel", "weekday", "month_day", "month_only")
# Without a parse: a future cue inside the date's own clause (what lies between the clause
# breaks around it) makes it a date to come.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won[’']t|[’']ll|is to|are to|plans? to|(?:is|are) (?:expected|due|set|"
    r"scheduled|going) to|upcoming|forthcoming)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[,;:—–()]|\b(?:but|while|whereas|although|though|because|after|before|when|which|who"
    r"|that)\b",
    re.IGNORECASE,
)
# With a parse: the auxiliaries of a future tense, the words that govern an infinitive about
# what is to come ("plans to", "is expected to", "is due to", "a plan to"), and the words that
# mark a noun as something to come ("the upcoming summit in October").
_FUTURE_AUXILIARIES = frozenset(["will", "shall", "'ll", "’ll", "wo"])
_FUTURE_GOVERNORS = frozenset(
    ["plan", "expect", "due", "set", "schedule", "intend", "aim", "go", "prepare", "propose",
     "promise", "vow", "pledge", "hope", "want", "seek", "agree", "decide", "need", "have",
     "be", "likely", "poised", "ready", "about", "bound"]
)  # fmt: skip
_TO_COME = frozenset(
    ["upcoming", "forthcoming", "coming", "planned", "scheduled", "proposed", "next", "future"]
)
_PRESENT_TAGS = frozenset(["VBZ", "VBP", "VB", "MD"])

_STATUS_HINTS = (
    (
        "denied",
        re.compile(
            r"\b(?:den(?:y|ies|ied|ying)|rejected (?:the |such )?(?:claims?|reports?"
            r"|allegations?)|dismissed (?:the |such )?(?:claims?|reports?|"
            r"allegations?))\b",
            re.IGNORECASE,
        ),
    ),
    ("disputed", re.compile(r"\b(?:disputed?|contested|contests)\b", re.IGNORECASE)),
    (
        "alleged",
        re.compile(
            r"\b(?:alleged(?:ly)?|alleges?|reportedly|reported to|is said to|"
            r"are said to|were said to|was said to|purportedly|rumou?red|"
            r"unconfirmed|unverified|claim(?:s|ed)? that|according to "
            r"(?:unconfirmed )?reports)\b",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True)
class Resolved:
    """Where a date phrase lands: start and end at the precision written, and a qualifier."""

    start: str
    end: str = ""
    qualifier: str = ""


@dataclass(frozen=True)
class DateMention:
    """A date phrase found in a sentence; `relative` ones need the publication date."""

    phrase: str
    begin: int
    end: int
    kind: str
    qualifier: str
    parts: tuple[tuple[str, str], ...]  # the pattern's named groups, for resolving
    future: bool = False
    # Without a year, the occurrence nearest the publication date: the date belongs to a named
    # happening ('the Oscars on Feb. 9') or a clause that may be either ('might happen').
    nearest: bool = False

    @property
    def relative(self) -> bool:
        return self.kind in _RELATIVE_KINDS

    def resolve(self, base: str | PartialDate | None = None) -> Resolved | None:
        """Start/end/qualifier; None when the phrase needs a (finer) publication date."""
        base_date = _as_partial(base)
        parts = dict(self.parts)
        if self.relative:
            found = _resolve_relative(self.kind, parts, base_date, self.future, self.nearest)
        else:
            found = _resolve_absolute(self.kind, parts)
        if found is None:
            return None
        start, end = found
        return Resolved(start, end if end != start else "", self.qualifier)


def find_dates(sentence) -> list[DateMention]:
    """Date phrases in a sentence, left to right, never overlapping; the longest pattern wins.

    `sentence` is a string, or spaCy's parse of it (a Span or Doc): with the parse, a date's
    tense is its clause's (`future_clause`); without, a future cue in its clause says so.
    A text longer than MAX_TEXT_CHARS is read in pieces (without its parse), so the cost
    stays in proportion to its length.
    """
    text = sentence if isinstance(sentence, str) else sentence.text
    if len(text) > MAX_TEXT_CHARS:
        return [mention for start, piece in _pieces(text) for mention in _shifted(piece, start)]
    return _find_dates(text, None if isinstance(sentence, str) else sentence)


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of a long text, each at most MAX_TEXT_CHARS, cut after a space."""
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + MAX_TEXT_CHARS)
        if end < len(text):
            space = text.rfind(" ", start + MAX_TEXT_CHARS // 2, end)
            end = space + 1 if space > 0 else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _shifted(piece: str, offset: int) -> list[DateMention]:
    return [
        dataclasses.replace(m, begin=m.begin + offset, end=m.end + offset)
        for m in _find_dates(piece, None)
    ]


def _find_dates(text: str, parsed) -> list[DateMention]:
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text):
            begin, end = match.span()
            if any(begin < e and s < end for s, e in taken) or _not_a_date(kind, match, text):
                continue
            qualifier = _QUALIFIERS.get((match.group("qual") or "").lower(), "")
            which = (match.groupdict().get("which") or "").lower()
            if kind == "weekday" and which in _QUALIFIERS:
                qualifier = _QUALIFIERS[which]
            parts = tuple((k, v) for k, v in match.groupdict().items() if v and k != "qual")
            if kind == "month_only":
                qualifier = _preceding_qualifier(text, begin) or qualifier
                parts += _month_which(text, begin)
            phrase = text[begin:end]
            future = (
                future_clause(parsed, begin, end, until=qualifier == "until")
                if parsed is not None
                else _future_cue(text, begin, end)
            )
            nearest = not future and parsed is not None and nearest_clause(parsed, begin, end)
            found.append(DateMention(phrase, begin, end, kind, qualifier, parts, future, nearest))
            taken.append((begin, end))
    return sorted(found, key=lambda mention: mention.begin)


def _month_which(text: str, begin: int) -> tuple[tuple[str, str], ...]:
    """'this April', 'next April', 'last April': which one, said by the word before."""
    word = re.search(r"\b(this|next|last)\s+$", text[max(0, begin - _LOOK_BACK) : begin], re.I)
    return (("which", word.group(1).lower()),) if word else ()


def _preceding_qualifier(text: str, begin: int) -> str:
    word = re.search(r"(\w+)\s+$", text[max(0, begin - _LOOK_BACK) : begin])
    return _QUALIFIERS.get(word.group(1).lower(), "") if word else ""


def _future_cue(text: str, begin: int, end: int) -> bool:
    """A future cue between the clause breaks around text[begin:end]."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, begin)]
    after = _CLAUSE_BREAK.search(text, end)
    clause = text[before[-1] if before else 0 : after.start() if after else len(text)]
    return bool(_FUTURE_CUE.search(clause))


def _date_tokens(sentence, begin: int, end: int):
    """The tokens of the date at sentence.text[begin:end], and the one they hang from (the
    first whose head lies outside the date); (empty, None) when no token falls inside."""
    offset = getattr(sentence, "start_char", 0)
    inside = [t for t in sentence if begin <= t.idx - offset < end]
    if not inside:
        return inside, None
    return inside, next((t for t in inside if t.head not in inside or t.head == t), inside[0])


def future_clause(sentence, begin: int, end: int, until: bool = False) -> bool:
    """True when the clause that the date at sentence.text[begin:end] belongs to speaks of
    what is to come: its verb has a future auxiliary ('will meet') or is in the plain present
    ('the boats arrive in June', what news says of a schedule), or is an infinitive that
    a present-tense plan, expectation or schedule governs ('plans to meet', 'is expected to
    meet', 'is due to meet', 'has a plan to meet'), or the date hangs on a noun marked as to
    come ('the upcoming summit in October'). `until`: the date ends a state that holds now
    ('has been adjourned until July'), so only a verb in the simple past keeps it in the past.
    `sentence` is spaCy's parse (a Span or Doc)."""
    inside, token = _date_tokens(sentence, begin, end)
    if token is None:
        return False
    direct = True  # the date hangs on the verb itself, not on a noun the verb governs
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX"):
            return _future_verb(token, 0, direct) or (until and not _simple_past(token))
        if any(child.lower_ in _TO_COME for child in token.children if child.dep_ == "amod"):
            return True
        if token.head == token:
            return False
        direct = direct and (token in inside or token.pos_ not in ("NOUN", "PROPN"))
        token = token.head
    return False


_MAX_CLIMB = 12
# Auxiliaries of a clause that may speak of the past or of what is to come.
_OPEN_MODALS = frozenset(["might", "may", "could", "would", "should", "must"])


def nearest_clause(sentence, begin: int, end: int) -> bool:
    """True when a date written without a year is best read as the one nearest the
    publication date: it belongs to a named happening rather than to its clause's verb ('the
    contenders at the Oscars on Feb. 9 were not nominated': the Oscars' date, not the
    nomination's), or its verb has a modal that may speak of either ('might happen').
    `sentence` is spaCy's parse (a Span or Doc)."""
    inside, token = _date_tokens(sentence, begin, end)
    if token is None:
        return False
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX"):
            modals = (c for c in token.children if c.dep_ == "aux")
            return any(m.lower_ in _OPEN_MODALS for m in modals)
        if token not in inside and token.pos_ in ("NOUN", "PROPN"):
            return token.pos_ == "PROPN" or _at_a_named_happening(token, inside)
        if token.head == token:
            return False
        token = token.head
    return False


def _at_a_named_happening(noun, inside) -> bool:
    """'the contenders at the Oscars on Feb. 9': the noun the date hangs on is placed at a
    happening with a name, whose date it is."""
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "at" or prep in inside:
            continue
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            named = place.pos_ == "PROPN" or any(
                c.dep_ == "compound" and c.pos_ == "PROPN" for c in place.children
            )
            if named:
                return True
    return False


def _future_verb(verb, depth: int, direct: bool = False) -> bool:
    """A verb in a future tense, or an infinitive governed by something to come; with
    `direct` (the date is the verb's own), also a verb in the plain present."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUXILIARIES for a in auxiliaries):
        return True
    if depth > 3:
        return False
    if verb.head == verb:
        return direct and _present(verb, auxiliaries)
    if verb.dep_ == "advcl" and not auxiliaries and verb.tag_ in _PRESENT_TAGS:
        return _future_verb(verb.head, depth + 1)  # 'will address it when he travels on Sunday'
    infinitive = any(a.lower_ == "to" for a in auxiliaries)
    if not infinitive:
        return direct and _present(verb, auxiliaries)
    governor = verb.head
    if governor.lemma_.lower() in _FUTURE_GOVERNORS:
        return _present_or_future(governor, depth)
    outer = _clause_verb(governor)  # 'will be the first to address': the outer clause's tense
    return outer is not None and _future_verb(outer, depth + 1)


def _present(verb, auxiliaries) -> bool:
    """A plain present ('arrive in June', 'is held on Tuesday', 'is meeting on Tuesday'): in
    news, with a date, what is scheduled; a present perfect ('has met') is the past."""
    if any(a.lemma_.lower() == "have" for a in auxiliaries):
        return False
    tags = [a.tag_ for a in auxiliaries if a.lower_ != "to"] or [verb.tag_]
    return tags[0] in ("VBZ", "VBP")


def _simple_past(verb) -> bool:
    """'lasted', 'was adjourned', 'did not last': the verb or its auxiliary in the past."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    tags = [a.tag_ for a in auxiliaries] or [verb.tag_]
    return tags[0] == "VBD"


def _clause_verb(token):
    """The nearest verb at or above `token`."""
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head == token:
            return None
        token = token.head
    return None


def _present_or_future(word, depth: int) -> bool:
    """The clause around `word` (a verb, or the noun or adjective of 'a plan to', 'due to')
    is in the present or the future, not the past ('plans to' but not 'planned to')."""
    for _ in range(_MAX_CLIMB):
        if word.pos_ in ("VERB", "AUX"):
            if _future_verb(word, depth + 1):
                return True
            auxiliaries = [c for c in word.children if c.dep_ in ("aux", "auxpass")]
            tags = [word.tag_, *(a.tag_ for a in auxiliaries)]
            if "VBD" in tags:
                return False
            if any(tag in _PRESENT_TAGS for tag in tags):
                return True
        if word.head == word:
            return False
        word = word.head
    return False


def after_publication(start: str, published: str) -> bool:
    """True when every day a date (YYYY, YYYY-MM, YYYY-MM-DD) can mean comes after every day
    the publication date can mean: the review shows it as "⚠ after the publication date",
    never as checked. False when either is empty or not a date."""
    try:
        first, base = parse_partial_date(start), parse_partial_date(published)
    except ValueError:
        return False
    return first.first_day() > base.last_day()


def _not_a_date(kind: str, match: re.Match, text: str) -> bool:
    if kind in ("year", "year_range") and _COUNT_NOUNS.match(text, match.end()):
        return True
    before = text[max(0, match.start() - _LOOK_BACK) : match.start()]
    if kind == "year" and re.search(r"[$£€#№]\s*$|\bNo\.?\s*$", before):
        return True
    if kind == "year" and _QUOTED_TITLE.match(text[max(0, match.start() - 1) : match.end() + 3]):
        return True  # the film “1917,”: a title, the year alone between quotation marks
    if kind == "year_range" and match.group("year2") and len(match.group("year2")) == 2:
        return int(match.group("year2")) < int(match.group("year")[2:])
    return False


_QUOTED_TITLE = re.compile(r"[“\"‘']\d{4}[,.]?[”\"’']")


def status_hint(sentence: str) -> str:
    """'denied', 'disputed' or 'alleged' when the sentence hedges so; else 'confirmed'."""
    for status, pattern in _STATUS_HINTS:
        if pattern.search(sentence):
            return status
    return "confirmed"


def find_published_date(line: str) -> str:
    """The absolute date a short line states ('Published 5 September 2022'), as YYYY-MM-DD,
    YYYY-MM or YYYY; '' when the line states none or is an 'Updated' stamp."""
    if re.match(r"\s*(?:updated|modified|last updated)\b", line, re.IGNORECASE):
        return ""
    for mention in find_dates(line):
        if mention.kind in ("day", "month") and (resolved := mention.resolve(None)):
            return resolved.start
    dotted = _DOTTED_DATE.search(line)
    if dotted:
        day, month, year = (int(part) for part in dotted.groups())
        return _iso(year, month, day) or ""
    return ""


# '30.01.2019': day, month and year, as dates are written with dots (never month first).
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")


# --- resolving ---------------------------------------------------------------------------------


def _as_partial(base) -> PartialDate | None:
    if base is None or base == "":
        return None
    if isinstance(base, PartialDate):
        return base
    return parse_partial_date(str(base))


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day).iso()


def _resolve_absolute(kind: str, parts: dict) -> tuple[str, str] | None:
    year = int(parts["year"]) if "year" in parts else None
    if kind == "day":
        start = _iso(year, _month_number(parts["month"]), int(parts["day"]))
        return (start, start) if start else None
    if kind == "month":
        start = _iso(year, _month(parts["month"]))
        return start, start
    if kind == "month_range":
        return _iso(year, _month(parts["month"])), _iso(year, _month(parts["month2"]))
    if kind == "season":
        return _season(parts["season"], year)
    if kind == "year_range":
        second = parts["year2"]
        end_year = int(second) if len(second) == 4 else int(parts["year"][:2] + second)
        return (str(year), str(end_year)) if end_year >= year else None
    if kind == "decade":
        decade = int(parts["decade"])
        return str(decade), str(decade + 9)
    return str(year), str(year)


def _month_number(value: str) -> int:
    return int(value) if value.isdigit() else _month(value)


def _season(season: str, year: int) -> tuple[str, str]:
    if season.lower() == "winter":  # December to February, named by the year it starts
        return f"{year:04d}-12", f"{year + 1:04d}-02"
    first, last = _SEASON_MONTHS[season.lower()]
    return f"{year:04d}-{first:02d}", f"{year:04d}-{last:02d}"


def _resolve_relative(kind, parts, base: PartialDate | None, future: bool, nearest: bool):
    if base is None:
        return None
    if kind == "offset":
        return _offset(parts["which"].lower(), parts["unit"].lower(), base)
    if kind == "season_rel":
        return _season_relative(parts["which"].lower(), parts["season"].lower(), base)
    if kind == "month_only":
        month, which = _month(parts["month"]), parts.get("which", "")
        if nearest and not which and base.month is not None:
            return _same(_nearest(base, month))
        return _same(_month_without_year(month, which, base, future))
    if kind == "month_day":
        month, day = _month(parts["month"]), int(parts["day"])
        if nearest and base.month is not None:
            return _same(_nearest(base, month, day))
        return _same(_day_without_year(month, day, base, future))
    if base.day is None:  # yesterday, on Thursday, three days ago: a day is needed
        return _coarse(kind, parts, base)
    if kind == "weekday":
        return _same(_weekday(parts, base.first_day(), future))
    phrase = _relative_phrase(kind, parts)
    when = _dateparser(phrase, base, "future" if future else "past", "day")
    if when and kind == "ago":  # '30 years ago' names a year, not a day of it
        when = when[: {"year": 4, "month": 7}.get(parts["unit"].lower(), 10)]
    return _same(when)


def _month_without_year(month: int, which: str, base: PartialDate, future: bool) -> str:
    """'in October': the last October at or before the publication date, or with a clause
    about what is to come the first at or after it (the same year when only that is known);
    'this October' is the publication year's, 'next' and 'last' the ones after and before."""
    year = base.year
    if base.month is not None and which != "this":
        if which == "next" or (future and which != "last"):
            year += month < base.month or (which == "next" and month == base.month)
        else:
            year -= month > base.month or (which == "last" and month == base.month)
    return f"{year:04d}-{month:02d}"


def _nearest(base: PartialDate, month: int, day: int | None = None) -> str | None:
    """The month (or month and day) nearest the publication date: the one before it, the
    one after it or its own year's, whichever is closest."""
    anchor = base.first_day() if base.day is not None else dt.date(base.year, base.month, 15)
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(dt.date(year, month, day or 15))
        except ValueError:
            continue
    if not candidates:
        return None
    best = min(candidates, key=lambda when: abs((when - anchor).days))
    return _iso(best.year, month, day)


def _day_without_year(month: int, day: int, base: PartialDate, future: bool) -> str | None:
    """'on March 3': the last such day at or before the publication date, or the first at or
    after it; a publication month alone leaves its own month either way."""
    if base.month is None:
        return None
    known = (base.month, base.day) if base.day is not None else None
    year = base.year
    if future and (month, day) < (known or (base.month, 1)):
        year += 1
    elif not future and (month, day) > (known or (base.month, 31)):
        year -= 1
    return _iso(year, month, day) or _iso(year - 1 if not future else year + 1, month, day)


_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}


def _weekday(parts: dict, published: dt.date, future: bool) -> str:
    """'on Tuesday' in news: the most recent Tuesday at or before the publication day, or,
    in a clause about what is to come, the first at or after it; 'next Tuesday' is after
    it and 'last Tuesday' before it."""
    target = _WEEKDAYS[parts["weekday"].lower()]
    which = (parts.get("which") or "on").lower()
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if which == "next":
        delta = ahead or 7
    elif which == "last":
        delta = -(back or 7)
    else:
        delta = ahead if future else -back
    return (published + dt.timedelta(days=delta)).isoformat()


def _same(value: str | None):
    return (value, value) if value else None


def _offset(which: str, unit: str, base: PartialDate):
    step = {"last": -1, "past": -1, "this": 0, "earlier this": 0, "later this": 0, "next": 1}
    delta = step[which]
    if unit == "year":
        year = str(base.year + delta)
        return year, year
    if unit == "month" and base.month is not None:
        year, month = divmod(base.year * 12 + base.month - 1 + delta, 12)
        value = f"{year:04d}-{month + 1:02d}"
        return value, value
    if unit == "week" and base.day is not None:
        day = base.first_day() + dt.timedelta(weeks=delta)
        monday = day - dt.timedelta(days=day.weekday())
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    return None


def _season_relative(which: str, season: str, base: PartialDate):
    year = base.year
    if which == "last":
        year -= 1 if base.month is None or base.month <= _season_end(season) else 0
    elif which == "next":
        year += 1 if base.month is None or base.month >= _season_start(season) else 0
    return _season(season, year)


def _season_start(season: str) -> int:
    return 12 if season == "winter" else _SEASON_MONTHS[season][0]


def _season_end(season: str) -> int:
    return 2 if season == "winter" else _SEASON_MONTHS[season][1]


def _coarse(kind: str, parts: dict, base: PartialDate):
    """'today' or 'this week' against a month or year: only that much is known."""
    if kind == "day_rel" and parts.get("word", "").lower() == "today":
        return base.iso(), base.iso()
    return None


def _relative_phrase(kind: str, parts: dict) -> str:
    if kind == "ago":
        count = parts["count"].lower()
        number = _NUMBER_WORDS.get(count, count)
        return f"{number} {parts['unit']}s ago"
    return parts["word"].lower()  # day_rel: yesterday, today, tomorrow


@lru_cache(maxsize=512)
def _dateparser(phrase: str, base: PartialDate, prefer: str, precision: str) -> str | None:
    """Resolve a relative phrase against `base` with dateparser, at `precision`.

    The anchor is the last day `base` can mean, so "in July" written in September 2022 is
    July 2022 and "yesterday" written on 2022-09-05 is 2022-09-04.
    """
    anchor = dt.datetime.combine(base.last_day(), dt.time(12))
    parsed = _parser(prefer, anchor).get_date_data(phrase)
    if parsed is None or parsed.date_obj is None:
        return None
    day = parsed.date_obj.date()
    return f"{day.year:04d}-{day.month:02d}" if precision == "month" else day.isoformat()


@lru_cache(maxsize=64)
def _parser(prefer: str, anchor: dt.datetime):
    from dateparser.date import DateDataParser  # heavy, only when needed

    settings = {
        "PREFER_DATES_FROM": prefer,
        "RELATIVE_BASE": anchor,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en"], settings=settings)
