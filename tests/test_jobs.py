"""Work on untrusted input runs in the server's worker processes, with limits: a job past a
limit ends with one line, keeps nothing, and the workers go on serving the next job."""

from __future__ import annotations

import threading

import pytest

from core import jobs
from core.archive import check_zip_job
from drafting.jobs import draft_job


# Jobs of these tests' own: what a hostile input does to a worker, without the input.
def spin(progress):
    while True:
        pass


def hoard(progress):
    return [bytearray(64 * 1024 * 1024) for _ in range(64)]


def nest(progress):
    def deeper(n):
        return deeper(n + 1) + 1

    return deeper(0)


def report(progress):
    progress("reading", "one line")
    return "done"


def pid(progress):
    import os

    return os.getpid()


def hold(event_file, progress):
    import pathlib
    import time

    while not pathlib.Path(event_file).exists():
        time.sleep(0.05)
    return "released"


@pytest.fixture(scope="module")
def pool():
    """One worker, tiny limits, no model: a job past a limit costs a second or two."""
    running = jobs.Pool(1, jobs.Limits(cpu_s=1, memory_mb=512, wall_s=60, max_waiting=3))
    yield running
    running.close()


def test_a_job_sends_its_progress_and_its_result(pool):
    lines = []
    assert pool.run(report, progress=lambda s, d: lines.append((s, d))) == "done"
    assert lines == [("reading", "one line")]


def test_a_job_past_its_cpu_time_ends_with_one_line_and_the_next_job_runs(pool):
    with pytest.raises(jobs.JobFailed) as caught:
        pool.run(spin, what="page")
    assert str(caught.value) == (
        "This page is too large or too complex to draft here: it needed more than 1 s of "
        "computing time."
    )
    assert caught.value.limit == "cpu"
    assert pool.run(report) == "done"  # a fresh worker took its place


def test_a_job_past_its_memory_ends_with_one_line(pool):
    with pytest.raises(jobs.JobFailed) as caught:
        pool.run(hoard, what="bundle")
    assert caught.value.limit == "memory"
    assert str(caught.value).startswith("This bundle is too large or too complex to check here:")
    assert pool.run(report) == "done"


def test_a_job_nested_too_deeply_ends_with_one_line(pool):
    with pytest.raises(jobs.JobFailed, match="nested too deeply"):
        pool.run(nest)


def test_a_job_past_its_wall_clock_time_is_stopped():
    slow = jobs.Pool(1, jobs.Limits(cpu_s=60, memory_mb=512, wall_s=2))
    try:
        with pytest.raises(jobs.JobFailed, match="it took longer than 2 s") as caught:
            slow.run(hold, "/nonexistent/never")
        assert caught.value.limit == "time"
    finally:
        slow.close()


def test_a_worker_serves_job_after_job(pool):
    """What a worker loaded (the language model) stays loaded for the next job."""
    assert pool.run(pid) == pool.run(pid)


def test_jobs_wait_their_turn_and_are_told_how_many_are_ahead(pool, tmp_path):
    release = tmp_path / "release"
    first_result: list[str] = []
    first = threading.Thread(target=lambda: first_result.append(pool.run(hold, str(release))))
    first.start()
    while pool.load()[0] == 0:  # until the first job runs
        threading.Event().wait(0.05)
    told: list[int] = []

    def waiting(ahead):
        told.append(ahead)
        release.touch()  # let the first one finish once this one has been told

    assert pool.run(report, waiting=waiting) == "done"
    first.join()
    assert first_result == ["released"] and told[0] == 1


def test_a_full_queue_turns_a_job_away_with_one_line():
    busy = jobs.Pool(1, jobs.Limits(max_waiting=0))
    try:
        with pytest.raises(jobs.JobFailed, match="The server is busy"):
            busy.run(report)
    finally:
        busy.close()


def test_drafting_refuses_an_empty_paste_and_checks_a_zip_in_a_worker(pool):
    with pytest.raises(jobs.JobFailed, match="The pasted text is empty"):
        pool.run(draft_job, ("text", "   "))
    with pytest.raises(jobs.JobFailed, match="not a zip archive"):
        pool.run(check_zip_job, b"<html><p>a page</p></html>")


def test_limits_come_from_the_environment():
    limits = jobs.Limits.from_environment(
        {"READING_ROOM_JOB_CPU_S": "5", "READING_ROOM_JOB_MEMORY_MB": "700"}
    )
    assert (limits.cpu_s, limits.memory_mb, limits.wall_s) == (5, 700, jobs.Limits().wall_s)
    wrong = jobs.Limits.from_environment(
        {"READING_ROOM_JOB_CPU_S": "lots", "READING_ROOM_JOB_WALL_S": "-1"}
    )
    assert (wrong.cpu_s, wrong.wall_s) == (jobs.Limits().cpu_s, jobs.Limits().wall_s)
