"""The Prepare page's review tools: the paragraphs step of a long browser copy, folded and not,
and what guarding a table against a wipe costs.

Paragraphs: the longest browser copy of the readability corpus (`copied.txt`, by blocks after
the line filter) and the bundled page, each drafted once and shown at the paragraphs step in
AppTest: the choices drawn (one card per block, what the browser has to lay out) and the
rerun, with runs of left-out blocks folded into one line (as the page does) and with every
block drawn (as it did), against the app that writes one line.

Tables: AppTest on the actors step of the bundled page's draft: one cell edited (callback and
rerun), and the whole table wiped (Ctrl+A, then Delete), which the page holds for a yes.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.logger import set_log_level
from streamlit.testing.v1 import AppTest

from bench.common import BASELINE_APP, DASHBOARD_APP, ROOT, edit_table, median, timed
from bench.corpora.paths import corpora_dir

BUNDLED = ROOT / "data" / "articles" / "iran-russia-suspicious-bind" / "source.txt"


def run(quick: bool = False) -> dict:
    set_log_level("error")
    reruns = 3 if quick else 15
    baseline = AppTest.from_file(str(BASELINE_APP), default_timeout=60).run()
    base = median(timed(baseline.run, reruns))
    pages = [_paragraphs(name, path, reruns, base) for name, path in _pages()]
    return {"baseline_ms": base * 1000, "pages": pages, "tables": _tables(reruns, base)}


def _pages() -> list[tuple[str, Path]]:
    """The bundled page and the corpus's longest browser copy (by lines)."""
    found = [("bundled page", BUNDLED)]
    corpora = corpora_dir()
    if corpora is not None:
        copies = sorted((corpora / "html").glob("*/copied.txt"), key=_lines)
        if copies:
            found.append((f"{copies[-1].parent.name} (browser copy)", copies[-1]))
    return found


def _lines(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def _work(path: Path):
    from drafting import review
    from drafting.draft import draft_page
    from drafting.page import split_page
    from drafting.source import source_from_text

    page = split_page(source_from_text(path.read_text(encoding="utf-8")))
    return review.begin(page, draft_page(page))


def _prepare_app(work) -> AppTest:
    from components.prepare import store

    app = AppTest.from_file(str(DASHBOARD_APP), default_timeout=120)
    app.run()
    app.session_state[store.WORK] = work
    app.switch_page("app_pages/prepare.py").run()
    assert not app.exception, app.exception
    return app


def _paragraphs(name: str, path: Path, reruns: int, base: float) -> dict:
    from components.prepare import paragraphs

    work = _work(path)
    folded_from = paragraphs.FOLDED_FROM
    shown = {}
    try:
        for label, fold in (("folded", folded_from), ("unfolded", len(work.blocks) + 1)):
            paragraphs.FOLDED_FROM = fold
            app = _prepare_app(work)
            seconds = median(timed(app.run, reruns))
            shown[label] = {"cards": len(app.radio), "rerun_ms": seconds * 1000}
    finally:
        paragraphs.FOLDED_FROM = folded_from
    return {
        "page": name,
        "blocks": len(work.blocks),
        "folded": shown["folded"],
        "unfolded": shown["unfolded"],
        "folded_ratio": shown["folded"]["rerun_ms"] / 1000 / base,
        "unfolded_ratio": shown["unfolded"]["rerun_ms"] / 1000 / base,
    }


def _tables(reruns: int, base: float) -> dict:
    from drafting import review

    work = review.at_step(_work(BUNDLED), review.ACTORS)
    rows = len(work.draft.actors)
    from components.prepare import store

    app = _prepare_app(work)
    roles = iter(range(reruns))
    one = timed(lambda: edit_table(app, "actors", {3: {"role": f"role {next(roles)}"}}), reruns)
    wipe = {n: {"aliases": None, "evidence": None, "role": None} for n in range(rows)}
    wiped = timed(lambda: edit_table(app, "actors", wipe), reruns)
    kept = app.session_state[store.WORK].draft.actors
    assert all(row["aliases"] for row in kept) and not app.exception, "the wipe was held"
    return {
        "rows": rows,
        "one_cell_ms": median(one) * 1000,
        "wipe_held_ms": median(wiped) * 1000,
        "one_cell_ratio": median(one) / base,
        "wipe_held_ratio": median(wiped) / base,
    }


def rows(result: dict) -> list[tuple[str, str, str, str]]:
    """(benchmark, figure, value, budget) rows for RESULTS.md."""
    found = []
    for page in result["pages"]:
        folded, unfolded = page["folded"], page["unfolded"]
        found.append(
            (
                "review_tools",
                f"paragraphs step, {page['page']} ({page['blocks']} blocks): choices drawn, "
                "folded / every block",
                f"{folded['cards']} / {unfolded['cards']}",
                "reported",
            )
        )
        found.append(
            (
                "review_tools",
                f"paragraphs step rerun, {page['page']}, folded / every block (vs one line)",
                f"{page['folded_ratio']:.1f}x ({folded['rerun_ms']:.0f} ms) / "
                f"{page['unfolded_ratio']:.1f}x ({unfolded['rerun_ms']:.0f} ms)",
                "reported",
            )
        )
    t = result["tables"]
    found.append((
        "review_tools",
        f"actors table ({t['rows']} rows): one cell edited / the whole table wiped and held "
        "for a yes (callback + rerun, vs one line)",
        f"{t['one_cell_ratio']:.1f}x ({t['one_cell_ms']:.0f} ms) / "
        f"{t['wipe_held_ratio']:.1f}x ({t['wipe_held_ms']:.0f} ms)",
        "reported",
    ))  # fmt: skip
    return found


if __name__ == "__main__":
    for row in rows(run(quick=True)):
        print(" | ".join(row))
