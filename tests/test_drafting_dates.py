"""Date phrases: (phrase in a sentence, publication date) → start, end, qualifier."""

import pytest

from drafting.dates import find_dates, find_published_date, status_hint

# (sentence, base, the phrase found, start, end, qualifier); base None = not known.
DATES = [
    ("In April 2021, the minister criticised the plan.", None, "In April 2021", "2021-04", "", ""),
    ("Talks stalled in 2014 and 2015.", None, "in 2014 and 2015", "2014", "2015", ""),
    ("The 2018 decision changed everything.", None, "The 2018", "2018", "", ""),
    (
        "It was signed on 28 October 2023 in Paris.",
        None,
        "on 28 October 2023",
        "2023-10-28",
        "",
        "",
    ),
    ("Troops left on October 30, 2024.", None, "on October 30, 2024", "2024-10-30", "", ""),
    ("The law dates from 2019-03-05.", None, "from 2019-03-05", "2019-03-05", "", ""),
    (
        "Prices rose between March and May 2022.",
        None,
        "between March and May 2022",
        "2022-03",
        "2022-05",
        "",
    ),
    (
        "Growth slowed in the summer of 2022.",
        None,
        "in the summer of 2022",
        "2022-06",
        "2022-08",
        "",
    ),
    ("Rents doubled in the 1990s.", None, "in the 1990s", "1990", "1999", ""),
    ("The mine closed around 1985.", None, "around 1985", "1985", "", "about"),
    ("Nobody has lived there since 2014.", None, "since 2014", "2014", "", "since"),
    ("The office stays open until 2030.", None, "until 2030", "2030", "", "until"),
    ("It was built before 1900.", None, "before 1900", "1900", "", "before"),
    ("The riots came after 2011.", None, "after 2011", "2011", "", "after"),
    ("The plan ran from 2014-15.", None, "from 2014-15", "2014", "2015", ""),
    # relative: resolved against the publication date
    ("The satellite launched last month.", "2022-09", "last month", "2022-08", "", ""),
    ("They met in July on the sidelines.", "2022-09", "in July", "2022-07", "", ""),
    (
        "In two speeches since February, he spoke.",
        "2022-09",
        "since February",
        "2022-02",
        "",
        "since",
    ),
    ("The summit was held in December.", "2023-02-10", "in December", "2022-12", "", ""),
    ("Talks will resume in October.", "2022-09", "in October", "2022-10", "", ""),
    # without a parse, a future cue counts only in the date's own clause
    (
        "Iran says it will keep talking, but they met in October.",
        "2022-09",
        "in October",
        "2021-10",
        "",
        "",
    ),
    ("This summer, there was a meeting.", "2022-09", "This summer", "2022-06", "2022-08", ""),
    ("Work will start next spring.", "2023-05-04", "next spring", "2024-03", "2024-05", ""),
    ("Sales fell last year.", "2022-09", "last year", "2021", "", ""),
    (
        "Posts fell between 2011-12 and 2017-18.",
        "2022-09",
        "between 2011-12 and 2017-18",
        "2011",
        "2018",
        "",
    ),
    ("On Thursday, the court ruled.", "2024-11-22", "On Thursday", "2024-11-21", "", ""),
    ("The minister resigned yesterday.", "2024-11-22", "yesterday", "2024-11-21", "", ""),
    ("The strike began three days ago.", "2022-09-14", "three days ago", "2022-09-11", "", ""),
    ("The wall fell 30 years ago.", "2019-11-10", "30 years ago", "1989", "", ""),
    ("It shut two months ago.", "2019-11-10", "two months ago", "2019-09", "", ""),
    ("The report came out today.", "2024-11", "today", "2024-11", "", ""),
    (
        "As the war passed a mark this week, talks began.",
        "2024-11-22",
        "this week",
        "2024-11-18",
        "2024-11-24",
        "",
    ),
]


@pytest.mark.parametrize(("sentence", "base", "phrase", "start", "end", "qualifier"), DATES)
def test_a_date_phrase_is_read_at_the_precision_written(
    sentence, base, phrase, start, end, qualifier
):
    mentions = find_dates(sentence)
    assert [m.phrase for m in mentions] == [phrase]
    resolved = mentions[0].resolve(base)
    assert (resolved.start, resolved.end, resolved.qualifier) == (start, end, qualifier)


NEEDS_A_BASE = [
    ("The satellite launched last month.", None),
    ("They met in July.", None),
    ("On Thursday, the court ruled.", "2024-11"),  # a weekday needs the day
    ("The minister resigned yesterday.", "2024"),
]


@pytest.mark.parametrize(("sentence", "base"), NEEDS_A_BASE)
def test_a_relative_date_waits_for_a_publication_date_precise_enough(sentence, base):
    (mention,) = find_dates(sentence)
    assert mention.relative
    assert mention.resolve(base) is None


