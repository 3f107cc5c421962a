"""An article being prepared: the engine's draft, the teacher's review of it, every edit.

Pure (no Streamlit): the Prepare page keeps one `Work` in its session and replaces it with the
result of these functions, in widget callbacks. A Work is the engine's `Draft` plus what only
a review adds: the role the teacher gave each block of the page, the name the bundle will be
published under, the step reached. Rows keep the engine's shape (dicts keyed by
core.vocabulary's columns plus `review`); a row is a suggestion until the teacher accepts it
or changes it, and `files(work)` is the bundle the reader opens.

The review tables are described here as plain records (`actor_table`, `event_table`,
`camp_table`) and their edits come back keyed by row id (`edit_actors`, `edit_events`,
`edit_camps`), so every rule (what counts as looked at, how a merge moves events, which
dates a new publication date may move) is tested without a browser.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from core.bundle import load_bundle_files
from core.checks import FRONT_MATTER
from core.dates import parse_partial_date
from core.files import read_table
from core.mentions import build_alias_index, find_mentions
from core.model import Bundle, PartialDate
from core.problems import BundleError, Problem
from core.text import SearchableText, fold_whitespace, split_ids
from core.vocabulary import (
    ACTOR_COLUMNS,
    ACTOR_KINDS,
    ACTORS_FILE,
    ARTICLE_FILE,
    CLASSROOM_FILES,
    CONFIRMED,
    DATE_QUALIFIERS,
    EVENT_COLUMNS,
    EVENT_STATUSES,
    EVENTS_FILE,
    GROUP_COLUMNS,
    GROUPS_FILE,
    ORIGINAL_PAGE_FILE,
    REVIEW_COLUMN,
    SOURCE_FILE,
    SUGGESTED,
    TEASER_COLUMNS,
    TEASERS_FILE,
)
from drafting import bundle_files as bundle_writer
from drafting.dates import DateMention
from drafting.draft import (
    ARTICLE_LANE,
    Draft,
    EventDate,
    draft_from_parts,
    formula_safe,
    page_parts,
    redate,
)
from drafting.names import slug as make_slug
from drafting.page import ARTICLE, DROP, TEASER, Block, Page
from drafting.source import DraftError

Progress = Callable[[str, str], None]
ROLES = (ARTICLE, TEASER, DROP)
STEPS = ("Source", "Paragraphs", "About", "Actors", "Events", "Camps", "Preview")
SOURCE, PARAGRAPHS, ABOUT, ACTORS, EVENTS, CAMPS, PREVIEW = range(1, len(STEPS) + 1)
SAVED_FORMAT = 1
_SENTENCE = re.compile(r"[^.!?…]*(?:[.!?…]+[\"'”’)\]]*|$)")
# What a date cell may hold as it is typed (empty, YYYY, YYYY-MM, YYYY-MM-DD).
DATE_PATTERN = r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?)?$"


@dataclass(frozen=True, eq=False)
class Work:
    """The engine's draft under review.

    `roles` are the teacher's choice for each of `blocks` (article, teaser or drop);
    `drafted_roles` the roles the draft's rows were found from, so a change of paragraphs
    can be drafted again. `extra_files` carries a bundle's own teacher's files (questions,
    glossary, notes) through an import untouched. Compared by identity: a new Work is made
    for every edit, and caches keyed on it cost nothing to look up.
    """

    draft: Draft
    blocks: tuple[Block, ...]
    roles: tuple[str, ...]
    drafted_roles: tuple[str, ...]
    source_name: str = ""
    slug: str = ""
    step: int = PARAGRAPHS
    published_as: str = ""
    extra_files: Mapping[str, bytes] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.draft.meta.get("title", "")

    @property
    def needs_redraft(self) -> bool:
        """The teacher changed which blocks are the article or its teasers."""
        return self.roles != self.drafted_roles


def begin(page: Page, draft: Draft, source_name: str = "") -> Work:
    """A fresh review of the engine's draft of `page`, at the paragraphs step."""
    roles = tuple(block.role for block in page.blocks)
    return Work(draft, page.blocks, roles, roles, source_name)


def _replace_draft(work: Work, **changes) -> Work:
    return dataclasses.replace(work, draft=dataclasses.replace(work.draft, **changes))


def at_step(work: Work, step: int) -> Work:
    return dataclasses.replace(work, step=min(max(step, SOURCE), PREVIEW))


