"""The live checks beside the review tables: where a quote stands, where an actor is named,
whether a date is one, and the sentence that names something first.

They look quotes up where the validator does (core.model.quote_places), so "✓ found in ¶3"
here means the bundle check will find it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from core.dates import parse_partial_date
from core.mentions import build_alias_index, find_mentions
from core.model import quote_places, teaser_texts
from core.text import SearchableText, fold_whitespace, split_ids
from drafting.dates import after_publication
from drafting.draft import EventDate, formula_safe
from drafting.review.work import Work

# A sentence ends at . ! ? or … (with any closing quotes or brackets) before a space and a
# capital, a digit or an opening quote...
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
# ...unless the dot closes an initial ('U.S.', 'J. Smith') or a common abbreviation.
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "mx", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt",
    "rep", "sen", "gov", "pres", "no", "vs", "etc", "inc", "ltd", "co", "corp", "mt", "ft",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
))  # fmt: skip
_LAST_WORD = re.compile(r"(\w+)\W*$")


@dataclass(frozen=True)
class TextIndex:
    """The draft's texts with a label each (¶3, title, teaser 2), to say where a quote is."""

    labels: tuple[str, ...]
    texts: tuple[SearchableText, ...]
    sources: tuple[tuple[str, ...], ...]

    def place(self, quote: str) -> str:
        """Where `quote` stands verbatim: '¶3', 'title', 'teaser 2'; '' when nowhere."""
        for label, text in zip(self.labels, self.texts, strict=True):
            if text.has_quote(quote):
                return label
        return ""

    def sentences(self) -> Iterator[str]:
        """Every sentence of every text, in reading order, whitespace folded."""
        for texts in self.sources:
            for text in texts:
                yield from sentences(fold_whitespace(text))


@lru_cache(maxsize=8)
def text_index(work: Work) -> TextIndex:
    draft = work.draft
    teasers = (
        teaser_texts(t["title"], t["summary"], t["image_caption"], t["image_credit"])
        for t in draft.teasers
    )
    places = quote_places(draft.paragraphs, draft.meta, teasers)
    return TextIndex(
        tuple(label for label, _ in places),
        tuple(SearchableText.of(texts) for _, texts in places),
        tuple(texts for _, texts in places),
    )


def found_label(index: TextIndex, quote: str) -> str:
    """The live check beside an evidence cell."""
    if not quote.strip():
        return "✗ no quote yet"
    place = index.place(quote)
    return f"✓ found in {place}" if place else "✗ not found in the text"


def sentences(text: str) -> Iterator[str]:
    """The sentences of `text`; a dot after an initial or an abbreviation ends none."""
    start = 0
    for end in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text, start, end.start() + 1)
        if end.group().startswith(".") and word and _abbreviation(word.group(1)):
            continue
        yield text[start : end.end()].strip()
        start = end.end()
    if text[start:].strip():
        yield text[start:].strip()


def _abbreviation(word: str) -> bool:
    return (len(word) == 1 and word.isupper()) or word.casefold() in _ABBREVIATIONS


def first_sentence_with(work: Work, phrase: str) -> str:
    """The first sentence of the article (then the front matter, then a teaser) that names
    `phrase` as whole words, as evidence; '' when none does."""
    phrase = fold_whitespace(phrase)
    if not phrase:
        return ""
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
    found = next((s for s in text_index(work).sentences() if pattern.search(s)), "")
    return formula_safe(found)


@lru_cache(maxsize=8)
def mention_places(work: Work) -> dict[str, tuple[int, tuple[int, ...]]]:
    """Actor id → (mentions in the article, the paragraphs they are in): every alias found
    everywhere, as the reader finds them (longest alias first, whole words)."""
    index = build_alias_index(
        (alias, row["id"]) for row in work.draft.actors for alias in split_ids(row["aliases"])
    )
    counts: dict[str, int] = {}
    where: dict[str, list[int]] = {}
    for number, paragraph in enumerate(work.draft.paragraphs, 1):
        for span in find_mentions(fold_whitespace(paragraph), index):
            counts[span.key] = counts.get(span.key, 0) + 1
            places = where.setdefault(span.key, [])
            if not places or places[-1] != number:
                places.append(number)
    return {key: (counts[key], tuple(where[key])) for key in counts}


def mentions_label(places: tuple[int, tuple[int, ...]] | None) -> str:
    if not places:
        return "not in the article"
    count, paragraphs = places
    shown = ", ".join(f"¶{n}" for n in paragraphs[:8]) + (" …" if len(paragraphs) > 8 else "")
    return f"{count} × in {shown}"


def date_check(row: Mapping[str, str], dating: EventDate | None = None, published: str = "") -> str:
    """The live check of an event's dates, as typed; `dating` says how the engine read a
    date that still waits for the date it is counted from. An article's event that starts
    after the `published` date is warned about, never shown as checked: the article cannot
    report it, so the year or the reading is wrong (a teaser may look ahead)."""
    start, end = row["start"].strip(), row["end"].strip()
    if not start:
        if dating is not None:
            needed = "publication date" if dating.base == "published" else "teaser's date"
            return f"✗ “{dating.phrase}” needs the {needed}"
        return "✗ needs a start date"
    try:
        first = parse_partial_date(start)
        last = parse_partial_date(end) if end else None
    except ValueError as error:
        return f"✗ {error}"
    if last is not None and last.last_day() < first.first_day():
        return "✗ the end is before the start"
    label = first.label() + (f"–{last.label()}" if last and last != first else "")
    if row.get("source", "article") == "article" and after_publication(start, published):
        return f"⚠ {label}: after the publication date"
    return f"✓ {row['qualifier'] + ' ' if row['qualifier'] else ''}{label}"
