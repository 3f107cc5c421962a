"""Partial dates as a bundle writes them: YYYY, YYYY-MM or YYYY-MM-DD."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTH_ABBR = tuple(calendar.month_abbr)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day; the precision is what is written."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """'year', 'month' or 'day'."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first_day(self) -> dt.date:
        """The earliest day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest day the date can mean (inclusive)."""
        if self.day is not None:
            return self.first_day()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """The date exactly as a bundle writes it."""
        parts = [f"{self.year:04d}"]
        parts += [f"{part:02d}" for part in (self.month, self.day) if part is not None]
        return "-".join(parts)

    def label(self) -> str:
        """A reader-facing label that shows only the known precision: '2022', 'Jul 2022'."""
        if self.month is None:
            return str(self.year)
        month = _MONTH_ABBR[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"


def parse_partial_date(text: str) -> PartialDate:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError naming the bad value."""
    match = _PARTIAL_DATE.fullmatch(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a real date ({error})") from None
    return PartialDate(year, month, day)


def when_label(start: PartialDate, end: PartialDate | None, qualifier: str = "") -> str:
    """'after Feb 2022', '2014–2015', '19 Jul 2022': the date as written, for readers."""
    label = start.label()
    if end is not None and end != start:
        label = f"{label}–{end.label()}"
    return f"{qualifier} {label}" if qualifier else label