# --- paragraphs ------------------------------------------------------------------------------


def with_role(work: Work, index: int, role: str) -> Work:
    """Keep block `index` as article text, as a teaser, or drop it."""
    if role not in ROLES or not 0 <= index < len(work.blocks):
        return work
    roles = list(work.roles)
    roles[index] = role
    return dataclasses.replace(work, roles=tuple(roles))


def redraft(work: Work, progress: Progress | None = None) -> Work:
    """Find names and dates again in the blocks the teacher kept.

    Rows the teacher accepted stay as they are; the engine's new suggestions are added
    beside them (a suggestion whose name an accepted row already has is left out), and
    the camps stay. Raises DraftError when no paragraph is kept.
    """
    meta, paragraphs, teasers = page_parts(_page(work))
    if not paragraphs:
        raise DraftError("No article text: keep at least one block as the article.")
    old = work.draft
    fresh = draft_from_parts(
        {**meta, **old.meta},
        paragraphs,
        teasers,
        old.published,
        source_text=old.source_text,
        original_html=old.original_html,
        progress=progress,
    )
    actors, same = _kept_and_new(old.actors, fresh.actors, _actor_names)
    events, _ = _kept_and_new(old.events, fresh.events, lambda row: {row["evidence"]})
    known = {row["id"] for row in actors}
    events = tuple(
        {**row, "actors": _only(_renamed_all(row["actors"], same), known)} for row in events
    )
    kept = {row["id"] for row in old.events if row[REVIEW_COLUMN] == CONFIRMED}
    dates = {k: v for k, v in fresh.event_dates.items() if k not in kept}
    dates.update((k, v) for k, v in old.event_dates.items() if k in kept)
    draft = dataclasses.replace(
        fresh,
        actors=actors,
        events=events,
        groups=old.groups,
        event_dates=MappingProxyType({r["id"]: dates[r["id"]] for r in events if r["id"] in dates}),
    )
    return dataclasses.replace(work, draft=draft, drafted_roles=work.roles)


def _page(work: Work) -> Page:
    """The page with the teacher's roles; a block newly called a teaser joins the teaser
    just above it, or starts a new one with itself as the headline."""
    blocks, next_group = [], max((b.group for b in work.blocks), default=0) + 1
    previous: Block | None = None
    for block, role in zip(work.blocks, work.roles, strict=True):
        if role == TEASER and block.role != TEASER:
            if previous is not None and previous.role == TEASER:
                block = dataclasses.replace(block, group=previous.group, part="summary")
            else:
                block = dataclasses.replace(block, group=next_group, part="title")
                next_group += 1
        block = dataclasses.replace(block, role=role)
        blocks.append(block)
        previous = block if role != DROP else previous
    draft = work.draft
    return Page(dict(draft.meta), tuple(blocks), draft.source_text, draft.original_html)


def _actor_names(row: dict) -> set[str]:
    return {fold_whitespace(row["name"]).casefold()} | {
        alias.casefold() for alias in split_ids(row["aliases"])
    }


def _kept_and_new(old: Iterable[dict], new: Iterable[dict], keys):
    """The accepted rows of `old`, then the rows of `new` they do not already hold; and
    which new ids an accepted row stands for (same id, or a name in common)."""
    kept = [row for row in old if row[REVIEW_COLUMN] == CONFIRMED]
    owner = {key: row["id"] for row in kept for key in keys(row)}
    ids = {row["id"] for row in kept}
    added, same = [], {}
    for row in new:
        shared = next((owner[key] for key in keys(row) if key in owner), None)
        if row["id"] in ids or shared:
            same[row["id"]] = shared or row["id"]
        else:
            added.append(row)
    return (*kept, *added), same


def _renamed_all(cell: str, same: Mapping[str, str]) -> str:
    return "|".join(dict.fromkeys(same.get(i, i) for i in split_ids(cell)))


def confirm_teasers(work: Work) -> Work:
    """The paragraphs step showed every teaser: the ones kept are the teacher's now."""
    teasers = tuple({**row, REVIEW_COLUMN: CONFIRMED} for row in work.draft.teasers)
    return _replace_draft(work, teasers=teasers)


# --- about the article -----------------------------------------------------------------------

ABOUT_FIELDS = ("title", "dek", "section", "publisher", "original_publisher", "byline")


