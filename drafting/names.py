"""Names in text: who and what an article names, merged into actors with their aliases.

spaCy's small English pipeline finds the names; general rules then fix what it gets wrong on
news text and merge the spellings of one actor:
- kinds: a GPE is a country when the CLDR list of territories (Babel) knows it, else a place;
  organisations whose names end like a newspaper or agency are media, like a treaty are
  agreements; "media outlets such as X and Y" makes X and Y media; "King X" is a person;
  "<nationality> government/military/forces…" and "<name> administration" are organisations;
  the parts of a photo credit ("NAME/Pool via AGENCY") are a photographer and an agency.
- aliases: a surname joins the full name, an acronym defined in brackets joins its long form,
  possessives are dropped, US/U.S./United States/America are one, and near-identical
  spellings (rapidfuzz) are one.
- roles come from the text: the words before a name ("Russian President Vladimir Putin"), an
  appositive ("Nasser Kanani, spokesman for the Iranian Foreign Ministry") or "who serves as".
- metonyms that need judgement (a seat of government such as "the Kremlin", a city used as
  an actor) stay separate, with a note.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from core.vocabulary import ACTOR_KINDS, MAX_ID_CHARS
from drafting.parsing import doc_text, index_sentences, parse, sentence_at_char

PERSON, ORGANISATION, COUNTRY, PLACE, BLOC, MEDIA, AGREEMENT = (
    "person",
    "organisation",
    "country",
    "place",
    "bloc",
    "media",
    "agreement",
)
assert set(ACTOR_KINDS) == {PERSON, ORGANISATION, COUNTRY, PLACE, BLOC, MEDIA, AGREEMENT}

# Well-known short forms of one country or body: each maps to the full name.
SHORT_FORMS = {
    "us": "united states",
    "usa": "united states",
    "america": "united states",
    "united states of america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "eu": "european union",
    "un": "united nations",
    "uae": "united arab emirates",
    "ussr": "soviet union",
    "drc": "democratic republic of the congo",
    "prc": "china",
}
# Blocs named like places: "the West" in politics is not a place on a map.
BLOCS = {"west", "east", "global south", "global north", "eurozone"}
# Seats of government that news text uses for a government: offered apart, never merged.
GOVERNMENT_SEATS = {
    "kremlin": "Russia",
    "white house": "United States",
    "pentagon": "United States",
    "downing street": "United Kingdom",
    "whitehall": "United Kingdom",
    "elysee": "France",
    "élysée": "France",
    "zhongnanhai": "China",
    "quai d'orsay": "France",
    "capitol hill": "United States",
    "foggy bottom": "United States",
    "blue house": "South Korea",
}
_MEDIA_NAME = re.compile(
    r"\b(?:Post|Times|News|Journal|Herald|Gazette|Tribune|Telegraph|Guardian|Chronicle|"
    r"Observer|Magazine|Television|TV|Radio|Broadcasting|Broadcast|Daily|Weekly|Press|"
    r"Reuters|Associated Press|AFP|Bloomberg|Xinhua|Al Jazeera|BBC|CNN|NPR|Politico|Axios)$",
    re.IGNORECASE,
)
_AGENCIES = re.compile(
    r"^(?:REUTERS|Reuters|AFP|AP|Getty Images|EPA|Xinhua|Anadolu|Bloomberg|Shutterstock)$"
)
_AGREEMENT_NAME = re.compile(
    r"\b(?:Agreement|Accords?|Treaty|Deal|Pact|Convention|Protocol|Charter|Plan of Action|"
    r"Memorandum|Resolution|Act)\b"
)
_HONORIFIC = re.compile(
    r"^(?:King|Queen|Prince|Princess|Pope|Sheikh|Emir|Sultan|Sir|Dame|"
    r"Lord|Lady|Saint|Archbishop|Ayatollah|Imam|Rabbi)\s+[A-Z]"
)
_INSTITUTION = re.compile(
    r"\s+((?:(?:land|air|armed|security|naval|special|state|federal|national|central|"
    r"foreign|defence|defense|interior|hardline|opposition)\s+)?(?:government|regime|"
    r"administration|military|army|navy|air force|forces|ministry|parliament|police|"
    r"media outlets|media|intelligence services|cabinet|authorities))\b"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:town|city|village|region|province|district|capital|port|"
    r"state|county|area|outskirts) of\s+$"
)
_MEDIA_LIST = re.compile(
    r"\b(?:media|media outlets|outlets|newspapers?|dailies|broadcasters?|channels?|"
    r"news agencies|papers|websites)\s+(?:such as|like|including)\s+"
    r"((?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)(?:(?:,\s+|,?\s+and\s+|,?\s+or\s+)"
    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)*)"
)
_ACRONYM_DEFINED = re.compile(
    r"\b((?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of|the|and|for|on|in|de|du|al|[A-Z][\w’'-]*))*"
    r"\s+[A-Z][\w’'-]*)\s+\(([A-Z][A-Za-z&.]{1,9})\)"
)
_SLUG_CHARS = min(40, MAX_ID_CHARS - 4)
_POSSESSIVE = re.compile(r"(?:[’']s|[’'])$")
_TRIM_START = re.compile(r"^(?:the|The|THE)\s+")
# A courtesy title is not part of the name ("Ms Pugh" is Pugh); ranks and honorifics such as
# "King" or "President" are kept apart by other rules.
_COURTESY_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+(?=[A-Z])")
# Capitalised common nouns that name no one body when they stand alone ("the Government is
# running a deficit", "Minister of the Interior").
_GENERIC_NOUNS = frozenset(
    ["government", "administration", "ministry", "department", "bank", "justice", "interior",
     "state", "cabinet", "opposition", "authorities", "police", "court", "treasury"]
)  # fmt: skip
_TITLE_WORDS = frozenset(
    [
        "president",
        "minister",
        "secretary",
        "speaker",
        "commander",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leader",
        "chief",
        "adviser",
        "advisor",
        "envoy",
        "ambassador",
        "general",
        "prime",
        "deputy",
        "governor",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "head",
        "king",
        "queen",
        "prince",
        "official",
        "officials",
        "senator",
        "representative",
        "judge",
        "justice",
        "foreign",
        "defence",
        "defense",
        "interior",
        "supreme",
        "former",
        "acting",
        "vice",
        "senior",
        "top",
        "editor",
        "founder",
        "ceo",
        "councillor",
        "councilor",
        "lawmaker",
        "mp",
        "professor",
        "analyst",
        "researcher",
        "economist",
        "activist",
        "lawyer",
        "attorney",
        "correspondent",
        "executive",
        "officer",
        "commissioner",
        "chancellor",
        "premier",
        "colonel",
        "captain",
    ]
)
_LABELS = {
    "PERSON": PERSON,
    "ORG": ORGANISATION,
    "GPE": COUNTRY,
    "LOC": PLACE,
    "FAC": PLACE,
    "LAW": AGREEMENT,
    "NORP": "",
    "EVENT": "",
    "PRODUCT": "",
}


@dataclass(frozen=True)
class Mention:
    """One name in one text: character span, kind, and the sentence around it."""

    text_index: int
    start: int
    end: int
    surface: str
    kind: str
    sentence: tuple[int, int]
    rule: str = ""  # a rule that fixed the kind: it outranks spaCy's label
    role: str = ""
    subject: bool = False  # the subject of a verb: a place used so may stand for a government


@dataclass
class Actor:
    """Mentions merged into one actor."""

    name: str
    kind: str
    aliases: list[str]
    mentions: list[Mention] = field(default_factory=list)
    role: str = ""
    note: str = ""


# --- the public helpers --------------------------------------------------------------------------


def find_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every name in `text`, merged and typed as a draft would be, every
    alias found everywhere (as the reader highlights them); sorted, never overlapping."""
    segments = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    docs = parse(_model(), [segment for _, segment in segments])
    actors = merge(mentions_in(docs))
    add_surnames(actors, [segment for _, segment in segments])
    return [
        (offset + start, offset + end, actor.kind)
        for offset, segment in segments
        for start, end, actor in alias_spans(segment, actors)
    ]


