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

import dataclasses
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from core.mentions import AliasIndex, build_alias_index, find_mentions
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
# A rank before a name: 'Councillor Ruben Achebe', 'Prime Minister Ana Lind'.
_TITLED = re.compile(
    r"^((?:(?:Prime|Deputy|Vice|Foreign|Defence|Defense|Interior|Finance|Supreme|Former"
    r"|Acting|Chief)\s+)*(?:President|Minister|Secretary|Councillor|Councilor|Mayor|Governor"
    r"|Senator|General|Colonel|Captain|Ambassador|Chancellor|Premier|Judge|Justice|Commander"
    r"|Spokesman|Spokeswoman|Speaker|Chairman|Chairwoman|Director|Professor|Lieutenant"
    r"|Sergeant|Admiral|Rep\.|Sen\.|Gov\.|Gen\.)\s+)((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)$"
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
    r"|\b(?:MP|MPs|MSP|MEP|[Mm]ember|[Ss]enator|[Cc]ongress(?:wo)?man) for\s+$"  # a seat
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
    describes: bool = False  # 'US historian Bruce Gilley': a word of a person's description


@dataclass
class Actor:
    """Mentions merged into one actor; `attention` says why a person should look at it first
    ('' when nothing stands out)."""

    name: str
    kind: str
    aliases: list[str]
    mentions: list[Mention] = field(default_factory=list)
    role: str = ""
    note: str = ""
    attention: str = ""


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


def mentions_in(
    docs, credits: frozenset[int] = frozenset(), headings: frozenset[int] = frozenset()
) -> list[Mention]:
    """Every name in the parsed texts, kinds fixed by the rules above; the texts numbered in
    `credits` are photo credits, read by their own rule, and those numbered in `headings`
    (a title, a sub-heading, a teaser's headline) give no names: a headline's words are
    capitalised names or not, and the same names come again in the text below it."""
    found: list[Mention] = []
    groups: set[str] = set()  # what the model calls a nationality or group somewhere
    for index, doc in enumerate(docs):
        if index in headings:
            continue
        index_sentences(doc)  # `ent.sent` below is then a lookup, not a walk of the document
        if index in credits:
            found.extend(credit_mentions(index, doc_text(doc)))
            continue
        media = _media_list_spans(doc_text(doc))
        groups.update(name_key(ent.text) for ent in doc.ents if ent.label_ == "NORP")
        for ent in (part for named in doc.ents for part in _listed(doc, named)):
            mention = _mention(index, doc, ent, media)
            if mention is not None:
                found.append(mention)
        found.extend(_acronyms(index, doc, found))
    return [_not_a_person(m) if name_key(m.surface) in groups else m for m in found]


def _not_a_person(mention: Mention) -> Mention:
    """A name the model also reads as a nationality or group ('Houthis') is a group."""
    if mention.kind != PERSON or mention.rule:
        return mention
    return dataclasses.replace(mention, kind=ORGANISATION, rule="a group, not a person")


def merge(mentions: list[Mention]) -> list[Actor]:
    """Group mentions into actors: same key, short forms, acronyms, one-word names of one
    person, near spellings. A one-word name that two people share stays a row of its own,
    typed person and marked as a possible duplicate of both."""
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
    shared = _fold_one_word_names(by_key, groups)
    _fold_short_institutions(by_key, groups)
    _fold_initials(by_key, groups)
    _link_near_spellings(by_key, groups)
    merged: dict[str, list[Mention]] = {}
    for key, items in by_key.items():
        merged.setdefault(groups.find(key), []).extend(items)
    people = {groups.find(key) for key, items in by_key.items() if _full_person(key, items)}
    people |= {groups.find(key) for key in shared}
    actors = []
    for root, items in merged.items():
        actor = _actor(items, PERSON if root in people else "")
        if root in shared:
            actor.attention = f"possible duplicate: {' or '.join(shared[root])} have this name"
        actors.append(actor)
    actors.sort(key=lambda actor: min((m.text_index, m.start) for m in actor.mentions))
    return _with_duplicates_marked(_unique_aliases(actors))


def alias_spans(text: str, actors: list[Actor]) -> list[tuple[int, int, Actor]]:
    """Every whole-word occurrence of every actor's aliases, found as the reader finds them
    (core.mentions: longest alias first, no overlaps); a possessive after a name is left out
    of its span here ('Putin’s' → 'Putin')."""
    index = _alias_index(tuple(tuple(actor.aliases) for actor in actors))
    spans = []
    for span in find_mentions(text, index):
        actor = actors[int(span.key)]
        matched = text[span.start : span.end]
        possessive = matched not in actor.aliases and matched.endswith(("'s", "’s"))
        spans.append((span.start, span.end - 2 if possessive else span.end, actor))
    return spans


def name_key(surface: str) -> str:
    """How two spellings are compared: case, dots, 'the' and possessives ignored."""
    text = _TRIM_START.sub("", surface.strip())
    text = _POSSESSIVE.sub("", text).replace(".", "")
    return " ".join(text.casefold().split())


def slug(name: str, taken: set[str], fallback: str, limit: int = _SLUG_CHARS) -> str:
    """A lowercase-kebab id for `name`, of whole words and about `limit` characters at most,
    unique among `taken` (which it joins)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    base = ""
    for word in words:
        if base and len(base) + len(word) + 1 > limit:
            break
        base = f"{base}-{word}" if base else word[:limit]
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
    if surface.casefold() in _GENERIC_NOUNS or _not_a_name(doc_text(doc), surface, end):
        return None
    if _in_a_title(doc_text(doc), start, end):
        return None
    if title:
        sentence = (ent.sent.start_char, ent.sent.end_char)
        return Mention(index, start, end, surface, PERSON, sentence, "courtesy title")
    titled = _TITLED.match(surface) if ent.label_ in ("PERSON", "ORG") else None
    if titled and (ent.label_ == "PERSON" or len(titled.group(2).split()) >= 2):
        # 'Councillor Ruben Achebe': a person, the rank a role (the model may say ORG)
        sentence = (ent.sent.start_char, ent.sent.end_char)
        start += titled.start(2)
        return Mention(
            index, start, end, titled.group(2), PERSON, sentence, "title", titled.group(1).strip()
        )
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
    if _adjective_or_title_part(ent) or _a_language_word(ent):
        return None
    if _PLACE_BEFORE.search(doc_text(doc), max(0, start - 40), start) or _CAMP.search(surface):
        return Mention(index, start, end, surface, PLACE, sentence, "place phrase")
    if _STREET.search(surface):
        return Mention(index, start, end, surface, PLACE, sentence, "a street")
    if _PEOPLE_AFTER.match(doc_text(doc), end) and len(ent) == 1:
        return Mention(index, start, end, surface, ORGANISATION, sentence, "a people")
    if _CAMP_AFTER.match(doc_text(doc), end):
        return Mention(index, start, end, surface, PLACE, sentence, "a camp")
    if label != AGREEMENT and _outlet(doc_text(doc), start, end, ent.label_):
        return Mention(index, start, end, surface, MEDIA, sentence, "an outlet")
    if len(surface) <= 2 and surface.isupper() and name_key(surface) not in SHORT_FORMS:
        return None
    kind, rule = _kind(label, surface)
    if kind == PERSON and _the_before_a_name(doc_text(doc), ent, start):
        kind, rule = ORGANISATION, "'the' before a one-word name: not a person"
    if kind == PERSON and _in_a_place(doc_text(doc), ent, end):
        kind = PLACE  # 'in Khan Younis': a vote for a place, not a rule (others may outvote it)
    role = _role(doc, ent) if kind == PERSON else ""
    subject = ent.root.dep_ in ("nsubj", "nsubjpass")
    describes = kind in (COUNTRY, PLACE) and _describes_a_person(ent)
    return Mention(index, start, end, surface, kind, sentence, rule, role, subject, describes)


def _describes_a_person(ent) -> bool:
    """A place's name that is a word of the description before a person's name ('US
    historian Bruce Gilley', 'U.S. President Donald Trump'): it says who the person is."""
    token = ent.root
    for _ in range(3):
        if token.dep_ != "compound" or token.head == token:
            return False
        token = token.head
        named = (c for c in token.children if c.dep_ in ("appos", "compound") and c.i > token.i)
        if token.ent_type_ == "PERSON" or any(c.ent_type_ == "PERSON" for c in named):
            return True
    return False


# '<place>-based', '<place>-born': a description, not a name the text gives an actor.
_DESCRIBED = re.compile(r"-(?:based|born|headquartered|registered|listed)\b", re.IGNORECASE)
# 'Operation Protective Edge' names an operation, no actor.
_OPERATION = re.compile(r"^(?:Operation|Op\.|Exercise)\s+[A-Z]")
# Camps, forts, mountains and lakes are places, whatever the model's label.
_CAMP = re.compile(r"^(?:Camp|Fort|Mount|Lake)\s+[A-Z]|\s(?:Camp|camp)$")
# '109 Maori and Moriori people', 'the Herero community': a people, a group, not a person or place.
_PEOPLE_AFTER = re.compile(r"\s+(?:people|peoples|tribes?|communit(?:y|ies)|clans?)\b")
_CAMP_AFTER = re.compile(r"\s+(?:refugee\s+|displacement\s+|detention\s+|military\s+)?camps?\b")
# Streets, squares and quarters are places: 'Baker Street', 'Petersallee', 'Nachtigalplatz',
# 'the African Quarter'.
_STREET = re.compile(
    r"(?:\s(?:Street|St\.|Avenue|Ave\.|Road|Boulevard|Lane|Square|Place|Drive|Quarter)"
    r"|[a-zäöüß](?:allee|stra(?:ss|ß)e|platz|gasse|weg|damm|ufer|ring))$"
    r"|-(?:Allee|Strasse|Straße|Platz|Gasse|Weg)$"
)
# A short quotation of capitalised words names a work ('the film “1917”', '“The Marvelous
# Mrs Maisel”'): a title, not an actor.
_QUOTED_WORDS = 6
_OPENING_MARKS = '“"‘'
_CLOSING_MARKS = '”"’'


def _in_a_title(text: str, start: int, end: int) -> bool:
    """The name stands inside a short quotation of capitalised words: a film's, a book's or
    a show's title."""
    opening = max(text.rfind(mark, max(0, start - 60), start) for mark in _OPENING_MARKS)
    if opening < 0:
        return False
    closing = min(
        (found for mark in _CLOSING_MARKS if (found := text.find(mark, end, end + 60)) >= 0),
        default=-1,
    )
    if closing < 0 or any(mark in text[opening + 1 : start] for mark in _CLOSING_MARKS):
        return False
    words = re.findall(r"[^\W_][\w’'-]*", text[opening + 1 : closing])
    return 0 < len(words) <= _QUOTED_WORDS and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words
    )


_TITLE_SMALL_WORDS = frozenset(["a", "an", "the", "of", "in", "on", "and", "to", "for", "at"])
# Prepositions that put a name on a map: 'in Khan Younis', 'near Dnipro'.
_PLACE_PREPOSITIONS = frozenset(
    ["in", "near", "outside", "around", "across", "throughout", "inside", "towards", "toward"]
)
# What an outlet is called around its name: 'the newspaper Haaretz', 'the IRNA news agency',
# 'Kayhan, a hardline daily', 'told the Gazette', 'in an interview with Channel 4'.
_OUTLET_NOUNS = (
    r"(?:newspapers?|dailies|daily|news agency|news agencies|broadcasters?|news channels?"
    r"|TV channels?|television channels?|outlets?|magazines?|tabloids?|news sites?|websites?"
    r"|radio stations?)"
)
_OUTLET_BEFORE = re.compile(rf"\b{_OUTLET_NOUNS}\s+(?:the\s+)?$", re.IGNORECASE)
_OUTLET_AFTER = re.compile(
    rf"\s+(?:{_OUTLET_NOUNS}|TV|television|radio)\b"
    rf"|,\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){{0,3}}{_OUTLET_NOUNS}\b",
    re.IGNORECASE,
)
_TOLD = re.compile(r"\b(?:told|telling|tells|in an interview with|speaking to)\s+(the\s+)?$")


def _not_a_name(text: str, surface: str, end: int) -> bool:
    """'London-based', 'Operation Protective Edge': no actor's name."""
    return bool(
        _DESCRIBED.search(surface) or _DESCRIBED.match(text, end) or _OPERATION.match(surface)
    )


def _outlet(text: str, start: int, end: int, label: str) -> bool:
    """A name the words around it call a newspaper, an agency, a channel or an outlet."""
    before = text[max(0, start - 40) : start]
    if _OUTLET_BEFORE.search(before) or _OUTLET_AFTER.match(text, end):
        return True
    told = _TOLD.search(before)  # 'told the Gazette' (a person is rarely 'the'), 'told IRNA'
    return bool(told) and (label == "ORG" or bool(told.group(1)))


def _in_a_place(text: str, ent, end: int) -> bool:
    """A name after 'in', 'near' or 'outside' (not 'in Putin's view'): a place."""
    root = ent.root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in _PLACE_PREPOSITIONS
        and not re.match(r"[’']s?\b", text[end : end + 2])
    )


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


