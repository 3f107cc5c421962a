"""Hypothesis profiles: a quick one for `make test`, a long one for `make fuzz`."""

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import ROOT

settings.register_profile("quick", max_examples=150, deadline=None)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture(scope="session")
def seed_page_text() -> str:
    """The bundled article's captured page text, as a browser copy gives it."""
    return (ROOT / "data" / "articles" / "iran-russia-suspicious-bind" / "source.txt").read_text()


@pytest.fixture(scope="session")
def seed_page_and_draft(seed_page_text):
    """The bundled page's text split and drafted once per test run (no publication date)."""
    from drafting.draft import draft_page
    from drafting.page import split_page
    from drafting.source import source_from_text

    page = split_page(source_from_text(seed_page_text))
    return page, draft_page(page)
