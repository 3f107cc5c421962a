"""The reader: article header, numbered paragraphs with highlighted mentions, actor cards."""

from __future__ import annotations

import streamlit as st

from components import data
from core.analysis import events_of
from core.markup import actor_card_html, article_header_html
from core.model import Bundle


def header(bundle: Bundle) -> None:
    st.html(article_header_html(bundle))


def article(slug: str, focus: tuple[str, ...], marked_paragraph: int | None) -> None:
    """The numbered paragraphs; a focus dims paragraphs without its actors."""
    st.html(data.reader(slug, focus, marked_paragraph))


def actor_cards(bundle: Bundle, focus: tuple[str, ...]) -> None:
    """One card per focused actor: role, camp, evidence, paragraphs and events."""
    analysis = data.analysis(bundle.slug)
    for actor_id in focus:
        actor = bundle.actor_by_id[actor_id]
        st.html(
            actor_card_html(
                actor,
                bundle.group_by_id.get(actor.group),
                analysis.paragraphs_by_actor.get(actor_id, ()),
                events_of(bundle, {actor_id}),
            )
        )