def with_meta(work: Work, key: str, value: str) -> Work:
    """Change one front matter field (the publication date goes through `with_published`)."""
    if key not in FRONT_MATTER or key in ("published", "draft"):
        return work
    return _replace_draft(work, meta=MappingProxyType({**work.draft.meta, key: value.strip()}))


def with_published(work: Work, value: str) -> tuple[Work, int]:
    """A new publication date; relative dates are read again. Returns (work, events moved).

    Raises DraftError with a one-line reason for a date that is not YYYY, YYYY-MM or
    YYYY-MM-DD. Events whose dates the teacher typed keep them.
    """
    draft, moved = redate(work.draft, value)
    return dataclasses.replace(work, draft=draft), moved


def with_slug(work: Work, slug: str) -> Work:
    """The name the bundle will be published under (checked when it is published)."""
    return dataclasses.replace(work, slug=slug.strip().lower())


def published(work: Work, slug: str) -> Work:
    """Remember where the article was published (the drafts list says so)."""
    return dataclasses.replace(work, slug=slug, published_as=slug)


def default_slug(work: Work) -> str:
    """A bundle name from the title: lowercase words joined by hyphens."""
    return make_slug(work.title, set(), "article")


# --- where a quote or a name stands ----------------------------------------------------------


@dataclass(frozen=True)
class TextIndex:
    """The draft's texts with a label each (¶3, title, teaser 2), to say where a quote is."""

    labels: tuple[str, ...]
    texts: tuple[SearchableText, ...]
    paragraphs: tuple[str, ...]

    def place(self, quote: str) -> str:
        """Where `quote` stands verbatim: '¶3', 'title', 'teaser 2'; '' when nowhere."""
        for label, text in zip(self.labels, self.texts, strict=True):
            if text.has_quote(quote):
                return label
        return ""


@lru_cache(maxsize=8)
def text_index(work: Work) -> TextIndex:
    draft = work.draft
    labels, texts = [], []
    for number, paragraph in enumerate(draft.paragraphs, 1):
        labels.append(f"¶{number}")
        texts.append(paragraph)
    for key in ("title", "dek", "republication_credit", "image_caption", "image_credit"):
        labels.append(key.replace("_", " "))
        texts.append(draft.meta.get(key, ""))
    for number, teaser in enumerate(draft.teasers, 1):
        labels.append(f"teaser {number}")
        texts.append(
            "\n".join(teaser[k] for k in ("title", "summary", "image_caption", "image_credit"))
        )
    return TextIndex(
        tuple(labels), tuple(SearchableText.of([t]) for t in texts), tuple(draft.paragraphs)
    )


def found_label(index: TextIndex, quote: str) -> str:
    """The live check beside an evidence cell."""
    if not quote.strip():
        return "✗ no quote yet"
    place = index.place(quote)
    return f"✓ found in {place}" if place else "✗ not found in the text"


@lru_cache(maxsize=8)
def mention_places(work: Work) -> dict[str, tuple[int, tuple[int, ...]]]:
    """Actor id → (mentions in the article, the paragraphs they are in): every alias found
    everywhere, as the reader finds them (longest alias first, whole words)."""
    index = build_alias_index(
        (alias, row["id"]) for row in work.draft.actors for alias in split_ids(row["aliases"])
    )
    counts: dict[str, int] = {}
    where: dict[str, list[int]] = {}
    for number, paragraph in enumerate(work.draft.paragraphs, 1):
        for span in find_mentions(fold_whitespace(paragraph), index):
            counts[span.key] = counts.get(span.key, 0) + 1
            places = where.setdefault(span.key, [])
            if not places or places[-1] != number:
                places.append(number)
    return {key: (counts[key], tuple(where[key])) for key in counts}


def mentions_label(places: tuple[int, tuple[int, ...]] | None) -> str:
    if not places:
        return "not in the article"
    count, paragraphs = places
    shown = ", ".join(f"¶{n}" for n in paragraphs[:8]) + (" …" if len(paragraphs) > 8 else "")
    return f"{count} × in {shown}"


def first_sentence_with(work: Work, phrase: str) -> str:
    """The first sentence of the article (or a teaser) that holds `phrase`, as evidence."""
    pattern = re.compile(rf"(?<!\w){re.escape(phrase.strip())}(?!\w)")
    texts = [*work.draft.paragraphs, *(t["summary"] for t in work.draft.teasers)]
    for text in (fold_whitespace(t) for t in texts):
        for sentence in _SENTENCE.findall(text):
            if phrase.strip() and pattern.search(sentence):
                return formula_safe(sentence.strip())
    return ""


