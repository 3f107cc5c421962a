"""Property tests: whatever the page, every kept paragraph and every evidence quote is verbatim
in source.txt, no cell starts like a formula, and every draft passes the validator."""

import csv
import io
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.bundle import load_bundle
from core.text import fold_whitespace
from drafting.bundle_files import bundle_files, write_bundle
from drafting.draft import draft_source
from drafting.source import DraftError, source_from_text

NAMES = ["Helena Voss", "Ruben Achebe", "the Harbour Trust", "Port Alder", "Norway", "NATO",
         "the Coastal Infrastructure Agency (CIA)", "Voss", "Mara O’Neil", "U.S."]  # fmt: skip
DATES = ["in March 2019", "last month", "since February", "on 4 May 2023", "in 2014 and 2015",
         "on Thursday", "this summer", "", "", "40 years ago"]  # fmt: skip
FURNITURE = ["Follow us on social", "Read more", "Advertisement", "keep readingShow less",
             "photo_of_the_harbour_2023", "Analysis | Local", "By Mara Lindqvist", "QiOSK",
             "Top image credit: A bridge at dusk. JANE DOE/Pool via REUTERS"]  # fmt: skip
PREFIXES = ["", "", "", "=", "+", "-", "@", "\t", '=HYPERLINK("x") ']
sentences = st.builds(
    lambda prefix, a, verb, b, when, hedge: f"{prefix}{a} {hedge}{verb} {b} {when}".strip() + ".",
    st.sampled_from(PREFIXES),
    st.sampled_from(NAMES),
    st.sampled_from(["met", "criticised", "denied reports about", "signed a deal with"]),
    st.sampled_from(NAMES),
    st.sampled_from(DATES),
    st.sampled_from(["", "allegedly ", "reportedly "]),
)
paragraphs = st.lists(sentences, min_size=1, max_size=3).map(" ".join)
noise = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
lines = st.lists(st.one_of(paragraphs, st.sampled_from(FURNITURE), noise), min_size=1, max_size=10)
separators = st.sampled_from(["\n", "\n\n", "\r\n\r\n", "\n \n"])


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(lines, separators, st.sampled_from([None, "2022-09", "2023-05-04"]))
def test_every_draft_is_verbatim_formula_safe_and_valid(tmp_path_factory, parts, sep, published):
    text = sep.join(parts)
    try:
        draft = draft_source(source_from_text(text), published)
    except DraftError:
        return  # empty, binary or no prose: refused with a message, which is allowed
    source = fold_whitespace(draft.source_text)
    assert all(fold_whitespace(p) in source for p in draft.paragraphs)
    quotes = [row["evidence"] for row in itertools.chain(draft.actors, draft.events)]
    searchable = fold_whitespace(
        " \n ".join(
            [
                *draft.paragraphs,
                *draft.meta.values(),
                *(t["summary"] for t in draft.teasers),
                *(t["title"] for t in draft.teasers),
                *(t["image_caption"] for t in draft.teasers),
            ]
        )
    )
    assert all(fold_whitespace(quote) in searchable for quote in quotes)
    files = bundle_files(draft)
    for name, data in files.items():
        if name.endswith(".csv"):
            cells = [c for row in csv.reader(io.StringIO(data.decode())) for c in row]
            assert not any(c and c[0] in "=+-@\t\r" for c in cells), (name, cells)
    root = tmp_path_factory.mktemp("drafts")
    write_bundle(files, root, "draft")
    load_bundle(root, "draft")
