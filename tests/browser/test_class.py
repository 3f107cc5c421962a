"""A class taking part, in Chromium: two browsers, a teacher's projector and a student's phone;
axe on the join form, the student's view, the wall and the moderation view; the XSS corpus
through every piece of student text on the student's view, the wall, moderation and the
exports. One server for the module, with a class database of its own."""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import expect

from bench.chromium import wait_for_whole_page
from tests.browser.conftest import (
    DRAWN_IN_SCHEME,
    IMAGES_SETTLED,
    STILL,
    assert_accessible,
    assert_nothing_ran,
    screenshot,
    start_server,
)
from tests.hostile import corpus

SLUG = "iran-russia-suspicious-bind"
SCHEMES = ("light", "dark")


@pytest.fixture(scope="session")
def class_server(tmp_path_factory):
    """The app with a class database of its own (a SQLite file in its own state folder)."""
    state = tmp_path_factory.mktemp("class-server-state")
    running = start_server({"READING_ROOM_STATE": str(state)})
    running.database_url = f"sqlite:///{state / 'reading-room.sqlite3'}"
    yield running
    running.stop()


def _ready(page) -> None:
    page.wait_for_function(STILL)


def _whole(page) -> None:
    """The whole first page is there (its steps done) and nothing moves: a form filled now
    is not drawn again under the typing."""
    wait_for_whole_page(page)
    _ready(page)


def accessible_both_ways(page, where: str) -> None:
    """axe in the light and the dark theme on the page as it is."""
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function(DRAWN_IN_SCHEME[scheme])
        _ready(page)
        assert_accessible(page, f"{where}, {scheme}")
    page.emulate_media(color_scheme="light")


def open_class_in(page, server) -> str:
    """The teacher opens a class from the reader's sidebar; its code."""
    page.goto(f"{server.base_url}/")
    _whole(page)
    page.get_by_text("Class: students answer from their devices").click()
    page.get_by_role("button", name="Open a class for this article").click()
    expect(page).to_have_url(re.compile(r"[?&]class=[A-Z0-9]+"))
    expect(page.locator(".rr-join")).to_be_visible()
    return re.search(r"[?&]class=([A-Z0-9]+)", page.url).group(1)


def reveal_key(page) -> str:
    page.get_by_text("Reveal the teacher key").click()
    code = page.locator("[data-testid=stCode] code")
    expect(code).to_be_visible()
    return code.inner_text().strip()


def page_text_and_links(page) -> str:
    """What a page shows and where its links go, and its address."""
    return page.evaluate(
        """() => [location.href, document.body.innerText,
              ...[...document.querySelectorAll('[href],[src],[value]')].map(
                e => (e.getAttribute('href') || '') + (e.getAttribute('src') || '')
                  + (e.getAttribute('value') || ''))].join('\\n')"""
    )


def join_as_student(page, server, code: str, name: str, query: str = "") -> str:
    """A student joins by the link; their rejoin code."""
    page.goto(f"{server.base_url}/?class={code}{query}")
    expect(page.get_by_text("names are hidden")).to_be_visible()
    _whole(page)
    page.get_by_label("Your name (optional)").fill(name)
    page.get_by_role("button", name="Join", exact=True).click()
    seat = page.locator(".rr-seat strong")
    expect(seat).to_be_visible()
    return seat.inner_text().removeprefix("Seat ").strip()


def moderate(page) -> None:
    """Switch the moderation view on, once the run that drew its switch is over."""
    _ready(page)
    page.get_by_text("Moderate (shows names").click()
    expect(page.get_by_role("switch", name=re.compile(r"^Moderate \(shows names"))).to_be_checked()
    expect(page.get_by_text(re.compile(r"^Responses: \d+"))).to_be_visible()


def send(page, box: str, text: str, button: str) -> None:
    page.get_by_label(box).fill(text)
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text("Sent.")).to_be_visible()


