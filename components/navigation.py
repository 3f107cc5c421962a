"""The app's two pages: Read (the reader, at the app's own address) and Prepare (`/prepare`).

Streamlit's multipage navigation runs the page the address asks for. The reader stays the
default page, so its address and every link to a view (`?article=…&actor=…&p=…`) open as
before; the Prepare page is registered only when the authoring setting allows it, so with
`off` its address opens the reader. The menu itself is hidden: the reader's sidebar links to
Prepare, and Prepare links back, so the reader's sidebar keeps its layout.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from components import authoring, session
from core.state import ViewState, href

READ_PATH, PREPARE_PATH = "read", "prepare"
PREPARE_SCRIPT = Path(__file__).resolve().parent.parent / "pages" / "prepare.py"


def run(reader: Callable[[], None]) -> None:
    """Register the pages this setting allows and run the one the address names."""
    pages = [
        st.Page(reader, title="Read", icon=":material/menu_book:", url_path=READ_PATH, default=True)
    ]
    if authoring.current().prepares:
        pages.append(
            st.Page(
                PREPARE_SCRIPT,
                title="Prepare an article",
                icon=":material/edit_note:",
                url_path=PREPARE_PATH,
            )
        )
    st.navigation(pages, position="hidden").run()


def _reader_page() -> st.Page:
    """The reader's page as other pages name it. Pages are told apart by their address, so
    a page with the reader's address stands for it (the reader's function lives in app.py,
    which no page imports)."""
    return st.Page(_stand_in, title="Read", url_path=READ_PATH)


def _stand_in() -> None:
    """Never runs: Streamlit runs the page registered under the same address."""


def link_to_prepare(container=st.sidebar) -> None:
    container.page_link(
        PREPARE_SCRIPT.as_posix(), label="Prepare an article", icon=":material/edit_note:"
    )


def link_to_reader(container=st) -> None:
    container.page_link(_reader_page(), label="Back to the reader", icon=":material/menu_book:")


def open_in_reader(slug: str) -> None:
    """Show article `slug` in the reader (from a button, not a callback: this stops the run)."""
    session.set_view(ViewState(article=slug))
    st.switch_page(_reader_page(), query_params={"article": slug})


def reader_address(slug: str) -> str:
    """The full address that opens article `slug` in the reader, from any page."""
    base = (st.context.url or "").split("?", 1)[0].split("#", 1)[0]
    base = base.removesuffix("/").removesuffix(f"/{PREPARE_PATH}").removesuffix(f"/{READ_PATH}")
    return f"{base}/{href(ViewState(article=slug))}"
