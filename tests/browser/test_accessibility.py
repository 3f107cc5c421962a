"""Accessibility in a real browser: axe-core on every main view, and a keyboard-only walk.

axe-core comes bundled inside the axe-playwright-python package (its axe.min.js is
injected with page.evaluate), so these checks need no network.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bench.chromium import wait_for_whole_page
from tests.browser.conftest import (
    DRAWN_IN_SCHEME,
    SCROLL_SETTLED,
    STILL,
    assert_accessible,
    open_app,
)
from tests.hostile import DRAFT_SLUG

MAX_TABS = 250

VIEWS = {
    "default": "",
    "two-actors": "?actor=ali-khamenei,javad-zarif",
    "event": "?event=putin-khamenei-meeting",
    "all-actors-2022-p6": "?year=2022&marks=all&p=6",
}
# Views whose timeline is opened before axe looks (it is collapsed on a first visit).
TIMELINE_OPEN = {"event", "all-actors-2022-p6"}
SIZES = {"1280px": (1280, 900), "390px": (390, 844)}
SCHEMES = ("light", "dark")


def open_view(page, server, query: str = "", timeline: bool = False):
    """Load a view and wait until Streamlit has drawn it and stopped moving; with `timeline`,
    open the timeline (collapsed on a first visit)."""
    open_app(page, server, query)
    if timeline:
        page.locator(".st-key-timeline-open summary").click()
        expect(page.get_by_role("combobox", name="Selected event")).to_be_visible()
    page.wait_for_function(STILL)
    return page


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", VIEWS)
def test_axe_finds_no_serious_violations(server, page_factory, view, size):
    width, height = SIZES[size]
    page = open_view(page_factory(width, height), server, VIEWS[view], view in TIMELINE_OPEN)
    # One load, both themes: Streamlit follows the browser's colour scheme as it changes.
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function(DRAWN_IN_SCHEME[scheme])
        assert_accessible(page, f"{view}, {size}, {scheme}")


# What has keyboard focus, as plain data, so a predicate can recognise each control.
DESCRIBE_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {tag: "BODY"};
  const group = e.closest("[role=toolbar], [role=radiogroup], [role=group]");
  return {
    tag: e.tagName,
    role: e.getAttribute("role") || "",
    label: e.getAttribute("aria-label") || "",
    text: (e.innerText || "").replace(/\\s+/g, " ").trim().slice(0, 60),
    group: group ? group.getAttribute("aria-label") || "" : "",
    inSidebar: !!e.closest("[data-testid=stSidebar]"),
    inButtonGroup: !!e.closest("[data-testid=stButtonGroup]"),
    className: String(e.className || ""),
    href: e.getAttribute("href") || "",
  };
}"""


def is_actor_search(focus: dict) -> bool:
    return focus["tag"] == "INPUT" and focus.get("label") == "Search actors"


def is_actor_pill(focus: dict) -> bool:
    return (
        focus["tag"] == "BUTTON"
        and focus.get("inSidebar", False)
        and focus.get("inButtonGroup", False)
    )


def is_period_button(focus: dict) -> bool:
    return focus["tag"] == "BUTTON" and focus.get("group") == "Timeline period"


def is_event_picker(focus: dict) -> bool:
    return focus["tag"] == "INPUT" and focus.get("label") == "Selected event"


def is_paragraph_link(focus: dict) -> bool:
    return focus["tag"] == "A" and "rr-pn" in focus.get("className", "").split()


def is_mark(focus: dict) -> bool:
    return focus["tag"] == "MARK" and "rr-m" in focus.get("className", "").split()


def summary(focus: dict) -> str:
    parts = (focus.get(key) for key in ("tag", "role", "label", "group", "text", "href"))
    return " | ".join(part for part in parts if part)


def tab_walk(page, limit: int = MAX_TABS) -> list[dict]:
    """Press Tab until focus comes back round to the first stop (or `limit` presses)."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(DESCRIBE_FOCUS)
        if stops and focus == stops[0]:
            break
        stops.append(focus)
    return stops


def tab_to(page, wanted, limit: int = MAX_TABS) -> dict:
    """Press Tab until the focused element satisfies `wanted`; fail if it never does."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(DESCRIBE_FOCUS)
        if wanted(focus):
            return focus
        seen.append(summary(focus))
    pytest.fail(f"Tab never reached {wanted.__name__}; focus went through:\n" + "\n".join(seen))


