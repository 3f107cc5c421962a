"""The one escaping module: markup that escapes text by construction, and text made safe for
Markdown labels, Plotly and links.

Every piece of HTML is an `Html` (markupsafe's Markup): joining it with anything that is not
already Html (with `+`, `.format()`, `.join()`) escapes that thing first, as Jinja and
datasette do. So the markup modules write templates, never an `escape()` call, and a
forgotten call cannot become a hole: at worst, markup passed as a plain `str` is shown as
text. A plain f-string never builds HTML from data (tests/test_safety_settings.py checks).
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from core.state import IN_PAGE_LINK

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")
_HTTP_URL = re.compile(r"https?://[^\s<>\"']+")


class Html(Markup):
    """Markup built from templates, with every non-Html value escaped on the way in.

    Escaping is the standard library's `html.escape` (quotes too), so the HTML is the same,
    byte for byte, as it was with escaping by hand.

    `st.html` shows an object's `_repr_html_()` as given, but dedents and strips a plain
    string first: a regex pass over all of it on every rerun, which took a fifth of the
    server's Python time with 40 students (bench/profiles/server-40-sessions.txt).
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s: object) -> Html:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(html.escape(str(s), quote=True))

    def _repr_html_(self) -> str:
        return str.__str__(self)


EMPTY = Html()


def join(parts, separator: str = "") -> Html:
    """Html of `parts` (each escaped unless it is Html already), separated by `separator`."""
    return Html(separator).join(parts)


def markdown_label(text: object) -> str:
    """Escape text for a Streamlit widget label, which renders Markdown. Every kind of line
    break (a carriage return or a line separator as well as a newline) becomes a space:
    after one, '#' would start a heading."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).splitlines()))


def plotly_text(text: object) -> str:
    """Escape text for Plotly hover labels, which interpret a few HTML tags."""
    return html.escape(str(text), quote=False).replace("\n", "<br>")


def safe_href(href: str | None) -> str:
    """An href for links the app makes: relative query strings, in-page anchors and http(s)
    URLs pass; anything else becomes '#'."""
    if href and (href.startswith("?") or IN_PAGE_LINK.fullmatch(href) or _HTTP_URL.match(href)):
        return href
    return "#"


def reference_html(reference: str) -> Html:
    """A reference as text, with each http(s) URL in it made a link; no other scheme is linked."""
    pieces, position = [], 0
    link = Html('<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>')
    for match in _HTTP_URL.finditer(reference):
        url = match.group()
        pieces += [reference[position : match.start()], link.format(url, url)]
        position = match.end()
    pieces.append(reference[position:])
    return join(pieces)


def titled_references_html(reference: str) -> Html:
    """Sources as titled links: each http(s) URL linked from the words before it, as a list.

    A reference reads "Title (date). Publisher. https://… ; Title. Publisher. https://…";
    text with no URL stays text. No other scheme is linked.
    """
    link = Html('<li><a href="{}" rel="noopener noreferrer" target="_blank">{}</a></li>')
    items, position = [], 0
    for match in _HTTP_URL.finditer(reference):
        url = match.group()
        title = reference[position : match.start()].strip(" ;,")
        items.append(link.format(url, title or url.split("/")[2]))
        position = match.end()
    rest = reference[position:].strip(" ;,")
    if rest:
        items.append(Html("<li>{}</li>").format(rest))
    return Html('<ul class="rr-sources">{}</ul>').format(join(items))
