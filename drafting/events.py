"""Events from dated sentences: a title from the date's clause, and one row per happening.

A title is built from spaCy's parse of the clause the date belongs to: its subject, its verb
with the auxiliaries and any negation ("did not attend", also a negation of the verb that
governs it: "did not agree to meet"), and its object or first complement ("was able to
trade", "is meant to threaten"). A date that hangs on a noun ("the killing of two politicians
in 2013") gives the noun with its "of" phrase; a copula without a complement ("the last
attack was in 2002") gives its subject. A pronoun in the title is replaced by the actor it
stands for when the parse allows: "he" or "she" by the one person named before it in the
sentence or the one before, "it" or "they" as the subject of a clause inside the sentence by
the main clause's subject when that is a name.
A person edits every title; none states the opposite of its sentence.

`group_rows` folds the rows that tell of one happening into one: the same source, the same
dates read from the same kind of phrase, and the same main actors (the ones the titles name).
The first sentence stays the evidence (events.csv has one `evidence` column, a verbatim
quote, and a bundle stays valid); the summary says how many sentences tell of it and where.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

NEGATIONS = frozenset(["not", "n't", "never", "no", "nobody", "nothing", "neither", "nor"])
_PERSON_PRONOUNS = {"he": "", "she": "", "him": "", "his": "’s", "her": ""}
_THING_PRONOUNS = frozenset(["it", "they"])
_TITLE_CHARS = 90
_CLAUSE_LINKS = ("relcl", "appos", "acl", "advcl", "ccomp", "xcomp", "punct", "cc", "conj", "prep")

Names = Sequence[tuple[int, int, str, bool]]  # (start, end, name, is a person) in the doc


def event_title(sentence, begin: int, end: int, names: Names = ()) -> str:
    """A short title, who did what, for the date at sentence.text[begin:end]; '' when the
    sentence has nothing beside its date. `names` are the actors named in the sentence's
    document, for pronouns."""
    start = sentence.start_char
    inside = {t.i for t in sentence if start + begin <= t.idx < start + end}
    head, noun = _clause_head(inside, sentence)
    compared = ""
    if _comparison(head) and head.head is not head:
        # '… half as much as it did in 2009': the statement, as compared with the date
        mark = next(c.text for c in head.children if c.dep_ == "mark")
        compared, head = f" {mark} {sentence.text[begin:end]}", head.head
        while head.pos_ not in ("VERB", "AUX") and head.head is not head:
            head = head.head  # the parse may hang the comparison on the thing compared
    words = _clause_words(head, inside) if head.pos_ in ("VERB", "AUX") else []
    if len(words) < 2 and noun is not None:
        words = _compact(noun, inside, 10, of_phrase=True)
        if len(words) < 3 and noun.dep_ in ("nsubj", "nsubjpass"):  # 'the attack was meant to'
            words = _clause_words(noun.head, inside) if noun.head.pos_ in ("VERB", "AUX") else words
    words = _with_negation(words, head)
    text = _join(words, _Pronouns(sentence, names))
    if len(text.split()) < 2:
        plain = [t for t in sentence if t.i not in inside and not t.is_punct][:10]
        text = _join(plain, _Pronouns(sentence, names))
    text = text.strip(" ,;:–—-") + compared
    return text[:1].upper() + text[1:_TITLE_CHARS]


def _clause_head(inside: set[int], sentence):
    """The verb a date phrase belongs to (or the noun, as in 'the 2018 decision'), and the
    first noun on the way there, for when the verb alone says too little."""
    tokens = [t for t in sentence if t.i in inside]
    if not tokens:
        return sentence.root, None
    token = next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[0])
    noun = None
    while token.head != token and token.pos_ not in ("VERB", "AUX"):
        if token.pos_ in ("NOUN", "PROPN") and token.i not in inside:
            if token.dep_ != "pobj":
                return token, token
            noun = noun or token
        token = token.head
    return token, noun


def _clause_words(head, inside: set[int]) -> list:
    """Subject, verb (with its auxiliaries and negation) and object of the clause `head`."""
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects and head.dep_ == "xcomp":  # 'declined to confirm': the outer clause
        governor = head.head if head.head.pos_ in ("VERB", "AUX") else head.head.head
        outer = _clause_words(governor, inside)[:8]  # 'will be able to trade'

        objects = [c for c in head.children if c.dep_ == "dobj"]
        words = [*outer, *(c for c in head.children if c.dep_ in ("aux", "neg")), head]
        return words + (_compact(objects[0], inside, 5) if objects else [])
    if subjects and _demonstrative(subjects[0]) and (told := _as_clause(head)) is not None:
        return _clause_words(told, inside)  # 'That trend continued, as coal slid 18 percent'
    relative = head.dep_ in ("relcl", "acl")
    words: list = []
    hidden = _hidden_subject(head) if relative and not subjects else None
    if hidden is not None:  # 'the satellite Russia launched': Russia launched the satellite
        verb = [*(c for c in head.children if c.dep_ in ("aux", "neg") and c.i < head.i), head]
        return [*_compact(hidden, inside, 5), *verb, *_compact(head.head, inside, 6)]
    if relative and (not subjects or subjects[0].tag_ in ("WDT", "WP")):
        words += _compact(head.head, inside, 6)  # 'which took place' → 'the meeting took place'
        subjects = subjects or [head.head]
    elif subjects:
        words += _compact(subjects[0], inside, 6)
    else:
        words += _borrowed_subject(head, inside)  # 'criticised Moscow for stonewalling'
    objects = [
        c
        for c in head.children
        if (c.dep_ in ("dobj", "attr", "dative", "oprd", "acomp") or _amount(c, inside))
        and c.i > head.i
    ]
    if head.lemma_ == "be" and not objects and subjects and not relative:
        return _compact(subjects[0], inside, 10, of_phrase=True)  # 'the last attack was in …'
    words += [c for c in head.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < head.i]
    words += [head, *(c for c in head.children if c.dep_ in ("prt", "neg") and c.i > head.i)]
    fronted = [c for c in head.children if c.dep_ == "dobj" and c.i < head.i and c.pos_ in _NOUNS]
    if objects:
        words += _compact(objects[0], inside, 7, of_phrase=True)  # 'a major part of …'
        words += _infinitive(objects[0], inside)  # 'was able to trade'
    elif fronted:  # 'how much pollution the country belched': what it belched
        words += [t for t in _compact(fronted[0], inside, 6) if not _asking(t)]
    elif relative and subjects and subjects[0].tag_ not in ("WDT", "WP"):
        words += _compact(head.head, inside, 6)  # 'Russia launched [the satellite]'
    elif infinitive := _infinitive(head, inside):
        words += infinitive  # 'is meant to threaten'
    else:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.i > head.i):
            objects = [c for c in prep.children if c.dep_ == "pobj" and c.i not in inside]
            if objects:
                words += [prep, *_compact(objects[0], inside, 6)]
                break
    return words


def _comparison(head) -> bool:
    """'as it did', 'than they were': a verb that only repeats the one it is compared with."""
    marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
    objects = [c for c in head.children if c.dep_ in ("dobj", "attr", "acomp")]
    return (
        head.dep_ == "advcl"
        and bool(marks & {"as", "than"})
        and head.lemma_
        in (
            "do",
            "be",
            "have",
        )
        and not objects
    )


def _demonstrative(subject) -> bool:
    """'that trend', 'this': a subject that points back to the sentence before."""
    words = {subject.lower_, *(c.lower_ for c in subject.children if c.dep_ == "det")}
    return bool(words & {"this", "that", "these", "those"})


def _as_clause(head):
    """The clause 'as …' with a subject of its own that goes with the verb, if any."""
    for child in head.children:
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        if child.dep_ == "advcl" and "as" in marks and has_subject:
            return child
    return None


def _amount(token, inside: set[int]) -> bool:
    """'6 percent' in 'increased 6 percent': a measured amount, the verb's object in effect."""
    return (
        token.dep_ == "npadvmod"
        and token.i not in inside
        and any(c.dep_ == "nummod" for c in token.children)
    )


