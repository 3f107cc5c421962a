"""The view state, and every link and anchor built from it.

A view (which article, actor focus, event, year, paragraph, panel, presenter mode, the
discussion question on the page, the class taking part) is read from the URL once, by
`parse_query`, into a frozen ViewState; `to_query` writes it back. The teacher's switch is
read but never written back: no address or link the app makes carries the teacher's notes to
a student, and a class's teacher key has no parameter at all. Every
href the app makes comes from here too, as datasette builds every URL through one helper:
`href(state)` for a view, the anchors of paragraphs and questions, and `Links`, which decides
where one page's links go (another view of the app, or a place on the same page).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from core.model import Bundle, Question
from core.vocabulary import PANELS, is_valid_id

_DIGITS = re.compile(r"[0-9]+")
MAX_NUMBER_DIGITS = 4
MAX_ACTORS = 20
_SHOWN_CHARS = 40
# Every parameter a link may carry (ViewState's fields, in the order links write them).
PARAMETERS = (
    "article",
    "actor",
    "event",
    "year",
    "p",
    "panel",
    "present",
    "q",
    "marks",
    "class",
    "teacher",
)
# Parameter names that older links used, read as today's names.
RENAMED = {"actors": "actor", "paragraph": "p", "view": "panel", "presenter": "present"}
# The values that switch on `present` (links write "1") and `teacher` (never written).
YES_VALUES = ("1", "true", "yes")
# `marks=all` highlights every actor; without it, the camps and the people are highlighted.
ALL_MARKS = "all"
# A class code as a link carries it: letters and digits, written in capitals without the
# dashes and spaces a person may type ("k7q-m2p" is read as "K7QM2P"). The class code is not
# a secret (it is the join link); the teacher's key never has a parameter.
_CLASS_CODE = re.compile(r"[A-Z0-9]{4,12}")
_CLASS_CODE_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class ViewState:
    """What a link opens: article, actor focus, event, timeline year, paragraph, panel, mode,
    and the discussion question shown above the text.

    `teacher` shows the teacher's notes (the expected answers). It is read from `teacher=1`
    and kept for the session, but `to_query` never writes it: the address bar, "Copy link to
    this view" and every link on the page leave it out, so a link a teacher shares never
    opens the answers on a student's screen.
    """

    article: str | None = None
    actors: tuple[str, ...] = ()
    event: str | None = None
    year: int | None = None
    paragraph: int | None = None
    panel: str = "reader"
    present: bool = False
    question: int | None = None
    teacher: bool = False
    all_actors: bool = False  # every actor highlighted, not only the camps and the people
    class_code: str | None = None  # the class taking part (`class=CODE`), see class_code()


def _single(value: object) -> str:
    """A query value as one string. For a repeated key, the last value counts, as in
    Streamlit's own `st.query_params`."""
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return value.strip() if isinstance(value, str) else ""


def _shown(value: str) -> str:
    return repr(value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "…")


def _renamed(params: Mapping[str, object]) -> dict[str, object]:
    """Today's parameter names; a current name wins over an old one."""
    current = {RENAMED.get(str(key), str(key)): value for key, value in params.items()}
    current.update({key: value for key, value in params.items() if key not in RENAMED})
    return current


def parse_query(params: Mapping[str, object]) -> tuple[ViewState, list[str]]:
    """Read a ViewState from query params; never raises, ill-formed values become notices."""
    params, notices = _renamed(params), []
    article = _single(params.get("article")) or None
    if article is not None and not is_valid_id(article):
        notices.append(f"The link names an article that cannot exist: {_shown(article)}.")
        article = None
    state = ViewState(
        article=article,
        actors=_actors(_single(params.get("actor")), notices),
        event=_event(_single(params.get("event")), notices),
        year=_number(_single(params.get("year")), "timeline year", notices),
        paragraph=_number(_single(params.get("p")), "paragraph number", notices),
        panel=_panel(_single(params.get("panel")), notices),
        present=_single(params.get("present")).lower() in YES_VALUES,
        question=_number(_single(params.get("q")), "question number", notices),
        teacher=_single(params.get("teacher")).lower() in YES_VALUES,
        all_actors=_marks(_single(params.get("marks")), notices),
        class_code=_class(_single(params.get("class")), notices),
    )
    return state, notices


