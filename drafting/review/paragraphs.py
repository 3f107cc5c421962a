"""The paragraphs step's model: each block of the page as article, related news or left out,
runs of blocks for folding and bulk choices, and drafting again from the blocks kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from core.text import fold_whitespace
from core.vocabulary import CONFIRMED, REVIEW_COLUMN
from drafting.draft import draft_from_parts, page_parts
from drafting.page import ARTICLE, DROP, TEASER, Block, Page
from drafting.review.actors import ACTOR_REMOVED, actor_keys
from drafting.review.events import event_key
from drafting.review.questions import renumbered, tidy_questions
from drafting.review.tables import ids_in, renamed
from drafting.review.work import Work, replace_draft
from drafting.source import DraftError

Progress = Callable[[str, str], None]
ROLES = (ARTICLE, TEASER, DROP)


def with_roles(work: Work, choices: Mapping[int, str]) -> Work:
    """Give blocks new roles at once (block index → article, teaser or drop); choices that
    name no block or no role are ignored."""
    roles = list(work.roles)
    for index, role in choices.items():
        if role in ROLES and 0 <= index < len(roles):
            roles[index] = role
    if tuple(roles) == work.roles:
        return work
    return dataclasses.replace(work, roles=tuple(roles))


def with_role(work: Work, index: int, role: str) -> Work:
    """Keep block `index` as article text, as a teaser, or drop it."""
    return with_roles(work, {index: role})


@dataclass(frozen=True)
class Run:
    """Blocks next to each other with the same role: `first` and `last` are block indexes."""

    role: str
    first: int
    last: int

    @property
    def indexes(self) -> range:
        return range(self.first, self.last + 1)

    def __len__(self) -> int:
        return self.last - self.first + 1


def runs(work: Work) -> list[Run]:
    """The blocks as runs of one role, in page order."""
    found: list[Run] = []
    for index, role in enumerate(work.roles):
        if found and found[-1].role == role:
            found[-1] = dataclasses.replace(found[-1], last=index)
        else:
            found.append(Run(role, index, index))
    return found


def role_counts(work: Work) -> dict[str, int]:
    return {role: work.roles.count(role) for role in ROLES}


def redraft(work: Work, progress: Progress | None = None) -> Work:
    """Find names and dates again in the blocks the teacher kept.

    Rows the teacher accepted stay as they are; the engine's new suggestions are added
    beside them (a suggestion whose name an accepted row already has is left out, and so is
    anything the teacher removed), and the camps, questions and glossary stay. The teasers
    are the blocks the teacher kept as related news: theirs. Raises DraftError when no
    paragraph is kept.
    """
    meta, paragraphs, teasers = page_parts(_page(work))
    if not paragraphs:
        raise DraftError("No article text: keep at least one block as the article.")
    old = work.draft
    fresh = draft_from_parts(
        {**meta, **old.meta},
        paragraphs,
        teasers,
        old.published,
        source_text=old.source_text,
        original_html=old.original_html,
        progress=progress,
    )
    fresh_work = dataclasses.replace(work, draft=fresh)
    actors, same = _kept_and_new(
        old.actors,
        (r for r in fresh.actors if not {ACTOR_REMOVED + k for k in actor_keys(r)} & work.removed),
        actor_keys,
    )
    new_events = (r for r in fresh.events if event_key(fresh_work, r) not in work.removed)
    events, _ = _kept_and_new(old.events, new_events, lambda row: {row["evidence"]})
    known = {row["id"] for row in actors}
    events = tuple({**row, "actors": ids_in(renamed(row["actors"], same), known)} for row in events)
    kept = {row["id"] for row in old.events if row[REVIEW_COLUMN] == CONFIRMED}
    dates = {k: v for k, v in fresh.event_dates.items() if k not in kept}
    dates.update((k, v) for k, v in old.event_dates.items() if k in kept)
    draft = dataclasses.replace(
        fresh,
        actors=actors,
        events=events,
        groups=old.groups,
        event_dates=MappingProxyType({r["id"]: dates[r["id"]] for r in events if r["id"] in dates}),
    )
    questions = renumbered(work.questions, old.paragraphs, draft.paragraphs)
    redrafted = dataclasses.replace(
        work, draft=draft, drafted_roles=work.roles, questions=questions
    )
    return confirm_teasers(tidy_questions(redrafted, same))


def _page(work: Work) -> Page:
    """The page with the teacher's roles; a block newly called a teaser joins the teaser
    just above it, or starts a new one with itself as the headline."""
    blocks, next_group = [], max((b.group for b in work.blocks), default=0) + 1
    previous: Block | None = None
    for block, role in zip(work.blocks, work.roles, strict=True):
        if role == TEASER and block.role != TEASER:
            if previous is not None and previous.role == TEASER:
                block = dataclasses.replace(block, group=previous.group, part="summary")
            else:
                block = dataclasses.replace(block, group=next_group, part="title")
                next_group += 1
        block = dataclasses.replace(block, role=role)
        blocks.append(block)
        previous = block if role != DROP else previous
    draft = work.draft
    return Page(dict(draft.meta), tuple(blocks), draft.source_text, draft.original_html)


def _kept_and_new(old: Iterable[dict], new: Iterable[dict], keys):
    """The accepted rows of `old`, then the rows of `new` they do not already hold; and
    which new ids an accepted row stands for (same id, or a name in common)."""
    kept = [row for row in old if row[REVIEW_COLUMN] == CONFIRMED]
    owner = {key: row["id"] for row in kept for key in keys(row)}
    ids = {row["id"] for row in kept}
    added, same = [], {}
    for row in new:
        shared = next((owner[key] for key in keys(row) if key in owner), None)
        if row["id"] in ids or shared:
            same[row["id"]] = shared or row["id"]
        else:
            added.append(row)
    return (*kept, *added), same


def confirm_teasers(work: Work) -> Work:
    """The paragraphs step showed every teaser: the ones kept are the teacher's now."""
    teasers = tuple({**row, REVIEW_COLUMN: CONFIRMED} for row in work.draft.teasers)
    return replace_draft(work, teasers=teasers)


def block_preview(block: Block, words: int = 12) -> str:
    """A block's first words, for a folded run's line."""
    shown = fold_whitespace(block.text).split(" ")
    return " ".join(shown[:words]) + (" …" if len(shown) > words else "")
