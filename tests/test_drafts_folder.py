"""The drafts folder is bounded by bytes: per draft, per session, in total, and by age; it
never evicts another teacher's recent draft to make room."""

from __future__ import annotations

import dataclasses
import os
import time

import pytest

from components.prepare import store
from drafting import review

MB = 1024 * 1024


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "DRAFTS_ROOT", tmp_path / "drafts")
    return tmp_path / "drafts"


@pytest.fixture
def work(seed_page_and_draft):
    page, draft = seed_page_and_draft
    return review.begin(page, draft, "pasted text")


def _with_original(work, size: int):
    draft = dataclasses.replace(work.draft, original_html="<p>x</p>" * (size // 8))
    return dataclasses.replace(work, draft=draft)


def _token(n: int) -> str:
    return f"{n:022d}"


def test_a_large_original_page_is_kept_out_of_the_autosave(drafts, work):
    large = _with_original(work, 3 * MB)  # a 59 KB zip can hold a page this large
    store.save(_token(1), large)
    saved = store.load(_token(1))
    assert saved.draft.original_html is None
    assert (drafts / f"{_token(1)}.json").stat().st_size < MB
    small = _with_original(work, 100_000)
    store.save(_token(2), small)
    assert store.load(_token(2)).draft.original_html == small.draft.original_html


def test_a_session_makes_room_from_its_own_oldest_drafts_only(drafts, work, monkeypatch):
    one = len(review.to_json(work).encode())
    monkeypatch.setattr(store, "MAX_SESSION_BYTES", int(one * 2.5))
    store.save(_token(99), work)  # another teacher's
    mine: list[str] = []
    for n in range(1, 5):
        store.save(_token(n), work, mine)
        mine.append(_token(n))
    kept = sorted(path.stem for path in drafts.glob("*.json"))
    assert kept == [_token(3), _token(4), _token(99)]


def test_a_full_folder_refuses_a_new_draft_and_keeps_the_others(drafts, work, monkeypatch):
    one = len(review.to_json(work).encode())
    monkeypatch.setattr(store, "MAX_FOLDER_BYTES", int(one * 2.5))
    store.save(_token(1), work)
    store.save(_token(2), work)
    with pytest.raises(store.NotSaved, match="the drafts folder is full"):
        store.save(_token(3), work)
    store.save(_token(2), work)  # saving one already there again still fits
    assert sorted(p.stem for p in drafts.glob("*.json")) == [_token(1), _token(2)]


def test_a_draft_over_the_cap_is_not_saved(drafts, work, monkeypatch):
    monkeypatch.setattr(store, "MAX_DRAFT_BYTES", 1000)
    with pytest.raises(store.NotSaved, match="a draft can be"):
        store.save(_token(1), work)
    assert not list(drafts.glob("*.json"))


def test_drafts_untouched_for_weeks_are_removed(drafts, work):
    store.save(_token(1), work)
    weeks_ago = time.time() - (store.MAX_AGE_DAYS + 1) * 24 * 3600
    os.utime(drafts / f"{_token(1)}.json", (weeks_ago, weeks_ago))
    store.save(_token(2), work)
    assert [p.stem for p in drafts.glob("*.json")] == [_token(2)]


def test_an_unreadable_draft_names_no_server_path(drafts, work):
    store.save(_token(1), work)
    (drafts / f"{_token(1)}.json").chmod(0)
    (drafts / f"{_token(1)}.json").unlink()
    (drafts / f"{_token(1)}.json").mkdir()  # reading a folder fails with an OSError
    with pytest.raises(store.DraftError) as caught:
        store.load(_token(1))
    assert str(drafts) not in str(caught.value) and "/" not in str(caught.value)


def test_the_listing_reads_only_the_newest_drafts(drafts, work, monkeypatch):
    now = time.time()
    for n in range(5):
        store.save(_token(n), work)
        os.utime(drafts / f"{_token(n)}.json", (now - 100 + n, now - 100 + n))
    read = []
    real = store.from_json
    monkeypatch.setattr(store, "from_json", lambda text: read.append(1) or real(text))
    listed = store.listing(2)
    assert [d.token for d in listed] == [_token(4), _token(3)] and len(read) == 2


def test_a_zip_whose_original_page_is_large_is_reviewed_without_it():
    from components.prepare.bundles import _without_a_large_original

    files = {"article.md": b"x", "original.html": b"<p>" * (store.MAX_ORIGINAL_BYTES // 3 + 1)}
    assert "original.html" not in _without_a_large_original(files)
    small = {"article.md": b"x", "original.html": b"<p>page</p>"}
    assert _without_a_large_original(small) == small
