"""The optional questions step: discussion questions about the article and a glossary.

A question is a row: its text, the paragraphs, actors and events it is about (id lists as in
the other tables, paragraphs by number) and the teacher's note. A glossary row is a term, its
other spellings, its definition and a reference; a term must occur in the text as written.
They are written as the bundle's questions.md and glossary.csv (core/classroom.py reads them).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from core.classroom import misread_note, questions_markdown
from core.model import Question, Term
from core.rows import table_csv
from core.text import fold_whitespace
from core.vocabulary import CONFIRMED, GLOSSARY_COLUMNS, REVIEW_COLUMN
from drafting.draft import formula_safe
from drafting.names import slug as make_slug
from drafting.review.checks import text_index
from drafting.review.tables import Changes, ids_in, items, renamed, text
from drafting.review.work import Work

QUESTION_COLUMNS = ("id", "question", "paragraphs", "actors", "events", "note")
TERM_COLUMNS = ("id", *GLOSSARY_COLUMNS)
GLOSSARY_TABLE = ("term", "aliases", "definition", "found")
NOTE_REFUSED = (
    "A note cannot start with “## ”, “paragraphs:”, “actors:” or “events:” (it would be "
    "read as a question or its links): reword its start."
)


# --- questions -------------------------------------------------------------------------------


def add_question(work: Work, question: str) -> Work:
    """A new discussion question, about nothing yet (pick its paragraphs in the table)."""
    question = formula_safe(fold_whitespace(question))
    if not question:
        return work
    taken = {row["id"] for row in work.questions}
    row = dict.fromkeys(QUESTION_COLUMNS, "")
    row.update(id=_free_id("q", taken), question=question)
    return dataclasses.replace(work, questions=(*work.questions, row))


def _free_id(prefix: str, taken: set[str]) -> str:
    number = len(taken) + 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def question_table(work: Work) -> list[dict]:
    """One record per question: its text, note and id, what it is about as lists."""
    return [
        {
            "id": row["id"],
            "question": row["question"],
            "paragraphs": [int(n) for n in items(row["paragraphs"])],
            "actors": list(items(row["actors"])),
            "events": list(items(row["events"])),
            "note": row["note"],
        }
        for row in work.questions
    ]


def question_options(work: Work) -> dict[str, dict]:
    """What a question may be about: paragraph numbers, actor ids, event ids (by label)."""
    draft = work.draft
    return {
        "paragraphs": {
            number: f"¶{number} {' '.join(text.split()[:6])}…"
            for number, text in enumerate(draft.paragraphs, 1)
        },
        "actors": {row["id"]: row["name"] for row in draft.actors},
        "events": {row["id"]: row["title"] for row in draft.events if row["start"]},
    }


def edit_questions(work: Work, changes: Changes) -> tuple[Work, list[str]]:
    """Apply the table's edits; returns the new Work and the ids of questions whose note was
    refused (it would be read back as a heading or a link line: NOTE_REFUSED)."""
    options = question_options(work)
    rows, refused = [], []
    for row in work.questions:
        change = changes.get(row["id"]) or {}
        new = dict(row)
        for column, value in change.items():
            if column == "question":
                new[column] = formula_safe(fold_whitespace(text(value))) or row[column]
            elif column == "note":
                note = formula_safe(fold_whitespace(text(value)))
                if misread_note(note):
                    refused.append(row["id"])
                else:
                    new[column] = note
            elif column in ("paragraphs", "actors", "events"):
                known = {str(key) for key in options[column]}
                new[column] = ids_in("|".join(map(text, _listed(value))), known)
        rows.append(new)
    return dataclasses.replace(work, questions=tuple(rows)), refused


def _listed(value: object) -> list:
    return list(value) if isinstance(value, list | tuple) else items(value)


def remove_questions(work: Work, ids: Iterable[str]) -> Work:
    gone = set(ids)
    return dataclasses.replace(
        work, questions=tuple(row for row in work.questions if row["id"] not in gone)
    )


def tidy_questions(work: Work, renames: Mapping[str, str] | None = None) -> Work:
    """Questions about actors, events and paragraphs that still exist: a merged actor's id
    becomes the one kept, a removed one goes."""
    options = question_options(work)
    rows = []
    for row in work.questions:
        new = dict(row)
        new["actors"] = ids_in(renamed(row["actors"], renames or {}), set(options["actors"]))
        new["events"] = ids_in(row["events"], set(options["events"]))
        new["paragraphs"] = ids_in(row["paragraphs"], {str(n) for n in options["paragraphs"]})
        rows.append(new)
    return dataclasses.replace(work, questions=tuple(rows))


def renumbered(questions: tuple[dict, ...], old: tuple[str, ...], new: tuple[str, ...]):
    """Questions whose paragraph numbers follow their paragraphs into a new set of paragraphs
    (drafting again); a paragraph no longer kept is dropped from them."""
    number_of = {text: number for number, text in enumerate(new, 1)}
    moved = {str(n): str(number_of[t]) for n, t in enumerate(old, 1) if t in number_of}
    return tuple(
        {**row, "paragraphs": "|".join(moved[n] for n in items(row["paragraphs"]) if n in moved)}
        for row in questions
    )


def question_rows(questions: Iterable[Question]) -> tuple[dict, ...]:
    """A bundle's questions as rows."""
    return tuple(
        {
            "id": f"q{question.number}",
            "question": question.text,
            "paragraphs": "|".join(map(str, question.paragraphs)),
            "actors": "|".join(question.actors),
            "events": "|".join(question.events),
            "note": question.note,
        }
        for question in questions
    )


