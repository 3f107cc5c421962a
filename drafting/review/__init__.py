"""The Prepare page's model: an article being prepared, and every edit the page makes to it.

Pure (no Streamlit): the page keeps one `Work` in its session and replaces it with the result
of these functions, in widget callbacks. A Work is the engine's `Draft` plus what only a
review adds (the role of each block of the page, the name to publish under, the step shown,
the teacher's questions and glossary, what the teacher removed); `files(work)` is the bundle
the reader opens. The review tables are described as plain records and their edits come back
keyed by row id, so every rule (what counts as looked at, how a merge moves events, which
dates a new publication date may move) is tested without a browser.

- `steps`: the table of steps, `Step(key, name, title)`; everything else names a step by key.
- `work`: the Work, and the About step's edits (front matter, publication date, slug).
- `paragraphs`: the roles of the page's blocks, their runs, drafting again.
- `actors`, `events`, `camps`, `questions`: each step's table records, edits, adding and
  removing; `tables` what the tables share; `checks` the live checks beside them.
- `bundle`: the Work as bundle files, checked; a bundle reopened as a Work.
- `fixes`: the bundle check's problems in a teacher's words, each with the step and row.
- `history`: undo. `saved`: the Work as JSON for the drafts folder.
"""

from drafting.draft import ATTENTION
from drafting.review.actors import (
    ACTOR_TABLE,
    MergePlan,
    actor_table,
    add_actor,
    edit_actors,
    merge_actors,
    merge_choices,
    merge_plan,
    merge_requests,
    remove_actors,
)
from drafting.review.bundle import checked, files, from_bundle
from drafting.review.camps import (
    CAMP_TABLE,
    add_camp,
    camp_labels,
    camp_table,
    edit_camps,
    remove_camps,
    set_members,
)
from drafting.review.checks import (
    date_check,
    first_sentence_with,
    found_label,
    mention_places,
    text_index,
)
from drafting.review.events import (
    EVENT_TABLE,
    add_event,
    edit_events,
    event_actor_options,
    event_choices,
    event_table,
    remove_events,
)
from drafting.review.fixes import Fix, fix_for
from drafting.review.history import History
from drafting.review.paragraphs import (
    ROLES,
    Run,
    block_preview,
    confirm_teasers,
    redraft,
    role_counts,
    runs,
    with_role,
    with_roles,
)
from drafting.review.questions import (
    GLOSSARY_TABLE,
    NOTE_REFUSED,
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
from drafting.review.saved import from_json, to_json
from drafting.review.steps import (
    ABOUT,
    ACTORS,
    CAMPS,
    EVENTS,
    PARAGRAPHS,
    PREVIEW,
    QUESTIONS,
    SOURCE,
    STEPS,
    Step,
    after,
    number,
    step,
)
from drafting.review.tables import Changes, accept, emptied
from drafting.review.work import (
    Work,
    at_step,
    begin,
    default_slug,
    published,
    with_meta,
    with_published,
    with_slug,
)

__all__ = [
    "ABOUT",
    "ATTENTION",
    "ACTORS",
    "ACTOR_TABLE",
    "CAMPS",
    "CAMP_TABLE",
    "EVENTS",
    "EVENT_TABLE",
    "GLOSSARY_TABLE",
    "NOTE_REFUSED",
    "PARAGRAPHS",
    "PREVIEW",
    "QUESTIONS",
    "ROLES",
    "SOURCE",
    "STEPS",
    "Changes",
    "Fix",
    "History",
    "MergePlan",
    "Run",
    "Step",
    "Work",
    "accept",
    "actor_table",
    "add_actor",
    "add_camp",
    "add_event",
    "add_question",
    "add_term",
    "after",
    "at_step",
    "begin",
    "block_preview",
    "camp_labels",
    "camp_table",
    "checked",
    "confirm_teasers",
    "date_check",
    "default_slug",
    "edit_actors",
    "edit_camps",
    "edit_events",
    "edit_glossary",
    "edit_questions",
    "emptied",
    "event_actor_options",
    "event_choices",
    "event_table",
    "files",
    "first_sentence_with",
    "fix_for",
    "found_label",
    "from_bundle",
    "from_json",
    "glossary_table",
    "mention_places",
    "merge_actors",
    "merge_choices",
    "merge_plan",
    "merge_requests",
    "number",
    "published",
    "question_options",
    "question_table",
    "redraft",
    "remove_actors",
    "remove_camps",
    "remove_events",
    "remove_questions",
    "remove_terms",
    "role_counts",
    "runs",
    "set_members",
    "step",
    "text_index",
    "to_json",
    "with_meta",
    "with_published",
    "with_role",
    "with_roles",
    "with_slug",
]
