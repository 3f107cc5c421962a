"""Row-by-row checks that turn bundle tables into dataclasses, reporting every problem."""

from __future__ import annotations

import re

from core import model
from core.dates import PartialDate, parse_partial_date
from core.files import Row, describe_value
from core.problems import (
    CHOICE,
    DATE,
    IDENT,
    ORDER,
    PHRASE,
    QUOTE,
    REFERENCE,
    REQUIRED,
    SHARED_ALIAS,
    Problem,
)
from core.text import SearchableText, fold_whitespace, split_ids
from core.vocabulary import (
    ACTOR_KINDS,
    ACTORS_FILE,
    ARTICLE_FILE,
    CONFIRMED,
    DATE_QUALIFIERS,
    EVENT_SOURCES,
    EVENT_STATUSES,
    EVENTS_FILE,
    GROUPS_FILE,
    REVIEW_COLUMN,
    REVIEW_STATES,
    TEASER_SOURCE_PREFIX,
    TEASERS_FILE,
    is_valid_id,
)

DATE_META = ("published", "written")  # partial dates, YYYY, YYYY-MM or YYYY-MM-DD
FRONT_MATTER = tuple(
    name for name in model.ArticleMeta.__dataclass_fields__ if name not in (*DATE_META, "draft")
) + (*DATE_META, "draft")
VERBATIM_META = ("title", "dek", "section", "republication_credit", "image_caption", "image_credit")
_WORD_START = re.compile(r"\w")


class RowChecker:
    """Collects the problems of one row, naming file, line and field each time."""

    def __init__(self, file: str, row: Row, problems: list[Problem]):
        self.file, self.row, self.problems = file, row, problems
        self.ok = True

    def fail(
        self, field: str, value: str, expected: str, severity: str = "error", rule: str = ""
    ) -> None:
        row = self.row.cells.get("id") or self.row.cells.get("term", "")
        self.problems.append(
            Problem(self.file, self.row.line, field, value, expected, severity, row, rule)
        )
        self.ok = self.ok and severity != "error"

    def text(self, field: str, required: bool = True) -> str:
        value = self.row.cells[field]
        if required and not value:
            self.fail(field, value, "a non-empty value", rule=REQUIRED)
        return value

    def choice(self, field: str, allowed: tuple[str, ...], blank_ok: bool = False) -> str:
        value = self.row.cells[field]
        if not (value in allowed or (blank_ok and not value)):
            valid = " | ".join(allowed) + (" or empty" if blank_ok else "")
            self.fail(field, value, f"one of {valid}", rule=CHOICE)
        return value

    def date(self, field: str, required: bool = True) -> PartialDate | None:
        value = self.row.cells[field]
        if not value and not required:
            return None
        try:
            return parse_partial_date(value)
        except ValueError as error:
            expected = str(error).replace(f"not {value!r}", "").strip()
            self.fail(field, value, expected, rule=DATE)
            return None

    def review(self) -> str:
        """`suggested` or `confirmed`; an empty or absent cell means confirmed."""
        value = self.row.cells.get(REVIEW_COLUMN, "")
        return self.choice(REVIEW_COLUMN, REVIEW_STATES, blank_ok=True) if value else CONFIRMED

    def quote(self, field: str, searchable: SearchableText) -> str:
        """A required cell that must be a verbatim quote from the article or a teaser."""
        value = self.text(field)
        if value and not searchable.has_quote(value):
            self.fail(field, value, "a verbatim quote from the article or a teaser", rule=QUOTE)
        return value

    def evidence(self, searchable: SearchableText) -> str:
        return self.quote("evidence", searchable)

    def phrase(self, field: str, value: str, searchable: SearchableText, severity: str) -> bool:
        """Check that `value` occurs as whole words in the article or a teaser."""
        if searchable.has_phrase(value):
            return True
        expected = "a word or phrase that occurs in the article or a teaser"
        self.fail(field, value, expected, severity, PHRASE)
        return False

    def ident(self, seen: set[str]) -> str:
        value = self.row.cells["id"]
        if not is_valid_id(value):
            expected = "lowercase letters, digits and single hyphens, e.g. 'ali-khamenei'"
            self.fail("id", value, expected, rule=IDENT)
        elif value in seen:
            self.fail("id", value, "an id not used by an earlier row", rule=IDENT)
        seen.add(value)
        return value


