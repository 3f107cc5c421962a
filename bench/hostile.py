"""Hostile inputs: what each costs, and a class that keeps reading while the Prepare page is
hammered.

The table: each input the security review found (issue 18), run in a fresh process: its
size, the time and peak memory (VmHWM) it costs, and the outcome (drafted, or refused with
its message); for the ones whose cost used to grow faster than their size, the time at n
and at 10n (linear gives about 10x). Drafting cases load the language model first: their
memory includes it, their time does not.

The class: 40 simulated readers (bench/classroom_load.py, Streamlit's websocket) on the real
server, in `session` mode as on a demo, for a minute, once alone and once while 3 anonymous
visitors hammer the Prepare page: each opens /prepare over the same websocket protocol,
pastes one of the worst inputs into the text box, presses "Draft from this text" and waits
for the outcome, then comes back as a new visitor with the next input. Their drafts run in
the server's own worker (default limits). Reported: the readers' rerun p50/p95 and errors,
the server's peak memory and that of the server with its worker.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg

from bench.classroom_load import _Session, _Widget, run_load
from bench.common import DASHBOARD_APP, ROOT, percentile
from bench.server_stats import ServerProcess

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

VISIT_TIMEOUT_S = 400.0  # a visitor waits for its draft as long as the queue and limits make it


def _worst_pastes() -> list[str]:
    """What the hammering visitors paste, in turn: the worst inputs that travel as text."""
    unit = "Helena Voss met Anders Berg in Tromsø on 5 May 2020, and "
    attributes = " ".join(f"a{k}=x" for k in range(300_000))
    return [
        unit * (60_000 // len(unit)),  # one long paragraph: seconds of drafting
        "the " * 400_000,  # lead words, 1.6 MB: past the CPU limit
        f"<html><body><div {attributes}>x</div><p>Text.</p></body></html>",  # refused at once
    ]


class _Visitor(_Session):
    """An anonymous visitor on the Prepare page: opens it, pastes, presses "Draft from this
    text", and waits for the outcome, as a browser would over the websocket."""

    def __init__(self, idx: int, base_url: str):
        super().__init__(idx, base_url, "", None, idx)
        self.paste_id = self.draft_id = ""
        self.labels: list[str] = []

    def _client_state(self, fragment_id: str = "", pressed: str = ""):
        state = super()._client_state(fragment_id, pressed)
        state.page_script_hash, state.page_name = "", "prepare"  # the address /prepare
        return state

    def _on_delta(self, fwd, run, check_text: bool) -> None:
        super()._on_delta(fwd, run, check_text)
        delta = fwd.delta
        if delta.WhichOneof("type") == "add_block" and delta.add_block.WhichOneof("type"):
            block = delta.add_block
            if block.WhichOneof("type") == "expandable":
                self.labels.append(block.expandable.label)
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        if element.WhichOneof("type") == "text_area" and "source-paste" in element.text_area.id:
            self.paste_id = element.text_area.id
        if element.WhichOneof("type") == "button" and "draft-paste" in element.button.id:
            self.draft_id = element.button.id

    async def submit(self, text: str) -> str:
        """Paste `text` and press Draft; the outcome as the status box's last label says."""
        self.widgets[self.paste_id] = _Widget(self.paste_id, "text_area", text)
        message = BackMsg()
        message.rerun_script.CopyFrom(self._client_state(pressed=self.draft_id))
        self.labels = []
        await asyncio.wait_for(self.ws.send(message.SerializeToString()), 30)
        run = await asyncio.wait_for(self._collect(False), VISIT_TIMEOUT_S)
        self._finish_run(run)
        if run.exceptions:
            return "exception"
        last = self.labels[-1] if self.labels else ""
        if "too large or too complex" in last:
            return "past a limit"
        if "has a tag with more than" in last or "is empty" in last:
            return "refused"
        if any(label.startswith("Drafted") for label in self.labels):
            return "drafted"
        return last[:60] or "no answer"


async def _visitors(base_url: str, count: int, duration_s: float, outcomes: dict) -> None:
    """`count` visitors, each a fresh session per paste, pasting the worst inputs on repeat."""
    pastes = _worst_pastes()
    deadline = time.monotonic() + duration_s

    async def visit(number: int) -> None:
        turn = number
        while time.monotonic() < deadline:
            visitor = _Visitor(1000 + number, base_url)
            try:
                await visitor.open()
                await visitor.run_script()
                if not (visitor.paste_id and visitor.draft_id):
                    outcome = "no Prepare page"
                else:
                    outcome = await visitor.submit(pastes[turn % len(pastes)])
            except Exception as error:  # a visitor's trouble is counted, never raised
                outcome = f"{type(error).__name__}"
            finally:
                await visitor.close()
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            turn += 1

    await asyncio.gather(*(visit(n) for n in range(count)))


def _start_visitors(base_url: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "bench.hostile", "--visitors", base_url]
    command += [str(VISITORS), str(LOAD_S)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)


def _visitor_outcomes(visitors: subprocess.Popen) -> dict:
    out, _ = visitors.communicate(timeout=VISIT_TIMEOUT_S + 60)
    return json.loads(out.splitlines()[-1])


def _class(hammer: bool) -> dict:
    env = {"READING_ROOM_HOSTED": "1"}  # a hosted demo: session mode, no listing of drafts
    with ServerProcess(DASHBOARD_APP, cwd=ROOT, env=env) as server:
        asyncio.run(run_load(server.base_url, 1, 3, expect_text=DASHBOARD_TEXT))  # warm
        peak = {"server": server.stats()["rss_bytes"], "total": 0}
        stop = threading.Event()

        def sample():
            while not stop.wait(0.5):
                stats = server.stats()
                peak["server"] = max(peak["server"], stats["rss_bytes"])
                peak["total"] = max(peak["total"], stats["rss_total_bytes"])

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # The visitors are other people's browsers: a process of their own, so their work
        # never slows the readers' client.
        visitors = _start_visitors(server.base_url) if hammer else None
        try:
            result = asyncio.run(
                run_load(server.base_url, READERS, LOAD_S, expect_text=DASHBOARD_TEXT)
            )
            outcomes = _visitor_outcomes(visitors) if visitors else {}
        finally:
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
        "server_peak_mib": peak["server"] / MIB,
        "with_workers_peak_mib": peak["total"] / MIB,
        "visitor_outcomes": outcomes,
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
            "10n ≤ about 10x (linear or better)" if "ratio_10n" in row else "bounded",
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
         f"{hammered['server_peak_mib']:.0f} MiB, with its worker "
         f"{hammered['with_workers_peak_mib']:.0f} MiB; visitors' pastes "
         f"{hammered['visitor_outcomes']}",
         "0 errors, p95 ≤ 300 ms and ≤ 1.5x alone, server with its worker ≤ 1,200 MiB"),
    ]  # fmt: skip
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--case"]:
        print(json.dumps(_one(sys.argv[2], int(sys.argv[3]))))
    elif sys.argv[1:2] == ["--visitors"]:
        counted: dict[str, int] = {}
        asyncio.run(_visitors(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), counted))
        print(json.dumps(counted))
    else:
        outcome = run()
        print(json.dumps(outcome, indent=1, default=str))
        for line in rows(outcome):
            print(" | ".join(line))
