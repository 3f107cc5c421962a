"""The actors step's model: the table's records and edits, merging, removing and adding.

A merge is planned before it is made (`merge_plan`): the page lists the names it will
merge, and asks again when two people's surnames differ.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

from core.text import fold_whitespace, split_ids
from core.vocabulary import ACTOR_COLUMNS, ACTOR_KINDS, CONFIRMED, REVIEW_COLUMN
from drafting.draft import ATTENTION, formula_safe
from drafting.names import slug as make_slug
from drafting.review.camps import camp_labels
from drafting.review.checks import (
    first_sentence_with,
    found_label,
    mention_places,
    mentions_label,
    text_index,
)
from drafting.review.questions import tidy_questions
from drafting.review.tables import Changes, ids_in, items, renamed, reviewed, text
from drafting.review.work import Work, replace_draft

ACTOR_TABLE = (
    "accept",
    "name",
    ATTENTION,
    "kind",
    "role",
    "camp",
    "aliases",
    "evidence",
    "found",
    "mentions",
    "merge into",
)
ACTOR_REMOVED = "actor:"  # what `Work.removed` holds for an actor: this, then a folded name


def actor_table(work: Work) -> list[dict]:
    """One record per actor for the review table, keyed by ACTOR_TABLE plus 'id'."""
    index, places, camps = text_index(work), mention_places(work), camp_labels(work)
    return [
        {
            "id": row["id"],
            "accept": row[REVIEW_COLUMN] == CONFIRMED,
            ATTENTION: row.get(ATTENTION, ""),
            "name": row["name"],
            "kind": row["kind"],
            "role": row["role"],
            "camp": camps.get(row["group"], ""),
            "aliases": " | ".join(split_ids(row["aliases"])),
            "evidence": row["evidence"],
            "found": found_label(index, row["evidence"]),
            "mentions": mentions_label(places.get(row["id"])),
            "merge into": None,
        }
        for row in work.draft.actors
    ]


def edit_actors(work: Work, changes: Changes) -> Work:
    """Apply the table's edits, keyed by actor id then column (ACTOR_TABLE; a 'merge into'
    is not an edit but a merge to plan, see `merge_requests`).

    A row whose name, kind, role, camp, aliases or evidence changes has been looked at and
    becomes the teacher's (accepted), unless the teacher set its tick themselves.
    """
    by_label = {label: camp for camp, label in camp_labels(work).items()}
    rows = []
    for row in work.draft.actors:
        change = {k: v for k, v in (changes.get(row["id"]) or {}).items() if k != "merge into"}
        if not change:
            rows.append(row)
            continue
        new = dict(row)
        for column, value in change.items():
            if column == "camp":
                new["group"] = by_label.get(text(value), "")
            elif column == "aliases":
                new["aliases"] = "|".join(formula_safe(alias) for alias in items(value))
            elif column == "kind":
                new["kind"] = text(value) if text(value) in ACTOR_KINDS else row["kind"]
            elif column in ("name", "role", "evidence"):
                new[column] = formula_safe(fold_whitespace(text(value)))
        rows.append(reviewed(row, new, change))
    return replace_draft(work, actors=tuple(rows))


def merge_requests(work: Work, changes: Changes) -> list[tuple[str, str]]:
    """The (actor, into) pairs the table's 'merge into' cells ask for."""
    names = {row["name"]: row["id"] for row in work.draft.actors}
    asked = []
    for actor_id, change in changes.items():
        into = names.get(text(change.get("merge into")))
        if into and into != actor_id:
            asked.append((actor_id, into))
    return asked


# How the drafting names the actor a row may be another name of: 'possible duplicate of X',
# or 'possible duplicate: X or Y have this name' (drafting/names.py); other reasons follow
# after '; '.
_DUPLICATE_OF = re.compile(r"possible duplicate(?: of |: )([^;]+?)(?: have this name)?(?:;|$)")


def duplicates_named(work: Work, actor_id: str) -> tuple[str, ...]:
    """The ids of the actors the drafting flagged `actor_id` as a possible duplicate of, in the
    order its reason names them."""
    rows = {row["id"]: row for row in work.draft.actors}
    found = _DUPLICATE_OF.search(rows[actor_id].get(ATTENTION, "")) if actor_id in rows else None
    if found is None:
        return ()
    ids = {row["name"]: row["id"] for row in work.draft.actors if row["id"] != actor_id}
    named = (ids.get(name.strip()) for name in found.group(1).split(" or "))
    return tuple(dict.fromkeys(i for i in named if i))


def merge_choices(work: Work, shown: Iterable[str]) -> list[str]:
    """The names 'merge into' offers for the rows `shown` (one list for the column): the
    actors those rows may be duplicates of first, then the others in the table's order. A row
    shown alone is left out of its own list (a column's list is the same for every row)."""
    shown = list(shown)
    names = {row["id"]: row["name"] for row in work.draft.actors}
    first = [i for row_id in shown for i in duplicates_named(work, row_id)]
    order = dict.fromkeys([*first, *names])
    if len(shown) == 1:
        order.pop(shown[0], None)
    return [names[i] for i in order]