# --- actors ----------------------------------------------------------------------------------

ACTOR_TABLE = ("accept", "name", "kind", "role", "camp", "aliases", "evidence", "found", "mentions")


def camp_labels(work: Work) -> dict[str, str]:
    """Camp id → the label shown (labels repeated across camps get their id added)."""
    labels: dict[str, str] = {}
    for row in work.draft.groups:
        label = row["label"] or row["id"]
        labels[row["id"]] = f"{label} ({row['id']})" if label in labels.values() else label
    return labels


def actor_table(work: Work) -> list[dict]:
    """One record per actor for the review table, keyed by ACTOR_TABLE plus 'id'."""
    index, places, camps = text_index(work), mention_places(work), camp_labels(work)
    return [
        {
            "id": row["id"],
            "accept": row[REVIEW_COLUMN] == CONFIRMED,
            "name": row["name"],
            "kind": row["kind"],
            "role": row["role"],
            "camp": camps.get(row["group"], ""),
            "aliases": list(split_ids(row["aliases"])),
            "evidence": row["evidence"],
            "found": found_label(index, row["evidence"]),
            "mentions": mentions_label(places.get(row["id"])),
        }
        for row in work.draft.actors
    ]


def edit_actors(work: Work, changes: Mapping[str, Mapping[str, object]]) -> Work:
    """Apply the table's edits, keyed by actor id then column (ACTOR_TABLE).

    A row whose name, kind, role, camp, aliases or evidence changes has been looked at and
    becomes the teacher's (accepted), unless the teacher set its tick themselves.
    """
    by_label = {label: camp for camp, label in camp_labels(work).items()}
    rows = []
    for row in work.draft.actors:
        change = changes.get(row["id"])
        if not change:
            rows.append(row)
            continue
        new = dict(row)
        for column, value in change.items():
            if column == "camp":
                new["group"] = by_label.get(_text(value), "")
            elif column == "aliases":
                new["aliases"] = "|".join(_aliases(value))
            elif column == "kind":
                new["kind"] = _text(value) if _text(value) in ACTOR_KINDS else row["kind"]
            elif column in ("name", "role", "evidence"):
                new[column] = formula_safe(fold_whitespace(_text(value)))
        rows.append(_reviewed(row, new, change))
    return _replace_draft(work, actors=tuple(rows))


def _reviewed(old: dict, new: dict, change: Mapping[str, object]) -> dict:
    """The tick decides when the teacher set it; otherwise a row whose content changed has
    been looked at, and is accepted."""
    if "accept" in change:
        new[REVIEW_COLUMN] = CONFIRMED if change["accept"] else SUGGESTED
    elif any(new[key] != old[key] for key in new if key != REVIEW_COLUMN):
        new[REVIEW_COLUMN] = CONFIRMED
    return new


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _aliases(value: object) -> list[str]:
    """Aliases from a list cell (or 'a | b' text): folded, non-empty, each once."""
    items = value if isinstance(value, list | tuple) else _text(value).split("|")
    seen: list[str] = []
    for item in items:
        alias = fold_whitespace(_text(item).replace("|", " "))
        if alias and alias not in seen:
            seen.append(alias)
    return seen


def accept(work: Work, table: str, ids: Iterable[str]) -> Work:
    """Accept the rows `ids` of 'actors', 'events' or 'groups' as they are."""
    wanted = set(ids)
    rows = tuple(
        {**row, REVIEW_COLUMN: CONFIRMED} if row["id"] in wanted else row
        for row in getattr(work.draft, table)
    )
    return _replace_draft(work, **{table: rows})


def merge_actors(work: Work, ids: list[str]) -> Work:
    """One actor from several: the first keeps its id, name and evidence and takes every
    alias, and the events of the others. The merged actor is the teacher's."""
    rows = {row["id"]: row for row in work.draft.actors}
    ids = [actor_id for actor_id in dict.fromkeys(ids) if actor_id in rows]
    if len(ids) < 2:
        return work
    keep, others = rows[ids[0]], [rows[i] for i in ids[1:]]
    aliases = _aliases([a for row in (keep, *others) for a in split_ids(row["aliases"])])
    merged = {
        **keep,
        "aliases": "|".join(aliases),
        "role": keep["role"] or next((r["role"] for r in others if r["role"]), ""),
        "group": keep["group"] or next((r["group"] for r in others if r["group"]), ""),
        REVIEW_COLUMN: CONFIRMED,
    }
    gone = set(ids[1:])
    actors = tuple(
        merged if row["id"] == keep["id"] else row
        for row in work.draft.actors
        if row["id"] not in gone
    )
    events = tuple(
        {**row, "actors": _renamed(row["actors"], gone, keep["id"])} for row in work.draft.events
    )
    return _replace_draft(work, actors=actors, events=events)


