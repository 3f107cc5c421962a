"""A whole school on it, in Chromium: three app servers started at once against one empty
PostgreSQL, HAProxy in front (deploy/), teachers and students on different servers, and a
server killed in the middle of a class.

How a test knows which server served whom: HAProxy names the server in a cookie of its own
(`RR_SERVER`, the sticky session) and in the `X-Reading-Room-Server` header of every response
(deploy/balancer.py). A test puts a browser on a server by giving it that cookie, as if the
balancer had chosen it, and reads both back from the browser.

One school for the module (starting it is most of the time). The tests that need every
server come first; the last one kills a server.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from playwright.sync_api import expect

from bench.chromium import wait_for_whole_page
from bench.classroom_load import LoadResult, _page_load, _Session
from bench.postgres import REQUIRE_ENV, missing_reason
from core.archive import bundle_zip
from deploy.balancer import SERVER_HEADER, STICKY_COOKIE
from deploy.serve import School
from drafting.review import PREVIEW, STEPS, number
from storage import Database, classes
from storage import articles as published
from storage.migrate import current, heads
from tests.browser.conftest import SETTLED, TIMEOUT_MS, screenshot, settle
from tests.browser.test_class import join_as_student, reveal_key, send
from tests.browser.test_prepare import go_to_step, open_prepare
from tests.helpers import ARTICLES
from tests.test_deploy import needs_haproxy

BUNDLED = "iran-russia-suspicious-bind"
SLUG = "school-bind"
TITLE = "Suspicious bind: Iran’s relationship with Russia"
A, B, C = "app1", "app2", "app3"


def needs_postgres() -> None:
    reason = missing_reason()
    if reason and os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{REQUIRE_ENV}=1 but {reason}")
    if reason:
        pytest.skip(reason)


def _log_ddl(school: School) -> None:
    """Have PostgreSQL log every schema change (CREATE TABLE ...) from now on."""
    with psycopg.connect(school.cluster.url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("ALTER SYSTEM SET log_statement = 'ddl'")
        conn.execute("SELECT pg_reload_conf()")


def _first_pages_at_once(school: School) -> LoadResult:
    """A first page on every server at the same moment, straight to each server (as the
    first visitors after a reboot): each server's first run migrates the database."""

    async def all_at_once() -> LoadResult:
        result = LoadResult(0, [], [], [], 0)
        sessions = [
            _Session(n, s.base_url, "", TITLE, 0) for n, s in enumerate(school.servers.values())
        ]
        await asyncio.gather(*(_page_load(session, result) for session in sessions))
        for session in sessions:
            await session.close()
        return result

    # In a thread of its own: Playwright's event loop may be running in this one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, all_at_once()).result()


@pytest.fixture(scope="module")
def school_server(tmp_path_factory):
    """Three servers and HAProxy on a new, empty PostgreSQL database; the first page of each
    server opened at once (its outcome in `first_pages`, PostgreSQL's log then in
    `database_log`); then the third server retired, so a server's visitors that lose it have
    one place to go."""
    needs_haproxy()
    needs_postgres()
    folder = tmp_path_factory.mktemp("school")
    shutil.copytree(ARTICLES, folder / "articles")
    env = {
        "READING_ROOM_ARTICLES": str(folder / "articles"),
        "READING_ROOM_DRAFTS": str(folder / "drafts"),
        "READING_ROOM_STATE": str(folder / "state"),
        "READING_ROOM_AUTHORING": "save",
    }
    with School(3, durable=False, env=env) as school:
        school.articles = folder / "articles"
        school.empty_before = current(Database(school.database_url)) == set()
        _log_ddl(school)
        school.first_pages = _first_pages_at_once(school)
        school.database_log = school.cluster.log_tail(10_000)
        school.retire(C)
        yield school


def on_server(page_factory, school, server: str, width=1280, height=900, touch=False):
    """A browser page (a context of its own) that the balancer keeps on `server`; its
    `answered` lists the server named by each response it gets."""
    page = page_factory(width, height, isolated=True, touch=touch)
    page.context.add_cookies([{"name": STICKY_COOKIE, "value": server, "url": school.base_url}])
    page.answered = []
    page.on("response", lambda r: page.answered.append(r.headers.get(SERVER_HEADER.lower())))
    return page


def sticky_server(page) -> str | None:
    cookies = page.context.cookies()
    return next((c["value"] for c in cookies if c["name"] == STICKY_COOKIE), None)


