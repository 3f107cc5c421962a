"""The one refusal the class's storage raises, with a message written for a student or teacher.

The views show `str(error)` as it is, keep what was typed in the box, and never show a
traceback; `reason` says which refusal it was, for a view that words something around it.
"""

from __future__ import annotations

from core.vocabulary import (
    CLASS_DAYS_MAX,
    CLASS_DAYS_MIN,
    MAX_DISPLAY_NAME_CHARS,
    MAX_QUOTE_CHARS,
    MAX_RESPONSE_CHARS,
    MAX_TAGS_PER_KIND,
    MAX_WORD_LIST_ENTRIES,
)

MESSAGES = {
    "unknown_class": "No class has that code, or its time is up. Check the code on the board.",
    "not_teacher": "That teacher key does not open this class.",
    "unknown_seat": "This seat is not in the class any more. Join again with the class code.",
    "unknown_rejoin": "No seat in this class has that rejoin code. Check it, or join again.",
    "blocked": "The teacher has paused your posts in this class.",
    "frozen": "The teacher has paused the wall: nothing new can be sent for now.",
    "class_full": "This class is full. Ask the teacher.",
    "too_many_joins": "Too many people are joining at once: wait a minute and try again.",
    "too_many_rejoins": "Too many wrong rejoin codes in this class: wait a minute and try again.",
    "too_many_posts": "Too many posts: wait a minute and send again.",
    "empty": "Write something first.",
    "too_long": f"That is too long: at most {MAX_RESPONSE_CHARS} characters. Shorten it and "
    "send again.",
    "quote_too_long": f"That quote is too long: at most {MAX_QUOTE_CHARS} characters.",
    "name_too_long": f"That name is too long: at most {MAX_DISPLAY_NAME_CHARS} characters.",
    "bad_kind": "A response is an answer to a question or a note on a paragraph.",
    "no_question": "Choose the question this answers.",
    "no_paragraph": "Choose the paragraph this note is on.",
    "bad_tag": "A tag must be one of the article's actors or events.",
    "too_many_tags": f"At most {MAX_TAGS_PER_KIND} actors and {MAX_TAGS_PER_KIND} events.",
    "bad_days": f"A class lasts from {CLASS_DAYS_MIN} to {CLASS_DAYS_MAX} days.",
    "bad_article": "That article name is not valid.",
    "bad_state": "That is not a state a response can have.",
    "unknown_response": "That response is not there any more.",
    "not_yours": "You can only change your own responses.",
    "word_list_too_long": f"The word list holds at most {MAX_WORD_LIST_ENTRIES} entries of "
    "at most 64 characters.",
    "unavailable": "The class's database is not answering; your text is still in the box. "
    "Try again in a moment.",
}


class ClassError(Exception):
    """A refusal: `str(error)` is the message to show, `reason` one of MESSAGES' keys."""

    def __init__(self, reason: str):
        super().__init__(MESSAGES[reason])
        self.reason = reason

    @property
    def message(self) -> str:
        return MESSAGES[self.reason]