def _model():
    from drafting.model import load_model

    return load_model()


def mentions_in(docs, credits: frozenset[int] = frozenset()) -> list[Mention]:
    """Every name in the parsed texts, kinds fixed by the rules above; the texts numbered in
    `credits` are photo credits, read by their own rule."""
    found: list[Mention] = []
    for index, doc in enumerate(docs):
        index_sentences(doc)  # `ent.sent` below is then a lookup, not a walk of the document
        if index in credits:
            found.extend(credit_mentions(index, doc_text(doc)))
            continue
        media = _media_list_spans(doc_text(doc))
        for ent in (part for named in doc.ents for part in _listed(doc, named)):
            mention = _mention(index, doc, ent, media)
            if mention is not None:
                found.append(mention)
        found.extend(_acronyms(index, doc, found))
    return found


def merge(mentions: list[Mention]) -> list[Actor]:
    """Group mentions into actors: same key, short forms, acronyms, surnames, near spellings."""
    groups = _UnionFind()
    by_key: dict[str, list[Mention]] = {}
    for mention in mentions:
        key = name_key(mention.surface)
        if key and not _is_seat(key):
            key = SHORT_FORMS.get(key, key)
        by_key.setdefault(key, []).append(mention)
        groups.add(key)
    for mention in mentions:
        if mention.rule.startswith("acronym:"):
            groups.union(name_key(mention.surface), mention.rule.removeprefix("acronym:"))
    _link_surnames(by_key, groups)
    _link_near_spellings(by_key, groups)
    merged: dict[str, list[Mention]] = {}
    for key, items in by_key.items():
        merged.setdefault(groups.find(key), []).extend(items)
    actors = [_actor(items) for items in merged.values()]
    actors.sort(key=lambda actor: min((m.text_index, m.start) for m in actor.mentions))
    return _unique_aliases(actors)