def wait_until(condition, what: str, timeout_s: float = TIMEOUT_MS / 1000) -> None:
    """Poll `condition` until it holds (a busy machine makes this slower, never fail)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what}")
        time.sleep(0.2)


def test_three_servers_started_at_once_migrate_the_empty_database_once(school_server):
    assert school_server.empty_before
    result = school_server.first_pages
    assert result.errors == [] and result.verified_sessions == 3
    assert current(Database(school_server.database_url)) == heads()
    made = re.findall(
        r"\[(\d+)\] LOG:  (?:statement|execute [^:]*):\s*CREATE TABLE (\w+)",
        school_server.database_log,
    )
    tables = [table for _, table in made]
    assert tables.count("classes") == 1 and tables.count("articles") == 1, made
    assert len({backend for backend, _ in made}) == 1  # one connection: one server migrated
    assert " ERROR: " not in school_server.database_log
    for name, server in school_server.servers.items():
        assert "Traceback" not in server.log_tail(10_000), name


def prepare_from_zip(page, school, tmp_path, name: str) -> None:
    """On the Prepare page: upload a bundle .zip (the bundled article, as `name`), open it for
    review, and go to its last step."""
    files = {p.name: p.read_bytes() for p in (ARTICLES / BUNDLED).iterdir() if p.is_file()}
    upload = tmp_path / f"{name}-{sticky_server(page)}.zip"
    upload.write_bytes(bundle_zip(files, name))
    open_prepare(page, school)
    page.get_by_role("tab", name="Upload a file").click()
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(upload)
    expect(page.get_by_text(re.compile("It passes the bundle check"))).to_be_visible()
    page.get_by_role("button", name="Open it here to review and publish").click()
    expect(page.get_by_text(f"Step 2 of {len(STEPS)}")).to_be_visible()
    go_to_step(page, number(PREVIEW), "Preview")
    expect(page.get_by_label(re.compile("Name in the address"))).to_have_value(name)


PUBLISHED = "Published on this server as {}."


def test_two_teachers_publish_one_name_on_two_servers_at_once(
    school_server, page_factory, tmp_path
):
    """One wins; the other is told the name is taken and may replace it; the version it
    replaces is kept. The reader on every server then finds the article in the database."""
    first, second = (on_server(page_factory, school_server, s) for s in (A, B))
    for page in (first, second):
        prepare_from_zip(page, school_server, tmp_path, SLUG)
    for page in (first, second):  # the second click does not wait for the first's answer
        page.get_by_role("button", name="Publish", exact=True).click()
    taken = f"An article named {SLUG} is already published"
    for page in (first, second):
        told = page.get_by_text(PUBLISHED.format(SLUG)).or_(page.get_by_text(taken))
        expect(told).to_be_visible()
    winners = [p for p in (first, second) if p.get_by_text(PUBLISHED.format(SLUG)).count()]
    assert len(winners) == 1
    loser = second if winners[0] is first else first
    expect(loser.get_by_text(taken)).to_be_visible()
    loser.get_by_text(f"Replace the article already published as {SLUG}").click()
    loser.get_by_role("button", name="Publish (replacing the old one)").click()
    expect(loser.get_by_text(PUBLISHED.format(SLUG))).to_be_visible()
    for page in (first, second):
        assert set(page.answered) == {sticky_server(page)}  # each teacher stayed on one server

    db = Database(school_server.database_url)
    versions = published.versions(db, SLUG)
    assert [v.version for v in versions] == [2, 1]  # the first kept as the backup
    winner_port, loser_port = (
        school_server.servers[sticky_server(p)].port for p in (winners[0], loser)
    )
    assert versions[1].publisher.endswith(f":{winner_port}")
    assert versions[0].publisher.endswith(f":{loser_port}")
    assert published.files(db, SLUG, 1) == published.files(db, SLUG, 2)  # both whole
    assert not (school_server.articles / SLUG).exists()  # the database, not a folder

    # Opened through another server, straight away.
    reader = on_server(page_factory, school_server, B if sticky_server(loser) == A else A)
    reader.goto(f"{school_server.base_url}/?article={SLUG}")
    expect(reader.locator("h1")).to_have_text(TITLE)


def test_a_class_goes_on_when_the_teachers_server_dies(school_server, page_factory, tmp_path):
    """The teacher publishes through server A's Prepare page and opens a class there; Ada,
    on server B, reads it, joins and answers; Bo, on server A, answers too; the wall on A
    shows both. Then A is killed: the teacher's wall and Bo's page move to B by themselves,
    Bo gets the seat back with the rejoin code, both post again, and the database holds
    every post sent; the teacher's draft, saved on A, opens on B."""
    teacher = on_server(page_factory, school_server, A)
    prepare_from_zip(teacher, school_server, tmp_path, "class-bind")
    teacher.get_by_role("button", name="Publish", exact=True).click()
    expect(teacher.get_by_text(PUBLISHED.format("class-bind"))).to_be_visible()
    draft_address = teacher.url  # /prepare?draft=<token>: the draft is in the database

    ada = on_server(page_factory, school_server, B, 390, 844, touch=True)
    ada.goto(f"{school_server.base_url}/?article=class-bind")
    expect(ada.locator("h1")).to_have_text(TITLE)  # published on A, read on B

    teacher.goto(f"{school_server.base_url}/?article=class-bind")
    wait_for_whole_page(teacher)
    teacher.get_by_text("Class: students answer from their devices").click()
    teacher.get_by_role("button", name="Open a class for this article").click()
    expect(teacher).to_have_url(re.compile(r"[?&]class=[A-Z0-9]+"))
    code = re.search(r"[?&]class=([A-Z0-9]+)", teacher.url).group(1)
    reveal_key(teacher)
    teacher.get_by_role("button", name="I have kept the key: hide it").click()
    teacher.get_by_role("button", name="Presenter mode").click()
    wall = teacher.locator(".rr-wall")
    expect(wall).to_be_visible()

    join_as_student(ada, school_server, code, "Ada", "&q=1")
    send(ada, "Your answer to question 1", "The bind is mutual need.", "Send the answer")
    bo = on_server(page_factory, school_server, A)
    bo_seat = join_as_student(bo, school_server, code, "Bo", "&q=1")
    send(bo, "Your answer to question 1", "Moscow needs Tehran more.", "Send the answer")
    search = bo.get_by_label("Search actors")
    search.fill("Zarif")
    search.press("Enter")
    expect(bo.get_by_role("button", name=re.compile("^Ali Khamenei"))).to_have_count(0)
    expect(wall).to_contain_text("The bind is mutual need.")  # posted on B, shown on A
    expect(wall).to_contain_text("Moscow needs Tehran more.")
    assert set(teacher.answered) == {A} and set(bo.answered) == {A}
    assert set(ada.answered) == {B}
    screenshot(teacher, "school-wall-on-a")

    school_server.kill(A)
    # The wall polls, so the browser reruns the page on the server it reconnects to.
    wait_until(lambda: sticky_server(teacher) == B, "the teacher's page to move to B")
    teacher.wait_for_function(SETTLED)
    expect(wall).to_contain_text("Moscow needs Tehran more.")
    ada.get_by_text("Leave a note on a paragraph").click()
    settle(ada)  # the expander keeps its state on the server: opening it may start a run
    send(ada, "Your note", "Paragraph three matters.", "Send the note")
    expect(wall).to_contain_text("Paragraph three matters.")  # the wall goes on, on B

    wait_until(lambda: sticky_server(bo) == B, "Bo's page to move to B")
    # Its first run on B sends the page whole: what Bo had typed stays (components/loading.py).
    bo.wait_for_function(SETTLED)
    expect(search).to_have_value("Zarif")
    expect(bo.get_by_role("button", name=re.compile("^Ali Khamenei"))).to_have_count(0)
    bo.get_by_label("Back in class? Your seat code").fill(bo_seat)
    bo.get_by_role("button", name="Get my seat back").click()
    expect(bo.locator(".rr-seat strong")).to_have_text(f"Seat {bo_seat}")
    expect(bo.get_by_text("Your responses (1)")).to_be_visible()  # nothing Bo posted is lost
    settle(bo)
    bo.get_by_text("Leave a note on a paragraph").click()
    settle(bo)
    send(bo, "Your note", "Bo is back after the outage.", "Send the note")
    expect(wall).to_contain_text("Bo is back after the outage.")
    settle(teacher)
    screenshot(teacher, "school-wall-after-losing-a")

    # The teacher's draft, saved on A, opens on B where the teacher left it.
    again = on_server(page_factory, school_server, B)
    again.goto(draft_address)
    expect(again.get_by_text(f"Step {number(PREVIEW)} of {len(STEPS)}")).to_be_visible()
    expect(again.get_by_label(re.compile("Name in the address"))).to_have_value("class-bind")

    stored = classes.responses(Database(school_server.database_url), code, include_hidden=True)
    assert sorted(r.body for r in stored) == sorted(
        [
            "The bind is mutual need.",
            "Moscow needs Tehran more.",
            "Paragraph three matters.",
            "Bo is back after the outage.",
        ]
    )
