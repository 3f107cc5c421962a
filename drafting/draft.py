"""From a page to a draft bundle: paragraphs, teasers, actors with aliases, dated events.

Every row is a plain dict keyed by core.vocabulary's columns plus `review` ('suggested'), so
it can go straight into a DataFrame or st.data_editor. What an event needs to be re-dated (the
date phrase, whether it hangs on the publication date) lives in `Draft.event_dates`, keyed by
event id, not in the row.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from core.dates import parse_partial_date
from core.text import formula_lead, starts_like_formula
from core.vocabulary import (
    ACTOR_COLUMNS,
    EVENT_COLUMNS,
    REVIEW_COLUMN,
    SUGGESTED,
    TEASER_COLUMNS,
    TEASER_SOURCE_PREFIX,
)
from drafting import dates as date_rules
from drafting import names as name_rules
from drafting.page import ARTICLE, META_KEYS, TEASER, Page, split_caption, split_page
from drafting.parsing import parse, sentence_at_char
from drafting.source import DraftError, Source

Progress = Callable[[str, str], None]
ARTICLE_LANE, TEASER_LANE = "Article", "Related news"


@dataclass(frozen=True)
class EventDate:
    """How an event's dates were read, so they can be read again against another date."""

    phrase: str
    mention: date_rules.DateMention
    base: str  # 'published', or the teaser id whose date anchors it

    @property
    def relative(self) -> bool:
        return self.mention.relative


@dataclass(frozen=True)
class Draft:
    """A drafted bundle: front matter, paragraphs, rows, and what needs a person's eye."""

    meta: Mapping[str, str]
    paragraphs: tuple[str, ...]
    teasers: tuple[dict, ...]
    actors: tuple[dict, ...]
    events: tuple[dict, ...]
    groups: tuple[dict, ...] = ()
    notes: tuple[str, ...] = ()
    source_text: str = ""
    original_html: str | None = None
    event_dates: Mapping[str, EventDate] = field(default_factory=dict)

    @property
    def published(self) -> str:
        return self.meta.get("published", "")

    @property
    def undated_events(self) -> tuple[dict, ...]:
        """Events whose relative date waits for a publication date; left out of the bundle."""
        return tuple(row for row in self.events if not row["start"])


def draft_source(source: Source, published: str | None = None, progress: Progress | None = None):
    """The whole pipeline: read → paragraphs → names → dates."""
    report = progress or _silent
    size = len(source.text.encode("utf-8"))
    report(
        "reading",
        f"{source.name}: {'web page' if source.kind == 'html' else 'text'}, {size / 1024:.0f} KB",
    )
    return draft_page(split_page(source), published, report)


def draft_page(page: Page, published: str | None = None, progress: Progress | None = None):
    """Draft names and dates for a split page; `published` overrides the page's own date."""
    meta, paragraphs, teasers = page_parts(page)
    report = progress or _silent
    dropped = sum(block.role not in (ARTICLE, TEASER) for block in page.blocks)
    report(
        "paragraphs",
        f"{len(paragraphs)} paragraphs, {len(teasers)} teasers, {dropped} blocks left out",
    )
    return draft_from_parts(
        meta,
        paragraphs,
        teasers,
        published,
        source_text=page.source_text,
        original_html=page.original_html,
        progress=report,
        notes=page.notes,
    )


def page_parts(page: Page) -> tuple[dict[str, str], tuple[str, ...], tuple[dict, ...]]:
    """Front matter, the paragraphs kept as article and teaser rows, from the blocks' roles
    (a review screen changes roles, then drafts again with draft_from_parts)."""
    teasers: dict[int, dict] = {}
    for block in page.blocks:
        if block.role != TEASER:
            continue
        row = teasers.setdefault(block.group, dict.fromkeys((*TEASER_COLUMNS, REVIEW_COLUMN), ""))
        part = block.part or "summary"
        if part == "image_caption":
            row["image_caption"], row["image_credit"] = split_caption(block.text)
        elif part == "summary":
            row["summary"] = f"{row['summary']}\n\n{block.text}".strip()
        elif not row[part]:
            row[part] = block.text
    return dict(page.meta), page.paragraphs, tuple(teasers.values())