# 'the Reich', 'by the Kremlin': no person is named with 'the' before a single name.
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
# The nouns a language's name is put before: 'the Swahili nickname', 'the Arabic word for'.
_LANGUAGE_NOUNS = frozenset(
    ["nickname", "name", "word", "term", "phrase", "expression", "translation", "language"]
)


def _the_before_a_name(text: str, ent, start: int) -> bool:
    """'led the Reich', 'by the Reich': 'the' before a one-word name that is not a word of a
    noun phrase ('the Trump campaign' names a person's campaign)."""
    return (
        len(ent) == 1
        and ent.root.dep_ not in ("compound", "amod")
        and _THE_BEFORE.search(text, max(0, start - 8), start) is not None
    )


def _a_language_word(ent) -> bool:
    """'Swahili' in 'the Swahili nickname': a language's name describing a word, no actor."""
    root = ent.root
    return (
        len(ent) == 1
        and root.dep_ in ("compound", "amod")
        and root.head.lemma_.casefold() in _LANGUAGE_NOUNS
        and root.lower_ in _language_keys()
    )


@lru_cache(maxsize=1)
def _language_keys() -> frozenset[str]:
    """English names of languages (CLDR, via Babel), lower case."""
    from babel import Locale

    return frozenset(name.casefold() for name in Locale("en").languages.values())


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