def questions_file(work: Work) -> bytes | None:
    """questions.md for the bundle, or None when there are no questions."""
    questions = [
        Question(
            number,
            row["question"],
            tuple(int(n) for n in items(row["paragraphs"])),
            items(row["actors"]),
            items(row["events"]),
            row["note"],
        )
        for number, row in enumerate(work.questions, 1)
    ]
    return questions_markdown(questions).encode("utf-8") if questions else None


# --- the glossary ----------------------------------------------------------------------------


def term_place(work: Work, term: str) -> str:
    """Where a term first occurs as whole words ('¶3', 'teaser 1'); '' when nowhere."""
    index = text_index(work)
    term = fold_whitespace(term)
    for label, searchable in zip(index.labels, index.texts, strict=True):
        if term and searchable.has_phrase(term):
            return label
    return ""


def term_check(work: Work, row: Mapping[str, str]) -> str:
    """The live check beside a glossary row: the term and each other spelling in the text."""
    missing = [s for s in (row["term"], *items(row["aliases"])) if not term_place(work, s)]
    if not row["term"].strip():
        return "✗ no term yet"
    if missing:
        return "✗ not in the text: " + ", ".join(f"“{s}”" for s in missing)
    if not row["definition"].strip():
        return f"✗ needs a definition (the term is in {term_place(work, row['term'])})"
    return f"✓ in {term_place(work, row['term'])}"


def add_term(work: Work, term: str, definition: str) -> tuple[Work, str]:
    """A glossary term with its definition; returns (work, why it was refused or '')."""
    term, definition = fold_whitespace(term), formula_safe(fold_whitespace(definition))
    if not term:
        return work, "Type the term as the text writes it."
    if term in {row["term"] for row in work.glossary}:
        return work, f"“{term}” is in the glossary already."
    if not term_place(work, term):
        return work, f"“{term}” is not in the text as written (check its spelling and case)."
    taken = {row["id"] for row in work.glossary}
    row = dict.fromkeys((*TERM_COLUMNS, REVIEW_COLUMN), "")
    row.update(
        id=make_slug(term, taken, f"term-{len(taken) + 1}"),
        term=formula_safe(term),
        definition=definition,
    )
    row[REVIEW_COLUMN] = CONFIRMED
    return dataclasses.replace(work, glossary=(*work.glossary, row)), ""


def glossary_table(work: Work) -> list[dict]:
    return [
        {
            "id": row["id"],
            "term": row["term"],
            "aliases": " | ".join(items(row["aliases"])),
            "definition": row["definition"],
            "found": term_check(work, row),
        }
        for row in work.glossary
    ]


def edit_glossary(work: Work, changes: Changes) -> Work:
    rows = []
    for row in work.glossary:
        change = changes.get(row["id"]) or {}
        new = dict(row)
        for column in ("term", "definition"):
            if column in change:
                new[column] = formula_safe(fold_whitespace(text(change[column]))) or row[column]
        if "aliases" in change:
            new["aliases"] = "|".join(formula_safe(a) for a in items(change["aliases"]))
        rows.append(new)
    return dataclasses.replace(work, glossary=tuple(rows))


def remove_terms(work: Work, ids: Iterable[str]) -> Work:
    gone = set(ids)
    return dataclasses.replace(
        work, glossary=tuple(row for row in work.glossary if row["id"] not in gone)
    )


def glossary_rows(terms: Iterable[Term]) -> tuple[dict, ...]:
    """A bundle's glossary as rows."""
    taken: set[str] = set()
    return tuple(
        {
            "id": make_slug(term.term, taken, f"term-{number}"),
            "term": term.term,
            "aliases": "|".join(term.aliases),
            "definition": term.definition,
            "reference": term.reference,
            REVIEW_COLUMN: CONFIRMED,
        }
        for number, term in enumerate(terms, 1)
    )


def glossary_file(work: Work) -> bytes | None:
    """glossary.csv for the bundle, or None when there are no terms."""
    if not work.glossary:
        return None
    return table_csv(GLOSSARY_COLUMNS, work.glossary, formula_safe, review=False)
