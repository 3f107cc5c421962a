"""The app's two pages: Read (the reader, at the app's own address) and Prepare (`/prepare`).

app.py only routes: Streamlit's multipage navigation runs the page script the address asks
for. The reader stays the default page, so its address and every link to a view
(`?article=…&actor=…&p=…`) open as before. The Prepare page is registered only when the
authoring setting allows it, so with `off` its address opens the reader, whichever page a
visitor opens first. The page scripts live in app_pages/, not pages/: Streamlit discovers a
folder named pages/ by itself, before the entry script has said which pages exist. The menu
is hidden: the reader's sidebar links to Prepare, and Prepare links back.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components import authoring, loading, session
from core.state import ViewState, href

READ_PATH, PREPARE_PATH = "read", "prepare"
PAGES = Path(__file__).resolve().parent.parent / "app_pages"
READ_SCRIPT, PREPARE_SCRIPT = PAGES / "read.py", PAGES / "prepare.py"


def run() -> None:
    """Register the pages this setting allows and run the one the address names."""
    loading.resume_drawn_page()
    # A page's icon becomes the tab's icon: an emoji, which Streamlit draws itself (a material
    # icon there is fetched from a font server, and the app needs no network).
    pages = [st.Page(READ_SCRIPT, title="Read", icon="📖", url_path=READ_PATH, default=True)]
    if authoring.current().prepares:
        pages.append(
            st.Page(
                PREPARE_SCRIPT,
                title="Prepare an article",
                icon="📝",
                url_path=PREPARE_PATH,
            )
        )
    st.navigation(pages, position="hidden").run()


def link_to_prepare(container=st.sidebar) -> None:
    container.page_link(
        PREPARE_SCRIPT.as_posix(), label="Prepare an article", icon=":material/edit_note:"
    )


def link_to_reader(container=st) -> None:
    container.page_link(
        READ_SCRIPT.as_posix(), label="Back to the reader", icon=":material/menu_book:"
    )


def open_in_reader(slug: str) -> None:
    """Show article `slug` in the reader (from a button, not a callback: this stops the run)."""
    session.set_view(ViewState(article=slug))
    st.switch_page(READ_SCRIPT.as_posix(), query_params={"article": slug})


def reader_address(slug: str) -> str:
    """The full address that opens article `slug` in the reader, from any page."""
    base = (st.context.url or "").split("?", 1)[0].split("#", 1)[0]
    base = base.removesuffix("/").removesuffix(f"/{PREPARE_PATH}").removesuffix(f"/{READ_PATH}")
    return f"{base}/{href(ViewState(article=slug))}"
