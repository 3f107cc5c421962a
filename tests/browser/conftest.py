"""Browser tests: a real Chromium (Debian's, never a downloaded one) against a real server.

How to write one (`make test` runs them on two workers of a shared, often busy machine):

- Server: take the `server` fixture (the app on the bundled articles). A test that needs other
  bundles takes `bundles_server` (hostile, XSS corpus and draft bundles: tests/hostile.py),
  `save_server` (the Prepare page publishing on the server), or a fixture of its own whose
  name ends in `_server` (`authoring_server` starts the app in another authoring mode); never
  start a server inside a test. A server fixture starts once per worker, and the tests that
  take one other than `server` are all sent to the same worker, so it starts once in all.
- Page: `page_factory(width, height, scheme)` opens a page in the worker's shared browser
  context, whose cache is warm (Streamlit's and Plotly's code load once per worker). Pass
  `isolated=True` for a context of the test's own when it changes the context (permissions,
  cookies, touch).
- Waiting: `open_app(page, server, "?query")` returns once the whole page is drawn and the
  app's script has finished; `settle(page)` after a click, once the rerun it asked for is
  over. After that wait on conditions: `expect(...)` retries until its condition holds;
  `page.wait_for_function(js)` for anything else. `wait_for_timeout` never
  decides whether a test passes. Every wait has a generous timeout already (TIMEOUT_MS, set
  here): pass none of your own, so a busy machine makes a test slower, never failed.
- Hostile input: `assert_nothing_ran(page)` checks that no payload ran or got in.
- Timing: never assert how fast, or in which order, things arrive: that is `make bench`'s
  (bench/browser.py).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from bench.chromium import CHROMIUM, launch, wait_for_whole_page
from bench.server_stats import ServerProcess
from tests.helpers import ARTICLES, ROOT
from tests.hostile import write_test_bundles

ARTIFACTS = ROOT / "test-artifacts"
# Every wait of a browser test. On a quiet machine a page takes seconds; on two cores shared
# with other work it has taken over a minute. Running out means the app is broken.
TIMEOUT_MS = 180_000
SERVER_START_TIMEOUT_S = 240.0
# A server's first draft also loads the language model.
DRAFT_TIMEOUT_MS = 300_000
FAILURE_SCREENSHOT_TIMEOUT_MS = 30_000

expect.set_options(timeout=TIMEOUT_MS)


def _extra_servers(item) -> list[str]:
    """The server fixtures other than `server` that a test takes."""
    names = getattr(item, "fixturenames", ())
    return sorted(name for name in names if name.endswith("_server") and name != "server")


def _server_groups(items) -> dict[str, str]:
    """One group name per set of server fixtures that some test takes together."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    for item in items:
        names = _extra_servers(item)
        for name in names:
            parent[root(name)] = root(names[0])
    return {name: root(name) for name in parent}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items):
    """Group the tests of each extra server on one worker; without Chromium skip the browser
    tests, unless CI demands they run."""
    groups = _server_groups(items)
    for item in items:
        servers = _extra_servers(item)
        if servers:
            item.add_marker(pytest.mark.xdist_group(groups[servers[0]]))
    if CHROMIUM.exists():
        return
    if os.environ.get("READING_ROOM_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"browser tests need Chromium at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's outcome so the page fixture can screenshot failures."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def start_server(env: dict[str, str] | None = None) -> ServerProcess:
    """The app with the project's own production config, given time to start on a busy machine."""
    return ServerProcess(
        ROOT / "app.py", cwd=ROOT, env=env, health_timeout_s=SERVER_START_TIMEOUT_S
    ).start()


@pytest.fixture(scope="session")
def server():
    """The app on the bundled articles."""
    running = start_server()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def bundles_server(tmp_path_factory):
    """The app on the bundles under test (tests/hostile.py): `hostile` (every text field holds
    hostile markup), the XSS corpus (`CORPUS_SLUGS`) and `draft` (a draft of the bundled
    article, every row a suggestion)."""
    root = tmp_path_factory.mktemp("test-articles")
    write_test_bundles(root)
    running = start_server({"READING_ROOM_ARTICLES": str(root)})
    yield running
    running.stop()


def authoring_server(tmp_path_factory, mode: str):
    """The app in authoring `mode` on a copy of the bundled articles, with a drafts folder of
    its own; its `articles` is that articles folder."""
    root = tmp_path_factory.mktemp(f"prepare-{mode}")
    shutil.copytree(ARTICLES, root / "articles")
    running = start_server(
        {
            "READING_ROOM_ARTICLES": str(root / "articles"),
            "READING_ROOM_DRAFTS": str(root / "drafts"),
            "READING_ROOM_AUTHORING": mode,
        }
    )
    running.articles = root / "articles"
    yield running
    running.stop()


@pytest.fixture(scope="session")
def save_server(tmp_path_factory):
    """The app whose Prepare page publishes on the server (tests give each article they
    publish a name of its own)."""
    yield from authoring_server(tmp_path_factory, "save")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


# Runs before any page script: any dialog or a payload calling alert/confirm/prompt
# sets a sentinel the tests read back.
SENTINEL_SCRIPT = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xss.push(name + ":" + args.join(",")); };
}
"""


def _new_context(browser, **options):
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(SENTINEL_SCRIPT)
    return context


@pytest.fixture(scope="session")
def shared_context(browser):
    """The worker's browser context: its pages share one HTTP cache."""
    context = _new_context(browser)
    yield context
    context.close()


