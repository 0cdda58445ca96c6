"""Temp files of interrupted saves are cleaned wherever writer-app writes, and only writer-app's own."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.conftest import write_manifest
from writer_app.core.process import host_tag
from writer_app.core.project import Project, loose_state_dir
from writer_app.core.storage import RecoveryJournal
from writer_app.core.tempfiles import remove_stale_temp_files, remove_stale_temp_files_in_app_folders
from writer_app.settings import data_dir

LONG_AGO = time.time() - 3600


@pytest.fixture(scope="module")
def dead_pid() -> int:
    """The id of a process that has finished."""
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    return int(finished.stdout)


@pytest.fixture
def live_pid():
    """The id of a running process that is not this one (another writer-app instance saving right now)."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    yield child.pid
    child.stdin.close()  # type: ignore[union-attr]
    child.wait(timeout=10)


def ours(pid: int, target: str, host: str | None = None) -> str:
    """A temp file name writer-app gives when process ``pid`` saves ``target``."""
    return f".writer-app-{host or host_tag()}-{pid}-k2j4h1x9.{target}.tmp"


def touch(folder: Path, name: str, old: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("half a save")
    if old:
        os.utime(path, (LONG_AGO, LONG_AGO))
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_clean_up_removes_temps_of_dead_writers_and_old_ones_and_nothing_else(
        tmp_path: Path, dead_pid: int, live_pid: int) -> None:
    touch(tmp_path, ours(dead_pid, "chapter.md"))  # its writer died: stale however fresh
    touch(tmp_path, ours(live_pid, "other.md"), old=True)  # not written for an hour: stale (a reused pid)
    touch(tmp_path, ours(dead_pid, "far.md", host="0badf00d"), old=True)  # another computer's, long abandoned
    kept = [
        touch(tmp_path, ours(live_pid, "chapter.md")).name,  # another live instance is writing it now
        touch(tmp_path, ours(dead_pid, "far.md", host="0badf00d")).name,  # another computer's, fresh
        touch(tmp_path, ".notes.txt.k2j4h1x9.tmp", old=True).name,  # another program's, same old-style shape
        touch(tmp_path, "notes.tmp", old=True).name,
        touch(tmp_path, ".writer-app.lock", old=True).name,
    ]
    remove_stale_temp_files(tmp_path)
    assert names(tmp_path) == sorted(kept)


def test_old_style_temps_go_only_for_targets_the_caller_proves_are_its_own(tmp_path: Path) -> None:
    touch(tmp_path, ".chapter.md.k2j4h1x9.tmp", old=True)
    touch(tmp_path, ".notes.txt.k2j4h1x9.tmp", old=True)
    touch(tmp_path, ".chapter.md.fresh123.tmp")  # could be an older writer-app saving right now
    remove_stale_temp_files(tmp_path, legacy={"chapter.md"}.__contains__)
    assert names(tmp_path) == [".chapter.md.fresh123.tmp", ".notes.txt.k2j4h1x9.tmp"]


def test_opening_a_loose_file_removes_the_temps_its_interrupted_saves_left(tmp_path: Path, dead_pid: int) -> None:
    draft = tmp_path / "novel.txt"
    draft.write_text("Whole.\n")
    for number in range(41):
        touch(tmp_path, f".novel.txt.{number:08d}.tmp", old=True)
    touch(tmp_path, ours(dead_pid, "novel.txt"))
    touch(tmp_path, ".letter.txt.k2j4h1x9.tmp", old=True)  # not provably writer-app's: left alone
    sidecar = loose_state_dir(draft)
    touch(sidecar, ".state.json.k2j4h1x9.tmp")
    touch(sidecar / "backups", ours(dead_pid, "backup-20260101-000000-000000.zip"))
    with Project.open(draft):
        assert names(tmp_path) == [".letter.txt.k2j4h1x9.tmp", "novel.txt"]
        assert not [p for p in sidecar.rglob("*.tmp")]


def test_opening_a_project_removes_temps_in_its_folders_and_its_journal(tmp_path: Path, dead_pid: int) -> None:
    folder = tmp_path / "Harbour"
    write_manifest(folder)
    touch(folder, ".project.json.k2j4h1x9.tmp")
    touch(folder / "chapters", ".one.md.k2j4h1x9.tmp")
    touch(folder / "chapters", ours(dead_pid, "two.md"))
    touch(folder / "backups", ".backup-20260101-000000-000000.zip.k2j4h1x9.tmp")
    journal = RecoveryJournal(folder)
    for number in range(145):
        touch(journal.folder, f".one-a1b2c3d4.journal.{number:08d}.tmp")
    touch(journal.folder, ours(dead_pid, "one-a1b2c3d4.journal"))
    with Project.open(folder):
        assert not [p for p in folder.rglob("*.tmp")]
        assert not [p for p in journal.folder.rglob("*.tmp")]


def test_a_read_only_viewer_cleans_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "Harbour"
    write_manifest(folder)
    temp = touch(folder / "chapters", ".one.md.k2j4h1x9.tmp")
    Project.open(folder, read_only=True).close()
    assert temp.exists()


def test_start_up_clears_stale_temps_from_every_journal_and_settings_folder(
        dead_pid: int, live_pid: int) -> None:
    recovery = data_dir() / "recovery"
    touch(recovery / "aaaa", ".one-a1b2c3d4.journal.k2j4h1x9.tmp", old=True)
    touch(recovery / "bbbb", ours(dead_pid, "two-a1b2c3d4.journal"))
    writing_now = touch(recovery / "cccc", ours(live_pid, "three-a1b2c3d4.journal"))
    touch(data_dir(), ".personal-words.txt.k2j4h1x9.tmp", old=True)
    settings_temp = touch(Path(os.environ["XDG_CONFIG_HOME"]) / "writer-app", ours(dead_pid, "settings.json"))
    removed = remove_stale_temp_files_in_app_folders()
    assert len(removed) == 4
    assert writing_now.exists() and not settings_temp.exists()
    assert [p.name for p in data_dir().rglob("*.tmp")] == [writing_now.name]