@dataclass(frozen=True)
class MergePlan:
    """A merge as the teacher confirms it: the actor kept, the others, and whether people
    among them have different surnames (then the page asks again)."""

    keep: str
    others: tuple[str, ...]
    names: tuple[str, ...]
    surnames: tuple[str, ...]

    @property
    def surnames_differ(self) -> bool:
        return len(self.surnames) > 1

    @property
    def summary(self) -> str:
        """'Kremlin and Putin into Vladimir Putin'."""
        return f"{self._merged} into {self.names[0]}"

    @property
    def outcome(self) -> str:
        """What `merge_actors` does, in the teacher's words: which actor keeps its name."""
        keep, one = self.names[0], len(self.others) == 1
        its, goes = ("its", "goes") if one else ("their", "go")
        return (
            f"{keep} keeps its name and evidence; {self._merged} {goes}, {its} aliases, "
            f"events and questions passing to {keep} (and {its} role or camp, where {keep} "
            "has none)."
        )

    @property
    def _merged(self) -> str:
        others = self.names[1:]
        return ", ".join(others[:-1]) + (" and " if len(others) > 1 else "") + others[-1]


def merge_plan(work: Work, ids: Iterable[str]) -> MergePlan | None:
    """The merge of `ids` into the first of them; None when fewer than two actors are named."""
    rows = {row["id"]: row for row in work.draft.actors}
    chosen = [rows[i] for i in dict.fromkeys(ids) if i in rows]
    if len(chosen) < 2:
        return None
    people = [row["name"] for row in chosen if row["kind"] == "person" and row["name"].strip()]
    surnames = {_surname(name).casefold(): _surname(name) for name in people}
    return MergePlan(
        chosen[0]["id"],
        tuple(row["id"] for row in chosen[1:]),
        tuple(row["name"] for row in chosen),
        tuple(surnames.values()),
    )


def _surname(name: str) -> str:
    """The last word of a person's name, without a possessive."""
    last = fold_whitespace(name).split(" ")[-1]
    return last.removesuffix("'s").removesuffix("’s").strip(".,")


def merge_actors(work: Work, ids: list[str]) -> Work:
    """One actor from several: the first keeps its id, name and evidence and takes every
    alias, and the events and questions of the others. The merged actor is the teacher's."""
    plan = merge_plan(work, ids)
    if plan is None:
        return work
    rows = {row["id"]: row for row in work.draft.actors}
    keep, others = rows[plan.keep], [rows[i] for i in plan.others]
    aliases = items([a for row in (keep, *others) for a in split_ids(row["aliases"])])
    merged = {
        **keep,
        "aliases": "|".join(aliases),
        "role": keep["role"] or next((r["role"] for r in others if r["role"]), ""),
        "group": keep["group"] or next((r["group"] for r in others if r["group"]), ""),
        REVIEW_COLUMN: CONFIRMED,
    }
    renames = dict.fromkeys(plan.others, plan.keep)
    actors = tuple(
        merged if row["id"] == keep["id"] else row
        for row in work.draft.actors
        if row["id"] not in renames
    )
    events = tuple({**row, "actors": renamed(row["actors"], renames)} for row in work.draft.events)
    return tidy_questions(replace_draft(work, actors=actors, events=events), renames)


def actor_keys(row: dict) -> set[str]:
    """The names a drafted row goes by (name and aliases, folded): two rows that share one
    are the same actor."""
    names = (row["name"], *split_ids(row["aliases"]))
    return {fold_whitespace(name).casefold() for name in names if name.strip()}


def remove_actors(work: Work, ids: Iterable[str]) -> Work:
    """Leave actors out of the bundle (and out of the events and questions that named them);
    drafting again leaves them out too."""
    gone = set(ids)
    removed = {
        ACTOR_REMOVED + key for row in work.draft.actors if row["id"] in gone
        for key in actor_keys(row)
    }  # fmt: skip
    actors = tuple(row for row in work.draft.actors if row["id"] not in gone)
    known = {row["id"] for row in actors}
    events = tuple({**row, "actors": ids_in(row["actors"], known)} for row in work.draft.events)
    work = dataclasses.replace(work, removed=work.removed | removed)
    return tidy_questions(replace_draft(work, actors=actors, events=events))


def add_actor(work: Work, name: str, kind: str) -> tuple[Work, str]:
    """An actor the engine missed, accepted, its name an alias and the first sentence that
    names it the evidence. Returns (work, why it was refused or '')."""
    name = formula_safe(fold_whitespace(name)).replace("|", " ")
    if not name:
        return work, "Type the actor's name as the text writes it."
    if kind not in ACTOR_KINDS:
        return work, f"Choose a kind: {', '.join(ACTOR_KINDS)}."
    owner = next((r["name"] for r in work.draft.actors if name in split_ids(r["aliases"])), "")
    if owner:
        return work, f"“{name}” is already an alias of {owner}."
    evidence = first_sentence_with(work, name)
    if not evidence:
        return work, f"“{name}” is not in the text as written: type it as the text spells it."
    taken = {row["id"] for row in work.draft.actors}
    row = dict.fromkeys((*ACTOR_COLUMNS, REVIEW_COLUMN), "")
    row.update(
        id=make_slug(name, taken, f"actor-{len(taken) + 1}"),
        name=name,
        kind=kind,
        aliases=name,
        evidence=evidence,
    )
    row[REVIEW_COLUMN] = CONFIRMED
    back = dataclasses.replace(work, removed=work.removed - {ACTOR_REMOVED + name.casefold()})
    return replace_draft(back, actors=(*work.draft.actors, row)), ""
