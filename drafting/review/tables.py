"""What the review tables share: a cell as text, when an edited row counts as looked at,
accepting rows as they are, and which edits would empty what a row rests on.

A table's edits come back from the page keyed by row id, then column (`Changes`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from core.text import fold_whitespace
from core.vocabulary import CONFIRMED, REVIEW_COLUMN, SUGGESTED
from drafting.review.work import Work, replace_draft

Changes = Mapping[str, Mapping[str, object]]
# The cells a row rests on: emptying them in several rows at once is asked about first.
LOAD_BEARING = ("aliases", "evidence")


def text(value: object) -> str:
    """A cell's value as text ('' for an empty cell)."""
    return "" if value is None else str(value)


def items(value: object) -> list[str]:
    """A list cell (or 'a | b' text) as folded, non-empty items, each once."""
    values = value if isinstance(value, list | tuple) else text(value).split("|")
    seen: list[str] = []
    for value in values:
        item = fold_whitespace(text(value).replace("|", " "))
        if item and item not in seen:
            seen.append(item)
    return seen


def reviewed(old: dict, new: dict, change: Mapping[str, object]) -> dict:
    """The tick decides when the teacher set it; otherwise a row whose content changed has
    been looked at, and is accepted."""
    if "accept" in change:
        new[REVIEW_COLUMN] = CONFIRMED if change["accept"] else SUGGESTED
    elif any(new[key] != old[key] for key in new if key != REVIEW_COLUMN):
        new[REVIEW_COLUMN] = CONFIRMED
    return new


def accept(work: Work, table: str, ids: Iterable[str]) -> Work:
    """Accept the rows `ids` of 'actors', 'events' or 'groups' as they are."""
    wanted = set(ids)
    rows = tuple(
        {**row, REVIEW_COLUMN: CONFIRMED} if row["id"] in wanted else row
        for row in getattr(work.draft, table)
    )
    return replace_draft(work, **{table: rows})


def emptied(rows: Iterable[Mapping[str, str]], changes: Changes) -> list[str]:
    """The ids of rows whose aliases or evidence `changes` would empty (a wiped selection:
    Ctrl+A then Delete empties every editable cell of every row shown)."""
    return [
        row["id"]
        for row in rows
        if any(
            column in changes.get(row["id"], {})
            and row.get(column, "").strip()
            and not items(changes[row["id"]][column])
            for column in LOAD_BEARING
        )
    ]


def ids_in(cell: str, known: set[str]) -> str:
    """An id list cell with only the ids in `known`."""
    return "|".join(i for i in items(cell) if i in known)


def renamed(cell: str, renames: Mapping[str, str]) -> str:
    """An id list cell with ids renamed (a merged actor's id becomes the kept one's), each
    once."""
    return "|".join(dict.fromkeys(renames.get(i, i) for i in items(cell)))