def front_matter(fields: dict, lines: dict, problems: list[Problem]) -> model.ArticleMeta | None:
    """Check front matter keys and values; every value must be plain text."""
    values: dict[str, str] = {}
    for key, value in fields.items():
        line = lines.get(str(key))
        if key not in FRONT_MATTER:
            expected = "one of " + ", ".join(FRONT_MATTER)
            problems.append(Problem(ARTICLE_FILE, line, "front matter key", str(key), expected))
        elif not isinstance(value, str):
            problems.append(Problem(ARTICLE_FILE, line, key, describe_value(value), "plain text"))
        else:
            values[key] = value.strip()
    if not values.get("title"):
        problems.append(Problem(ARTICLE_FILE, lines.get("title"), "title", "", "a non-empty title"))
        return None
    draft = _flag(values.pop("draft", ""), lines.get("draft"), problems)
    dates = {key: _meta_date(key, values.pop(key, ""), lines, problems) for key in DATE_META}
    return model.ArticleMeta(draft=draft, **dates, **values)


def _meta_date(key: str, value: str, lines: dict, problems: list[Problem]) -> PartialDate | None:
    try:
        return parse_partial_date(value) if value else None
    except ValueError as error:
        problems.append(Problem(ARTICLE_FILE, lines.get(key), key, value, str(error)))
        return None


def _flag(value: str, line: int | None, problems: list[Problem]) -> bool:
    """A yes/no front matter value: true/false (yes/no also read), empty meaning false."""
    flag = value.strip().lower()
    if flag not in ("", "true", "false", "yes", "no"):
        problems.append(Problem(ARTICLE_FILE, line, "draft", value, "true or false"))
    return flag in ("true", "yes")


def groups(
    rows: list[Row], searchable: SearchableText, problems: list[Problem]
) -> tuple[model.Group, ...]:
    seen: set[str] = set()
    valid = []
    for row in rows:
        check = RowChecker(GROUPS_FILE, row, problems)
        group = model.Group(
            check.ident(seen),
            check.text("label"),
            check.text("description", False),
            check.evidence(searchable),
            check.review(),
        )
        if check.ok:
            valid.append(group)
    return tuple(valid)


def actors(
    rows: list[Row], valid_groups, searchable: SearchableText, problems
) -> tuple[model.Actor, ...]:
    group_ids = tuple(group.id for group in valid_groups)
    seen: set[str] = set()
    alias_owner: dict[str, str] = {}
    valid = []
    for row in rows:
        check = RowChecker(ACTORS_FILE, row, problems)
        actor_id = check.ident(seen)
        actor = model.Actor(
            actor_id,
            check.text("name"),
            check.choice("kind", ACTOR_KINDS),
            check.text("role", False),
            check.choice("group", group_ids, blank_ok=True),
            _aliases(check, actor_id, alias_owner, searchable),
            check.text("description", False),
            check.evidence(searchable),
            check.review(),
        )
        if check.ok:
            valid.append(actor)
    return tuple(valid)


def _aliases(check: RowChecker, actor_id: str, owner: dict[str, str], searchable):
    aliases = split_ids(check.text("aliases"))
    for alias in aliases:
        if not _WORD_START.match(alias):
            check.fail("aliases", alias, "an alias that starts with a letter or digit", rule=PHRASE)
        elif alias in owner and owner[alias] != actor_id:
            expected = f"an alias of one actor only (also on {owner[alias]!r})"
            check.fail("aliases", alias, expected, rule=SHARED_ALIAS)
        else:
            check.phrase("aliases", alias, searchable, "warning")
        owner.setdefault(alias, actor_id)
    return aliases


