"""Date phrases in prose: what they say, at the precision written, and how they are hedged.

`find_dates(sentence)` finds phrases such as "in April 2021", "in 2014 and 2015", "since
February", "last month" or "on Thursday"; each `DateMention.resolve(base)` turns one into a
start, an end and a qualifier. Absolute dates need nothing else; relative ones are resolved
against the publication date (`base`) when it is known, with dateparser doing the calendar work,
and stay unresolved when it is not (or when it is too coarse: "yesterday" needs a day).
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
        rf"(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bduring\s)|(?<=\bfrom\s)|(?<=\bearly\s)|(?<=\blate\s)|(?<=\bmid-)|(?<=\blast\s)|(?<=\bthis\s)|(?<=\bnext\s)|(?<=\bIn\s)|(?<=\bSince\s)|(?<=\bBy\s))(?P<month>{MONTH})\b(?!\s+\d)",
    ),
]
_COMPILED = [
    (kind, re.compile(rf"(?<![\w$£€-])(?:{_QUALIFIER}){_LEAD}(?P<phrase>{pattern})"))
    for kind, pattern in _PATTERNS
]
_RELATIVE_KINDS = ("ago", "offset", "season_rel", "day_rel", "weekday", "month_day", "month_only")
_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|plans? to|is expected to|are expected to|"
    r"is due to|are due to|is set to|are set to|next|upcoming|going to)\b",
    re.IGNORECASE,
)

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

    @property
    def relative(self) -> bool:
        return self.kind in _RELATIVE_KINDS

    def resolve(self, base: str | PartialDate | None = None) -> Resolved | None:
        """Start/end/qualifier; None when the phrase needs a (finer) publication date."""
        base_date = _as_partial(base)
        parts = dict(self.parts)
        if self.relative:
            found = _resolve_relative(self.kind, parts, base_date, self.future)
        else:
            found = _resolve_absolute(self.kind, parts)
        if found is None:
            return None
        start, end = found
        return Resolved(start, end if end != start else "", self.qualifier)


def find_dates(text: str) -> list[DateMention]:
    """Date phrases in `text`, left to right, never overlapping; the longest pattern wins."""
    if len(text) > MAX_TEXT_CHARS:
        return [mention for start, piece in _pieces(text) for mention in _shifted(piece, start)]
    return _find_dates(text)


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
        for m in _find_dates(piece)
    ]


def _find_dates(text: str) -> list[DateMention]:
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    future = bool(_FUTURE.search(text))
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text):
            begin, end = match.span()
            if any(begin < e and s < end for s, e in taken) or _not_a_date(kind, match, text):
                continue
            qualifier = _QUALIFIERS.get((match.group("qual") or "").lower(), "")
            which = (match.groupdict().get("which") or "").lower()
            if kind == "weekday" and which in _QUALIFIERS:
                qualifier = _QUALIFIERS[which]
            if kind == "month_only":
                qualifier = _preceding_qualifier(text, begin) or qualifier
            parts = tuple((k, v) for k, v in match.groupdict().items() if v and k != "qual")
            phrase = text[begin:end]
            found.append(DateMention(phrase, begin, end, kind, qualifier, parts, future))
            taken.append((begin, end))
    return sorted(found, key=lambda mention: mention.begin)


def _preceding_qualifier(text: str, begin: int) -> str:
    word = re.search(r"(\w+)\s+$", text[max(0, begin - _LOOK_BACK) : begin])
    return _QUALIFIERS.get(word.group(1).lower(), "") if word else ""


def _not_a_date(kind: str, match: re.Match, text: str) -> bool:
    if kind in ("year", "year_range") and _COUNT_NOUNS.match(text, match.end()):
        return True
    before = text[max(0, match.start() - _LOOK_BACK) : match.start()]
    if kind == "year" and re.search(r"[$£€#№]\s*$|\bNo\.?\s*$", before):
        return True
    if kind == "year_range" and match.group("year2") and len(match.group("year2")) == 2:
        return int(match.group("year2")) < int(match.group("year")[2:])
    return False


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
    return ""


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


def _resolve_relative(kind, parts, base: PartialDate | None, future: bool):
    if base is None:
        return None
    if kind == "offset":
        return _offset(parts["which"].lower(), parts["unit"].lower(), base)
    if kind == "season_rel":
        return _season_relative(parts["which"].lower(), parts["season"].lower(), base)
    if kind == "month_only":
        month = _month(parts["month"])
        if base.month is None:
            return str(base.year) + f"-{month:02d}", str(base.year) + f"-{month:02d}"
        phrase = calendar.month_name[month]
        return _same(_dateparser(phrase, base, "future" if future else "past", "month"))
    if kind == "month_day":
        phrase = f"{calendar.month_name[_month(parts['month'])]} {parts['day']}"
        prefer = "future" if future else "past"
        return _same(_dateparser(phrase, base, prefer, "day")) if base.month else None
    if base.day is None:  # yesterday, on Thursday, three days ago: a day is needed
        return _coarse(kind, parts, base)
    phrase = _relative_phrase(kind, parts)
    return _same(_dateparser(phrase, base, "future" if future else "past", "day"))


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
    if kind == "day_rel":
        return parts["word"].lower()
    which = (parts.get("which") or "on").lower()
    prefix = "" if which in ("on", "since", "until", "by", "before", "after") else f"{which} "
    return f"{prefix}{parts['weekday']}"


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