def _full_person(key: str, items: list[Mention]) -> bool:
    return " " in key and _is_person(items)


def _fold_one_word_names(by_key: dict[str, list[Mention]], groups: _UnionFind) -> dict:
    """'Putin' joins 'Vladimir Putin', 'Ellen' joins 'Ellen Fetter': a one-word name joins
    the one full-name person who has it as a word of their name (spellings compared as
    `_same_spelling` does), whatever kind the model gave it, unless it names a country or a
    region. Returns the one-word names two or more people have: {key: their names}."""
    owners_of: dict[str, list[str]] = {}
    for key, items in by_key.items():
        if _full_person(key, items):
            words = {*re.split(r"[\s-]+", key), key.split()[-1]}  # 'waller-bridge' too
            for word in words:
                if len(word) >= 2:
                    owners_of.setdefault(_ascii(word), []).append(key)
    shared: dict[str, list[str]] = {}
    _fold_short_surnames(by_key, groups)
    for key, items in by_key.items():
        if " " in key or not _may_be_a_name_alone(key, items):
            continue
        owners = owners_of.get(_ascii(key)) or _near_owners(key, owners_of)
        people = list(dict.fromkeys(groups.find(owner) for owner in owners))
        if len(people) == 1:
            groups.union(key, people[0])
        elif people:
            shared[key] = [_display(by_key, owner) for owner in dict.fromkeys(owners)][:3]
    return shared


