"""Each broken bundle: the validator names it and exits non-zero; the app shows the same
problems in its error panel, keeps serving the other articles, and reads nothing outside data/."""

from __future__ import annotations

import sys

import pytest
from streamlit.testing.v1 import AppTest

from components import data
from core import validate
from tests.broken_bundles import BROKEN, WARNED
from tests.helpers import ROOT, copy_mini

CASES = [(name, edit, expected) for name, edit, expected in BROKEN] + [
    (name, edit, ("?", None, field)) for name, edit, field in WARNED
]
_opened: list[str] = []


def _record_opens(event: str, args: tuple) -> None:
    if event == "open" and _opened is not None and isinstance(args[0], str):
        _opened.append(args[0])


sys.addaudithook(_record_opens)


def test_the_corpus_has_at_least_25_cases():
    assert len(CASES) >= 25


@pytest.fixture
def articles(tmp_path, monkeypatch):
    """A data folder with a good article and a broken one; returns the broken one's folder."""
    root = tmp_path / "data" / "articles"
    copy_mini(root, "good")
    monkeypatch.setattr(data, "ARTICLES_ROOT", root)
    return root, copy_mini(root, "broken")


@pytest.mark.parametrize(("case", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_validator_names_the_problem_and_fails(articles, capsys, case, edit, expected):
    root, broken = articles
    edit(broken)
    assert validate.main(["--root", str(root), "broken"]) == 1
    output = capsys.readouterr().out
    file, line, field = expected
    location = f"{file}:{line}" if line else file
    assert (location if file != "?" else "broken/") in output and field in output, output


@pytest.mark.parametrize(("case", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_app_shows_the_problem_and_still_serves_others(articles, case, edit, expected):
    root, broken = articles
    edit(broken)
    _opened.clear()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params["article"] = "broken"
    app.run()
    assert not app.exception
    page = "\n".join(element.proto.body for element in app.html)
    file, _, field = expected
    assert (file if file != "?" else "warning") in page and field.split()[0] in page
    outside = [path for path in _opened if "/data/articles/" in path and str(root) not in path]
    assert outside == [] and not any("outside-" in path for path in _opened)
    good = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    good.query_params["article"] = "good"
    good.run()
    assert not good.exception
    assert "A small test" in "\n".join(element.proto.body for element in good.html)
