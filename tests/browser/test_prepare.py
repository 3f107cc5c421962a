"""Preparing an article in Chromium, as a teacher would: paste, review, publish, read; a saved
page uploaded; a zip exported and opened again in session mode; `off`; a phone, by keyboard.

One server per authoring mode (conftest.authoring_server); the `save` one, `save_server`, is
shared with test_prepare_xss.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from core.archive import bundle_zip
from core.vocabulary import ACTOR_KINDS
from drafting.review import STEPS
from tests.browser.conftest import (
    DRAFT_TIMEOUT_MS,
    SCROLL_SETTLED,
    assert_accessible,
    authoring_server,
    screenshot,
    settle,
)
from tests.helpers import ARTICLES, ROOT

SLUG = "iran-russia-suspicious-bind"
SOURCE = ARTICLES / SLUG / "source.txt"
SAVED_PAGE = ROOT / "tests" / "fixtures" / "pages" / "harbour-bridge.html"


@pytest.fixture(scope="module")
def session_server(tmp_path_factory):
    yield from authoring_server(tmp_path_factory, "session")


def pill(page, text: str):
    return page.locator("[data-testid='stButtonGroup'] button", has_text=text).first


def open_prepare(page, server) -> None:
    page.goto(f"{server.base_url}/prepare")
    expect(page.get_by_role("heading", name="Prepare an article")).to_be_visible()


def draft_pasted_page(page, server) -> None:
    open_prepare(page, server)
    page.get_by_label(re.compile("The page's text")).fill(SOURCE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Draft from this text").click()
    expect(page.get_by_text("Step 2 of 8")).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
    settle(page)


def go_to_step(page, number: int, name: str) -> None:
    pill(page, f"{number} {name}").click()
    expect(page.get_by_text(f"Step {number} of {len(STEPS)}")).to_be_visible()
    settle(page)


# The header of the selected cell's column, read from the grid's accessible table.
SELECTED_HEADER = """() => {
  const cell = document.querySelector("[data-testid='stDataFrame'] td[aria-selected='true']");
  const index = cell && cell.getAttribute("aria-colindex");
  const header = index && document.querySelector(
    `[data-testid='stDataFrame'] th[aria-colindex="${index}"]`);
  return header ? header.textContent : "";
}"""


def grid_cell(page, column: int, row: int):
    """A cell of the review table, by the grid's accessible table (columns left to right)."""
    return page.locator(f"[data-testid='stDataFrame'] #glide-cell-{column}-{row}").first


SELECTED = """() => {
  const cell = document.querySelector("[data-testid='stDataFrame'] td[aria-selected='true']");
  return cell ? cell.id : "";
}"""


# A cell's editor is open and has the keyboard.
# (Focus was on the grid before: any text field with focus now is the cell's editor.)
EDITING = """() => ["TEXTAREA", "INPUT"].includes((document.activeElement || {}).tagName)"""


def click_row(page, row: int) -> None:
    """Click the row's name until the grid says a cell of it is selected (the first click on
    a table drawn afresh can go to the grid's focus alone)."""
    box = page.locator("[data-testid='stDataFrame']").first.bounding_box()
    for _ in range(5):
        page.mouse.click(box["x"] + 120, box["y"] + 35 * (row + 1) + 17)
        try:
            page.wait_for_function(f"() => ({SELECTED})().endsWith('-{row}')", timeout=10_000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"row {row} of the table could not be selected")


def select_column(page, header: str, row: int) -> int:
    """Select the cell of `row` under `header`, moving right with the keyboard from the row's
    first cell (so a column added or hidden moves no test); returns the column's index."""
    click_row(page, row)
    key = "ArrowRight"  # and from the last column back (a table scrolled sideways)
    for _ in range(40):
        if page.evaluate(SELECTED_HEADER) == header:
            return int(page.evaluate(SELECTED).split("-")[2])
        selected = page.evaluate(SELECTED)
        page.keyboard.press(key)
        try:
            page.wait_for_function(f"() => ({SELECTED})() !== {selected!r}", timeout=10_000)
        except PlaywrightTimeoutError:
            if key == "ArrowLeft":
                break
            key = "ArrowLeft"
    raise AssertionError(f"no column {header!r} in the table")


