"""Preparing an article: from paste to a draft on screen, against the command-line draft; and
the rerun cost of the review tables.

Paste to draft: a fresh server on an empty drafts folder; Chromium pastes the bundled page's
text into the Prepare page and presses "Draft from this text"; the clock stops when the
paragraphs step is on screen (every block's choice drawn, nothing waiting for its code). The
first draft of a server loads the language model, as every run of `python -m drafting`
does, so the two are compared (`cold`); a second paste in the same server is what every
later teacher waits for (`warm`). The command runs on the same text in the same run,
alternated with the pastes: `python -m drafting source.txt --slug … --into <temporary>`.

Review tables: AppTest on the Prepare page's actors step holding the bundled page's draft
(61 actor rows) and on its events step; a plain rerun and a rerun that edits one cell
through the table's callback, against the app that writes one line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from streamlit.logger import set_log_level
from streamlit.testing.v1 import AppTest

from bench.chromium import launch
from bench.common import BASELINE_APP, DASHBOARD_APP, ROOT, edit_table, median, timed
from bench.server_stats import ServerProcess

SOURCE = ROOT / "data" / "articles" / "iran-russia-suspicious-bind" / "source.txt"
TIMEOUT_MS = 300_000
DRAFT_ON_SCREEN = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return [...document.querySelectorAll("h2")].some(h => h.textContent.startsWith("Step 2 of"))
    && document.querySelectorAll("[data-testid='stRadio']").length > 0
    && !document.querySelector("[data-testid='stSkeleton']")
    && app && app.dataset.testScriptState === "notRunning";
}"""


def run(quick: bool = False) -> dict:
    set_log_level("error")
    rounds = 1 if quick else 3
    paste = _paste_to_draft(rounds)
    tables = _table_reruns(10 if quick else 40)
    return {"paste": paste, "tables": tables}


# --- paste to a draft on screen --------------------------------------------------------------


def _paste_to_draft(rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    text = SOURCE.read_text(encoding="utf-8")
    cold, warm, command = [], [], []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for _ in range(rounds):
                command.append(_command_draft())
                with tempfile.TemporaryDirectory() as folder:
                    env = {
                        "READING_ROOM_ARTICLES": str(Path(folder) / "articles"),
                        "READING_ROOM_DRAFTS": str(Path(folder) / "drafts"),
                        "READING_ROOM_AUTHORING": "save",
                    }
                    with ServerProcess(DASHBOARD_APP, cwd=ROOT, env=env) as server:
                        cold.append(_paste(browser, server.base_url, text))
                        warm.append(_paste(browser, server.base_url, text))
        finally:
            browser.close()
    return {
        "command_s": median(command),
        "app_cold_s": median(cold),
        "app_warm_s": median(warm),
        "cold_ratio": median(cold) / median(command),
        "warm_ratio": median(warm) / median(command),
        "rounds": rounds,
    }


def _command_draft() -> float:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "drafting", str(SOURCE), "--slug", "bench", "--into", folder],
            cwd=ROOT, check=True, capture_output=True, env={**os.environ},
        )  # fmt: skip
        return time.perf_counter() - started


def _paste(browser, base_url: str, text: str) -> float:
    """Seconds from pressing Draft (the text pasted) to the paragraphs step on screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/prepare")
    box = page.get_by_label("The page's text", exact=False)
    box.wait_for(timeout=TIMEOUT_MS)
    box.fill(text)
    button = page.get_by_role("button", name="Draft from this text")
    started = time.perf_counter()
    button.click()
    page.wait_for_function(DRAFT_ON_SCREEN, timeout=TIMEOUT_MS)
    seconds = time.perf_counter() - started
    context.close()
    return seconds


# --- the review tables -----------------------------------------------------------------------


def _prepare_app(work) -> AppTest:
    from components.prepare import store

    app = AppTest.from_file(str(DASHBOARD_APP), default_timeout=120)
    app.run()
    app.session_state[store.WORK] = work
    app.switch_page("app_pages/prepare.py").run()
    app.run()
    assert not app.exception, app.exception
    return app


def _table_reruns(reruns: int) -> dict:
    from drafting.draft import draft_page
    from drafting.page import split_page
    from drafting.review import ACTORS, EVENTS, at_step, begin, with_published
    from drafting.source import source_from_text

    page = split_page(source_from_text(SOURCE.read_text(encoding="utf-8")))
    work, _ = with_published(begin(page, draft_page(page)), "2022-09")
    baseline = AppTest.from_file(str(BASELINE_APP), default_timeout=60).run()
    actors = _prepare_app(at_step(work, ACTORS))
    events = _prepare_app(at_step(work, EVENTS))
    one_line, actor_reruns, event_reruns, edits = [], [], [], []
    for round_number in range(reruns):
        one_line += timed(baseline.run, 1)
        actor_reruns += timed(actors.run, 1)
        event_reruns += timed(events.run, 1)
        role = f"role {round_number}"
        edits += timed(lambda role=role: edit_table(actors, "actors", {8: {"role": role}}), 1)
        assert not actors.exception, actors.exception
    base = median(one_line)
    return {
        "actor_rows": len(work.draft.actors),
        "event_rows": len(work.draft.events),
        "baseline_ms": base * 1000,
        "actors_rerun_ms": median(actor_reruns) * 1000,
        "events_rerun_ms": median(event_reruns) * 1000,
        "actors_edit_ms": median(edits) * 1000,
        "actors_ratio": median(actor_reruns) / base,
        "events_ratio": median(event_reruns) / base,
        "edit_ratio": median(edits) / base,
        "reruns": reruns,
    }


def rows(result: dict) -> list[tuple[str, str, str, str]]:
    """(benchmark, figure, value, budget) rows for RESULTS.md."""
    p, t = result["paste"], result["tables"]
    return [
        ("prepare", "bundled page pasted → draft on screen / `python -m drafting`, first draft "
         "of a server (model loads in both)",
         f"{p['cold_ratio']:.2f}x ({p['app_cold_s']:.1f} s vs {p['command_s']:.1f} s)", "≤ 1.5x"),
        ("prepare", "the same, model already loaded (every later draft)",
         f"{p['warm_ratio']:.2f}x ({p['app_warm_s']:.1f} s)", "reported"),
        ("prepare", f"actors step rerun ({t['actor_rows']} rows) / one-line rerun (AppTest)",
         f"{t['actors_ratio']:.1f}x ({t['actors_rerun_ms']:.0f} ms vs {t['baseline_ms']:.1f} ms)",
         "reported"),
        ("prepare", "one cell edited in the actors table (callback + rerun) / one-line rerun",
         f"{t['edit_ratio']:.1f}x ({t['actors_edit_ms']:.0f} ms)", "reported"),
        ("prepare", f"events step rerun ({t['event_rows']} rows) / one-line rerun",
         f"{t['events_ratio']:.1f}x ({t['events_rerun_ms']:.0f} ms)", "reported"),
    ]  # fmt: skip


if __name__ == "__main__":
    outcome = run(quick="--quick" in sys.argv)
    for row in rows(outcome):
        print(" | ".join(row))