def at_width(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    _ready(page)


def test_a_phone_answers_and_notes_and_the_projector_shows_it(class_server, page_factory):
    """Two browsers: the teacher's projector (1280) and a student's phone (390); axe on the
    join form, the student's view, the wall and moderation at both widths, both themes."""
    teacher = page_factory(1280, 900)
    code = open_class_in(teacher, class_server)
    key = reveal_key(teacher)
    assert key and key not in teacher.url
    teacher.get_by_role("button", name="I have kept the key: hide it").click()
    expect(teacher.locator("[data-testid=stCode]")).to_have_count(0)
    teacher.get_by_role("button", name="Presenter mode").click()
    expect(teacher.locator(".rr-present-text")).to_be_visible()
    expect(teacher.locator(".rr-wall")).to_be_visible()
    assert key not in page_text_and_links(teacher)

    phone = page_factory(390, 844, touch=True)
    phone.goto(f"{class_server.base_url}/?class={code}&q=1&p=3")
    expect(phone.get_by_text("names are hidden")).to_be_visible()
    _whole(phone)
    accessible_both_ways(phone, "the join form at 390")
    at_width(phone, 1280)
    accessible_both_ways(phone, "the join form at 1280")
    at_width(phone, 390)
    phone.get_by_label("Your name (optional)").fill("Ada")
    phone.get_by_role("button", name="Join", exact=True).click()
    expect(phone.locator(".rr-seat strong")).to_be_visible()
    rejoin = phone.locator(".rr-seat strong").inner_text().removeprefix("Seat ").strip()
    send(phone, "Your answer to question 1", "The bind is mutual need.", "Send the answer")
    phone.get_by_text("Leave a note on a paragraph").click()
    send(phone, "Your note", "Paragraph three matters.", "Send the note")
    accessible_both_ways(phone, "the student's view at 390")
    screenshot(phone, "class-student-390")
    at_width(phone, 1280)
    accessible_both_ways(phone, "the student's view at 1280")
    at_width(phone, 390)

    # The projector shows both, and the count on ¶3, with nobody touching it.
    wall = teacher.locator(".rr-wall")
    expect(wall).to_contain_text("The bind is mutual need.")
    expect(wall).to_contain_text("Paragraph three matters.")
    expect(wall.locator(".rr-pcounts li", has_text="¶3").locator(".rr-count")).to_contain_text("1")
    expect(wall).not_to_contain_text("Ada")
    assert key not in page_text_and_links(teacher)
    accessible_both_ways(teacher, "the wall in presenter mode at 1280")
    screenshot(teacher, "class-projector-1280")

    # The teacher hides the answer: it leaves the wall.
    teacher.get_by_role("button", name="Leave presenter mode").click()
    expect(teacher.locator(".rr-wall")).to_be_visible()
    at_width(teacher, 390)
    accessible_both_ways(teacher, "the wall in the Class panel at 390")
    at_width(teacher, 1280)
    moderate(teacher)
    expect(teacher.get_by_text("Ada").first).to_be_visible()
    accessible_both_ways(teacher, "the moderation view at 1280")
    screenshot(teacher, "class-moderation-1280")
    at_width(teacher, 390)
    accessible_both_ways(teacher, "the moderation view at 390")
    at_width(teacher, 1280)
    item = teacher.locator("[class*=st-key-class-mod-]", has_text="The bind is mutual need.")
    item.get_by_role("button", name="Hide").click()
    expect(item).to_contain_text("hidden by the teacher")
    teacher.get_by_role("button", name="Presenter mode").click()
    expect(teacher.locator(".rr-wall")).to_contain_text("Paragraph three matters.")
    expect(teacher.locator(".rr-wall")).not_to_contain_text("The bind is mutual need.")
    assert key not in page_text_and_links(teacher)

    # The phone reloads: a new session, and the seat comes back with its code.
    phone.reload()
    expect(phone.get_by_label("Back in class? Your seat code")).to_be_visible()
    _whole(phone)
    phone.get_by_label("Back in class? Your seat code").fill(rejoin)
    phone.get_by_role("button", name="Get my seat back").click()
    expect(phone.locator(".rr-seat strong")).to_have_text(f"Seat {rejoin}")
    expect(phone.get_by_text("Your responses (2)")).to_be_visible()
    assert key not in page_text_and_links(phone)


def test_the_xss_corpus_runs_nowhere(class_server, page_factory, tmp_path):
    """Every payload as an answer, a note, a quote and a display name (posted through the
    class's API), on a student's view, the wall, moderation, and in the exports."""
    from storage import Limits, open_database
    from storage import classes as api

    db = open_database(
        class_server.database_url,
        limits=Limits(
            posts_per_seat_per_minute=10**6, joins_per_class_per_minute=10**6, seats_per_class=10**4
        ),
    )
    opened = api.open_class(db, SLUG, "fingerprint-of-an-earlier-text")
    api.update_settings(db, opened.code, opened.teacher_key, names_on_wall=True)
    # The student joins first: the server counts joins per minute in the database.
    student = page_factory(1280, 900)
    join_as_student(student, class_server, opened.code, "<svg onload=alert(1)>", "&q=1")
    payloads = corpus()
    for number, payload in enumerate(payloads):
        seat = api.join(db, opened.code, payload[:24])
        kind = "answer" if number % 2 else "note"
        api.post(
            db,
            opened.code,
            seat.token,
            kind,
            payload,
            question=1 if kind == "answer" else None,
            paragraph=None if kind == "answer" else 1 + number % 11,
            quote=payload if kind == "note" else "",
            fingerprint="fingerprint-of-an-earlier-text",
        )
    student.get_by_role("button", name=re.compile(r"new answers.*: show$")).click()
    expect(student.locator(".rr-answers .rr-response").nth(10)).to_be_visible()
    assert_nothing_ran(student, _ready)
    student.locator(".st-key-panel").get_by_text("Class", exact=True).click()  # notes too
    expect(student.locator(".rr-wall blockquote").nth(10)).to_be_visible()
    assert_nothing_ran(student, _ready)
    projector = page_factory(1280, 900)
    projector.goto(f"{class_server.base_url}/?class={opened.code}&present=1&q=1")
    expect(projector.locator(".rr-wall .rr-response").first).to_be_visible()
    assert_nothing_ran(projector, _ready)
    shown = projector.locator(".rr-wall").inner_text()
    assert payloads[1].strip()[:20] in shown or payloads[3].strip()[:20] in shown

    teacher = page_factory(1280, 900)
    teacher.goto(f"{class_server.base_url}/")
    _whole(teacher)
    teacher.get_by_text("Class: students answer from their devices").click()
    form = teacher.locator("[data-testid=stForm]", has_text="Moderate a class")
    form.get_by_label("Class code").fill(opened.code)
    form.get_by_label("Teacher key").fill(opened.teacher_key)
    form.get_by_role("button", name="Moderate").click()
    moderate(teacher)
    expect(teacher.locator("[class*=st-key-class-mod-]").first).to_be_visible()
    assert_nothing_ran(teacher, _ready)
    teacher.get_by_role("button", name=re.compile("^Prepare the exports")).click()
    for label, suffix in (
        ("Responses (CSV)", "csv"),
        ("Responses (JSON)", "json"),
        ("Teacher's pack with the class (HTML)", "html"),
    ):
        with teacher.expect_download() as download:
            teacher.get_by_role("button", name=label).click()
        path = tmp_path / f"export.{suffix}"
        download.value.save_as(path)
        text = path.read_text(encoding="utf-8")
        first = payloads[0].strip()
        assert (html.escape(first) if suffix == "html" else first) in text, suffix
    pack = page_factory(1280, 900)
    pack.goto((tmp_path / "export.html").as_uri())
    pack.evaluate(IMAGES_SETTLED)
    assert pack.dialogs == [] and pack.evaluate("window.__xss") == []
    assert (
        pack.evaluate("document.querySelectorAll('script,[onerror],[onload],iframe').length") == 0
    )
    db.close()