def draft_from_parts(
    meta: Mapping[str, str],
    paragraphs,
    teasers,
    published: str | None = None,
    *,
    source_text: str,
    original_html: str | None = None,
    progress: Progress | None = None,
    notes: tuple[str, ...] = (),
) -> Draft:
    """Draft actors and events for the given paragraphs and teaser rows."""
    report = progress or _silent
    front = {key: str(meta.get(key, "") or "") for key in META_KEYS}
    if published is not None:
        front["published"] = _checked_published(published)
    paragraphs = tuple(p for p in (" ".join(str(p).split()) for p in paragraphs) if p)
    if not paragraphs:
        raise DraftError("No article text: keep at least one paragraph.")
    teaser_rows = _teaser_rows(teasers)
    texts = _Texts(front, paragraphs, teaser_rows)
    docs = parse(_model(), texts.strings)
    actors = name_rules.merge(name_rules.mentions_in(docs, texts.credits))
    name_rules.add_surnames(actors, texts.strings)
    actor_rows, actor_notes = _actor_rows(actors, texts, docs)
    report("names", _names_summary(actor_rows))
    event_rows, event_dates = _events(docs, texts, actor_rows, actors, front, teaser_rows)
    draft = Draft(
        front,
        paragraphs,
        teaser_rows,
        tuple(actor_rows),
        tuple(event_rows),
        source_text=source_text,
        original_html=original_html,
        event_dates=MappingProxyType(event_dates),
    )
    undated = len(draft.undated_events)
    report(
        "dates",
        f"{len(event_rows) - undated} dated events"
        + (f", {undated} waiting for the publication date" if undated else ""),
    )
    return dataclasses.replace(draft, notes=(*notes, *_notes(draft), *actor_notes))


def redate(draft: Draft, published: str | None) -> tuple[Draft, int]:
    """Read relative dates again against a new publication date; (new draft, events moved)."""
    value = _checked_published(published or "")
    meta = {**draft.meta, "published": value}
    moved, rows = 0, []
    for row in draft.events:
        dating = draft.event_dates.get(row["id"])
        if dating is None or not dating.relative or dating.base != "published":
            rows.append(row)
            continue
        new = {**row, **_date_cells(dating, value or None)}
        moved += any(new[k] != row[k] for k in ("start", "end", "qualifier"))
        rows.append(new)
    updated = dataclasses.replace(draft, meta=meta, events=tuple(rows))
    notes = tuple(n for n in draft.notes if not n.startswith(_DATE_NOTE_PREFIXES))
    return dataclasses.replace(updated, notes=(*_notes(updated), *notes)), moved


def formula_safe(text: str) -> str:
    """Drop what a spreadsheet would run as a formula from the start of a cell (OWASP):
    '=HYPERLINK(…' → 'HYPERLINK(…'. The result is still a verbatim piece of the text."""
    return text[formula_lead(text) :] if starts_like_formula(text) or text[:1].isspace() else text


# --- the texts names and dates are read from --------------------------------------------------


class _Texts:
    """Every text of the bundle in reading order, with where each one comes from."""

    def __init__(self, meta: dict, paragraphs: tuple[str, ...], teasers: tuple[dict, ...]):
        self.strings: list[str] = []
        self.where: list[tuple[str, int]] = []  # ('meta'|'paragraph'|'teaser', teaser index)
        credits: list[int] = []
        for key in ("title", "dek"):
            self._add(meta[key], "meta")
        for paragraph in paragraphs:
            self._add(paragraph, "paragraph")
        for key in ("republication_credit", "image_caption", "image_credit"):
            if self._add(meta[key], "meta") and key == "image_credit":
                credits.append(len(self.strings) - 1)
        for number, teaser in enumerate(teasers):
            self._add(teaser["title"], "teaser title", number)
            for text in _paragraphs(teaser["summary"]):
                self._add(text, "teaser", number)
            self._add(teaser["image_caption"], "caption", number)
            if self._add(teaser["image_credit"], "caption", number):
                credits.append(len(self.strings) - 1)
        self.credits = frozenset(credits)

    def _add(self, text: str, where: str, number: int = -1) -> bool:
        if text.strip():
            self.strings.append(text)
            self.where.append((where, number))
        return bool(text.strip())


