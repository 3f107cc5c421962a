"""`make bench`: every benchmark against the real app; a table, bench/results.json, RESULTS.md.

Figures are ratios against a baseline measured in the same run (an app that writes one
line), or counts; absolute times are printed beside them for context only.
Options: --quick (a 20 s load per level instead of 2 minutes), --only NAME[,NAME] (re-runs
those and keeps the other figures of the last run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from streamlit.logger import set_log_level

from bench import (
    browser,
    class_database,
    class_load,
    drafting,
    drafting_eval,
    hostile,
    load,
    prepare,
    rerun,
    review_load,
    review_tools,
    scaling,
    school,
)
from bench.common import ROOT, machine_facts

RESULTS_JSON = ROOT / "bench" / "results.json"
RESULTS_MD = ROOT / "bench" / "RESULTS.md"


# The benchmarks whose rows are built by their own module, in the table's order.
ROW_BUILDERS = {
    "drafting": drafting.rows,
    "prepare": prepare.rows,
    "review_tools": review_tools.rows,
    "drafting_quality": drafting_eval.rows,
    "review_load": review_load.rows,
    "storage": class_database.rows,
    "school": school.rows,
    "hostile": hostile.rows,
}


def _benchmarks(quick: bool) -> dict:
    duration = 20.0 if quick else 120.0
    return {
        "rerun": rerun.run,
        "scaling": scaling.run,
        "browser": browser.run,
        "load": lambda: load.run(duration_s=duration),
        "drafting": drafting.run,
        "drafting_quality": lambda: drafting_eval.run(quick),
        "review_load": lambda: review_load.run(quick),
        "prepare": lambda: prepare.run(quick),
        "storage": class_database.run,
        "hostile": hostile.run,
        "class_load": lambda: class_load.run((40,) if quick else class_load.LEVELS),
        "school": lambda: school.run(40 if quick else school.STUDENTS),
        "review_tools": lambda: review_tools.run(quick),
    }


# The table's rows: (benchmark, figure, value, budget), the figure and value being templates
# over that benchmark's results (`r`), or over one of its rows (`row`) where it has several.
TABLE = {
    "rerun": [
        (
            "focused rerun / one-line rerun (AppTest)",
            "{r[focused_rerun_ratio]:.2f}x ({r[dashboard_focused_rerun_ms]:.1f} ms vs "
            "{r[baseline_rerun_ms]:.1f} ms)",
            "≤ 2.0x",
        ),
        (
            "floor: same elements, fixed content / one-line rerun",
            "{r[same_elements_ratio]:.2f}x ({r[same_elements_rerun_ms]:.1f} ms); "
            "dashboard / floor {r[focused_vs_same_elements]:.2f}x",
            "—",
        ),
        (
            "interaction sequence / one-line rerun",
            "{r[interaction_rerun_ratio]:.2f}x ({r[dashboard_interaction_rerun_ms]:.1f} ms)",
            "≤ 2.0x",
        ),
        (
            "the script's own run (runner events), dashboard vs one-line",
            "{r[script_run_focused_ms]:.2f} vs {r[script_run_baseline_ms]:.2f} ms; "
            "profile: `{r[profile]}`",
            "—",
        ),
    ],
    "browser": [
        (
            "first paragraph visible / one-line text visible",
            "{r[time_to_content][article_ratio]:.2f}x ({r[time_to_content][article_ms]:.0f} vs "
            "{r[time_to_content][one_line_ms]:.0f} ms)",
            "≤ 1.25x",
        ),
        (
            "reading tools drawn (the whole first page) / one-line text visible",
            "{r[time_to_content][tools_ratio]:.2f}x ({r[time_to_content][tools_ms]:.0f} ms)",
            "≤ 2.0x",
        ),
        (
            "first page in its steps' order (text, then tools)",
            "{r[time_to_content][steps_in_order]} loads",
            "all",
        ),
        (
            "timeline opened → chart drawn (first opening in a session, Plotly's code with it)",
            "median {r[timeline_opening][median_ms]:.0f} ms of {r[timeline_opening][openings]}",
            "—",
        ),
        (
            "floor (same elements and a chart, sent at once): paragraph / timeline",
            "{r[time_to_content][floor_article_ratio]:.2f}x / "
            "{r[time_to_content][floor_timeline_ratio]:.2f}x",
            "—",
        ),
        (
            "chart floor: one line + one small Plotly chart, chart drawn",
            "{r[time_to_content][chart_floor_timeline_ratio]:.2f}x",
            "—",
        ),
        (
            "actor focus → highlights updated ({r[interaction][interactions]} clicks)",
            "median {r[interaction][median_ms]:.0f} ms, p95 {r[interaction][p95_ms]:.0f} ms, "
            "server share {r[interaction][server_share_median_ms]:.0f} ms",
            "median ≤ 250, p95 ≤ 500 ms",
        ),
    ],
    "load": [
        (
            "{row[sessions]} sessions",
            "{row[errors]} errors, rerun p50/p95/p99 {row[rerun_p50_ms]:.0f}/"
            "{row[rerun_p95_ms]:.0f}/{row[rerun_p99_ms]:.0f} ms, "
            "RSS +{row[rss_growth_per_session_mib]:.2f} MiB/session, "
            "{row[rss_start_mib]:.0f}→{row[rss_peak_mib]:.0f}→{row[rss_after_ttl_mib]:.0f} MiB",
            "at 40: 0 errors, p95 ≤ 300 ms, ≤ 2 MiB/session",
        ),
        ("p95 at 40 sessions / one-line app's p95", "{r[p95_ratio_vs_one_line_at_40]:.2f}x", "—"),
        ("server profile at 40 sessions (py-spy)", "`{r[profile_at_40]}`", "—"),
    ],
    "class_load": [
        (
            "class of {row[students]} on {row[engine]}: answers in a burst, wall polled every "
            "{row[wall_poll_s]:.0f} s",
            "{row[errors]} errors, {row[lost_posts]} lost of {row[answers_confirmed]}, rerun "
            "p50/p95 {row[rerun_p50_ms]:.0f}/{row[rerun_p95_ms]:.0f} ms, post → wall p50/p95 "
            "{row[post_to_wall_p50_s]:.1f}/{row[post_to_wall_p95_s]:.1f} s, "
            "RSS +{row[rss_growth_per_session_mib]:.2f} MiB/session",
            "0 errors, 0 lost, p95 ≤ 300 ms",
        ),
    ],
    "scaling": [
        (
            "{row[target_chars]:,} characters, {row[aliases]:,} aliases",
            "{row[speedup_vs_regex]:.1f}x faster than one regex ({row[find_mentions_ms]:.1f} vs "
            "{row[regex_alternation_ms]:.1f} ms), first render {row[first_render_ms]:.0f} ms",
            "≥ 15x at 1 MB / 1,000",
        ),
    ],
}
# Benchmarks with one table row per item.
ROWS_OF = {"load": "levels", "scaling": "rows", "class_load": "levels"}


def _row(name: str, figure: str, value: str, budget: str, r: dict, row) -> tuple:
    """One table row; a figure the last run of its benchmark did not measure says so."""
    try:
        measured = value.format(r=r, row=row)
    except KeyError:
        measured = "not measured in the last run of this benchmark"
    return (name, figure.format(r=r, row=row), measured, budget)


def _rows(results: dict) -> list[tuple[str, str, str, str]]:
    """(benchmark, figure, value, budget) rows for the table."""
    rows = []
    for name, templates in TABLE.items():
        if name not in results:
            continue
        r = results[name]
        for figure, value, budget in templates:
            items = r[ROWS_OF[name]] if "{row[" in value else [None]
            rows += [_row(name, figure, value, budget, r, row) for row in items]
    for name, rows_of in ROW_BUILDERS.items():
        if name in results:
            rows += rows_of(results[name])
    return rows


def _run_times(results: dict) -> str:
    """When each benchmark last ran (a run with --only keeps the others' older figures)."""
    ran = results.get("ran", {})
    names = [name for name in _benchmarks(quick=False) if name in results]
    return ", ".join(f"{name} {ran.get(name, results['finished'])}" for name in names)


def _markdown(results: dict, rows) -> str:
    facts = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Latest `make bench` run, {results['finished']}: {facts['cpu_count']} cores, "
        f"Python {facts['python']}, Streamlit {facts['streamlit']}. Ratios compare against an "
        "app that writes one line, measured in the same run; times are for context only.",
        "",
        "Each benchmark's figures are from its last run: " + _run_times(results) + ".",
        "",
        "| benchmark | figure | measured | budget |",
        "| --- | --- | --- | --- |",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
        "",
        "Reference apps (`bench/apps/`): `one_line.py` is the baseline; `same_elements.py` has the "
        "dashboard's elements holding fixed content, sent at once; `one_chart.py` is the one-line "
        "app plus one small Plotly chart, i.e. what drawing any Plotly chart costs here. A first "
        "page of the dashboard comes in steps (text, tools, chart; `components/loading.py`).",
        "",
        "Profiles: `bench/profiles/rerun.txt` (pyinstrument, the dashboard script's reruns) and "
        "`bench/profiles/server-40-sessions.txt` (py-spy, the server during the 40-session load).",
        "",
        "Drafting (`bench/drafting.py`): the bundled article's page text drafted as pasted text "
        "and scored against the curated bundle (the engine knows nothing of it); the cost of "
        "drafting a 1,000-word article is a ratio against the bare spaCy call `nlp(text)` on "
        "the same text in the same fresh process, model load timed apart; memory is the "
        "process's peak resident set (VmHWM). The HTML and names corpora are scored by "
        "`bench/drafting_eval.py`; how much a teacher has to check in a draft (the review "
        "load) by `bench/review_load.py`.",
        "",
        "The class's database (`bench/class_database.py`): students posting at once, as threads "
        "of one process sharing its pool, on SQLite and on a PostgreSQL cluster with fsync on; "
        "each write figure against a bare one-row write by as many writers at once, the "
        "projector's reads against a bare `SELECT 1`.",
        "",
        "Raw figures: `bench/results.json`.",
    ]
    return "\n".join(lines) + "\n"


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 s per load level")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated: " + ",".join(_benchmarks(quick=True)),
    )
    args = parser.parse_args()
    set_log_level("error")  # every Streamlit logger, including those made later
    chosen = _benchmarks(args.quick)
    if args.only:
        chosen = {name: chosen[name] for name in args.only.split(",")}
    results: dict = {}
    if args.only and RESULTS_JSON.exists():  # a partial run updates the last full one
        results = json.loads(RESULTS_JSON.read_text())
    results["machine"] = machine_facts()
    for name, benchmark in chosen.items():
        print(f"running {name} …", flush=True)
        started = time.monotonic()
        results[name] = benchmark()
        results.setdefault("ran", {})[name] = _now()
        print(f"  done in {time.monotonic() - started:.0f} s", flush=True)
    results["finished"] = _now()
    Path(RESULTS_JSON).write_text(json.dumps(results, indent=1, default=str) + "\n")
    rows = _rows(results)
    Path(RESULTS_MD).write_text(_markdown(results, rows))
    for row in rows:
        print(" | ".join(row))


if __name__ == "__main__":
    main()
