"""Write a valid bundle whose every text field holds hostile markup."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from core.checks import ACTOR_COLUMNS, EVENT_COLUMNS, GROUP_COLUMNS, TEASER_COLUMNS

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


def write_hostile_bundle(folder: Path, payloads: tuple[str, ...] = CANONICAL_PAYLOADS) -> None:
    """A bundle that loads cleanly, with payload n in paragraph n and in every row n's fields.

    Payloads must not contain '|' (the alias separator) or a blank line.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = [f"Actor{n} said {p} and Actor{n} {p} left." for n, p in enumerate(payloads)]
    teaser_text = [f"Teaser{n} {p}" for n, p in enumerate(payloads)]
    first = payloads[0]
    meta = {
        "title": f"Title {first}", "dek": f"Dek {first}", "section": f"Section {first}",
        "publisher": first, "original_publisher": first, "republication_credit": f"Credit {first}",
        "published_note": first, "image_caption": f"Caption {first}",
        "image_credit": f"Image credit {first}",
    }  # fmt: skip
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    body = "\n\n".join(paragraphs)
    (folder / "article.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    page = [*(meta[k] for k in ("title", "dek", "section", "republication_credit")), body]
    page += [meta["image_caption"], meta["image_credit"], *teaser_text]
    (folder / "source.txt").write_text("\n\n".join(page) + "\n", encoding="utf-8")
    _csv(folder / "groups.csv", GROUP_COLUMNS, [
        {"id": "camp", "label": first, "description": first, "evidence": paragraphs[0]},
    ])  # fmt: skip
    _csv(folder / "actors.csv", ACTOR_COLUMNS, [
        {"id": f"actor-{n}", "name": f"Actor{n} {p}", "kind": "person", "role": p,
         "group": "camp" if n == 0 else "", "aliases": f"Actor{n} {p}" if "|" not in p
         else f"Actor{n}", "description": p, "evidence": paragraphs[n]}
        for n, p in enumerate(payloads)
    ])  # fmt: skip
    _csv(folder / "teasers.csv", TEASER_COLUMNS, [
        {"id": f"teaser-{n}", "kicker": p, "title": teaser_text[n], "summary": teaser_text[n],
         "date": "", "image_caption": teaser_text[n], "image_credit": teaser_text[n]}
        for n, p in enumerate(payloads)
    ])  # fmt: skip
    _csv(folder / "events.csv", EVENT_COLUMNS, [
        {"id": f"event-{n}", "start": f"{2000 + n % 20}", "end": "", "qualifier": "",
         "title": p, "summary": p, "lane": p, "actors": f"actor-{n}", "status": "alleged",
         "evidence": paragraphs[n], "source": "context", "reference": f"{p} https://x.test/?{p}"}
        for n, p in enumerate(payloads)
    ])  # fmt: skip
