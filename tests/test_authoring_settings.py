"""The authoring setting fails closed: who may prepare and publish, on any host."""

from __future__ import annotations

import pytest

from components import authoring
from components.authoring import OFF, SAVE, SESSION, decide

STRONG = "a long phrase only the teacher knows"


@pytest.mark.parametrize(
    ("environ", "secrets", "on_cloud", "loopback", "mode", "hosted"),
    [
        # On one's own computer, listening on it only: save, no passphrase needed.
        ({}, {}, False, True, SAVE, False),
        # Listening beyond the loopback address (Docker, another PaaS, a LAN): session.
        ({}, {}, False, False, SESSION, False),
        # Community Cloud, recognised by its mount: session.
        ({}, {}, True, True, SESSION, True),
        # The hosted flag: any value but 0/false/no/off means hosted.
        ({"READING_ROOM_HOSTED": "on"}, {}, False, True, SESSION, True),
        ({"READING_ROOM_HOSTED": "y"}, {}, False, True, SESSION, True),
        ({"READING_ROOM_HOSTED": "perhaps"}, {}, False, True, SESSION, True),
        ({"READING_ROOM_HOSTED": "0"}, {}, True, True, SAVE, False),
        ({"READING_ROOM_HOSTED": "off"}, {}, False, True, SAVE, False),
        # save asked for where others can reach the server, without a passphrase: session.
        ({"READING_ROOM_AUTHORING": "save"}, {}, False, False, SESSION, False),
        ({"READING_ROOM_AUTHORING": "save", "READING_ROOM_HOSTED": "1"}, {}, False, True,
         SESSION, True),
        # ... with a strong one: save, and the passphrase is asked for.
        ({"READING_ROOM_AUTHORING": "save"}, {"authoring_passphrase": STRONG}, True, False,
         SAVE, True),
        # off is off anywhere; an unknown mode falls back to the default of the place.
        ({"READING_ROOM_AUTHORING": "off"}, {}, False, True, OFF, False),
        ({"READING_ROOM_AUTHORING": "publish"}, {}, False, False, SESSION, False),
    ],
)  # fmt: skip
def test_the_mode_fails_closed(environ, secrets, on_cloud, loopback, mode, hosted):
    setting = decide(environ, secrets, on_cloud, loopback)
    assert (setting.mode, setting.hosted) == (mode, hosted)


def test_a_passphrase_that_is_set_is_always_required_even_on_ones_own_computer():
    setting = decide({}, {"authoring_passphrase": STRONG}, False, True)
    assert setting.mode == SAVE and setting.passphrase == STRONG
    from_environment = decide({"READING_ROOM_PASSPHRASE": STRONG}, {}, False, True)
    assert from_environment.passphrase == STRONG


@pytest.mark.parametrize("weak", ["open sesame", "x" * 15])
def test_a_weak_passphrase_is_refused_and_publishing_to_the_server_is_off(weak):
    setting = decide({"READING_ROOM_AUTHORING": "save"}, {"authoring_passphrase": weak}, True)
    assert setting.mode == SESSION
    assert f"{len(weak)} characters long; it needs 16 at least" in setting.note


class _Session(dict):
    """st.session_state for try_passphrase, outside a script run."""


@pytest.fixture
def session(monkeypatch):
    state = _Session()
    monkeypatch.setattr(authoring.st, "session_state", state)
    monkeypatch.setattr(authoring, "GUESSES", authoring._Guesses())
    return state


def test_each_wrong_passphrase_makes_the_next_guess_wait_longer_for_every_session(session):
    setting = decide({}, {"authoring_passphrase": STRONG}, False, True)
    waits: list[float] = []
    for guess in ("guess one", "guess two", "guess three", "guess four"):
        session.clear()  # another session each time: the count is the server's
        assert not authoring.try_passphrase(setting, guess, sleep=waits.append)
    assert waits == [0.0, 0.5, 1.0, 2.0]
    assert authoring.try_passphrase(setting, STRONG, sleep=waits.append)
    assert waits[-1] == 4.0 and authoring.GUESSES.failures == 0
    assert session[authoring.UNLOCKED] is True


def test_the_same_wrong_passphrase_kept_in_the_box_is_not_another_guess(session):
    setting = decide({}, {"authoring_passphrase": STRONG}, False, True)
    waits: list[float] = []
    for _ in range(3):  # three reruns with the same text in the box
        assert not authoring.try_passphrase(setting, "wrong", sleep=waits.append)
    assert waits == [0.0] and authoring.GUESSES.failures == 1


def test_the_wait_stops_growing_at_its_ceiling():
    guesses = authoring._Guesses()
    guesses.failures = 40
    assert guesses.delay() == authoring.MAX_DELAY_S


@pytest.mark.parametrize(
    ("environ", "on_cloud", "loopback", "lists"),
    [({}, False, True, True), ({}, False, False, False), ({}, True, True, False),
     ({"READING_ROOM_HOSTED": "1"}, False, True, False)],
)  # fmt: skip
def test_saved_drafts_are_listed_only_where_no_one_else_can_reach_the_server(
    environ, on_cloud, loopback, lists
):
    assert decide(environ, {}, on_cloud, loopback).lists_drafts is lists