def _renamed(cell: str, gone: set[str], into: str) -> str:
    return "|".join(dict.fromkeys(into if i in gone else i for i in split_ids(cell)))


def _only(cell: str, known: set[str]) -> str:
    return "|".join(i for i in split_ids(cell) if i in known)


def remove_actors(work: Work, ids: Iterable[str]) -> Work:
    """Leave actors out of the bundle (and out of the events that named them)."""
    gone = set(ids)
    actors = tuple(row for row in work.draft.actors if row["id"] not in gone)
    known = {row["id"] for row in actors}
    events = tuple({**row, "actors": _only(row["actors"], known)} for row in work.draft.events)
    return _replace_draft(work, actors=actors, events=events)


def add_actor(work: Work, name: str, kind: str) -> Work:
    """A new actor the engine missed, accepted, its name an alias, its first sentence the
    evidence."""
    name = fold_whitespace(name)
    if not name or kind not in ACTOR_KINDS:
        return work
    taken = {row["id"] for row in work.draft.actors}
    row = dict.fromkeys((*ACTOR_COLUMNS, REVIEW_COLUMN), "")
    row.update(
        id=make_slug(name, taken, f"actor-{len(taken) + 1}"),
        name=formula_safe(name),
        kind=kind,
        aliases=formula_safe(name).replace("|", " "),
        evidence=first_sentence_with(work, name),
        review=CONFIRMED,
    )
    return _replace_draft(work, actors=(*work.draft.actors, row))


# --- events ----------------------------------------------------------------------------------

EVENT_TABLE = (
    "accept",
    "start",
    "end",
    "qualifier",
    "status",
    "title",
    "actors",
    "evidence",
    "date check",
    "found",
)


def date_check(row: Mapping[str, str]) -> str:
    """The live check of an event's dates, as typed."""
    start, end = row["start"].strip(), row["end"].strip()
    if not start:
        waiting = row.get("summary", "")
        return f"✗ {waiting}" if "needs the" in waiting else "✗ needs a start date"
    try:
        first = parse_partial_date(start)
        last = parse_partial_date(end) if end else None
    except ValueError as error:
        return f"✗ {error}"
    if last is not None and last.last_day() < first.first_day():
        return "✗ the end is before the start"
    label = first.label() + (f"–{last.label()}" if last and last != first else "")
    return f"✓ {row['qualifier'] + ' ' if row['qualifier'] else ''}{label}"


def event_table(work: Work) -> list[dict]:
    index = text_index(work)
    return [
        {
            "id": row["id"],
            "accept": row[REVIEW_COLUMN] == CONFIRMED,
            "start": row["start"],
            "end": row["end"],
            "qualifier": row["qualifier"],
            "status": row["status"],
            "title": row["title"],
            "actors": list(split_ids(row["actors"])),
            "evidence": row["evidence"],
            "date check": date_check(row),
            "found": found_label(index, row["evidence"]),
        }
        for row in work.draft.events
    ]


def event_actor_options(work: Work) -> dict[str, str]:
    """The actors an event may name: the accepted ones first, then any an event names now."""
    named = {i for row in work.draft.events for i in split_ids(row["actors"])}
    rows = work.draft.actors
    accepted = [row for row in rows if row[REVIEW_COLUMN] == CONFIRMED]
    others = [row for row in rows if row[REVIEW_COLUMN] != CONFIRMED and row["id"] in named]
    return {row["id"]: row["name"] for row in (*accepted, *others)}


