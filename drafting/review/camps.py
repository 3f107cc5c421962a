"""The camps step's model: the groups the text sets against each other, and their members."""

from __future__ import annotations

from collections.abc import Iterable

from core.text import fold_whitespace
from core.vocabulary import CONFIRMED, GROUP_COLUMNS, REVIEW_COLUMN
from drafting.draft import formula_safe
from drafting.names import slug as make_slug
from drafting.review.checks import found_label, text_index
from drafting.review.tables import Changes, text
from drafting.review.work import Work, replace_draft

CAMP_TABLE = ("label", "description", "evidence", "found")


def camp_labels(work: Work) -> dict[str, str]:
    """Camp id → the label shown (labels repeated across camps get their id added)."""
    labels: dict[str, str] = {}
    for row in work.draft.groups:
        label = row["label"] or row["id"]
        labels[row["id"]] = f"{label} ({row['id']})" if label in labels.values() else label
    return labels


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
    return replace_draft(work, groups=(*work.draft.groups, row))


def edit_camps(work: Work, changes: Changes) -> Work:
    rows = []
    for row in work.draft.groups:
        change = changes.get(row["id"]) or {}
        new = dict(row)
        for column in ("label", "description", "evidence"):
            if column in change:
                new[column] = formula_safe(fold_whitespace(text(change[column])))
        rows.append(new)
    return replace_draft(work, groups=tuple(rows))


def remove_camps(work: Work, ids: Iterable[str]) -> Work:
    gone = set(ids)
    groups = tuple(row for row in work.draft.groups if row["id"] not in gone)
    actors = tuple(
        {**row, "group": ""} if row["group"] in gone else row for row in work.draft.actors
    )
    return replace_draft(work, groups=groups, actors=actors)


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
    return replace_draft(work, actors=tuple(rows))
