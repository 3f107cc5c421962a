"""Publishing a bundle: two teachers at once, a crash at any step, a full disk. Afterwards the
old or the new bundle is whole and in place, never neither, never half of one; a replaced
version is kept as a backup; a staging leftover is never listed as an article."""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from core import publish
from core.bundle import list_articles, load_bundle
from core.publish import BACKUPS_FOLDER, PublishError, write_bundle
from tests.helpers import FIXTURES, ROOT

MINI = {path.name: path.read_bytes() for path in sorted((FIXTURES / "mini").iterdir())}


def version(number: int) -> dict[str, bytes]:
    """The fixture bundle, told apart by its questions file."""
    return {**MINI, "questions.md": f"## Version {number}?\n".encode()}


def on_disk(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def versions_kept(into: Path, slug: str) -> list[dict[str, bytes]]:
    """The bundle in place, then every backup of it."""
    backups = (
        sorted((into / BACKUPS_FOLDER).glob(f"{slug}-*"))
        if (into / BACKUPS_FOLDER).exists()
        else []
    )
    return [on_disk(into / slug), *(on_disk(backup) for backup in backups)]


def assert_whole(into: Path, slug: str, *expected: dict[str, bytes]) -> None:
    """One of `expected` is in place, opens, and is the only article listed."""
    assert list_articles(into) == [slug]
    assert on_disk(into / slug) in expected
    load_bundle(into, slug)


def staging_leftovers(into: Path) -> list[str]:
    return [p.name for p in into.iterdir() if p.name.startswith(publish.STAGING_PREFIX)]


def test_a_replace_keeps_every_previous_version_as_a_backup(tmp_path):
    for number in range(4):
        write_bundle(version(number), tmp_path, "mini", replace=number > 0)
    assert versions_kept(tmp_path, "mini") == [version(3), version(0), version(1), version(2)]
    assert list_articles(tmp_path) == ["mini"] and staging_leftovers(tmp_path) == []


def test_without_replace_an_existing_bundle_is_never_touched(tmp_path):
    write_bundle(version(0), tmp_path, "mini")
    with pytest.raises(PublishError, match="already exists: choose another name, or replace"):
        write_bundle(version(1), tmp_path, "mini")
    assert versions_kept(tmp_path, "mini") == [version(0)] and staging_leftovers(tmp_path) == []


def test_the_atomic_swap_is_used_where_the_system_has_one():
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        assert publish._SWAP is not None


# --- two teachers at once ----------------------------------------------------------------------

WRITERS = 6


def _publish_at_once(into: Path, start: threading.Barrier, number: int, replace: bool) -> str:
    start.wait()
    try:
        write_bundle(version(number), into, "mini", replace=replace)
    except PublishError as error:
        return str(error)
    return "published"


def _in_process(into, start, number, replace, results) -> None:
    results.put((number, _publish_at_once(Path(into), start, number, replace)))


def _run_threads(into: Path, replace: bool) -> dict[int, str]:
    start, results = threading.Barrier(WRITERS), {}

    def run(number):
        results[number] = _publish_at_once(into, start, number, replace)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(1, WRITERS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _run_processes(into: Path, replace: bool) -> dict[int, str]:
    context = multiprocessing.get_context("fork")  # the children only write files
    start, queue = context.Barrier(WRITERS), context.Queue()
    processes = [
        context.Process(target=_in_process, args=(str(into), start, n, replace, queue))
        for n in range(1, WRITERS + 1)
    ]
    for process in processes:
        process.start()
    results = dict(queue.get(timeout=120) for _ in processes)
    for process in processes:
        process.join(timeout=60)
    return results


@pytest.mark.parametrize("run", [_run_threads, _run_processes], ids=["threads", "processes"])
def test_two_teachers_publishing_one_new_name_at_once_one_wins(tmp_path, run):
    results = run(tmp_path, False)
    winners = [n for n, outcome in results.items() if outcome == "published"]
    assert len(winners) == 1, results
    for number, outcome in results.items():
        if number not in winners:
            assert "already exists: choose another name" in outcome and "\n" not in outcome
    assert_whole(tmp_path, "mini", version(winners[0]))
    assert staging_leftovers(tmp_path) == [] and not (tmp_path / BACKUPS_FOLDER).exists()


@pytest.mark.parametrize("run", [_run_threads, _run_processes], ids=["threads", "processes"])
def test_teachers_replacing_at_once_lose_no_version(tmp_path, run):
    write_bundle(version(0), tmp_path, "mini")
    results = run(tmp_path, True)
    assert set(results.values()) == {"published"}, results
    kept = versions_kept(tmp_path, "mini")
    assert sorted(kept, key=lambda files: files["questions.md"]) == [
        version(n) for n in range(WRITERS + 1)
    ]
    assert_whole(tmp_path, "mini", *(version(n) for n in range(1, WRITERS + 1)))
    assert staging_leftovers(tmp_path) == []


# --- a crash mid-publish -----------------------------------------------------------------------


class Crash(Exception):
    pass


def _crash_on_call(monkeypatch, owner, name: str, call: int, after: bool = False) -> None:
    """Make the `call`-th call of owner.name raise Crash (before or after doing its work)."""
    real, calls = getattr(owner, name), []

    def crashing(*args, **kwargs):
        calls.append(1)
        if len(calls) == call and not after:
            raise Crash(name)
        result = real(*args, **kwargs)
        if len(calls) == call and after:
            raise Crash(name)
        return result

    monkeypatch.setattr(owner, name, crashing)


@pytest.mark.parametrize(
    ("owner", "name", "call", "after", "in_place"),
    [(os, "fsync", 3, False, 0), (publish, "_validate", 1, False, 0),
     (publish, "swap_folders", 1, False, 0), (publish, "_into_backups", 1, False, 0),
     (publish, "_into_backups", 1, True, 1)],
    ids=["staging", "checking", "before-swap", "before-backup", "after-backup"],
)  # fmt: skip
def test_an_exception_at_any_step_leaves_a_whole_bundle_in_place(
    tmp_path, monkeypatch, owner, name, call, after, in_place
):
    write_bundle(version(0), tmp_path, "mini")
    _crash_on_call(monkeypatch, owner, name, call, after)
    with pytest.raises(Crash):
        write_bundle(version(1), tmp_path, "mini", replace=True)
    monkeypatch.undo()
    assert_whole(tmp_path, "mini", version(in_place))
    assert versions_kept(tmp_path, "mini") == [version(1), version(0)][1 - in_place :]
    assert staging_leftovers(tmp_path) == []


@pytest.mark.parametrize("step", [1, 2], ids=["moving-the-old-away", "moving-the-new-in"])
def test_without_an_atomic_swap_a_failed_rename_puts_the_old_bundle_back(
    tmp_path, monkeypatch, step
):
    write_bundle(version(0), tmp_path, "mini")
    monkeypatch.setattr(publish, "swap_folders", lambda first, second: False)
    real_rename = os.rename
    renames = []

    def failing_rename(source, destination):
        renames.append(1)
        if len(renames) == step:
            raise OSError(errno.EIO, "Input/output error")
        return real_rename(source, destination)

    monkeypatch.setattr(os, "rename", failing_rename)
    with pytest.raises(PublishError, match="Input/output error"):
        write_bundle(version(1), tmp_path, "mini", replace=True)
    monkeypatch.undo()
    assert versions_kept(tmp_path, "mini") == [version(0)]
    assert_whole(tmp_path, "mini", version(0))
    assert staging_leftovers(tmp_path) == []


# A publish in its own process that kills itself (SIGKILL: no cleanup of any kind runs) at one
# step; the kill points are the calls of publish's own functions.
KILLED_CHILD = """
import os, signal, sys
from pathlib import Path
from core import publish

into, point = Path(sys.argv[1]), sys.argv[2]
files = {p.name: p.read_bytes() for p in sorted(Path(sys.argv[3]).iterdir())}
files["questions.md"] = b"## Version 1?\\n"

def kill_around(owner, name, after, call=1):
    real, calls = getattr(owner, name), []
    def wrapped(*args, **kwargs):
        calls.append(1)
        if len(calls) == call and not after:
            os.kill(os.getpid(), signal.SIGKILL)
        result = real(*args, **kwargs)
        if len(calls) == call and after:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    setattr(owner, name, wrapped)

owner, name, after, call = {
    "staging": (os, "fsync", False, 3),
    "checked": (publish, "_validate", True, 1),
    "swapped": (publish, "swap_folders", True, 1),
    "backed-up": (publish, "_into_backups", True, 1),
}[point]
kill_around(owner, name, after, call)
publish.write_bundle(files, into, "mini", replace=True)
"""


@pytest.mark.parametrize("point", ["staging", "checked", "swapped", "backed-up"])
def test_a_publish_killed_at_any_step_leaves_the_old_or_the_new_bundle_whole(tmp_path, point):
    write_bundle(version(0), tmp_path, "mini")
    child = subprocess.run(
        [sys.executable, "-c", KILLED_CHILD, str(tmp_path), point, str(FIXTURES / "mini")],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    assert_whole(tmp_path, "mini", version(0), version(1))
    expected_in_place = version(0) if point in ("staging", "checked") else version(1)
    assert on_disk(tmp_path / "mini") == expected_in_place
    # Whatever the moment, the previous version is somewhere: in place, backed up, or (killed
    # between the swap and the backup) in the hidden staging folder, which is never listed.
    leftovers = [tmp_path / name / "mini" for name in staging_leftovers(tmp_path)]
    everything = [*versions_kept(tmp_path, "mini"), *(on_disk(p) for p in leftovers if p.is_dir())]
    assert version(0) in everything
    assert list_articles(tmp_path) == ["mini"]


# --- a full disk -------------------------------------------------------------------------------


def test_a_full_disk_while_writing_says_so_and_keeps_the_previous_bundle(tmp_path, monkeypatch):
    write_bundle(version(0), tmp_path, "mini")

    def disk_full(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(PublishError) as caught:
        write_bundle(version(1), tmp_path, "mini", replace=True)
    assert str(caught.value) == "Cannot write the bundle: the disk is full; nothing was changed."
    monkeypatch.undo()
    assert versions_kept(tmp_path, "mini") == [version(0)]
    assert staging_leftovers(tmp_path) == []


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 256 KB file system (tmpfs), where the machine allows mounting one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True)  # fmt: skip
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_really_full_disk_says_so_and_keeps_the_previous_bundle(tiny_disk):
    write_bundle(version(0), tiny_disk, "mini")
    big = {**version(1), "source.txt": MINI["source.txt"] + b"x" * 400_000 + b"\n"}
    with pytest.raises(PublishError, match="the disk is full; nothing was changed"):
        write_bundle(big, tiny_disk, "mini", replace=True)
    assert versions_kept(tiny_disk, "mini") == [version(0)]
    assert staging_leftovers(tiny_disk) == []
