"""The teacher's files of a bundle: questions.md, glossary.csv and notes.csv (all optional)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.checks import RowChecker
from core.files import read_table
from core.model import Note, Question, Term
from core.problems import IDENT, REFERENCE, Problem
from core.text import SearchableText, fold_whitespace, split_ids
from core.vocabulary import (
    GLOSSARY_COLUMNS,
    GLOSSARY_FILE,
    NOTE_COLUMNS,
    NOTE_KINDS,
    NOTES_FILE,
    QUESTIONS_FILE,
)

ANCHORS = ("paragraphs", "actors", "events")
_ANCHOR_LINE = re.compile(r"(paragraphs|actors|events)\s*:(.*)")


def questions(text: str | None, known: dict[str, set], problems: list[Problem]):
    """Parse `## question` blocks with optional anchor lines and a teacher's note."""
    if not text:
        return ()
    parsed: list[Question] = []
    for line, block in _question_blocks(text):
        heading, *rest = block.split("\n")
        number = str(len(parsed) + 1)
        anchors, note_lines = _anchors(rest, line, number, known, problems)
        note = fold_whitespace("\n".join(note_lines))
        parsed.append(Question(len(parsed) + 1, heading.strip(), *anchors, note))
    return tuple(parsed)


def _question_blocks(text: str) -> list[tuple[int, str]]:
    """(line of the heading, text after '## ') for each question."""
    blocks = []
    for match in re.finditer(r"^## (.*(?:\n(?!## ).*)*)", text, flags=re.MULTILINE):
        blocks.append((text.count("\n", 0, match.start()) + 1, match.group(1)))
    return blocks


def _anchors(lines: list[str], heading_line: int, number: str, known: dict[str, set], problems):
    """Read the anchor lines under question `number`'s heading; the remaining lines are the
    note."""
    values: dict[str, tuple] = dict.fromkeys(ANCHORS, ())
    rest = []
    for offset, line in enumerate(lines, 1):
        match = _ANCHOR_LINE.fullmatch(line.strip())
        if not match:
            rest.append(line)
            continue
        name, ids = match.group(1), [part.strip() for part in match.group(2).split(",")]
        ids = [part for part in ids if part]
        where = (heading_line + offset, number)
        values[name] = _checked_anchor(name, ids, where, known, problems)
    return (values["paragraphs"], values["actors"], values["events"]), rest


def _checked_anchor(name: str, ids: list[str], where: tuple[int, str], known, problems) -> tuple:
    """The anchors that name something the bundle has; `where` is (line, question number)."""
    kept = []
    for value in ids:
        ok = (
            value.isdigit() and int(value) in known["paragraphs"]
            if name == "paragraphs"
            else (value in known[name])
        )
        if ok:
            kept.append(int(value) if name == "paragraphs" else value)
        else:
            expected = _anchor_expectation(name, known)
            line, number = where
            problems.append(
                Problem(QUESTIONS_FILE, line, name, value, expected, "error", number, REFERENCE)
            )
    return tuple(kept)


def _anchor_expectation(name: str, known) -> str:
    if name == "paragraphs":
        return f"paragraph numbers from 1 to {len(known['paragraphs'])}, separated by commas"
    return f"{name[:-1]} ids from {name}.csv, separated by commas"


def glossary(
    text: str | None, searchable: SearchableText, problems: list[Problem]
) -> tuple[Term, ...]:
    """Terms with their definitions; every term and alias must occur in the text."""
    if text is None:
        return ()
    terms, seen = [], set()
    for row in read_table(text, GLOSSARY_FILE, GLOSSARY_COLUMNS, problems):
        check = RowChecker(GLOSSARY_FILE, row, problems)
        term = Term(
            fold_whitespace(check.text("term")),
            split_ids(row.cells["aliases"]),
            check.text("definition"),
            check.text("reference", False),
        )
        for surface in (term.term, *term.aliases):
            _check_surface(check, surface, seen, searchable)
        if check.ok:
            terms.append(term)
    return tuple(terms)


def _check_surface(check: RowChecker, surface: str, seen: set, searchable) -> None:
    if not surface:
        return
    if surface in seen:
        check.fail("term", surface, "a term or alias listed once in the glossary", rule=IDENT)
    else:
        check.phrase("term", surface, searchable, "error")
    seen.add(surface)


def notes(
    text: str | None, searchable: SearchableText, problems: list[Problem]
) -> tuple[Note, ...]:
    """Reader's notes; each quote must be found verbatim in the article or a teaser."""
    if text is None:
        return ()
    kept, seen = [], set()
    for row in read_table(text, NOTES_FILE, NOTE_COLUMNS, problems):
        kept += _note(RowChecker(NOTES_FILE, row, problems), seen, searchable)
    return tuple(kept)


def _note(check: RowChecker, seen: set, searchable: SearchableText) -> list[Note]:
    note = Note(
        check.ident(seen),
        check.quote("quote", searchable),
        check.choice("kind", NOTE_KINDS),
        check.text("note"),
        check.text("reference"),
    )
    return [note] if check.ok else []


# --- writing the teacher's files (the Prepare page) -------------------------------------------

# A note line the reader would take for a question's heading or an anchor line.
_NOT_A_NOTE = re.compile(r"\s*(?:## |(?:paragraphs|actors|events)\s*:)")


def misread_note(note: str) -> bool:
    """True when `note`, written under a question, would be read back as something else."""
    return bool(_NOT_A_NOTE.match(fold_whitespace(note)))


def questions_markdown(questions: Iterable[Question]) -> str:
    """questions.md as `questions` reads it: a `## ` heading per question, its anchor lines,
    then a blank line and the teacher's note (one line). Empty when there are no questions."""
    blocks = []
    for question in questions:
        lines = [f"## {fold_whitespace(question.text)}"]
        anchors = (question.paragraphs, question.actors, question.events)
        for name, values in zip(ANCHORS, anchors, strict=True):
            if values:
                lines.append(f"{name}: {', '.join(str(value) for value in values)}")
        if fold_whitespace(question.note):
            lines += ["", fold_whitespace(question.note)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""
