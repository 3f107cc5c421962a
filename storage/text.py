"""What a student's text is made into before it is stored: Unicode NFC, no hidden controls.

Decided: control characters and bidirectional overrides are *stripped*, not refused. They are
invisible, so a student told to remove them could not find them; stripped, the visible text is
kept exactly. Stripped: C0/C1 controls (a line break stays in a body; a tab becomes a space),
the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069, the "Trojan source"
characters), and lone surrogates (which no database can store). Kept: the left-to-right and
right-to-left marks (U+200E, U+200F) and zero-width joiners, which real Arabic, Hebrew and
Persian writing uses.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_LINE_ENDINGS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES = re.compile(r"[^\S\n]+")


def _kept(char: str, keep_newlines: bool) -> bool:
    if char == "\n":
        return keep_newlines
    if char in _BIDI_CONTROLS:
        return False
    return unicodedata.category(char) not in ("Cc", "Cs")


def clean_text(text: str, *, keep_newlines: bool = True) -> str:
    """`text` as it is stored: NFC, line endings as \\n, hidden controls removed, runs of
    spaces folded to one, at most one blank line in a row, ends stripped."""
    text = _LINE_ENDINGS.sub("\n", str(text)).replace("\t", " ")
    if not keep_newlines:
        text = text.replace("\n", " ")
    text = "".join(char for char in text if _kept(char, keep_newlines))
    text = unicodedata.normalize("NFC", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def clean_line(text: str) -> str:
    """A one-line field (a display name, a word-list entry): clean_text without line breaks."""
    return clean_text(text, keep_newlines=False)