def _asking(token) -> bool:
    """The words that ask ('how much', 'what') before a noun."""
    return token.tag_ in ("WRB", "WDT", "WP") or (
        token.lower_ in ("much", "many") and token.i > 0 and token.nbor(-1).tag_ == "WRB"
    )


def _hidden_subject(head):
    """The name right before a verb in the past that describes a noun without 'that' ('the
    satellite Russia launched'), which the parse takes for the noun's apposition."""
    if head.dep_ != "acl" or head.tag_ != "VBD":
        return None
    return next(
        (
            c
            for c in head.head.children
            if c.dep_ == "appos" and c.right_edge.i == head.i - 1 and c.pos_ == "PROPN"
        ),
        None,
    )


def _borrowed_subject(head, inside: set[int]) -> list:
    """Who does what a verb without a subject of its own says: for 'criticised Moscow for
    stonewalling' the one criticised, for 'X did this, accounting for …' X."""
    if head.dep_ == "pcomp" and head.head.dep_ == "prep":
        verb = head.head.head
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects:
            return _compact(objects[0], inside, 6)
    if head.dep_ in ("advcl", "conj", "pcomp") and head.head is not head:
        outer = head.head if head.dep_ != "pcomp" else head.head.head
        subjects = [c for c in outer.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].tag_ in ("WDT", "WP") and outer.dep_ == "relcl":
            return _compact(outer.head, inside, 6)  # 'the regime, which made … and named …'
        if subjects:
            return _compact(subjects[0], inside, 6)
    return []


