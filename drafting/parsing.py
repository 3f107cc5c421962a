"""Parsing texts with the language model at a cost that grows with their length.

Two things made drafting quadratic in a paragraph's length: spaCy's `span.sent` walks the
document from its start each time it is asked (once per name), and one very long paragraph
parsed whole. Here each document's sentence bounds are found once and `span.sent` looks
them up; a paragraph longer than `MAX_PIECE_CHARS` is parsed in pieces cut at a sentence end
(else a space) and joined again into one document with the same text, so offsets hold. A
sentence then never runs past its piece either, which bounds the per-sentence work of the
date finder and the event titles.
"""

from __future__ import annotations

from bisect import bisect_right

from drafting.source import DraftError

MAX_PIECE_CHARS = 3_000
_STARTS = "rr_sentence_starts"  # Doc.user_data key: the token index where each sentence starts
_TEXT = "rr_text"  # Doc.user_data key: the text, joined once


def parse(nlp, texts: list[str]) -> list:
    """One parsed document per text, long texts parsed in pieces, sentences indexed."""
    for text in texts:
        if len(text) > nlp.max_length:
            raise DraftError(
                f"A paragraph of {len(text):,} characters is more than the language model "
                f"reads at once ({nlp.max_length:,}): split it into paragraphs."
            )
    pieces = [_pieces(text) for text in texts]
    parsed = iter(nlp.pipe(piece for parts in pieces for piece in parts))
    docs = [_joined([next(parsed) for _ in parts]) for parts in pieces]
    for doc in docs:
        index_sentences(doc)
    return docs


def _pieces(text: str) -> list[str]:
    """`text` cut into pieces of at most MAX_PIECE_CHARS that join back into it exactly."""
    pieces, start = [], 0
    while len(text) - start > MAX_PIECE_CHARS:
        end = start + MAX_PIECE_CHARS
        cut = max(text.rfind(". ", start, end), text.rfind("? ", start, end))
        if cut <= start:
            cut = text.rfind(" ", start, end)
        end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _joined(docs: list):
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False)


def index_sentences(doc) -> None:
    """Find the sentence bounds once; from then on `span.sent` (and `token.sent`) is a lookup."""
    if _STARTS not in doc.user_data:
        sentences = list(doc.sents)
        doc.user_data[_STARTS] = (
            [sentence.start for sentence in sentences],
            [sentence.start_char for sentence in sentences],
        )
        doc.user_span_hooks["sent"] = _sentence_of_span


def _sentence_of_span(span):
    return sentence_at_token(span.doc, span.start)


def sentence_at_token(doc, token: int):
    """The sentence (a Span) holding token number `token`."""
    index_sentences(doc)
    starts = doc.user_data[_STARTS][0]
    return _sentence(doc, max(0, bisect_right(starts, token) - 1))


def sentence_at_char(doc, char: int):
    """The sentence holding character `char` (the one before it, between two)."""
    index_sentences(doc)
    starts = doc.user_data[_STARTS][1]
    return _sentence(doc, max(0, bisect_right(starts, char) - 1))


def _sentence(doc, number: int):
    starts = doc.user_data[_STARTS][0]
    if not starts:
        return doc[0 : len(doc)]
    end = starts[number + 1] if number + 1 < len(starts) else len(doc)
    return doc[starts[number] : end]


def doc_text(doc) -> str:
    """The document's text, joined once (spaCy joins every token's text on each `doc.text`)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text
