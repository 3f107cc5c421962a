"""Review load: how much a teacher has to check and fix in a draft, per 1,000 words.

On the readability corpus pages (bench/corpora) and the bundled article's page, each drafted
as a teacher would give it: the saved page (HTML) for the suggestions, the page's text as a
browser copy gives it for the paragraph step. Counted per page, then summed:

- suggested actors and events, per 1,000 words of drafted text (paragraphs and teasers);
- one-word name rows left beside a full name: an actor row named by one word that is a word
  of a person row's full name in the same draft ("Putin" beside "Vladimir Putin"), and how
  many of them are marked for attention (two people have the name, so it stays a row);
- article events placed after the publication date from a date written without a year ("in
  October", "on March 3", "on Tuesday"), among pages with a publication date (a future
  tense can put one there rightly: the review marks each);
- duplicate events: rows beyond the first of each set of events from one source with the
  same start, end and qualifier that share an actor;
- bylines: the byline drafted from the saved page against the corpus's expected name (the
  same words, case and dots aside; a byline with more words, a date or a title in it, is wrong);
- the paragraph step for the copied text: blocks shown, and how many would be folded (the
  left-out blocks in runs of two or more, each run shown as one line).

    python -m bench.review_load [--json FILE]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT, command_line
from bench.corpora.paths import corpora_dir

BUNDLED = ROOT / "data" / "articles" / "iran-russia-suspicious-bind" / "source.txt"
BUNDLED_PUBLISHED = "2022-09"  # the publication month the curated bundle's notes establish
NO_YEAR_KINDS = ("month_only", "month_day", "weekday")
HTML_FOLDER = "html"


@dataclass
class Load:
    """The counts of one page, or of many added up."""

    pages: int = 0
    words: int = 0
    actors: int = 0
    events: int = 0
    one_word_beside_full: int = 0
    one_word_marked: int = 0  # of those, marked for attention (two people have the name)
    no_year_events: int = 0
    no_year_after_published: int = 0
    duplicate_events: int = 0
    bylines_expected: int = 0
    bylines_right: int = 0
    bylines_wrong: int = 0
    teasers_from_html: int = 0
    blocks: int = 0
    folded: int = 0
    fold_lines: int = 0
    teasers_from_copy: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, other: Load) -> None:
        for name, value in vars(other).items():
            if name == "failures":
                self.failures += value
            else:
                setattr(self, name, getattr(self, name) + value)

    def per_thousand(self, count: int) -> float:
        return 1000 * count / self.words if self.words else 0.0


# --- one draft ---------------------------------------------------------------------------------


def draft_counts(draft) -> Load:
    """The suggestion counts of one draft (drafting.draft.Draft)."""
    beside = one_word_beside_full(draft.actors)
    words = sum(len(p.split()) for p in draft.paragraphs)
    words += sum(len(f"{t['title']} {t['summary']}".split()) for t in draft.teasers)
    no_year = [
        row
        for row in draft.events
        if row["start"]
        and row["source"] == "article"  # a teaser's news may well come after the article
        and _dating_kind(draft, row["id"]) in NO_YEAR_KINDS
    ]
    return Load(
        pages=1,
        words=words,
        actors=len(draft.actors),
        events=len(draft.events),
        one_word_beside_full=len(beside),
        one_word_marked=sum(bool(row.get("attention")) for row in beside),
        no_year_events=len(no_year) if draft.published else 0,
        no_year_after_published=sum(after(row["start"], draft.published) for row in no_year),
        duplicate_events=duplicate_events(draft.events),
        teasers_from_html=len(draft.teasers),
    )


def _dating_kind(draft, event_id: str) -> str:
    dating = draft.event_dates.get(event_id)
    return dating.mention.kind if dating is not None else ""


def one_word_beside_full(actors) -> list[dict]:
    """Rows named by one word that is a word of some person row's full name."""
    full_words = {
        word.casefold()
        for row in actors
        if row["kind"] == "person" and len(row["name"].split()) > 1
        for word in re.split(r"[\s-]+", row["name"])
    }
    return [
        row
        for row in actors
        if len(row["name"].split()) == 1 and row["name"].casefold() in full_words
    ]


def after(start: str, published: str) -> bool:
    """True when every day `start` can mean is after every day `published` can mean."""
    from core.dates import parse_partial_date

    if not start or not published:
        return False
    return parse_partial_date(start).first_day() > parse_partial_date(published).last_day()


def duplicate_events(events) -> int:
    """Rows beyond the first in each run of same-dated events of one source sharing an actor."""
    duplicates = 0
    seen: dict[tuple, list[set[str]]] = {}
    for row in events:
        if not row["start"]:
            continue
        key = (row["source"], row["start"], row["end"], row["qualifier"])
        actors = {a for a in row["actors"].split("|") if a}
        earlier = seen.setdefault(key, [])
        duplicates += any(actors & other for other in earlier)
        earlier.append(actors)
    return duplicates


def step_two_counts(page) -> Load:
    """Blocks of the paragraph step, and the left-out ones in runs of two or more."""
    roles = [block.role for block in page.blocks]
    folded = lines = 0
    index = 0
    while index < len(roles):
        end = index
        while end < len(roles) and roles[end] == "drop":
            end += 1
        if end - index >= 2:
            folded, lines = folded + end - index, lines + 1
        index = max(end, index + 1)
    teasers = {block.group for block in page.blocks if block.role == "teaser"}
    return Load(blocks=len(roles), folded=folded, fold_lines=lines, teasers_from_copy=len(teasers))


