"""Hostile inputs: what each costs, and a class that keeps reading while the Prepare page is
hammered.

The table: each input the security review found (issue 18), run in a fresh process: its
size, the time and peak memory (VmHWM) it costs, and the outcome (drafted, or refused with
its message); for the ones whose cost used to grow faster than their size, the time at n
and at 10n (linear gives about 10x). Drafting cases load the language model first: their
memory includes it, their time does not.

The class: 40 simulated readers (bench/classroom_load.py, Streamlit's websocket) on the real
server for a minute, once alone and once while 3 anonymous visitors submit the worst inputs
on repeat. The visitors start their jobs through the same worker path the Prepare page uses
(`core.jobs.Pool` with the server's default limits and one worker: the page's own
`jobs.pool()`, built the same way, in the benchmark's process), not through the page's
widgets, which the websocket client does not type into. Reported: the readers' rerun
p50/p95, errors, the server's peak memory and the workers'.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.classroom_load import run_load
from bench.common import DASHBOARD_APP, ROOT, percentile
from bench.server_stats import ServerProcess, process_stats

READERS, LOAD_S, VISITORS = 40, 60.0, 3
DASHBOARD_TEXT = "Suspicious bind"
MIB = 1024 * 1024
# (name, what it is, n) and, for inputs whose cost grew faster than their size, 10n too.
CASES = [
    ("alias_bomb", "front matter with nested YAML aliases, in a bundle zip", 1, False),
    ("nested_aliases", "1,100 aliases each continuing the one before", 1100, False),
    ("long_article", "a bundle whose article has n paragraphs", 2_000, True),
    ("lead_words", "'the ' n times, to the date finder", 4_000, True),
    ("long_paragraph", "one paragraph of n characters, drafted", 10_000, True),
    ("many_attributes", "one tag with n attributes, read as a page", 30_000, True),
    ("big_original", "a 19 MB original page in a draft, autosaved", 19, False),
    ("drip", "a server sending a byte every 0.2 s, fetched with a 3 s deadline", 1, False),
]
MINI = ROOT / "tests" / "fixtures" / "articles" / "mini"


def run() -> dict:
    table = [_case(name, what, n, scaled) for name, what, n, scaled in CASES]
    alone = _class(hammer=False)
    hammered = _class(hammer=True)
    ratio = hammered["rerun_p95_ms"] / alone["rerun_p95_ms"] if alone["rerun_p95_ms"] else None
    return {"inputs": table, "alone": alone, "hammered": hammered, "p95_ratio": ratio}


# --- the table: one fresh process per input -------------------------------------------------


def _case(name: str, what: str, n: int, scaled: bool) -> dict:
    row = {"name": name, "what": what, "n": n, **_measure(name, n)}
    if scaled:
        tenfold = _measure(name, n * 10)
        row["seconds_10n"] = tenfold["seconds"]
        row["ratio_10n"] = tenfold["seconds"] / max(row["seconds"], 1e-6)
    return row


def _measure(name: str, n: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.hostile", "--case", name, str(n)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(done.stdout.splitlines()[-1])


def _one(name: str, n: int) -> dict:
    """In this fresh process: build the input, time what the app does with it."""
    prepare, act = _INPUTS[name](n)
    given = prepare()
    started = time.perf_counter()
    try:
        outcome = act(given)
    except Exception as error:  # the outcome is what is measured
        outcome = f"refused: {error}"
    seconds = time.perf_counter() - started
    return {
        "size": _size_of(given),
        "seconds": seconds,
        "peak_mib": _peak_mib(),
        "outcome": str(outcome)[:160],
    }


def _size_of(given) -> str:
    if isinstance(given, bytes | str):
        return f"{len(given) / 1024:,.0f} KB"
    if isinstance(given, list):
        return f"{len(given):,} aliases, {sum(len(a) for a, _ in given) / 1024:,.0f} KB"
    original = given.draft.original_html or ""
    return f"an original page of {len(original) / 2**20:.0f} MB"


def _peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _alias_bomb(n):
    from core.archive import bundle_zip, check_bundle_zip

    lines = ["---", "title: Alpha", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(9):
        alias = chr(97 + level)
        lines.append(
            f"{chr(98 + level)}: &{chr(98 + level)} [" + ", ".join([f"*{alias}"] * 10) + "]"
        )
    files = {p.name: p.read_bytes() for p in MINI.iterdir()}
    files["article.md"] = "\n".join([*lines, "---", "", "Alpha met Beta in Gamma.", ""]).encode()
    return lambda: bundle_zip(files, "bomb"), lambda data: _checked(check_bundle_zip(data))


def _checked(result) -> str:
    _, bundle, problems = result
    if bundle is not None:
        return f"opened ({len(problems)} warnings)"
    return f"refused: {problems[0]}" if problems else "refused"


def _nested_aliases(n):
    from core.mentions import build_alias_index, find_mentions

    aliases = [("a" + " b" * k, f"k{k}") for k in range(1, n + 1)]

    def act(given):
        return f"matched: {len(find_mentions('x a b b b c', build_alias_index(given)))} span"

    return lambda: aliases, act


def _long_article(n):
    from core.archive import bundle_zip, check_bundle_zip

    files = {p.name: p.read_bytes() for p in MINI.iterdir()}
    article = files["article.md"].decode()
    head = article[: article.index("\n---\n", 3) + 5]
    text = "\n\n".join(f"Paragraph {i}: Alpha met Beta in Gamma, again." for i in range(n))
    files["article.md"] = f"{head}\n{text}\n".encode()
    files["source.txt"] = files["source.txt"] + b"\n\n" + text.encode()
    return lambda: bundle_zip(files, "long"), lambda data: _checked(check_bundle_zip(data))


def _lead_words(n):
    from drafting.dates import find_dates

    return lambda: "the " * n, lambda text: f"drafted: {len(find_dates(text))} dates"


def _long_paragraph(n):
    from drafting.draft import draft_from_parts
    from drafting.model import load_model

    load_model()
    unit = "Helena Voss met Anders Berg in Tromsø on 5 May 2020, and "
    paragraph = (unit * (n // len(unit) + 1))[:n]

    def act(text):
        draft = draft_from_parts({"title": "T"}, [text], [], source_text=text)
        return f"drafted: {len(draft.actors)} actors, {len(draft.events)} events"

    return lambda: paragraph, act


def _many_attributes(n):
    from drafting.source import source_from_bytes

    attributes = " ".join(f"a{k}=x" for k in range(n))
    page = f"<html><body><div {attributes}>x</div><p>Text.</p></body></html>".encode()
    return lambda: page, lambda data: f"read: {source_from_bytes(data, 'page.html').kind}"


def _big_original(n):
    import dataclasses
    import tempfile

    from components.prepare import store
    from drafting.draft import Draft
    from drafting.page import ARTICLE, Block
    from drafting.review import Work

    original = "<p>" + "x" * (n * 1024 * 1024) + "</p>"
    draft = Draft({"title": "T"}, ("A paragraph.",), (), (), (), source_text="A paragraph.")
    work = Work(
        dataclasses.replace(draft, original_html=original),
        (Block("A paragraph.", ARTICLE, ""),),
        (ARTICLE,),
        (ARTICLE,),
    )
    folder = Path(tempfile.mkdtemp())
    store.DRAFTS_ROOT = folder

    def act(given):
        store.save("b" * 22, given)
        kept = store.load("b" * 22).draft.original_html is not None
        size = (folder / ("b" * 22 + ".json")).stat().st_size / 1024
        return f"saved: {size:,.0f} KB ({'with' if kept else 'without'} the original page)"

    return lambda: work, act


def _drip(n):
    import http.server

    from drafting.source import fetch_url

    class Drip(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(10_000):  # a header, a byte at a time
                try:
                    self.wfile.write(b"a")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.2)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"

    def act(address):
        fetch_url(address, timeout=3, address_ok=lambda a: a == "127.0.0.1")
        return "fetched"

    return lambda: url, act


_INPUTS = {
    "alias_bomb": _alias_bomb,
    "nested_aliases": _nested_aliases,
    "long_article": _long_article,
    "lead_words": _lead_words,
    "long_paragraph": _long_paragraph,
    "many_attributes": _many_attributes,
    "big_original": _big_original,
    "drip": _drip,
}


# --- the class, alone and hammered ------------------------------------------------------------


def _worst_inputs() -> list[tuple]:
    """What the hammering visitors submit, in turn: drafting jobs and a bundle check."""
    unit = "Helena Voss met Anders Berg in Tromsø on 5 May 2020, and "
    attributes = " ".join(f"a{k}=x" for k in range(300_000))
    prepare, _ = _alias_bomb(1)
    return [
        ("draft", ("text", unit * (60_000 // len(unit)))),
        ("draft", ("text", "the " * 400_000)),
        (
            "draft",
            ("file", f"<html><body><div {attributes}>x</div></body></html>".encode(), "p.html"),
        ),
        ("zip", prepare()),
        ("draft", ("address", "http://[::1/")),
    ]


class _Visitors:
    """Anonymous visitors submitting the worst inputs on repeat, through the page's worker path."""

    def __init__(self, count: int):
        from core import jobs

        self.pool = jobs.Pool(1, jobs.Limits.from_environment())
        self.count, self.stop = count, threading.Event()
        self.outcomes: dict[str, int] = {}
        self.peak_worker_rss = 0
        self.threads = [threading.Thread(target=self._visit, args=(n,)) for n in range(count)]

    def _visit(self, number: int) -> None:
        from core.archive import check_zip_job
        from core.jobs import JobFailed
        from drafting.jobs import draft_job

        inputs = _worst_inputs()
        turn = number
        while not self.stop.is_set():
            kind, given = inputs[turn % len(inputs)]
            turn += 1
            try:
                if kind == "zip":
                    self.pool.run(check_zip_job, given, what="bundle")
                else:
                    self.pool.run(draft_job, given)
                outcome = "finished"
            except JobFailed as error:
                outcome = "limit" if error.limit else "refused"
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def _sample(self) -> None:
        while not self.stop.wait(0.5):
            for worker in [*self.pool._idle]:
                try:
                    rss = process_stats(worker.process.pid)["rss_bytes"]
                except Exception:  # a worker replaced meanwhile
                    continue
                self.peak_worker_rss = max(self.peak_worker_rss, rss)

    def __enter__(self):
        from drafting.jobs import PRELOAD

        self.pool.start(preload=PRELOAD)
        for thread in self.threads:
            thread.start()
        self.sampler = threading.Thread(target=self._sample, daemon=True)
        self.sampler.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=180)
        self.pool.close()


