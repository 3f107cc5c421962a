"""Undo: a short history of the Work, each earlier Work with what the edit after it did.

Every edit the Prepare page makes is one entry, however many rows it changed (a merge, a
table edit, a bulk choice of paragraphs), so one undo takes it back whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafting.review.work import Work

LIMIT = 30  # Works are immutable and share their unchanged rows, so each costs little


@dataclass(frozen=True)
class History:
    """Earlier Works, the latest last, each paired with what the next edit did."""

    entries: tuple[tuple[Work, str], ...] = ()

    def record(self, before: Work, what: str) -> History:
        """`before` was the Work until an edit that did `what` ('merge Kremlin into Putin')."""
        return History((*self.entries, (before, what))[-LIMIT:])

    @property
    def last(self) -> str:
        """What an undo would take back; '' when there is nothing to undo."""
        return self.entries[-1][1] if self.entries else ""

    def undo(self) -> tuple[Work, str, History]:
        """The Work before the last edit, what that edit did, and the history before it.

        Raises IndexError when there is nothing to undo."""
        before, what = self.entries[-1]
        return before, what, History(self.entries[:-1])