def edit_events(work: Work, changes: Mapping[str, Mapping[str, object]]) -> Work:
    """Apply the events table's edits, keyed by event id then column (EVENT_TABLE).

    Dates are kept exactly as typed (the check beside them says what is wrong); an event
    whose dates the teacher typed is no longer moved by a new publication date.
    """
    known = {row["id"] for row in work.draft.actors}
    rows, dates = [], dict(work.draft.event_dates)
    for row in work.draft.events:
        change = changes.get(row["id"])
        if not change:
            rows.append(row)
            continue
        new = dict(row)
        for column, value in change.items():
            text = fold_whitespace(_text(value))
            if column in ("start", "end"):
                new[column] = text
            elif column == "qualifier":
                new[column] = text if text in DATE_QUALIFIERS else ""
            elif column == "status":
                new[column] = text if text in EVENT_STATUSES else row["status"]
            elif column == "actors":
                wanted = value if isinstance(value, list | tuple) else split_ids(_text(value))
                new[column] = "|".join(dict.fromkeys(i for i in map(_text, wanted) if i in known))
            elif column in ("title", "evidence"):
                new[column] = formula_safe(text)
        if any(new[k] != row[k] for k in ("start", "end", "qualifier")):
            dates.pop(row["id"], None)
            new["summary"] = "" if "needs the" in row["summary"] else row["summary"]
        rows.append(_reviewed(row, new, change))
    return _replace_draft(work, events=tuple(rows), event_dates=MappingProxyType(dates))


def remove_events(work: Work, ids: Iterable[str]) -> Work:
    gone = set(ids)
    events = tuple(row for row in work.draft.events if row["id"] not in gone)
    dates = {k: v for k, v in work.draft.event_dates.items() if k not in gone}
    return _replace_draft(work, events=events, event_dates=MappingProxyType(dates))


# --- camps -----------------------------------------------------------------------------------

CAMP_TABLE = ("label", "description", "evidence", "found")


def camp_table(work: Work) -> list[dict]:
    index = text_index(work)
    return [
        {
            "id": row["id"],
            "label": row["label"],
            "description": row["description"],
            "evidence": row["evidence"],
            "found": found_label(index, row["evidence"]),
        }
        for row in work.draft.groups
    ]


def add_camp(work: Work, label: str) -> Work:
    label = fold_whitespace(label)
    if not label:
        return work
    taken = {row["id"] for row in work.draft.groups}
    row = dict.fromkeys((*GROUP_COLUMNS, REVIEW_COLUMN), "")
    row.update(id=make_slug(label, taken, f"camp-{len(taken) + 1}"), label=formula_safe(label))
    row[REVIEW_COLUMN] = CONFIRMED
    return _replace_draft(work, groups=(*work.draft.groups, row))


def edit_camps(work: Work, changes: Mapping[str, Mapping[str, object]]) -> Work:
    rows = []
    for row in work.draft.groups:
        change = changes.get(row["id"]) or {}
        new = dict(row)
        for column in ("label", "description", "evidence"):
            if column in change:
                new[column] = formula_safe(fold_whitespace(_text(change[column])))
        rows.append(new)
    return _replace_draft(work, groups=tuple(rows))


def remove_camps(work: Work, ids: Iterable[str]) -> Work:
    gone = set(ids)
    groups = tuple(row for row in work.draft.groups if row["id"] not in gone)
    actors = tuple(
        {**row, "group": ""} if row["group"] in gone else row for row in work.draft.actors
    )
    return _replace_draft(work, groups=groups, actors=actors)


def set_members(work: Work, camp_id: str, actor_ids: Iterable[str]) -> Work:
    """Put exactly `actor_ids` in camp `camp_id` (an actor is in one camp at most)."""
    wanted = set(actor_ids)
    rows = []
    for row in work.draft.actors:
        if row["id"] in wanted and row["group"] != camp_id:
            row = {**row, "group": camp_id, REVIEW_COLUMN: CONFIRMED}
        elif row["id"] not in wanted and row["group"] == camp_id:
            row = {**row, "group": ""}
        rows.append(row)
    return _replace_draft(work, actors=tuple(rows))


# --- the bundle ------------------------------------------------------------------------------


def files(work: Work) -> dict[str, bytes]:
    """The bundle's files: the article reviewed (no draft flag), rows as the teacher left
    them (unaccepted ones still marked suggested), and any teacher's files it came with."""
    return {**bundle_writer.bundle_files(work.draft, reviewed=True), **work.extra_files}


def preview_name(work: Work) -> str:
    return work.slug or default_slug(work)


def checked(work: Work) -> Bundle | BundleError:
    """The bundle as the reader will open it, or every problem the validator finds."""
    try:
        return load_bundle_files(preview_name(work), files(work))
    except BundleError as error:
        return error


