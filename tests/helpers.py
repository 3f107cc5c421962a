"""Shared test helpers: the small fixture bundle and copies of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

from core.bundle import load_bundle

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
ARTICLES = ROOT / "data" / "articles"


def mini_bundle():
    return load_bundle(FIXTURES, "mini")


def copy_mini(tmp_path: Path, slug: str = "mini") -> Path:
    """A writable copy of the fixture bundle under tmp_path/<slug>; returns its folder."""
    target = tmp_path / slug
    shutil.copytree(FIXTURES / "mini", target)
    return target
