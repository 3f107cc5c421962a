"""Every piece of HTML the app shows is built here, from plain data, with all text escaped.

Views never build HTML themselves: they call these functions and pass the string to
`st.html`. `escaping` is the one module that escapes; the others only assemble.
"""

from core.markup.cards import (
    actor_card_html,
    event_card_html,
    notices_html,
    problems_html,
    teaser_card_html,
)
from core.markup.escaping import escape, markdown_label, plotly_text, reference_html, safe_href
from core.markup.handout import handout_html, handout_markdown
from core.markup.panels import (
    Places,
    camps_html,
    glossary_html,
    notes_list_html,
    presenter_html,
    questions_html,
)
from core.markup.style import (
    GROUP_STYLES,
    PAGE_SCRIPT,
    STYLE,
    UNGROUPED_STYLE,
    Html,
    panel,
    two_columns,
)
from core.markup.text import (
    Highlighting,
    Margins,
    article_header_html,
    highlight,
    legend_html,
    note_html,
    paragraph_id,
    paragraph_link,
    reader_html,
    section_heading,
    share_html,
    term_key,
)

__all__ = [
    "Places",
    "GROUP_STYLES", "Highlighting", "Html", "Margins", "PAGE_SCRIPT", "STYLE", "UNGROUPED_STYLE",
    "actor_card_html", "article_header_html", "camps_html", "escape", "event_card_html",
    "glossary_html", "handout_html", "handout_markdown", "highlight", "legend_html",
    "markdown_label", "note_html", "notes_list_html", "notices_html", "panel", "paragraph_id",
    "paragraph_link", "plotly_text", "presenter_html", "problems_html", "questions_html",
    "reader_html", "reference_html", "safe_href", "section_heading", "share_html",
    "teaser_card_html", "term_key", "two_columns",
]  # fmt: skip
