"""Chapter operations keep project.json and the chapter files consistent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from writer_app.core import storage
from writer_app.core.errors import ProjectError, SaveError
from writer_app.core.project import Project


def _manifest_titles(folder: Path) -> list[str]:
    return [c["title"] for c in json.loads((folder / "project.json").read_text())["chapters"]]


def _reopened(folder: Path) -> Project:
    project = Project.open(folder, read_only=True)
    return project


def test_add_chapter_appends_or_inserts_and_saves(open_project, project_folder: Path) -> None:
    project = open_project()
    last = project.add_chapter("Calm", "After the storm.\n")
    first = project.add_chapter("Before", index=0)
    assert [c.title for c in project.chapters] == ["Before", "Arrival", "Storm", "Calm"]
    assert _manifest_titles(project_folder) == ["Before", "Arrival", "Storm", "Calm"]
    assert project.chapter_path(last).read_text() == "After the storm.\n"
    assert project.chapter_path(first).read_text() == ""
    assert first.id != last.id and first.file != last.file


def test_rename_chapter(open_project, project_folder: Path) -> None:
    project = open_project()
    project.rename_chapter(project.chapters[1], "The Storm Breaks")
    assert _manifest_titles(project_folder) == ["Arrival", "The Storm Breaks"]


def test_delete_is_recoverable_and_keeps_the_file(open_project, project_folder: Path) -> None:
    project = open_project()
    gone = project.chapters[0]
    entry = project.delete_chapter(gone)
    assert [c.title for c in project.chapters] == ["Storm"]
    assert (project_folder / "chapters" / "one.md").exists()
    assert entry.index == 0 and [t.chapter.id for t in project.trash] == ["one"]
    assert json.loads((project_folder / "project.json").read_text())["trash"][0]["id"] == "one"
    restored = project.restore_chapter("one")
    assert restored is gone
    assert [c.title for c in project.chapters] == ["Arrival", "Storm"]
    assert project.trash == []
    assert _manifest_titles(project_folder) == ["Arrival", "Storm"]


def test_new_chapter_ids_do_not_reuse_trashed_ones(open_project) -> None:
    project = open_project()
    added = project.add_chapter("Three")
    project.delete_chapter(added)
    again = project.add_chapter("Three again")
    assert again.id != added.id and again.file != added.file


def test_empty_trash_deletes_files(open_project, project_folder: Path) -> None:
    project = open_project()
    project.delete_chapter(project.chapters[1])
    assert project.empty_trash() == 1
    assert not (project_folder / "chapters" / "two.md").exists()
    with pytest.raises(KeyError):
        project.restore_chapter("two")


def test_move_chapter_reorders(open_project, project_folder: Path) -> None:
    project = open_project()
    third = project.add_chapter("Calm")
    project.move_chapter(third, 0)
    assert _manifest_titles(project_folder) == ["Calm", "Arrival", "Storm"]
    project.move_chapter(project.chapters[0], 99)
    assert [c.title for c in project.chapters] == ["Arrival", "Storm", "Calm"]


def test_split_at_offset_creates_the_next_chapter(open_project, project_folder: Path) -> None:
    project = open_project()
    chapter = project.chapters[0]
    text = "First part 😀.\n\nSecond part.\n"
    project.write_chapter(chapter, text)
    new = project.split_chapter(chapter, text.index("Second"), "Second Half")
    assert [c.title for c in project.chapters] == ["Arrival", "Second Half", "Storm"]
    assert project.read_chapter(chapter) == "First part 😀.\n"
    assert project.read_chapter(new) == "Second part.\n"
    assert _manifest_titles(project_folder) == ["Arrival", "Second Half", "Storm"]


def test_split_uses_the_editors_unsaved_text(open_project) -> None:
    project = open_project()
    chapter = project.chapters[0]
    project.read_chapter(chapter)
    new = project.split_chapter(chapter, 5, "Tail", text="Head Tail text")
    assert project.read_chapter(chapter) == "Head\n"
    assert project.read_chapter(new) == "Tail text"


def test_merge_with_next_joins_text_and_trashes_the_next(open_project, project_folder: Path) -> None:
    project = open_project()
    first, second = project.chapters
    merged_away = project.merge_with_next(first)
    assert merged_away is second
    assert [c.title for c in project.chapters] == ["Arrival"]
    assert project.read_chapter(first) == "The ferry came in late.\n\nRain all night.\n"
    assert [t.chapter.id for t in project.trash] == ["two"]
    with pytest.raises(ProjectError, match="last chapter"):
        project.merge_with_next(first)


def test_failed_manifest_save_rolls_back_memory(open_project, project_folder: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project = open_project()
    before = (project_folder / "project.json").read_text()

    def full(fd: int, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "_write_all", full)
    with pytest.raises(SaveError):
        project.rename_chapter(project.chapters[0], "Never")
    with pytest.raises(SaveError):
        project.delete_chapter(project.chapters[0])
    with pytest.raises(SaveError):
        project.move_chapter(project.chapters[1], 0)
    assert [c.title for c in project.chapters] == ["Arrival", "Storm"] and project.trash == []
    assert (project_folder / "project.json").read_text() == before


def test_failed_add_leaves_no_orphan_file(open_project, project_folder: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    project = open_project()

    def no_manifest() -> None:
        raise SaveError("The disk is full.")

    monkeypatch.setattr(project, "save_manifest", no_manifest)
    with pytest.raises(SaveError):
        project.add_chapter("Doomed", "text")
    assert sorted(p.name for p in (project_folder / "chapters").iterdir()) == ["one.md", "two.md"]
    assert len(project.chapters) == 2


def test_chapter_operations_survive_reopening(open_project, project_folder: Path) -> None:
    project = open_project()
    project.add_chapter("Three", "3\n")
    project.split_chapter(project.chapters[0], 9, "Ferry")
    project.move_chapter(project.chapters[-1], 0)
    titles = [c.title for c in project.chapters]
    project.close()
    with _reopened(project_folder) as again:
        assert [c.title for c in again.chapters] == titles
        assert [t for _c, t in again.iter_chapter_texts()] == ["3\n", "The ferry\n", "came in late.\n",
                                                                "Rain all night.\n"]


@pytest.mark.parametrize("offset", [0, 1000])
def test_split_refuses_to_make_an_empty_chapter(open_project, offset: int) -> None:
    project = open_project()
    chapter = project.chapters[0]
    with pytest.raises(ProjectError, match="empty chapter"):
        project.split_chapter(chapter, offset, "Tail", text="Only text.\n\n")
    assert len(project.chapters) == 2


def test_new_chapter_only_lists_it_and_a_manifest_saver_replaces_the_synchronous_save(
        open_project, project_folder: Path) -> None:
    project = open_project()
    chapter = project.new_chapter("Later", index=1)
    assert [c.title for c in project.chapters] == ["Arrival", "Later", "Storm"]
    assert not project.chapter_path(chapter).exists() and "Later" not in _manifest_titles(project_folder)
    queued: list[bytes] = []
    project.manifest_saver = lambda: queued.append(project.manifest_bytes())
    project.rename_chapter(chapter, "Much Later")
    assert queued and b"Much Later" in queued[0] and "Much Later" not in _manifest_titles(project_folder)
