"""Chromium for the benchmarks and the browser tests: Debian's, never a downloaded one.

Shared by bench/ and tests/browser/ (the benchmarks import nothing from the tests).
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("READING_ROOM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# A session's first page comes in steps (components/loading.py): the text, then the tools;
# the timeline's chart is drawn once it is opened. The whole page is there when no "next
# step" button is left, the timeline is collapsed or its chart drawn (or, in presenter mode,
# the presented paragraph is there), and the app's script has finished its run (Streamlit
# marks its root with the run state).
WHOLE_PAGE = """() => !document.querySelector("[class*='st-key-rr-next-']")
  && !!document.querySelector(".st-key-timeline-open details:not([open]), "
    + ".js-plotly-plot .scatterlayer .points path, .rr-present-text")
  && !!document.querySelector("[data-testid=stApp][data-test-script-state=notRunning]")"""


def launch(playwright):
    """Debian's Chromium, headless, with the flags this machine needs."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)


def wait_for_whole_page(page, timeout_ms: float | None = None) -> None:
    """Wait until the whole first page is drawn; without `timeout_ms`, the page's default."""
    page.wait_for_function(WHOLE_PAGE, timeout=timeout_ms)
