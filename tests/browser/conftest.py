"""Real Chromium (Debian's, never a downloaded one) against a real Streamlit server."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bench.chromium import CHROMIUM, launch
from bench.server_stats import ServerProcess
from tests.helpers import ROOT
from tests.hostile import write_hostile_bundle

ARTIFACTS = ROOT / "test-artifacts"


def pytest_collection_modifyitems(items):
    """Mark browser tests; without Chromium skip them, unless CI demands they run."""
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


@pytest.fixture(scope="session")
def server():
    """The app on the bundled articles, with the project's own production config."""
    with ServerProcess(ROOT / "app.py", cwd=ROOT) as running:
        yield running


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory):
    """The app on a bundle whose every text field holds hostile markup."""
    root = tmp_path_factory.mktemp("hostile-articles")
    write_hostile_bundle(root / "hostile")
    env = {"READING_ROOM_ARTICLES": str(root)}
    with ServerProcess(ROOT / "app.py", cwd=ROOT, env=env) as running:
        yield running


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


@pytest.fixture
def page_factory(browser, request):
    """New pages at a width and colour scheme (a phone's touch screen with `touch`); each saves
    a screenshot if the test fails."""
    contexts = []

    def open_page(width: int = 1280, height: int = 900, scheme: str = "light", touch=False):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,
            has_touch=touch,
            is_mobile=touch,
        )
        context.add_init_script(SENTINEL_SCRIPT)
        page = context.new_page()
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        contexts.append((context, page))
        return page

    yield open_page
    failed = getattr(request.node, "report_call", None)
    for number, (context, page) in enumerate(contexts):
        if failed is not None and failed.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            page.screenshot(path=str(ARTIFACTS / f"FAILED-{name}-{number}.png"))
        context.close()


def screenshot(page, name: str) -> Path:
    """Keep a screenshot as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
