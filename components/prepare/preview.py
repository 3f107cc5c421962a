"""Step 7, preview and publish: the real reader and timeline on the prepared article, the
validator's problems each with a way to the row to fix, then Publish.

Where it goes depends on the authoring setting (components/authoring.py): `save` writes
`<articles>/<slug>/` atomically and never over an article already there unless the teacher
asks to replace it (the old one is kept as a backup); `session` keeps it in this browser
session. Either way it can be downloaded as a bundle .zip.
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from components import authoring, data, library, navigation
from components.prepare import fixes, store
from core import page
from core.analysis import analyse
from core.archive import bundle_zip
from core.markup.escaping import markdown_label
from core.model import Bundle
from core.problems import BundleError, Problem
from core.publish import PublishError
from core.text import plural
from core.vocabulary import SLUG_RULE, is_valid_slug
from drafting.review import (
    Work,
    checked,
    default_slug,
    files,
    fix_for,
    published,
    step,
    with_slug,
)
from storage.articles import taken_message

SLUG_KEY, REPLACE_KEY, PASSPHRASE_KEY = "publish-slug", "publish-replace", "publish-passphrase"
SHOWN_PROBLEMS = 40


@lru_cache(maxsize=4)
def _checked(work: Work) -> Bundle | BundleError:
    return checked(work)


@lru_cache(maxsize=4)
def _files(work: Work) -> dict[str, bytes]:
    return files(work)


@lru_cache(maxsize=4)
def _zip(work: Work, slug: str) -> bytes:
    return bundle_zip(_files(work), slug)


def _on_slug() -> None:
    work = store.current()
    if work is not None:
        store.put(with_slug(work, st.session_state.get(SLUG_KEY, "")), "change the name")


def render(work: Work, setting: authoring.Authoring) -> None:
    result = _checked(work)
    problems = result.problems if isinstance(result, BundleError) else result.warnings
    _problems(work, problems, blocking=isinstance(result, BundleError))
    if isinstance(result, Bundle):
        with st.container(border=True):
            st.html(page.preview(result, analyse(result)))
            if result.events:
                st.plotly_chart(
                    page.timeline(result, frozenset(), None, None),
                    key="preview-timeline",
                    width="stretch",
                    config={"displayModeBar": False},
                )
    _publish(work, setting, ready=isinstance(result, Bundle))


def _problems(work: Work, problems: tuple[Problem, ...], blocking: bool) -> None:
    if not problems:
        st.success("The bundle check finds nothing to fix.")
        return
    count = len(problems)
    if blocking:
        st.error(f"{plural(count, 'problem')} to fix before this can be published:")
    else:
        st.warning(f"{plural(count, 'warning')}: the article can be published, but have a look.")
    # What fails on its own first; what fails only because of it (a camp's members) after.
    fixes_found = sorted((fix_for(work, problem) for problem in problems), key=lambda f: f.follows)
    for number, fix in enumerate(fixes_found[:SHOWN_PROBLEMS]):
        text, button = st.columns([4, 1], vertical_alignment="center")
        text.markdown(f"- {markdown_label(fix.words)}")
        where = step(fix.step).name + (f": {fix.name}" if fix.name else "")
        button.button(
            f"Fix in {markdown_label(where)}",
            key=f"fix-{number}",
            on_click=fixes.start,
            args=(fix,),
            width="stretch",
        )
    if count > SHOWN_PROBLEMS:
        st.caption(f"… and {count - SHOWN_PROBLEMS} more.")


def _publish(work: Work, setting: authoring.Authoring, ready: bool) -> None:
    st.markdown("### Publish")
    st.session_state[SLUG_KEY] = work.slug or default_slug(work)
    st.text_input(
        "Name in the address (?article=…): lowercase letters, digits and hyphens",
        key=SLUG_KEY,
        on_change=_on_slug,
    )
    slug = work.slug or default_slug(work)
    if not is_valid_slug(slug):
        st.error(markdown_label(f"Use {SLUG_RULE}."))
        ready = False
    # Once this draft is published under this name, the article there is its own: say so
    # first, and offer to publish later changes over it without asking about a clash.
    again = work.published_as == slug
    if again:
        _published(work, setting, slug)
    if setting.mode == authoring.SAVE:
        _save(work, setting, slug, ready, again)
    else:
        _hold(work, slug, ready, again)
    st.download_button(
        "Download the bundle (.zip)",
        _zip(work, slug),
        f"{slug}.zip",
        "application/zip",
        key="prepare-download-zip",
        on_click="ignore",
        disabled=not is_valid_slug(slug),
    )


def _save(work: Work, setting: authoring.Authoring, slug: str, ready: bool, again: bool) -> None:
    exists = is_valid_slug(slug) and data.is_published(slug)
    replace = again and exists
    if exists and not again:
        replace = st.checkbox(
            f"Replace the article already published as {slug} (the old one is kept as a backup)",
            key=REPLACE_KEY,
        )
        if not replace:
            # Also what a teacher sees whose click came just after another's, on any server.
            st.warning(markdown_label(taken_message(slug)))
    if not authoring.unlocked(setting):
        given = st.text_input("Passphrase to publish on this server", type="password",
                              key=PASSPHRASE_KEY)  # fmt: skip
        if not given or not authoring.try_passphrase(setting, given):
            if given:
                st.error("That is not the passphrase.")
            ready = False
    label = "Publish (replacing the old one)" if replace else "Publish"
    if again:
        label = "Publish your changes again (the version before is kept as a backup)"
    if st.button(
        label,
        key="publish",
        type="secondary" if again else "primary",
        disabled=not ready or (exists and not replace),
    ):
        try:
            data.publish(_files(work), slug, replace=replace)
        except PublishError as error:
            if not replace and data.is_published(slug):
                st.rerun()  # taken just now, maybe on another server: ask whether to replace
            st.error(markdown_label(error))
            return
        store.put(published(work, slug))  # not an edit to undo: the article is out
        st.rerun()


def _hold(work: Work, slug: str, ready: bool, again: bool) -> None:
    st.caption(
        "On this demo a prepared article stays in your browser session: open it in the "
        "reader now, and download it as a .zip to keep it. Opening that .zip later (here, or "
        "in the reader's sidebar) brings it back."
    )
    label = "Publish your changes in this session" if again else "Publish in this session"
    kind = "secondary" if again else "primary"
    if st.button(label, key="publish", type=kind, disabled=not ready):
        try:
            library.hold(slug, _files(work))
        except library.HoldRefused as error:
            st.error(markdown_label(error))
            return
        store.put(published(work, slug))  # not an edit to undo: the article is out
        st.rerun()


def _published(work: Work, setting: authoring.Authoring, slug: str) -> None:
    where = "in this session" if setting.mode == authoring.SESSION else "on this server"
    st.success(f"Published {where} as {slug}.")
    if st.button("Open in the reader", key="open-in-reader", type="primary"):
        navigation.open_in_reader(slug)
    address = navigation.reader_address(slug)
    if setting.mode == authoring.SAVE:
        st.caption("The link to share (anyone who can open this app can open it):")
    else:
        st.caption("The link opens it in this browser session only; share the .zip instead.")
    st.html(page.share_box(address))
