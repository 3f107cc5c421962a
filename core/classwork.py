"""What a class writes about an article, as plain data: the responses a view shows, the
counts beside paragraphs, actors and events, the checks a view makes before posting, the
join link, and the exports (CSV, formula-safe, and JSON).

Pure: the class's database (storage/) hands the views its rows, and the views turn them into
the `Shown` responses and `ClassCounts` of this module before any markup sees them, so the
markup never depends on how responses are stored.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from core.model import Bundle
from core.state import ViewState, href
from core.text import SearchableText, spreadsheet_cell
from core.vocabulary import ANSWER, NOTE, VISIBLE

__all__ = ["ANSWER", "NOTE", "VISIBLE"]  # the class's words, from core/vocabulary.py
# Where a class's responses come from in the export, in this order (storage's rows may hold
# more; only these leave the app, and never a seat's token or a teacher key).
EXPORT_COLUMNS = (
    "id",
    "kind",
    "question",
    "paragraph",
    "quote",
    "body",
    "actors",
    "events",
    "display_name",
    "seat",
    "state",
    "created",
    "edited",
    "older_version",
)
FINGERPRINT_CHARS = 16


def text_fingerprint(bundle: Bundle) -> str:
    """A short fingerprint of the article's text: a response keeps the one it was written
    against, so a note on a text that changed later is marked, never re-anchored silently."""
    digest = hashlib.sha256("\n\n".join(bundle.paragraphs).encode("utf-8")).hexdigest()
    return digest[:FINGERPRINT_CHARS]


def join_link(base_url: str, article: str, code: str) -> str:
    """The address students open to join: the article with the class's code."""
    base = base_url.split("?", 1)[0].split("#", 1)[0]
    return f"{base}{href(ViewState(article=article, class_code=code))}"


def readable_code(code: str) -> str:
    """A class code as people read it aloud and type it: 'K7QM2P' -> 'K7Q-M2P'."""
    half = (len(code) + 1) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) > 4 else code


def quote_problem(bundle: Bundle, paragraph: int, quote: str) -> str:
    """Why a quote cannot go with a note on paragraph `paragraph` ('' when it can): it must
    stand in that paragraph verbatim, as every quote of a bundle does."""
    if not quote.strip():
        return ""
    if not 1 <= paragraph <= len(bundle.paragraphs):
        return f"This article has no paragraph {paragraph}."
    if SearchableText.of([bundle.paragraphs[paragraph - 1]]).has_quote(quote):
        return ""
    return (
        f"The quote is not word for word in ¶{paragraph}: copy it from the paragraph, "
        "or leave the quote empty."
    )


def known_tags(
    bundle: Bundle, actors: Iterable[str], events: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tags that name this article's own actors and events, in the bundle's order (a tag
    is picked from the bundle, never typed, so anything else is dropped)."""
    chosen_actors, chosen_events = set(actors), set(events)
    return (
        tuple(a.id for a in bundle.actors if a.id in chosen_actors),
        tuple(e.id for e in bundle.events if e.id in chosen_events),
    )


@dataclass(frozen=True)
class Shown:
    """One response as a view shows it. `name` is '' where names are hidden (on the
    projector by default); `older` marks a response written against an earlier text."""

    id: int
    kind: str
    body: str
    question: int | None = None
    paragraph: int | None = None
    quote: str = ""
    actors: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    name: str = ""
    state: str = VISIBLE
    seat: str = ""
    mine: bool = False
    older: bool = False

    def without_name(self) -> Shown:
        return replace(self, name="", seat="")


@dataclass(frozen=True)
class ClassCounts:
    """Visible responses per paragraph, actor, event and question."""

    paragraphs: Mapping[int, int] = field(default_factory=dict)
    actors: Mapping[str, int] = field(default_factory=dict)
    events: Mapping[str, int] = field(default_factory=dict)
    questions: Mapping[int, int] = field(default_factory=dict)

    def key(self) -> tuple:
        """A hashable form, for caches keyed on what is drawn."""
        return tuple(
            tuple(sorted(part.items()))
            for part in (self.paragraphs, self.actors, self.events, self.questions)
        )

    @classmethod
    def from_key(cls, key: tuple) -> ClassCounts:
        return cls(*(dict(part) for part in key))

    @property
    def total(self) -> int:
        return sum(self.paragraphs.values()) + sum(self.questions.values())


NO_COUNTS = ClassCounts()


def counts_from_responses(responses: Iterable[Shown]) -> ClassCounts:
    """Counts over the visible responses given (what a student's screen can compute itself)."""
    paragraphs: dict[int, int] = {}
    actors: dict[str, int] = {}
    events: dict[str, int] = {}
    questions: dict[int, int] = {}
    for response in responses:
        if response.state != VISIBLE:
            continue
        if response.paragraph is not None:
            paragraphs[response.paragraph] = paragraphs.get(response.paragraph, 0) + 1
        if response.question is not None:
            questions[response.question] = questions.get(response.question, 0) + 1
        for actor in response.actors:
            actors[actor] = actors.get(actor, 0) + 1
        for event in response.events:
            events[event] = events.get(event, 0) + 1
    return ClassCounts(paragraphs, actors, events, questions)


def split_new(
    responses: Sequence[Shown], seen_up_to: int | None
) -> tuple[list[Shown], list[Shown]]:
    """(shown, waiting): a student's screen keeps classmates' responses newer than the last
    they chose to see behind a "N new: show" button, so the page does not move under them.
    Their own responses are always shown. `seen_up_to` None: everything is shown."""
    if seen_up_to is None:
        return list(responses), []
    shown = [r for r in responses if r.mine or r.id <= seen_up_to]
    waiting = [r for r in responses if not r.mine and r.id > seen_up_to]
    return shown, waiting


def newest_id(responses: Iterable[Shown]) -> int:
    return max((r.id for r in responses), default=0)


# The export: every response with where it stands, for a spreadsheet (formula-safe, as every
# CSV the app writes) and as JSON for other tools.


def export_rows(rows: Iterable[Mapping[str, object]]) -> list[dict[str, object]]:
    """The exported columns of each row, tags joined with '|', and whether the response was
    written against an earlier version of the article's text (a row's `current` False)."""
    out = []
    for row in rows:
        kept = {column: row.get(column, "") for column in EXPORT_COLUMNS}
        for column in ("actors", "events"):
            value = row.get(column) or ()
            kept[column] = value if isinstance(value, str) else "|".join(value)
        kept["older_version"] = row.get("current") is False
        out.append({key: "" if value is None else value for key, value in kept.items()})
    return out


def export_csv(rows: Sequence[Mapping[str, object]]) -> bytes:
    """The class's responses as CSV: no cell starts like a formula (OWASP's guard)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([spreadsheet_cell(_cell(row.get(column))) for column in EXPORT_COLUMNS])
    return out.getvalue().encode("utf-8")


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def export_json(code: str, article: str, rows: Sequence[Mapping[str, object]]) -> bytes:
    """The class's responses as JSON (text stays text: a consumer escapes it for its page)."""
    document = {"class": code, "article": article, "responses": list(rows)}
    return json.dumps(document, ensure_ascii=False, indent=1, default=str).encode("utf-8")
