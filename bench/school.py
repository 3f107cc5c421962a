"""A whole school on it: a class of 200 students through HAProxy to two app servers sharing one
PostgreSQL, against the same class through HAProxy to one server, in the same run; and the
time from an article published on one server to readable on another.

The class is bench/class_load.py's, unchanged: each student a websocket session (joins with a
name, answers when the question opens, its screen polling), a projector polling the wall.
Through the balancer each websocket goes to the server with the fewest open ones (HAProxy's
leastconn). Measured per setup: errors, posts stored against posts confirmed (0 lost), the
rerun p95 of every script and fragment run, post → wall, and each server's CPU seconds, peak
memory and sessions, so what the second server costs (a second process's memory) and buys
(a second core for Python, whose one process runs one script at a time; and a class that
survives losing a server, tests/browser/test_school.py) is in the figures.

Publish → readable: a small bundle (tests/fixtures/articles/mini, with a title of its own) is
published into the database under a new name, as the Prepare page does on server A
(storage/articles.py); then visitors open its link on server B, one after another, until one
gets the article. Bounded by B's catalogue check (components/published.py, once a second)
plus one page load.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time

from bench import class_load
from bench.classroom_load import _Session
from bench.common import ROOT, percentile
from bench.load import _Sampler
from deploy.serve import School

STUDENTS = 200
SETUPS = (2, 1)  # app servers behind the balancer
PUBLISH_TRIALS = 10
READABLE_TIMEOUT_S = 30.0
PUBLISHED_BUNDLE = ROOT / "tests" / "fixtures" / "articles" / "mini"
MINI_TITLE = "A small test: Alpha and Beta"
MIB = 1024 * 1024


def _sessions_per_server(school: School) -> dict[str, int]:
    """Sessions HAProxy has sent each server so far (the load client opens only websockets)."""
    answer = school.balancer.command("show stat")
    header, *rows = [line for line in answer.splitlines() if line.strip()]
    columns = header.lstrip("# ").split(",")
    name, kind, total = (columns.index(c) for c in ("svname", "type", "stot"))
    return {r[name]: int(r[total]) for r in (row.split(",") for row in rows) if r[kind] == "2"}


def _class_through(school: School, students: int) -> dict:
    from storage import classes as api
    from storage import open_database

    db = open_database(school.database_url)
    for server in school.servers.values():  # imports and first-use caches not counted
        asyncio.run(
            class_load._warm(server.base_url, api.open_class(db, class_load.SLUG, "w").code)
        )
    opened = api.open_class(db, class_load.SLUG, "bench")
    before = {name: server.stats() for name, server in school.servers.items()}
    sessions_before = _sessions_per_server(school)
    samplers = {name: _Sampler(server) for name, server in school.servers.items()}
    load_before = os.getloadavg()[0]
    with contextlib.ExitStack() as stack:
        for sampler in samplers.values():
            stack.enter_context(sampler)
        tally = asyncio.run(class_load._class(school.base_url, opened.code, students))
    after = {name: server.stats() for name, server in school.servers.items()}
    sessions_after = _sessions_per_server(school)
    stored = {row["body"] for row in api.export(db, opened.code, opened.teacher_key)}
    db.close()
    delays = [tally.on_wall[t] - tally.sent[t] for t in tally.on_wall]
    servers = {
        name: {
            "sessions": sessions_after[name] - sessions_before[name],
            "cpu_s": after[name]["cpu_s"] - before[name]["cpu_s"],
            "rss_start_mib": before[name]["rss_bytes"] / MIB,
            "rss_peak_mib": samplers[name].peak_rss / MIB,
        }
        for name in school.servers
    }
    return {
        "servers": len(school.servers),
        "students": students,
        "errors": len(tally.errors),
        "first_errors": tally.errors[:5],
        "answers_confirmed": len(tally.sent),
        "answers_stored": len(stored),
        "lost_posts": len([text for text in tally.sent if text not in stored]),
        "runs": len(tally.rerun_ms),
        "rerun_p50_ms": percentile(tally.rerun_ms, 50),
        "rerun_p95_ms": percentile(tally.rerun_ms, 95),
        **{f"{kind}_p95_ms": percentile(times, 95) for kind, times in tally.by_kind.items()},
        "post_to_wall_p50_s": percentile(delays, 50),
        "post_to_wall_p95_s": percentile(delays, 95),
        "cpu_s": sum(s["cpu_s"] for s in servers.values()),
        "rss_peak_mib": sum(s["rss_peak_mib"] for s in servers.values()),
        "per_server": servers,
        # The machine's load (runnable processes, 1-minute average) before and after: on a
        # machine shared with other work, the rerun times say as much about it as the app.
        "load_average": [load_before, os.getloadavg()[0]],
    }


def _titled(title: str) -> dict[str, bytes]:
    """The small bundle under a title of its own (a page whose captured text has it), so a
    page showing it is told apart from one showing an earlier trial's article (which the
    reader opens instead of a name it does not know)."""
    files = {p.name: p.read_bytes() for p in PUBLISHED_BUNDLE.iterdir() if p.is_file()}
    article = files["article.md"].decode().replace(MINI_TITLE, title, 1)
    source = files["source.txt"] + f"\n{title}\n".encode()
    return {**files, "article.md": article.encode(), "source.txt": source}


async def _opens(base_url: str, slug: str, title: str) -> bool:
    """A new visitor opens the article's link: does the page show it?"""
    session = _Session(0, base_url, f"article={slug}", title, 0)
    try:
        await session.open()
        return (await session.run_script(check_text=True)).text_found
    finally:
        await session.close()