def _paragraphs(summary: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", summary) if p.strip()]


def _teaser_rows(teasers) -> tuple[dict, ...]:
    rows, taken = [], set()
    for teaser in teasers:
        row = {column: str(teaser.get(column, "") or "") for column in TEASER_COLUMNS}
        if not row["title"].strip():
            continue
        row["id"] = name_rules.slug(row["title"], taken, f"teaser-{len(rows) + 1}")
        row[REVIEW_COLUMN] = SUGGESTED
        rows.append(row)
    return tuple(rows)


# --- actors ----------------------------------------------------------------------------------


def _actor_rows(actors, texts: _Texts, docs) -> tuple[list[dict], list[str]]:
    """Rows with evidence (the first sentence naming the actor), and notes on metonyms."""
    first: dict[int, tuple[int, int]] = {}
    for index, text in enumerate(texts.strings):
        for start, _, actor in name_rules.alias_spans(text, actors):
            first.setdefault(id(actor), (index, start))
    rows, notes, taken = [], [], set()
    for actor in actors:
        if id(actor) not in first:
            continue
        index, start = first[id(actor)]
        row = dict.fromkeys((*ACTOR_COLUMNS, REVIEW_COLUMN), "")
        row.update(
            id=name_rules.slug(actor.name, taken, f"actor-{len(rows) + 1}"),
            name=actor.name,
            kind=actor.kind,
            role=formula_safe(actor.role),
            aliases="|".join(actor.aliases),
            evidence=formula_safe(_sentence(docs[index], start)),
            review=SUGGESTED,
        )
        rows.append(row)
        if actor.note:
            notes.append(actor.note)
    return rows, notes


def _sentence(doc, char: int) -> str:
    return sentence_at_char(doc, char).text.strip()


def _names_summary(rows: list[dict]) -> str:
    counts = Counter(row["kind"] for row in rows)
    kinds = ", ".join(f"{kind} {n}" for kind, n in counts.most_common())
    return f"{len(rows)} actors" + (f" ({kinds})" if kinds else "")


# --- events ----------------------------------------------------------------------------------


def _events(docs, texts: _Texts, actor_rows, actors, meta, teasers):
    ids_by_alias = {alias: row["id"] for row in actor_rows for alias in row["aliases"].split("|")}
    rows, dating, taken = [], {}, set()
    for index, doc in enumerate(docs):
        where, number = texts.where[index]
        if where not in ("paragraph", "teaser"):
            continue
        base_key = "published" if where == "paragraph" else teasers[number]["id"]
        for sentence in doc.sents:
            for mention in date_rules.find_dates(sentence.text):
                event_date = EventDate(mention.phrase, mention, base_key)
                base = meta["published"] if where == "paragraph" else teasers[number]["date"]
                title = _event_title(sentence, mention)
                row = dict.fromkeys((*EVENT_COLUMNS, REVIEW_COLUMN), "")
                row.update(
                    id=name_rules.slug(title, taken, f"event-{len(rows) + 1}"),
                    title=title,
                    lane=ARTICLE_LANE if where == "paragraph" else TEASER_LANE,
                    actors="|".join(_actor_ids(sentence.text, actors, ids_by_alias)),
                    status=date_rules.status_hint(sentence.text),
                    evidence=formula_safe(sentence.text.strip()),
                    source="article"
                    if where == "paragraph"
                    else f"{TEASER_SOURCE_PREFIX}{teasers[number]['id']}",
                    review=SUGGESTED,
                )
                row.update(_date_cells(event_date, base or None))
                rows.append(row)
                dating[row["id"]] = event_date
    return rows, dating


def _date_cells(dating: EventDate, base: str | None) -> dict[str, str]:
    resolved = dating.mention.resolve(base)
    if resolved is None:
        needed = "publication date" if dating.base == "published" else "teaser's date"
        summary = f"“{dating.phrase}” needs the {needed} to be placed on the timeline."
        return {"start": "", "end": "", "qualifier": dating.mention.qualifier, "summary": summary}
    summary = ""
    if dating.relative:
        summary = f"Dated from “{dating.phrase}”, counted from the publication date ({base})."
    return {
        "start": resolved.start,
        "end": resolved.end,
        "qualifier": resolved.qualifier,
        "summary": formula_safe(summary),
    }


def _actor_ids(sentence: str, actors, ids_by_alias: dict[str, str]) -> list[str]:
    found = []
    for _, _, actor in name_rules.alias_spans(sentence, actors):
        actor_id = next((ids_by_alias[a] for a in actor.aliases if a in ids_by_alias), None)
        if actor_id and actor_id not in found:
            found.append(actor_id)
    return found


def _event_title(sentence, mention) -> str:
    """A short title, who did what, from the clause the date belongs to; a person edits it."""
    begin = sentence.start_char + mention.begin
    end = sentence.start_char + mention.end
    inside = {t.i for t in sentence if begin <= t.idx < end}
    head, noun = _clause_head(inside, sentence)
    words = _clause_words(head, inside) if head.pos_ in ("VERB", "AUX") else []
    if len(words) < 2 and noun is not None:
        words = _compact(noun, inside, 10)
    text = _join(words)
    if len(text.split()) < 2:
        text = _join([t for t in sentence if t.i not in inside and not t.is_punct][:10])
    text = formula_safe(text.strip(" ,;:–—-")) or mention.phrase
    return text[:1].upper() + text[1:90]


def _clause_words(head, inside: set[int]) -> list:
    """Subject, verb (with its auxiliaries) and object of the clause headed by `head`."""
    words: list = []
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects and head.dep_ == "xcomp":  # 'declined to confirm': the outer clause
        outer = _clause_words(head.head, inside)[:8]
        objects = [c for c in head.children if c.dep_ == "dobj"]
        words = [*outer, *(c for c in head.children if c.dep_ == "aux"), head]
        return words + (_compact(objects[0], inside, 5) if objects else [])
    relative = head.dep_ in ("relcl", "acl")
    if relative and (not subjects or subjects[0].tag_ in ("WDT", "WP")):
        words += _compact(head.head, inside, 6)  # 'which took place' → 'the meeting took place'
        subjects = subjects or [head.head]
    elif subjects:
        words += _compact(subjects[0], inside, 6)
    words += [c for c in head.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < head.i]
    words += [head, *(c for c in head.children if c.dep_ == "prt")]
    objects = [
        c
        for c in head.children
        if c.dep_ in ("dobj", "attr", "dative", "oprd", "acomp") and c.i > head.i
    ]
    if objects:
        words += _compact(objects[0], inside, 7)
    elif relative and subjects and subjects[0].tag_ not in ("WDT", "WP"):
        words += _compact(head.head, inside, 6)  # 'Russia launched [the satellite]'
    else:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.i > head.i):
            objects = [c for c in prep.children if c.dep_ == "pobj" and c.i not in inside]
            if objects:
                words += [prep, *_compact(objects[0], inside, 6)]
                break
    return words


