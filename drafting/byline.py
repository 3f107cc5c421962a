"""Who wrote a saved page: the main-text extractor's author, less the people it is about.

trafilatura reads the author from a page's structured data (JSON-LD) too, and on a fact-check
that data also names the author of the claim being checked (`ClaimReview` → `itemReviewed` →
`author`, often a `Person` node of its own in the `@graph`), whom it then takes for the
byline. `page_byline(html, found)` drops every such claim author from the names found, reads
them once each, and joins them as a reader writes them ('A, B and C').

Some pages name the publisher as their meta author ("Deutsche Welle (www.dw.com)") and the
writer only in a line of the page ("Author: Julia Hitz (eg)"): such a publisher is no byline,
and the page's own author line is read instead.
"""

from __future__ import annotations

import json
import re

from drafting.related import parse_html

_LD_SCRIPT = re.compile(
    r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>",
    re.IGNORECASE | re.DOTALL,
)
# The same, for structured data too broken to parse: a claim's author named in it.
_CLAIM_AUTHOR = re.compile(
    r'"itemReviewed"\s*:\s*\{[^{}]*?"author"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"\\]+)"', re.DOTALL
)
_CREDENTIAL = re.compile(r"(?:MA|MD|PhD|Ph\.D\.|MS|MSc|MPH|RN|DO|JD|Jr\.?|Sr\.?)")
_MAX_DEPTH = 12
_MAX_SCRIPT_CHARS = 500_000
_MONTH = re.compile(
    r"\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)$"
)


# An element of the page that holds its author line, by its class ("author", "byline__name").
_AUTHOR_LINES = (
    "//*[self::p or self::span or self::div or self::a or self::address or self::li]"
    "[contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),"
    " 'author') or contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
    " 'abcdefghijklmnopqrstuvwxyz'), 'byline')]"
)
_AUTHOR_LEAD = re.compile(r"^(?:written by|authors?|by)\b\s*:?\s*", re.IGNORECASE)
# Editors' initials after a name: "Julia Hitz (eg)", "(dj/rt)".
_INITIALS = re.compile(r"\s*\([a-z]{1,4}(?:\s*/\s*[a-z]{1,4})*\)$")
_PERSON = re.compile(
    r"[A-ZÀ-Þ][\w'’.-]+(?:\s+(?:[A-ZÀ-Þ][\w'’.-]+|de|da|di|van|von|der|den|al|bin|la|le)){1,4}"
)
_WEB_ADDRESS = re.compile(r"https?://|www\.|\.(?:com|org|net)\b", re.IGNORECASE)


def page_byline(html: str, found: str | None, tree=None) -> str:
    """The byline of a saved page from the author(s) `found` ('A; B'): claim authors left
    out, each name once (case aside), a month run into the name by the page cut off; when
    what is left is only the publisher, the page's own author line (read from `tree`, the
    page as `parse_html` reads it, when given)."""
    root = tree if tree is not None else parse_html(html)
    publishers = _publishers(root)
    names = [name for name in _authors(html, found) if _key(name) not in publishers]
    if not names and (line := _author_line(root)):
        names = [line]
    if len(names) <= 1:
        return names[0] if names else ""
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _authors(html: str, found: str | None) -> list[str]:
    claimants = claim_authors(html)
    names: list[str] = []
    for name in (part.strip() for part in (found or "").split(";")):
        name = _MONTH.sub("", name).strip()
        if names and _CREDENTIAL.fullmatch(name):  # 'Brenda Goodman; MA' is one author
            names[-1] = f"{names[-1]}, {name}"
        elif name and _key(name) not in claimants and _key(name) not in map(_key, names):
            names.append(name)
    return names


def _publishers(root) -> set[str]:
    """Meta authors that are the publisher: named with its web address."""
    contents = root.xpath("//meta[@name='author']/@content") if root is not None else []
    return {
        _key(_WEB_ADDRESS.split(content)[0].strip(" ()[]-|,"))
        for content in contents
        if _WEB_ADDRESS.search(content)
    }


def _author_line(root) -> str:
    """The first person named in an author line of the page ("Author: Julia Hitz (eg)"),
    not in its comments."""
    for element in root.xpath(_AUTHOR_LINES) if root is not None else []:
        text = " ".join(element.text_content().split())
        classes = [(e.get("class") or "").casefold() for e in (element, *element.iterancestors())]
        if len(text) > 80 or any("comment" in names for names in classes):
            continue
        name = _INITIALS.sub("", _AUTHOR_LEAD.sub("", text)).strip()
        if _PERSON.fullmatch(name):
            return name
    return ""


def claim_authors(html: str) -> frozenset[str]:
    """The names of the authors of every claim a page's structured data reviews (compared
    case and spacing aside)."""
    names: set[str] = set()
    for script in _LD_SCRIPT.findall(html):
        if len(script) > _MAX_SCRIPT_CHARS:
            continue
        try:
            data = json.loads(script, strict=False)
        except ValueError:
            names.update(_key(name) for name in _CLAIM_AUTHOR.findall(script))
            continue
        nodes = list(_nodes(data))
        by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
        for node in nodes:
            for claim in _claims(node, by_id):
                names.update(_key(name) for name in _author_names(claim.get("author"), by_id))
    return frozenset(names)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _nodes(data, depth: int = 0):
    """Every JSON object in the data, however deep (to a bound)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _nodes(value, depth + 1)
    elif isinstance(data, list):
        for value in data:
            yield from _nodes(value, depth + 1)


def _types(node: dict) -> set[str]:
    kinds = node.get("@type", [])
    return {
        k.casefold() for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)
    }


def _claims(node: dict, by_id: dict):
    """The claims a node is or reviews: a Claim itself, or a ClaimReview's itemReviewed (and
    where that claim appeared)."""
    if "claim" in _types(node):
        yield node
    if "claimreview" in _types(node):
        reviewed = _resolve(node.get("itemReviewed"), by_id)
        if isinstance(reviewed, dict):
            yield reviewed
            for key in ("appearance", "firstAppearance"):
                for where in _as_list(reviewed.get(key)):
                    if isinstance(resolved := _resolve(where, by_id), dict):
                        yield resolved


def _author_names(author, by_id: dict) -> list[str]:
    names = []
    for item in _as_list(author):
        item = _resolve(item, by_id)
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            names.append(item["name"])
    return names


def _resolve(value, by_id: dict):
    """A `{"@id": …}` reference as the node it names."""
    if isinstance(value, dict) and set(value) == {"@id"}:
        return by_id.get(value["@id"], value)
    return value


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