def problem_place(work: Work, problem: Problem) -> tuple[int, str]:
    """The step where a problem is fixed and the row's name there ('' for none)."""
    if problem.file == ARTICLE_FILE:
        return (PARAGRAPHS if problem.field == "paragraph" else ABOUT), ""
    if problem.file == SOURCE_FILE:
        return SOURCE, ""
    step = {ACTORS_FILE: ACTORS, EVENTS_FILE: EVENTS, GROUPS_FILE: CAMPS, TEASERS_FILE: PARAGRAPHS}
    if problem.file not in step:
        return PREVIEW, ""
    row_id = _row_at_line(files(work).get(problem.file, b""), problem.file, problem.line)
    names = {
        ACTORS_FILE: {r["id"]: r["name"] for r in work.draft.actors},
        EVENTS_FILE: {r["id"]: r["title"] for r in work.draft.events},
        GROUPS_FILE: {r["id"]: r["label"] for r in work.draft.groups},
        TEASERS_FILE: {r["id"]: r["title"] for r in work.draft.teasers},
    }[problem.file]
    return step[problem.file], names.get(row_id, row_id)


def _row_at_line(data: bytes, name: str, line: int | None) -> str:
    """The id of the CSV record starting on `line`, read as the validator reads it."""
    if line is None:
        return ""
    columns = {
        ACTORS_FILE: ACTOR_COLUMNS,
        EVENTS_FILE: EVENT_COLUMNS,
        GROUPS_FILE: GROUP_COLUMNS,
        TEASERS_FILE: TEASER_COLUMNS,
    }[name]
    rows = read_table(data.decode("utf-8"), name, columns, [], (REVIEW_COLUMN,))
    return next((row.cells["id"] for row in rows if row.line == line), "")


def _front_text(value: object) -> str:
    """A front matter value as the text it is written as (dates as YYYY, YYYY-MM, YYYY-MM-DD)."""
    if isinstance(value, PartialDate):
        return value.iso()
    return str(value or "")


def from_bundle(bundle: Bundle, bundle_files: Mapping[str, bytes]) -> Work:
    """A checked bundle (an uploaded zip, a published article) opened for review again.

    Its paragraphs and teasers become the blocks, every row keeps its review state, and
    its teacher's files are carried through unchanged. Its dates are as written: a new
    publication date moves none of them.
    """
    meta = bundle.meta
    front = {key: _front_text(getattr(meta, key, "")) for key in FRONT_MATTER if key != "draft"}
    blocks = [Block(p, ARTICLE, "article paragraph") for p in bundle.paragraphs]
    teasers = []
    for number, teaser in enumerate(bundle.teasers, 1):
        parts = [("kicker", teaser.kicker), ("title", teaser.title)]
        parts += [("summary", p) for p in teaser.paragraphs]
        if teaser.image_caption or teaser.image_credit:
            caption = " ".join(p for p in (teaser.image_caption, teaser.image_credit) if p)
            parts.append(("image_caption", caption))
        blocks += [
            Block(text, TEASER, "related news", number, part) for part, text in parts if text
        ]
        teasers.append(_teaser_row(teaser))
    draft = Draft(
        MappingProxyType(front),
        bundle.paragraphs,
        tuple(teasers),
        tuple(_actor_row(a) for a in bundle.actors),
        tuple(_event_row(e) for e in bundle.events),
        tuple(_group_row(g) for g in bundle.groups),
        source_text=bundle_files.get(SOURCE_FILE, b"").decode("utf-8", "replace"),
        original_html=_text_or_none(bundle_files.get(ORIGINAL_PAGE_FILE)),
    )
    roles = tuple(block.role for block in blocks)
    extra = {name: bundle_files[name] for name in CLASSROOM_FILES if name in bundle_files}
    return Work(
        draft,
        tuple(blocks),
        roles,
        roles,
        f"{bundle.slug}.zip",
        slug=bundle.slug,
        step=PARAGRAPHS,
        extra_files=MappingProxyType(extra),
    )


def _text_or_none(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8", "replace")


def _actor_row(actor) -> dict:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "role": actor.role,
        "group": actor.group,
        "aliases": "|".join(actor.aliases),
        "description": actor.description,
        "evidence": actor.evidence,
        REVIEW_COLUMN: actor.review,
    }