def alias_spans(text: str, actors: list[Actor]) -> list[tuple[int, int, Actor]]:
    """Every whole-word occurrence of every actor's aliases; longest first, no overlaps."""
    pattern = _alias_pattern(tuple(alias for actor in actors for alias in actor.aliases))
    if pattern is None:
        return []
    by_alias = {alias: actor for actor in actors for alias in actor.aliases}
    return [(m.start(), m.end(), by_alias[m.group()]) for m in pattern.finditer(text)]


def name_key(surface: str) -> str:
    """How two spellings are compared: case, dots, 'the' and possessives ignored."""
    text = _TRIM_START.sub("", surface.strip())
    text = _POSSESSIVE.sub("", text).replace(".", "")
    return " ".join(text.casefold().split())


def slug(name: str, taken: set[str], fallback: str) -> str:
    """A lowercase-kebab id for `name`, unique among `taken` (which it joins)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    base = ""
    for word in words:  # whole words, about 40 characters at most
        if base and len(base) + len(word) + 1 > _SLUG_CHARS:
            break
        base = f"{base}-{word}" if base else word[:_SLUG_CHARS]
    base = base or fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


# --- one name -------------------------------------------------------------------------------


def _mention(index: int, doc, ent, media: list[tuple[int, int]]) -> Mention | None:
    label = _LABELS.get(ent.label_)
    if label is None:
        return None
    start, end, surface = _trimmed(doc_text(doc), ent.start_char, ent.end_char)
    title = _COURTESY_TITLE.match(surface)
    if title:  # "Ms Pugh" is a person whatever the model's label
        start, surface = start + title.end(), surface[title.end() :]
    if not surface or not re.match(r"\w", surface) or "\n" in surface:
        return None
    if surface.casefold() in _GENERIC_NOUNS:
        return None
    if title:
        sentence = (ent.sent.start_char, ent.sent.end_char)
        return Mention(index, start, end, surface, PERSON, sentence, "courtesy title")
    sentence = (ent.sent.start_char, ent.sent.end_char)
    institution = _INSTITUTION.match(doc_text(doc), end)
    if ent.label_ in ("NORP", "GPE", "PERSON") and institution:
        kind = MEDIA if "media" in institution.group(1) else ORGANISATION
        end = institution.end()
        return Mention(index, start, end, doc_text(doc)[start:end], kind, sentence, "institution")
    if ent.label_ == "EVENT" and _AGREEMENT_NAME.search(surface):
        return Mention(index, start, end, surface, AGREEMENT, sentence, "agreement name")
    if not label:
        return None
    if "/" in surface or " via " in surface:
        return _credit_part(index, doc_text(doc), start, surface, sentence)
    if any(s <= start and end <= e for s, e in media):
        return Mention(index, start, end, surface, MEDIA, sentence, "media list")
    if _HONORIFIC.match(surface):
        return Mention(index, start, end, surface, PERSON, sentence, "honorific")
    if _adjective_or_title_part(ent):
        return None
    if _PLACE_BEFORE.search(doc_text(doc), max(0, start - 40), start):
        return Mention(index, start, end, surface, PLACE, sentence, "place phrase")
    if len(surface) <= 2 and surface.isupper() and name_key(surface) not in SHORT_FORMS:
        return None
    kind, rule = _kind(label, surface)
    role = _role(doc, ent) if kind == PERSON else ""
    subject = ent.root.dep_ in ("nsubj", "nsubjpass")
    return Mention(index, start, end, surface, kind, sentence, rule, role, subject)


_ONE_WORD_NAMES = re.compile(r"[A-Z][\w’'-]*(?:, [A-Z][\w’'-]*)+,? and [A-Z][\w’'-]*")


def _listed(doc, ent) -> list:
    """'Tesla, Uber and Snapchat' read as one name is three; 'Papworth and Addenbrooke's
    Hospitals' (words that are not all names on their own) stays one."""
    if ent.label_ not in ("ORG", "GPE") or not _ONE_WORD_NAMES.fullmatch(ent.text):
        return [ent]
    parts = [
        doc.char_span(ent.start_char + m.start(), ent.start_char + m.end(), label=ent.label_)
        for m in re.finditer(r"[A-Z][\w’'-]*", ent.text)
    ]
    return [part for part in parts if part is not None] or [ent]