def expected_byline(byline: str) -> list[str]:
    """The words of the name a corpus byline gives ('By Ana Sandoiu' -> ana, sandoiu), cut at
    its first digit (a date stamp run into it); [] when it names no person."""
    first = byline.strip().splitlines()[0] if byline.strip() else ""
    first = re.split(r"\d", re.sub(r"^by\s+", "", first, flags=re.IGNORECASE))[0]
    words = name_words(first)
    return words if len(words) >= 2 and "news" not in words else []


def name_words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’.-]*", text.casefold().replace(".", ""))


# --- the pages ---------------------------------------------------------------------------------


def corpus_page(folder: Path) -> Load:
    """One corpus page: its saved page drafted, its copied text split for step 2."""
    from drafting.draft import draft_page
    from drafting.page import split_page
    from drafting.source import source_from_bytes, source_from_text

    load = Load()
    try:
        page = split_page(source_from_bytes((folder / "source.html").read_bytes(), "page.html"))
        load.add(draft_counts(draft_page(page)))
        expected = expected_byline(
            json.loads((folder / "metadata.json").read_text())["byline"] or ""
        )
        if expected:
            found = name_words(page.meta.get("byline", ""))
            load.bylines_expected += 1
            load.bylines_right += found == expected
            load.bylines_wrong += bool(found) and found != expected
    except Exception as error:  # one page failing must not hide the others
        load.failures.append(f"{folder.name} (html): {type(error).__name__}: {error}")
    try:
        copied = (folder / "copied.txt").read_text(encoding="utf-8")
        load.add(step_two_counts(split_page(source_from_text(copied))))
    except Exception as error:
        load.failures.append(f"{folder.name} (copy): {type(error).__name__}: {error}")
    return load


def bundled_page() -> Load:
    """The bundled article's page text, as pasted (its publication month given)."""
    from drafting.draft import draft_page
    from drafting.page import split_page
    from drafting.source import source_from_text

    page = split_page(source_from_text(BUNDLED.read_text(encoding="utf-8")))
    load = draft_counts(draft_page(page, BUNDLED_PUBLISHED))
    load.teasers_from_html = 0  # a pasted page: no HTML
    load.add(step_two_counts(page))
    return load


def run(quick: bool = False) -> dict:
    """Every page's counts and the sums. `quick` changes nothing (the corpus is small)."""
    results: dict = {"bundled": vars(bundled_page())}
    folder = corpora_dir()
    if folder is None:
        results["corpus"] = {"skipped": "corpora not found (bench/corpora/README.md)"}
        return results
    total, pages = Load(), {}
    for page in sorted((folder / HTML_FOLDER).iterdir()):
        if (page / "source.html").is_file():
            load = corpus_page(page)
            pages[page.name] = vars(load)
            total.add(load)
    results["corpus"] = vars(total) | {"each": pages}
    return results


# --- the table -------------------------------------------------------------------------------


def _cells(load: dict) -> dict[str, str]:
    figures = Load(**{k: v for k, v in load.items() if k in Load.__dataclass_fields__})
    no_year = figures.no_year_events
    bylines = (
        f"{figures.bylines_right}/{figures.bylines_expected} right, {figures.bylines_wrong} wrong"
        if figures.bylines_expected
        else "—"
    )
    return {
        "suggestions": (
            f"{figures.per_thousand(figures.actors):.1f} actors, "
            f"{figures.per_thousand(figures.events):.1f} events per 1,000 words "
            f"({figures.actors} actors, {figures.events} events, {figures.words:,} words, "
            f"{figures.pages} pages)"
        ),
        "one_word": (
            f"{figures.one_word_beside_full} ({figures.one_word_marked} marked as possible "
            "duplicates: two people have the name)"
        ),
        "after": f"{figures.no_year_after_published} of {no_year}",
        "duplicates": f"{figures.duplicate_events} of {figures.events} events",
        "bylines": bylines,
        "step_two": (
            f"{figures.blocks} blocks, {figures.folded} would be folded into "
            f"{figures.fold_lines} lines ({figures.blocks - figures.folded + figures.fold_lines} "
            f"lines shown); {figures.teasers_from_copy} teasers suggested"
        ),
        "teasers_html": f"{figures.teasers_from_html}",
    }


def rows(results: dict) -> list[tuple[str, str, str, str]]:
    """(benchmark, figure, value, budget) rows for bench/RESULTS.md."""
    bundled = _cells(results["bundled"])
    table = [
        ("review load", "bundled page (pasted): suggestions", bundled["suggestions"], "—"),
        ("review load", "bundled page: one-word name rows beside a full name",
         bundled["one_word"], "0"),
        ("review load", "bundled page: events after publication from a date without a year",
         bundled["after"], "—"),
        ("review load", "bundled page: duplicate events", bundled["duplicates"], "—"),
        ("review load", "bundled page: paragraph step", bundled["step_two"], "—"),
    ]  # fmt: skip
    corpus = results["corpus"]
    if "skipped" in corpus:
        return [*table, ("review load", "corpus pages", corpus["skipped"], "—")]
    cells = _cells(corpus)
    failed = "; ".join(corpus["failures"]) or "none"
    return [
        *table,
        ("review load", "corpus pages (saved HTML): suggestions", cells["suggestions"], "—"),
        ("review load", "corpus: one-word name rows beside a full name", cells["one_word"], "0"),
        ("review load", "corpus: events after publication from a date without a year",
         cells["after"], "—"),
        ("review load", "corpus: duplicate events", cells["duplicates"], "—"),
        ("review load", "corpus: bylines from the saved page", cells["bylines"], "—"),
        ("review load", "corpus: related-news teasers offered from the saved page",
         cells["teasers_html"], "—"),
        ("review load", "corpus (copied text): paragraph step", cells["step_two"], "—"),
        ("review load", "corpus: pages that failed", failed, "none"),
    ]  # fmt: skip


if __name__ == "__main__":
    command_line(__doc__, run, rows)
