"""`python -m drafting SOURCE --slug SLUG [--into DIR] [--published DATE] [--replace]`.

Drafts a bundle from a web page, a saved page or a page's text and writes it to
`<into>/<slug>/`; prints what it found and what needs a person's eye. Exits 0 only when the
bundle it wrote passes the validator; on any failure it writes nothing and prints one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.publish import PublishError
from drafting.source import DraftError

DEFAULT_INTO = Path("data/articles")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage block
        print(f"draft: {message} (see --help)", file=sys.stderr)
        sys.exit(2)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m drafting", description=__doc__.split("\n\n")[1])
    parser.add_argument("source", help="a .html/.htm/.txt/.md file or an http(s) address")
    parser.add_argument("--slug", required=True, help="the bundle's folder name, e.g. my-article")
    parser.add_argument("--into", type=Path, default=DEFAULT_INTO, help="default data/articles")
    parser.add_argument("--published", default=None, help="YYYY-MM-DD, YYYY-MM or YYYY")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace an existing bundle (the old one is kept in <into>/.backups/)",
    )
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except (DraftError, PublishError) as error:
        print(f"draft: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("draft: interrupted; nothing written.", file=sys.stderr)
        return 130


def _run(args) -> int:
    from core.vocabulary import SLUG_RULE, is_valid_slug
    from drafting.bundle_files import bundle_files, write_bundle
    from drafting.draft import draft_source
    from drafting.source import read_source

    if not is_valid_slug(args.slug):
        raise DraftError(f"Invalid name {args.slug!r}: use {SLUG_RULE}.")
    target = args.into / args.slug
    if (target.exists() or target.is_symlink()) and not args.replace:
        raise DraftError(
            f"{target} already exists: choose another SLUG, or add REPLACE=1 "
            "(--replace) to keep the old one as a backup and write a new draft."
        )
    draft = draft_source(read_source(args.source), args.published, _progress)
    written = write_bundle(bundle_files(draft), args.into, args.slug, replace=args.replace)
    _summary(draft, written)
    return 0


def _progress(step: str, detail: str) -> None:
    print(f"{step:>10}: {detail}", flush=True)


def _summary(draft, written: Path) -> None:
    from drafting.draft import ATTENTION

    kinds: dict[str, int] = {}
    for row in draft.actors:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    dated = len(draft.events) - len(draft.undated_events)
    print(f"\nWrote {written}/")
    print(f"  title      {draft.meta['title']}")
    print(f"  published  {draft.published or '(none found: left out of article.md)'}")
    print(f"  paragraphs {len(draft.paragraphs)}")
    print(
        f"  actors     {len(draft.actors)} ("
        + ", ".join(f"{k} {n}" for k, n in kinds.items())
        + ")"
    )
    print(
        f"  events     {dated} on the timeline"
        + (f", {len(draft.undated_events)} waiting for a date" if draft.undated_events else "")
    )
    print(f"  teasers    {len(draft.teasers)}")
    marked = [row for row in (*draft.actors, *draft.events) if row.get(ATTENTION)]
    if marked:
        print(f"\n{len(marked)} rows to look at first (first in each CSV):")
        for row in marked[:12]:
            print(f"  - {row.get('name') or row.get('title')}: {row[ATTENTION]}")
    if draft.notes:
        print("\nNeeds a person's eye:")
        for note in draft.notes:
            print(f"  - {note}")
    print(
        "\nEvery row is marked 'suggested' until a person confirms it. Open it with "
        f"`make run`, then ?article={written.name}"
    )


if __name__ == "__main__":
    sys.exit(main())