def _infinitive(token, inside: set[int]) -> list:
    """'to trade with the United States' after 'able', 'meant', 'expected': the complement
    that says what the clause is about."""
    for child in token.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            marks = [c for c in child.children if c.dep_ in ("aux", "neg") and c.i < child.i]
            objects = [c for c in child.children if c.dep_ == "dobj"]
            return [*marks, child, *(_compact(objects[0], inside, 5) if objects else [])]
    return []


def _with_negation(words: list, head) -> list:
    """The title keeps every negation of its clause, and of the verbs that govern it by an
    infinitive ('did not agree to meet'): a title never says the opposite of its sentence."""
    chain, token = [head], head
    while token.dep_ == "xcomp" and token.head is not token:
        token = token.head
        chain.append(token)
    negations = [c for verb in chain for c in verb.children if c.dep_ == "neg"]
    if not words or any(t.lower_ in NEGATIONS for t in words):
        return words
    return [*words, *negations]


def _compact(token, inside: set[int], limit: int, of_phrase: bool = False) -> list:
    """The phrase a token heads, without clauses hanging off it, at most `limit` words; with
    `of_phrase`, its 'of …' complement too ('the killing of two leftist politicians')."""
    words = [token]
    for child in token.children:
        keep_of = of_phrase and child.dep_ == "prep" and child.lower_ == "of"
        named = child.dep_ == "appos" and child.pos_ == "PROPN" and child.left_edge.i == token.i + 1
        if child.dep_ in _CLAUSE_LINKS and child.i > token.i and not (keep_of or named):
            continue  # ('US historian Bruce Gilley': the name that follows is kept)
        words += [t for t in child.subtree if t.i not in inside]
    words = sorted(set(words), key=lambda t: t.i)
    if len(words) > limit:
        kept = [t for t in words if t.i <= token.i][-limit:]
        words = kept if len(kept) > 1 or not of_phrase else words[:limit]
    return words


