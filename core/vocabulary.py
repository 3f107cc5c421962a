"""The bundle's vocabulary, defined once: kinds, statuses, qualifiers, review states, panels,
ids and the columns of each file.

The validator, the markup, the timeline, the URL parser and the drafting engine all read
these names from here, so a new kind or status is added in one place.
"""

from __future__ import annotations

import re

# Lowercase-kebab ids and slugs, e.g. 'ali-khamenei'; never a path.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_CHARS = 64

# In the order the sidebar lists actors who belong to no camp. A country stands for its state
# or government; a place is somewhere things happen ("a summit in Tehran").
ACTOR_KINDS = ("country", "bloc", "organisation", "person", "media", "agreement", "place")
EVENT_STATUSES = ("confirmed", "alleged", "denied", "disputed")
# How a date is hedged: "about 2014", "before July", "after the summit", "since February",
# "until 2015". Empty means the date is meant as written.
DATE_QUALIFIERS = ("about", "before", "after", "since", "until")
# Where an event comes from: the article, a teaser ("teaser:<id>"), or background the text
# does not state (which then needs a public reference).
ARTICLE_SOURCE, CONTEXT_SOURCE = "article", "context"
EVENT_SOURCES = (ARTICLE_SOURCE, CONTEXT_SOURCE)
TEASER_SOURCE_PREFIX = "teaser:"
NOTE_KINDS = ("correction", "context", "update")
# A drafted row is a suggestion until a person confirms it; no `review` cell means confirmed,
# so bundles written by hand need no such column.
SUGGESTED, CONFIRMED = "suggested", "confirmed"
REVIEW_STATES = (SUGGESTED, CONFIRMED)

# "class": the wall of the class taking part (only offered while a class is in the view).
PANELS = ("reader", "camps", "questions", "glossary", "notes", "handout", "class")

# The files of a bundle and their columns. `review` is optional in every table that has it.
REVIEW_COLUMN = "review"
GROUP_COLUMNS = ("id", "label", "description", "evidence")
ACTOR_COLUMNS = ("id", "name", "kind", "role", "group", "aliases", "description", "evidence")
EVENT_COLUMNS = (
    "id",
    "start",
    "end",
    "qualifier",
    "title",
    "summary",
    "lane",
    "actors",
    "status",
    "evidence",
    "source",
    "reference",
)
TEASER_COLUMNS = ("id", "kicker", "title", "summary", "date", "image_caption", "image_credit")
GLOSSARY_COLUMNS = ("term", "aliases", "definition", "reference")
NOTE_COLUMNS = ("id", "quote", "kind", "note", "reference")
ARTICLE_FILE, SOURCE_FILE = "article.md", "source.txt"
GROUPS_FILE, ACTORS_FILE, EVENTS_FILE, TEASERS_FILE = (
    "groups.csv",
    "actors.csv",
    "events.csv",
    "teasers.csv",
)
QUESTIONS_FILE, GLOSSARY_FILE, NOTES_FILE = "questions.md", "glossary.csv", "notes.csv"
BUNDLE_FILES = (ARTICLE_FILE, SOURCE_FILE, GROUPS_FILE, ACTORS_FILE, EVENTS_FILE, TEASERS_FILE)
CLASSROOM_FILES = (QUESTIONS_FILE, GLOSSARY_FILE, NOTES_FILE)
# A CSV cell starting with one of these is run as a formula by a spreadsheet (OWASP's
# CSV-injection rule): the validator warns about one, drafting and downloads never write one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A drafted bundle keeps the page it was drafted from, for provenance (not read by the reader).
ORIGINAL_PAGE_FILE = "original.html"


# Names Windows keeps for devices: a folder called `con` or `nul` cannot be made or copied
# there, so a bundle never takes one as its name (a bundle folder travels as a zip).
RESERVED_SLUGS = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))]
)


SLUG_RULE = (
    "lowercase letters, digits and single hyphens (e.g. 'iran-russia'), and not a name Windows "
    "keeps for a device (con, prn, aux, nul, com1…, lpt1…)"
)


def is_valid_slug(value: object) -> bool:
    """True for a bundle's name: a valid id that is no device name Windows reserves."""
    return is_valid_id(value) and value not in RESERVED_SLUGS


def is_valid_id(value: object) -> bool:
    """True for lowercase-kebab names such as 'iran-russia'; never for paths."""
    if not isinstance(value, str) or len(value) > MAX_ID_CHARS:
        return False
    return bool(ID_PATTERN.fullmatch(value))


# A class taking part (storage/classes.py and the class's views): the words of its database.
# A class code is typed from a projector: no 0/O, no 1/I/L, which read alike.
CLASS_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CLASS_CODE_CHARS = 7
# A seat's rejoin code, shown as "K7Q-2MX": enough to find one's seat again, guarded by the
# per-class limit on joins.
REJOIN_CODE_CHARS = 6
CLASS_DAYS_DEFAULT, CLASS_DAYS_MIN, CLASS_DAYS_MAX = 30, 1, 180
ANSWER, NOTE = "answer", "note"
RESPONSE_KINDS = (ANSWER, NOTE)
# Where a response stands: on the wall, waiting for the teacher (pre-moderation), hidden by the
# teacher (kept, not deleted), or held for review because it matched the teacher's word list.
VISIBLE, PENDING, HIDDEN, HELD = "visible", "pending", "hidden", "held"
RESPONSE_STATES = (VISIBLE, PENDING, HIDDEN, HELD)
# What a response is tagged with: the article's own actors and events, by id.
TAG_KINDS = ("actor", "event")
MAX_DISPLAY_NAME_CHARS = 24
MAX_RESPONSE_CHARS = 500
MAX_QUOTE_CHARS = 500
MAX_TAGS_PER_KIND = 20
MAX_WORD_LIST_ENTRIES = 200
# Limits counted in the database, so they hold across several app servers. A lecture hall
# of 250 may all join in the minute the code goes up; wrong rejoin codes are limited apart,
# so a rejoin code (31**6 of them) cannot be guessed in the life of a class.
POSTS_PER_SEAT_PER_MINUTE = 8
JOINS_PER_CLASS_PER_MINUTE = 300
SEATS_PER_CLASS = 250
WRONG_REJOINS_PER_CLASS_PER_MINUTE = 30