def _clause_head(inside: set[int], sentence):
    """The verb a date phrase belongs to (or the noun, as in 'the 2018 decision'), and the
    first noun on the way there, for when the verb alone says too little."""
    tokens = [t for t in sentence if t.i in inside]
    if not tokens:
        return sentence.root, None
    token = next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[0])
    noun = None
    while token.head != token and token.pos_ not in ("VERB", "AUX"):
        if token.pos_ in ("NOUN", "PROPN") and token.i not in inside:
            if token.dep_ != "pobj":
                return token, token
            noun = noun or token
        token = token.head
    return token, noun


def _compact(token, inside: set[int], limit: int) -> list:
    """The phrase a token heads, without clauses hanging off it, at most `limit` words."""
    skip = ("relcl", "appos", "acl", "advcl", "ccomp", "punct", "cc", "conj", "prep")
    words = [token]
    for child in token.children:
        if child.dep_ in skip and child.i > token.i:
            continue
        words += [t for t in child.subtree if t.i not in inside]
    words = sorted(set(words), key=lambda t: t.i)
    if len(words) > limit:
        words = [t for t in words if t.i <= token.i][-limit:]
    return words


def _join(tokens) -> str:
    """Tokens as the text spells them: no space inside 'high-level' or before a comma."""
    ordered = sorted(set(tokens), key=lambda t: t.i)
    if not ordered:
        return ""  # a sentence that is nothing but its date phrase
    parts = []
    for here, after in zip(ordered, [*ordered[1:], None], strict=True):
        gap = here.whitespace_ if after is not None and after.i == here.i + 1 else " "
        parts.append(here.text + gap)
    return "".join(parts).strip()


# --- notes -----------------------------------------------------------------------------------

_DATE_NOTE_PREFIXES = ("No publication date", "Publication date", "Dates counted")  # _notes()


def _notes(draft: Draft) -> tuple[str, ...]:
    notes = []
    relative = sum(d.relative and d.base == "published" for d in draft.event_dates.values())
    if not draft.published:
        notes.append(
            "No publication date found: it is left out of article.md. Give it "
            "(PUBLISHED=YYYY-MM-DD) so relative dates can be placed."
        )
    elif relative:
        notes.append(
            f"Dates counted from the publication date {draft.published}: {relative} "
            "events say 'last month', 'in July' or the like; check them."
        )
    waiting = [draft.event_dates[row["id"]].base for row in draft.undated_events]
    on_article = waiting.count("published")
    if on_article:
        notes.append(
            f"Publication date needed: {on_article} events with relative dates are left "
            "out of events.csv until it is known."
        )
    if len(waiting) > on_article:
        notes.append(
            f"Dates counted from a teaser's date: {len(waiting) - on_article} teaser events "
            "say 'on Thursday', 'today' or the like; they wait for the teaser's date."
        )
    return tuple(notes)


def _checked_published(value: str) -> str:
    value = value.strip()
    if value:
        try:
            parse_partial_date(value)
        except ValueError as error:
            raise DraftError(f"Publication date {value!r}: {error}.") from None
    return value


def _model():
    from drafting.model import load_model

    return load_model()


def _silent(step: str, detail: str) -> None:
    """The default progress report: say nothing."""
