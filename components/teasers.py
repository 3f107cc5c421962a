"""Related news teasers from the same page, with mentions highlighted as in the article."""

from __future__ import annotations

import streamlit as st

from components import data
from core.markup import Highlighting, teaser_card_html
from core.model import Bundle


def render(bundle: Bundle, focus: tuple[str, ...]) -> None:
    if not bundle.teasers:
        return
    st.subheader("Related news on the same page")
    how = Highlighting.for_bundle(bundle, focus)
    spans = data.analysis(bundle.slug).teaser_spans
    for teaser in bundle.teasers:
        st.html(teaser_card_html(teaser, spans[teaser.id], how))
