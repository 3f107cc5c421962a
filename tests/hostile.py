"""The bundles under test: valid bundles whose every text field holds hostile markup, and a
draft of the bundled article."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import yaml

from core.vocabulary import (
    ACTOR_COLUMNS,
    ACTORS_FILE,
    ARTICLE_FILE,
    EVENT_COLUMNS,
    EVENTS_FILE,
    GLOSSARY_COLUMNS,
    GROUP_COLUMNS,
    NOTE_COLUMNS,
    REVIEW_COLUMN,
    SUGGESTED,
    TEASER_COLUMNS,
)
from tests.helpers import ARTICLES

CORPUS = Path(__file__).resolve().parent / "corpus" / "xss_payloads.txt"
HOSTILE_SLUG = "hostile"
DRAFT_SLUG = "draft"
BUNDLED_SLUG = "iran-russia-suspicious-bind"
# The XSS corpus in as few bundles as hold it: every front matter field holds payloads, and
# a bundle's front matter has a size limit.
CORPUS_BUNDLE_COUNT = 2
CORPUS_SLUGS = tuple(f"xss-{number}" for number in range(CORPUS_BUNDLE_COUNT))

CANONICAL_PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
)


def _csv(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def corpus() -> list[str]:
    """The XSS payloads collected from public lists (see tests/corpus/XSS_SOURCES.md)."""
    return CORPUS.read_text(encoding="utf-8").split("\n")[:-1]


def corpus_batches() -> list[tuple[str, ...]]:
    """The corpus split into one batch per bundle of CORPUS_SLUGS, in order."""
    payloads = corpus()
    size = -(-len(payloads) // CORPUS_BUNDLE_COUNT)
    return [tuple(payloads[start : start + size]) for start in range(0, len(payloads), size)]


def write_test_bundles(root: Path) -> None:
    """Every bundle under test into `root`: the hostile one, the corpus ones and the draft."""
    write_hostile_bundle(root / HOSTILE_SLUG)
    for slug, payloads in zip(CORPUS_SLUGS, corpus_batches(), strict=True):
        write_hostile_bundle(root / slug, payloads)
    write_draft_copy(ARTICLES / BUNDLED_SLUG, root / DRAFT_SLUG)


def write_draft_copy(source: Path, folder: Path) -> None:
    """A copy of a bundle as drafting leaves one: `draft: true`, every actor and event a
    suggestion no person has confirmed."""
    shutil.copytree(source, folder)
    article = folder / ARTICLE_FILE
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    for name in (ACTORS_FILE, EVENTS_FILE):
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = [*reader.fieldnames, REVIEW_COLUMN]
            rows = [{**row, REVIEW_COLUMN: SUGGESTED} for row in reader]
        _csv(folder / name, tuple(dict.fromkeys(columns)), rows)


def write_hostile_bundle(folder: Path, payloads: tuple[str, ...] = CANONICAL_PAYLOADS) -> None:
    """A bundle that loads cleanly, with payload n in paragraph n and in every row n's fields.

    Every front matter field holds all the payloads. Payloads must not hold a line break.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = [
        f"Actor{n} said {p} and Actor{n} {p} left. Gloss{n} {p} ends."
        for n, p in enumerate(payloads)
    ]
    teaser_text = [f"Teaser{n} {p}" for n, p in enumerate(payloads)]
    fields = (
        "title",
        "dek",
        "section",
        "publisher",
        "original_publisher",
        "republication_credit",
        "published_note",
        "published_reference",
        "image_caption",
        "image_credit",
    )
    # Field k holds payloads k, k+len(fields), …: every payload lands in some front matter field.
    meta = {
        name: f"{name} " + " ".join(payloads[k :: len(fields)]) for k, name in enumerate(fields)
    }
    every = " ".join(payloads)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    body = "\n\n".join(paragraphs)
    (folder / "article.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    page = [*(meta[k] for k in ("title", "dek", "section", "republication_credit")), body]
    page += [meta["image_caption"], meta["image_credit"], *teaser_text]
    (folder / "source.txt").write_text("\n\n".join(page) + "\n", encoding="utf-8")
    _csv(
        folder / "groups.csv",
        GROUP_COLUMNS,
        [
            {"id": "camp", "label": every, "description": every, "evidence": paragraphs[0]},
        ],
    )
    _csv(
        folder / "actors.csv",
        ACTOR_COLUMNS,
        [
            {
                "id": f"actor-{n}",
                "name": f"Actor{n} {p}",
                "kind": "person",
                "role": p,
                "group": "camp" if n == 0 else "",
                "aliases": f"Actor{n} {p}" if "|" not in p else f"Actor{n}",
                "description": p,
                "evidence": paragraphs[n],
            }
            for n, p in enumerate(payloads)
        ],
    )
    _csv(
        folder / "teasers.csv",
        TEASER_COLUMNS,
        [
            {
                "id": f"teaser-{n}",
                "kicker": p,
                "title": teaser_text[n],
                "summary": teaser_text[n],
                "date": "",
                "image_caption": teaser_text[n],
                "image_credit": teaser_text[n],
            }
            for n, p in enumerate(payloads)
        ],
    )
    _csv(
        folder / "events.csv",
        EVENT_COLUMNS,
        [
            {
                "id": f"event-{n}",
                "start": f"{2000 + n % 20}",
                "end": "",
                "qualifier": "",
                "title": p,
                "summary": p,
                "lane": p,
                "actors": f"actor-{n}",
                "status": "alleged",
                "evidence": paragraphs[n],
                "source": "context",
                "reference": f"{p} https://x.test/?{p}",
            }
            for n, p in enumerate(payloads)
        ],
    )
    _write_classroom(folder, payloads)


def _write_classroom(folder: Path, payloads: tuple[str, ...]) -> None:
    """Glossary, notes and questions, each row holding its payload in every text field."""
    _csv(
        folder / "glossary.csv",
        GLOSSARY_COLUMNS,
        [
            {
                "term": f"Gloss{n} {p}" if "|" not in p else f"Gloss{n}",
                "aliases": "",
                "definition": p,
                "reference": p,
            }
            for n, p in enumerate(payloads)
        ],
    )
    _csv(
        folder / "notes.csv",
        NOTE_COLUMNS,
        [
            {
                "id": f"note-{n}",
                "quote": f"said {p} and",
                "kind": "context",
                "note": p,
                "reference": f"{p} https://x.test/{p}",
            }
            for n, p in enumerate(payloads)
        ],
    )
    questions = "".join(
        f"## Q{n} {p}\nparagraphs: {n + 1}\nactors: actor-{n}\nevents: event-{n}\n\n{p}\n\n"
        for n, p in enumerate(payloads)
    )
    (folder / "questions.md").write_text(f"# Questions\n\n{questions}", encoding="utf-8")