def _fold_short_institutions(by_key: dict[str, list[Mention]], groups: _UnionFind) -> None:
    """'Reich' joins 'German Reich', 'Commission' joins 'European Commission': a one-word
    organisation named by the last word of one other organisation's name."""
    institutions = [key for key, items in by_key.items() if _kind_of(items) == ORGANISATION and key]
    for key in (key for key in institutions if " " not in key):
        longer = [other for other in institutions if other.endswith(f" {key}")]
        if len(longer) == 1:
            groups.union(key, longer[0])


def _fold_initials(by_key: dict[str, list[Mention]], groups: _UnionFind) -> None:
    """'UCU' joins 'University and College Union' where the text never writes the one in
    brackets after the other: an acronym that is the initials of the capitalised words of
    one other name (not a person's), which then names the actor."""
    owners: dict[str, list[str]] = {}
    for key, items in by_key.items():
        words = [w for w in re.split(r"[\s-]+", _display(by_key, key)) if w[:1].isupper()]
        if len(words) >= 2 and not _is_person(items):
            owners.setdefault("".join(word[0] for word in words), []).append(key)
    for key, items in by_key.items():
        acronym = _display(by_key, key)
        spelled = owners.get(acronym, [])
        if acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 6 and len(spelled) == 1:
            groups.union(key, spelled[0])
            rule = f"acronym:{spelled[0]}"
            by_key[key] = [m if m.rule else dataclasses.replace(m, rule=rule) for m in items]