def _adjective_or_title_part(ent) -> bool:
    """'Eastern' in 'Western or Eastern powers'; 'Defense' in 'Defense Minister'."""
    root = ent.root
    if len(ent) != 1:
        return False
    if (
        root.pos_ == "ADJ"
        or root.dep_ == "amod"
        or (root.dep_ == "conj" and root.head.dep_ == "amod")
    ):
        return True
    return (
        ent.label_ == "ORG"
        and root.is_title
        and root.dep_ == "compound"
        and root.head.lower_ in _TITLE_WORDS
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Drop a leading 'the', a trailing possessive and punctuation; keep offsets right."""
    surface = text[start:end]
    lead = _TRIM_START.match(surface)
    if lead:
        start += lead.end()
    surface = text[start:end]
    if surface.count("(") != surface.count(")"):  # 'Court of Justice (ICC': cut the bracket
        end = start + surface.index("(") if "(" in surface else start + surface.index(")")
        surface = text[start:end]
    possessive = _POSSESSIVE.search(surface)
    if possessive:
        end -= len(possessive.group())
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".)":
        end -= 1
    if end > start and text[end - 1] == "." and not re.search(r"\b\w\.\w\.$", text[start:end]):
        end -= 1
    return start, end, text[start:end]


def _kind(label: str, surface: str) -> tuple[str, str]:
    key = name_key(surface)
    if _is_seat(key):
        return ORGANISATION, "seat of government"
    if label in (COUNTRY, PLACE, ORGANISATION) and key in BLOCS:
        return BLOC, "bloc"
    if label in (COUNTRY, PLACE) and key in _region_keys():
        return BLOC, "region"
    if label == COUNTRY or (label == PLACE and key in SHORT_FORMS):
        return (COUNTRY, "") if _is_country(key) else (PLACE, "")
    if label == ORGANISATION:
        if _AGREEMENT_NAME.search(surface):
            return AGREEMENT, "agreement name"
        if _MEDIA_NAME.search(surface) or _AGENCIES.match(surface):
            return MEDIA, "media name"
    return label, ""


def _is_seat(key: str) -> bool:
    return key in GOVERNMENT_SEATS


_CREDIT_FILLER = re.compile(
    r"\b(?:POOL|Pool|pool|FILE PHOTO|File Photo|File|Photo|PHOTO|Handout|"
    r"HANDOUT|Courtesy|courtesy of|Image|Credit|©)\b|[©:]"
)
_ORG_WORDS = re.compile(
    r"\b(?:Service|Agency|Ministry|Office|Department|Forces|Force|Army|"
    r"Brigade|Council|Institute|University|Foundation|Press|News|Images|"
    r"Group|Company|Corps|Centre|Center|Museum|Archive|Library)\b"
)


def credit_mentions(index: int, text: str) -> list[Mention]:
    """A photo credit 'NAME/Pool via AGENCY' or 'NAME/Press Service of …/Handout via AGENCY':
    the photographer is a person, an agency is media, a named body an organisation."""
    found = []
    for part in re.finditer(r"[^/]+", text):
        for piece in re.split(r"\s+via\s+", part.group()):
            offset = text.index(piece, part.start())
            cleaned = _CREDIT_FILLER.sub(" ", piece)
            words = cleaned.split()
            if not words or not any(w[:1].isupper() for w in words):
                continue
            name = " ".join(words)
            start = text.find(name, offset)
            if start < 0:
                continue
            if _AGENCIES.match(name):
                kind = MEDIA
            elif _ORG_WORDS.search(name):
                kind = ORGANISATION
            elif 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words):
                kind = PERSON
            else:
                continue
            found.append(
                Mention(index, start, start + len(name), name, kind, (0, len(text)), "photo credit")
            )
    return found


def _credit_part(index: int, text: str, start: int, surface: str, sentence) -> Mention | None:
    """The first name in a photo credit like 'NAME POOL/Pool via AGENCY': a photographer."""
    first = re.split(r"/|\s+via\s+", surface)[0]
    words = [w for w in first.split() if w.lower() not in ("pool", "file", "photo", "handout")]
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return None
    name = " ".join(words)
    offset = text.find(name, start)
    if offset < 0:
        return None
    return Mention(index, offset, offset + len(name), name, PERSON, sentence, "photo credit")


def _media_list_spans(text: str) -> list[tuple[int, int]]:
    return [match.span(1) for match in _MEDIA_LIST.finditer(text)]


def _acronyms(index: int, doc, found: list[Mention]) -> list[Mention]:
    """'Joint Comprehensive Plan of Action (JCPOA)': the acronym joins the long form."""
    extra = []
    for match in _ACRONYM_DEFINED.finditer(doc_text(doc)):
        acronym = match.group(2)
        found_long = _long_form(doc_text(doc), match.start(1), match.end(1), acronym)
        if found_long is None:
            continue
        long_start, long_end, long_form = found_long
        sentence = _sentence_of(doc, long_start)
        kind, rule = _kind(ORGANISATION, long_form)
        long_mention = Mention(index, long_start, long_end, long_form, kind, sentence, rule)
        if not any(m.text_index == index and m.start <= long_start < m.end for m in found):
            extra.append(long_mention)
        else:
            kind = next(
                m.kind for m in found if m.text_index == index and m.start <= long_start < m.end
            )
        start, end = match.span(2)
        extra.append(
            Mention(index, start, end, acronym, kind, sentence, f"acronym:{name_key(long_form)}")
        )
    return extra


def _long_form(text: str, start: int, end: int, acronym: str):
    """The words before '(ACRONYM)' that it abbreviates: the shortest tail whose capitals
    start with the acronym's letter and are about as many as its letters."""
    letters = len(acronym.replace(".", ""))
    for word in re.finditer(r"\S+", text[start:end]):
        begin = start + word.start()
        tail = text[begin:end]
        capitals = [w for w in tail.split() if w[:1].isupper()]
        if tail[:1] == acronym[0] and abs(len(capitals) - letters) <= 1:
            return _trimmed(text, begin, end)
    return None


def _sentence_of(doc, char: int) -> tuple[int, int]:
    sentence = sentence_at_char(doc, char)
    return sentence.start_char, sentence.end_char


def _role(doc, ent) -> str:
    """'Russian President' in 'Russian President Vladimir Putin'; an appositive after it."""
    root = ent.root
    left = ent.start
    while left > ent.sent.start:
        token = doc[left - 1]
        if token.dep_ in ("det", "punct", "poss", "case", "cc", "prep", "predet") or (
            root not in token.ancestors and token.head != root
        ):
            break
        left -= 1
    words = doc[left : ent.start]
    if words and any(t.lower_ in _TITLE_WORDS or t.pos_ == "NOUN" for t in words):
        return doc_text(doc)[words.start_char : words.end_char]
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            return _phrase(doc, child)
        if child.dep_ == "relcl" and child.lemma_ in ("serve", "work", "act"):
            for prep in child.children:
                if prep.lower_ == "as":
                    objects = [t for t in prep.children if t.dep_ == "pobj"]
                    if objects:
                        return _phrase(doc, objects[0])
    return ""


def _phrase(doc, token) -> str:
    """An appositive's words; not an age ('Anika Holm, 64') or a clause."""
    tokens = list(token.subtree)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if not tokens or len(tokens) > 14 or not any(t.is_alpha and not t.is_stop for t in tokens):
        return ""
    return doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]


