"""One writer per project: a second instance is refused (or opens read-only); stale locks are taken over."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from writer_app.core import process
from writer_app.core.errors import ProjectLockedError, ReadOnlyProjectError
from writer_app.core.lock import LockInfo, open_anyway_explanation, remove_lock
from writer_app.core.project import Project, loose_state_dir
from writer_app.core.storage import LOCK_FILE_NAME, ProjectLock


def _lock_as(folder: Path, pid: int, host: str | None = None, **fields: object) -> None:
    """Write the lock another instance (process ``pid``) would write; ``fields`` add or replace entries."""
    record: dict[str, object] = {"pid": pid, "host": host or socket.gethostname(), "user": "someone",
                                 "time": datetime.now(UTC).isoformat(timespec="seconds")}
    if host is None and process.process_start(pid) is not None:
        record.update(boot_id=process.boot_id(), process_start=process.process_start(pid))
    record.update(fields)
    (folder / LOCK_FILE_NAME).write_text(json.dumps(record))


@pytest.fixture
def other_process():
    """A live process that is not this one (stands in for a second writer-app instance)."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    yield child
    child.stdin.close()  # type: ignore[union-attr]
    child.wait(timeout=10)


def test_open_writes_a_lock_with_pid_and_host_and_close_removes_it(project_folder: Path) -> None:
    project = Project.open(project_folder)
    owner = json.loads((project_folder / LOCK_FILE_NAME).read_text())
    assert owner["pid"] == os.getpid() and owner["host"] == socket.gethostname() and owner["time"]
    project.close()
    assert not (project_folder / LOCK_FILE_NAME).exists()


def test_second_instance_is_refused_and_may_open_read_only(project_folder: Path, other_process) -> None:
    _lock_as(project_folder, other_process.pid)
    with pytest.raises(ProjectLockedError, match="already open in another writer-app window") as caught:
        Project.open(project_folder)
    assert caught.value.owner["pid"] == other_process.pid
    viewer = Project.open(project_folder, read_only=True)
    assert viewer.read_only
    assert viewer.read_chapter(viewer.chapters[0]) == "The ferry came in late.\n"
    with pytest.raises(ReadOnlyProjectError):
        viewer.write_chapter(viewer.chapters[0], "no")
    with pytest.raises(ReadOnlyProjectError):
        viewer.rename_chapter(viewer.chapters[0], "no")
    viewer.close()
    assert json.loads((project_folder / LOCK_FILE_NAME).read_text())["pid"] == other_process.pid


def test_stale_lock_of_a_dead_process_is_taken_over(project_folder: Path) -> None:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    _lock_as(project_folder, int(finished.stdout))
    with Project.open(project_folder) as project:
        assert not project.read_only
        assert json.loads((project_folder / LOCK_FILE_NAME).read_text())["pid"] == os.getpid()


def test_lock_from_another_host_is_respected(project_folder: Path) -> None:
    _lock_as(project_folder, 1, host="another-laptop.invalid")
    with pytest.raises(ProjectLockedError, match="another-laptop.invalid"):
        Project.open(project_folder)


def test_garbled_old_lock_file_is_treated_as_stale(project_folder: Path) -> None:
    lock_file = project_folder / LOCK_FILE_NAME
    lock_file.write_text("{not json")
    os.utime(lock_file, (0, 0))
    lock = ProjectLock(project_folder)
    lock.acquire()
    assert lock.held
    lock.release()
    assert not lock_file.exists()


def test_release_leaves_a_lock_that_another_process_took(project_folder: Path, other_process) -> None:
    lock = ProjectLock(project_folder)
    lock.acquire()
    _lock_as(project_folder, other_process.pid)
    lock.release()
    assert (project_folder / LOCK_FILE_NAME).exists()


def test_read_only_folder_opens_read_only(project_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: ProjectLock) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ProjectLock, "acquire", refuse)
    with Project.open(project_folder) as project:
        assert project.read_only
        with pytest.raises(ReadOnlyProjectError, match="cannot write to"):
            project.write_chapter(project.chapters[0], "x")


def test_loose_file_lock_lives_outside_the_writers_folder(tmp_path: Path, other_process) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("x")
    with Project.open(draft) as project:
        lock_files = list(Path(os.environ["XDG_DATA_HOME"]).rglob(LOCK_FILE_NAME))
        assert len(lock_files) == 1
        assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]
        _lock_as(lock_files[0].parent, other_process.pid)
        with pytest.raises(ProjectLockedError):
            Project.open(draft)
        assert project.is_loose_file


# -------------------------------------------------------------------------------------------------------------
# A pid is not an identity: reused pids, restarts, other computers, and locks writer-app cannot check.

linux_only = pytest.mark.skipif(process.process_start(os.getpid()) is None,
                                reason="process start times come from /proc (Linux)")