def test_tab_reaches_every_control(server, page_factory):
    page = open_view(page_factory(1280, 900), server, timeline=True)
    stops = tab_walk(page)
    walk = "\n".join(f"{n:3}: {summary(focus)}" for n, focus in enumerate(stops, 1))
    print(f"Tab order ({len(stops)} stops):\n{walk}")
    wanted = {
        "actor search box": is_actor_search,
        "actor pill in the sidebar": is_actor_pill,
        "'Timeline period' segmented control": is_period_button,
        "'Selected event' selectbox": is_event_picker,
        "paragraph-number link a.rr-pn": is_paragraph_link,
        "a highlighted name (its tip shows on focus)": is_mark,
    }
    missing = [name for name, test in wanted.items() if not any(map(test, stops))]
    assert not missing, f"Tab never reached: {missing}\nTab order:\n{walk}"


def focused_among(page, selector: str):
    """A locator for the focused element among `selector`, stable across Streamlit reruns."""
    index = page.locator(selector).evaluate_all("els => els.indexOf(document.activeElement)")
    assert index >= 0, f"focus is not on any of {selector}"
    return page.locator(selector).nth(index)


def test_an_actor_pill_toggles_with_the_keyboard(server, page_factory):
    page = open_view(page_factory(1280, 900), server)
    assert "actor=" not in page.url
    tab_to(page, is_actor_pill)
    pill = focused_among(page, "[data-testid=stSidebar] [data-testid=stButtonGroup] button")
    expect(pill).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]actor=[\w-]+"))
    expect(pill).to_have_attribute("aria-pressed", "true")
    # Keyboard users keep their place: focus survives the rerun.
    expect(pill).to_be_focused()


def test_a_timeline_period_is_chosen_with_the_keyboard(server, page_factory):
    page = open_view(page_factory(1280, 900), server, timeline=True)
    tab_to(page, is_period_button)
    buttons = "[role=radiogroup][aria-label='Timeline period'] button"
    first = focused_among(page, buttons)
    expect(first).to_have_attribute("aria-checked", "true")
    # One Tab stop for the group; the arrow keys move between its buttons.
    page.keyboard.press("ArrowRight")
    following = focused_among(page, buttons)
    expect(following).not_to_have_attribute("aria-checked", "true")
    year = following.inner_text().strip()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(rf"[?&]year={year}\b"))
    expect(following).to_have_attribute("aria-checked", "true")


def test_an_event_is_chosen_in_the_selectbox_with_the_keyboard(server, page_factory):
    page = open_view(page_factory(1280, 900), server, timeline=True)
    assert "event=" not in page.url
    tab_to(page, is_event_picker)
    picker = page.get_by_role("combobox", name="Selected event")
    expect(picker).to_be_focused()
    page.evaluate(SCROLL_SETTLED)
    page.keyboard.press("ArrowDown")
    expect(picker).to_have_attribute("aria-expanded", "true")
    options = page.get_by_role("option")
    # The list offers events besides 'None' (its options are drawn as it opens).
    expect(options.nth(1)).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]event=[\w-]+"))
    expect(picker).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".rr-card", has_text="When:").first).to_be_visible()


# Set before the page script runs, it leaves a first page's steps to the test (the script
# presses each step's button only when it binds that listener itself).
STEPS_BY_HAND = "window.rrStepsBound = true;"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_nothing_serious_while_the_first_page_arrives(server, page_factory, scheme):
    """The first page's first step (the text), the placeholders of the tools to come
    included; the whole page is the default view above."""
    page = page_factory(1280, 900, scheme)
    page.add_init_script(STEPS_BY_HAND)
    page.goto(f"{server.base_url}/")
    expect(page.locator("#rr-p-1")).to_be_visible()
    button = page.locator(".st-key-rr-next-0 button")
    button.wait_for(state="attached")
    page.wait_for_function(DRAWN_IN_SCHEME[scheme])
    assert_accessible(page, f"the first page at its first step, {scheme}")
    button.evaluate("button => button.click()")
    wait_for_whole_page(page)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_nothing_serious_on_a_draft_with_its_banner(bundles_server, page_factory, scheme):
    page = page_factory(1280, 900, scheme)
    page.goto(f"{bundles_server.base_url}/?article={DRAFT_SLUG}")
    expect(page.get_by_text(re.compile(r"Draft: \d+ suggestions not reviewed yet"))).to_be_visible()
    wait_for_whole_page(page)
    page.wait_for_function(DRAWN_IN_SCHEME[scheme])
    assert_accessible(page, f"a draft with its banner, {scheme}")
