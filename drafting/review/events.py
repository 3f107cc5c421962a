"""The events step's model: the table's records and edits, removing, and adding an event the
engine missed (a date, a title and the sentence that says it, checked as the table's rows are).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from types import MappingProxyType

from core.dates import parse_partial_date
from core.mentions import build_alias_index, find_mentions
from core.text import fold_whitespace, split_ids
from core.vocabulary import (
    ARTICLE_SOURCE,
    CONFIRMED,
    DATE_QUALIFIERS,
    EVENT_COLUMNS,
    EVENT_STATUSES,
    REVIEW_COLUMN,
    TEASER_SOURCE_PREFIX,
)
from drafting.dates import status_hint
from drafting.draft import ARTICLE_LANE, ATTENTION, TEASER_LANE, formula_safe
from drafting.names import slug as make_slug
from drafting.review.checks import date_check, found_label, text_index
from drafting.review.questions import tidy_questions
from drafting.review.tables import Changes, items, reviewed, text
from drafting.review.work import Work, replace_draft

# The date check stands beside the dates it checks (a teacher reads them together, and the
# evidence is wide); what is less often changed comes after the evidence.
EVENT_TABLE = (
    "accept",
    "start",
    "end",
    "date check",
    "title",
    ATTENTION,
    "evidence",
    "qualifier",
    "status",
    "actors",
    "found",
)
EVIDENCE_WORDS = 8  # of an event's evidence, to tell apart events of one title and date
EVENT_REMOVED = "event:"  # what `Work.removed` holds for an event: this, then `event_key`


def event_table(work: Work) -> list[dict]:
    index, dates = text_index(work), work.draft.event_dates
    published = work.draft.published
    return [
        {
            "id": row["id"],
            "accept": row[REVIEW_COLUMN] == CONFIRMED,
            ATTENTION: row.get(ATTENTION, ""),
            "start": row["start"],
            "end": row["end"],
            "qualifier": row["qualifier"],
            "status": row["status"],
            "title": row["title"],
            "actors": list(split_ids(row["actors"])),
            "evidence": row["evidence"],
            "date check": date_check(row, dates.get(row["id"]), published),
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


def event_choices(work: Work) -> dict[str, str]:
    """Each event's label where the teacher picks events by name: its title and date
    ('Talks resume · 2022-07'), and, where that still repeats, the start of its evidence,
    so that two rows never read the same."""
    labels = {
        row["id"]: f"{row['title'] or 'Untitled'} · {row['start'] or 'no date'}"
        for row in work.draft.events
    }
    repeated = {label for label in labels.values() if list(labels.values()).count(label) > 1}
    for row in work.draft.events:
        if labels[row["id"]] in repeated:
            opening = _opening(row["evidence"])
            labels[row["id"]] += f" · “{opening}”" if opening else " · no evidence"
    return labels


def _opening(evidence: str, words: int = EVIDENCE_WORDS) -> str:
    """The first words of an event's evidence, enough to tell two like events apart."""
    split = fold_whitespace(evidence).split()
    return " ".join(split[:words]) + ("…" if len(split) > words else "")


def edit_events(work: Work, changes: Changes) -> Work:
    """Apply the events table's edits, keyed by event id then column (EVENT_TABLE).

    Dates are kept exactly as typed (the check beside them says what is wrong); an event
    whose dates the teacher typed is no longer moved by a new publication date, and what
    the engine wrote about how it dated it goes.
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
            cell = fold_whitespace(text(value))
            if column in ("start", "end"):
                new[column] = cell
            elif column == "qualifier":
                new[column] = cell if cell in DATE_QUALIFIERS else ""
            elif column == "status":
                new[column] = cell if cell in EVENT_STATUSES else row["status"]
            elif column == "actors":
                new[column] = "|".join(i for i in items(value) if i in known)
            elif column in ("title", "evidence"):
                new[column] = formula_safe(cell)
        redated = any(new[k] != row[k] for k in ("start", "end", "qualifier"))
        if redated and dates.pop(row["id"], None) is not None:
            new["summary"] = ""  # the engine's note on how it read the date
        rows.append(reviewed(row, new, change))
    return replace_draft(work, events=tuple(rows), event_dates=MappingProxyType(dates))


def event_key(work: Work, row: dict) -> str:
    """What identifies a drafted event across drafts: its quote and the date phrase read in
    it (or its start, for an event the engine did not date)."""
    dating = work.draft.event_dates.get(row["id"])
    said = dating.phrase if dating is not None else row["start"]
    return f"{EVENT_REMOVED}{fold_whitespace(row['evidence'])}\n{said}"


def remove_events(work: Work, ids: Iterable[str]) -> Work:
    """Leave events out (drafting again leaves them out too)."""
    gone = set(ids)
    removed = {event_key(work, row) for row in work.draft.events if row["id"] in gone}
    events = tuple(row for row in work.draft.events if row["id"] not in gone)
    dates = {k: v for k, v in work.draft.event_dates.items() if k not in gone}
    work = dataclasses.replace(work, removed=work.removed | removed)
    work = replace_draft(work, events=events, event_dates=MappingProxyType(dates))
    return tidy_questions(work)


def add_event(work: Work, start: str, title: str, evidence: str) -> tuple[Work, str]:
    """An event the engine missed, accepted: its date (YYYY, YYYY-MM or YYYY-MM-DD), a title
    and the sentence that says it, quoted from the text. Its actors are those the sentence
    names. Returns (work, why it was refused or '')."""
    start, title = fold_whitespace(start), formula_safe(fold_whitespace(title))
    evidence = formula_safe(fold_whitespace(evidence))
    try:
        parse_partial_date(start)
    except ValueError as error:
        return work, f"The date: {error}."
    if not title:
        return work, "Give the event a title (who did what)."
    place = text_index(work).place(evidence) if evidence else ""
    if not place:
        return work, "Quote the sentence that says it, word for word from the text."
    row = dict.fromkeys((*EVENT_COLUMNS, REVIEW_COLUMN), "")
    teaser = _teaser_at(work, place)
    row.update(
        id=make_slug(title, {r["id"] for r in work.draft.events}, "event"),
        start=start,
        title=title,
        lane=TEASER_LANE if teaser else ARTICLE_LANE,
        actors="|".join(_named_in(work, evidence)),
        status=status_hint(evidence) or EVENT_STATUSES[0],
        evidence=evidence,
        source=f"{TEASER_SOURCE_PREFIX}{teaser}" if teaser else ARTICLE_SOURCE,
    )
    row[REVIEW_COLUMN] = CONFIRMED
    return replace_draft(work, events=(*work.draft.events, row)), ""


def _teaser_at(work: Work, place: str) -> str:
    """The id of the teaser a place label ('teaser 2') names; '' for any other place."""
    number = place.removeprefix("teaser ")
    teasers = work.draft.teasers
    if number != place and number.isdigit() and 0 < int(number) <= len(teasers):
        return teasers[int(number) - 1]["id"]
    return ""


def _named_in(work: Work, sentence: str) -> list[str]:
    """The actors a sentence names, as the reader finds them, each once."""
    index = build_alias_index(
        (alias, row["id"]) for row in work.draft.actors for alias in split_ids(row["aliases"])
    )
    return list(dict.fromkeys(span.key for span in find_mentions(sentence, index)))
