"""What users feel in a real browser: time to content, and interaction latency."""

from __future__ import annotations

import time

from playwright.sync_api import sync_playwright

from bench.chromium import launch, wait_for_whole_page
from bench.common import (
    BASELINE_APP,
    CHART_FLOOR_APP,
    DASHBOARD_APP,
    FLOOR_APP,
    ROOT,
    median,
    percentile,
)
from bench.server_stats import ServerProcess

PAGE_LOADS = 12
INTERACTIONS = 24
TIMEOUT_MS = 60_000

# Installed before any page script: records, with performance.now() (milliseconds since
# navigation started), when each watched element first appears in the DOM.
FIRST_SEEN = """
window.__firstSeen = {};
const watched = {
  article: () => document.querySelector("#rr-p-1"),
  tools: () => document.querySelector("[data-testid=stSidebar] [data-testid=stButtonGroup]"),
  timeline: () => document.querySelector(".js-plotly-plot .scatterlayer .points path"),
  line: () => [...document.querySelectorAll("[data-testid=stMarkdownContainer] p")]
                .find(p => p.textContent === "Reading Room"),
};
new MutationObserver(() => {
  for (const [name, found] of Object.entries(watched)) {
    if (!(name in window.__firstSeen) && found()) window.__firstSeen[name] = performance.now();
  }
}).observe(document, {childList: true, subtree: true});
"""


def _first_seen(browser, url: str, names: tuple[str, ...]) -> dict[str, float]:
    """A fresh page (new context, empty cache); wait until every named element has appeared."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(FIRST_SEEN)
    page = context.new_page()
    page.goto(url)
    condition = " && ".join(f"'{name}' in window.__firstSeen" for name in names)
    page.wait_for_function(condition, timeout=TIMEOUT_MS)
    seen = page.evaluate("window.__firstSeen")
    context.close()
    return seen


def time_to_content(browser, dashboard: str, baseline: str, floor: str, chart: str) -> dict:
    """Alternate fresh loads of the one-line app, the dashboard and the two floor apps."""
    seen: dict[str, list[float]] = {}
    for _ in range(PAGE_LOADS):
        for prefix, url, names in (
            ("", baseline, ("line",)),
            ("", dashboard, ("article", "tools")),
            ("floor_", floor, ("article", "timeline")),
            ("chart_floor_", chart, ("line", "timeline")),
        ):
            for name, value in _first_seen(browser, url, names).items():
                if name in names:
                    seen.setdefault(prefix + name, []).append(value)
    medians = {name: median(values) for name, values in seen.items()}
    # The first page comes in steps (components/loading.py): the text, then the tools. How
    # often a load kept that order, on this machine as busy as it is now.
    in_order = sum(
        article < tools for article, tools in zip(seen["article"], seen["tools"], strict=True)
    )
    base = medians["line"]
    return {
        "one_line_ms": base,
        "article_ms": medians["article"],
        "tools_ms": medians["tools"],
        "article_ratio": medians["article"] / base,
        "tools_ratio": medians["tools"] / base,
        "floor_article_ratio": medians["floor_article"] / base,
        "floor_timeline_ratio": medians["floor_timeline"] / base,
        "chart_floor_timeline_ratio": medians["chart_floor_timeline"] / base,
        "budget_article_ratio": 1.25,
        "budget_tools_ratio": 2.0,
        "steps_in_order": f"{in_order}/{PAGE_LOADS}",
        "page_loads": PAGE_LOADS,
    }


class _ServerShare:
    """Times from a websocket frame sent to the next frame received that ends a script run."""

    def __init__(self, page):
        self.sent_at: float | None = None
        self.shares: list[float] = []
        page.on("websocket", self._watch)

    def _watch(self, socket) -> None:
        socket.on("framesent", lambda _: setattr(self, "sent_at", time.perf_counter()))
        socket.on("framereceived", self._received)

    def _received(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if self.sent_at is None or isinstance(payload, str):
            return
        message = ForwardMsg()
        message.ParseFromString(payload)
        if message.WhichOneof("type") == "script_finished":
            self.shares.append((time.perf_counter() - self.sent_at) * 1000)
            self.sent_at = None


ACTOR_UPDATED = """([name, actorId]) => new Promise(resolve => {
  const done = () => {
    const marks = [...document.querySelectorAll("[id^=rr-p-] mark.rr-m")];
    return marks.length > 0 && marks.every(m => m.dataset.actor === actorId);
  };
  const button = [...document.querySelectorAll("[data-testid=stSidebar] button")]
                   .find(b => b.textContent.includes(name));
  const start = performance.now();
  new MutationObserver((_, observer) => {
    if (done()) { observer.disconnect(); resolve(performance.now() - start); }
  }).observe(document.body, {childList: true, subtree: true, attributes: true});
  button.click();
})"""


def interaction_latency(browser, dashboard: str) -> dict:
    """Focus an actor (click its pill) and time until the reader shows only that actor."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    share = _ServerShare(page)
    page.goto(dashboard)
    wait_for_whole_page(page, TIMEOUT_MS)
    page.wait_for_timeout(1000)
    actors = [("Ali Khamenei", "ali-khamenei"), ("Javad Zarif", "javad-zarif")]
    latencies = []
    for number in range(INTERACTIONS):
        name, actor_id = actors[number % 2]
        latencies.append(page.evaluate(ACTOR_UPDATED, [name, actor_id]))
        page.evaluate(
            "name => [...document.querySelectorAll('[data-testid=stSidebar] button')]"
            ".find(b => b.textContent.includes(name)).click()",
            name,
        )  # deselect again, so the next click focuses a single actor
        page.wait_for_selector("#rr-p-1:not(.rr-dim):not(.rr-hit)", timeout=TIMEOUT_MS)
    page.close()
    return {
        "interactions": len(latencies),
        "median_ms": median(latencies),
        "p95_ms": percentile(latencies, 95),
        "server_share_median_ms": median(share.shares),
        "budget_median_ms": 250,
        "budget_p95_ms": 500,
    }


