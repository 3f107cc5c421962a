"""Events: titles from the date's clause (negation kept, pronouns resolved), one row per
happening, and the rows that need a person's eye first, each with its reason."""

import pytest

from drafting.draft import ATTENTION, draft_from_parts, redate

PUBLISHED = "2022-09-14"  # a Wednesday


def _draft(*paragraphs, published=PUBLISHED, caption=""):
    return draft_from_parts(
        {"title": "Council votes to rebuild the bridge", "image_caption": caption},
        paragraphs,
        (),
        published,
        source_text="",
    )


TITLES = [
    # (sentence, the event's title): subject, verb, object; never the opposite of the text
    ("The ministry did not confirm the figure on Wednesday.",
     "The ministry did not confirm the figure"),
    ("Iran never signed the treaty in 2019.", "Iran never signed the treaty"),
    ("The council did not agree to meet in July.", "The council did not agree to meet"),
    ("No ferry sailed in March 2021.", "No ferry sailed"),
    ("Mayor Helena Voss arrived late. On Tuesday she met the fishermen.",
     "Helena Voss met the fishermen"),
    ("The Alder Harbour Trust said that after it sells the pier in May, it will close.",
     "Alder Harbour Trust sells the pier"),
    ("The last major storm was in 2002.", "The last major storm"),
    ("The killing of two fishermen in 2013 prompted an inquiry.",
     "The killing of two fishermen"),
    ("The town will be able to trade with the islands from 2026.",
     "The town will be able to trade"),
    ("The attack on Tuesday was meant to frighten tourists.",
     "The attack was meant to frighten tourists"),
    ("The bridge, which the trust closed in 2019, still stands.", "The bridge the trust closed"),
    ("Voss was praised by the harbour trust, which funded a film and renamed the pier in 2019.",
     "The harbour trust renamed the pier"),
    ("The town became a major part of the salt trade in 1884.",
     "The town became a major part of the salt trade"),
    ("The town now catches half as many fish as it did in 2009.",
     "The town catches half as many fish as in 2009"),
    ("That trend continued through 2019, as ferry traffic slid 18 percent.",
     "Ferry traffic slid 18 percent"),
    ("Ferry traffic increased 6 percent in 2019.", "Ferry traffic increased 6 percent"),
    ("In May, two councillors invited ferry historian Anika Holm to the town.",
     "Two councillors invited ferry historian Anika Holm"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "title"), TITLES)
def test_a_title_says_who_did_what_as_the_sentence_does(sentence, title):
    (event,) = _draft(sentence).events
    assert event["title"] == title


CALL = [
    "On Tuesday, Mayor Helena Voss called Councillor Ruben Achebe about the harbour bridge.",
    "During the call on Tuesday, Voss told Achebe that the vote on the bridge would have to wait.",
    "Achebe said on Tuesday that the harbour trust had been clear about the costs.",
    "Voss also met Achebe in 2019, when the cracks were found in the piers.",
]


def test_sentences_about_one_happening_are_one_event_with_a_count():
    draft = _draft(*CALL)
    tuesday = [row for row in draft.events if row["start"] == "2022-09-13"]
    call = next(row for row in tuesday if "called" in row["title"])
    assert call["evidence"] == CALL[0]  # one verbatim quote: the bundle's evidence column
    assert "Told in 2 sentences (¶1, ¶2)" in call["summary"]
    assert sorted(row["actors"] for row in tuesday) == ["helena-voss|ruben-achebe", "ruben-achebe"]
    assert len(draft.events) == 3  # other actors, another date: rows of their own
    assert set(draft.event_dates) == {row["id"] for row in draft.events}


AWARDS = [
    "The ferry crews were the winners at the Harbour Guild awards on Sunday, while Mayor "
    "Helena Voss was named best speaker.",
    "The lifeboat team went into Sunday’s awards with four nominations but left empty-handed.",
    "“It was a long night,” Voss said on Sunday. “What happened today matters to the town.”",
]


def test_the_sentences_about_one_days_happening_are_one_event():
    draft = _draft(*AWARDS)
    sunday = [row for row in draft.events if row["start"] == "2022-09-11"]
    awards = next(row for row in sunday if row["evidence"] == AWARDS[0])
    assert "Told in 2 sentences (¶1, ¶2)" in awards["summary"]  # the awards night: one row
    assert [row["evidence"] for row in sunday if row is not awards] == [
        AWARDS[2].split(" “What")[0]  # what was said that day: a row of its own
    ]


def test_today_inside_a_quotation_is_not_the_publication_day():
    draft = _draft(*AWARDS, "The council said today that the vote was postponed.")
    today = [row for row in draft.events if "today" in row["evidence"]]
    assert [row["evidence"] for row in today] == [
        "The council said today that the vote was postponed."
    ]


def test_a_grouped_event_keeps_its_count_when_the_publication_date_changes():
    draft, _ = redate(_draft(*CALL), "2022-09-21")
    call = next(row for row in draft.events if "called" in row["title"])
    assert call["start"] == "2022-09-20" and "Told in 2 sentences" in call["summary"]


def test_a_grouped_draft_is_a_valid_bundle(tmp_path):
    from core.bundle import load_bundle
    from core.publish import write_bundle
    from drafting.bundle_files import bundle_files

    draft = _draft(*CALL)
    files = bundle_files(draft)
    files["source.txt"] = "\n\n".join(["Council votes to rebuild the bridge", *CALL]).encode()
    write_bundle(files, tmp_path, "call")
    assert len(load_bundle(tmp_path, "call").events) == len(draft.events)


def test_rows_that_need_attention_come_first_each_with_its_reason():
    draft = _draft(
        "The trust said the bridge will open on 4 May 2026, and Mayor Helena Voss agreed.",
        "Storms closed the harbour in 2019.",
        "Ruben Achebe and Lina Achebe spoke at the harbour on Tuesday. Achebe left early.",
        caption="Ferry owner Tomas Berg at the pier.",
    )
    events = {row["title"]: row[ATTENTION] for row in draft.events}
    assert events["The bridge will open"] == "⚠ after the publication date"
    assert events["Storms closed the harbour"] == "no actor named in its sentence"
    assert [bool(row[ATTENTION]) for row in draft.events] == sorted(
        (bool(row[ATTENTION]) for row in draft.events), reverse=True
    )
    actors = {row["name"]: row[ATTENTION] for row in draft.actors}
    assert "possible duplicate" in actors["Achebe"]
    assert actors["Tomas Berg"] == "no evidence in the article: named in a caption"
    assert actors["Helena Voss"] == ""
    flagged = [bool(row[ATTENTION]) for row in draft.actors]
    assert flagged == sorted(flagged, reverse=True)


def test_a_new_publication_date_clears_or_raises_the_after_publication_flag():
    draft = _draft("The trust said the bridge will open on 4 May 2026, and Voss agreed.")
    assert draft.events[0][ATTENTION] == "⚠ after the publication date"
    later, _ = redate(draft, "2027")
    assert later.events[0][ATTENTION] == ""