def class_code(text: str) -> str | None:
    """A typed or linked class code in the form links carry ('k7q-m2p' -> 'K7QM2P'), or None
    when it cannot be one."""
    code = _CLASS_CODE_SEPARATORS.sub("", text).upper()
    return code if _CLASS_CODE.fullmatch(code) else None


def _class(text: str, notices: list[str]) -> str | None:
    if not text:
        return None
    code = class_code(text)
    if code is None:
        notices.append(f"Ignored a class code that cannot exist: {_shown(text)}.")
    return code


def _marks(text: str, notices: list[str]) -> bool:
    if text and text.lower() != ALL_MARKS:
        notices.append(f"Ignored a highlighting choice that does not exist: {_shown(text)}.")
    return text.lower() == ALL_MARKS


def _actors(text: str, notices: list[str]) -> tuple[str, ...]:
    actors: list[str] = []
    for actor_id in (part.strip() for part in text.split(",")):
        if actor_id and not is_valid_id(actor_id):
            notices.append(f"Ignored an actor id that cannot exist: {_shown(actor_id)}.")
        elif actor_id and actor_id not in actors:
            actors.append(actor_id)
    if len(actors) > MAX_ACTORS:
        notices.append(f"Only the first {MAX_ACTORS} actors of the link are focused.")
    return tuple(actors[:MAX_ACTORS])


def _event(text: str, notices: list[str]) -> str | None:
    if text and not is_valid_id(text):
        notices.append(f"Ignored an event id that cannot exist: {_shown(text)}.")
        return None
    return text or None


def _number(text: str, what: str, notices: list[str]) -> int | None:
    if text and not _DIGITS.fullmatch(text):
        notices.append(f"Ignored a {what} that is not a number: {_shown(text)}.")
        return None
    if len(text.lstrip("0")) > MAX_NUMBER_DIGITS:
        notices.append(f"Ignored a {what} that is far too large: {_shown(text)}.")
        return None
    return int(text) if text else None


def _panel(text: str, notices: list[str]) -> str:
    if text and text not in PANELS:
        notices.append(f"There is no panel {_shown(text)}; showing the reader.")
        return "reader"
    return text or "reader"


def resolve(state: ViewState, bundle: Bundle) -> tuple[ViewState, list[str]]:
    """Drop ids and numbers the bundle does not have, with a notice for each."""
    notices = []
    known = [actor_id for actor_id in state.actors if actor_id in bundle.actor_by_id]
    unknown = [actor_id for actor_id in state.actors if actor_id not in bundle.actor_by_id]
    if unknown:
        named = ", ".join(map(_shown, unknown[:5])) + (" …" if len(unknown) > 5 else "")
        notices.append(f"This article has no actor {named}; showing it without.")
    event = state.event
    if event is not None and event not in bundle.event_by_id:
        notices.append(f"This article has no event {_shown(event)}; showing it without.")
        event = None
    year = state.year
    if year is not None and not any(event.covers_year(year) for event in bundle.events):
        notices.append(f"This article has no events in {year}; showing all years.")
        year = None
    paragraph = state.paragraph
    if paragraph is not None and not 1 <= paragraph <= len(bundle.paragraphs):
        notices.append(f"This article has no paragraph {paragraph}; showing it from the start.")
        paragraph = None
    question = state.question
    if question is not None and not 1 <= question <= len(bundle.questions):
        notices.append(f"This article has no discussion question {question}; showing it without.")
        question = None
    corrected = replace(
        state,
        actors=tuple(known),
        event=event,
        year=year,
        paragraph=paragraph,
        question=question,
    )
    return corrected, notices


