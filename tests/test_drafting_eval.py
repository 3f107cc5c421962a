"""The drafting benchmark's scoring and corpus conversion, on small texts of our own."""

import json

import pytest

from bench import drafting_eval as ev
from bench.corpora import build, paths

ARTICLE = (
    "The minister arrived in the capital on Monday. She met the president and the two spoke "
    "for an hour about trade, energy and the border."
)


def test_words_lowercase_and_drop_punctuation():
    assert ev.words("“Don’t,” she said — U.S. 2022!") == ["dont", "she", "said", "us", "2022"]


def test_shingles_are_a_multiset_of_four_word_runs():
    assert ev.shingles(list("abcdabcd")) == {
        tuple("abcd"): 2, tuple("bcda"): 1, tuple("cdab"): 1, tuple("dabc"): 1,
    }  # fmt: skip
    assert ev.shingles(["only", "two"]) == {("only", "two"): 1}
    assert ev.shingles([]) == {}


def test_identical_text_scores_one_whatever_the_layout():
    score = ev.shingle_score(ARTICLE.upper().replace(". ", ".\n\n"), ARTICLE)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_disjoint_text_scores_zero():
    score = ev.shingle_score("Follow us on social media for more news today", ARTICLE)
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_known_partial_case():
    # expected: 10 words, 7 shingles; found: the first 6 words (3 shingles, all right) and
    # 4 words of clutter (4 more shingles, spanning the join, none right).
    expected = "one two three four five six seven eight nine ten"
    found = "one two three four five six menu login share print"
    score = ev.shingle_score(found, expected)
    assert score.precision == pytest.approx(3 / 7)
    assert score.recall == pytest.approx(3 / 7)
    assert score.f1 == pytest.approx(3 / 7)
    extra = ev.shingle_score(expected + " subscribe to our newsletter", expected)
    assert (extra.precision, extra.recall) == (pytest.approx(7 / 11), 1.0)


def test_empty_texts():
    assert ev.shingle_score("", "").f1 == 1.0
    assert ev.shingle_score("", ARTICLE).f1 == 0.0
    assert ev.shingle_score(ARTICLE, "").f1 == 0.0


def test_summary_gives_mean_median_and_worst_pages():
    scores = {"a": ev.Score(1.0, 1.0), "b": ev.Score(0.5, 0.5), "c": ev.Score(0.0, 0.0),
              "d": ev.Score(1.0, 1.0)}  # fmt: skip
    summary = ev.summarise(scores)
    assert summary["mean_f1"] == pytest.approx(0.625)
    assert summary["median_f1"] == pytest.approx(0.75)
    assert [name for name, _ in summary["worst"]] == ["c", "b", "a"]