async def _readable_after_publish(school: School, slug: str) -> float:
    """Seconds from `slug` published (on A's behalf) to a visitor of B getting it."""
    from storage import articles, open_database

    reader, title = school.servers["app2"].base_url, f"Published for the bench as {slug}"
    db = open_database(school.database_url)
    try:
        assert not await _opens(reader, slug, title)
        await asyncio.to_thread(
            articles.publish, db, slug, _titled(title), publisher="bench on app1"
        )
        published = time.monotonic()
        while time.monotonic() - published < READABLE_TIMEOUT_S:
            if await _opens(reader, slug, title):
                return time.monotonic() - published
        raise TimeoutError(f"{slug} not readable on app2 after {READABLE_TIMEOUT_S} s")
    finally:
        db.close()


def _publish_to_readable(school: School) -> dict:
    times = [
        asyncio.run(_readable_after_publish(school, f"bench-publish-{n}"))
        for n in range(PUBLISH_TRIALS)
    ]
    return {
        "trials": len(times),
        "p50_s": percentile(times, 50),
        "p95_s": percentile(times, 95),
        "max_s": max(times),
        "check_every_s": 1.0,  # components/published.py CHECK_EVERY_S
    }


def run(students: int = STUDENTS) -> dict:
    rows, publish = [], {}
    for replicas in SETUPS:
        with School(replicas) as school:
            if replicas >= 2:
                publish = _publish_to_readable(school)
            rows.append(_class_through(school, students))
    return {
        "setups": rows,
        "publish_to_readable": publish,
        "budget": {"rerun_p95_ms": 300, "errors": 0, "lost_posts": 0},
    }


def rows(result: dict) -> list[tuple[str, str, str, str]]:
    """(benchmark, figure, value, budget) rows for RESULTS.md."""
    table = [
        (
            "school",
            f"{r['students']} students through HAProxy to {r['servers']} server(s), one PostgreSQL",
            f"{r['errors']} errors, {r['lost_posts']} lost of {r['answers_confirmed']}; rerun "
            f"p50/p95 {r['rerun_p50_ms']:.0f}/{r['rerun_p95_ms']:.0f} ms (p95 join "
            f"{r['join_p95_ms']:.0f}, answer {r['answer_p95_ms']:.0f}, poll "
            f"{r['poll_p95_ms']:.0f}, wall {r['wall_p95_ms']:.0f}); post → wall p95 "
            f"{r['post_to_wall_p95_s']:.1f} s; CPU {r['cpu_s']:.0f} s, peak memory "
            f"{r['rss_peak_mib']:.0f} MiB in all; sessions "
            + "/".join(str(s["sessions"]) for s in r["per_server"].values())
            + f"; machine load {r['load_average'][0]:.1f}→{r['load_average'][1]:.1f}",
            "0 errors, 0 lost, p95 ≤ 300 ms",
        )
        for r in result["setups"]
    ]
    p = result.get("publish_to_readable") or {}
    if p:
        table.append(
            (
                "school",
                "published on A → readable on B",
                f"p50 {p['p50_s']:.2f} s, p95 {p['p95_s']:.2f} s, max {p['max_s']:.2f} s "
                f"({p['trials']} articles; B checks every {p['check_every_s']:.0f} s)",
                f"≤ {p['check_every_s']:.0f} s + one run",
            )
        )
    return table


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else STUDENTS), indent=1))