def _fold_short_surnames(by_key: dict[str, list[Mention]], groups: _UnionFind) -> None:
    """'De Niro' joins 'Robert De Niro': a person named by the last words of one other
    person's full name."""
    people = [key for key, items in by_key.items() if _full_person(key, items)]
    for key in people:
        longer = [other for other in people if other.endswith(f" {key}")]
        if len(longer) == 1:
            groups.union(key, longer[0])


def _may_be_a_name_alone(key: str, items: list[Mention]) -> bool:
    """A one-word name that may stand for a person: not a seat of government, a short form,
    a bloc, and (unless the model reads it as a person) not a country or region."""
    if _is_seat(key) or key in SHORT_FORMS or key in BLOCS or len(key) < 2:
        return False
    if not all(m.rule in ("", "courtesy title") for m in items) and not _is_person(items):
        return False
    return _is_person(items) or not (_is_country(key) or key in _region_keys())


def _near_owners(key: str, owners_of: dict[str, list[str]]) -> list[str]:
    """The full names whose surname is spelt almost like `key` ('Zelenskyy', 'Zelensky')."""
    if len(key) < 5:
        return []
    from rapidfuzz import fuzz

    return [
        owner
        for word, owners in owners_of.items()
        for owner in owners
        if owner.split()[-1] == word and _same_spelling(_ascii(key), word, fuzz)
    ]


def _display(by_key: dict[str, list[Mention]], key: str) -> str:
    return Counter(m.surface for m in by_key[key]).most_common(1)[0][0]