def test_name_scores_exact_and_lenient():
    gold = [[(0, 12, "PER"), (20, 26, "LOC"), (30, 34, "ORG")]]
    found = [[(0, 12, "PER"), (16, 26, "LOC"), (30, 34, "PER"), (40, 45, "ORG")]]
    scores = ev.name_scores(gold, found)
    assert scores["PER"]["exact"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3)}
    assert scores["LOC"]["exact"]["precision"] == 0.0
    assert scores["LOC"]["lenient"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert scores["ORG"]["exact"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert (scores["all"]["gold"], scores["all"]["found"]) == (3, 4)
    assert scores["all"]["exact"]["recall"] == pytest.approx(1 / 3)
    # (30, 34) is the right name with the wrong label: found, whatever the label
    assert scores["all"]["any_label"] == {"precision": 0.5, "recall": pytest.approx(2 / 3),
                                          "f1": pytest.approx(4 / 7)}  # fmt: skip


def test_engine_kinds_map_to_corpus_labels_and_agreements_are_left_out():
    spans = [(0, 3, "person"), (4, 8, "media"), (9, 11, "bloc"), (12, 16, "place"),
             (17, 22, "agreement"), (23, 30, "country")]  # fmt: skip
    assert ev.labelled(spans, ev.KIND_LABELS) == [
        (0, 3, "PER"), (4, 8, "ORG"), (9, 11, "ORG"), (12, 16, "LOC"), (23, 30, "LOC"),
    ]  # fmt: skip
    assert ev.labelled([(0, 7, "NORP"), (8, 12, "FAC")], ev.SPACY_LABELS) == [(8, 12, "LOC")]


def test_expected_html_becomes_paragraphs():
    markup = (
        "<div><h2>Head</h2><p>First <a href='#'>link</a> text.</p><!-- note -->"
        "<ul><li>one</li><li>two<br>lines</li></ul><figure><img alt='x'>"
        "<figcaption> A   caption </figcaption></figure><script>var x;</script></div>"
    )
    assert build.html_to_paragraphs(markup) == (
        "Head\n\nFirst link text.\n\none\n\ntwo\nlines\n\nA caption\n"
    )


def test_iob2_documents_become_character_spans():
    iob2 = (
        "# newdoc id = n1\n# sent_id = n1-1\n# text = Mr Obama visited New York.\n"
        "1\tMr\tO\n2\tObama\tB-PER\n3\tvisited\tO\n4\tNew\tB-LOC\n5\tYork\tI-LOC\n6\t.\tO\n\n"
        "# sent_id = n1-2\n# text = The UN agreed.\n"
        "1\tThe\tO\n2\tUN\tB-ORG\n3\tagreed\tO\n4\t.\tO\n\n"
        "# newdoc id = w1\n# sent_id = w1-1\n# text = Paris.\n1\tParis\tB-LOC\n2\t.\tO\n"
    )
    [document] = build.uner_documents(iob2, "n")
    text = document["text"]
    assert text == "Mr Obama visited New York. The UN agreed."
    assert document["sentences"] == 2
    assert [(text[s:e], label) for s, e, label in document["entities"]] == [
        ("Obama", "PER"), ("New York", "LOC"), ("UN", "ORG"),
    ]  # fmt: skip


def test_run_without_corpora_says_where_to_find_them(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ENVIRONMENT_VARIABLE, str(tmp_path))
    results = ev.run(quick=True)
    assert "bench/corpora/README.md" in results["skipped"]
    assert ev.rows(results)[0][2] == results["skipped"]


def test_run_scores_the_baselines_on_a_tiny_corpus(tmp_path, monkeypatch):
    page = tmp_path / "html" / "p1"
    page.mkdir(parents=True)
    (page / "source.html").write_text(f"<html><body><nav>Home News</nav><p>{ARTICLE}</p></body>")
    (page / "expected.txt").write_text(ARTICLE)
    (page / "copied.txt").write_text("Home News\n" + ARTICLE)
    (tmp_path / "names").mkdir()
    record = {"id": "d1", "sentences": 1, "text": "Angela Merkel", "entities": [[0, 13, "PER"]]}
    (tmp_path / ev.NAMES_FILE).write_text(json.dumps(record) + "\n")
    (tmp_path / "SOURCES.json").write_text("{}")
    monkeypatch.setenv(paths.ENVIRONMENT_VARIABLE, str(tmp_path))
    monkeypatch.setattr(ev, "trafilatura_main_text", lambda page: ARTICLE)
    monkeypatch.setattr(ev, "spacy_names", lambda text: [(0, 13, "PER")])
    results = ev.run(quick=True)
    text = results["main_text"]
    assert text["from_html"]["trafilatura"]["mean_f1"] == 1.0
    assert 0.8 < text["from_copy"]["no_cleaning"]["mean_precision"] < 1.0
    assert text["from_copy"]["no_cleaning"]["mean_recall"] == 1.0
    assert results["names"]["spacy"]["PER"]["exact"]["recall"] == 1.0
    assert results["names"]["sentences"] == 1
    assert len(ev.rows(results)) == 8


def test_a_page_the_extractor_fails_on_scores_zero_and_is_reported():
    pages = [ev.Page("good", b"", ARTICLE, ARTICLE), ev.Page("bad", b"", ARTICLE, "")]

    def extract(page):
        if page.name == "bad":
            raise ValueError("no article text")
        return page.copied

    figures = ev.main_text_figures(pages, extract, from_copy=True)
    assert figures["pages"]["good"]["f1"] == 1.0 and figures["pages"]["bad"]["f1"] == 0.0
    assert figures["failures"] == {"bad": "ValueError: no article text"}
    assert figures["mean_f1"] == 0.5


def test_a_missing_engine_is_not_measured_rather_than_scored_zero():
    def extract(page):
        raise ModuleNotFoundError("No module named 'drafting'")

    figures = ev._measured(
        lambda: ev.main_text_figures([ev.Page("p", b"", "x", "x")], extract, False)
    )
    assert figures == {"error": "ModuleNotFoundError: No module named 'drafting'"}
