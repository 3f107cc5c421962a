"""A bundle as plain rows and text, generated from the vocabulary's columns.

The tables' rows (dicts of text keyed by core.vocabulary's columns plus `review`) and the
front matter (text keyed by `FRONT_MATTER`) are read off the dataclasses by column name, and
written as CSV in the same column order, so a new bundle field (its column, its dataclass
field) travels everywhere rows go: a zip or a published article reopened for review, a draft
written out. There is no converter per table to keep up.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping

from core.checks import FRONT_MATTER
from core.dates import PartialDate
from core.model import ArticleMeta, Bundle
from core.vocabulary import (
    ACTOR_COLUMNS,
    ACTORS_FILE,
    EVENT_COLUMNS,
    EVENTS_FILE,
    GROUP_COLUMNS,
    GROUPS_FILE,
    REVIEW_COLUMN,
    TEASER_COLUMNS,
    TEASERS_FILE,
)

# Each review table: its file, its columns, and the Bundle attribute that holds its records.
TABLES = (
    (GROUPS_FILE, GROUP_COLUMNS, "groups"),
    (ACTORS_FILE, ACTOR_COLUMNS, "actors"),
    (EVENTS_FILE, EVENT_COLUMNS, "events"),
    (TEASERS_FILE, TEASER_COLUMNS, "teasers"),
)


def cell_text(value: object) -> str:
    """A field as its file writes it: dates as YYYY, YYYY-MM or YYYY-MM-DD, lists joined by
    '|', a flag as 'true' or nothing, nothing for None."""
    if value is None or value is False:
        return ""
    if value is True:
        return "true"
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, tuple | list):
        return "|".join(cell_text(item) for item in value)
    return str(value)


def row_of(record: object, columns: Iterable[str]) -> dict[str, str]:
    """One table row from its dataclass: every column's cell, then its review state."""
    row = {column: cell_text(getattr(record, column)) for column in columns}
    row[REVIEW_COLUMN] = cell_text(getattr(record, REVIEW_COLUMN))
    return row


def table_rows(bundle: Bundle) -> dict[str, tuple[dict[str, str], ...]]:
    """Every review table's rows, keyed by the Bundle attribute ('actors', 'events'…)."""
    return {
        attribute: tuple(row_of(record, columns) for record in getattr(bundle, attribute))
        for _, columns, attribute in TABLES
    }


def front_matter(meta: ArticleMeta) -> dict[str, str]:
    """The front matter as text by key (`FRONT_MATTER`), empty where the bundle has none."""
    return {key: cell_text(getattr(meta, key)) for key in FRONT_MATTER}


def text_rows(
    rows: Iterable[Mapping[str, object]], columns: Iterable[str], extra: Iterable[str] = ()
):
    """Rows of any origin (a saved draft's JSON) as text keyed by `columns` plus `review`
    (a missing cell is empty), and any of `extra` a row has."""
    keys, extra = (*columns, REVIEW_COLUMN), tuple(extra)
    return tuple(
        {key: str(row.get(key, "") or "") for key in keys}
        | {key: str(row[key] or "") for key in extra if key in row}
        for row in rows
    )


def table_csv(
    columns: Iterable[str],
    rows: Iterable[Mapping[str, str]],
    clean: Callable[[str], str] = str,
    review: bool = True,
) -> bytes:
    """A table as CSV: a header of `columns` (and `review`), each cell passed through `clean`."""
    header = (*columns, REVIEW_COLUMN) if review else tuple(columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([clean(str(row.get(column, "") or "")) for column in header])
    return out.getvalue().encode("utf-8")