def add_alias_by_keyboard(page, row: int, added: str) -> None:
    """Select the row's aliases, Enter, type as a person types, Enter: the cell gets the text
    (the editor opens with the caret after it, so typing adds to it). Keys sent the instant the
    editor opens can be dropped by the grid on a busy machine, so a missed edit is typed again."""
    for _ in range(3):
        aliases = select_column(page, "Aliases", row)
        before = grid_cell(page, aliases, row).inner_text()
        if before.endswith(added.strip(" |")):
            return  # a slow page showed the earlier attempt late: it was kept
        wanted = before + added
        page.keyboard.press("Enter")
        page.wait_for_function(EDITING)  # keys pressed before the cell's editor opens are lost
        page.keyboard.type(added, delay=50)
        page.keyboard.press("Enter")
        settle(page)
        try:
            expect(grid_cell(page, aliases, row)).to_have_text(wanted, timeout=20_000)
            return
        except AssertionError:
            continue
    raise AssertionError(f"{added!r} was never kept")


def test_a_teacher_prepares_the_bundled_page_and_opens_it_in_the_reader(save_server, page_factory):
    page = page_factory()
    draft_pasted_page(page, save_server)
    expect(page).to_have_url(re.compile(r"/prepare\?draft=[\w-]{20,}"))
    screenshot(page, "prepare-2-paragraphs-1280")
    assert_accessible(page, "Prepare, step 2, 1280 light")
    page.get_by_role("button", name="Next: About").click()  # the suggested paragraphs
    expect(page.get_by_text("Step 3 of 8")).to_be_visible()
    date = page.get_by_label(re.compile("Publication date"))
    date.fill("2022-09")
    date.press("Enter")
    expect(
        page.get_by_text(re.compile(r"Publication date 2022-09: \d+ events moved"))
    ).to_be_visible()
    page.get_by_role("button", name="Next: Actors").click()
    expect(page.get_by_text("Step 4 of 8")).to_be_visible()
    settle(page)
    pill(page, "People").click()
    settle(page)
    page.get_by_role("button", name=re.compile(r"Accept the \d+ shown")).click()
    expect(page.get_by_text(re.compile(r"^\d+ of \d+ accepted"))).to_contain_text(
        re.compile(r"^(1[5-9]|[2-9]\d) of")
    )
    settle(page)
    # Fix one alias in the table, by keyboard: Ali Khamenei is also 'Supreme Leader'.
    names = [grid_cell(page, 1, row).inner_text() for row in range(6)]
    row = names.index("Ali Khamenei")
    add_alias_by_keyboard(page, row, " | Supreme Leader")
    settle(page)
    screenshot(page, "prepare-4-actors-1280")
    assert_accessible(page, "Prepare, step 4, 1280 light")
    go_to_step(page, 8, "Preview")
    expect(page.locator(".rr h1")).to_have_text("Suspicious bind: Iran’s relationship with Russia")
    screenshot(page, "prepare-7-preview-1280")
    assert_accessible(page, "Prepare, step 7 (preview, draft banner), 1280 light")
    slug = page.get_by_label(re.compile("Name in the address"))
    slug.fill("prepared-bind")
    slug.press("Enter")
    settle(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("Published on this server as prepared-bind.")).to_be_visible()
    assert (save_server.articles / "prepared-bind" / "article.md").is_file()
    page.get_by_role("button", name="Open in the reader").click()
    expect(page).to_have_url(re.compile(r"\?article=prepared-bind"))
    expect(page.locator("#rr-p-1")).to_be_visible()
    khamenei = page.locator("[id^=rr-p-] mark[data-actor=ali-khamenei]")
    expect(khamenei.filter(has_text="Supreme Leader").first).to_be_visible()
    page.locator(".st-key-timeline-open summary").click()  # its chart is drawn when opened
    expect(page.locator(".js-plotly-plot .scatterlayer .points path").first).to_be_attached()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link to this view").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(save_server.base_url) and "article=prepared-bind" in copied
    screenshot(page, "prepare-published-in-reader-1280")


def test_a_saved_web_page_is_uploaded_drafted_and_continued_after_a_refresh(
    save_server, page_factory
):
    page = page_factory()
    open_prepare(page, save_server)
    page.get_by_role("tab", name="Upload a file").click()
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(SAVED_PAGE)
    page.get_by_role("button", name="Draft from this file").click()
    expect(page.get_by_text("Step 2 of 8")).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
    settle(page)
    go_to_step(page, 8, "Preview")
    title = page.locator(".rr h1").inner_text()
    assert "Harbour" in title or "harbour" in title.lower()
    page.reload()
    expect(page.get_by_text("Step 8 of 8")).to_be_visible()
    expect(page.locator(".rr h1")).to_have_text(title)