def to_query(state: ViewState) -> dict[str, str]:
    """Query params for a state; defaults are left out, the article never is, and the teacher's
    switch always is (see ViewState)."""
    values = {
        "article": state.article or "",
        "actor": ",".join(state.actors),
        "event": state.event or "",
        "year": "" if state.year is None else str(state.year),
        "p": "" if state.paragraph is None else str(state.paragraph),
        "panel": "" if state.panel == "reader" else state.panel,
        "present": "1" if state.present else "",
        "q": "" if state.question is None else str(state.question),
        "marks": ALL_MARKS if state.all_actors else "",
        "class": state.class_code or "",
    }
    return {key: value for key, value in values.items() if value}


def href(state: ViewState) -> str:
    """A relative link that opens `state`."""
    return "?" + urlencode(to_query(state), safe=",")


def question_view(article: str, question: Question) -> ViewState:
    """The view a discussion question opens: the question above the text, its actors, first
    event and first paragraph."""
    return ViewState(
        article=article,
        actors=question.actors[:MAX_ACTORS],
        event=question.events[0] if question.events else None,
        paragraph=question.paragraphs[0] if question.paragraphs else None,
        question=question.number,
    )


def paragraph_anchor(number: int) -> str:
    """The element id of paragraph `number` (1-based), which links scroll to."""
    return f"rr-p-{number}"


def question_anchor(number: int) -> str:
    """The element id of discussion question `number` in a list of questions."""
    return f"rr-q-{number}"


def note_anchor(note_id: str) -> str:
    """The element id of a reader's note in the list of notes."""
    return f"rr-note-{note_id}"


# The in-page links the app makes: '#' and one of the anchors above that carry a number.
IN_PAGE_LINK = re.compile(r"#rr-[a-z]+-[0-9]+")


@dataclass(frozen=True)
class Links:
    """Where the links of one page go.

    - The reader (`Links.reader`): the text is on the page, so a paragraph link is an anchor
      on it; a question link opens the question's view. A paragraph's own number opens the
      reader's view at that paragraph (`p`), so the address bar and a copied link reopen there.
    - A classroom panel (`Links.panel`): the text is not on the page, so a paragraph link
      opens the reader at that paragraph, keeping the rest of the view (focus, event, year).
    - Presenter mode (`Links.presenter`): one paragraph on the page, so a paragraph link
      presents that paragraph, keeping the rest of the view.
    - The handout (`Links.handout`): a document on its own with no app to open, so every
      link is an anchor on the same page and no question has a view to open.
    """

    article: str | None = None  # None: there is no app to open a view in
    paragraph_view: ViewState | None = None  # None: paragraphs are on this page
    shown_view: ViewState | None = None  # the view this page shows, where there is one

    @classmethod
    def reader(cls, article: str, view: ViewState | None = None) -> Links:
        return cls(article, shown_view=view)

    @classmethod
    def panel(cls, view: ViewState) -> Links:
        kept = replace(view, paragraph=None, panel="reader", present=False, teacher=False)
        return cls(view.article, kept)

    @classmethod
    def presenter(cls, view: ViewState) -> Links:
        return cls(view.article, replace(view, paragraph=None, teacher=False))

    @classmethod
    def handout(cls) -> Links:
        return cls()

    def paragraph(self, number: int) -> str:
        if self.paragraph_view is None:
            return f"#{paragraph_anchor(number)}"
        return href(replace(self.paragraph_view, paragraph=number))

    def paragraph_number(self, number: int) -> str:
        """Where a paragraph's number goes: this view at that paragraph, where there is a view
        (the paragraph becomes part of the address); otherwise the paragraph's anchor."""
        if self.shown_view is None:
            return f"#{paragraph_anchor(number)}"
        return href(replace(self.shown_view, paragraph=number, panel="reader", present=False))

    def question_view(self, question: Question) -> str | None:
        """The link that opens the question's view, where there is an app to open it in."""
        if self.article is None:
            return None
        return href(question_view(self.article, question))

    def question(self, question: Question) -> str:
        """Where a reference to a question goes: its view, or its place in the list."""
        return self.question_view(question) or f"#{question_anchor(question.number)}"


# Links on a page that holds the text: every paragraph link is an anchor on it.
SAME_PAGE = Links()