def add_surnames(actors: list[Actor], texts: list[str]) -> None:
    """A person named in full once and by surname later ('Voss told the meeting') gets the
    surname as an alias, even where the model did not see a name there."""
    owned = {alias for actor in actors for alias in actor.aliases}
    surnames = Counter(
        actor.name.split()[-1] for actor in actors if actor.kind == PERSON and " " in actor.name
    )
    for actor in actors:
        if actor.kind != PERSON or " " not in actor.name:
            continue
        surname = actor.name.split()[-1]
        if surname in owned or surnames[surname] > 1 or len(surname) < 3:
            continue
        alone = re.compile(rf"(?<![\w-]){re.escape(surname)}(?![\w-])")
        full = re.compile(rf"{re.escape(actor.name)}")
        if any(len(alone.findall(text)) > len(full.findall(text)) for text in texts):
            actor.aliases.append(surname)
            owned.add(surname)


# --- merging ---------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: str) -> str:
        self.add(key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        if a in self.parent and b in self.parent:
            self.parent[self.find(a)] = self.find(b)


def _link_surnames(by_key: dict[str, list[Mention]], groups: _UnionFind) -> None:
    """'Putin' joins 'Vladimir Putin' when exactly one full name ends so."""
    full = [key for key, items in by_key.items() if _is_person(items) and " " in key]
    for key, items in by_key.items():
        if " " in key or _is_seat(key):
            continue
        owners = [name for name in full if name.split()[-1] == key or name.endswith(f"-{key}")]
        if len(owners) == 1 and (_is_person(items) or all(m.rule == "" for m in items)):
            groups.union(key, owners[0])


def _is_person(items: list[Mention]) -> bool:
    return Counter(m.kind for m in items).most_common(1)[0][0] == PERSON


def _link_near_spellings(by_key: dict[str, list[Mention]], groups: _UnionFind) -> None:
    """'Netanyahu' and 'Netanyahou': one actor when the spellings are ≥ 90 % alike."""
    from rapidfuzz import fuzz, process

    keys = [key for key in by_key if len(key) >= 5 and not _is_seat(key)]
    if len(keys) < 2:
        return
    scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=90)
    for i, j in zip(*scores.nonzero(), strict=True):
        same_kind = _kind_of(by_key[keys[i]]) == _kind_of(by_key[keys[j]])
        if i < j and same_kind and keys[i][0] == keys[j][0]:
            groups.union(keys[i], keys[j])


