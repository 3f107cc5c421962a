"""Where the drafting benchmark finds its corpora.

The corpora are built from public repositories (bench/corpora/README.md) and are not kept in
this repository: they are looked for, in order, in $READING_ROOM_CORPORA, in the shared folder
beside the clone (../shared/corpora, where the seed page lives too) and in bench/corpora/data,
where `python -m bench.corpora.build` writes by default.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "bench" / "corpora" / "data"
ENVIRONMENT_VARIABLE = "READING_ROOM_CORPORA"


def candidates() -> list[Path]:
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    return [Path(chosen)] if chosen else [ROOT.parent / "shared" / "corpora", DEFAULT_OUT]


def corpora_dir() -> Path | None:
    """The first folder that holds built corpora, or None."""
    return next((path for path in candidates() if (path / "SOURCES.json").is_file()), None)
