"""Step 7, questions and glossary (optional): what the teacher writes the night before.

Each discussion question picks the paragraphs, actors and events it is about from the
article, and carries a note for the teacher (the expected answer, never shown to students).
Glossary terms must occur in the text as written; each has a definition. They are published
as the bundle's questions.md and glossary.csv, which give the reader its Questions and
Glossary panels and the handout its questions.
"""

from __future__ import annotations

import streamlit as st

from components.prepare import fixes, store, tables
from core.markup.escaping import markdown_label
from core.text import plural
from drafting.review import (
    GLOSSARY_TABLE,
    NOTE_REFUSED,
    Work,
    add_question,
    add_term,
    edit_glossary,
    edit_questions,
    glossary_table,
    question_options,
    question_table,
    remove_questions,
    remove_terms,
)

NEW_QUESTION, NEW_TERM, NEW_DEFINITION = "questions-new", "glossary-new-term", "glossary-new-def"
TERMS_PICK, SAID_QUESTIONS, SAID_GLOSSARY = "glossary-pick", "questions", "glossary-tools"
FIELDS = ("question", "paragraphs", "actors", "events", "note")
TABLE = tables.Table(
    "glossary",
    GLOSSARY_TABLE,
    glossary_table,
    edit_glossary,
    lambda work: work.glossary,
    lambda row: row["term"] or row["id"],
    "term",
    read_only=("found",),
)


def _key(question_id: str, field: str) -> str:
    return f"question-{question_id}-{field}"


def _on_question(question_id: str, number: int, field: str) -> None:
    work = store.current()
    if work is None:
        return
    value = st.session_state.get(_key(question_id, field))
    edited, refused = edit_questions(work, {question_id: {field: value}})
    if refused:
        store.say(SAID_QUESTIONS, "error", f"Question {number}: {NOTE_REFUSED}")
        return
    store.put(edited, f"edit question {number}")


def _on_add_question() -> None:
    work, text = store.current(), st.session_state.get(NEW_QUESTION, "")
    if work is not None and text.strip():
        store.put(add_question(work, text), "add a question")
        st.session_state[NEW_QUESTION] = ""


def _on_remove_question(question_id: str, number: int) -> None:
    work = store.current()
    if work is not None:
        store.put(remove_questions(work, [question_id]), f"remove question {number}")


def _on_add_term() -> None:
    work = store.current()
    if work is None:
        return
    term, definition = st.session_state.get(NEW_TERM, ""), st.session_state.get(NEW_DEFINITION, "")
    added, refused = add_term(work, term, definition)
    if refused:
        store.say(SAID_GLOSSARY, "error", refused)  # what was typed stays, to correct it
        return
    store.put(added, f"add the term {term.strip()}")
    store.say(SAID_GLOSSARY, "success", f"Added “{term.strip()}” to the glossary.")
    st.session_state[NEW_TERM] = st.session_state[NEW_DEFINITION] = ""


def _on_remove_terms() -> None:
    work, picked = store.current(), st.session_state.get(TERMS_PICK) or []
    if work is not None and picked:
        store.put(remove_terms(work, picked), f"remove {plural(len(picked), 'glossary term')}")
        st.session_state[TERMS_PICK] = []


def render(work: Work) -> None:
    st.markdown(
        "Optional. **Discussion questions** give the reader a Questions panel and go into "
        "the handout, each with a link that opens the paragraphs and actors it is about. "
        "The **glossary** explains words of the text wherever they occur."
    )
    st.markdown("#### Discussion questions")
    said = store.said(SAID_QUESTIONS)
    if said:
        getattr(st, said[0])(markdown_label(said[1]))
    fixing = fixes.banner("questions", "questions")
    options = question_options(work)
    for number, record in enumerate(question_table(work), 1):
        if not fixing or fixing.row == record["id"]:
            _question(number, record, options)
    with st.form("questions-add-form", border=False, enter_to_submit=True):
        text, add = st.columns([4, 1], vertical_alignment="bottom")
        text.text_input("A new question", key=NEW_QUESTION)
        add.form_submit_button(
            "Add the question", key="questions-add", on_click=_on_add_question, width="stretch"
        )
    st.markdown("#### Glossary")
    _glossary(work)


def _question(number: int, record: dict, options: dict[str, dict]) -> None:
    question_id = record["id"]
    for field in FIELDS:
        st.session_state[_key(question_id, field)] = record[field]
    with st.container(border=True, key=f"question-{question_id}"):
        st.text_input(
            f"Question {number}",
            key=_key(question_id, "question"),
            on_change=_on_question,
            args=(question_id, number, "question"),
        )
        for field, label in (("paragraphs", "Paragraphs"), ("actors", "Actors"),
                             ("events", "Events")):  # fmt: skip
            choices = options[field]
            st.multiselect(
                f"{label} it is about",
                list(choices),
                key=_key(question_id, field),
                format_func=lambda value, choices=choices: choices.get(value, str(value)),
                on_change=_on_question,
                args=(question_id, number, field),
                select_all=False,
            )
        st.text_area(
            "Note for the teacher (the answer you expect; students never see it)",
            key=_key(question_id, "note"),
            on_change=_on_question,
            args=(question_id, number, "note"),
            height=80,
        )
        st.button(
            f"Remove question {number}",
            key=f"{_key(question_id, 'remove')}",
            on_click=_on_remove_question,
            args=(question_id, number),
            type="tertiary",
        )


def _glossary(work: Work) -> None:
    fixing = fixes.banner(TABLE.name, "terms")
    records = glossary_table(work)
    if fixing:
        records = [r for r in records if r["id"] == fixing.row]
    if records:
        config = {
            "term": st.column_config.TextColumn("Term, as the text writes it"),
            "aliases": st.column_config.TextColumn(
                "Other spellings", help="As the text writes them, separated by |."
            ),
            "definition": st.column_config.TextColumn("Definition", width="large"),
            "found": st.column_config.TextColumn("Check"),
        }
        tables.editor(TABLE, records, config)
    said = store.said(SAID_GLOSSARY)
    if said:
        getattr(st, said[0])(markdown_label(said[1]))
    with st.form("glossary-add-form", border=False, enter_to_submit=True):
        term, definition, add = st.columns([2, 4, 1], vertical_alignment="bottom")
        term.text_input("Term, as the text writes it", key=NEW_TERM)
        definition.text_input("Definition", key=NEW_DEFINITION)
        add.form_submit_button("Add", key="glossary-add", on_click=_on_add_term, width="stretch")
    if work.glossary:
        terms = {row["id"]: row["term"] for row in work.glossary}
        picked, remove = st.columns([4, 1], vertical_alignment="bottom")
        picked.multiselect(
            "Terms to remove",
            list(terms),
            key=TERMS_PICK,
            format_func=terms.__getitem__,
            select_all=False,
        )
        remove.button("Remove", key="glossary-remove", on_click=_on_remove_terms, width="stretch")