def _kind_of(items: list[Mention]) -> str:
    ruled = [m.kind for m in items if m.rule and not m.rule.startswith("acronym:")]
    if ruled:
        return Counter(ruled).most_common(1)[0][0]
    counts = Counter(m.kind for m in items)
    order = (PERSON, ORGANISATION, COUNTRY, MEDIA, AGREEMENT, BLOC, PLACE)
    return max(counts, key=lambda kind: (counts[kind], -order.index(kind)))


def _actor(items: list[Mention]) -> Actor:
    items.sort(key=lambda m: (m.text_index, m.start))
    kind = _kind_of(items)
    surfaces = list(dict.fromkeys(m.surface for m in items))
    name = _best_name(items, surfaces, kind)
    aliases = [name, *(s for s in surfaces if s != name)] if name in surfaces else surfaces
    role = next((m.role for m in items if m.role), "")
    return Actor(name, kind, aliases, items, role, _note(name, kind, items))


def _best_name(items: list[Mention], surfaces: list[str], kind: str) -> str:
    defined = [m for m in items if m.rule.startswith("acronym:")]
    if defined:
        long_key = defined[0].rule.removeprefix("acronym:")
        for surface in surfaces:
            if name_key(surface) == long_key:
                return surface
    full = [s for s in surfaces if name_key(s) in SHORT_FORMS.values()]
    if full:
        return full[0]
    if kind == PERSON:
        return max(surfaces, key=lambda s: (len(s.split()), len(s)))
    counts = Counter(m.surface for m in items)
    return max(surfaces, key=lambda s: (counts[s], len(s)))