def _event_row(event) -> dict:
    return {
        "id": event.id,
        "start": event.start.iso(),
        "end": event.end.iso() if event.end else "",
        "qualifier": event.qualifier,
        "title": event.title,
        "summary": event.summary,
        "lane": event.lane or ARTICLE_LANE,
        "actors": "|".join(event.actors),
        "status": event.status,
        "evidence": event.evidence,
        "source": event.source,
        "reference": event.reference,
        REVIEW_COLUMN: event.review,
    }


def _group_row(group) -> dict:
    return {
        "id": group.id,
        "label": group.label,
        "description": group.description,
        "evidence": group.evidence,
        REVIEW_COLUMN: group.review,
    }


def _teaser_row(teaser) -> dict:
    return {
        "id": teaser.id,
        "kicker": teaser.kicker,
        "title": teaser.title,
        "summary": teaser.summary,
        "date": teaser.date.iso() if teaser.date else "",
        "image_caption": teaser.image_caption,
        "image_credit": teaser.image_credit,
        REVIEW_COLUMN: teaser.review,
    }


# --- saving work in progress -----------------------------------------------------------------


def to_json(work: Work) -> str:
    """The whole review as JSON, for the drafts folder."""
    draft = work.draft
    return json.dumps(
        {
            "format": SAVED_FORMAT,
            "source_name": work.source_name,
            "slug": work.slug,
            "step": work.step,
            "published_as": work.published_as,
            "blocks": [dataclasses.asdict(block) for block in work.blocks],
            "roles": list(work.roles),
            "drafted_roles": list(work.drafted_roles),
            "meta": dict(draft.meta),
            "paragraphs": list(draft.paragraphs),
            "teasers": list(draft.teasers),
            "actors": list(draft.actors),
            "events": list(draft.events),
            "groups": list(draft.groups),
            "notes": list(draft.notes),
            "source_text": draft.source_text,
            "original_html": draft.original_html,
            "event_dates": {k: _dating_json(v) for k, v in draft.event_dates.items()},
            "extra_files": {k: v.decode("utf-8") for k, v in work.extra_files.items()},
        },
        ensure_ascii=False,
    )


def _dating_json(dating: EventDate) -> dict:
    mention = dataclasses.asdict(dating.mention)
    mention["parts"] = [list(pair) for pair in dating.mention.parts]
    return {"phrase": dating.phrase, "base": dating.base, "mention": mention}


def from_json(text: str) -> Work:
    """A review saved by `to_json`; DraftError when the file is not one."""
    try:
        data = json.loads(text)
        if data.get("format") != SAVED_FORMAT:
            raise ValueError(f"format {data.get('format')!r}")
        dates = {k: _dating(v) for k, v in data["event_dates"].items()}
        draft = Draft(
            MappingProxyType({str(k): str(v) for k, v in data["meta"].items()}),
            tuple(map(str, data["paragraphs"])),
            _rows(data["teasers"], TEASER_COLUMNS),
            _rows(data["actors"], ACTOR_COLUMNS),
            _rows(data["events"], EVENT_COLUMNS),
            _rows(data["groups"], GROUP_COLUMNS),
            tuple(map(str, data["notes"])),
            str(data["source_text"]),
            None if data["original_html"] is None else str(data["original_html"]),
            MappingProxyType(dates),
        )
        blocks = tuple(Block(**block) for block in data["blocks"])
        roles, drafted = tuple(data["roles"]), tuple(data["drafted_roles"])
        if len(roles) != len(blocks) or len(drafted) != len(blocks):
            raise ValueError("blocks and roles differ in number")
        extra = {k: str(v).encode("utf-8") for k, v in data["extra_files"].items()}
        return Work(
            draft,
            blocks,
            roles,
            drafted,
            str(data["source_name"]),
            str(data["slug"]),
            int(data["step"]),
            str(data["published_as"]),
            MappingProxyType({k: v for k, v in extra.items() if k in CLASSROOM_FILES}),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise DraftError(f"This saved draft cannot be read ({error}).") from None


def _rows(rows, columns: tuple[str, ...]) -> tuple[dict, ...]:
    return tuple(
        {column: str(row.get(column, "") or "") for column in (*columns, REVIEW_COLUMN)}
        for row in rows
    )


def _dating(data: dict) -> EventDate:
    mention = dict(data["mention"])
    mention["parts"] = tuple(tuple(map(str, pair)) for pair in mention["parts"])
    return EventDate(str(data["phrase"]), DateMention(**mention), str(data["base"]))