TIMELINE_DRAWN = """() => new Promise(resolve => {
  const drawn = () => document.querySelector(".js-plotly-plot .scatterlayer .points path");
  const start = performance.now();
  new MutationObserver((_, observer) => {
    if (drawn()) { observer.disconnect(); resolve(performance.now() - start); }
  }).observe(document.body, {childList: true, subtree: true});
  document.querySelector(".st-key-timeline-open summary").click();
})"""


def timeline_opening(browser, dashboard: str) -> dict:
    """A fresh page each time: the whole first page, then open the timeline (collapsed, its
    chart not sent yet) and time until the chart is drawn: Plotly's code arrives then too."""
    latencies = []
    for _ in range(PAGE_LOADS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(dashboard)
        wait_for_whole_page(page, TIMEOUT_MS)
        latencies.append(page.evaluate(TIMELINE_DRAWN))
        context.close()
    return {"openings": len(latencies), "median_ms": median(latencies)}


def run() -> dict:
    with (
        ServerProcess(DASHBOARD_APP, cwd=ROOT) as dashboard,
        ServerProcess(BASELINE_APP, cwd=ROOT) as baseline,
        ServerProcess(FLOOR_APP, cwd=ROOT) as floor,
        ServerProcess(CHART_FLOOR_APP, cwd=ROOT) as chart,
        sync_playwright() as playwright,
    ):
        browser = launch(playwright)
        _first_seen(browser, dashboard.base_url, ("article", "tools"))  # warm the caches
        _first_seen(browser, floor.base_url, ("article", "timeline"))
        urls = (dashboard.base_url, baseline.base_url, floor.base_url, chart.base_url)
        results = {
            "time_to_content": time_to_content(browser, *urls),
            "interaction": interaction_latency(browser, dashboard.base_url),
            "timeline_opening": timeline_opening(browser, dashboard.base_url),
        }
        browser.close()
    return results
