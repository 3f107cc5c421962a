"""`python -m core.validate [slug ...]`: report every problem of each bundle; exit 1 if any."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.bundle import list_articles, load_bundle
from core.problems import BundleError, Problem
from core.text import plural

DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "data" / "articles"


def check(root: Path, slug: str) -> list[Problem]:
    """All problems of one bundle, errors and warnings alike."""
    try:
        return list(load_bundle(root, slug).warnings)
    except BundleError as error:
        return list(error.problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check article bundles.")
    parser.add_argument("slugs", nargs="*", help="bundles to check (default: all)")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="folder of bundles")
    args = parser.parse_args(argv)
    slugs = args.slugs or list_articles(args.root)
    if not slugs:
        print(f"no bundles found in {args.root}")
        return 1
    failed = 0
    for slug in slugs:
        problems = check(args.root, slug)
        failed += bool(problems)
        print(f"{slug}: {'ok' if not problems else plural(len(problems), 'problem')}")
        for problem in problems:
            print(f"  {problem.severity}: {slug}/{problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