def teasers(rows: list[Row], problems: list[Problem]) -> tuple[model.Teaser, ...]:
    seen: set[str] = set()
    valid = []
    for row in rows:
        check = RowChecker(TEASERS_FILE, row, problems)
        teaser = model.Teaser(
            check.ident(seen),
            check.text("kicker", False),
            check.text("title"),
            row.cells["summary"],
            check.date("date", required=False),
            check.text("image_caption", False),
            check.text("image_credit", False),
            check.review(),
        )
        if check.ok:
            valid.append(teaser)
    return tuple(valid)


def events(rows, valid_actors, valid_teasers, searchable, problems) -> tuple[model.Event, ...]:
    actor_ids = {actor.id for actor in valid_actors}
    sources = EVENT_SOURCES + tuple(f"{TEASER_SOURCE_PREFIX}{t.id}" for t in valid_teasers)
    seen: set[str] = set()
    valid = []
    for row in rows:
        check = RowChecker(EVENTS_FILE, row, problems)
        event = model.Event(
            check.ident(seen),
            check.date("start"),
            check.date("end", required=False),
            check.choice("qualifier", DATE_QUALIFIERS, blank_ok=True),
            check.text("title"),
            check.text("summary", False),
            check.text("lane"),
            _event_actors(check, actor_ids),
            check.choice("status", EVENT_STATUSES),
            check.evidence(searchable),
            check.choice("source", sources),
            check.text("reference", False),
            check.review(),
        )
        _event_dates_and_reference(check, event)
        if check.ok:
            valid.append(event)
    return tuple(valid)


def _event_actors(check: RowChecker, actor_ids: set[str]) -> tuple[str, ...]:
    ids = split_ids(check.row.cells["actors"])
    for actor_id in ids:
        if actor_id not in actor_ids:
            check.fail("actors", actor_id, "ids from actors.csv, separated by |", rule=REFERENCE)
    return ids


def _event_dates_and_reference(check: RowChecker, event: model.Event) -> None:
    if event.start and event.end and event.end.last_day() < event.start.first_day():
        expected = f"a date on or after start ({event.start.iso()})"
        check.fail("end", event.end.iso(), expected, rule=ORDER)
    if event.is_background and not event.reference:
        expected = "a public source (title and URL) for a context event"
        check.fail("reference", "", expected, rule=REQUIRED)


def against_source(meta, numbered, valid_teasers, source: str | None, problems) -> None:
    """Every paragraph, front matter quote and teaser text is copied from source.txt."""
    if source is None:
        return
    page = SearchableText.of([source])
    after = 0  # paragraphs come in the page's order: each is looked for after the one before,
    for line, paragraph in numbered:  # so a long article is read once, not once per paragraph
        found = page.position(paragraph, after)
        if found is None:
            found = page.position(paragraph)
        if found is None:
            expected = "text copied verbatim from source.txt"
            problems.append(Problem(ARTICLE_FILE, line, "paragraph", paragraph, expected))
        else:
            after = found + len(fold_whitespace(paragraph))
    for name in VERBATIM_META if meta is not None else ():
        value = fold_whitespace(getattr(meta, name))
        if value and not page.has_quote(value):
            problems.append(Problem(ARTICLE_FILE, None, name, value, "text found in source.txt"))
    for teaser in valid_teasers:
        parts = [("title", teaser.title), ("image_caption", teaser.image_caption)]
        parts += [("image_credit", teaser.image_credit)]
        parts += [("summary", paragraph) for paragraph in teaser.paragraphs]
        for name, value in parts:
            if value and not page.has_quote(value):
                expected = f"text found in source.txt (teaser {teaser.id!r})"
                problems.append(Problem(TEASERS_FILE, None, name, value, expected))


def searchable_text(meta, paragraphs, valid_teasers) -> SearchableText:
    """Article and teasers: where evidence quotes must be found (model.quote_places)."""
    front = vars(meta) if meta is not None else {}
    places = model.quote_places(paragraphs, front, (teaser.texts for teaser in valid_teasers))
    return SearchableText.of(text for _, texts in places for text in texts)