NOT_DATES = [
    "",
    "Clerics who lead Friday prayers joined them.",
    "“40 years of experience has taught our people a lesson.”",
    "The 70-year-old was released after two weeks.",
    "He served for three years in the army.",
    "The war passed its 1,000-day mark.",
    "About 2015 people signed the petition.",
    "The ban covers 160 countries and 2000 troops.",
    "It may rain, and he said so recently.",
    "The budget is $2020 short.",
    "A weekly round-up of the news.",
    "Those left out include the war film “1917,” the big winner of the night.",
    'The sequel to "2012" opened to poor reviews.',
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_durations_ages_counts_and_weekday_adjectives_are_not_dates(sentence):
    assert find_dates(sentence) == []


HEDGES = [
    ("Iran has allegedly supplied drones.", "alleged"),
    ("Some US media outlets allege that Iran has started supplying drones.", "alleged"),
    ("The two countries reportedly accelerated their talks.", "alleged"),
    ("The government has denied such reports.", "denied"),
    ("The result is disputed by the opposition.", "disputed"),
    ("The court issued warrants on Thursday.", "confirmed"),
]


@pytest.mark.parametrize(("sentence", "status"), HEDGES)
def test_the_status_hint_follows_how_the_text_hedges(sentence, status):
    assert status_hint(sentence) == status


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("September 5, 2022", "2022-09-05"),
        ("Published: March 2021", "2021-03"),
        ("(30.01.2019)", "2019-01-30"),
        ("31.02.2019", ""),
        ("Updated 5 September 2022", ""),
        ("In 2021", ""),
        ("", ""),
    ],
)
def test_a_publication_date_is_only_read_from_an_absolute_date(line, date):
    assert find_published_date(line) == date


# Tense from the clause the date belongs to (spaCy's parse), never from a cue elsewhere in the
# sentence. (sentence, publication date, the date's start); 2022-09-14 is a Wednesday.
TENSES = [
    ("The minister visited Tehran on March 3, and the two sides agreed on a plan to expand "
     "trade.", "2022-09-14", "2022-03-03"),
    ("Iran says it will keep talking, but the ministers met in October.", "2022-09", "2021-10"),
    ("A bill approved in February that raised spending will add to the deficit.",
     "2018-09-25", "2018-02"),
    ("He planned to visit in October, but never did.", "2022-09", "2021-10"),
    ("The ban lasted until July.", "2015-04-21", "2014-07"),
    ("Talks will resume in October.", "2022-09", "2022-10"),
    ("Talks are due to resume in October.", "2022-09", "2022-10"),
    ("The upcoming summit in October was announced at the weekend.", "2022-09-14", "2022-10"),
    ("The hearing has been adjourned until July.", "2015-04-21", "2015-07"),
    ("This April, the festival returns to the harbour.", "2017-02-23", "2017-04"),
    ("The new boats arrive in June.", "2023-05-02", "2023-06"),  # a schedule, in the present
    ("The minister has met the envoy in June.", "2023-05-02", "2022-06"),
    ("Voss's triumph in Tuesday's vote keeps her in office.", "2022-09-14", "2022-09-13"),
    # weekdays: the most recent such day at or before publication, unless the text says
    # "next" or the clause speaks of what is to come
    ("The ministers met on Tuesday.", "2022-09-14", "2022-09-13"),
    ("The court ruled on Wednesday.", "2022-09-14", "2022-09-14"),
    ("The court ruled on Thursday, a day later than planned.", "2022-09-14", "2022-09-08"),
    ("The court will rule on Wednesday.", "2022-09-14", "2022-09-14"),
    ("The council is expected to vote on Tuesday.", "2022-09-14", "2022-09-20"),
    ("When he travels to Kenya on Sunday, he will speak.", "2015-07-24", "2015-07-26"),
    ("They will meet next Tuesday.", "2022-09-14", "2022-09-20"),
    ("They met last Wednesday.", "2022-09-14", "2022-09-07"),
    # a date that belongs to a named happening, or to a clause that may speak of either, is
    # the one nearest the publication date; a past clause's own date stays in the past
    ("Several contenders at the Oscars on Feb. 9 were not nominated.", "2020-01-20",
     "2020-02-09"),
    ("No one could predict what might happen at the festival on Feb. 9.", "2020-01-20",
     "2020-02-09"),
    ("The contenders at the Oscars on Dec. 9 were not nominated.", "2020-01-20", "2019-12-09"),
    ("The killing of two fishermen in March prompted an inquiry.", "2020-01-20", "2019-03"),
    ("The ministers met on Feb. 9.", "2020-01-20", "2019-02-09"),
]  # fmt: skip


@pytest.fixture(scope="module")
def nlp():
    from drafting.model import load_model

    return load_model()


@pytest.mark.parametrize(("sentence", "base", "start"), TENSES)
def test_a_date_without_a_year_takes_its_tense_from_its_own_clause(nlp, sentence, base, start):
    (mention,) = find_dates(next(nlp(sentence).sents))
    assert mention.resolve(base).start == start


@pytest.mark.parametrize(
    ("start", "published", "after"),
    [("2022-10", "2022-09", True), ("2022-09", "2022-09-14", False),
     ("2022-09-15", "2022-09-14", True), ("2023", "2022-12-31", True),
     ("2022", "2022-01", False), ("2021-12-31", "2022", False), ("", "2022", False),
     ("2022-10", "", False), ("soon", "2022", False)],
)  # fmt: skip
def test_a_date_after_the_publication_date_is_told_apart(start, published, after):
    from drafting.dates import after_publication

    assert after_publication(start, published) is after