def test_session_mode_exports_a_zip_and_opens_it_again_in_a_new_session(
    session_server, page_factory, tmp_path
):
    original = {p.name: p.read_bytes() for p in (ARTICLES / SLUG).iterdir() if p.is_file()}
    upload = tmp_path / "to-prepare.zip"
    upload.write_bytes(bundle_zip(original, "held-bind"))
    page = page_factory()
    open_prepare(page, session_server)
    page.get_by_role("tab", name="Upload a file").click()
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(upload)
    expect(page.get_by_text(re.compile("It passes the bundle check"))).to_be_visible()
    page.get_by_role("button", name="Open it here to review and publish").click()
    expect(page.get_by_text("Step 2 of 8")).to_be_visible()
    go_to_step(page, 8, "Preview")
    page.get_by_role("button", name="Publish in this session").click()
    expect(page.get_by_text("Published in this session as held-bind.")).to_be_visible()
    assert not (session_server.articles / "held-bind").exists()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the bundle (.zip)").click()
    exported = tmp_path / "exported.zip"
    download.value.save_as(exported)
    page.get_by_role("button", name="Open in the reader").click()
    expect(page).to_have_url(re.compile(r"\?article=held-bind"))
    expect(page.locator("#rr-p-1")).to_be_visible()

    other = page_factory()  # another visitor: the article is not there for them
    other.goto(f"{session_server.base_url}/?article=held-bind")
    expect(other.get_by_text(re.compile("There is no article 'held-bind'"))).to_be_visible()
    settle(other)
    other.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(exported)
    expect(other.get_by_text(re.compile("Opened held-bind"))).to_be_visible()
    expect(other).to_have_url(re.compile(r"\?article=held-bind"))
    expect(other.locator("h1")).to_have_text("Suspicious bind: Iran’s relationship with Russia")
    expect(other.locator("[id^=rr-p-]")).to_have_count(11)
    screenshot(other, "prepare-session-zip-opened-1280")


@pytest.fixture(scope="module")
def off_server(tmp_path_factory):
    yield from authoring_server(tmp_path_factory, "off")


@pytest.mark.parametrize("address", ["/prepare", "/prepare/", f"/prepare?draft={'d' * 22}"])
def test_off_holds_when_the_prepare_address_is_the_first_thing_opened(
    off_server, page_factory, address
):
    page = page_factory(isolated=True)
    page.goto(f"{off_server.base_url}{address}")
    expect(page.locator("#rr-p-1")).to_be_visible()
    settle(page)
    expect(page.get_by_role("heading", name="Prepare an article")).to_have_count(0)
    expect(page.get_by_text("Paste the text")).to_have_count(0)
    expect(page.get_by_text("Prepare an article")).to_have_count(0)
    # No page menu of Streamlit's own (it would list the scripts by their file names).
    expect(page.locator("[data-testid=stSidebarNav]")).to_have_count(0)


def test_off_hides_the_prepare_page(off_server, page_factory):
    page = page_factory()
    page.goto(f"{off_server.base_url}/?article={SLUG}")
    expect(page.locator("#rr-p-1")).to_be_visible()
    settle(page)
    expect(page.get_by_text("Search actors")).to_be_visible()
    expect(page.get_by_text("Prepare an article")).to_have_count(0)
    expect(page.get_by_text("Open a bundle (.zip)")).to_have_count(0)
    page.goto(f"{off_server.base_url}/prepare")
    expect(page.locator("#rr-p-1")).to_be_visible()
    expect(page.get_by_role("heading", name="Prepare an article")).to_have_count(0)


# The accessible name of the focused control: its label, aria-label, or a button's text.
FOCUSED_NAME = """() => {
  const e = document.activeElement;
  if (!e || !["BUTTON", "A", "INPUT", "TEXTAREA"].includes(e.tagName)) return "";
  const label = e.labels && e.labels[0] && e.labels[0].innerText;
  return e.getAttribute("aria-label") || label || e.innerText || "";
}"""


def tab_to(page, name: str | re.Pattern, limit: int = 400) -> None:
    """Press Tab until the focused control's name matches `name`."""
    pattern = name if isinstance(name, re.Pattern) else re.compile(re.escape(name))
    for _ in range(limit):
        page.keyboard.press("Tab")
        if pattern.search(page.evaluate(FOCUSED_NAME)):
            return
    raise AssertionError(f"{name!r} not reached with the keyboard")