def _note(name: str, kind: str, items: list[Mention]) -> str:
    key = name_key(name)
    if _is_seat(key):
        return (
            f"“{name}” often stands for the government of {GOVERNMENT_SEATS[key]}: kept "
            "apart as a suggestion; merge it into that actor if the text means so."
        )
    if kind == PLACE and any(m.subject for m in items):
        return (
            f"“{name}” is used as an actor here; it may stand for a government: "
            "keep it as a place or merge it."
        )
    return ""


def _unique_aliases(actors: list[Actor]) -> list[Actor]:
    """An alias belongs to one actor only: the first that has it keeps it."""
    owner: dict[str, int] = {}
    for number, actor in enumerate(actors):
        kept = []
        for alias in actor.aliases:
            if alias not in owner and re.match(r"\w", alias) and "|" not in alias:
                owner[alias] = number
                kept.append(alias)
        actor.aliases = kept
    return [actor for actor in actors if actor.aliases]


@lru_cache(maxsize=32)
def _alias_pattern(aliases: tuple[str, ...]):
    """One regex for all aliases, longest first, so the longest alias wins at each place."""
    if not aliases:
        return None
    body = "|".join(re.escape(alias) for alias in sorted(set(aliases), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    """English short names of countries and territories (CLDR, via Babel), compared by key."""
    from babel import Locale

    names = Locale("en").territories
    keys = {name_key(name) for code, name in names.items() if not code.isdigit()}
    keys |= {key.split(" (")[0] for key in keys}
    keys |= set(SHORT_FORMS.values()) - {"european union", "united nations"}
    return frozenset(keys - {"european union", "united nations", "eurozone"})


@lru_cache(maxsize=1)
def _region_keys() -> frozenset[str]:
    """Continents and world regions (CLDR's numbered territories): groups of countries."""
    from babel import Locale

    names = Locale("en").territories
    return frozenset(name_key(name) for code, name in names.items() if code.isdigit())


def _is_country(key: str) -> bool:
    return SHORT_FORMS.get(key, key) in _country_keys()
