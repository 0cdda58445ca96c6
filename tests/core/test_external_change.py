"""A chapter changed on disk by another program is noticed, not overwritten."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from writer_app.core.errors import ExternalChangeError


def test_write_refuses_when_the_file_changed_since_it_was_read(open_project, project_folder: Path) -> None:
    project = open_project()
    chapter = project.chapters[0]
    project.read_chapter(chapter)
    (project_folder / "chapters" / "one.md").write_text("Edited in another editor.\n")
    with pytest.raises(ExternalChangeError, match="one.md was changed by another program") as caught:
        project.write_chapter(chapter, "My unsaved text.\n")
    assert caught.value.path == project_folder / "chapters" / "one.md"
    assert (project_folder / "chapters" / "one.md").read_text() == "Edited in another editor.\n"
    assert project.changed_on_disk() == [chapter]


def test_force_overwrites_after_the_writer_decides(open_project, project_folder: Path) -> None:
    project = open_project()
    chapter = project.chapters[0]
    project.read_chapter(chapter)
    (project_folder / "chapters" / "one.md").write_text("Other.\n")
    project.write_chapter(chapter, "Mine.\n", force=True)
    assert (project_folder / "chapters" / "one.md").read_text() == "Mine.\n"
    assert project.changed_on_disk() == []
    project.write_chapter(chapter, "Mine again.\n")  # the new baseline is our own write


def test_own_writes_are_not_external_changes(open_project) -> None:
    project = open_project()
    chapter = project.chapters[0]
    project.read_chapter(chapter)
    for n in range(3):
        project.write_chapter(chapter, f"Version {n}\n")
    assert project.changed_on_disk() == []


def test_touch_without_content_change_is_not_a_change(open_project, project_folder: Path) -> None:
    project = open_project()
    chapter = project.chapters[1]
    project.read_chapter(chapter)
    path = project_folder / "chapters" / "two.md"
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert project.changed_on_disk() == []
    project.write_chapter(chapter, "Fine.\n")


def test_deleted_file_is_reported_and_not_silently_recreated(open_project, project_folder: Path) -> None:
    project = open_project()
    chapter = project.chapters[1]
    project.read_chapter(chapter)
    (project_folder / "chapters" / "two.md").unlink()
    assert project.changed_on_disk() == [chapter]
    with pytest.raises(ExternalChangeError, match="deleted or moved"):
        project.write_chapter(chapter, "Text.\n")


def test_rereading_accepts_the_disk_version(open_project, project_folder: Path) -> None:
    project = open_project()
    chapter = project.chapters[0]
    project.read_chapter(chapter)
    (project_folder / "chapters" / "one.md").write_text("Theirs, which is longer.\n")
    assert project.read_chapter(chapter) == "Theirs, which is longer.\n"
    assert project.changed_on_disk() == []
    project.write_chapter(chapter, "Merged.\n")


def test_manifest_edited_elsewhere_is_not_overwritten(open_project, project_folder: Path) -> None:
    import json

    project = open_project()
    project.rename_chapter(project.chapters[0], "Mine")  # our own saves are not "outside changes"
    manifest = project_folder / "project.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["title"] = "Pulled from git"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert project.manifest_changed_on_disk()
    with pytest.raises(ExternalChangeError, match="project.json"):
        project.rename_chapter(project.chapters[0], "Mine again")
    assert json.loads(manifest.read_text(encoding="utf-8"))["title"] == "Pulled from git"
    project.save_manifest(force=True)  # the writer chose to keep theirs
    assert not project.manifest_changed_on_disk()
    project.rename_chapter(project.chapters[0], "Third")
