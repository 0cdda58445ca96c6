"""Rotating zip backups: a snapshot of project.json and chapters, skipped when nothing changed."""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path

import pytest

from writer_app.core import storage
from writer_app.core.errors import SaveError
from writer_app.core.storage import BackupManager


def test_snapshot_contains_manifest_and_chapters(open_project, project_folder: Path) -> None:
    project = open_project()
    backup = project.backup_manager().snapshot()
    assert backup is not None and backup.parent == project_folder / "backups"
    with zipfile.ZipFile(backup) as archive:
        assert sorted(archive.namelist()) == ["chapters/one.md", "chapters/two.md", "project.json"]
        assert archive.read("chapters/one.md") == b"The ferry came in late.\n"


def test_unchanged_project_is_not_backed_up_twice(open_project) -> None:
    project = open_project()
    manager = project.backup_manager()
    assert manager.snapshot() is not None
    assert manager.snapshot() is None
    project.write_chapter(project.chapters[0], "Changed.\n")
    assert manager.snapshot() is not None
    assert len(manager.backups()) == 2


def test_only_the_newest_backups_are_kept(open_project) -> None:
    project = open_project()
    manager = project.backup_manager(keep=3)
    for n in range(6):
        project.write_chapter(project.chapters[0], f"Version {n}\n")
        manager.snapshot()
    kept = manager.backups()
    assert len(kept) == 3
    with zipfile.ZipFile(kept[-1]) as archive:
        assert archive.read("chapters/one.md") == b"Version 5\n"
    with zipfile.ZipFile(kept[0]) as archive:
        assert archive.read("chapters/one.md") == b"Version 3\n"


def test_trashed_chapters_are_backed_up_too(open_project) -> None:
    project = open_project()
    project.delete_chapter(project.chapters[1])
    backup = project.backup_manager().snapshot()
    with zipfile.ZipFile(backup) as archive:
        assert "chapters/two.md" in archive.namelist()


def test_loose_file_backups_stay_out_of_the_writers_folder(tmp_path: Path) -> None:
    from writer_app.core.project import Project

    draft = tmp_path / "draft.txt"
    draft.write_text("hello")
    with Project.open(draft) as project:
        backup = project.backup_manager().snapshot()
    assert backup is not None and not backup.is_relative_to(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]


def test_explicit_file_list_and_folder(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("a")
    manager = BackupManager([(source, "a.txt")], folder=tmp_path / "bk", keep=2)
    assert manager.snapshot() is not None
    assert manager.snapshot() is None


def test_a_backup_that_fails_on_a_full_disk_says_so_and_claims_no_previous_version(
        open_project, project_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = open_project()

    def no_space(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_write_all", no_space)
    with pytest.raises(SaveError) as caught:
        project.backup_manager().snapshot()
    message = str(caught.value)
    assert message.startswith("The disk is full, so backup-") and "previous version" not in message
    assert not [p for p in (project_folder / "backups").iterdir()]