@linux_only
def test_open_records_the_boot_and_the_process_start_with_the_pid(project_folder: Path) -> None:
    with Project.open(project_folder):
        owner = json.loads((project_folder / LOCK_FILE_NAME).read_text())
    assert owner["boot_id"] == process.boot_id()
    assert owner["process_start"] == process.process_start(os.getpid())


@linux_only
def test_a_lock_whose_pid_now_belongs_to_another_program_is_taken_over(project_folder: Path, other_process) -> None:
    _lock_as(project_folder, other_process.pid, process_start="1")  # that pid started at another moment
    with Project.open(project_folder) as project:
        assert not project.read_only
        assert json.loads((project_folder / LOCK_FILE_NAME).read_text())["pid"] == os.getpid()


@linux_only
def test_an_old_lock_older_than_the_process_now_using_its_pid_is_taken_over(project_folder: Path,
                                                                          other_process) -> None:
    (project_folder / LOCK_FILE_NAME).write_text(json.dumps(  # the format before start times were recorded
        {"pid": other_process.pid, "host": socket.gethostname(), "user": "x", "time": "2026-01-01T00:00:00+00:00"}))
    info = ProjectLock(project_folder).info()
    assert info is not None and "belongs to another program" in info.stale_reason
    with Project.open(project_folder) as project:
        assert not project.read_only


@linux_only
def test_a_lock_from_before_a_restart_is_taken_over(project_folder: Path, other_process) -> None:
    _lock_as(project_folder, other_process.pid, boot_id="00000000-0000-0000-0000-000000000000")
    with Project.open(project_folder) as project:
        assert not project.read_only


def test_a_live_instance_on_this_computer_is_not_offered_open_anyway(project_folder: Path, other_process) -> None:
    _lock_as(project_folder, other_process.pid)
    with pytest.raises(ProjectLockedError) as caught:
        Project.open(project_folder)
    info = caught.value.info
    assert isinstance(info, LockInfo)
    assert not info.stale and not info.may_open_anyway and info.pid == other_process.pid


def test_a_lock_from_another_computer_offers_open_anyway_with_why(project_folder: Path) -> None:
    _lock_as(project_folder, 4242, host="another-laptop.invalid")
    with pytest.raises(ProjectLockedError, match="already open in writer-app on another-laptop.invalid") as caught:
        Project.open(project_folder)
    info = caught.value.info
    assert info.other_host and info.may_open_anyway and info.host == "another-laptop.invalid"
    assert info.pid == 4242 and info.started
    explanation = open_anyway_explanation(info)
    assert "another-laptop.invalid" in explanation and "open it anyway" in explanation
    assert remove_lock(info)
    with Project.open(project_folder) as project:
        assert not project.read_only


def test_an_old_lock_that_cannot_be_checked_here_still_reads_and_offers_open_anyway(
        project_folder: Path, other_process, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(process, "process_start", lambda pid: None)  # as on a system without /proc
    monkeypatch.setattr(process, "process_started_at", lambda pid: None)
    (project_folder / LOCK_FILE_NAME).write_text(json.dumps(
        {"pid": other_process.pid, "host": socket.gethostname(), "user": "x", "time": "2026-01-01T00:00:00+00:00"}))
    with pytest.raises(ProjectLockedError, match="already open in another writer-app window") as caught:
        Project.open(project_folder)
    assert caught.value.owner["pid"] == other_process.pid
    assert caught.value.info.may_open_anyway and str(other_process.pid) in caught.value.info.doubt


def test_open_anyway_leaves_a_lock_that_changed_since_the_writer_was_asked(project_folder: Path,
                                                                          other_process) -> None:
    _lock_as(project_folder, 4242, host="another-laptop.invalid")
    info = ProjectLock(project_folder).info()
    _lock_as(project_folder, other_process.pid)
    assert not remove_lock(info)
    assert json.loads((project_folder / LOCK_FILE_NAME).read_text())["pid"] == other_process.pid


def test_a_loose_files_lock_names_the_file_not_its_sidecar_folder(tmp_path: Path, other_process) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("x")
    sidecar = loose_state_dir(draft)
    sidecar.mkdir(parents=True)
    _lock_as(sidecar, other_process.pid)
    with pytest.raises(ProjectLockedError, match=r"^draft\.txt is already open"):
        Project.open(draft)


# -------------------------------------------------------------------------------------------------------------
# A full disk when opening: say so, leave no lock file.


def test_a_full_disk_when_opening_says_so_and_leaves_no_lock_file(project_folder: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    project = Project.open(project_folder)
    monkeypatch.undo()
    assert project.read_only
    assert "disk is full" in project.read_only_reason and "cannot write to" not in project.read_only_reason
    assert not (project_folder / LOCK_FILE_NAME).exists()
    with pytest.raises(ReadOnlyProjectError, match="disk is full"):
        project.write_chapter(project.chapters[0], "x")


def test_a_full_disk_when_opening_a_loose_file_leaves_no_sidecar_folder(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("x")

    def no_space(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    project = Project.open(draft)
    assert project.read_only and "disk is full" in project.read_only_reason
    assert not loose_state_dir(draft).exists()
