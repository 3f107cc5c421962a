"""What the bundle check's problems mean for the teacher: where each is fixed, and in words.

A problem carries the id of its row and the rule it broke (core/problems.py), so the step,
the row and the wording are looked up, never parsed from files or messages.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from core.vocabulary import (
    ACTORS_FILE,
    ARTICLE_FILE,
    EVENTS_FILE,
    GLOSSARY_FILE,
    GROUPS_FILE,
    QUESTIONS_FILE,
    SOURCE_FILE,
    TEASERS_FILE,
)
from drafting.review.steps import (
    ABOUT,
    ACTORS,
    CAMPS,
    EVENTS,
    PARAGRAPHS,
    PREVIEW,
    QUESTIONS,
    SOURCE,
)
from drafting.review.work import Work

# Each file: the step that edits it, the table its rows are in, and what a row is called.
_PLACES = {
    ACTORS_FILE: (ACTORS, "actors", "An actor"),
    EVENTS_FILE: (EVENTS, "events", "An event"),
    GROUPS_FILE: (CAMPS, "groups", "A camp"),
    TEASERS_FILE: (PARAGRAPHS, "teasers", "A related news item"),
    QUESTIONS_FILE: (QUESTIONS, "questions", "A question"),
    GLOSSARY_FILE: (QUESTIONS, "glossary", "A glossary term"),
}
_NAME_COLUMNS = {
    "actors": "name",
    "events": "title",
    "groups": "label",
    "teasers": "title",
    "questions": "question",
    "glossary": "term",
}


@dataclass(frozen=True)
class Fix:
    """Where a problem is fixed: the step, the table and row there ('' for none), the row's
    name as the teacher knows it, and the problem in the teacher's words. `follows` is true
    for a problem that goes once another row's is fixed (a camp member, when the camp fails)."""

    step: str
    table: str
    row: str
    name: str
    words: str
    follows: bool = False


def fix_for(work: Work, problem: Problem) -> Fix:
    if problem.file == ARTICLE_FILE:
        step = PARAGRAPHS if problem.field in ("paragraph", "body") else ABOUT
        return Fix(step, "", "", "", str(problem))
    if problem.file == SOURCE_FILE:
        return Fix(SOURCE, "", "", "", str(problem))
    if problem.file not in _PLACES:
        return Fix(PREVIEW, "", "", "", str(problem))
    step, table, called = _PLACES[problem.file]
    row = _row(work, table, problem.row)
    row_id, name = (row["id"], row[_NAME_COLUMNS[table]]) if row else (problem.row, "")
    follows = _follows(work, problem)
    return Fix(step, table, row_id, name, _words(work, problem, name or called), follows)


def _follows(work: Work, problem: Problem) -> bool:
    """True when the problem names a row the Work has: that row fails on its own."""
    named = problem.rule in (CHOICE, REFERENCE) and problem.field in ("group", "actors", "events")
    return named and bool(_named(work, problem.field, problem.value))


def _row(work: Work, table: str, row_id: str) -> dict | None:
    """The Work's row a problem's row id names (questions.md numbers its questions)."""
    if table in ("questions", "glossary"):
        rows = getattr(work, table)
    else:
        rows = getattr(work.draft, table)
    if table == "questions":
        number = int(row_id) if row_id.isdigit() else 0
        return rows[number - 1] if 0 < number <= len(rows) else None
    key = "term" if table == "glossary" else "id"  # a glossary problem names its term
    return next((row for row in rows if row[key] == row_id), None)


def _words(work: Work, problem: Problem, name: str) -> str:
    """The problem for a teacher: '<name> needs a sentence quoted from the text'."""
    field, value, rule = problem.field, problem.shown_value, problem.rule
    if _follows(work, problem):  # the row it names is there, with a problem of its own
        named = _named(work, field, problem.value)
        return f"{name} names {named}, which cannot be published until it is fixed"
    worded = {
        (REQUIRED, "evidence"): f"{name} needs a sentence quoted from the text",
        (QUOTE, "evidence"): f"{name}: the evidence is not word for word in the text",
        (REQUIRED, "aliases"): f"{name} needs an alias: the name as the text writes it",
        (SHARED_ALIAS, "aliases"): f"“{value}” is an alias of {name} and of another actor: "
        "keep it on one",
        (PHRASE, "aliases"): f"“{value}”, an alias of {name}, is not in the text as written",
        (PHRASE, "term"): f"The term “{value}” is not in the text as written",
        (IDENT, "term"): f"“{value}” is in the glossary twice",
        (REQUIRED, "start"): f"{name} needs a date",
        (DATE, "start"): f"{name}: the date “{value}” is not one ({problem.expected})",
        (DATE, "end"): f"{name}: the end date “{value}” is not one ({problem.expected})",
        (ORDER, "end"): f"{name} ends before it starts",
        (REFERENCE, "actors"): f"{name} names an actor who is no longer in the list",
        (REFERENCE, "events"): f"{name} names an event that is no longer in the list",
        (REFERENCE, "paragraphs"): f"{name} names a paragraph the article no longer has",
        (CHOICE, field): f"{name}: “{value}” is not one of the choices ({problem.expected})",
    }
    if (rule, field) in worded:
        return worded[rule, field]
    if rule == REQUIRED:
        return f"{name} needs a {field}"
    return f"{name}: {problem}"


def _named(work: Work, field: str, row_id: str) -> str:
    """The name of the camp, actor or event `row_id` when the Work has it ('' when not)."""
    rows, column = {
        "group": (work.draft.groups, "label"),
        "actors": (work.draft.actors, "name"),
        "events": (work.draft.events, "title"),
    }[field]
    found = next((row for row in rows if row["id"] == row_id), None)
    return f"“{found[column] or row_id}”" if found else ""
