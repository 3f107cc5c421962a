import datetime as dt

import pytest

from core.dates import PartialDate, parse_partial_date, when_label

PARSED = [
    ("2022", PartialDate(2022), "year", "2022"),
    ("2022-07", PartialDate(2022, 7), "month", "Jul 2022"),
    ("2022-07-19", PartialDate(2022, 7, 19), "day", "19 Jul 2022"),
    (" 2015 ", PartialDate(2015), "year", "2015"),
]


@pytest.mark.parametrize(("text", "expected", "precision", "label"), PARSED)
def test_parse_keeps_the_precision_written(text, expected, precision, label):
    date = parse_partial_date(text)
    assert date == expected
    assert date.precision == precision
    assert date.label() == label
    assert date.iso() == text.strip()


BAD = ["", " ", "22", "2022-7", "2022/07/19", "July 2022", "2022-13", "2022-02-30", "2022-07-19T00"]


@pytest.mark.parametrize("text", BAD)
def test_parse_rejects_and_names_the_value(text):
    with pytest.raises(ValueError, match="2022|YYYY"):
        parse_partial_date(text)


SPANS = [
    (PartialDate(2018), dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
    (PartialDate(2024, 2), dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    (PartialDate(2022, 8, 9), dt.date(2022, 8, 9), dt.date(2022, 8, 9)),
]


@pytest.mark.parametrize(("date", "first", "last"), SPANS)
def test_a_partial_date_covers_every_day_it_may_mean(date, first, last):
    assert (date.first_day(), date.last_day()) == (first, last)


LABELS = [
    (PartialDate(2014), PartialDate(2015), "", "2014–2015"),
    (PartialDate(2022, 2), None, "after", "after Feb 2022"),
    (PartialDate(2022, 7, 19), PartialDate(2022, 7, 19), "", "19 Jul 2022"),
    (PartialDate(2022), None, "about", "about 2022"),
]


@pytest.mark.parametrize(("start", "end", "qualifier", "label"), LABELS)
def test_when_label_reads_as_written(start, end, qualifier, label):
    assert when_label(start, end, qualifier) == label
