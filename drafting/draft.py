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
from drafting.events import (
    SPEAKERS_DAYS,
    event_title,
    group_rows,
    quotations,
    quoted,
    sentence_topics,
    told_note,
)
from drafting.lines import classify
from drafting.page import ARTICLE, META_KEYS, TEASER, Page, split_caption, split_page
from drafting.parsing import doc_text, parse, sentence_at_char
from drafting.source import DraftError, Source

Progress = Callable[[str, str], None]
# A drafted row's reason to be looked at first ('' for none): low confidence, no evidence in
# the article, a possible duplicate, a date after the publication date. Not a bundle column:
# the review shows it, the bundle files leave it out.
ATTENTION = "attention"
ARTICLE_LANE, TEASER_LANE = "Article", "Related news"


@dataclass(frozen=True)
class EventDate:
    """How an event's dates were read, so they can be read again against another date."""

    phrase: str
    mention: date_rules.DateMention
    base: str  # 'published', or the teaser id whose date anchors it
    told: tuple[str, ...] = ()  # where the sentences folded into the event stand ('¶3')

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
    teaser_blocks = sum(block.role == TEASER for block in page.blocks)
    titled = sum(bool(str(row.get("title", "")).strip()) for row in teasers)
    report(  # the teasers the draft will hold (a block group without a headline is none)
        "paragraphs",
        f"{len(paragraphs)} paragraphs, {titled} related news teasers in {teaser_blocks} "
        f"blocks, {dropped} blocks left out",
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
        elif part == "date":  # 'Nov 22, 2024' as 2024-11-22; a stamp ('2 hours ago') gives none
            row["date"] = row["date"] or date_rules.find_published_date(block.text)
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
    actors = name_rules.merge(name_rules.mentions_in(docs, texts.credits, texts.headings))
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
        new = row
        if dating is not None and dating.relative and dating.base == "published":
            new = {**row, **_date_cells(dating, value or None)}
            moved += any(new[k] != row[k] for k in ("start", "end", "qualifier"))
        if new.get(REVIEW_COLUMN) == SUGGESTED:  # what the teacher took over needs no flag
            new = {**new, ATTENTION: _event_attention(new, value)}
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
    """Every text of the bundle in reading order, with where each one comes from; which are
    photo credits (`credits`) and which are headings (`headings`: the title, sub-headings and
    teasers' headlines, where no actor is taken from)."""

    def __init__(self, meta: dict, paragraphs: tuple[str, ...], teasers: tuple[dict, ...]):
        self.strings: list[str] = []
        self.where: list[tuple[str, int]] = []  # ('meta'|'paragraph'|'teaser', teaser index)
        credits: list[int] = []
        headings: list[int] = []
        if self._add(meta["title"], "title"):
            headings.append(0)
        self._add(meta["dek"], "meta")
        for paragraph in paragraphs:
            if self._add(paragraph, "paragraph") and _is_heading(paragraph):
                headings.append(len(self.strings) - 1)
        self._add(meta["republication_credit"], "meta")
        self._add(meta["image_caption"], "caption")
        if self._add(meta["image_credit"], "caption"):
            credits.append(len(self.strings) - 1)
        for number, teaser in enumerate(teasers):
            if self._add(teaser["title"], "teaser title", number):
                headings.append(len(self.strings) - 1)
            for text in _paragraphs(teaser["summary"]):
                self._add(text, "teaser", number)
            self._add(teaser["image_caption"], "caption", number)
            if self._add(teaser["image_credit"], "caption", number):
                credits.append(len(self.strings) - 1)
        self.credits = frozenset(credits)
        self.headings = frozenset(headings)
        self.publisher = meta["publisher"]
        self.datelines = [
            found.group(1)
            for text in paragraphs[:1]
            if (found := _DATELINE_AGENCY.match(text)) is not None
        ]

    def _add(self, text: str, where: str, number: int = -1) -> bool:
        if text.strip():
            self.strings.append(text)
            self.where.append((where, number))
        return bool(text.strip())

    @property
    def labels(self) -> list[str]:
        """Where each text stands, for a person: '¶3', 'teaser 2', '' for the header."""
        labels, paragraph = [], 0
        for where, number in self.where:
            paragraph += where == "paragraph"
            labels.append(
                f"¶{paragraph}"
                if where == "paragraph"
                else f"teaser {number + 1}"
                if number >= 0
                else ""
            )
        return labels


def _is_heading(paragraph: str) -> bool:
    """A sub-heading kept with the article: a line that is no sentence."""
    return classify(paragraph)[0] in ("heading", "short")


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
    """Rows with evidence (the first sentence of the article naming the actor, else the first
    anywhere) and why a row needs a person's eye first (`ATTENTION`), those rows first; and
    notes on metonyms."""
    first: dict[int, tuple[int, int]] = {}
    order = sorted(range(len(texts.strings)), key=lambda i: texts.where[i][0] != "paragraph")
    for index in (i for i in order if i not in texts.headings):
        for start, _, actor in name_rules.alias_spans(texts.strings[index], actors):
            first.setdefault(id(actor), (index, start))
    rows, notes, taken = [], [], set()
    own = _own_outlets(texts)
    for actor in actors:
        if id(actor) not in first or _no_actor(actor, own):
            continue
        index, start = first[id(actor)]
        row = dict.fromkeys((*ACTOR_COLUMNS, REVIEW_COLUMN, ATTENTION), "")
        row.update(
            id=name_rules.slug(actor.name, taken, f"actor-{len(rows) + 1}"),
            name=actor.name,
            kind=actor.kind,
            role=formula_safe(actor.role),
            aliases="|".join(actor.aliases),
            evidence=formula_safe(_sentence(docs[index], start)),
            review=SUGGESTED,
        )
        row[ATTENTION] = _reasons(actor.attention, _named_outside(texts.where[index][0]))
        rows.append(row)
        if actor.note:
            notes.append(actor.note)
    return _attention_first(rows), notes


def _no_actor(actor, own_outlets: frozenset[str]) -> bool:
    """A name that is no actor of the story: the outlet that reports it ('told DW', 'LOS
    ANGELES (Reuters) -'), or a place named only to describe a person ('US historian')."""
    if name_rules.name_key(actor.name) in own_outlets:
        return True
    return all(mention.describes for mention in actor.mentions)


# 'LOS ANGELES (Reuters) - …': the agency that filed the story.
_DATELINE_AGENCY = re.compile(r"^[A-Z][A-Z .,'’-]+\(([A-Z][\w .&]+)\)\s*[-–—]")


def _own_outlets(texts: _Texts) -> frozenset[str]:
    """The outlet that publishes or files the article, by its name key: the publisher
    ('DW.COM' is DW) and the agency of a dateline."""
    names = {texts.publisher, *texts.datelines}
    keys = {
        name_rules.name_key(re.sub(r"\.(?:com|org|net|co\.uk)$", "", n, flags=re.I)) for n in names
    }
    return frozenset(keys - {""})


_PLACES = {"meta": "the header", "teaser": "related news", "teaser title": "related news",
           "caption": "a caption", "title": "the title"}  # fmt: skip


def _named_outside(where: str) -> str:
    """Why a row named only outside the article's sentences and the related news (the title,
    the header, a caption or photo credit) needs a look: its evidence is no sentence."""
    if where in ("paragraph", "teaser"):
        return ""
    return f"no evidence in the article: named in {_PLACES[where]}"


def _reasons(*reasons: str) -> str:
    return "; ".join(reason for reason in reasons if reason)


def _attention_first(rows: list[dict]) -> list[dict]:
    """The rows that need a person's eye first, each group in the order the text names them."""
    return sorted(rows, key=lambda row: not row[ATTENTION])


def _sentence(doc, char: int) -> str:
    return sentence_at_char(doc, char).text.strip()


def _names_summary(rows: list[dict]) -> str:
    counts = Counter(row["kind"] for row in rows)
    kinds = ", ".join(f"{kind} {n}" for kind, n in counts.most_common())
    return f"{len(rows)} actors" + (f" ({kinds})" if kinds else "")


# --- events ----------------------------------------------------------------------------------


def _events(docs, texts: _Texts, actor_rows, actors, meta, teasers):
    """One row per dated happening, its title from the date's clause, the attention rows
    first; and how each row was dated."""
    ids_by_alias = {alias: row["id"] for row in actor_rows for alias in row["aliases"].split("|")}
    rows, dating, bases, taken = [], {}, {}, set()
    keys, mains, places, about, labels = [], [], [], [], texts.labels
    for index, doc in enumerate(docs):
        where, number = texts.where[index]
        if where not in ("paragraph", "teaser"):
            continue
        base_key = "published" if where == "paragraph" else teasers[number]["id"]
        base = meta["published"] if where == "paragraph" else teasers[number]["date"]
        names = [
            (start, end, actor.name, actor.kind == name_rules.PERSON)
            for start, end, actor in name_rules.alias_spans(doc_text(doc), actors)
        ]
        said = quotations(doc_text(doc))
        for sentence in doc.sents:
            for mention in date_rules.find_dates(sentence):  # tense from the parse
                if mention.kind in SPEAKERS_DAYS and quoted(
                    said, sentence.start_char + mention.begin
                ):
                    continue  # 'today' in a quotation is the day it was said
                event_date = EventDate(mention.phrase, mention, base_key)
                title = formula_safe(
                    event_title(sentence, mention.begin, mention.end, names) or mention.phrase
                )
                row = dict.fromkeys((*EVENT_COLUMNS, REVIEW_COLUMN, ATTENTION), "")
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
                dating[row["id"]], bases[row["id"]] = event_date, base
                keys.append(_dated_alike(row, mention))
                mains.append(frozenset(_actor_ids(title, actors, ids_by_alias)))
                places.append(labels[index])
                about.append(sentence_topics(sentence, mention.begin, mention.end))
    rows, told = group_rows(rows, keys, mains, places, about)
    dating = {row["id"]: dating[row["id"]] for row in rows}
    for row in rows:
        if row["id"] in told:
            dating[row["id"]] = dataclasses.replace(dating[row["id"]], told=tuple(told[row["id"]]))
            row.update(_date_cells(dating[row["id"]], bases[row["id"]] or None))
        row[ATTENTION] = _event_attention(row, meta["published"])
    return _attention_first(rows), dating


def _dated_alike(row: dict, mention: date_rules.DateMention) -> tuple:
    """What two rows must share to be one happening's: source and dates, and for a relative
    date the phrase's kind and words, so a new publication date moves them alike."""
    words = tuple(  # 'on Sunday' and 'Sunday's' are read alike
        (key, value.casefold())
        for key, value in mention.parts
        if key != "phrase" and (key, value.casefold()) != ("which", "on")
    )
    phrase = (mention.kind, words, mention.future) if mention.relative else ()
    return (row["source"], row["start"], row["end"], row["qualifier"], phrase)


def _event_attention(row: dict, published: str) -> str:
    """Why an event row needs a person's eye first."""
    if not row["start"]:
        waiting = "the publication date" if row["source"] == "article" else "the teaser's date"
        return f"waiting for {waiting}"
    after = row["source"] == "article" and date_rules.after_publication(row["start"], published)
    return _reasons(
        "⚠ after the publication date" if after else "",
        "" if row["actors"] else "no actor named in its sentence",
    )


def _date_cells(dating: EventDate, base: str | None) -> dict[str, str]:
    """Start, end, qualifier and the summary (how it was dated, how many sentences tell of
    it) of an event dated as `dating` says, against `base`."""
    told = told_note(dating.told) if len(dating.told) > 1 else ""
    resolved = dating.mention.resolve(base)
    if resolved is None:
        needed = "publication date" if dating.base == "published" else "teaser's date"
        summary = f"“{dating.phrase}” needs the {needed} to be placed on the timeline."
        summary = f"{summary} {told}".strip()
        return {"start": "", "end": "", "qualifier": dating.mention.qualifier, "summary": summary}
    summary = ""
    if dating.relative:
        summary = f"Dated from “{dating.phrase}”, counted from the publication date ({base})."
    return {
        "start": resolved.start,
        "end": resolved.end,
        "qualifier": resolved.qualifier,
        "summary": formula_safe(f"{summary} {told}".strip()),
    }


def _actor_ids(sentence: str, actors, ids_by_alias: dict[str, str]) -> list[str]:
    found = []
    for _, _, actor in name_rules.alias_spans(sentence, actors):
        actor_id = next((ids_by_alias[a] for a in actor.aliases if a in ids_by_alias), None)
        if actor_id and actor_id not in found:
            found.append(actor_id)
    return found


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