def test_the_main_path_on_a_phone_by_keyboard_only(save_server, page_factory):
    page = page_factory(width=390, height=844, scheme="dark")
    open_prepare(page, save_server)
    settle(page)
    assert_accessible(page, "Prepare, step 1, 390 dark")
    tab_to(page, "The page's text")
    page.keyboard.insert_text(SOURCE.read_text(encoding="utf-8"))  # what Ctrl+V does
    tab_to(page, "Draft from this text")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Step 2 of 8")).to_be_visible(timeout=DRAFT_TIMEOUT_MS)
    settle(page)
    screenshot(page, "prepare-2-paragraphs-390-dark")
    for step, next_label in [(3, "Next: About"), (4, "Next: Actors"), (5, "Next: Events"),
                             (6, "Next: Camps"), (7, "Next: Questions"),
                             (8, "Next: Preview")]:  # fmt: skip
        tab_to(page, next_label)
        page.keyboard.press("Enter")
        expect(page.get_by_text(f"Step {step} of 8")).to_be_visible()
        settle(page)
        assert_accessible(page, f"Prepare, step {step}, 390 dark")
        if step == 3:
            tab_to(page, "Publication date")
            page.keyboard.type("2022-09")
            page.keyboard.press("Enter")
            expect(page.get_by_text(re.compile("events moved"))).to_be_visible()
            screenshot(page, "prepare-3-about-390-dark")
        if step == 4:
            screenshot(page, "prepare-4-actors-390-dark")
    tab_to(page, "Name in the address")
    page.keyboard.press("Control+A")
    page.keyboard.type("phone-bind")
    page.keyboard.press("Enter")
    settle(page)
    tab_to(page, re.compile("^Publish$"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Published on this server as phone-bind.")).to_be_visible()
    screenshot(page, "prepare-7-published-390-dark")
    tab_to(page, "Open in the reader")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?article=phone-bind"))
    expect(page.locator("#rr-p-1")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


# Every text the page's note under a table has shown, in order (the note is replaced and goes).
NOTES_SEEN = """window.rrNotes = [];
new MutationObserver(() => {
  const note = document.getElementById("rr-typed-note");
  if (note && window.rrNotes.at(-1) !== note.textContent) window.rrNotes.push(note.textContent);
}).observe(document, {childList: true, subtree: true, characterData: true});"""

# The connection loses the first message that carries `text`, as a grid that closes an edit
# without passing it on would (wrapped around the page script's own reading of what is sent).
LOSE_ONCE = """(text) => {
  const send = WebSocket.prototype.send;
  let lost = false;
  WebSocket.prototype.send = function (data) {
    if (!lost && new TextDecoder().decode(data).includes(text)) { lost = true; return; }
    return send.call(this, data);
  };
}"""


def edit_cell(page, header: str, row: int, added: str, delay: int = 50) -> None:
    """Select the row's cell under `header`, Enter, type `added` (`delay` ms per key), Enter."""
    select_column(page, header, row)
    for _ in range(3):
        page.keyboard.press("Enter")
        try:  # a table being drawn afresh can miss the Enter, as it would a person's
            page.wait_for_function(EDITING, timeout=10_000)
            break
        except PlaywrightTimeoutError:
            continue
    page.keyboard.type(added, delay=delay)
    page.keyboard.press("Enter")


FOCUSED_TAG = (
    "() => (document.activeElement || {}).tagName + ':' + (document.activeElement || {}).innerText"
)


def test_the_review_tools_keep_their_place_lose_nothing_and_undo(save_server, page_factory):
    """The name pickers, the merge panel, undo and the keyboard on the actors step, in one
    drafted article; and nothing is fetched from anywhere but the app (a context of its own,
    so nothing comes from the shared cache)."""
    page = page_factory(isolated=True)
    page.add_init_script(NOTES_SEEN)
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    draft_pasted_page(page, save_server)
    page.get_by_role("button", name="Next: About").click()
    expect(page.get_by_text("Step 3 of 8")).to_be_visible()
    # After Next the keyboard is at the step's heading, not the page's top.
    page.wait_for_function(f"() => ({FOCUSED_TAG})().startsWith('H2:Step 3 of 8')")
    go_to_step(page, 4, "Actors")

    # Ctrl+A, then Delete, clears every editable cell shown: it waits for a yes.
    first_name = grid_cell(page, 1, 0).inner_text().strip()
    assert first_name
    click_row(page, 0)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    expect(
        page.get_by_text(re.compile(r"would empty the aliases or evidence of \d+ actors"))
    ).to_be_visible()
    expect(grid_cell(page, 1, 0)).to_have_text(first_name)
    page.get_by_role("button", name="Keep them as they were").click()
    settle(page)
    screenshot(page, "prepare-4-wipe-kept-1280")

    # A key typed on a check (a read-only cell) is answered, not dropped.
    select_column(page, "Evidence check", 0)
    page.keyboard.type("x")
    expect(page.locator("#rr-typed-note")).to_contain_text("Nothing typed: “Evidence check”")

    # Edits closed faster than any hand types are each kept or said to be not kept.
    aliases = select_column(page, "Aliases", 1)
    quick = [2, 4, 6]  # not next to each other: a click on the selected cell opens its editor
    for row in quick:
        edit_cell(page, "Aliases", row, f" | quick{row}", delay=0)
    page.wait_for_function(
        """([column, rows]) => rows.every((row) => {
          const cell = document.querySelector(
            `[data-testid='stDataFrame'] #glide-cell-${column}-${row}`);
          return (cell && cell.textContent.includes(`quick${row}`))
            || window.rrNotes.some((note) => note.includes(`quick${row}”`));
        })""",
        arg=[aliases, quick],
        timeout=30_000,
    )
    settle(page)
    note = page.evaluate("() => (document.getElementById('rr-typed-note') || {}).textContent")
    for row in quick:
        if f"quick{row}" in grid_cell(page, aliases, row).inner_text():
            assert f"quick{row}”" not in (note or ""), "a kept edit is said to be lost"

    # A kind is chosen from the kinds alone (no blank choice), by typing its first letters.
    kind = select_column(page, "Kind", 1)
    page.keyboard.press("Enter")
    choices = page.locator("[id^=react-select][id*=-option-]")
    expect(choices).to_have_count(len(ACTOR_KINDS))
    assert [choice.inner_text() for choice in choices.all()] == list(ACTOR_KINDS)
    wanted = next(k for k in ACTOR_KINDS if k != grid_cell(page, kind, 1).inner_text())
    page.keyboard.type(wanted[:3], delay=60)
    page.keyboard.press("Enter")
    expect(grid_cell(page, kind, 1)).to_have_text(wanted)
    settle(page)

    # The picker offers no select-all; the panel stays open after a merge and says so inside.
    page.get_by_text("Merge, remove or add actors").click()
    settle(page)
    picker = page.get_by_label("Choose actors (to merge, the one to keep first)")
    picker.click()
    page.evaluate(SCROLL_SETTLED)
    page.keyboard.type("Iran")  # a country's name is in many actors' names
    options = page.locator("[role=option]")
    expect(options.nth(2)).to_be_visible()
    bulk = re.compile(r"^Select (all|\d+ matches)")  # what a picker would offer first
    expect(page.get_by_role("option", name=bulk)).to_have_count(0)
    expect(options.first).to_have_text("Iran")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    for name in ("Ali Khamenei", "Javad Zarif"):
        page.keyboard.type(name)
        expect(options.first).to_have_text(name)
        page.keyboard.press("Enter")
        settle(page)
        picker.click()
        page.evaluate(SCROLL_SETTLED)
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Merge Javad Zarif into Ali Khamenei").first.click()
    settle(page)
    tools = page.locator(".st-key-actors-tools")
    expect(tools.get_by_text(re.compile("Their surnames differ"))).to_be_visible()
    tools.get_by_role("button", name="Merge Javad Zarif into Ali Khamenei").first.click()
    settle(page)
    expect(tools.get_by_text("Merged Javad Zarif into Ali Khamenei.")).to_be_visible()
    expect(picker).to_be_visible()  # the panel kept its place, open
    screenshot(page, "prepare-4-merged-1280")
    page.get_by_role("button", name="↶ Undo: merge Javad Zarif into Ali Khamenei").click()
    expect(page.get_by_text("Undone: merge Javad Zarif into Ali Khamenei.")).to_be_visible()

    # An edit that never reaches the server is said not to be kept, with its text.
    page.evaluate(LOSE_ONCE, "never-sent")
    edit_cell(page, "Aliases", 1, " | never-sent")
    expect(page.locator("#rr-typed-note")).to_contain_text(
        re.compile(r"Not kept: “[^”]*never-sent” did not reach the table\. Type it again\.")
    )

    # Enter in the camp's name adds the camp.
    go_to_step(page, 6, "Camps")
    name = page.get_by_label("A new camp's name")
    name.fill("Pragmatists")
    name.press("Enter")
    expect(page.get_by_label("In the camp “Pragmatists”")).to_be_visible()
    elsewhere = {url for url in fetched if not url.startswith((save_server.base_url, "data:"))}
    assert not elsewhere, f"fetched from elsewhere: {sorted(elsewhere)}"
