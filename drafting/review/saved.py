"""Work in progress as JSON, for the drafts folder; drafts saved by older versions still open.

Format 2 stores the step by its key and the teacher's questions, glossary and removals.
Format 1 stored the step by its number among the seven steps of then, and carried an
imported bundle's questions.md and glossary.csv as files: both are read into today's Work.
"""

from __future__ import annotations

import dataclasses
import json
from types import MappingProxyType

from core import classroom
from core.rows import text_rows
from core.text import SearchableText
from core.vocabulary import (
    ACTOR_COLUMNS,
    EVENT_COLUMNS,
    GLOSSARY_FILE,
    GROUP_COLUMNS,
    QUESTIONS_FILE,
    TEASER_COLUMNS,
)
from drafting.dates import DateMention
from drafting.draft import ATTENTION, Draft, EventDate
from drafting.page import Block
from drafting.review.bundle import CARRIED_FILES
from drafting.review.checks import text_index
from drafting.review.questions import (
    QUESTION_COLUMNS,
    TERM_COLUMNS,
    glossary_rows,
    question_rows,
)
from drafting.review.steps import saved_step
from drafting.review.work import Work
from drafting.source import DraftError

SAVED_FORMAT = 2
_READABLE = (1, SAVED_FORMAT)


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
            "questions": list(work.questions),
            "glossary": list(work.glossary),
            "removed": sorted(work.removed),
        },
        ensure_ascii=False,
    )


def _dating_json(dating: EventDate) -> dict:
    mention = dataclasses.asdict(dating.mention)
    mention["parts"] = [list(pair) for pair in dating.mention.parts]
    return {"phrase": dating.phrase, "base": dating.base, "mention": mention}


def from_json(text: str) -> Work:
    """A review saved by `to_json` (this version's or an older one's); DraftError when the
    file is not one."""
    try:
        data = json.loads(text)
        if data.get("format") not in _READABLE:
            raise ValueError(f"format {data.get('format')!r}")
        draft = _draft(data)
        blocks = tuple(Block(**block) for block in data["blocks"])
        roles, drafted = tuple(data["roles"]), tuple(data["drafted_roles"])
        if len(roles) != len(blocks) or len(drafted) != len(blocks):
            raise ValueError("blocks and roles differ in number")
        files = {str(k): str(v).encode("utf-8") for k, v in data["extra_files"].items()}
        work = Work(
            draft,
            blocks,
            roles,
            drafted,
            str(data["source_name"]),
            str(data["slug"]),
            saved_step(data["step"]),
            str(data["published_as"]),
            MappingProxyType({k: v for k, v in files.items() if k in CARRIED_FILES}),
            text_rows(data.get("questions", ()), QUESTION_COLUMNS),
            text_rows(data.get("glossary", ()), TERM_COLUMNS),
            frozenset(map(str, data.get("removed", ()))),
        )
        return _with_teachers_files(work, files) if data["format"] == 1 else work
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise DraftError(f"This saved draft cannot be read ({error}).") from None


def _draft(data: dict) -> Draft:
    dates = {k: _dating(v) for k, v in data["event_dates"].items()}
    return Draft(
        MappingProxyType({str(k): str(v) for k, v in data["meta"].items()}),
        tuple(map(str, data["paragraphs"])),
        text_rows(data["teasers"], TEASER_COLUMNS),
        text_rows(data["actors"], ACTOR_COLUMNS, (ATTENTION,)),
        text_rows(data["events"], EVENT_COLUMNS, (ATTENTION,)),
        text_rows(data["groups"], GROUP_COLUMNS),
        tuple(map(str, data["notes"])),
        str(data["source_text"]),
        None if data["original_html"] is None else str(data["original_html"]),
        MappingProxyType(dates),
    )


def _dating(data: dict) -> EventDate:
    mention = dict(data["mention"])
    mention["parts"] = tuple(tuple(map(str, pair)) for pair in mention["parts"])
    return EventDate(str(data["phrase"]), DateMention(**mention), str(data["base"]))


def _with_teachers_files(work: Work, files: dict[str, bytes]) -> Work:
    """An older draft's questions.md and glossary.csv (carried as files) as rows."""
    draft = work.draft
    known = {
        "paragraphs": set(range(1, len(draft.paragraphs) + 1)),
        "actors": {row["id"] for row in draft.actors},
        "events": {row["id"] for row in draft.events},
    }
    searchable = SearchableText.of(t for texts in text_index(work).sources for t in texts)
    ignored: list = []  # the bundle check reports what is wrong with them when published
    questions = classroom.questions(_decoded(files, QUESTIONS_FILE), known, ignored)
    glossary = classroom.glossary(_decoded(files, GLOSSARY_FILE), searchable, ignored)
    return dataclasses.replace(
        work, questions=question_rows(questions), glossary=glossary_rows(glossary)
    )


def _decoded(files: dict[str, bytes], name: str) -> str | None:
    data = files.get(name)
    return None if data is None else data.decode("utf-8", "replace")