def _class(hammer: bool) -> dict:
    with ServerProcess(DASHBOARD_APP, cwd=ROOT) as server:
        asyncio.run(run_load(server.base_url, 1, 3, expect_text=DASHBOARD_TEXT))  # warm
        peak = [server.stats()["rss_bytes"]]
        stop = threading.Event()

        def sample():
            while not stop.wait(0.5):
                peak[0] = max(peak[0], server.stats()["rss_bytes"])

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        visitors = _Visitors(VISITORS) if hammer else None
        if visitors:
            visitors.__enter__()
        try:
            result = asyncio.run(
                run_load(server.base_url, READERS, LOAD_S, expect_text=DASHBOARD_TEXT)
            )
        finally:
            if visitors:
                visitors.__exit__(None, None, None)
            stop.set()
            sampler.join()
    return {
        "readers": READERS,
        "seconds": LOAD_S,
        "errors": len(result.errors),
        "first_errors": result.errors[:3],
        "reruns": len(result.rerun_ms),
        "rerun_p50_ms": percentile(result.rerun_ms, 50),
        "rerun_p95_ms": percentile(result.rerun_ms, 95),
        "server_peak_mib": peak[0] / MIB,
        "worker_peak_mib": visitors.peak_worker_rss / MIB if visitors else 0.0,
        "visitor_jobs": dict(visitors.outcomes) if visitors else {},
    }