@pytest.fixture
def page_factory(browser, shared_context, request):
    """New pages at a width and colour scheme; each saves a screenshot if the test fails.

    A page opens in the shared context unless `isolated` asks for a context of its own; a
    phone's touch screen (`touch`) always has its own."""
    opened = []

    def open_page(
        width: int = 1280,
        height: int = 900,
        scheme: str = "light",
        isolated: bool = False,
        touch: bool = False,
    ):
        viewport = {"width": width, "height": height}
        if isolated or touch:
            context = _new_context(
                browser, viewport=viewport, color_scheme=scheme, has_touch=touch, is_mobile=touch
            )
            page = context.new_page()
        else:
            context, page = None, shared_context.new_page()
            page.set_viewport_size(viewport)
            page.emulate_media(color_scheme=scheme)
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        opened.append((context, page))
        return page

    yield open_page
    failed = getattr(request.node, "report_call", None)
    for number, (context, page) in enumerate(opened):
        if failed is not None and failed.failed:
            _failure_screenshot(page, f"FAILED-{request.node.name}-{number}")
        (context or page).close()


def _failure_screenshot(page, name: str) -> None:
    """Best effort: a page too broken to photograph must not hide the test's own failure."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / (re.sub(r"[^\w.-]+", "_", name) + ".png")
    try:
        page.screenshot(path=str(path), timeout=FAILURE_SCREENSHOT_TIMEOUT_MS)
    except Exception as error:  # any failure here is secondary
        print(f"no screenshot of the failed page: {error}")


def open_app(page, server, query: str = ""):
    """Open a view (`query` such as "?actor=javad-zarif") and wait until the whole page is
    drawn and the app's script has finished."""
    page.goto(f"{server.base_url}/{query}")
    wait_for_whole_page(page)
    return page


def screenshot(page, name: str) -> Path:
    """Keep a screenshot as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


BLOCKING_IMPACTS = {"serious", "critical"}


def describe_violations(violations: list[dict]) -> str:
    """One block per violation: id, impact, help, then each target with axe's finding."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{len(nodes)} node(s)] {violation['helpUrl']}"
        )
        for node in nodes:
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            finding = checks[0]["message"] if checks else ""
            lines.append(f"    target: {' >> '.join(node['target'])}")
            if finding:
                lines.append(f"        {finding}")
    return "\n".join(lines)


