"""Bundles held in sessions are bounded by bytes, and what is built from them stays out of the
shared render caches, in one cache bounded by bytes."""

from __future__ import annotations

import pytest

from components import data, library
from core.bundle import load_bundle
from core.state import ViewState
from tests.helpers import ARTICLES, FIXTURES

SLUG = "iran-russia-suspicious-bind"


@pytest.fixture
def session(monkeypatch):
    state: dict = {}
    monkeypatch.setattr(library.st, "session_state", state)
    return state


def _files(folder) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


def test_a_session_holds_its_newest_bundles_within_its_bytes(session, monkeypatch):
    mini = _files(FIXTURES / "mini")
    size = sum(map(len, mini.values()))
    monkeypatch.setattr(library, "MAX_SESSION_BYTES", int(size * 2.5))
    for name in ("one", "two", "three"):
        library.hold(name, mini)
    assert library.slugs() == ["two", "three"]


def test_a_bundle_larger_than_a_session_may_hold_is_refused(session, monkeypatch):
    monkeypatch.setattr(library, "MAX_SESSION_BYTES", 100)
    with pytest.raises(library.HoldRefused, match="a bundle opened here can be"):
        library.hold("mini", _files(FIXTURES / "mini"))
    assert library.slugs() == []


def test_the_server_refuses_a_new_bundle_past_its_total_and_keeps_the_session_s(
    session, monkeypatch
):
    mini = _files(FIXTURES / "mini")
    library.hold("kept", mini)
    monkeypatch.setattr(library, "MAX_SERVER_BYTES", sum(map(len, mini.values())) + 10)
    with pytest.raises(library.HoldRefused, match="as many opened bundles as it can"):
        library.hold("another", mini)
    assert library.slugs() == ["kept"]


def test_a_held_bundles_renders_go_to_the_bytes_bounded_cache(session, monkeypatch):
    bounded = data._BytesBoundedCache(budget=400_000)
    monkeypatch.setattr(data, "_HELD_BUILT", bounded)
    library.hold(SLUG, _files(ARTICLES / SLUG))
    held = data.bundle(SLUG)
    on_disk = load_bundle(ARTICLES, SLUG)
    assert held is not on_disk and held.paragraphs == on_disk.paragraphs
    for paragraph in range(1, 12):
        html = data.reader(held, ViewState(article=SLUG, paragraph=paragraph))
        assert "Suspicious" in str(data.header(held)) and html
        assert bounded.used <= bounded.budget
    assert bounded.used > 0 and len(bounded._entries) < 11  # the oldest views went


def test_a_value_is_never_found_for_a_later_object_with_the_same_id():
    cache = data._BytesBoundedCache(budget=10_000)

    class Owner:
        pass

    def build(owner, n):
        return f"built for {id(owner)} {n}"

    first = Owner()
    assert cache.get(build, first, (1,)) == f"built for {id(first)} 1"
    assert cache.get(build, first, (1,)) is cache.get(build, first, (1,))
    stale = {key[1] for key in cache._entries}
    del first
    second = Owner()
    if id(second) in stale:  # CPython reuses the address: the weak reference tells them apart
        assert cache.get(build, second, (1,)) == f"built for {id(second)} 1"


@pytest.mark.parametrize(
    ("value", "at_least"),
    [("x" * 1000, 1000), (b"y" * 500, 500), (["a" * 100] * 10, 1000), ({"k": "v" * 300}, 300)],
)
def test_sizes_are_estimated_from_what_values_hold(value, at_least):
    assert at_least <= data.approx_size(value) <= at_least * 2 + 200