def rows(result: dict) -> list[tuple[str, str, str, str]]:
    """(benchmark, figure, value, budget) rows for RESULTS.md."""
    out = []
    for row in result["inputs"]:
        scaled = (
            f"; 10n: {row['seconds_10n']:.2f} s ({row['ratio_10n']:.1f}x)"
            if "ratio_10n" in row
            else ""
        )
        out.append((
            "hostile",
            f"{row['what']} (n = {row['n']:,}; {row['size']})",
            f"{row['seconds']:.2f} s, peak {row['peak_mib']:.0f} MiB{scaled}; {row['outcome']}",
            "linear (10n ≈ 10x)" if "ratio_10n" in row else "bounded",
        ))  # fmt: skip
    alone, hammered = result["alone"], result["hammered"]
    out += [
        ("hostile", f"{READERS} readers alone, {LOAD_S:.0f} s",
         f"{alone['errors']} errors, rerun p50/p95 {alone['rerun_p50_ms']:.0f}/"
         f"{alone['rerun_p95_ms']:.0f} ms, server peak {alone['server_peak_mib']:.0f} MiB",
         "—"),
        ("hostile", f"{READERS} readers while {VISITORS} visitors submit the worst inputs",
         f"{hammered['errors']} errors, rerun p50/p95 {hammered['rerun_p50_ms']:.0f}/"
         f"{hammered['rerun_p95_ms']:.0f} ms ({result['p95_ratio']:.2f}x alone), server peak "
         f"{hammered['server_peak_mib']:.0f} MiB, worker peak {hammered['worker_peak_mib']:.0f} "
         f"MiB; visitors' jobs {hammered['visitor_jobs']}",
         "0 errors, p95 ≤ 300 ms and ≤ 1.5x alone, server + worker ≤ 1,200 MiB"),
    ]  # fmt: skip
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--case"]:
        print(json.dumps(_one(sys.argv[2], int(sys.argv[3]))))
    else:
        outcome = run()
        print(json.dumps(outcome, indent=1, default=str))
        for line in rows(outcome):
            print(" | ".join(line))