def _ascii(text: str) -> str:
    """'Erdoğan' and 'Erdogan' compared alike: accents and marks left out."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _same_spelling(a: str, b: str, fuzz) -> bool:
    """Two spellings of one name: ≥ 90 % alike (rapidfuzz), starting with the same letter."""
    return a[:1] == b[:1] and fuzz.ratio(a, b) >= _SAME_SPELLING


_SAME_SPELLING = 90
_SIMILAR_SPELLING = 80


def _is_person(items: list[Mention]) -> bool:
    return Counter(m.kind for m in items).most_common(1)[0][0] == PERSON


def _link_near_spellings(by_key: dict[str, list[Mention]], groups: _UnionFind) -> None:
    """'Netanyahu' and 'Netanyahou', 'Erdoğan' and 'Erdogan': one actor when the spellings are
    ≥ 90 % alike (rapidfuzz, accents aside) and the kinds agree (or one comes from the
    model's label alone)."""
    from rapidfuzz import fuzz, process

    keys = [key for key in by_key if len(key) >= 5 and not _is_seat(key)]
    if len(keys) < 2:
        return
    folded = [_ascii(key) for key in keys]
    scores = process.cdist(folded, folded, scorer=fuzz.ratio, score_cutoff=_SAME_SPELLING)
    for i, j in zip(*scores.nonzero(), strict=True):
        same_start = folded[i][:1] == folded[j][:1]
        if i < j and same_start and _kinds_agree(by_key[keys[i]], by_key[keys[j]]):
            groups.union(keys[i], keys[j])


def _kinds_agree(a: list[Mention], b: list[Mention]) -> bool:
    kind_a, kind_b = _kind_of(a), _kind_of(b)
    if kind_a == kind_b:
        return True
    loose = {kind for kind, items in ((kind_a, a), (kind_b, b)) if all(not m.rule for m in items)}
    return PERSON in (kind_a, kind_b) and bool(loose - {PERSON})


def _with_duplicates_marked(actors: list[Actor]) -> list[Actor]:
    """Mark rows that may be one actor and were not merged: one name inside another ('Xbox',
    'Xbox One X'; 'Hamilton', 'Hamilton Chicago') or spellings 80–90 % alike, two letters
    apart at most (a one-word name against a person's surname)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    keys = [_ascii(name_key(actor.name)) for actor in actors]
    for later in range(len(actors)):
        if actors[later].attention:
            continue
        for earlier in range(later):
            if actors[earlier].attention.startswith("possible duplicate"):
                continue  # already said of the pair
            a, b = keys[earlier], keys[later]
            # 'Hauser' beside 'Trevor Houser': a spelling near the surname (the surname itself
            # was folded, or kept apart on purpose, as a country is)
            if actors[earlier].kind == PERSON and " " in a and " " not in b:
                a = a.split()[-1] if a.split()[-1] != b else a
            elif actors[later].kind == PERSON and " " in b and " " not in a:
                b = b.split()[-1] if b.split()[-1] != a else b
            same_kind = actors[earlier].kind == actors[later].kind
            inside = same_kind and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")
            near = fuzz.ratio(a, b) >= _SIMILAR_SPELLING and Levenshtein.distance(a, b) <= 2
            if inside or (a[:1] == b[:1] and near):
                actors[later].attention = f"possible duplicate of {actors[earlier].name}"
                break
    return actors


def _kind_of(items: list[Mention]) -> str:
    ruled = [m.kind for m in items if m.rule and not m.rule.startswith("acronym:")]
    if ruled:
        return Counter(ruled).most_common(1)[0][0]
    counts = Counter(m.kind for m in items)
    order = (PERSON, ORGANISATION, COUNTRY, MEDIA, AGREEMENT, BLOC, PLACE)
    return max(counts, key=lambda kind: (counts[kind], -order.index(kind)))


def _actor(items: list[Mention], kind: str = "") -> Actor:
    """One actor from its mentions; `kind` when the merge knows better than the mentions (a
    surname the model called an organisation joins its person)."""
    items.sort(key=lambda m: (m.text_index, m.start))
    forced = bool(kind)
    kind = kind or _kind_of(items)
    surfaces = list(dict.fromkeys(m.surface for m in items))
    name = _best_name(items, surfaces, kind)
    aliases = [name, *(s for s in surfaces if s != name)] if name in surfaces else surfaces
    role = next((m.role for m in items if m.role), "")
    doubt = _doubt(items, known_kind=forced)
    return Actor(name, kind, aliases, items, role, _note(name, kind, items), doubt)


def _doubt(items: list[Mention], known_kind: bool = False) -> str:
    """Why the kind or the name is uncertain: the model read the name as different kinds
    (unless the merge settled it), or it does not read like a name (lowercase, or digits in
    it: a product, a model)."""
    surfaces = {m.surface for m in items}
    if any(s[:1].islower() or re.search(r"\d", s) for s in surfaces):
        return "low confidence: does not read like a name"
    unruled = set() if known_kind else {m.kind for m in items if not m.rule}
    ruled = {m.rule for m in items if m.rule and not m.rule.startswith("acronym:")}
    if len(unruled) > 1 and not ruled:
        return f"low confidence: read as {' and '.join(sorted(unruled))}"
    if "a group, not a person" in ruled:
        return "check the kind: a group of people, not a person"
    if len(items) <= 2 and all(_only_a_capital(m) for m in items):
        return "low confidence: one word, only at the start of a sentence"
    return ""


def _only_a_capital(mention: Mention) -> bool:
    """'Reliance on …', '“Reliance …': one word, read as an organisation, whose capital may
    be only the one a sentence gives any word."""
    return (
        mention.kind in (ORGANISATION, MEDIA)
        and mention.surface.istitle()
        and " " not in mention.surface
        and mention.start - mention.sentence[0] <= 1
    )


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
    shortened = any(b.endswith(f" {a}") for a in surfaces for b in surfaces if " " not in a)
    if kind == PERSON or (kind == ORGANISATION and shortened):  # 'German Reich', not 'Reich'
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
def _alias_index(aliases: tuple[tuple[str, ...], ...]) -> AliasIndex:
    """The reader's matcher over the actors' aliases, each alias keyed by its actor's place."""
    return build_alias_index(
        (alias, str(number)) for number, names in enumerate(aliases) for alias in names
    )


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