class _Pronouns:
    """Who a pronoun of the title stands for, where the parse allows: the one person named
    before it in its sentence (else in the sentence before), or for 'it' and 'they' the main
    clause's subject when that is a name that is not a person."""

    def __init__(self, sentence, names: Names):
        self.sentence, self.names = sentence, names

    def __call__(self, token) -> str:
        word = token.lower_
        if word in _PERSON_PRONOUNS and token.tag_ in ("PRP", "PRP$"):
            name = self._person_before(token)
            return f"{name}{_PERSON_PRONOUNS[word] if token.tag_ == 'PRP$' else ''}" if name else ""
        if word in _THING_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            return self._main_subject(token)
        return ""

    def _person_before(self, token) -> str:
        start = self.sentence.start_char
        earlier = [n for n in self.names if n[3] and start <= n[0] and n[1] <= token.idx]
        if not earlier:
            previous = _previous_sentence(self.sentence)
            if previous is not None:
                earlier = [n for n in self.names if n[3] and previous[0] <= n[0] < previous[1]]
        people = {name for _, _, name, _ in earlier}
        return people.pop() if len(people) == 1 else ""

    def _main_subject(self, token) -> str:
        """For 'it' as the subject of a clause inside the sentence: the main clause's subject,
        named before it ('The Authority said that after it joins …')."""
        root = self.sentence.root
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or token.head == root or subjects[0].i > token.i:
            return ""
        subject = subjects[0]
        span = (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
        inside = [n for n in self.names if span[0] <= n[0] and n[1] <= span[1] and not n[3]]
        return inside[0][2] if len(inside) == 1 else ""


def _previous_sentence(sentence) -> tuple[int, int] | None:
    doc = sentence.doc
    if sentence.start == 0:
        return None
    before = doc[sentence.start - 1].sent
    return before.start_char, before.end_char


def _join(tokens, pronouns: Callable[[object], str] = lambda token: "") -> str:
    """Tokens as the text spells them (no space inside 'high-level' or before a comma), a
    pronoun written as the actor it stands for."""
    ordered = sorted(set(tokens), key=lambda t: t.i)
    if not ordered:
        return ""  # a sentence that is nothing but its date phrase
    parts = []
    for here, after in zip(ordered, [*ordered[1:], None], strict=True):
        gap = here.whitespace_ if after is not None and after.i == here.i + 1 else " "
        parts.append((pronouns(here) or here.text) + gap)
    return "".join(parts).strip()


# --- what a quotation says ------------------------------------------------------------------

_QUOTE_MARKS = re.compile(r"[“”\"]")
# Words whose day is the speaker's: inside a quotation they count from the day it was said,
# which the text may not give, not from the publication date.
SPEAKERS_DAYS = frozenset(["day_rel", "offset", "ago", "weekday", "season_rel"])


def quotations(text: str) -> list[tuple[int, int]]:
    """[start, end) of each direct quotation in a paragraph ('“…”' or '"…"'), also one that
    runs over several sentences; an opening mark left open runs to the paragraph's end."""
    spans, opened = [], None
    for mark in _QUOTE_MARKS.finditer(text):
        char = mark.group()
        if opened is None and char != "”":
            opened = mark.start()
        elif opened is not None and char != "“":
            spans.append((opened, mark.end()))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def quoted(spans: list[tuple[int, int]], char: int) -> bool:
    return any(start < char < end for start, end in spans)


# --- one row per happening ---------------------------------------------------------------------


def group_rows(
    rows: list[dict],
    keys: list[tuple],
    mains: list[frozenset[str]],
    places,
    topics: Sequence[frozenset[str]] | None = None,
):
    """Fold rows telling of one happening into the first of them.

    `keys[i]` says how row i is dated (source, start, end, qualifier, and the kind of phrase
    it was read from); `mains[i]` its main actors (the ones its title names); `places[i]` the
    label of its paragraph ('¶3'); `topics[i]` what its sentence is about (the actors it
    names, the nouns it uses). Rows with equal keys and equal, non-empty main actors are one
    event; so are rows dated to one day with equal keys that share a topic (an awards night
    the article comes back to, 'Sunday's awards', 'Phoenix said on Sunday'). The first keeps
    its id, title and evidence. Returns the rows kept, and for each kept row that others
    joined, the places of all its sentences in order.
    """
    topics = topics if topics is not None else [frozenset()] * len(rows)
    kept: list[dict] = []
    first_of: dict[tuple, str] = {}
    days: dict[tuple, list[tuple[str, set[str]]]] = {}  # a day's key -> [(row id, topics)]
    told: dict[str, list[str]] = {}
    for row, key, main, place, about in zip(rows, keys, mains, places, topics, strict=True):
        joined = first_of.get((key, main)) if main else None
        if joined is None and _one_day(row):
            joined = next((first for first, seen in days.get(key, []) if seen & about), None)
        if joined is not None:
            told[joined].append(place)
            for first, seen in days.get(key, []):
                if first == joined:
                    seen |= about
            continue
        if main:
            first_of[(key, main)] = row["id"]
        if _one_day(row):
            days.setdefault(key, []).append((row["id"], set(about)))
        told[row["id"]] = [place]
        kept.append(row)
    return kept, {row_id: where for row_id, where in told.items() if len(where) > 1}


def _one_day(row: dict) -> bool:
    """Dated to one day ('on Sunday', 'on Feb. 9'), not to a month or a year, where many
    happenings share a date."""
    return len(row["start"]) == len("YYYY-MM-DD") and row["end"] in ("", row["start"])


def sentence_topics(sentence, begin: int, end: int) -> frozenset[str]:
    """What a one-day date belongs to, for telling apart sentences about one happening: the
    noun it hangs on ('the awards on Sunday', 'Sunday's awards': award) and the named place
    of that noun's happening ('the contenders at the Oscars on Feb. 9': contender, oscars).
    For a date that hangs on a verb, only where it happens ('might happen at the Oscars',
    'were the winners at the awards'): 'Phoenix said on Sunday' tells of what was said."""
    start = sentence.start_char + begin
    inside = [t for t in sentence if start <= t.idx < sentence.start_char + end]
    if not inside:
        return frozenset()
    token = next((t for t in inside if t.head not in inside or t.head == t), inside[0])
    while token.head != token and (token in inside or token.pos_ not in _NOUNS):
        if token.pos_ in ("VERB", "AUX") and token not in inside:
            break  # 'might happen at the Oscars on Feb. 9': only where it happens
        token = token.head
    if token in inside or token.pos_ not in (*_NOUNS, "VERB", "AUX"):
        return frozenset()
    noun = [token] if token.pos_ in _NOUNS else []
    holders = noun or [token, *(c for c in token.children if c.dep_ in ("attr", "dobj"))]
    places = [
        place
        for holder in holders
        for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ == "at"
        for place in prep.children
        if place.dep_ == "pobj"
    ]
    return frozenset(t.lemma_.casefold() for t in (*noun, *places))


_NOUNS = ("NOUN", "PROPN")


def told_note(places: Sequence[str]) -> str:
    """What the summary of a row standing for several sentences says."""
    where = ", ".join(dict.fromkeys(place for place in places if place))
    return f"Told in {len(places)} sentences ({where}); the first is quoted." if where else ""
