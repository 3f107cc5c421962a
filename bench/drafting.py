"""Drafting: the bundled article's page text drafted as pasted text, scored against the curated
bundle; and the cost of drafting a 1,000-word article against the bare spaCy call.

Quality (the curated bundle is the answer; nothing about it is known to the engine):
paragraphs found verbatim and extra blocks, title and dek, people and all actors found (one
drafted actor can answer for one curated actor; a match is any shared name or alias, compared
without case, dots, 'the' or a possessive), kinds right among those found, the aliases of the
curated actors with more than one alias merged into one drafted actor, and, for each date the
text writes (TARGET_STARTS, at the precision written), a drafted article event with that start
whose sentence holds the quote of a curated article event. (The curated start can differ from
the text's: "since February" stands for speeches the curated bundle dates from its sources.)

Speed and memory run in a fresh process: model load timed apart, then the bare pipeline call
`nlp(text)` and the whole draft of the same text (`draft_source`) alternated, medians compared;
peak resident memory after loading and after drafting.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, median

ARTICLE = "iran-russia-suspicious-bind"
PUBLISHED = "2022-09"  # the publication month the curated bundle's notes establish
# The dates the article's text writes, at the precision it writes them.
TARGET_STARTS = ("2014", "2018", "2021-04", "2022-02", "2022-03", "2022-07", "2022-08")
MERGED_ALIASES = ("vladimir-putin", "ali-khamenei", "jcpoa")
WORDS = 1000
ROUNDS = 7


def run() -> dict:
    quality = _quality()
    speed = json.loads(
        subprocess.run(
            [sys.executable, "-m", "bench.drafting", "--speed"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.splitlines()[-1]
    )  # fmt: skip
    return {"quality": quality, "speed": speed}


def _quality() -> dict:
    from core.bundle import load_bundle
    from core.text import fold_whitespace
    from drafting.draft import draft_source
    from drafting.names import name_key
    from drafting.source import read_source

    root = ROOT / "data" / "articles"
    answer = load_bundle(root, ARTICLE)
    started = time.perf_counter()
    draft = draft_source(read_source(str(root / ARTICLE / "source.txt")), PUBLISHED)
    seconds = time.perf_counter() - started
    curated = [fold_whitespace(p) for p in answer.paragraphs]
    drafted = [fold_whitespace(p) for p in draft.paragraphs]
    matched = _match_actors(answer.actors, draft.actors, name_key)
    people = [a for a in answer.actors if a.kind == "person"]
    kinds_right = sum(answer.actor_by_id[c].kind == row["kind"] for c, row in matched.items())
    return {
        "draft_seconds_warm_model": round(seconds, 2),
        "paragraphs_found": sum(p in drafted for p in curated),
        "paragraphs_curated": len(curated),
        "extra_blocks": sum(p not in curated for p in drafted),
        "title_found": fold_whitespace(draft.meta["title"]) == fold_whitespace(answer.meta.title),
        "dek_found": fold_whitespace(draft.meta["dek"]) == fold_whitespace(answer.meta.dek),
        "people_found": sum(a.id in matched for a in people),
        "people_curated": len(people),
        "actors_found": len(matched),
        "actors_curated": len(answer.actors),
        "actors_drafted": len(draft.actors),
        "kinds_right_of_found": kinds_right,
        "missed_actors": sorted(a.id for a in answer.actors if a.id not in matched),
        "aliases_merged": {
            a: _merged(answer.actor_by_id[a], draft.actors, name_key) for a in MERGED_ALIASES
        },  # fmt: skip
        "event_starts_right": _event_starts(answer, draft, fold_whitespace),
        "events_drafted": len(draft.events),
        "teasers_drafted": len(draft.teasers),
    }


def _surface_keys(names, name_key) -> set[str]:
    return {name_key(name) for name in names if name.strip()}


def _match_actors(curated, drafted, name_key) -> dict[str, dict]:
    """Curated id → drafted row, one to one (augmenting paths over shared name keys)."""
    keys = {a.id: _surface_keys((a.name, *a.aliases), name_key) for a in curated}
    rows = [(row, _surface_keys((row["name"], *row["aliases"].split("|")), name_key))
            for row in drafted]  # fmt: skip
    owner: dict[int, str] = {}

    def assign(actor_id: str, seen: set[int]) -> bool:
        for index, (_, row_keys) in enumerate(rows):
            if index in seen or not keys[actor_id] & row_keys:
                continue
            seen.add(index)
            if index not in owner or assign(owner[index], seen):
                owner[index] = actor_id
                return True
        return False

    for actor in curated:
        assign(actor.id, set())
    return {actor_id: rows[index][0] for index, actor_id in owner.items()}


def _merged(actor, drafted, name_key) -> str:
    """'2/3': how many of the curated actor's aliases one drafted actor holds together; the
    merge is right when no other drafted actor holds any of the rest."""
    wanted = _surface_keys(actor.aliases, name_key)
    holdings = [
        wanted & _surface_keys((row["name"], *row["aliases"].split("|")), name_key)
        for row in drafted
    ]
    best = max(holdings, key=len, default=set())
    split = any(held and held != best for held in holdings)
    return f"{len(best)}/{len(wanted)}" + (" (split across actors)" if split else "")


def _event_starts(answer, draft, fold) -> dict[str, bool]:
    """For each date the text writes, a drafted article event with that start whose sentence
    holds the quote of a curated article event."""
    quotes = {fold(event.evidence) for event in answer.events if event.source == "article"}
    return {
        target: any(
            row["source"] == "article"
            and row["start"] == target
            and any(quote in fold(row["evidence"]) for quote in quotes)
            for row in draft.events
        )  # fmt: skip
        for target in TARGET_STARTS
    }


def _speed() -> dict:
    """In a fresh process: model load, then bare nlp(text) vs the whole draft, alternated."""
    from core.bundle import load_bundle
    from drafting.draft import draft_source
    from drafting.model import load_model
    from drafting.source import source_from_text

    text = _thousand_words(load_bundle(ROOT / "data" / "articles", ARTICLE).paragraphs)
    rss_start = _peak_mib()
    started = time.perf_counter()
    nlp = load_model()
    load_s = time.perf_counter() - started
    rss_model = _peak_mib()
    draft_source(source_from_text(text), PUBLISHED)  # warm: dateparser, Babel, regexes
    nlp(text)
    bare, drafting = [], []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        nlp(text)
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        draft_source(source_from_text(text), PUBLISHED)
        drafting.append(time.perf_counter() - started)
    return {
        "words": len(text.split()),
        "model_load_s": round(load_s, 2),
        "bare_nlp_ms": round(median(bare) * 1000, 1),
        "draft_ms": round(median(drafting) * 1000, 1),
        "ratio": round(median(drafting) / median(bare), 2),
        "peak_rss_before_model_mib": rss_start,
        "peak_rss_after_model_mib": rss_model,
        "peak_rss_after_drafting_mib": _peak_mib(),
    }


def _thousand_words(paragraphs) -> str:
    """Whole paragraphs, then the start of the next, to exactly 1,000 words."""
    words = " ".join(paragraphs).split()
    if len(words) < WORDS:
        words = (words * (WORDS // len(words) + 1))[:WORDS]
    text, count = [], 0
    for paragraph in paragraphs:
        part = paragraph.split()[: WORDS - count]
        text.append(" ".join(part))
        count += len(part)
        if count >= WORDS:
            break
    return "\n\n".join(text)


def _peak_mib() -> float:
    """Peak resident memory of this process so far (VmHWM: unlike ru_maxrss, not inherited
    from the parent across exec), MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def rows(result: dict) -> list[tuple[str, str, str, str]]:
    """(benchmark, figure, value, budget) rows for RESULTS.md."""
    q, s = result["quality"], result["speed"]
    starts = q["event_starts_right"]
    missed = ", ".join(q["missed_actors"]) or "none"
    return [
        ("drafting", "bundled page text: paragraphs verbatim / extra blocks",
         f"{q['paragraphs_found']}/{q['paragraphs_curated']}, {q['extra_blocks']} extra",
         "11/11, ≤ 1 extra"),
        ("drafting", "title / dek found", f"{q['title_found']} / {q['dek_found']}", "both"),
        ("drafting", "people found", f"{q['people_found']}/{q['people_curated']}", "17/17"),
        ("drafting", "all actors found (one to one, by name or alias)",
         f"{q['actors_found']}/{q['actors_curated']} "
         f"({q['actors_found'] / q['actors_curated']:.0%}); {q['actors_drafted']} drafted; "
         f"kind right for {q['kinds_right_of_found']}/{q['actors_found']}; missed: {missed}",
         "≥ 80 %"),
        ("drafting", "curated aliases held by one drafted actor (Putin, Khamenei, JCPOA)",
         ", ".join(f"{k}: {v}" for k, v in q["aliases_merged"].items()),
         "merged, none split"),
        ("drafting", f"dated article events with the right start (published {PUBLISHED})",
         f"{sum(starts.values())}/{len(starts)} ("
         + ", ".join(f"{k} {'✓' if v else '✗'}" for k, v in starts.items()) + ")",
         "≥ 6 of 7"),
        ("drafting", f"{s['words']}-word article: whole draft / bare nlp(text)",
         f"{s['ratio']:.2f}x ({s['draft_ms']:.0f} vs {s['bare_nlp_ms']:.0f} ms; model load "
         f"{s['model_load_s']:.1f} s apart)", "≤ 1.5x"),
        ("drafting", "peak memory (RSS): start / model loaded / after drafting",
         f"{s['peak_rss_before_model_mib']:.0f} / {s['peak_rss_after_model_mib']:.0f} / "
         f"{s['peak_rss_after_drafting_mib']:.0f} MiB", "reported"),
    ]  # fmt: skip


if __name__ == "__main__":
    if "--speed" in sys.argv:
        print(json.dumps(_speed()))
    else:
        result = run()
        print(json.dumps(result, indent=1))
        for row in rows(result):
            print(" | ".join(row))
    sys.exit(0)
