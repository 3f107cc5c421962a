"""The one escaping module: text made safe for HTML, Markdown labels, Plotly and links."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def escape(text: object) -> str:
    """Escape text for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def markdown_label(text: object) -> str:
    """Escape text for a Streamlit widget label, which renders Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text).replace("\n", " "))


def plotly_text(text: object) -> str:
    """Escape text for Plotly hover labels, which interpret a few HTML tags."""
    return html.escape(str(text), quote=False).replace("\n", "<br>")


def safe_href(href: str) -> str:
    """An href for links the app makes: relative query strings, in-page paragraph anchors and
    http(s) URLs pass; anything else becomes '#'."""
    if href.startswith("?") or re.match(r"https?://|#rr-[a-z]+-\d+$", href):
        return escape(href)
    return "#"


_HTTP_URL = re.compile(r"https?://[^\s<>\"']+")


def reference_html(reference: str) -> str:
    """A reference as text, with each http(s) URL in it made a link; no other scheme is linked."""
    pieces, position = [], 0
    for match in _HTTP_URL.finditer(reference):
        url = escape(match.group())
        pieces.append(escape(reference[position : match.start()]))
        pieces.append(f'<a href="{url}" rel="noopener noreferrer" target="_blank">{url}</a>')
        position = match.end()
    pieces.append(escape(reference[position:]))
    return "".join(pieces)