def assert_accessible(page, where: str) -> None:
    """axe-core on the page as it is now: no serious or critical violation. (axe comes inside
    the axe-playwright-python package, so this needs no network.)"""
    violations = Axe().run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(
            f"axe: serious/critical violations on {where}:\n{describe_violations(blocking)}"
        )


# The app is idle: no script run going on and no element still waiting for its code.
_IDLE = (
    '!!document.querySelector("[data-testid=stApp][data-test-script-state=notRunning]")'
    ' && !document.querySelector("[data-testid=stSkeleton]")'
)
SETTLED = f"() => {_IDLE}"
# No animation or transition is running.
_NOT_MOVING = "document.getAnimations().every(a => a.playState !== 'running')"
STILL = f"() => {_IDLE} && {_NOT_MOVING}"


# True once Streamlit has redrawn the app in a colour scheme (after `emulate_media`): its
# background is the theme's (.streamlit/config.toml) and no colour is still in transition.
DRAWN_IN_SCHEME = {
    scheme: "() => getComputedStyle(document.querySelector('[data-testid=stApp]'))"
    f".backgroundColor === '{colour}' && {_NOT_MOVING}"
    for scheme, colour in (("light", "rgb(255, 255, 255)"), ("dark", "rgb(23, 22, 20)"))
}


def settle(page) -> None:
    """After a click or a key: let the rerun it asked for start, then wait until it is over."""
    page.wait_for_timeout(300)
    page.wait_for_function(SETTLED)


# What a payload could have added: a script (inside the app, its own page script is the one
# allowed, known by its text; Streamlit's page shell has scripts of its own), an attribute
# that can run script (any event handler; a URL attribute holding a script URL or a document
# in a data URL: the page's icon is an image in one), or an element that loads or redirects.
FOREIGN = """() => {
  const urls = ["href", "xlink:href", "src", "action", "formaction", "data"];
  const runs = a => a.name.toLowerCase().startsWith("on") || (urls.includes(a.name.toLowerCase())
    && /^\\s*(javascript:|vbscript:|data:(?!image\\/))/i.test(a.value));
  return [
    ...[...document.querySelectorAll("[data-testid=stApp] script")].filter(
          s => !s.src && !s.textContent.includes("rrCopyBound") && s.textContent.trim()),
    ...[...document.querySelectorAll("*")].filter(e => [...e.attributes].some(runs)),
    ...document.querySelectorAll(
      "[data-testid=stMain] img[src=x], iframe, object, embed, form[action], base[href], " +
      "meta[http-equiv]"),
  ].map(e => e.outerHTML.slice(0, 120));
}"""

# Resolves once every image has loaded or failed (an `onerror` would have been queued by
# then) and two frames have passed, so any handler a payload set has run.
IMAGES_SETTLED = """() => new Promise(done => {
  const waiting = () => [...document.images].some(image => !image.complete);
  const frames = () => requestAnimationFrame(() => requestAnimationFrame(done));
  const poll = () => waiting() ? setTimeout(poll, 50) : frames();
  poll();
})"""


def assert_nothing_ran(page, ready=wait_for_whole_page) -> None:
    """No payload ran (no dialog, the sentinel is empty) and none left an element or attribute
    that could run later. `ready` waits until the page is drawn (by default, the reader)."""
    ready(page)
    page.evaluate(IMAGES_SETTLED)
    assert page.dialogs == []
    assert page.evaluate("window.__xss") == []
    assert page.evaluate(FOREIGN) == []


# Resolves once nothing has scrolled for 150 ms. Focusing by Tab scrolls the main pane to
# the control; react-aria closes an open listbox on any scroll, so a key pressed before
# that scroll lands would see its list open and at once close again.
SCROLL_SETTLED = """() => new Promise(done => {
  const finish = () => { document.removeEventListener("scroll", restart, true); done(); };
  let timer = setTimeout(finish, 150);
  function restart() { clearTimeout(timer); timer = setTimeout(finish, 150); }
  document.addEventListener("scroll", restart, true);
})"""
